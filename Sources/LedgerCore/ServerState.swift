import PostgresClient

/// Why a command failed on a database that is not ready for it (SPEC §9): a write sent to a read-only
/// standby, a database not (or not fully) migrated, or one migrated by a newer propledger.
public enum DatabaseReadiness {
    /// 3F000 invalid_schema_name, 42P01 undefined_table, 42883 undefined_function: an object the migrations make is missing.
    static let missingObject: Set<SQLState> = [SQLState("3F000"), SQLState("42P01"), SQLState("42883")]

    /// A sentence saying what the database's state has to do with `error` and what to do, or nil when it has
    /// nothing to do with it (or the state cannot be read). `writing` names what a command that writes does
    /// ("load", "migrate"): on a standby, any error of it is explained as the standby's refusal.
    public static func explain(_ error: PostgresError, on session: Connection, writing: String?) -> String? {
        guard !error.isConnectionLoss else { return nil }
        let missing = error.sqlState.map(missingObject.contains) ?? false
        guard writing != nil || missing else { return nil }
        if session.inTransaction { _ = try? session.execute("ROLLBACK") }
        if let writing, let refusal = try? standbyRefusal(session, doing: writing) { return refusal }
        // migrate is what closes a gap: a migration of its own that fails is said as it failed (file and error).
        return missing && writing != "migrate" ? try? migrationGap(session, migrator: Migrator.embedded()) : nil
    }

    /// True when the session's server is a standby in recovery (read-only).
    public static func isStandby(_ session: Connection) throws -> Bool {
        try session.execute("SELECT pg_catalog.pg_is_in_recovery() AS standby")[0].decode("standby", as: Bool.self)
    }

    /// The sentence refusing a write (`doing`: "load", "migrate") on a standby, or nil on a primary.
    public static func standbyRefusal(_ session: Connection, doing: String) throws -> String? {
        guard try isStandby(session) else { return nil }
        return "the server reached (\(session.endpoint.description)) is a read-only standby (a hot standby replica): \(doing) needs the primary. "
            + "Connect to the primary, or list both hosts with target_session_attrs=read-write (host=A,B target_session_attrs=read-write); "
            + "reports may run on a standby."
    }

    /// The sentence for a database this binary's migrations do not match, or nil when they do.
    public static func migrationGap(_ session: Connection, migrator: Migrator) throws -> String? {
        let states = try migrator.status(session)
        let applied = states.filter { $0.state == .applied || $0.state == .changed }
        let pending = states.filter { $0.state == .pending }
        let unknown = states.filter { $0.state == .missing }
        let database = session.endpoint.database
        if let newest = unknown.last {
            return "database \(database) was migrated by a newer propledger (it has \(newest.fileName), which this binary, schema "
                + "\(migrator.schemaVersion), does not know): use a propledger as new as the database's schema."
        }
        if applied.isEmpty {
            return "database \(database) has no PropLedger schema yet: run `propledger migrate` as an admin (a superuser) first."
        }
        if !pending.isEmpty {
            return "database \(database) is \(pending.count) migration\(pending.count == 1 ? "" : "s") behind this propledger "
                + "(it has \(applied.last!.fileName); this binary migrates to \(migrator.schemaVersion)): run `propledger migrate` as an admin."
        }
        if try migrator.schemaStatus(session).contains(where: { $0.state == .pending }) {
            return "the report schema of database \(database) is not this propledger's: run `propledger migrate` as an admin."
        }
        return nil
    }
}

/// What the session's login role may do with PropLedger, for `propledger doctor`.
public struct SessionStanding: Sendable {
    /// The login role.
    public let user: String
    /// A superuser: may migrate and do anything.
    public let isSuperuser: Bool
    /// CREATEROLE and BYPASSRLS: may migrate where it may create in the database.
    public let isAdmin: Bool
    /// The PropLedger roles it is a member of (all of them for a superuser).
    public let memberships: [PropLedgerRole]
    /// Whether its scope is city-wide, and its districts; nil where they cannot be read (an unmigrated database).
    public let scope: (cityWide: Bool, districts: [String])?

    /// Reads the standing of the session's current role.
    public static func read(_ session: Connection) throws -> SessionStanding {
        let names = "{" + PropLedgerRole.allCases.map(\.rawValue).joined(separator: ",") + "}"
        let row = try session.execute(SQLQuery("""
            SELECT current_user::text AS user_name, r.rolsuper AS superuser, r.rolcreaterole AND r.rolbypassrls AS admin,
                   coalesce((SELECT string_agg(g, ',' ORDER BY o) FROM unnest(\(names, as: .textArray)) WITH ORDINALITY AS x(g, o)
                              WHERE CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = g)
                                         THEN pg_catalog.pg_has_role(current_user, g, 'MEMBER') ELSE false END), '') AS memberships
              FROM pg_catalog.pg_roles AS r WHERE r.rolname = current_user
            """))[0]
        let memberships = try row.decode("memberships", as: String.self).split(separator: ",").compactMap { PropLedgerRole(rawValue: String($0)) }
        // The scope functions of migration 012; absent before it, refused to a role without USAGE on ledger.
        let scope = try? session.execute("""
            SELECT ledger.scope_is_city() AS city, array_to_string(ledger.scope_districts(), ',') AS districts
            """)[0]
        return SessionStanding(
            user: try row.decode("user_name"), isSuperuser: try row.decode("superuser"), isAdmin: try row.decode("admin"),
            memberships: memberships,
            scope: try scope.map { (try $0.decode("city", as: Bool.self), try $0.decode("districts", as: String.self).split(separator: ",").map(String.init)) })
    }

    /// What the role may do, as one line: "may migrate, administer …, load, read reports" or how to get a role.
    public var abilities: String {
        var can: [String] = []
        if isSuperuser || isAdmin { can.append("migrate") }
        if memberships.contains(.owner) { can.append("administer (access, settings set)") }
        if memberships.contains(.loader) { can.append("load") }
        if memberships.contains(.reader) { can.append("read reports") }
        guard !can.isEmpty else {
            return "no PropLedger role yet: an administrator grants one with GRANT propledger_reader (or propledger_loader) TO \(user)"
        }
        return "may " + can.joined(separator: ", ")
    }

    /// Which rows it sees and loads: "city-wide", "districts 320508, 440307", or how to get a scope.
    public var scopeText: String? {
        guard let scope, !isSuperuser else { return isSuperuser ? "every district (superuser)" : nil }
        if scope.cityWide { return "city-wide" }
        if scope.districts.isEmpty { return "no district yet: an owner grants one with propledger access grant \(user) DISTRICT" }
        return "district" + (scope.districts.count == 1 ? " " : "s ") + scope.districts.joined(separator: ", ")
    }
}

/// Words a shell completes from the database where one is reachable (the completion scripts of `propledger`).
public enum DatabaseWords {
    /// The district codes the role sees (the reference registry is readable city-wide).
    public static func districts(_ session: Connection) throws -> [String] {
        try session.query("SELECT district_code FROM report.districts ORDER BY district_code") { try $0.decode("district_code", as: String.self) }
    }

    /// The kinds of file `load` takes, in `load --dir` order (needs a loader).
    public static func kinds(_ session: Connection) throws -> [String] {
        try LoadKind.registry(session).map(\.name)
    }
}
