import ArgumentParser
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger settings list|set`: the report settings (company score weights, …).
    struct Settings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpSettings.render(.current),
            subcommands: [List.self, Set.self], defaultSubcommand: List.self)

        /// `propledger settings list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Message.helpSettingsList.render(.current))

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

        /// `propledger settings set KEY VALUE [KEY VALUE …]`.
        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: Message.helpSettingsSet.render(.current),
                discussion: """
                    Only existing keys can be set; each score weight lies in 0..1 and the weights sum to exactly 1, \
                    so change them together in one command (all or none is kept). Each change is recorded in the \
                    audit trail.
                    """)

            @OptionGroup var connection: ConnectionOptions

            @Argument(help: ArgumentHelp("Pairs of a setting's key (see settings list) and its new value, an exact decimal such as 0.35.",
                                         valueName: "key value"))
            var pairs: [String] = []

            func validate() throws {
                guard !pairs.isEmpty, pairs.count % 2 == 0 else {
                    throw ValidationError(Message.settingsPairs.render(.current))
                }
                for value in stride(from: 1, to: pairs.count, by: 2).map({ pairs[$0] }) where PostgresNumeric(value) == nil {
                    throw ValidationError(Message.settingsNotDecimal.render(.current, ["value": value]))
                }
            }

            func run() throws {
                let session = try connection.connect()
                let changes = stride(from: 0, to: pairs.count, by: 2).map { (key: pairs[$0], value: PostgresNumeric(pairs[$0 + 1])!) }
                let done = try runReportingErrors(needing: .owner, on: session) { () throws -> [(key: String, old: String, new: String)] in
                    do {
                        return try ReportSettings.set(changes, on: session)
                    } catch let error as PostgresError where error.sqlState == .invalidParameterValue || error.sqlState == .checkViolation {
                        Output.serverError(error)
                        throw ExitCode(ExitCodes.dataError)
                    }
                }
                for change in done { print("\(change.key): \(change.old) -> \(change.new)") }
            }
        }
    }
}
