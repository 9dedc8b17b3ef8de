import ArgumentParser
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger doctor`: what the CLI reaches, in what state it is, and what the login role may do there.
    struct Doctor: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpDoctor.render(.current),
            discussion: "Works for every role. Exits 69 with libpq's message when the database cannot be reached.")

        @OptionGroup var connection: ConnectionOptions

        @Option(help: ArgumentHelp("Compare with this migrations directory instead of the built-in migrations (default: $PROPLEDGER_MIGRATIONS).", valueName: "dir"))
        var migrations: String?

        func run() throws {
            let migrator = try loadMigrator(migrations)
            let session = try connection.connect()
            try runReportingErrors(needing: .reader, on: session) {
                print("server:     " + TerminalText.escaped(session.endpoint.description))
                let standby = try DatabaseReadiness.isStandby(session)
                print("version:    PostgreSQL \(session.serverVersion)"
                      + (standby ? ", a read-only standby: reports only (load and migrate go to the primary)" : ", primary"))
                let standing = try SessionStanding.read(session)
                var hints: [String] = []
                do {
                    let states = try migrator.status(session)
                    let applied = states.filter { $0.state == .applied }
                    let pending = states.filter { $0.state == .pending }
                    let broken = states.filter { $0.state == .changed || $0.state == .missing }
                    print("migrations: \(applied.count) applied, \(pending.count) pending"
                          + (broken.isEmpty ? "" : ", \(broken.count) changed or missing")
                          + " (this propledger migrates to \(migrator.schemaVersion))")
                    for state in states where state.state != .applied {
                        print("            \(state.state.rawValue): \(state.fileName)")
                    }
                    if let gap = try DatabaseReadiness.migrationGap(session, migrator: migrator) { hints.append(gap) }
                } catch let error as PostgresError where error.sqlState == .insufficientPrivilege {
                    print("migrations: the history (schema \(Migrator.historySchema)) is not readable by \(TerminalText.escaped(standing.user))")
                    if !standing.memberships.isEmpty {
                        hints.append("a `propledger migrate` by an admin lets every PropLedger role read the migration history.")
                    }
                }
                let roles = try PropLedgerRole.presence(on: session)
                print("roles:      " + roles.map { "\($0.name) (\($0.present ? "present" : "missing"))" }.joined(separator: ", "))
                print("you:        " + TerminalText.escaped(standing.user) + ": " + standing.abilities)
                if let scope = standing.scopeText { print("scope:      " + TerminalText.escaped(scope)) }
                for hint in hints { print("hint:       " + hint) }
            }
        }
    }
}
