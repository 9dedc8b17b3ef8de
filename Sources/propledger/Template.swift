import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger template KIND [--lang zh] [--format csv|xlsx] [-o FILE]`.
    struct Template: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpTemplate.render(.current),
            discussion: """
                The header (English names, or the Chinese labels with --lang zh), one example row to \
                replace, and in an .xlsx a note on each header cell with the column's rule and allowed \
                values, and a drop-down list on each column of fixed values. The columns and rules are \
                read from the database, so the template says what `propledger load` checks.
                Exit codes: 0 written; 64 usage (an unknown KIND lists the kinds); 69 database \
                unavailable; 73 the output file cannot be written.
                """)

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The kind of file (as for `propledger load`).")
        var kind: String

        @Option(help: ArgumentHelp("Header language: en or zh.", valueName: "lang"))
        var lang: String = "en"

        @Option(help: ArgumentHelp("csv or xlsx (default: xlsx with -o FILE.xlsx, else csv).", valueName: "format"))
        var format: String?

        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output (an .xlsx needs one).", valueName: "file"))
        var output: String?

        /// csv or xlsx: as given, else from -o's extension.
        var fileFormat: String {
            format ?? (output.map { ($0 as NSString).pathExtension.lowercased() == "xlsx" } == true ? "xlsx" : "csv")
        }

        func validate() throws {
            guard Language(rawValue: lang) != nil else { throw ValidationError(Message.languageUnknown.render(.current, ["value": lang])) }
            guard ["csv", "xlsx"].contains(fileFormat) else { throw ValidationError(Message.templateFormat.render(.current, ["value": format ?? ""])) }
            if output?.isEmpty == true { throw ValidationError(Message.outputNeedsName.render(.current)) }
            if fileFormat == "xlsx" && output == nil && isatty(STDOUT_FILENO) == 1 {
                throw ValidationError(Message.templateNotForTerminal.render(.current))
            }
        }

        func run() throws {
            let language = ReportLanguage(rawValue: lang) ?? .en
            try CommandOutput.check(output)
            let session = try connection.connect()
            let template = try runReportingErrors(needing: .reader, on: session) { () throws -> LoadTemplate? in
                let kinds = try LoadKind.registry(session)
                guard let known = kinds.first(where: { $0.name == kind }) else {
                    Output.error(Message.templateUnknownKind.render(.current, ["kind": kind, "kinds": kinds.map(\.name).joined(separator: ", ")]))
                    Output.error("Usage: " + PropLedger.usageString(for: Template.self))
                    return nil
                }
                return try LoadTemplate(kind: known, connection: session)
            }
            guard let template else { throw ExitCode(ExitCodes.usage) }
            let data = fileFormat == "xlsx" ? try template.xlsx(language) : Data(template.csv(language).utf8)
            guard let path = output else {
                FileHandle.standardOutput.write(data)
                return
            }
            try CommandOutput.write(data, to: path)
        }
    }
}
