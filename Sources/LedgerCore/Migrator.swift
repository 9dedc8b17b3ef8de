import Foundation
import PostgresClient

/// One file of `sql/migrations/`, named `NNN-what.sql`.
public struct MigrationFile: Sendable, Equatable {
    /// The three-digit version, e.g. `003`.
    public let version: String
    /// The file name, e.g. `003-geography.sql`.
    public let fileName: String
    /// The SQL text.
    public let sql: String
    /// The SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String

    /// The first line that makes a file run as the connecting (admin) user instead of `propledger_owner`.
    public static let runAsAdminMarker = "-- propledger: run as admin"

    /// True for `001` and for files that start with `runAsAdminMarker` (they create roles, extensions,
    /// or functions that must see past row-level security).
    public var runsAsAdmin: Bool { version == "001" || sql.hasPrefix(MigrationFile.runAsAdminMarker) }
}

/// One file of `sql/schema/`: code (views and functions of the report schema), re-applied with the
/// whole directory whenever any of its files changes (Flyway's repeatable migrations).
public struct SchemaFile: Sendable, Equatable {
    /// The file name, e.g. `040-report-functions.sql`.
    public let fileName: String
    /// The SQL text.
    public let sql: String
    /// The SHA-256 of the file's bytes, lowercase hex.
    public let sha256: String
}

/// The state of one migration in a database.
public struct MigrationStatus: Sendable, Equatable {
    /// Where a migration stands.
    public enum State: String, Sendable {
        /// Recorded in schema_migrations with the file's checksum.
        case applied
        /// Not yet applied.
        case pending
        /// Applied, but the file has changed since: refused.
        case changed
        /// Recorded as applied, but no file of that version exists any more.
        case missing
    }

    /// The version.
    public let version: String
    /// The file name (or the recorded one, for a missing file).
    public let fileName: String
    /// Where it stands.
    public let state: State
    /// When it was applied, as the server's text.
    public let appliedAt: String?
}

/// Why migrations could not run.
public struct MigrationError: Error, CustomStringConvertible, Sendable {
    /// What went wrong and what to do.
    public let description: String
}

/// Applies `sql/migrations/NNN-what.sql` in order, recording each in `propledger.schema_migrations`.
///
/// Each file runs in its own transaction, all of them under one advisory lock, so two concurrent runs
/// serialise and the second finds nothing to do. Files run as `propledger_owner`, so that role owns the
/// schema, except `001` and files whose first line is `-- propledger: run as admin`. An applied file whose
/// checksum changed is refused before anything runs. Then the code of `sql/schema/` (the report schema's
/// views and functions) is applied again whole whenever any of its files changed, recorded in
/// `propledger.schema_code`.
///
/// The history lives in PropLedger's own schema, `propledger`, never in `public.schema_migrations`, which
/// dbmate and Rails keep (SPEC §9): a database that already has theirs is left as it is. A database migrated
/// before the history moved has PropLedger's tables in `public`; the next `migrate` moves them.
public struct Migrator: Sendable {
    /// The advisory lock key every `migrate` takes (an arbitrary constant: "PLMIGRAT").
    public static let lockKey: Int64 = 0x504C_4D49_4752_4154
    /// The schema of the migration history.
    public static let historySchema = "propledger"
    /// The migrations, in version order.
    public let files: [MigrationFile]
    /// The repeatable code files of `sql/schema/` (beside the migrations directory), in name order.
    public let schemaFiles: [SchemaFile]

    /// The files compiled into this binary at build time (the EmbedSQL plugin), so a copy of the binary
    /// migrates from any directory.
    public static func embedded() throws -> Migrator {
        func decoded(_ files: [(name: String, base64: String)]) -> [(name: String, data: Data)] {
            // The build wrote the base64 itself: a failure is a broken build, not bad input.
            files.map { ($0.name, Data(base64Encoded: $0.base64)!) }
        }
        return try Migrator(migrations: decoded(EmbeddedSQL.migrations), schema: decoded(EmbeddedSQL.schema), origin: "built-in sql/migrations")
    }

    /// The latest migration of this binary's (or directory's) set, e.g. `022-load-kinds`: the schema version it migrates to.
    public var schemaVersion: String { Migrator.schemaVersion(latest: files.last?.fileName) }

    /// A schema version named by its latest migration file: `022-load-kinds` for `022-load-kinds.sql`.
    static func schemaVersion(latest fileName: String?) -> String {
        fileName.map { String($0.dropLast(".sql".count)) } ?? "none"
    }

    /// Reads every `NNN-what.sql` in a directory (and in `schema/` beside it); any other `.sql` name is an error.
    public init(directory: URL) throws {
        try self.init(migrations: Migrator.read(directory, what: "migrations"),
                      schema: Migrator.read(directory.deletingLastPathComponent().appendingPathComponent("schema"), what: nil),
                      origin: directory.path)
    }

    /// The `.sql` files of a directory in name order; a missing directory is an error when `what` names it,
    /// else no files (`sql/schema` is optional).
    static func read(_ directory: URL, what: String?) throws -> [(name: String, data: Data)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            guard let what else { return [] }
            throw MigrationError(description: "cannot read the \(what) directory \(directory.path): \(error.localizedDescription)")
        }
        return try names.sorted().filter { $0.hasSuffix(".sql") }.map { ($0, try Data(contentsOf: directory.appendingPathComponent($0))) }
    }

    /// Checks the names (`NNN-what.sql`, one file per version) and the encoding (UTF-8) of a set of files;
    /// `origin` names where they come from in an error.
    init(migrations: [(name: String, data: Data)], schema: [(name: String, data: Data)], origin: String) throws {
        let schemaOrigin = origin.hasSuffix("migrations") ? String(origin.dropLast("migrations".count)) + "schema" : origin
        func text(_ name: String, _ data: Data, in folder: String, kind: String) throws -> String {
            guard name.wholeMatch(of: /\d{3}-[a-z0-9][a-z0-9_-]*\.sql/) != nil else {
                throw MigrationError(description: "\(folder)/\(name): a \(kind) must be named NNN-what.sql (three digits, lowercase words)")
            }
            guard let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError(description: "\(folder)/\(name) is not UTF-8 text")
            }
            return sql
        }
        var files: [MigrationFile] = []
        for (name, data) in migrations {
            let sql = try text(name, data, in: origin, kind: "migration")
            let version = String(name.prefix(3))
            if let twin = files.first(where: { $0.version == version }) {
                throw MigrationError(description: "\(name) and \(twin.fileName) share version \(version); give each file its own number")
            }
            files.append(MigrationFile(version: version, fileName: name, sql: sql, sha256: SHA256.hex(of: data)))
        }
        self.files = files
        schemaFiles = try schema.map { name, data in
            SchemaFile(fileName: name, sql: try text(name, data, in: schemaOrigin, kind: "schema file"), sha256: SHA256.hex(of: data))
        }
    }

    /// The schema holding PropLedger's history tables: `propledger`, or `public` for a database migrated before
    /// the history moved (its `public.schema_migrations` has PropLedger's `name` and `sha256` columns; dbmate's
    /// and Rails' have only `version`); nil before the first migrate. Read from the catalogue, which every role sees.
    func historySchema(_ connection: Connection, table: String) throws -> String? {
        try connection.query("""
            SELECT n.nspname::text AS schema
              FROM pg_catalog.pg_class AS c JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace
             WHERE c.relname = \(table) AND c.relkind = 'r' AND n.nspname IN (\(Migrator.historySchema), 'public')
               AND (SELECT count(*) FROM pg_catalog.pg_attribute AS a
                     WHERE a.attrelid = c.oid AND a.attname IN ('name', 'sha256') AND NOT a.attisdropped) = 2
             ORDER BY n.nspname = \(Migrator.historySchema) DESC
             LIMIT 1
            """) { try $0.decode("schema", as: String.self) }.first
    }

    /// Lists every migration with its state. Works on a database that has never been migrated.
    public func status(_ connection: Connection) throws -> [MigrationStatus] {
        let recorded: [(version: String, name: String, sha: String, at: String)] =
            try historySchema(connection, table: "schema_migrations").map { schema in
                try connection.query("SELECT version, name, sha256, applied_at::text AS at FROM \(ident: schema, "schema_migrations") ORDER BY version") {
                    (try $0.decode("version"), try $0.decode("name"), try $0.decode("sha256"), try $0.decode("at"))
                }
            } ?? []
        var result: [MigrationStatus] = []
        for file in files {
            if let row = recorded.first(where: { $0.version == file.version }) {
                let state: MigrationStatus.State = row.sha == file.sha256 ? .applied : .changed
                result.append(MigrationStatus(version: file.version, fileName: file.fileName, state: state, appliedAt: row.at))
            } else {
                result.append(MigrationStatus(version: file.version, fileName: file.fileName, state: .pending, appliedAt: nil))
            }
        }
        for row in recorded where !files.contains(where: { $0.version == row.version }) {
            result.append(MigrationStatus(version: row.version, fileName: row.name, state: .missing, appliedAt: row.at))
        }
        return result.sorted { $0.version < $1.version }
    }

    /// The files of `sql/schema/`, each `applied` when the database runs exactly this set of them (same
    /// names, same checksums), else `pending`: the next migrate runs them all again.
    public func schemaStatus(_ connection: Connection) throws -> [MigrationStatus] {
        var result: [MigrationStatus] = []
        let code = try appliedSchemaFiles(connection)
        let current = code.map(isCurrent) ?? false
        for file in schemaFiles {
            let at = code?.first { $0.name == file.fileName }?.at
            result.append(MigrationStatus(version: "schema", fileName: "schema/\(file.fileName)", state: current ? .applied : .pending,
                                          appliedAt: current ? at : nil))
        }
        return result
    }

    /// Whether the recorded schema files are exactly these files: the same names with the same checksums.
    func isCurrent(_ recorded: [(name: String, sha: String, at: String)]) -> Bool {
        Set(recorded.map { "\($0.name) \($0.sha)" }) == Set(schemaFiles.map { "\($0.fileName) \($0.sha256)" })
    }

    /// The schema files recorded as applied (nil before the first migrate that knew of them).
    func appliedSchemaFiles(_ connection: Connection) throws -> [(name: String, sha: String, at: String)]? {
        guard let schema = try historySchema(connection, table: "schema_code") else { return nil }
        return try connection.query("SELECT name, sha256, applied_at::text AS at FROM \(ident: schema, "schema_code") ORDER BY name") {
            (try $0.decode("name"), try $0.decode("sha256"), try $0.decode("at"))
        }
    }

    /// Applies every pending migration and returns the files it applied.
    @discardableResult
    public func migrate(_ connection: Connection, log: (String) -> Void = { _ in }) throws -> [MigrationFile] {
        try connection.execute("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Migrator.lockKey))") }
        try prepareHistory(connection, log: log)
        let current = try status(connection)
        let changed = current.filter { $0.state == .changed }
        if !changed.isEmpty {
            throw MigrationError(description: "refusing to migrate: applied migration"
                + (changed.count > 1 ? "s " : " ") + changed.map(\.fileName).joined(separator: ", ")
                + " changed since it was applied (its SHA-256 differs). Restore the file as applied and put the change in a new migration.")
        }
        // An older binary would apply its older report code over the newer schema's.
        if let newest = current.last(where: { $0.state == .missing }) {
            throw MigrationError(description: "refusing to migrate: the database has \(newest.fileName), which this propledger (schema "
                + "\(schemaVersion)) does not know: it was migrated by a newer propledger; use one at least as new.")
        }
        var applied: [MigrationFile] = []
        for file in files where current.first(where: { $0.version == file.version })?.state == .pending {
            try connection.withTransaction {
                if !file.runsAsAdmin { try connection.execute("SET LOCAL ROLE propledger_owner") }
                do {
                    try connection.executeScript(file.sql)
                } catch var error as PostgresError {
                    error.message = "\(file.fileName): \(error.message)"
                    throw error
                }
                try connection.execute("RESET ROLE")
                try connection.execute("""
                    INSERT INTO \(ident: Migrator.historySchema, "schema_migrations") (version, name, sha256)
                    VALUES (\(file.version), \(file.fileName), \(file.sha256))
                    """)
            }
            log("applied \(file.fileName)")
            applied.append(file)
        }
        try applySchemaFiles(connection, log: log)
        // Every PropLedger role may read the history: doctor and migrate --status work for readers and loaders.
        try connection.execute("""
            DO $$
            BEGIN
              IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'propledger_reader') THEN
                GRANT USAGE ON SCHEMA \(ident: Migrator.historySchema) TO propledger_reader;
                GRANT SELECT ON \(ident: Migrator.historySchema, "schema_migrations"), \(ident: Migrator.historySchema, "schema_code")
                  TO propledger_reader;
              END IF;
            END
            $$
            """)
        return applied
    }

    /// Creates the history schema and tables, first moving PropLedger's own history out of `public` in a
    /// database migrated before it moved (a `public.schema_migrations` of dbmate or Rails stays where it is).
    func prepareHistory(_ connection: Connection, log: (String) -> Void) throws {
        try connection.withTransaction {
            try connection.execute("CREATE SCHEMA IF NOT EXISTS \(ident: Migrator.historySchema)")
            try connection.execute("""
                COMMENT ON SCHEMA \(ident: Migrator.historySchema) IS 'PropLedger''s migration history (propledger migrate); never public.schema_migrations, which dbmate and Rails keep.'
                """)
            for table in ["schema_migrations", "schema_code"] where try historySchema(connection, table: table) == "public" {
                try connection.execute("ALTER TABLE \(ident: "public", table) SET SCHEMA \(ident: Migrator.historySchema)")
                log("moved public.\(table) to \(Migrator.historySchema).\(table)")
            }
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS \(ident: Migrator.historySchema, "schema_migrations") (
                  version    text PRIMARY KEY,
                  name       text NOT NULL,
                  sha256     text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now(),
                  applied_by text NOT NULL DEFAULT current_user
                )
                """)
            try connection.execute("""
                CREATE TABLE IF NOT EXISTS \(ident: Migrator.historySchema, "schema_code") (
                  name       text PRIMARY KEY,
                  sha256     text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now(),
                  applied_by text NOT NULL DEFAULT current_user
                )
                """)
        }
    }

    /// Runs every file of `sql/schema/` again, in one transaction, when the set of files or any checksum
    /// differs from what the database recorded; the first file rebuilds the report schema from nothing.
    func applySchemaFiles(_ connection: Connection, log: (String) -> Void) throws {
        let recorded = try appliedSchemaFiles(connection) ?? []
        guard !isCurrent(recorded) else { return }
        try connection.withTransaction {
            try connection.execute("SET LOCAL ROLE propledger_owner")
            for file in schemaFiles {
                do {
                    try connection.executeScript(file.sql)
                } catch var error as PostgresError {
                    error.message = "schema/\(file.fileName): \(error.message)"
                    throw error
                }
            }
            try connection.execute("RESET ROLE")
            try connection.execute("DELETE FROM \(ident: Migrator.historySchema, "schema_code")")
            for file in schemaFiles {
                try connection.execute("INSERT INTO \(ident: Migrator.historySchema, "schema_code") (name, sha256) VALUES (\(file.fileName), \(file.sha256))")
            }
        }
        for file in schemaFiles { log("applied schema/\(file.fileName)") }
    }
}

/// What this binary was built from, for `propledger --version`: read from the embedded files' names, without
/// decoding them, so start-up stays cheap.
public enum BuildInfo {
    /// The commit built, or "unknown" (a build outside git).
    public static let commit = EmbeddedSQL.commit ?? "unknown"
    /// The latest built-in migration, e.g. `022-load-kinds`: the schema version this binary migrates to.
    public static let schemaVersion = Migrator.schemaVersion(latest: EmbeddedSQL.migrations.last?.name)
}
