import PostgresClient

/// One report setting (ledger.settings), e.g. a company score weight.
public struct ReportSetting: Equatable, Sendable {
    /// The key, e.g. `score_weight_service`.
    public let key: String
    /// The exact value as the server writes it.
    public let value: String
    /// What it is for.
    public let note: String?
}

/// The report settings: `propledger settings list|set`.
public enum ReportSettings {
    /// Every setting, by key.
    public static func list(on connection: Connection) throws -> [ReportSetting] {
        try connection.query("SELECT key, value::text AS value, note FROM report.settings ORDER BY key") {
            ReportSetting(key: try $0.decode("key"), value: try $0.decode("value"), note: try $0.decode("note", as: String?.self))
        }
    }

    /// Changes settings in one transaction through ledger.setting_set (which refuses unknown keys and
    /// out-of-range values with SQLSTATE 22023); the score weights must then sum to exactly 1 (23514,
    /// checked at the end of the transaction). Returns each key's old and new value.
    public static func set(_ changes: [(key: String, value: PostgresNumeric)], on connection: Connection) throws -> [(key: String, old: String, new: String)] {
        try connection.withTransaction {
            let done = try changes.map { change -> (key: String, old: String, new: String) in
                let rows = try connection.query("""
                    SELECT old_value::text AS old_value, new_value::text AS new_value
                    FROM ledger.setting_set(\(change.key, as: .text), \(change.value, as: .numeric))
                    """) { (try $0.decode("old_value", as: String.self), try $0.decode("new_value", as: String.self)) }
                return (change.key, rows[0].0, rows[0].1)
            }
            try connection.execute("SET CONSTRAINTS ledger.settings_score_weights_sum_to_one IMMEDIATE")
            return done
        }
    }
}

/// One granted scope (ledger.access_list).
public struct AccessScope: Equatable, Sendable {
    /// The role.
    public let role: String
    /// The district code, or `nil` for city-wide.
    public let district: String?
    /// The district's name.
    public let districtName: String?
    /// Who granted it.
    public let grantedBy: String
    /// False when the role no longer exists.
    public let roleExists: Bool
}

/// Staff scopes: `propledger access grant|revoke|list` over the functions of 012-access.sql.
public enum AccessControl {
    /// Grants a role a district (or city-wide when `district` is nil); false when it already had it.
    public static func grant(_ role: String, district: String?, on connection: Connection) throws -> Bool {
        try connection.query("SELECT ledger.access_grant(\(role, as: .name), \(district, as: .text)) AS granted") {
            try $0.decode("granted", as: Bool.self)
        }[0]
    }

    /// Revokes exactly one scope of a role (city-wide when `district` is nil); the number removed.
    public static func revoke(_ role: String, district: String?, on connection: Connection) throws -> Int {
        try connection.query("SELECT ledger.access_revoke(\(role, as: .name), \(district, as: .text)) AS removed") {
            try $0.decode("removed", as: Int.self)
        }[0]
    }

    /// Revokes every scope of a role; the number removed.
    public static func revokeAll(_ role: String, on connection: Connection) throws -> Int {
        try connection.query("SELECT ledger.access_revoke_all(\(role, as: .name)) AS removed") {
            try $0.decode("removed", as: Int.self)
        }[0]
    }

    /// Every scope, or those of one role.
    public static func list(role: String?, on connection: Connection) throws -> [AccessScope] {
        try connection.query("""
            SELECT role_name::text AS role_name, district_code, district_name, granted_by::text AS granted_by, role_exists
            FROM ledger.access_list WHERE \(role, as: .text) IS NULL OR role_name = \(role, as: .name)
            ORDER BY role_name, district_code NULLS FIRST
            """) {
            AccessScope(role: try $0.decode("role_name"), district: try $0.decode("district_code", as: String?.self),
                        districtName: try $0.decode("district_name", as: String?.self),
                        grantedBy: try $0.decode("granted_by"), roleExists: try $0.decode("role_exists"))
        }
    }
}
