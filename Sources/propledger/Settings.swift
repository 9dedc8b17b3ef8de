import ArgumentParser
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger settings list|set`: the report settings (company score weights, …).
    struct Settings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List or change the report settings (the company score weights).",
            subcommands: [List.self, Set.self], defaultSubcommand: List.self)

        /// `propledger settings list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List every setting with its value and purpose.")

            @OptionGroup var connection: ConnectionOptions

            func run() throws {
                let session = try connection.connect()
                let settings = try runReportingErrors(needing: .reader, on: session) { try ReportSettings.list(on: session) }
                let width = settings.map(\.key.count).max() ?? 0
                let valueWidth = settings.map(\.value.count).max() ?? 0
                for setting in settings {
                    print(setting.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                          + String(repeating: " ", count: valueWidth - setting.value.count) + setting.value
                          + (setting.note.map { "  " + $0 } ?? ""))
                }
            }
        }

        /// `propledger settings set KEY VALUE`.
        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Change one setting, e.g. `settings set score_weight_service 0.5`.",
                discussion: "Only existing keys can be set; weights lie in 0..1. The change is recorded in the audit trail.")

            @OptionGroup var connection: ConnectionOptions

            @Argument(help: ArgumentHelp("The setting's key (see settings list).", valueName: "key"))
            var key: String

            @Argument(help: ArgumentHelp("The new value, an exact decimal such as 0.35.", valueName: "value"))
            var value: String

            func validate() throws {
                if PostgresNumeric(value) == nil { throw ValidationError("\(value) is not a decimal number (write e.g. 0.35).") }
            }

            func run() throws {
                let session = try connection.connect()
                guard let number = PostgresNumeric(value) else { throw ExitCode(ExitCodes.usage) }
                do {
                    let change = try runReportingErrors(needing: .owner, on: session) { () throws -> (old: String, new: String) in
                        do {
                            return try ReportSettings.set(key, to: number, on: session)
                        } catch let error as PostgresError where error.sqlState == .invalidParameterValue {
                            Output.serverError(error)
                            throw ExitCode(ExitCodes.dataError)
                        }
                    }
                    print("\(key): \(change.old) -> \(change.new)")
                }
            }
        }
    }
}
