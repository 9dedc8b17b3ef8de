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

/// Applies `sql/migrations/NNN-what.sql` in order, recording each in `public.schema_migrations`.
///
/// Each file runs in its own transaction, all of them under one advisory lock, so two concurrent runs
/// serialise and the second finds nothing to do. Files run as `propledger_owner`, so that role owns the
/// schema, except `001` and files whose first line is `-- propledger: run as admin`. An applied file whose
/// checksum changed is refused before anything runs. Then the code of `sql/schema/` (the report schema's
/// views and functions) is applied again whole whenever any of its files changed, recorded in
/// `public.schema_code`.
public struct Migrator: Sendable {
    /// The advisory lock key every `migrate` takes (an arbitrary constant: "PLMIGRAT").
    public static let lockKey: Int64 = 0x504C_4D49_4752_4154
    /// The migrations, in version order.
    public let files: [MigrationFile]
    /// The repeatable code files of `sql/schema/` (beside the migrations directory), in name order.
    public let schemaFiles: [SchemaFile]

    /// Reads every `NNN-what.sql` in a directory; any other `.sql` name is an error.
    public init(directory: URL) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw MigrationError(description: "cannot read the migrations directory \(directory.path): \(error.localizedDescription)")
        }
        var files: [MigrationFile] = []
        for name in names.sorted() where name.hasSuffix(".sql") {
            guard let match = name.wholeMatch(of: /(\d{3})-[a-z0-9][a-z0-9_-]*\.sql/) else {
                throw MigrationError(description: "\(directory.path)/\(name): a migration must be named NNN-what.sql (three digits, lowercase words)")
            }
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError(description: "\(directory.path)/\(name) is not UTF-8 text")
            }
            let version = String(match.output.1)
            if let twin = files.first(where: { $0.version == version }) {
                throw MigrationError(description: "\(name) and \(twin.fileName) share version \(version); give each file its own number")
            }
            files.append(MigrationFile(version: version, fileName: name, sql: sql, sha256: SHA256.hex(of: data)))
        }
        self.files = files
        schemaFiles = try Migrator.readSchemaFiles(directory.deletingLastPathComponent().appendingPathComponent("schema"))
    }

    /// Reads every `NNN-what.sql` of `sql/schema/` (none when the directory does not exist).
    static func readSchemaFiles(_ directory: URL) throws -> [SchemaFile] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return try names.sorted().filter { $0.hasSuffix(".sql") }.map { name in
            guard name.wholeMatch(of: /\d{3}-[a-z0-9][a-z0-9_-]*\.sql/) != nil else {
                throw MigrationError(description: "\(directory.path)/\(name): a schema file must be named NNN-what.sql (three digits, lowercase words)")
            }
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            guard let sql = String(data: data, encoding: .utf8) else {
                throw MigrationError(description: "\(directory.path)/\(name) is not UTF-8 text")
            }
            return SchemaFile(fileName: name, sql: sql, sha256: SHA256.hex(of: data))
        }
    }

    /// The migrations directory: `$PROPLEDGER_MIGRATIONS`, else `sql/migrations` in the current directory,
    /// else the first `sql/migrations` above the running executable (a build inside the project).
    public static func defaultDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if let explicit = environment["PROPLEDGER_MIGRATIONS"], !explicit.isEmpty { return URL(fileURLWithPath: explicit) }
        let manager = FileManager.default
        let here = URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent("sql/migrations")
        if manager.fileExists(atPath: here.path) { return here }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("sql/migrations")
            if manager.fileExists(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// Lists every migration with its state. Works on a database that has never been migrated.
    public func status(_ connection: Connection) throws -> [MigrationStatus] {
        let exists = try connection.execute("SELECT to_regclass('public.schema_migrations') IS NOT NULL AS present")
        let recorded: [(version: String, name: String, sha: String, at: String)] =
            try exists[0].decode("present", as: Bool.self)
            ? connection.query("SELECT version, name, sha256, applied_at::text AS at FROM public.schema_migrations ORDER BY version") {
                (try $0.decode("version"), try $0.decode("name"), try $0.decode("sha256"), try $0.decode("at"))
            }
            : []
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
        let exists = try connection.execute("SELECT pg_catalog.to_regclass('public.schema_code') IS NOT NULL AS present")
        guard try exists[0].decode("present", as: Bool.self) else { return nil }
        return try connection.query("SELECT name, sha256, applied_at::text AS at FROM public.schema_code ORDER BY name") {
            (try $0.decode("name"), try $0.decode("sha256"), try $0.decode("at"))
        }
    }

    /// Applies every pending migration and returns the files it applied.
    @discardableResult
    public func migrate(_ connection: Connection, log: (String) -> Void = { _ in }) throws -> [MigrationFile] {
        try connection.execute("SELECT pg_advisory_lock(\(Migrator.lockKey))")
        defer { _ = try? connection.execute("SELECT pg_advisory_unlock(\(Migrator.lockKey))") }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS public.schema_migrations (
              version    text PRIMARY KEY,
              name       text NOT NULL,
              sha256     text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now(),
              applied_by text NOT NULL DEFAULT current_user
            )
            """)
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS public.schema_code (
              name       text PRIMARY KEY,
              sha256     text NOT NULL,
              applied_at timestamptz NOT NULL DEFAULT now(),
              applied_by text NOT NULL DEFAULT current_user
            )
            """)
        let current = try status(connection)
        let changed = current.filter { $0.state == .changed }
        if !changed.isEmpty {
            throw MigrationError(description: "refusing to migrate: applied migration"
                + (changed.count > 1 ? "s " : " ") + changed.map(\.fileName).joined(separator: ", ")
                + " changed since it was applied (its SHA-256 differs). Restore the file as applied and put the change in a new migration.")
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
                    INSERT INTO public.schema_migrations (version, name, sha256) VALUES (\(file.version), \(file.fileName), \(file.sha256))
                    """)
            }
            log("applied \(file.fileName)")
            applied.append(file)
        }
        try applySchemaFiles(connection, log: log)
        return applied
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
            try connection.execute("DELETE FROM public.schema_code")
            for file in schemaFiles {
                try connection.execute("INSERT INTO public.schema_code (name, sha256) VALUES (\(file.fileName), \(file.sha256))")
            }
        }
        for file in schemaFiles { log("applied schema/\(file.fileName)") }
    }
}
