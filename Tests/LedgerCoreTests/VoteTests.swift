import LedgerCore
import PropertyBased
import Testing

@Suite("Owners' votes (Civil Code Art. 278)")
struct VoteTests {
    @Test("Cases/votes.csv: the four tests and the verdict, or the refusal", arguments: try CaseFile.rows("votes"))
    func cases(row: CaseRow) {
        do {
            let tally = try VoteTally(
                matter: VoteMatter(code: row["matter"]),
                totalArea: area(row["total_area"]), totalOwners: Int(row["total_owners"])!,
                participatingArea: area(row["participating_area"]), participatingOwners: Int(row["participating_owners"])!,
                approvingArea: area(row["approving_area"]), approvingOwners: Int(row["approving_owners"])!)
            let outcome = try tally.evaluate()
            #expect(row["error"] == "")
            #expect(outcome.test(.quorumArea).met == (row["quorum_area_met"] == "true"))
            #expect(outcome.test(.quorumOwners).met == (row["quorum_owners_met"] == "true"))
            #expect(outcome.test(.approvalArea).met == (row["approval_area_met"] == "true"))
            #expect(outcome.test(.approvalOwners).met == (row["approval_owners_met"] == "true"))
            #expect(outcome.passed == (row["passed"] == "true"))
        } catch let error as VoteError {
            #expect(error.code == row["error"])
        } catch {
            Issue.record("\(row.testDescription): \(error)")
        }
    }

    /// An area from a case file; a negative area is the vote's "negative" refusal.
    private func area(_ text: String) throws -> Area {
        do { return try Area(parsing: text) } catch where error.reason == .negative {
            throw VoteError.negative(field: "area")
        }
    }

    @Test("fractions, thresholds and their display are exact")
    func display() throws {
        let tally = VoteTally(matter: .raiseFund, totalArea: try Area(parsing: "19000"), totalOwners: 38,
                              participatingArea: try Area(parsing: "13000"), participatingOwners: 26,
                              approvingArea: try Area(parsing: "9750"), approvingOwners: 20)
        let outcome = try tally.evaluate()
        #expect(outcome.tests.map(\.kind) == [.quorumArea, .quorumOwners, .approvalArea, .approvalOwners])
        #expect(outcome.test(.quorumOwners).fraction == Fraction(26, 38))
        #expect(outcome.test(.quorumOwners).fraction.percentText() == "68.42%")
        #expect(outcome.test(.quorumArea).fraction.percentText() == "68.42%")
        #expect(outcome.test(.approvalArea).fraction.percentText() == "75.00%")
        #expect(outcome.test(.approvalOwners).fraction.percentText() == "76.92%")
        #expect(outcome.test(.approvalArea).threshold.description == "at least 3/4")
        #expect(outcome.test(.quorumArea).threshold.description == "at least 2/3")
        #expect(outcome.passed)
        // Shares are rounded towards the verdict, so they never contradict it.
        let nearly = try VoteTally(matter: .raiseFund, totalArea: try Area(parsing: "19000"), totalOwners: 38,
                                   participatingArea: try Area(parsing: "13000"), participatingOwners: 26,
                                   approvingArea: try Area(parsing: "9749.99"), approvingOwners: 20).evaluate()
        #expect(nearly.test(.approvalArea).percentText == "74.99%")
        #expect(!nearly.test(.approvalArea).met)
        #expect(outcome.test(.quorumArea).percentText == "68.43%")
        #expect(Fraction(2, 3).percentText() == "66.67%")
        #expect(Fraction(1, 8).percentText() == "12.50%")
        #expect(Fraction(1, 80000).percentText() == "0.00%")
        #expect(Fraction(1, 20000).percentText() == "0.01%")
        #expect(Fraction(0, 0).percentText() == "—")
        #expect(Fraction(2, 3).percentText(rounding: .down) == "66.66%")
        #expect(Fraction(1, 3).percentText(rounding: .up) == "33.34%")
        #expect(Fraction(1, 4).percentText(rounding: .up) == "25.00%")
        #expect(VoteThreshold.moreThanHalf.description == "more than 1/2")
        #expect(!VoteThreshold.moreThanHalf.isMet(by: Fraction(0, 0)))
        #expect(VoteThreshold.atLeastTwoThirds.isMet(by: Fraction(.max / 3 * 2, .max / 3 * 3)))
    }

    @Test("impossible numbers are refused with a message")
    func refusals() throws {
        func tally(_ to: Int, _ po: Int, _ ao: Int) -> VoteTally {
            VoteTally(matter: .useFund, totalArea: Area(hundredths: 100_000)!, totalOwners: to,
                      participatingArea: Area(hundredths: 100_000)!, participatingOwners: po,
                      approvingArea: Area(hundredths: 100_000)!, approvingOwners: ao)
        }
        #expect(throws: VoteError.participatingOwnersExceedTotal(participating: 11, total: 10)) { try tally(10, 11, 9).evaluate() }
        #expect(throws: VoteError.zeroTotalOwners) { try tally(0, 0, 0).evaluate() }
        #expect(throws: VoteError.negative(field: "approving owners")) { try tally(10, 10, -1).evaluate() }
        #expect(throws: VoteError.unknownMatter("build_tower")) { try VoteMatter(code: "build_tower") }
        #expect(VoteError.participatingOwnersExceedTotal(participating: 11, total: 10).description
            == "participating owners 11 exceed total owners 10")
    }

    @Test("property: more approvals never turn a passing vote into a failing one")
    func monotoneInApprovals() async {
        let matters = Gen.element(of: VoteMatter.allCases)
        let counts = Gen.int(in: 0...1_000).array(of: 6)
        await propertyCheck(count: 500, input: matters, counts) { matter, c in
            guard let matter else { return }
            // Build a possible tally from six draws: totals ≥ participants ≥ approvals ≥ 0.
            let totalOwners = c[0] + 1, participatingOwners = c[1] % (totalOwners + 1)
            let approvingOwners = c[2] % (participatingOwners + 1)
            let totalArea = Int64(c[3] + 1) * 137, participatingArea = Int64(c[4]) * 137 % (totalArea + 1)
            let approvingArea = Int64(c[5]) * 101 % (participatingArea + 1)
            func passes(_ area: Int64, _ owners: Int) throws -> Bool {
                try VoteTally(matter: matter, totalArea: Area(hundredths: totalArea)!, totalOwners: totalOwners,
                              participatingArea: Area(hundredths: participatingArea)!, participatingOwners: participatingOwners,
                              approvingArea: Area(hundredths: area)!, approvingOwners: owners).evaluate().passed
            }
            let before = try passes(approvingArea, approvingOwners)
            let moreArea = min(participatingArea, approvingArea + 1 + Int64(c[0]))
            let moreOwners = min(participatingOwners, approvingOwners + 1)
            if before {
                #expect(try passes(moreArea, approvingOwners))
                #expect(try passes(approvingArea, moreOwners))
                #expect(try passes(moreArea, moreOwners))
            }
            // And the other way round: fewer approvals never turn a failing vote into a passing one.
            if !(try passes(moreArea, moreOwners)) { #expect(!before) }
        }
    }
}
