import Foundation
import LedgerCore
import Testing
import TestSupport

/// Errors that help (issue 14 point 6): did you mean, impossible dates called impossible, filters naming
/// nothing said (never an empty table), unknown districts in access grants, score weights summing to 1.
@Suite("errors that help")
struct HelpfulErrorsTests {
    @Test("did you mean: a misspelt command or report name gets the closest one, exit 64")
    func didYouMean() throws {
        let command = try CLI.run(["reprot", "clearance"])
        #expect(command.status == 64)
        #expect(command.stderr.hasPrefix("Error: \"reprot\" is not a command of propledger. Did you mean \"report\"?"))
        let report = try CLI.run(["report", "clearence"])
        #expect(report.status == 64)
        #expect(report.stderr.hasPrefix("Error: Unknown report \"clearence\". Did you mean \"clearance\"?"))
        let far = try CLI.run(["report", "zzzzzz"])
        #expect(far.status == 64 && !far.stderr.contains("Did you mean"))
        #expect(try CLI.run(["help", "report"]).status == 0)
    }

    @Test("an impossible date is called impossible, saying why", arguments: [
        ("2026-02-30", "2026-02-30 is not a day: February 2026 has 28 days (not 30)"),
        ("2024-02-30", "2024-02-30 is not a day: February 2024 has 29 days (not 30)"),
        ("2026-13-01", "2026-13-01 is not a day: there is no month 13"),
        ("2026/3/5", "2026/3/5 is not a date: write it as YYYY-MM-DD, e.g. 2026-03-05"),
    ])
    func impossibleDates(date: String, message: String) throws {
        #expect(ArgumentAdvice.dateProblem(date) == message)
        let result = try CLI.run(["report", "clearance", "--as-of", date])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --as-of \(message)."), "\(result.stderr)")
        #expect(ArgumentAdvice.dateProblem("2024-02-29") == nil)
    }

    @Test("closest names: one slip or a swap, never a guess from far away")
    func closest() {
        #expect(ArgumentAdvice.closest(to: "reprot", among: ["report", "rules"]) == "report")
        #expect(ArgumentAdvice.closest(to: "party-coverag", among: ["party-coverage", "projects"]) == "party-coverage")
        #expect(ArgumentAdvice.closest(to: "comp", among: ["companies", "compound"]) == "companies")
        #expect(ArgumentAdvice.closest(to: "xyz", among: ["report", "rules"]) == nil)
    }

    @Test("a filter naming nothing is said with the user's districts, exit 64; access grant to an unknown district says so, exit 65; score weights must sum to 1",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func ledgerChecks() throws {
        let database = try ScratchDatabase(template: .sample)
        let env = database.environment
        let district = try CLI.run(["report", "clearance", "--district", "999999"], environment: env)
        #expect(district.status == 64)
        #expect(district.stdout.isEmpty)
        #expect(district.stderr == "propledger: --district 999999: no district with this code is in the ledger (or it is outside your districts); your districts: 320508 姑苏区, 440307 龙岗区\n")
        let street = try CLI.run(["report", "committees", "--street", "320508009"], environment: env)
        #expect(street.status == 64 && street.stderr.contains("--street 320508009: no street with this code has compounds"))
        let project = try CLI.run(["report", "votes", "--project", "GS2099999"], environment: env)
        #expect(project.status == 64 && project.stderr.contains("--project GS2099999"))
        #expect(try CLI.run(["report", "clearance", "--district", "320508"], environment: env).status == 0)
        let grant = try CLI.run(["access", "grant", "postgres", "999999"], environment: env)
        #expect(grant.status == 65)
        #expect(grant.stderr == "propledger: district 999999 is not in the ledger\nhint: Known districts: 320508 姑苏区, 440307 龙岗区. Load districts.csv first to add one.\n")
        let weights = try CLI.run(["settings", "set", "score_weight_service", "0.5"], environment: env)
        #expect(weights.status == 65)
        #expect(weights.stderr.hasPrefix("propledger: the score weights sum to 1.10, not 1.00\n"))
    }
}
