import PostgresClient

/// The districts a loader may write: city-wide, or a list.
struct LoadScope {
    /// City-wide: every district.
    var isCity = true
    /// The districts, for messages ("320508, 320571" or "none").
    var listed = ""
}

/// The load's session: its settings, whether the role may load and where, and the load lock.
extension Loader {
    /// Session settings of a load, and the checks that it may load at all.
    func prepareSession() throws {
        // Names resolve in pg_catalog and this session's temporary tables only: every ledger, staging and
        // audit object is written schema-qualified, so nothing planted elsewhere can be picked up (SPEC §5).
        try connection.execute("SET search_path = pg_catalog, pg_temp")
        // A stalled or stopped client cannot hold the load's transaction (and its lock) forever.
        try connection.execute(SQLQuery("""
            SELECT pg_catalog.set_config('idle_in_transaction_session_timeout', \("\(max(1, options.idleTimeoutSeconds))s", as: .text), false)
            """))
        // Temporary tables stay in memory up to this size (it must be set before the first one is used).
        _ = try? connection.execute("SET temp_buffers = '256MB'")
        // If the loader is killed mid-statement, the server notices within a second and rolls back,
        // releasing the lock, instead of finishing the statement first.
        _ = try? connection.execute("SET client_connection_check_interval = '1s'")
        // Duplicate-key and reference checks over a whole file hash in memory rather than sort on disk.
        _ = try? connection.execute("SET work_mem = '256MB'")
        try checkMayLoad()
        scope = try readScope()
    }

    /// The kinds of file this database takes, in `load --dir` order, from its registry (`LoadKind.registry`):
    /// one query, after the role is known to be a loader, so a role that may not load is told which grant
    /// it needs rather than that it cannot read the registry.
    public func kinds() throws -> [LoadKind] {
        try checkMayLoad()
        return try LoadKind.registry(connection)
    }

    /// Refuses a role that is not a loader (nor the owner), naming the grant it needs.
    private func checkMayLoad() throws {
        let role = try connection.execute("""
            SELECT current_user::text AS who,
                   pg_catalog.pg_has_role(current_user, 'propledger_loader', 'MEMBER')
                     OR pg_catalog.pg_has_role(current_user, 'propledger_owner', 'MEMBER') AS may_load
            """)[0]
        guard try role.decode("may_load", as: Bool.self) else {
            let who = try role.decode("who", as: String.self)
            throw LoadError.noPermission(Message.mayNotLoad.render(options.language, ["role": who]))
        }
    }

    /// The connecting role's districts (row-level security scope).
    private func readScope() throws -> LoadScope {
        let row = try connection.execute("""
            SELECT ledger.scope_is_city() AS city,
                   coalesce(nullif(array_to_string(ledger.scope_districts(), ', '), ''), 'none') AS listed
            """)[0]
        return LoadScope(isCity: try row.decode("city", as: Bool.self), listed: try row.decode("listed", as: String.self))
    }

    /// Takes the load lock for this transaction: at once, or after waiting at most --lock-timeout.
    func takeLock() throws {
        let lock: SQLQuery = "LOCK TABLE \(raw: Loader.lockTable) IN EXCLUSIVE MODE"
        do {
            try connection.withSavepoint("load_lock") { try connection.execute(SQLQuery("\(lock) NOWAIT")) }
            return
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {}
        let language = options.language
        let who = lockHolder().map { Message.loadHeldBy.render(language, ["who": $0]) } ?? ""
        if options.noWait {
            throw LoadError.busy(Message.loadRunning.render(language, ["who": who]))
        }
        waiting?(Message.loadWaiting.render(language, ["who": who, "seconds": String(options.lockTimeoutSeconds)]))
        do {
            try connection.withSavepoint("load_lock") {
                try connection.execute(SQLQuery("""
                    SELECT pg_catalog.set_config('lock_timeout', \("\(max(1, options.lockTimeoutSeconds))s", as: .text), true)
                    """))
                try connection.execute(lock)
                try connection.execute("SET LOCAL lock_timeout = DEFAULT")
            }
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {
            throw LoadError.busy(Message.loadStillRunning.render(language, ["who": who, "seconds": String(options.lockTimeoutSeconds)]))
        }
    }

    /// Who holds the load lock (application, pid and user), if it can be seen.
    private func lockHolder() -> String? {
        try? connection.execute("""
            SELECT coalesce(a.application_name, '') || ' (pid ' || l.pid || ', user ' || coalesce(a.usename::text, '?') || ')' AS who
            FROM pg_catalog.pg_locks AS l LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
            WHERE l.locktype = 'relation' AND l.relation = 'staging.load_lock'::pg_catalog.regclass AND l.granted
              AND l.database = (SELECT d.oid FROM pg_catalog.pg_database AS d WHERE d.datname = pg_catalog.current_database())
            LIMIT 1
            """).first?.decode("who", as: String.self)
    }
}
