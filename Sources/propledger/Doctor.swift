import ArgumentParser
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger doctor`: what the CLI reaches and in what state it is.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the server reached, its version, the migrations and the PropLedger roles.",
            discussion: "Exits 69 with libpq's message when the database cannot be reached.")

        @OptionGroup var connection: ConnectionOptions

        @Option(help: ArgumentHelp("The migrations directory (default: $PROPLEDGER_MIGRATIONS, else sql/migrations).", valueName: "dir"))
        var migrations: String?

        func run() throws {
            let session = try connection.connect()
            let migrator = try loadMigrator(migrations)
            try runReportingErrors(needing: .reader, on: session) {
                print("server:     " + TerminalText.escaped(session.endpoint.description))
                print("version:    PostgreSQL \(session.serverVersion)")
                let states = try migrator.status(session)
                let applied = states.filter { $0.state == .applied }
                let pending = states.filter { $0.state == .pending }
                let broken = states.filter { $0.state == .changed || $0.state == .missing }
                print("migrations: \(applied.count) applied, \(pending.count) pending"
                      + (broken.isEmpty ? "" : ", \(broken.count) changed or missing"))
                for state in states where state.state != .applied {
                    print("            \(state.state.rawValue): \(state.fileName)")
                }
                let roles = try PropLedgerRole.presence(on: session)
                print("roles:      " + roles.map { "\($0.name) (\($0.present ? "present" : "missing"))" }.joined(separator: ", "))
                if !pending.isEmpty { print("hint:       run `propledger migrate` to apply the pending migrations") }
            }
        }
    }
}
