// A second, independent implementation of the largest-remainder rule (SPEC §2.3, §2.4), kept in the tests
// only to check the SQL, which is the product's one implementation: ledger.allocate (behind report.allocate
// in report.apportion_report), ledger.split_percent, and the window-function split of ledger.funding_amounts.
// It was LedgerCore's Allocation until nothing in the binary called it. Whole fen and hundredths with
// 128-bit intermediates, where the SQL uses numeric: the two share no code and no arithmetic type.

extension Reference {
    /// Why the reference refuses an allocation.
    enum Refusal: Error, Equatable, CustomStringConvertible {
        /// No weights, units or percents to allocate over.
        case empty
        /// A weight (floor area) that is zero or negative; `position` is 1-based.
        case nonpositiveWeight(position: Int)
        /// A negative percent; `position` is 1-based.
        case negativePercent(position: Int)
        /// Percents that do not sum to exactly 100.00; `hundredths` is what they sum to.
        case percentSum(hundredths: Int64)
        /// Weights that sum beyond 64 bits.
        case weightsTooLarge
        /// Two units with the same (building, unit_no).
        case duplicateUnit(building: String, unitNo: String)

        /// The `error` column of Cases/*.csv for this refusal.
        var code: String {
            switch self {
            case .empty: return "empty"
            case .nonpositiveWeight: return "nonpositive_weight"
            case .negativePercent: return "negative_percent"
            case .percentSum: return "percent_sum"
            case .weightsTooLarge: return "weights_too_large"
            case .duplicateUnit: return "duplicate_unit"
            }
        }

        var description: String { code }
    }

    /// A benefiting unit: its labels and its floor area in hundredths of a m².
    struct Unit: Sendable, Hashable, CustomStringConvertible {
        let building: String
        let unitNo: String
        let areaHundredths: Int64

        var description: String { "\(building)/\(unitNo)" }
    }

    /// Splits `fen` over non-negative `weights` with a positive sum: each part is the floor of its exact
    /// share, the leftover fen go one each to the largest remainders, equal remainders in array order. A
    /// negative amount gives the negated parts of its absolute value. The parts always sum to `fen`.
    static func largestRemainder(fen: Int64, weights: [Int64]) throws(Refusal) -> [Int64] {
        if weights.isEmpty { throw .empty }
        if let position = weights.firstIndex(where: { $0 < 0 }) { throw .nonpositiveWeight(position: position + 1) }
        var total: UInt64 = 0
        for weight in weights {
            let (sum, overflow) = total.addingReportingOverflow(UInt64(weight))
            if overflow { throw .weightsTooLarge }
            total = sum
        }
        if total == 0 { throw .nonpositiveWeight(position: 1) }
        let magnitude = fen.magnitude
        var floors: [UInt64] = []
        var remainders: [UInt64] = []
        for weight in weights {
            // weight ≤ total, so the quotient ≤ magnitude fits in 64 bits.
            let (quotient, remainder) = total.dividingFullWidth(magnitude.multipliedFullWidth(by: UInt64(weight)))
            floors.append(quotient)
            remainders.append(remainder)
        }
        let leftover = magnitude - floors.reduce(0, +)  // < number of weights
        let byRemainder = weights.indices.sorted { remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : $0 < $1 }
        for index in byRemainder.prefix(Int(leftover)) { floors[index] += 1 }
        return floors.map { fen < 0 ? Int64(truncatingIfNeeded: 0 &- $0) : Int64($0) }
    }

    /// Splits `fen` over positive floor areas (hundredths of a m²) in array order, as `ledger.allocate` does.
    static func allocate(fen: Int64, areas: [Int64]) throws(Refusal) -> [Int64] {
        if let position = areas.firstIndex(where: { $0 <= 0 }) { throw .nonpositiveWeight(position: position + 1) }
        return try largestRemainder(fen: fen, weights: areas)
    }

    /// Apportions `fen` over `units` by floor area (SPEC §2.3), ties and result in (building, unit_no)
    /// natural order, as `report.apportion_report` does.
    static func apportion(fen: Int64, over units: [Unit]) throws(Refusal) -> [(unit: Unit, fen: Int64)] {
        let ordered = units.sorted {
            let (b0, b1) = (NaturalKey($0.building), NaturalKey($1.building))
            return b0 != b1 ? b0 < b1 : NaturalKey($0.unitNo) < NaturalKey($1.unitNo)
        }
        for (previous, next) in zip(ordered, ordered.dropFirst())
        where NaturalKey(previous.building) == NaturalKey(next.building)
            && NaturalKey(previous.unitNo) == NaturalKey(next.unitNo) {
            throw .duplicateUnit(building: next.building, unitNo: next.unitNo)
        }
        let amounts = try allocate(fen: fen, areas: ordered.map(\.areaHundredths))
        return Array(zip(ordered, amounts)).map { (unit: $0, fen: $1) }
    }

    /// Turns percents (hundredths of a percent, summing to exactly 100.00) into amounts of `fen` by the same
    /// rule (SPEC §2.4), ties in array order; a 0 percent gets 0.00. As `ledger.split_percent` does.
    static func splitPercent(fen: Int64, percents: [Int64]) throws(Refusal) -> [Int64] {
        if percents.isEmpty { throw .empty }
        if let position = percents.firstIndex(where: { $0 < 0 }) { throw .negativePercent(position: position + 1) }
        var sum: Int64 = 0
        for percent in percents {
            let (next, overflow) = sum.addingReportingOverflow(percent)
            if overflow { throw .weightsTooLarge }
            sum = next
        }
        if sum != 10_000 { throw .percentSum(hundredths: sum) }
        return try largestRemainder(fen: fen, weights: percents)
    }
}
