import ArgumentParser

/// The `propledger` command: the bureau's property-service oversight ledger.
@main
struct PropLedger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propledger",
        abstract: "The property-service oversight and facilities ledger of a housing bureau.",
        discussion: """
            Connects with a libpq conninfo string or URI given by --db or DATABASE_URL, \
            otherwise with the PG* variables, the service file and .pgpass.
            """,
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
