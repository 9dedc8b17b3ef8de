import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

/// The filters and output options of `propledger report`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only this district (6-digit code).", valueName: "code"), completion: Completions.districts)
    var district: String?

    @Option(help: ArgumentHelp("Only this street (9-digit code).", valueName: "code"))
    var street: String?

    @Option(help: ArgumentHelp("Only this community (12-digit code).", valueName: "code"))
    var community: String?

    @Option(help: ArgumentHelp("clearance: one row per district, street or community_type.", valueName: "grouping"))
    var by: String?

    @Option(help: ArgumentHelp("funding: only projects approved in this year.", valueName: "yyyy"))
    var year: Int?

    @Option(help: ArgumentHelp("expiring: the window in days (default 90).", valueName: "n"))
    var days: Int?

    @Option(help: ArgumentHelp("recommend: the compound whose district is ranked.", valueName: "code"))
    var compound: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the report describes, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("table, csv, json or html.", valueName: "format"), completion: Completions.formats)
    var format: String = "table"

    @Option(help: ArgumentHelp("Header language: en or zh.", valueName: "lang"), completion: Completions.languages)
    var lang: String = "en"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (a new file, or a regular file replaced whole; exit 73 otherwise).", valueName: "file"))
    var output: String?

    /// The output format, checked in validate().
    var outputFormat: ReportFormat { ReportFormat(rawValue: format) ?? .table }
    /// The header language, checked in validate().
    var language: ReportLanguage { ReportLanguage(rawValue: lang) ?? .en }

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else { throw ValidationError("--format \(format): use table, csv, json or html.") }
        guard ReportLanguage(rawValue: lang) != nil else { throw ValidationError("--lang \(lang): use en or zh.") }
        if let asOf, PostgresDate(asOf) == nil { throw ValidationError("--as-of \(asOf): give a date as YYYY-MM-DD.") }
        // The server adds --days to a date: 2147483647 days is past any calendar (SQLSTATE 22008).
        if let days, !(1...36500).contains(days) {
            throw ValidationError("--days \(days): give a window of 1 to 36500 days (100 years).")
        }
        if output?.isEmpty == true { throw ValidationError("-o needs a file name.") }
    }
}

extension PropLedger {
    /// `propledger report NAME [ARGUMENT] [filters] [--format …] [--lang …] [-o FILE]` and `report --list`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a bureau report (SPEC §4) as a table, CSV, JSON or HTML.",
            discussion: """
                Reports: \(ReportCatalog.all.map(\.name).joined(separator: ", ")). `propledger report --list` \
                describes each. Reports run as the connecting role, so a district user sees (and totals) only \
                their districts.
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: ReportOptions

        @Flag(help: "Describe every report and exit.")
        var list = false

        @Argument(help: ArgumentHelp("The report.", valueName: "name"), completion: Completions.reports)
        var name: String?

        @Argument(help: ArgumentHelp("apportion: the project code; compound: the compound code.", valueName: "argument"))
        var argument: String?

        /// The request the arguments describe.
        func request() throws -> ReportRequest {
            guard let name else { throw ValidationError("Name a report, or give --list to see them.") }
            guard let definition = ReportCatalog.named(name) else {
                throw ValidationError("Unknown report \"\(name)\". Reports: \(ReportCatalog.all.map(\.name).joined(separator: ", ")).")
            }
            var request = ReportRequest(definition: definition)
            request.argument = argument
            request.asOf = options.asOf.flatMap { PostgresDate($0) }
            request.district = options.district
            request.street = options.street
            request.community = options.community
            request.by = options.by
            request.year = options.year
            request.days = options.days
            request.compound = options.compound
            do {
                try request.validate()
            } catch {
                throw ValidationError(error.description)
            }
            return request
        }

        func validate() throws {
            if !list { _ = try request() }
        }

        func run() throws {
            if list {
                try write(ReportCatalog.listing(options.language))
                return
            }
            let request = try request()
            // An -o that cannot be written is refused before the report runs.
            if let path = options.output { try refusingOutput { try OutputFile.check(path) } }
            let session = try connection.connect()
            let result = try runReportingErrors(needing: .reader, on: session) { () throws -> ReportResult in
                do {
                    return try ReportRunner.run(request, on: session)
                } catch let error as PostgresError where error.sqlState == .noDataFound {
                    // A project or compound that is not there (or not in the user's districts).
                    Output.serverError(error)
                    throw ExitCode(ExitCodes.noInput)
                }
            }
            try write(result.rendered(options.outputFormat, language: options.language))
        }

        /// Writes the output to -o FILE (a new or regular file, replaced atomically; exit 73 otherwise) or
        /// standard output. On a terminal, control characters of CSV, JSON or HTML output are shown
        /// escaped (a table has them escaped already).
        func write(_ text: String) throws {
            guard let path = options.output else {
                var shown = text
                if isatty(STDOUT_FILENO) == 1 && options.outputFormat != .table {
                    let bom = shown.hasPrefix("\u{FEFF}") ? "\u{FEFF}" : ""
                    shown = bom + TerminalText.escaped(String(shown.dropFirst(bom.isEmpty ? 0 : 1)), keepingLineBreaks: true)
                }
                FileHandle.standardOutput.write(Data(shown.utf8))
                return
            }
            try refusingOutput { try OutputFile.write(Data(text.utf8), to: path) }
        }

        /// Runs a check or write of -o FILE, exiting 73 with its sentence when it is refused.
        private func refusingOutput(_ body: () throws -> Void) throws {
            do {
                try body()
            } catch let error as OutputFile.Refusal {
                Output.error("propledger: \(error.description)")
                throw ExitCode(ExitCodes.cantCreate)
            }
        }
    }
}
