import PostgresClient

/// The roles PropLedger's first migration creates, and whether a server has them (`propledger doctor`).
public enum PropLedgerRole: String, CaseIterable, Sendable {
    /// Owns every object.
    case owner = "propledger_owner"
    /// Loads CSV files.
    case loader = "propledger_loader"
    /// Reads the reports.
    case reader = "propledger_reader"

    /// Each role's name, in the order above, with whether it exists on the server.
    public static func presence(on connection: Connection) throws -> [(name: String, present: Bool)] {
        let names = "{" + allCases.map(\.rawValue).joined(separator: ",") + "}"
        return try connection.query(SQLQuery("""
            SELECT r AS name, EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) AS present FROM unnest(\(names, as: .textArray)) AS r
            """)) { (try $0.decode("name", as: String.self), try $0.decode("present", as: Bool.self)) }
    }
}
