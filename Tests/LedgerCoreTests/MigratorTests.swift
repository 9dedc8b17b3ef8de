import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

@Suite("SHA-256")
struct SHA256Tests {
    @Test("known digests", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func digest(input: String, expected: String) {
        #expect(SHA256.hex(of: Array(input.utf8)) == expected)
    }

    @Test("streamed in odd chunks equals one shot")
    func streamed() {
        let bytes = (0..<10_007).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hash = SHA256()
        var index = 0
        for size in [1, 63, 64, 65, 127, 1000, 5000] where index < bytes.count {
            let end = min(bytes.count, index + size)
            hash.update(Array(bytes[index..<end]))
            index = end
        }
        hash.update(Array(bytes[index...]))
        #expect(hash.finalize() == SHA256.hex(of: bytes))
        // One million 'a': the FIPS 180-2 long vector.
        var million = SHA256()
        let block = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { million.update(block) }
        #expect(million.finalize() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite("One definition per object")
struct OneDefinitionTests {
    @Test("no function, view, trigger, table or index is created in two files of sql/, and no migration replaces one")
    func oneDefinition() throws {
        let sql = TestEnvironment.migrationsDirectory.deletingLastPathComponent()
        var homes: [String: [String]] = [:]
        for folder in ["migrations", "schema"] {
            let dir = sql.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() where name.hasSuffix(".sql") {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                for line in text.split(separator: "\n") where !line.hasPrefix("--") {
                    if folder == "migrations" {
                        #expect(!line.contains("CREATE OR REPLACE"), "\(folder)/\(name) replaces an object: \(line)")
                    }
                    guard let match = line.firstMatch(of: /^CREATE (?:OR REPLACE )?(?:CONSTRAINT )?(FUNCTION|VIEW|TRIGGER|TABLE|INDEX|UNIQUE INDEX) ([a-z_]+\.[a-z_]+|[a-z_]+)/) else { continue }
                    homes["\(match.output.1) \(match.output.2)", default: []].append("\(folder)/\(name)")
                }
            }
        }
        #expect(homes.count > 100, "the scan found the schema's objects")
        for (object, files) in homes where files.count > 1 {
            Issue.record("\(object) is created in \(files.joined(separator: " and "))")
        }
    }
}

@Suite("Migrations", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct MigratorTests {
    /// A private copy of the project's migrations (and of sql/schema beside them), so a test may change a
    /// file; returns the copy's migrations directory (the caller removes its parent).
    func copyOfMigrations() throws -> URL {
        let sql = FileManager.default.temporaryDirectory.appendingPathComponent("pl-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: sql, withIntermediateDirectories: true)
        let project = TestEnvironment.migrationsDirectory.deletingLastPathComponent()
        for name in ["migrations", "schema"] {
            try FileManager.default.copyItem(at: project.appendingPathComponent(name), to: sql.appendingPathComponent(name))
        }
        return sql.appendingPathComponent("migrations")
    }

    @Test("a changed file of sql/schema re-applies the whole directory (the report schema is rebuilt); an unchanged set does nothing")
    func schemaFilesAreRepeatable() throws {
        let database = try ScratchDatabase()
        let dir = try copyOfMigrations()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let connection = try database.connect()
        var logged: [String] = []
        try Migrator(directory: dir).migrate(connection) { logged.append($0) }
        #expect(logged.filter { $0.hasPrefix("applied schema/") }.count == 6)
        #expect(try Migrator(directory: dir).schemaStatus(connection).allSatisfy { $0.state == .applied })
        logged = []
        try Migrator(directory: dir).migrate(connection) { logged.append($0) }
        #expect(logged.isEmpty, "nothing changed, nothing is applied: \(logged)")
        // Change one view's comment: every schema file runs again, the change is live, nothing else moved.
        let views = dir.deletingLastPathComponent().appendingPathComponent("schema/020-report-views.sql")
        let text = try String(contentsOf: views, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "'Load batches (propledger report loads).'", with: "'Load batches, changed.'").utf8).write(to: views)
        let migrator = try Migrator(directory: dir)
        #expect(try migrator.schemaStatus(connection).allSatisfy { $0.state == .pending })
        logged = []
        let versioned = try migrator.migrate(connection) { logged.append($0) }
        #expect(versioned.isEmpty)
        #expect(logged == migrator.schemaFiles.map { "applied schema/\($0.fileName)" })
        #expect(try connection.execute("SELECT obj_description('report.load_batches'::regclass) AS c")[0].decode("c", as: String.self) == "Load batches, changed.")
        #expect(try connection.execute("SELECT has_table_privilege('propledger_reader', 'report.load_batches', 'SELECT') AS ok")[0].decode("ok", as: Bool.self))
        // A DBA's view over a report view would be dropped with the schema: the rebuild refuses instead.
        try connection.execute("CREATE VIEW public.my_batches AS SELECT * FROM report.load_batches")
        try Data(text.utf8).write(to: views)
        #expect(throws: PostgresError.self) { try Migrator(directory: dir).migrate(connection) }
        #expect(try connection.execute("SELECT count(*)::int AS n FROM public.my_batches")[0].decode("n", as: Int.self) >= 0)
    }

    @Test("applies every file once; a second run is a no-op")
    func secondRunIsNoOp() throws {
        let database = try ScratchDatabase()
        let migrator = try Migrator(directory: TestEnvironment.migrationsDirectory)
        let connection = try database.connect()
        let first = try migrator.migrate(connection)
        #expect(first.count == migrator.files.count)
        #expect(first.first?.fileName == "001-schemas-and-roles.sql")
        let second = try migrator.migrate(connection)
        #expect(second.isEmpty)
        #expect(try migrator.status(connection).allSatisfy { $0.state == .applied })
        let schemas = try connection.query(
            "SELECT nspname AS n FROM pg_namespace WHERE nspname IN ('ledger','staging','report','audit') ORDER BY 1") {
            try $0.decode("n", as: String.self)
        }
        #expect(schemas == ["audit", "ledger", "report", "staging"])
        let owner = try connection.execute("SELECT pg_get_userbyid(nspowner) AS o FROM pg_namespace WHERE nspname = 'ledger'")
        #expect(try owner[0].decode("o", as: String.self) == "propledger_owner")
    }

    @Test("status lists pending files before the first run")
    func statusBeforeRun() throws {
        let database = try ScratchDatabase()
        let migrator = try Migrator(directory: TestEnvironment.migrationsDirectory)
        let states = try migrator.status(database.connect())
        #expect(states.count == migrator.files.count)
        #expect(states.allSatisfy { $0.state == .pending })
    }

    @Test("an applied file whose checksum changed is refused, naming it, before anything runs")
    func changedFileRefused() throws {
        let database = try ScratchDatabase()
        let dir = try copyOfMigrations()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let connection = try database.connect()
        try Migrator(directory: dir).migrate(connection)
        let first = dir.appendingPathComponent("001-schemas-and-roles.sql")
        try (String(contentsOf: first, encoding: .utf8) + "\n-- edited after it was applied\n").write(to: first, atomically: true, encoding: .utf8)
        try "CREATE TABLE public.should_not_exist (n int);\n".write(
            to: dir.appendingPathComponent("999-later.sql"), atomically: true, encoding: .utf8)
        let changed = try Migrator(directory: dir)
        let error = try #require(throws: MigrationError.self) { try changed.migrate(connection) }
        #expect(error.description.contains("001-schemas-and-roles.sql"))
        #expect(try changed.status(connection).first?.state == .changed)
        let table = try connection.execute("SELECT to_regclass('public.should_not_exist') IS NULL AS absent")
        #expect(try table[0].decode("absent", as: Bool.self))
    }

    @Test("a failing file rolls back alone and names itself")
    func failingFile() throws {
        let database = try ScratchDatabase()
        let dir = try copyOfMigrations()
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        try "CREATE TABLE ledger.half_done (n int);\nSELECT 1/0;\n".write(
            to: dir.appendingPathComponent("999-broken.sql"), atomically: true, encoding: .utf8)
        let migrator = try Migrator(directory: dir)
        let connection = try database.connect()
        let error = try #require(throws: PostgresError.self) { try migrator.migrate(connection) }
        #expect(error.message.hasPrefix("999-broken.sql: "))
        #expect(error.sqlState == SQLState("22012"))
        let states = try migrator.status(connection)
        #expect(states.last?.state == .pending)
        #expect(states.dropLast().allSatisfy { $0.state == .applied })
        let table = try connection.execute("SELECT to_regclass('ledger.half_done') IS NULL AS absent")
        #expect(try table[0].decode("absent", as: Bool.self))
    }

    @Test("two concurrent runs leave one correct state")
    func concurrentRuns() async throws {
        let database = try ScratchDatabase()
        let directory = TestEnvironment.migrationsDirectory
        let conninfo = database.conninfo
        async let first = Task.detached { try Migrator(directory: directory).migrate(Connection(conninfo: conninfo)).count }.value
        async let second = Task.detached { try Migrator(directory: directory).migrate(Connection(conninfo: conninfo)).count }.value
        let counts = try await [first, second]
        let total = try Migrator(directory: directory).files.count
        #expect(counts.sorted() == [0, total])
        let rows = try database.connect().execute(
            "SELECT count(*) AS n, count(DISTINCT version) AS d FROM propledger.schema_migrations")[0]
        #expect(try rows.decode("n", as: Int.self) == total)
        #expect(try rows.decode("d", as: Int.self) == total)
    }
}
