import ArgumentParser
import Foundation
import LedgerCore

extension PropLedger {
    /// `propledger migrate [--status]`.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpMigrate.render(.current),
            discussion: """
                The migrations (sql/migrations) and the report schema's code (sql/schema) are built into the binary. \
                The history is kept in the schema propledger (never public.schema_migrations, which dbmate and Rails use). \
                migrate needs an admin (a superuser) and the primary; --status works for every PropLedger role and \
                exits 1 while anything is pending, 65 when an applied migration changed or is unknown to this binary.
                """)

        @OptionGroup var connection: ConnectionOptions

        @Flag(help: "List applied and pending migrations instead of applying them (exit 1 while any is pending).")
        var status = false

        @Option(help: ArgumentHelp("Migrate from this directory instead of the built-in migrations (default: $PROPLEDGER_MIGRATIONS).", valueName: "dir"))
        var migrations: String?

        func run() throws {
            let migrator = try loadMigrator(migrations)
            let session = try connection.connect()
            try runReportingErrors(needing: status ? .reader : .superuser, on: session) {
                if status {
                    let states = try migrator.status(session)
                    let code = try migrator.schemaStatus(session)
                    for state in states + code {
                        print("\(state.version)  \(state.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(state.fileName)"
                              + (state.appliedAt.map { "  (\($0))" } ?? ""))
                    }
                    let pending = states.filter { $0.state == .pending }.count
                    print("\(states.filter { $0.state == .applied }.count) applied, \(pending) pending"
                          + (code.contains { $0.state == .pending } ? "; the report schema's code is pending" : ""))
                    if states.contains(where: { $0.state == .changed || $0.state == .missing }) { throw ExitCode(ExitCodes.dataError) }
                    // dbmate's --exit-code: a deployment script can tell that migrate has work to do.
                    if pending > 0 || code.contains(where: { $0.state == .pending }) { throw ExitCode(1) }
                } else {
                    if let refusal = try DatabaseReadiness.standbyRefusal(session, doing: "migrate") {
                        Output.error("propledger: " + refusal)
                        throw ExitCode(ExitCodes.unavailable)
                    }
                    let applied = try migrator.migrate(session) { print($0) }
                    print(applied.isEmpty ? "migrate: nothing to do, \(migrator.files.count) migrations applied"
                                          : "migrate: applied \(applied.count) of \(migrator.files.count) migrations")
                }
            }
        }
    }
}

/// The migrations: those of `--migrations DIR` or `$PROPLEDGER_MIGRATIONS` (a directory whose sibling `schema`
/// holds the report code), else the ones built into the binary; exits 66 when a directory cannot be read.
func loadMigrator(_ explicit: String?) throws -> Migrator {
    let environment = ProcessInfo.processInfo.environment["PROPLEDGER_MIGRATIONS"].flatMap { $0.isEmpty ? nil : $0 }
    do {
        guard let directory = explicit ?? environment else { return try Migrator.embedded() }
        return try Migrator(directory: URL(fileURLWithPath: directory))
    } catch let error as MigrationError {
        Output.error("propledger: \(error.description)")
        throw ExitCode(ExitCodes.noInput)
    }
}
