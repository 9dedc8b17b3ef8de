import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger vote …`: owners' joint decisions (SPEC §2.2).
    struct Vote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpVote.render(.current),
            subcommands: [Check.self]
        )
    }
}

extension PropLedger.Vote {
    /// `propledger vote check`: evaluates a vote's numbers without a database.
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpVoteCheck.render(.current),
            discussion: """
                The law of the day the vote was held applies (--held-on, default today). From 2021-01-01 (Civil \
                Code Art. 278): at least 2/3 of the exclusive area and of the owners take part; raise_fund, renovate \
                and change_use need at least 3/4 of the participating area and owners, every other matter more than \
                1/2 of them. Before (Property Law Art. 76, from 2007-10-01): no quorum; raise_fund, use_fund and \
                renovate need at least 2/3 of the total area and owners, every other matter more than 1/2 of the \
                totals. The output names the law applied. Exits 0 when the vote passes, 1 when it fails, 64 when \
                the numbers or the date are impossible.
                """
        )

        @Option(help: ArgumentHelp("What is decided: \(VoteMatter.allCases.map(\.rawValue).joined(separator: ", ")).",
                                   valueName: "matter"))
        var matter: String

        @Option(help: ArgumentHelp("The day the vote was held, YYYY-MM-DD (default today): it decides the law applied.",
                                   valueName: "date"))
        var heldOn: String?

        @Option(help: ArgumentHelp("Exclusive area of all units, m² (at most 2 decimals).", valueName: "m2"))
        var totalArea: String

        @Option(help: ArgumentHelp("Number of owners.", valueName: "n"))
        var totalOwners: Int

        @Option(help: ArgumentHelp("Area of the owners who took part, m².", valueName: "m2"))
        var participatingArea: String

        @Option(help: ArgumentHelp("Owners who took part.", valueName: "n"))
        var participatingOwners: Int

        @Option(help: ArgumentHelp("Area of the owners who approved, m².", valueName: "m2"))
        var approvingArea: String

        @Option(help: ArgumentHelp("Owners who approved.", valueName: "n"))
        var approvingOwners: Int

        @Option(help: ArgumentHelp("The language of the output: en or zh (default: PROPLEDGER_LANG, else the locale).", valueName: "lang"))
        var lang: Language?

        func validate() throws {
            _ = try outcome()
        }

        func run() throws {
            let outcome = try outcome()
            for line in VoteOutput.lines(outcome, Language.resolve(option: lang)) { print(line) }
            if !outcome.passed { throw ExitCode.failure }
        }

        /// The evaluated vote; impossible numbers become a ValidationError (exit 64).
        private func outcome() throws -> VoteOutcome {
            do {
                let tally = try VoteTally(
                    matter: VoteMatter(code: matter),
                    totalArea: area(totalArea, "--total-area"), totalOwners: totalOwners,
                    participatingArea: area(participatingArea, "--participating-area"),
                    participatingOwners: participatingOwners,
                    approvingArea: area(approvingArea, "--approving-area"), approvingOwners: approvingOwners)
                return try tally.evaluate(heldOn: try day())
            } catch let error as VoteError {
                throw ValidationError(error.message(Language.resolve(option: lang)))
            }
        }

        /// --held-on as an ISO date (a real day), or today's date where the command runs.
        private func day() throws -> String {
            guard let heldOn else {
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = .current
                let today = calendar.dateComponents([.year, .month, .day], from: Date())
                return String(format: "%04d-%02d-%02d", today.year!, today.month!, today.day!)
            }
            if let problem = ArgumentAdvice.dateProblem(heldOn, Language.resolve(option: lang)) { throw ValidationError("--held-on \(problem)") }
            return PostgresDate(heldOn)!.description
        }

        private func area(_ text: String, _ option: String) throws -> Area {
            do { return try Area(parsing: text) } catch {
                throw ValidationError("\(option): \(error.message(Language.resolve(option: lang)))")
            }
        }
    }
}
