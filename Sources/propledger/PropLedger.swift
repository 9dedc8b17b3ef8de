import ArgumentParser
import LedgerCore

/// The `propledger` command: the bureau's property-service oversight ledger.
@main
struct PropLedger: ParsableCommand {
    /// The release number; raise it when a release is tagged.
    static let release = "0.9.0"

    static let configuration = CommandConfiguration(
        commandName: "propledger",
        abstract: Message.helpPropLedger.render(.current),
        discussion: Message.helpPropLedgerDiscussion.render(.current),
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
