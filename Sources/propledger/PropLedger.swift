import ArgumentParser

/// The `propledger` command: the bureau's property-service oversight ledger.
@main
struct PropLedger: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "propledger",
        abstract: "The property-service oversight and facilities ledger of a housing bureau."
    )
}
