import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger notice vote|project|fund …`: public notices (公示, SPEC §8).
    struct Notice: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a printable public notice (公示) in Chinese: a vote's result, a project's accounts, a compound's maintenance fund.",
            discussion: """
                Each notice is one HTML page with a print stylesheet (A4, page numbers, the header row of long tables \
                repeated), the issuing unit and date, the legal basis printed as its article, and the publication \
                period: --days, or the jurisdiction's rule (propledger rules). Open it in a browser and print, or \
                print to PDF. --format xlsx -o FILE writes its tables as a workbook instead, under the same title, \
                facts, legal basis and period.
                """,
            subcommands: [Vote.self, Project.self, Fund.self])
    }
}

/// What every notice takes.
struct NoticeCommandOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The issuing unit printed at the foot (default: the district's housing authority).", valueName: "name"))
    var issuer: String?

    @Option(help: ArgumentHelp("The date of issue, YYYY-MM-DD (default: today).", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("The publication period in days (default: the jurisdiction's rule, if it has one).", valueName: "n"))
    var days: Int?

    @Option(help: ArgumentHelp("html, or xlsx: the notice's tables in a workbook, under its title, facts, legal basis and period (needs -o FILE).", valueName: "format"))
    var format: String = "html"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (a new file, or a regular file replaced whole; exit 73 otherwise).", valueName: "file"))
    var output: String?

    func validate() throws {
        guard ["html", "xlsx"].contains(format) else { throw ValidationError("--format \(format): use html or xlsx.") }
        if format == "xlsx" && output == nil { throw ValidationError(Message.xlsxNeedsOutput.render(Language.resolve(option: nil))) }
        if let date, let problem = ArgumentAdvice.dateProblem(date) { throw ValidationError("--date \(problem).") }
        if let days, !(1...3650).contains(days) { throw ValidationError("--days \(days): give 1 to 3650 days.") }
        if output?.isEmpty == true { throw ValidationError("-o needs a file name.") }
    }

    /// The options for LedgerCore, the date of issue defaulting to today.
    var notice: NoticeOptions { NoticeOptions(issuer: issuer, issuedOn: date ?? Today.iso, days: days) }

    /// Builds the notice on a session and writes its HTML, or its xlsx to -o FILE; a missing subject exits 66.
    func write(_ connection: ConnectionOptions, _ build: (Connection) throws -> LedgerCore.Notice) throws {
        try CommandOutput.check(output)
        let session = try connection.connect()
        let notice = try runReportingErrors(needing: .reader, on: session) { () throws -> LedgerCore.Notice in
            do {
                return try build(session)
            } catch let error as NoticeError {
                if case .notFound = error {
                    FileHandle.standardError.write(Data("propledger: \(error)\n".utf8))
                    throw ExitCode(ExitCodes.noInput)
                }
                throw error
            }
        }
        if format == "xlsx", let output {
            return try CommandOutput.write([notice.xlsxSheet(generatedAt: GeneratedAt.now)], to: output)
        }
        try CommandOutput.write(notice.html(), to: output, escapingOnTerminal: true)
    }
}

/// Today's date where the command runs, YYYY-MM-DD.
enum Today {
    static var iso: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let today = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", today.year!, today.month!, today.day!)
    }
}

extension PropLedger.Notice {
    struct Vote: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The result of one owners' vote, with the exact fractions and the law of the day it was held.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: NoticeCommandOptions
        @Argument(help: ArgumentHelp("The project code.", valueName: "project")) var project: String
        @Argument(help: ArgumentHelp("The matter (use_fund, raise_fund, …).", valueName: "matter")) var matter: String
        @Argument(help: ArgumentHelp("The day the vote was held, YYYY-MM-DD.", valueName: "held-on")) var heldOn: String

        func validate() throws {
            if let problem = ArgumentAdvice.dateProblem(heldOn) { throw ValidationError("the day the vote was held: \(problem).") }
            guard VoteMatter(rawValue: matter) != nil else {
                throw ValidationError("unknown matter \"\(matter)\": use one of \(VoteMatter.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
        }

        func run() throws {
            try options.write(connection) { try NoticeBuilder.vote(project: project, matter: matter, heldOn: heldOn, options: options.notice, on: $0) }
        }
    }

    struct Project: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A project's accounts: budget, cost split, payments, final cost and each unit's share.")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: NoticeCommandOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Payments made by this day, YYYY-MM-DD (default: the date of issue).", valueName: "date"))
        var asOf: String?
        @Argument(help: ArgumentHelp("The project code.", valueName: "project")) var project: String

        func validate() throws {
            if let asOf, let problem = ArgumentAdvice.dateProblem(asOf) { throw ValidationError("--as-of \(problem).") }
        }

        func run() throws {
            let notice = options.notice
            try options.write(connection) { try NoticeBuilder.project(project, asOf: asOf ?? notice.issuedOn, options: notice, on: $0) }
        }
    }

    struct Fund: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A compound's maintenance fund: every unit's account and the draws on it (办法 Art. 30).")
        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: NoticeCommandOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("Postings dated on or before this day, YYYY-MM-DD (default: the date of issue).", valueName: "date"))
        var asOf: String?
        @Argument(help: ArgumentHelp("The compound code.", valueName: "compound")) var compound: String

        func validate() throws {
            if let asOf, let problem = ArgumentAdvice.dateProblem(asOf) { throw ValidationError("--as-of \(problem).") }
        }

        func run() throws {
            let notice = options.notice
            try options.write(connection) { try NoticeBuilder.fund(compound, asOf: asOf ?? notice.issuedOn, options: notice, on: $0) }
        }
    }
}
