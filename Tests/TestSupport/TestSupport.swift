import Foundation
import LedgerCore
import PostgresClient

/// Where the tests find PostgreSQL, and whether they must.
///
/// Integration tests run when a database is configured (`PROPLEDGER_TEST_DB`, `DATABASE_URL` or `PGHOST`/`PGDATABASE`).
/// Without one they skip with a message — unless `PROPLEDGER_REQUIRE_DB=1` (set by ops/test and CI), where a
/// missing database is a failure.
public enum TestEnvironment {
    /// The process environment.
    public static let environment = ProcessInfo.processInfo.environment

    /// The admin conninfo tests use to create scratch databases.
    public static var adminConninfo: String {
        environment["PROPLEDGER_TEST_DB"] ?? environment["DATABASE_URL"] ?? ""
    }

    /// True when ops/test or CI demands a database.
    public static var databaseRequired: Bool { environment["PROPLEDGER_REQUIRE_DB"] == "1" }

    /// True when integration tests should run: a database is configured, or one is required (and then a
    /// missing one fails the test instead of skipping it).
    public static var databaseEnabled: Bool {
        databaseRequired || environment["PROPLEDGER_TEST_DB"] != nil || environment["DATABASE_URL"] != nil
            || environment["PGHOST"] != nil || environment["PGDATABASE"] != nil
    }

    /// The message a skipped integration test shows.
    public static let skipMessage = "no database configured: set PGHOST/PGDATABASE or PROPLEDGER_TEST_DB (ops/test does), or PROPLEDGER_REQUIRE_DB=1 to fail instead"

    /// The project root (the directory holding Package.swift).
    public static let projectRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }()

    /// The real migrations of the project.
    public static var migrationsDirectory: URL { projectRoot.appendingPathComponent("sql/migrations") }
}

/// A login role made for a test (`ScratchDatabase.loginRole`).
public struct LoginRole {
    /// The role's name.
    public let name: String
    /// The environment that connects as it.
    public let environment: [String: String]
    /// Removes its scopes, what it owns and the role.
    public let drop: () -> Void
}

/// A fresh, uniquely named database, dropped when the value is released.
public final class ScratchDatabase: @unchecked Sendable {
    /// The database name.
    public let name: String
    /// A conninfo that reaches it (the admin conninfo with this dbname).
    public let conninfo: String

    /// Creates an empty database; with `migrated`, a copy of the migrated template (every migration applied).
    public convenience init(migrated: Bool = false, prefix: String = "pl_test") throws {
        try self.init(template: migrated ? .migrated : nil, prefix: prefix)
    }

    /// Creates a copy of a template database (built once per test run, see `DatabaseTemplate`), or an empty
    /// database when `template` is nil.
    public init(template: DatabaseTemplate?, prefix: String = "pl_test") throws {
        name = "\(prefix)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let admin = try Connection(conninfo: TestEnvironment.adminConninfo)
        if let template {
            try TemplateDatabases.copy(template, to: name, admin: admin)
        } else {
            // CREATE DATABASE takes no parameters; the name is generated here, never user input.
            try admin.execute("CREATE DATABASE \(ident: name)")
        }
        conninfo = ScratchDatabase.conninfo(TestEnvironment.adminConninfo, database: name)
    }

    /// A new session on this database.
    public func connect() throws -> Connection { try Connection(conninfo: conninfo) }

    /// The environment a child process needs to reach this database.
    public var environment: [String: String] {
        ScratchDatabase.environment(conninfo: conninfo, name: name)
    }

    /// The environment a child process needs to reach a database.
    static func environment(conninfo: String, name: String) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = conninfo
        env["PGDATABASE"] = name
        return env
    }

    deinit {
        if let admin = try? Connection(conninfo: TestEnvironment.adminConninfo) {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)")
        }
    }

    /// A unique login role for a test (roles are cluster-wide), a member of `group` (nil: of no PropLedger
    /// role) and, when `district` is given, scoped to it; with the environment that connects to this database as
    /// it. `drop` removes its scopes, what it owns and the role.
    public func loginRole(prefix: String = "pl_test_role", in group: String?, district: String? = nil) throws -> LoginRole {
        let name = "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        let admin = try connect()
        var create: SQLQuery = "CREATE ROLE \(ident: name) LOGIN"
        if let group { create.append(" IN ROLE \(ident: group)") }
        try admin.execute(create)
        if let district { try admin.execute("SELECT ledger.access_grant(\(name, as: .name), \(district, as: .text))") }
        var environment = self.environment
        environment["DATABASE_URL"] = ScratchDatabase.conninfo(conninfo, user: name)
        environment["PGUSER"] = name
        return LoginRole(name: name, environment: environment) {
            _ = try? admin.execute("SELECT ledger.access_revoke_all(\(name, as: .name))")
            _ = try? admin.execute("DROP OWNED BY \(ident: name)")
            _ = try? admin.execute("DROP ROLE IF EXISTS \(ident: name)")
        }
    }

    /// This database's conninfo with another user (a URI gets its user replaced, without a password).
    public static func conninfo(_ base: String, user: String) -> String {
        if base.hasPrefix("postgres"), var parts = URLComponents(string: base) {
            parts.user = user
            parts.password = nil
            return parts.string ?? base
        }
        return base + " user=\(user)"
    }

    /// The admin conninfo with another dbname: a URI gets its path replaced, a key=value string gets `dbname=` appended.
    static func conninfo(_ base: String, database: String) -> String {
        if base.hasPrefix("postgres://") || base.hasPrefix("postgresql://"), var parts = URLComponents(string: base) {
            parts.path = "/" + database
            return parts.string ?? base
        }
        return base.isEmpty ? "dbname=\(database)" : "\(base) dbname=\(database)"
    }
}

/// A database built once per test run, which each test copies with `CREATE DATABASE … TEMPLATE …` instead of
/// replaying every migration (and loading the sample) itself.
///
/// A copy differs from a database built for itself in two ways a test may notice: it has no statistics
/// (`pg_stat_*`, such as `last_analyze`), so a test of what a load does to them loads itself; and copies of one
/// template share every object's OID, so a server-wide view (`pg_locks`) is read for `database` = this one, not
/// by relation alone.
public enum DatabaseTemplate: String, Sendable, CaseIterable {
    /// Every migration of the project applied.
    case migrated
    /// `migrated` plus `propledger load --dir ops/sample`, checked once to have gone in whole.
    case sample
}

/// Why a template database could not be built or copied.
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public let description: String
}

/// The template databases: named by a hash of what they are built from, built at most once per server (under
/// an advisory lock, under a temporary name renamed only when complete), found once per process.
///
/// Each is built from the migrations, the sample files and the `propledger` binary (its size and modification
/// time: the loader and the migration runner are in it), so a change to any of them makes a new name. A
/// process holds a shared advisory lock (keyed by the name) on each template it uses for as long as it runs;
/// a template of another hash that nobody holds is dropped when a new one is built. A complete template has
/// connections disallowed, so nobody can be connected to it when it is copied. (Advisory locks belong to a
/// database: processes that share a server see each other's locks when their admin conninfo names the same
/// database, as `ops/test` and the `PG*` variables do; otherwise the rename still keeps half-built copies out.)
enum TemplateDatabases {
    /// The advisory lock taken while a template is looked for or built (an arbitrary constant: "PLTEMPLT").
    static let buildLockKey: Int64 = 0x504C_5445_4D50_4C54
    /// 55006 object_in_use: CREATE DATABASE or RENAME found another session connected to the database.
    static let objectInUse = SQLState("55006")
    /// 42P04 duplicate_database.
    static let duplicateDatabase = SQLState("42P04")

    // Found or built on first use, once per process: a `static let` is initialised once, whichever thread asks
    // first; the others wait for it.
    /// The name of the migrated template, or why there is none.
    static let migrated: Result<String, TemplateError> = Result { () throws(TemplateError) in try find(.migrated) }
    /// The name of the sample template, or why there is none.
    static let sample: Result<String, TemplateError> = Result { () throws(TemplateError) in try find(.sample) }

    /// A session on the admin database that lives as long as the process, holding a shared advisory lock on
    /// the name of each current template (taken before any is looked for), so that no process drops them.
    static let keeper: Result<Keeper, TemplateError> = Result { () throws(TemplateError) in
        do {
            var names: [DatabaseTemplate: String] = [:]
            for template in DatabaseTemplate.allCases { names[template] = try templateName(template) }
            let keeper = Keeper(connection: try Connection(conninfo: TestEnvironment.adminConninfo), names: names)
            for name in names.values { try keeper.holdShared(name) }
            return keeper
        } catch {
            throw TemplateError(description: "cannot prepare the template databases: \(error)")
        }
    }

    /// Copies a template (found or built on first use in this process) into a new database named `name`.
    static func copy(_ template: DatabaseTemplate, to name: String, admin: Connection) throws {
        let source = try (template == .migrated ? migrated : sample).get()
        try retryingWhileInUse { try admin.execute("CREATE DATABASE \(ident: name) TEMPLATE \(ident: source)") }
        do {
            try carryOver(from: source, to: name, admin: admin)
        } catch {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)")
            throw error
        }
    }

    /// A copy does not get the template's database-level privileges (pg_database.datacl: the GRANT … ON
    /// DATABASE of migration 001) nor its settings (ALTER DATABASE … SET, which no migration uses): grant the
    /// copy what the template was granted, read from the catalogue, so the migrations stay the one place that
    /// says what it is; refuse a template with settings rather than hand out copies without them.
    static func carryOver(from template: String, to copy: String, admin: Connection) throws {
        let settings = try admin.execute("""
            SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = \(template)
            """)[0].decode(at: 0, as: Int.self)
        guard settings == 0 else {
            throw TemplateError(description: "the template \(template) has database settings (ALTER DATABASE … SET), which a copy does not inherit: carry them over in TemplateDatabases.carryOver")
        }
        let statements = try admin.query("""
            SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', \(copy, as: .text)) AS statement, 0 AS step
              FROM pg_database d WHERE d.datname = \(template) AND d.datacl IS NOT NULL
            UNION ALL
            SELECT format('GRANT %s ON DATABASE %I TO %s%s', a.privilege_type, \(copy, as: .text),
                          CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END,
                          CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END), 1
              FROM pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee
             WHERE d.datname = \(template) AND a.grantee <> d.datdba
            ORDER BY step, statement
            """) { try $0.decode("statement", as: String.self) }
        // Statements the server wrote with format(%I), so they are SQL text, not data.
        for statement in statements { try admin.execute("\(raw: statement)") }
    }

    /// The name of a complete template, found or built.
    static func find(_ template: DatabaseTemplate) throws(TemplateError) -> String {
        do {
            let keeper = try TemplateDatabases.keeper.get()
            let name = keeper.names[template]!
            // The sample template is a copy of the migrated one: have that first, outside the build lock.
            if template == .sample { _ = try migrated.get() }
            let admin = try Connection(conninfo: TestEnvironment.adminConninfo)
            try admin.execute("SELECT pg_advisory_lock(\(buildLockKey))")
            defer { _ = try? admin.execute("SELECT pg_advisory_unlock(\(buildLockKey))") }
            if try admin.execute("SELECT count(*) FROM pg_database WHERE datname = \(name)")[0].decode(at: 0, as: Int.self) == 1 {
                return name  // under its final name a template is complete
            }
            try dropUnused(admin: admin)
            let building = "pl_tpl_build_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
            try keeper.holdShared(building)
            defer { keeper.release(building) }
            do {
                try build(template, into: building, admin: admin)
                // Complete: nobody may connect to it any more (a copy needs it unused), and only now is it named.
                try admin.execute("COMMENT ON DATABASE \(ident: building) IS 'PropLedger test template (\(raw: template.rawValue)), built by Tests/TestSupport; dropped when unused and out of date'")
                try admin.execute("ALTER DATABASE \(ident: building) WITH ALLOW_CONNECTIONS false IS_TEMPLATE true")
                try retryingWhileInUse { try admin.execute("ALTER DATABASE \(ident: building) RENAME TO \(ident: name)") }
                return name
            } catch let error as PostgresError where error.sqlState == duplicateDatabase {
                // Finished meanwhile by a process whose admin database is another one (so its lock is not ours).
                drop(building, admin: admin)
                return name
            } catch {
                drop(building, admin: admin)
                throw error
            }
        } catch let error as TemplateError {
            throw error
        } catch {
            throw TemplateError(description: "cannot build the \(template.rawValue) template database: \(error)")
        }
    }

    /// Fills a new database: every migration, or a copy of the migrated template with the sample loaded.
    static func build(_ template: DatabaseTemplate, into building: String, admin: Connection) throws {
        switch template {
        case .migrated:
            try admin.execute("CREATE DATABASE \(ident: building)")
            let connection = try Connection(conninfo: ScratchDatabase.conninfo(TestEnvironment.adminConninfo, database: building))
            try Migrator(directory: TestEnvironment.migrationsDirectory).migrate(connection)
        case .sample:
            try copy(.migrated, to: building, admin: admin)
            let conninfo = ScratchDatabase.conninfo(TestEnvironment.adminConninfo, database: building)
            let load = try CLI.run(["load", "--dir", "ops/sample"], environment: ScratchDatabase.environment(conninfo: conninfo, name: building))
            guard load.status == 0 else {
                throw TemplateError(description: "propledger load --dir ops/sample failed (\(load.status)) building the sample template: \(load.stderr)")
            }
        }
    }

    /// Drops the templates (and half-built ones) that no process holds: those of older migrations, samples or
    /// binaries, and those whose builder died. `ops/test` uses a throwaway cluster; a long-lived one is kept tidy.
    static func dropUnused(admin: Connection) throws {
        let names = try admin.query("SELECT datname FROM pg_database WHERE datname LIKE 'pl\\_tpl\\_%'") {
            try $0.decode("datname", as: String.self)
        }
        for name in names {
            let free = try admin.execute("SELECT pg_try_advisory_lock(hashtextextended(\(name), 0))")[0].decode(at: 0, as: Bool.self)
            guard free else { continue }
            drop(name, admin: admin)
            try admin.execute("SELECT pg_advisory_unlock(hashtextextended(\(name), 0))")
        }
    }

    /// Drops a template or a half-built one (a template must first stop being one).
    static func drop(_ name: String, admin: Connection) {
        _ = try? admin.execute("ALTER DATABASE \(ident: name) WITH IS_TEMPLATE false")
        _ = try? admin.execute("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)")
    }

    /// `pl_tpl_KIND_HASH`: the hash covers everything the template is built from.
    static func templateName(_ template: DatabaseTemplate) throws -> String {
        var hash = LedgerCore.SHA256()
        func add(_ text: String) { hash.update(Array("\(text.utf8.count):\(text)".utf8)) }
        func addFiles(in directory: URL) throws {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let file = directory.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let bytes = try Data(contentsOf: file)
                add(name)
                add(String(bytes.count))
                hash.update([UInt8](bytes))
            }
        }
        add(template.rawValue)
        try addFiles(in: TestEnvironment.migrationsDirectory)
        // The report schema's code (sql/schema), which migrate applies after the migrations.
        try addFiles(in: TestEnvironment.migrationsDirectory.deletingLastPathComponent().appendingPathComponent("schema"))
        let binary = try FileManager.default.attributesOfItem(atPath: CLI.executable.path)
        add("\((binary[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0) \((binary[.size] as? Int) ?? 0)")
        if template == .sample { try addFiles(in: TestEnvironment.projectRoot.appendingPathComponent("ops/sample")) }
        return "pl_tpl_\(template.rawValue)_\(hash.finalize().prefix(16))"
    }

    /// Runs `body` again (for up to 10 s) while the server says another session uses the database.
    static func retryingWhileInUse(_ body: () throws -> Void) throws {
        let deadline = Date().addingTimeInterval(10)
        while true {
            do {
                return try body()
            } catch let error as PostgresError where error.sqlState == objectInUse && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }
}

/// The process's session on the admin database that holds the shared advisory locks on templates in use.
final class Keeper: @unchecked Sendable {
    /// The current name of each template.
    let names: [DatabaseTemplate: String]
    private let connection: Connection
    private let lock = NSLock()

    init(connection: Connection, names: [DatabaseTemplate: String]) {
        self.connection = connection
        self.names = names
    }

    /// Holds a shared lock on a database name until `release` or the end of the process.
    func holdShared(_ name: String) throws {
        try lock.withLock { _ = try connection.execute("SELECT pg_advisory_lock_shared(hashtextextended(\(name), 0))") }
    }

    /// Lets go of `holdShared`.
    func release(_ name: String) {
        lock.withLock { _ = try? connection.execute("SELECT pg_advisory_unlock_shared(hashtextextended(\(name), 0))") }
    }
}

/// What a run of the built binary printed and how it exited.
public struct CommandResult: Sendable {
    /// The exit status.
    public let status: Int32
    /// Standard output.
    public let stdout: String
    /// Standard error.
    public let stderr: String
}

/// Runs the built `propledger` binary.
public enum CLI {
    /// The binary beside the running test bundle (the same build directory).
    public static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("propledger")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return TestEnvironment.projectRoot.appendingPathComponent(".build/debug/propledger")
    }

    /// Starts `propledger ARGS…` in the project directory without waiting for it (for tests that kill it, or
    /// that check it waits); its standard error is the returned pipe, its standard output is discarded.
    public static func launch(_ arguments: [String], environment: [String: String]) throws -> (process: Process, stderr: Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = TestEnvironment.projectRoot
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, stderr)
    }

    /// Runs `propledger ARGS…` with an environment, in a working directory, feeding `input` to standard input.
    public static func run(_ arguments: [String], environment: [String: String]? = nil,
                           directory: URL? = nil, input: Data? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment ?? ProcessInfo.processInfo.environment
        process.currentDirectoryURL = directory ?? TestEnvironment.projectRoot
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a large output cannot fill one and block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// A new empty directory under the system's temporary directory, removed with everything in it when the value
/// is released (a suite's per-test instance: after the test), so test runs leave nothing behind in /tmp.
public final class ScratchDirectory: @unchecked Sendable {
    /// The directory.
    public let url: URL

    /// Creates `TMPDIR/PREFIX-UUID`.
    public init(prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
