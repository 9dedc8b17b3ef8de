import LedgerCore
import PostgresClient
import PropertyBased
import Testing
import TestSupport

// The Art. 278 rule has two implementations on purpose: Vote.swift, so `propledger vote check` works
// without a database, and ledger.vote_evaluate, which ledger.votes_evaluated (the reports, the project
// rules) runs. Both are held to Cases/votes.csv, and to each other on generated tallies (VoteSQLTests).

/// The numbers of one vote as text, as a case file or the command line gives them.
struct VoteCase: Sendable, CustomStringConvertible {
    let matter: String
    let totalArea: String, totalOwners: String
    let participatingArea: String, participatingOwners: String
    let approvingArea: String, approvingOwners: String

    /// The six numbers in the order of ledger.vote_evaluate's arguments.
    var numbers: [String] { [totalArea, totalOwners, participatingArea, participatingOwners, approvingArea, approvingOwners] }

    var description: String { "\(matter) \(numbers.joined(separator: " "))" }

    /// Vote.swift's verdict: "quorum_area,quorum_owners,approval_area,approval_owners,passed" as true/false,
    /// or "refused: CODE" with VoteError's code.
    var swiftVerdict: String {
        do {
            let tally = try VoteTally(
                matter: VoteMatter(code: matter),
                totalArea: area(totalArea), totalOwners: count(totalOwners),
                participatingArea: area(participatingArea), participatingOwners: count(participatingOwners),
                approvingArea: area(approvingArea), approvingOwners: count(approvingOwners))
            let outcome = try tally.evaluate()
            return ([.quorumArea, .quorumOwners, .approvalArea, .approvalOwners] as [VoteTestKind])
                .map { String(outcome.test($0).met) }.joined(separator: ",") + ",\(outcome.passed)"
        } catch let error as VoteError {
            return "refused: \(error.code)"
        } catch {
            return "unreadable: \(error)"
        }
    }

    /// An area as `vote check` reads it; a negative area is the vote's "negative" refusal.
    private func area(_ text: String) throws -> Area {
        do { return try Area(parsing: text) } catch where error.reason == .negative {
            throw VoteError.negative(field: "area")
        }
    }

    private func count(_ text: String) throws -> Int {
        guard let value = Int(text) else { throw CaseFileError(message: "\"\(text)\" is not a count") }
        return value
    }
}

extension VoteCase {
    /// The vote of a row of Cases/votes.csv.
    init(_ row: CaseRow) {
        self.init(matter: row["matter"], totalArea: row["total_area"], totalOwners: row["total_owners"],
                  participatingArea: row["participating_area"], participatingOwners: row["participating_owners"],
                  approvingArea: row["approving_area"], approvingOwners: row["approving_owners"])
    }
}

/// What the case file expects, in the form of `VoteCase.swiftVerdict`.
private func expectedVerdict(_ row: CaseRow) -> String {
    guard row["error"].isEmpty else { return "refused: \(row["error"])" }
    return ["quorum_area_met", "quorum_owners_met", "approval_area_met", "approval_owners_met", "passed"]
        .map { row[$0] }.joined(separator: ",")
}

@Suite("Owners' votes (Civil Code Art. 278)")
struct VoteTests {
    @Test("Cases/votes.csv: Vote.swift gives the four tests and the verdict, or the refusal", arguments: try CaseFile.rows("votes"))
    func cases(row: CaseRow) {
        #expect(VoteCase(row).swiftVerdict == expectedVerdict(row))
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

@Suite("Owners' votes: Vote.swift and the product's SQL on the same cases",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct VoteSQLTests {
    let rules: RuleDatabase

    init() throws { rules = try RuleDatabase() }

    /// The verdict of a query's one row of five booleans, in the form of `VoteCase.swiftVerdict`; a refusal
    /// is "refused: SQLSTATE".
    private static func verdict(_ outcome: SQLOutcome) -> String {
        switch outcome {
        case .rows(let rows) where rows.count == 1: return rows[0].map { $0 ?? "NULL" }.joined(separator: ",")
        case .rows(let rows): return "\(rows.count) rows"
        case .refused(let sqlState, _): return "refused: \(sqlState)"
        }
    }

    private static let tests = "quorum_area_met::text, quorum_owners_met::text, approval_area_met::text, approval_owners_met::text, passed::text"

    /// ledger.vote_evaluate on the vote's numbers.
    private func voteEvaluate(_ vote: VoteCase) throws -> String {
        Self.verdict(try rules.rows("""
            SELECT \(raw: Self.tests)
            FROM ledger.vote_evaluate(\(vote.matter), \(vote.totalArea, as: .numeric), \(vote.totalOwners, as: .integer),
                                      \(vote.participatingArea, as: .numeric), \(vote.participatingOwners, as: .integer),
                                      \(vote.approvingArea, as: .numeric), \(vote.approvingOwners, as: .integer))
            """))
    }

    /// ledger.votes_evaluated (what the reports and the project rules read) over the vote as a ledger row
    /// of a proposed project, with its totals given; its deferred rules fired as COMMIT would; rolled back.
    private func votesEvaluated(_ vote: VoteCase) throws -> String {
        Self.verdict(try rules.rolledBack { connection in
            try rules.insertCompound()
            try rules.insertProject("P", budget: nil)
            try connection.execute("""
                INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
                                          participating_area_m2, participating_owners, approving_area_m2, approving_owners)
                VALUES ('P', \(vote.matter), DATE '2026-01-02', \(RuleDatabase.district),
                        \(vote.totalArea, as: .numeric), \(vote.totalOwners, as: .integer),
                        \(vote.participatingArea, as: .numeric), \(vote.participatingOwners, as: .integer),
                        \(vote.approvingArea, as: .numeric), \(vote.approvingOwners, as: .integer))
                """)
            try rules.checkDeferredRules()
            return try connection.query(SQLQuery("SELECT \(raw: Self.tests) FROM ledger.votes_evaluated WHERE project_code = 'P'")) { $0.texts }
        })
    }

    @Test("Cases/votes.csv: Vote.swift, ledger.vote_evaluate and ledger.votes_evaluated give every case's verdict")
    func cases() throws {
        for row in try CaseFile.rows("votes") {
            let vote = VoteCase(row), file = expectedVerdict(row)
            let swift = vote.swiftVerdict, sql = try voteEvaluate(vote), ledger = try votesEvaluated(vote)
            #expect(swift == file, "\(row.testDescription): Vote.swift")
            if row["error"].isEmpty {
                #expect(sql == file, "\(row.testDescription): ledger.vote_evaluate")
                #expect(ledger == file, "\(row.testDescription): ledger.votes_evaluated")
            } else {
                #expect(sql == "refused: 22023", "\(row.testDescription): ledger.vote_evaluate")
                // Refused as a row (a CHECK of ledger.votes, 23514) or when its project is checked (22023).
                #expect(ledger == "refused: 23514" || ledger == "refused: 22023", "\(row.testDescription): ledger.votes")
            }
        }
    }

    @Test("property: Vote.swift and ledger.vote_evaluate agree on generated tallies, possible or not")
    func agreeOnGeneratedTallies() async {
        // Small numbers, drawn independently: the thresholds are met exactly, missed by one, and
        // impossible tallies (participants above totals, approvals above participants) come up often.
        let matters = Gen.element(of: VoteMatter.allCases.map(\.rawValue))
        let owners = Gen.int(in: 0...13).array(of: 3)
        let areas = Gen.int64(in: 0...1_300).array(of: 3)
        await propertyCheck(count: 500, input: matters, owners, areas) { matter, owners, areas in
            guard let matter else { return }
            let vote = VoteCase(matter: matter, totalArea: decimalText(areas[0]), totalOwners: String(owners[0]),
                                participatingArea: decimalText(areas[1]), participatingOwners: String(owners[1]),
                                approvingArea: decimalText(areas[2]), approvingOwners: String(owners[2]))
            let swift = vote.swiftVerdict, sql = try voteEvaluate(vote)
            #expect(swift.hasPrefix("refused") ? sql == "refused: 22023" : sql == swift, "\(vote): Vote.swift \(swift), SQL \(sql)")
        }
    }
}
