import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

/// The filters and output options of `propledger report`.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp(Message.optionDistrict.render(.current), valueName: "code"), completion: Completions.districts)
    var district: String?

    @Option(help: ArgumentHelp(Message.optionStreet.render(.current), valueName: "code"))
    var street: String?

    @Option(help: ArgumentHelp(Message.optionCommunity.render(.current), valueName: "code"))
    var community: String?

    @Option(help: ArgumentHelp(Message.optionBy.render(.current), valueName: "grouping"))
    var by: String?

    @Option(help: ArgumentHelp(Message.optionYear.render(.current), valueName: "yyyy"))
    var year: Int?

    @Option(help: ArgumentHelp(Message.optionDays.render(.current), valueName: "n"))
    var days: Int?

    @Option(help: ArgumentHelp(Message.optionCompound.render(.current), valueName: "code"))
    var compound: String?

    @Option(help: ArgumentHelp(Message.optionProject.render(.current), valueName: "code"))
    var project: String?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(Message.optionAsOf.render(.current), valueName: "date"))
    var asOf: String?

    @Option(help: ArgumentHelp(Message.optionFormat.render(.current), valueName: "format"), completion: Completions.formats)
    var format: String = "table"

    @Option(help: ArgumentHelp("xlsx and html: the issuing unit of the title block (default: the housing authority of the districts shown).", valueName: "name"))
    var issuer: String?

    @Option(help: ArgumentHelp(Message.optionColumns.render(.current),
                               valueName: "field,…"))
    var columns: String?

    @Option(help: ArgumentHelp(Message.optionRecords.render(.current),
                               valueName: "auto|on|off"))
    var records: String = "auto"

    @OptionGroup var listing: ListingOutputOptions

    /// The output format, checked in validate().
    var outputFormat: ReportFormat { ReportFormat(rawValue: format) ?? .table }

    /// The record layout of a table, checked in validate().
    var recordLayout: RecordLayout { RecordLayout(rawValue: records) ?? .auto }

    /// The fields --columns names, in order; nil without --columns.
    var columnKeys: [String]? {
        columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
    }

    func validate() throws {
        let language = listing.language
        guard ReportFormat(rawValue: format) != nil else {
            let names = ReportFormat.allCases.map(\.rawValue)
            let (comma, or) = language == .en ? (", ", " or ") : ("、", " 或 ")
            throw ValidationError(Message.formatUnknown.render(language, [
                "value": format, "choices": names.dropLast().joined(separator: comma) + or + names[names.count - 1]]))
        }
        if outputFormat == .xlsx && listing.output == nil { throw ValidationError(Message.xlsxNeedsOutput.render(language)) }
        guard RecordLayout(rawValue: records) != nil else { throw ValidationError(Message.recordsUnknown.render(language, ["value": records])) }
        if let asOf, let problem = ArgumentAdvice.dateProblem(asOf, language) { throw ValidationError(Message.reportAsOfProblem.render(language, ["problem": problem])) }
        // The server adds --days to a date: 2147483647 days is past any calendar (SQLSTATE 22008).
        if let days, !(1...36500).contains(days) {
            throw ValidationError(Message.reportDaysRange.render(language, ["days": String(days)]))
        }
    }
}

extension PropLedger {
    /// `propledger report NAME [ARGUMENT] [filters] [--format …] [--lang …] [-o FILE]` and `report --list`.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpReport.render(.current),
            discussion: Message.helpReportDiscussion.render(.current) + "\n"
                + ReportCatalog.all.map { "  \($0.name): " + (Language.current == .en ? $0.summary.en : $0.summary.zh) }.joined(separator: "\n")
                + "\n" + Message.helpReportPack.render(.current))

        @OptionGroup var connection: ConnectionOptions
        @OptionGroup var options: ReportOptions

        @Flag(help: ArgumentHelp(Message.optionList.render(.current)))
        var list = false

        @Argument(help: ArgumentHelp(Message.optionReportName.render(.current), valueName: "name"), completion: Completions.reports)
        var name: String?

        @Argument(help: ArgumentHelp(Message.optionReportArgument.render(.current), valueName: "argument"))
        var arguments: [String] = []

        /// The request the arguments describe.
        func request() throws -> ReportRequest {
            let language = options.listing.language
            if name == Self.pack { throw ValidationError(Message.xlsxPackNeedsDirectory.render(language)) }
            guard let name else { throw ValidationError(Message.reportNameOne.render(language)) }
            guard let definition = ReportCatalog.named(name) else {
                let names = ReportCatalog.all.map(\.name)
                throw ValidationError(Message.reportUnknown.render(language, [
                    "name": name, "guess": ArgumentAdvice.didYouMean(name, among: names, language), "names": names.joined(separator: ", ")]))
            }
            if let keys = options.columnKeys {
                let fields = definition.columns(by: options.by).map(\.key)
                for key in keys where !fields.contains(key) {
                    throw ValidationError(Message.reportUnknownColumn.render(language, [
                        "report": name, "name": key, "guess": ArgumentAdvice.didYouMean(key, among: fields, language),
                        "names": fields.joined(separator: ", ")]))
                }
            }
            var request = ReportRequest(definition: definition)
            request.language = language
            request.arguments = arguments
            request.asOf = options.asOf.flatMap { PostgresDate($0) }
            request.district = options.district
            request.street = options.street
            request.community = options.community
            request.by = options.by
            if list {
                // With a report name, --list gives the compounds behind each count (report committees).
                guard definition.grouping("compound") != nil else {
                    throw ValidationError(Message.reportListNotTaken.render(language, ["name": name]))
                }
                guard options.by == nil else { throw ValidationError(Message.reportListOrBy.render(language)) }
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
            // CSV and JSON to a file or a pipe go out row by row as the server sends them (flat memory at any
            // size); on a terminal they take the path that escapes control characters and pages.
            if options.outputFormat == .csv || options.outputFormat == .json,
               options.listing.output != nil || isatty(STDOUT_FILENO) != 1 {
                return try stream(request, on: session)
            }
            // --columns picks the fields of every format.
            let result = try run(request, on: session).selecting(options.columnKeys)
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
            if options.outputFormat == .table {
                // Records when the table is wider than the terminal (not when writing to -o FILE).
                return try write(result.table(options.listing.language, layout: options.recordLayout,
                                              width: options.listing.output == nil ? Terminal.width() : nil))
            }
            try write(result.rendered(options.outputFormat, language: options.listing.language))
        }

        /// Runs a report, exiting 66 for a project or compound that is not there and 64 for a filter naming
        /// nothing the user can see.
        func run(_ request: ReportRequest, on session: Connection) throws -> ReportResult {
            try reporting(request, on: session) { try ReportRunner.run(request, on: session) }
        }

        /// Runs `body` (a report's run or stream) with the errors of a report said as `run` says them.
        func reporting<T>(_ request: ReportRequest, on session: Connection, _ body: () throws -> T) throws -> T {
            try runReportingErrors(needing: .reader, on: session) { () throws -> T in
                do {
                    return try body()
                } catch let error as PostgresError where error.sqlState == .noDataFound {
                    // A project or compound that is not there (or not in the user's districts): the server's
                    // sentence in English, the catalogue's in Chinese.
                    if request.language == .en { Output.serverError(error) } else {
                        Output.error("propledger: " + Message.reportNotFound.render(request.language, [
                            "name": request.definition.name, "arguments": request.arguments.joined(separator: " ")]))
                    }
                    throw ExitCode(ExitCodes.noInput)
                } catch let error as ReportRequestError {
                    // A filter that names nothing the user can see: said, not an empty table.
                    FileHandle.standardError.write(Data("propledger: \(error.description)\n".utf8))
                    throw ExitCode(ExitCodes.usage)
                }
            }
        }

        /// Streams a CSV or JSON report (`ReportRunner.stream`) to -o FILE (written beside it and renamed over it
        /// when complete, as every -o) or standard output, the same text `csv`/`json` make from a whole result.
        func stream(_ request: ReportRequest, on session: Connection) throws {
            let language = options.listing.language
            let json = options.outputFormat == .json
            func produce(into descriptor: Int32) throws {
                var out = StreamedText(descriptor: descriptor)
                var shape = ReportResult(name: request.definition.name, columns: [], rows: [], asOf: "")
                var selected: [Int]?
                var count = 0
                try reporting(request, on: session) {
                    try ReportRunner.stream(request, on: session, begin: { full in
                        selected = full.selection(options.columnKeys)
                        shape = full.selecting(options.columnKeys)
                        if !json { try out.write(shape.csvHeader(language)) }
                    }, row: { cells in
                        let row = selected.map { $0.map { cells[$0] } } ?? cells
                        if json {
                            try out.write((count == 0 ? "[\n" : ",\n") + shape.jsonObject(row, language))
                        } else {
                            try out.write(shape.csvLine(row, language))
                        }
                        count += 1
                    })
                }
                if json { try out.write(count == 0 ? "[]\n" : "\n]\n") }
                try out.flush()
            }
            guard let path = options.listing.output else { return try produce(into: STDOUT_FILENO) }
            var failure: Error?
            do {
                try OutputFile.write(to: path) { descriptor, _ in
                    do { try produce(into: descriptor); return nil } catch { failure = error; return "the report stopped" }
                }
            } catch {
                // The report's own error (said already) rather than the file's, when that is what stopped it.
                if let failure { throw failure }
                Output.error("propledger: \(error.description)")
                throw ExitCode(ExitCodes.cantCreate)
            }
        }

        /// Writes the output to -o FILE or standard output (`CommandOutput.write`).
        func write(_ text: String) throws {
            try CommandOutput.write(text, to: options.listing.output, escapingOnTerminal: options.outputFormat != .table)
        }
    }
}
