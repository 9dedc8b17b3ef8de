import ArgumentParser
import Foundation
import LedgerCore

extension PropLedger {
    /// `propledger migrate [--status]`.
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply pending migrations from sql/migrations in order, or list them with --status.")

        @OptionGroup var connection: ConnectionOptions

        @Flag(help: "List applied and pending migrations instead of applying them.")
        var status = false

        @Option(help: ArgumentHelp("The migrations directory (default: $PROPLEDGER_MIGRATIONS, else sql/migrations).", valueName: "dir"))
        var migrations: String?

        func run() throws {
            let migrator = try loadMigrator(migrations)
            let session = try connection.connect()
            try runReportingErrors(needing: .superuser, on: session) {
                if status {
                    let states = try migrator.status(session)
                    for state in states + (try migrator.schemaStatus(session)) {
                        print("\(state.version)  \(state.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(state.fileName)"
                              + (state.appliedAt.map { "  (\($0))" } ?? ""))
                    }
                    let pending = states.filter { $0.state == .pending }.count
                    print("\(states.filter { $0.state == .applied }.count) applied, \(pending) pending")
                    if states.contains(where: { $0.state == .changed || $0.state == .missing }) { throw ExitCode(ExitCodes.dataError) }
                } else {
                    let applied = try migrator.migrate(session) { print($0) }
                    print(applied.isEmpty ? "migrate: nothing to do, \(migrator.files.count) migrations applied"
                                          : "migrate: applied \(applied.count) of \(migrator.files.count) migrations")
                }
            }
        }
    }
}

/// Reads the migrations directory, or exits 66 when it cannot be found.
func loadMigrator(_ explicit: String?) throws -> Migrator {
    guard let directory = explicit.map({ URL(fileURLWithPath: $0) }) ?? Migrator.defaultDirectory() else {
        Output.error("propledger: cannot find sql/migrations; run from the project directory, or give --migrations DIR or PROPLEDGER_MIGRATIONS.")
        throw ExitCode(ExitCodes.noInput)
    }
    do {
        return try Migrator(directory: directory)
    } catch let error as MigrationError {
        Output.error("propledger: \(error.description)")
        throw ExitCode(ExitCodes.noInput)
    }
}
