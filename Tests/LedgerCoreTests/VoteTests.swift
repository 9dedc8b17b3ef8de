import LedgerCore
import PostgresClient
import PropertyBased
import Testing
import TestSupport

// The vote rule has two implementations on purpose: Vote.swift, so `propledger vote check` works
// without a database, and ledger.vote_evaluate, which ledger.votes_evaluated (the reports, the project
// rules) runs, its thresholds read from ledger.rules. Both are held to Cases/votes.csv (both laws, both
// sides of 2021-01-01), to each other on generated tallies, and VoteLaw.all to ledger.vote_laws (VoteSQLTests).

/// The numbers of one vote as text, as a case file or the command line gives them.
struct VoteCase: Sendable, CustomStringConvertible {
    let matter: String
    let heldOn: String
    let totalArea: String, totalOwners: String
    let participatingArea: String, participatingOwners: String
    let approvingArea: String, approvingOwners: String

    /// The six numbers in the order of ledger.vote_evaluate's arguments.
    var numbers: [String] { [totalArea, totalOwners, participatingArea, participatingOwners, approvingArea, approvingOwners] }

    var description: String { "\(matter) \(heldOn) \(numbers.joined(separator: " "))" }

    /// Vote.swift's verdict: "law,quorum_area,quorum_owners,approval_area,approval_owners,passed" (the law's
    /// code, then true/false), or "refused: CODE" with VoteError's code.
    var swiftVerdict: String {
        do {
            let tally = try VoteTally(
                matter: VoteMatter(code: matter),
                totalArea: area(totalArea), totalOwners: count(totalOwners),
                participatingArea: area(participatingArea), participatingOwners: count(participatingOwners),
                approvingArea: area(approvingArea), approvingOwners: count(approvingOwners))
            let outcome = try tally.evaluate(heldOn: heldOn)
            return ([outcome.law.code] + ([.quorumArea, .quorumOwners, .approvalArea, .approvalOwners] as [VoteTestKind])
                .map { String(outcome.test($0).met) }).joined(separator: ",") + ",\(outcome.passed)"
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
        self.init(matter: row["matter"], heldOn: row["held_on"], totalArea: row["total_area"], totalOwners: row["total_owners"],
                  participatingArea: row["participating_area"], participatingOwners: row["participating_owners"],
                  approvingArea: row["approving_area"], approvingOwners: row["approving_owners"])
    }
}

/// What the case file expects, in the form of `VoteCase.swiftVerdict`.
private func expectedVerdict(_ row: CaseRow) -> String {
    guard row["error"].isEmpty else { return "refused: \(row["error"])" }
    return ["law", "quorum_area_met", "quorum_owners_met", "approval_area_met", "approval_owners_met", "passed"]
        .map { row[$0] }.joined(separator: ",")
}

@Suite("Owners' votes (Civil Code Art. 278; Property Law Art. 76 before 2021)")
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
        let outcome = try tally.evaluate(heldOn: "2026-03-01")
        #expect(outcome.law == .civilCode278)
        #expect(outcome.tests.map(\.kind) == [.quorumArea, .quorumOwners, .approvalArea, .approvalOwners])
        #expect(outcome.test(.quorumOwners).fraction == Fraction(26, 38))
        #expect(outcome.test(.quorumOwners).fraction.percentText() == "68.42%")
        #expect(outcome.test(.quorumArea).fraction.percentText() == "68.42%")
        #expect(outcome.test(.approvalArea).fraction.percentText() == "75.00%")
        #expect(outcome.test(.approvalOwners).fraction.percentText() == "76.92%")
        #expect(outcome.test(.approvalArea).threshold?.description == "at least 3/4")
        #expect(outcome.test(.quorumArea).threshold?.description == "at least 2/3")
        #expect(outcome.passed)
        // Shares are rounded towards the verdict, so they never contradict it.
        let nearly = try VoteTally(matter: .raiseFund, totalArea: try Area(parsing: "19000"), totalOwners: 38,
                                   participatingArea: try Area(parsing: "13000"), participatingOwners: 26,
                                   approvingArea: try Area(parsing: "9749.99"), approvingOwners: 20).evaluate(heldOn: "2026-03-01")
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
        let half = try #require(VoteThreshold(rule: ">1/2")), twoThirds = try #require(VoteThreshold(rule: ">=2/3"))
        #expect(half.description == "more than 1/2")
        #expect(!half.isMet(by: Fraction(0, 0)))
        #expect(!half.isMet(by: Fraction(5, 10)) && half.isMet(by: Fraction(6, 10)))
        #expect(twoThirds.isMet(by: Fraction(.max / 3 * 2, .max / 3 * 3)))
        #expect(twoThirds.isMet(by: Fraction(2, 3)) && !twoThirds.isMet(by: Fraction(199, 300)))
        #expect(VoteThreshold(rule: "2/3") == nil && VoteThreshold(rule: ">=2/0") == nil && VoteThreshold(rule: ">=x/3") == nil)
        // Before 2021 no quorum: the quorum tests have no bar and are met.
        let before = try tally.evaluate(heldOn: "2020-12-31")
        #expect(before.law == .propertyLaw76 && before.test(.quorumArea).threshold == nil && before.test(.quorumArea).met)
        #expect(before.test(.approvalArea).fraction == Fraction(975_000, 1_900_000))
    }

    @Test("impossible numbers are refused with a message")
    func refusals() throws {
        func tally(_ to: Int, _ po: Int, _ ao: Int) -> VoteTally {
            VoteTally(matter: .useFund, totalArea: Area(hundredths: 100_000)!, totalOwners: to,
                      participatingArea: Area(hundredths: 100_000)!, participatingOwners: po,
                      approvingArea: Area(hundredths: 100_000)!, approvingOwners: ao)
        }
        #expect(throws: VoteError.participatingOwnersExceedTotal(participating: 11, total: 10)) { try tally(10, 11, 9).evaluate(heldOn: "2026-01-01") }
        #expect(throws: VoteError.zeroTotalOwners) { try tally(0, 0, 0).evaluate(heldOn: "2026-01-01") }
        #expect(throws: VoteError.negative(field: "approving owners")) { try tally(10, 10, -1).evaluate(heldOn: "2026-01-01") }
        #expect(throws: VoteError.noLaw(heldOn: "2007-09-30")) { try tally(10, 10, 9).evaluate(heldOn: "2007-09-30") }
        #expect(throws: VoteError.unknownMatter("build_tower")) { try VoteMatter(code: "build_tower") }
        #expect(VoteError.participatingOwnersExceedTotal(participating: 11, total: 10).description
            == "participating owners 11 exceed total owners 10")
    }

    @Test("property: more approvals never turn a passing vote into a failing one, under either law")
    func monotoneInApprovals() async {
        let matters = Gen.element(of: VoteMatter.allCases)
        let counts = Gen.int(in: 0...1_000).array(of: 6)
        let days = Gen.element(of: ["2019-05-01", "2020-12-31", "2021-01-01", "2026-03-01"])
        await propertyCheck(count: 500, input: matters, counts, days) { matter, c, day in
            guard let matter, let day else { return }
            // Build a possible tally from six draws: totals ≥ participants ≥ approvals ≥ 0.
            let totalOwners = c[0] + 1, participatingOwners = c[1] % (totalOwners + 1)
            let approvingOwners = c[2] % (participatingOwners + 1)
            let totalArea = Int64(c[3] + 1) * 137, participatingArea = Int64(c[4]) * 137 % (totalArea + 1)
            let approvingArea = Int64(c[5]) * 101 % (participatingArea + 1)
            func passes(_ area: Int64, _ owners: Int) throws -> Bool {
                try VoteTally(matter: matter, totalArea: Area(hundredths: totalArea)!, totalOwners: totalOwners,
                              participatingArea: Area(hundredths: participatingArea)!, participatingOwners: participatingOwners,
                              approvingArea: Area(hundredths: area)!, approvingOwners: owners).evaluate(heldOn: day).passed
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

    private static let tests = "law, quorum_area_met::text, quorum_owners_met::text, approval_area_met::text, approval_owners_met::text, passed::text"

    /// ledger.vote_evaluate on the vote's date and numbers.
    private func voteEvaluate(_ vote: VoteCase) throws -> String {
        Self.verdict(try rules.rows("""
            SELECT \(raw: Self.tests)
            FROM ledger.vote_evaluate(\(vote.matter), \(vote.heldOn, as: .date), \(vote.totalArea, as: .numeric), \(vote.totalOwners, as: .integer),
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
                VALUES ('P', \(vote.matter), \(vote.heldOn, as: .date), \(RuleDatabase.district),
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
                // Refused as a row (a CHECK of ledger.votes, 23514; votes_law_known when no law covers its date)
                // or when its project is checked (22023).
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
        let days = Gen.element(of: ["2007-09-30", "2007-10-01", "2019-05-01", "2020-12-31", "2021-01-01", "2026-03-01"])
        await propertyCheck(count: 500, input: matters, owners, areas, days) { matter, owners, areas, day in
            guard let matter, let day else { return }
            let vote = VoteCase(matter: matter, heldOn: day, totalArea: decimalText(areas[0]), totalOwners: String(owners[0]),
                                participatingArea: decimalText(areas[1]), participatingOwners: String(owners[1]),
                                approvingArea: decimalText(areas[2]), approvingOwners: String(owners[2]))
            let swift = vote.swiftVerdict, sql = try voteEvaluate(vote)
            #expect(swift.hasPrefix("refused") ? sql == "refused: 22023" : sql == swift, "\(vote): Vote.swift \(swift), SQL \(sql)")
        }
    }

    @Test("VoteMatter's Chinese labels, which vote check shows without a database, are the label table's (report.labels, votes.matter)")
    func matterLabelsMatchTheLabelTable() throws {
        let table = try rules.rows("SELECT code, label_zh FROM report.labels WHERE kind = 'votes' AND column_name = 'matter' ORDER BY code COLLATE \"C\"")
        guard case .rows(let rows) = table else { Issue.record("report.labels: \(table)"); return }
        let swift = VoteMatter.allCases.map { [$0.rawValue, $0.labelZH] as [String?] }.sorted { ($0[0] ?? "") < ($1[0] ?? "") }
        #expect(rows == swift)
    }

    @Test("VoteLaw.all, which vote check uses without a database, is exactly ledger.vote_laws (the national vote.* rows of ledger.rules)")
    func lawsMatchTheRulesTable() throws {
        let table = try rules.rows("""
            SELECT valid_from::text, law, coalesce(quorum, 'none'), approval_base, special_matters, special_approval, ordinary_approval
            FROM ledger.vote_laws ORDER BY valid_from
            """)
        guard case .rows(let rows) = table else { Issue.record("ledger.vote_laws: \(table)"); return }
        let swift = VoteLaw.all.map { law -> [String?] in
            [law.validFrom, law.code, law.quorum?.rule ?? "none", law.approvalBase.rawValue,
             VoteMatter.allCases.filter(law.specialMatters.contains).map(\.rawValue).joined(separator: ","),
             law.specialApproval.rule, law.ordinaryApproval.rule]
        }
        // special_matters is compared as a set: sort both.
        func normalised(_ row: [String?]) -> [String?] {
            var row = row
            row[4] = row[4].map { $0.split(separator: ",").sorted().joined(separator: ",") }
            return row
        }
        #expect(rows.map(normalised) == swift.map(normalised))
    }
}
