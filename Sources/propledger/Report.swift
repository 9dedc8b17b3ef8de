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

    @Option(help: ArgumentHelp("clearance: one row per district, street or community_type; committees: district, street, community or compound.", valueName: "grouping"))
    var by: String?

    @Option(help: ArgumentHelp("funding: only projects approved in this year.", valueName: "yyyy"))
    var year: Int?

    @Option(help: ArgumentHelp("expiring: the window in days (default: 90 for contracts, the jurisdiction's re-election lead time for committees).", valueName: "n"))
    var days: Int?

    @Option(help: ArgumentHelp("recommend: the compound whose district is ranked.", valueName: "code"))
    var compound: String?

    @Option(help: ArgumentHelp("votes: only this project's votes.", valueName: "code"))
    var project: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the report describes, YYYY-MM-DD (default: today).", valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp("table, csv, json, html or xlsx (a workbook: needs -o FILE).", valueName: "format"), completion: Completions.formats)
    var format: String = "table"

    @Option(help: ArgumentHelp("xlsx and html: the issuing unit of the title block (default: the housing authority of the districts shown).", valueName: "name"))
    var issuer: String?

    @OptionGroup var listing: ListingOutputOptions

    /// The output format, checked in validate().
    var outputFormat: ReportFormat { ReportFormat(rawValue: format) ?? .table }

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else { throw ValidationError("--format \(format): use table, csv, json, html or xlsx.") }
        if outputFormat == .xlsx && listing.output == nil { throw ValidationError(Message.xlsxNeedsOutput.render(listing.language.messages)) }
        if let asOf, let problem = ArgumentAdvice.dateProblem(asOf) { throw ValidationError("--as-of \(problem).") }
        // The server adds --days to a date: 2147483647 days is past any calendar (SQLSTATE 22008).
        if let days, !(1...36500).contains(days) {
            throw ValidationError("--days \(days): give a window of 1 to 36500 days (100 years).")
        }
    }
}

extension PropLedger {
    /// `propledger report NAME [ARGUMENT] [filters] [--format …] [--lang …] [-o FILE]` and `report --list`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a bureau report (SPEC §4) as a table, CSV, JSON or HTML, or write it as .xlsx.",
            discussion: """
                Reports: \(ReportCatalog.all.map(\.name).joined(separator: ", ")). `propledger report --list` \
                describes each. Reports run as the connecting role, so a district user sees (and totals) only \
                their districts. `--format xlsx -o FILE` writes a workbook (title block, typed cells, totals); \
                `propledger report pack DIR [--as-of DATE] [--lang zh] [filters]` writes every report that needs \
                no argument into DIR/propledger-YYYY-MM-DD.xlsx, a sheet each.
                """)

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: ReportOptions

        @Flag(help: "Without a report name: describe every report and exit. With committees: the compounds behind each count (--by compound).")
        var list = false

        @Argument(help: ArgumentHelp("The report.", valueName: "name"), completion: Completions.reports)
        var name: String?

        @Argument(help: ArgumentHelp("apportion: the project code; compound: the compound code; fund-unit: compound, building and unit.", valueName: "argument"))
        var arguments: [String] = []

        /// The request the arguments describe.
        func request() throws -> ReportRequest {
            if name == Self.pack { throw ValidationError(Message.xlsxPackNeedsDirectory.render(options.listing.language.messages)) }
            guard let name else { throw ValidationError("Name a report, or give --list to see them.") }
            guard let definition = ReportCatalog.named(name) else {
                let names = ReportCatalog.all.map(\.name)
                let guess = ArgumentAdvice.closest(to: name, among: names).map { " Did you mean \"\($0)\"?" } ?? ""
                throw ValidationError("Unknown report \"\(name)\".\(guess) Reports: \(names.joined(separator: ", ")).")
            }
            var request = ReportRequest(definition: definition)
            request.arguments = arguments
            request.asOf = options.asOf.flatMap { PostgresDate($0) }
            request.district = options.district
            request.street = options.street
            request.community = options.community
            request.by = options.by
            if list {
                // With a report name, --list gives the compounds behind each count (report committees).
                guard definition.grouping("compound") != nil else {
                    throw ValidationError("report \(name) does not take --list (propledger report --list, without a name, describes the reports)")
                }
                guard options.by == nil else { throw ValidationError("give --list or --by, not both: --list is --by compound") }
                request.by = "compound"
            }
            request.year = options.year
            request.days = options.days
            request.compound = options.compound
            request.project = options.project
            do {
                try request.validate()
            } catch {
                throw ValidationError(error.description)
            }
            return request
        }

        func validate() throws {
            if name == Self.pack { return try validatePack() }
            if options.issuer != nil && options.outputFormat != .xlsx && options.outputFormat != .html {
                throw ValidationError(Message.xlsxIssuerWithoutXLSX.render(options.listing.language.messages))
            }
            if !list || name != nil { _ = try request() }
        }

        func run() throws {
            if list && name == nil {
                try write(ReportCatalog.listing(options.listing.language))
                return
            }
            if name == Self.pack { return try runPack() }
            let request = try request()
            // An -o that cannot be written is refused before the report runs.
            try CommandOutput.check(options.listing.output)
            let session = try connection.connect()
            let result = try run(request, on: session)
            if options.outputFormat == .xlsx, let path = options.listing.output {
                return try CommandOutput.write(try sheets([(request, result)], on: session), to: path)
            }
            if options.outputFormat == .html {
                // The page's title block, as the workbook's: what it is about, who issues it, when it was made.
                let (subject, issuer) = try runReportingErrors(needing: .reader, on: session) {
                    (try ReportSubject.of(request, on: session), try options.issuer ?? IssuingUnit.of(request, options.listing.language, on: session))
                }
                return try write(result.html(options.listing.language, subject: subject, issuer: issuer, generatedAt: GeneratedAt.now))
            }
            try write(result.rendered(options.outputFormat, language: options.listing.language))
        }

        /// Runs a report, exiting 66 for a project or compound that is not there and 64 for a filter naming
        /// nothing the user can see.
        func run(_ request: ReportRequest, on session: Connection) throws -> ReportResult {
            try runReportingErrors(needing: .reader, on: session) { () throws -> ReportResult in
                do {
                    return try ReportRunner.run(request, on: session)
                } catch let error as PostgresError where error.sqlState == .noDataFound {
                    // A project or compound that is not there (or not in the user's districts).
                    Output.serverError(error)
                    throw ExitCode(ExitCodes.noInput)
                } catch let error as ReportRequestError {
                    // A filter that names nothing the user can see: said, not an empty table.
                    FileHandle.standardError.write(Data("propledger: \(error.description)\n".utf8))
                    throw ExitCode(ExitCodes.usage)
                }
            }
        }

        /// Writes the output to -o FILE or standard output (`CommandOutput.write`).
        func write(_ text: String) throws {
            try CommandOutput.write(text, to: options.listing.output, escapingOnTerminal: options.outputFormat != .table)
        }
    }
}
