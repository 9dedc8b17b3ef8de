import ArgumentParser
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger rules [--district CODE] [--as-of DATE] [--format …] [--lang …] [-o FILE] [--all]`.
    struct Rules: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpRules.render(.current),
            discussion: """
                A district follows the jurisdiction whose GB/T 2260 code prefix matches its code longest \
                (11 北京, 31 上海, 3301 杭州, 33 浙江), then the national rules. Value none: no such limit; \
                generally: the text says 一般, so exceeding the limit is a warning, not a refusal. \
                docs/rules.md lists every row with its citation.
                """)

        @OptionGroup var connection: ConnectionOptions

        @Option(help: ArgumentHelp(Message.optionRulesDistrict.render(.current), valueName: "code"))
        var district: String?

        @Option(name: .customLong("as-of"), help: ArgumentHelp(Message.optionRulesAsOf.render(.current), valueName: "date"))
        var asOf: String?

        @Option(help: ArgumentHelp(Message.optionRulesFormat.render(.current), valueName: "format"))
        var format: String = "table"

        @OptionGroup var listing: ListingOutputOptions

        @Flag(help: ArgumentHelp(Message.optionRulesAll.render(.current)))
        var all = false

        /// The request the options describe, checked.
        func request() throws -> RulesRequest {
            var request = RulesRequest(district: district, all: all)
            if let asOf {
                guard let date = PostgresDate(asOf) else { throw ValidationError(Message.reportAsOfProblem.render(.current, ["problem": ArgumentAdvice.dateProblem(asOf, .current) ?? asOf])) }
                request.asOf = date
            }
            do {
                try request.validate()
            } catch {
                throw ValidationError(error.description)
            }
            return request
        }

        func validate() throws {
            guard let format = ReportFormat(rawValue: format), format != .html, format != .xlsx else {
                throw ValidationError(Message.rulesFormat.render(.current, ["value": format]))
            }
            _ = try request()
        }

        func run() throws {
            let request = try request()
            let format = ReportFormat(rawValue: format) ?? .table
            try CommandOutput.check(listing.output)
            let session = try connection.connect()
            let rules = try runReportingErrors(needing: .reader, on: session) {
                try RulesListing.load(request, on: session)
            }
            try CommandOutput.write(rules.rendered(format, language: listing.language),
                                    to: listing.output, escapingOnTerminal: format != .table)
        }
    }
}
