import LedgerCore
import PropertyBased
import Testing

/// The error code of Cases/*.csv for a refused amount, area or percent, or a refused allocation.
private func code(of error: any Error, parsing what: String) -> String {
    switch error {
    case let error as DecimalParseError:
        switch (what, error.reason) {
        case ("amount", .tooManyDecimals): return "amount_scale"
        case ("area", .negative): return "nonpositive_weight"
        case ("percent", .negative): return "negative_percent"
        case ("percent", .tooManyDecimals): return "percent_scale"
        default: return "unparsable \(what): \(error)"
        }
    case let error as AllocationError:
        switch error {
        case .nothingToAllocateOver: return "empty"
        case .zeroWeight, .negativeWeight: return "nonpositive_weight"
        case .percentSum: return "percent_sum"
        default: return "\(error)"
        }
    default: return "\(error)"
    }
}

private func money(_ texts: [String]) throws -> [Money] { try texts.map { try Money(parsing: $0) } }

@Suite("Largest-remainder allocation, apportionment and percent splits")
struct AllocationTests {
    @Test("Cases/allocation.csv: parts or the refusal", arguments: try CaseFile.rows("allocation"))
    func allocationCases(row: CaseRow) throws {
        var stage = "amount"
        do {
            let amount = try Money(parsing: row["amount"])
            stage = "area"
            let weights = try row.list("weights").map { try Area(parsing: $0) }
            let parts = try Allocation.allocate(amount, weights: weights)
            #expect(row["error"] == "")
            #expect(parts == (try money(row.list("expected"))))
            #expect(try Money.sum(parts) == amount)
        } catch {
            #expect(code(of: error, parsing: stage) == row["error"])
        }
    }

    @Test("Cases/apportion.csv: every unit's amount, ties by (building, unit_no)",
          arguments: Dictionary(grouping: try CaseFile.rows("apportion"), by: { $0["case"] }).values
              .map { $0.sorted { $0.line < $1.line } }.sorted { $0[0].line < $1[0].line })
    func apportionCases(rows: [CaseRow]) throws {
        let share = try Money(parsing: rows[0]["share"])
        let units = try rows.map {
            ApportionmentUnit(building: $0["building"], unitNo: $0["unit_no"], floorArea: try Area(parsing: $0["floor_area_m2"]))
        }
        do {
            let result = try Allocation.apportion(share, over: units)
            #expect(rows[0]["error"] == "")
            for row in rows {
                let amount = result.first { $0.unit.building == row["building"] && $0.unit.unitNo == row["unit_no"] }?.amount
                #expect(amount == (try Money(parsing: row["expected_amount"])), "\(row.testDescription)")
            }
            #expect(try Money.sum(result.map(\.amount)) == share)
            // The result comes in (building, unit_no) natural order.
            #expect(result.map(\.unit) == units.sorted {
                NaturalKey($0.building) != NaturalKey($1.building)
                    ? NaturalKey($0.building) < NaturalKey($1.building) : NaturalKey($0.unitNo) < NaturalKey($1.unitNo)
            })
        } catch {
            #expect(code(of: error, parsing: "area") == rows[0]["error"])
        }
    }

    @Test("Cases/percent_split.csv: amounts or the refusal naming the gap", arguments: try CaseFile.rows("percent_split"))
    func percentCases(row: CaseRow) throws {
        var stage = "percent"
        do {
            let percents = try row.list("percents").map { try Percent(parsing: $0) }
            stage = "amount"
            let amount = try Money(parsing: row["amount"])
            let parts = try Allocation.splitPercent(amount, percents: percents)
            #expect(row["error"] == "")
            #expect(parts == (try money(row.list("expected"))))
        } catch {
            #expect(code(of: error, parsing: stage) == row["error"])
            if row["message"] != "" { #expect("\(error)" == row["message"]) }
        }
    }

    @Test("0.01 over three equal units gives exactly one unit 0.01")
    func penny() throws {
        let units = ["101", "102", "103"].map { ApportionmentUnit(building: "1", unitNo: $0, floorArea: Area(hundredths: 5000)!) }
        let amounts = try Allocation.apportion(Money(fen: 1), over: units.reversed()).map(\.amount.fen)
        #expect(amounts == [1, 0, 0])
    }

    @Test("1,000,000.00 over 7 equal units: the 2 leftover fen go to the first units in (building, unit_no) order")
    func million() throws {
        let keys = [("10", "1"), ("2", "10"), ("2", "9"), ("1", "101"), ("1", "1001"), ("1", "201"), ("A", "1")]
        let units = keys.map { ApportionmentUnit(building: $0.0, unitNo: $0.1, floorArea: Area(hundredths: 8000)!) }
        let result = try Allocation.apportion(Money(fen: 100_000_000), over: units)
        #expect(result.map { "\($0.unit.building)/\($0.unit.unitNo)=\($0.amount)" } == [
            "1/101=142857.15", "1/201=142857.15", "1/1001=142857.14", "2/9=142857.14", "2/10=142857.14",
            "10/1=142857.14", "A/1=142857.14",
        ])
    }

    @Test("a zero-area unit and a duplicate unit are refused")
    func refusals() {
        let unit = ApportionmentUnit(building: "1", unitNo: "101", floorArea: .zero)
        #expect(throws: AllocationError.zeroWeight(position: 1)) { try Allocation.apportion(Money(fen: 100), over: [unit]) }
        #expect(AllocationError.zeroWeight(position: 2).description == "weight 2 is 0: every weight (floor area) must be positive")
        let twice = ApportionmentUnit(building: "1", unitNo: "101", floorArea: Area(hundredths: 100)!)
        #expect(throws: AllocationError.duplicateUnit(building: "1", unitNo: "101")) {
            try Allocation.apportion(Money(fen: 100), over: [twice, twice])
        }
    }

    @Test("33.33/33.33/33.34 is accepted; 33.33 ×3 is refused naming the 0.01 gap")
    func percentSums() throws {
        let thirds = try ["33.33", "33.33", "33.34"].map { try Percent(parsing: $0) }
        #expect(try Allocation.splitPercent(Money(fen: 10_000), percents: thirds).map(\.fen) == [3333, 3333, 3334])
        let short = Array(repeating: Percent(hundredths: 3333)!, count: 3)
        #expect(throws: AllocationError.percentSum(sum: 9999)) { try Allocation.splitPercent(Money(fen: 10_000), percents: short) }
        #expect(AllocationError.percentSum(sum: 9999).description == "percents sum to 99.99, 0.01 short of 100")
        #expect(AllocationError.percentSum(sum: 10_050).description == "percents sum to 100.50, 0.50 over 100")
    }

    @Test("the tie order decides equal remainders, and must be a permutation")
    func tieOrder() throws {
        #expect(try Allocation.largestRemainder(Money(fen: 2), weights: [1, 1, 1], tieOrder: [2, 0, 1]).map(\.fen) == [1, 0, 1])
        #expect(throws: AllocationError.invalidTieOrder) {
            try Allocation.largestRemainder(Money(fen: 2), weights: [1, 1, 1], tieOrder: [0, 0, 1])
        }
        #expect(throws: AllocationError.zeroTotalWeight) { try Allocation.largestRemainder(Money(fen: 2), weights: [0, 0]) }
        #expect(throws: AllocationError.weightsTooLarge) { try Allocation.largestRemainder(Money(fen: 2), weights: [.max, .max, .max]) }
    }

    @Test("extreme amounts stay exact (128-bit intermediates)")
    func extremes() throws {
        let parts = try Allocation.largestRemainder(Money(fen: .max), weights: [.max / 3, .max / 3, .max / 3 + 1])
        #expect(try Money.sum(parts) == Money(fen: .max))
        let negative = try Allocation.largestRemainder(Money(fen: .min), weights: [1, 1])
        #expect(negative.map(\.fen) == [Int64.min / 2, Int64.min / 2])
    }

    // Properties ---------------------------------------------------------------------------------

    private static let areas = Gen.int64(in: 1...10_000_000).array(of: 1...40)
    private static let shares = Gen.int64(in: -100_000_000_000_000...100_000_000_000_000)

    private static func units(_ areas: [Int64]) -> [ApportionmentUnit] {
        areas.enumerated().map { ApportionmentUnit(building: "\($0.offset % 3)", unitNo: "\($0.offset)", floorArea: Area(hundredths: $0.element)!) }
    }

    @Test("property: an apportionment always sums exactly to the share")
    func sumsExactly() async {
        await propertyCheck(count: 300, input: Self.shares, Self.areas) { share, areas in
            let result = try Allocation.apportion(Money(fen: share), over: Self.units(areas))
            #expect(try Money.sum(result.map(\.amount)) == Money(fen: share))
        }
    }

    @Test("property: a unit with more area never receives less than a unit with less")
    func moreAreaNeverLess() async {
        await propertyCheck(count: 300, input: Gen.int64(in: 0...100_000_000_000_000), Self.areas) { share, areas in
            let result = try Allocation.apportion(Money(fen: share), over: Self.units(areas))
            for a in result {
                for b in result where a.unit.floorArea > b.unit.floorArea {
                    #expect(a.amount >= b.amount, "\(a) vs \(b)")
                }
            }
        }
    }

    @Test("property: a refund is the mirror image of the charge")
    func mirror() async {
        await propertyCheck(count: 200, input: Gen.int64(in: 0...100_000_000_000_000), Self.areas) { share, areas in
            let charge = try Allocation.apportion(Money(fen: share), over: Self.units(areas))
            let refund = try Allocation.apportion(Money(fen: -share), over: Self.units(areas))
            #expect(refund.map(\.amount) == charge.map { -$0.amount })
        }
    }
}
