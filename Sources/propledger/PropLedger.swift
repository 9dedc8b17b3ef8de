import ArgumentParser
import LedgerCore

/// The `propledger` command: the bureau's property-service oversight ledger.
@main
struct PropLedger: ParsableCommand {
    /// The release number; raise it when a release is tagged.
    static let release = "0.9.0"

    static let configuration = CommandConfiguration(
        commandName: "propledger",
        abstract: "The property-service oversight and facilities ledger of a housing bureau.",
        discussion: """
            Connects with a libpq conninfo string or URI given by --db or DATABASE_URL, \
            otherwise with the PG* variables, the service file and .pgpass.
            """,
        version: "propledger \(release) (commit \(BuildInfo.commit), schema \(BuildInfo.schemaVersion))",
        subcommands: [
            Migrate.self,
            Doctor.self,
            Load.self,
            Vote.self,
            Report.self,
            Rules.self,
            Notice.self,
            Settings.self,
            Access.self,
            Template.self,
        ]
    )
}
