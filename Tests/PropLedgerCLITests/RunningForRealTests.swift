import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// SPEC §9: one binary that migrates from anywhere, an existing server's own `public.schema_migrations`,
/// unmigrated databases, every role's doctor, and connecting like psql.
@Suite("Running it for real: one binary, existing servers, connecting")
struct RunningForRealTests {
    /// Runs a binary (by default the built one) with an environment in a directory, standard input empty.
    func run(_ arguments: [String], environment: [String: String], in directory: URL,
             binary: URL = CLI.executable) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("pl-run-\(UUID().uuidString).out")
        let err = FileManager.default.temporaryDirectory.appendingPathComponent("pl-run-\(UUID().uuidString).err")
        for file in [out, err] { try Data().write(to: file) }
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    /// A fresh empty directory outside the checkout.
    func emptyDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pl-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The migrations of the checkout, as `propledger --version` and `doctor` name the latest.
    var latestMigration: String {
        get throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: TestEnvironment.migrationsDirectory.path).filter { $0.hasSuffix(".sql") }
            return String(names.sorted().last!.dropLast(".sql".count))
        }
    }

    @Test("--version prints the release, the commit and the schema version it migrates to")
    func version() throws {
        let result = try CLI.run(["--version"])
        #expect(result.status == 0)
        let pattern = /propledger \d+\.\d+\.\d+ \(commit ([0-9a-f]{12}|unknown), schema (\d{3}-[a-z0-9_-]+)\)\n/
        let match = try #require(result.stdout.wholeMatch(of: pattern), "\(result.stdout)")
        #expect(String(match.output.2) == (try latestMigration))
    }

    @Test("the completion scripts know the report names, formats and languages", arguments: ["bash", "zsh", "fish"])
    func completionScripts(shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        let words = Set(result.stdout.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init))
        for word in ReportCatalog.all.map(\.name) + ReportFormat.allCases.map(\.rawValue) + ReportLanguage.allCases.map(\.rawValue) {
            #expect(words.contains(word), "\(shell) completes \(word)")
        }
        #expect(result.stdout.contains("---completion report -- --district"), "district codes come from the database")
        #expect(result.stdout.contains("---completion load -- positional@0"), "kinds come from the database")
    }

    @Test("completion asks the database for district codes and load kinds, and offers nothing when none is reachable",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func completionFromDatabase() throws {
        let database = try ScratchDatabase(template: .sample)
        let districts = try CLI.run(["---completion", "report", "--", "--district", "2", "0", "propledger", "report", "--district", ""],
                                    environment: database.environment)
        #expect(districts.stdout.split(separator: "\n").contains("320508"), "\(districts.stdout)\(districts.stderr)")
        let kinds = try CLI.run(["---completion", "load", "--", "positional@0", "2", "0", "propledger", "load", ""], environment: database.environment)
        #expect(kinds.stdout.hasPrefix("districts\nstreets\n"), "\(kinds.stdout)\(kinds.stderr)")
        var nowhere = database.environment
        nowhere["DATABASE_URL"] = "host=/nonexistent-propledger-socket dbname=x"
        let none = try CLI.run(["---completion", "load", "--", "positional@0", "2", "0", "propledger", "load", ""], environment: nowhere)
        #expect(none.stdout.isEmpty && none.stderr.isEmpty)
    }

    @Test("a copy of the binary outside the checkout migrates, checks and reports: the SQL is built in",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func copiedBinary() throws {
        let elsewhere = try emptyDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let copy = elsewhere.appendingPathComponent("propledger")
        try FileManager.default.copyItem(at: CLI.executable, to: copy)
        let database = try ScratchDatabase()
        var environment = database.environment
        environment["PROPLEDGER_MIGRATIONS"] = nil
        let migrate = try run(["migrate"], environment: environment, in: elsewhere, binary: copy)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        let files = try Migrator(directory: TestEnvironment.migrationsDirectory).files.count
        #expect(migrate.stdout.hasSuffix("migrate: applied \(files) of \(files) migrations\n"))
        let doctor = try run(["doctor"], environment: environment, in: elsewhere, binary: copy)
        #expect(doctor.status == 0, "\(doctor.stderr)")
        #expect(doctor.stdout.contains("migrations: \(files) applied, 0 pending (this propledger migrates to \(try latestMigration))\n"))
        let status = try run(["migrate", "--status"], environment: environment, in: elsewhere, binary: copy)
        #expect(status.status == 0)
        let report = try run(["report", "clearance"], environment: environment, in: elsewhere, binary: copy)
        #expect(report.status == 0, "\(report.stderr)")
    }

    @Test("a database with dbmate's public.schema_migrations: migrate keeps its own history in schema propledger and leaves dbmate's as it was",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func dbmateHistoryLeftAlone() throws {
        let database = try ScratchDatabase()
        let admin = try database.connect()
        try admin.execute("CREATE TABLE public.schema_migrations (version character varying(128) PRIMARY KEY)")
        try admin.execute("INSERT INTO public.schema_migrations (version) VALUES ('20240101000000'), ('20240202000000')")
        let before = try CLI.run(["migrate", "--status"], environment: database.environment)
        #expect(before.status == 1, "pending migrations: exit 1 (\(before.stderr))")
        let migrate = try CLI.run(["migrate"], environment: database.environment)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        let after = try CLI.run(["migrate", "--status"], environment: database.environment)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        let dbmate = try admin.query("SELECT version FROM public.schema_migrations ORDER BY version") { try $0.decode("version", as: String.self) }
        #expect(dbmate == ["20240101000000", "20240202000000"])
        let columns = try admin.query("""
            SELECT attname::text AS name FROM pg_attribute WHERE attrelid = 'public.schema_migrations'::regclass AND attnum > 0 AND NOT attisdropped
            """) { try $0.decode("name", as: String.self) }
        #expect(columns == ["version"])
        let ours = try admin.execute("SELECT count(*) AS n FROM propledger.schema_migrations")[0].decode("n", as: Int.self)
        #expect(ours == (try Migrator(directory: TestEnvironment.migrationsDirectory).files.count))
    }

    @Test("a database migrated before the history moved: its public.schema_migrations (PropLedger's) moves to schema propledger",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func legacyHistoryMoves() throws {
        let database = try ScratchDatabase(migrated: true)
        let admin = try database.connect()
        try admin.execute("ALTER TABLE propledger.schema_migrations SET SCHEMA public")
        try admin.execute("ALTER TABLE propledger.schema_code SET SCHEMA public")
        try admin.execute("DROP SCHEMA propledger")
        let status = try CLI.run(["migrate", "--status"], environment: database.environment)
        #expect(status.status == 0, "read where it is: nothing pending (\(status.stdout))")
        let migrate = try CLI.run(["migrate"], environment: database.environment)
        #expect(migrate.status == 0, "\(migrate.stderr)")
        #expect(migrate.stdout.hasPrefix("moved public.schema_migrations to propledger.schema_migrations\nmoved public.schema_code to propledger.schema_code\nmigrate: nothing to do"))
        #expect(try admin.execute("SELECT to_regclass('public.schema_migrations') IS NULL AS gone")[0].decode("gone", as: Bool.self))
    }

    @Test("reports and loads on an unmigrated database say to run migrate as an admin (69), for any role",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func unmigratedDatabase() throws {
        let database = try ScratchDatabase()
        let sentence = "propledger: database \(database.name) has no PropLedger schema yet: run `propledger migrate` as an admin (a superuser) first.\n"
        let report = try CLI.run(["report", "clearance"], environment: database.environment)
        #expect(report.status == 69)
        #expect(report.stderr == sentence)
        let load = try CLI.run(["load", "--dir", "ops/sample"], environment: database.environment)
        #expect(load.status == 69)
        #expect(load.stderr == sentence)
        let stranger = try database.loginRole(in: nil)
        defer { stranger.drop() }
        let asStranger = try CLI.run(["report", "funding"], environment: stranger.environment)
        #expect(asStranger.status == 69)
        #expect(asStranger.stderr == sentence)
        let doctor = try CLI.run(["doctor"], environment: database.environment)
        #expect(doctor.status == 0)
        #expect(doctor.stdout.hasSuffix("hint:       " + sentence.dropFirst("propledger: ".count)))
    }

    @Test("a database behind the binary is told how far; one migrated by a newer binary is refused by migrate",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func databaseBehindOrAhead() throws {
        let database = try ScratchDatabase(migrated: true)
        let admin = try database.connect()
        try admin.execute("INSERT INTO propledger.schema_migrations (version, name, sha256) VALUES ('999', '999-from-the-future.sql', 'x')")
        let migrate = try CLI.run(["migrate"], environment: database.environment)
        #expect(migrate.status == 65)
        #expect(migrate.stderr.contains("the database has 999-from-the-future.sql, which this propledger (schema \(try latestMigration)) does not know"))
        let status = try CLI.run(["migrate", "--status"], environment: database.environment)
        #expect(status.status == 65)
        #expect(status.stdout.contains("999  missing   999-from-the-future.sql"))
    }

    @Test("doctor and migrate --status work for reader and loader roles and say what each may do; migrate by a reader is 77",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func everyRole() throws {
        let database = try ScratchDatabase(template: .sample)
        let reader = try database.loginRole(prefix: "pl_doc_reader", in: "propledger_reader")
        let loader = try database.loginRole(prefix: "pl_doc_loader", in: "propledger_loader", district: "320508")
        let stranger = try database.loginRole(prefix: "pl_doc_nobody", in: nil)
        defer { reader.drop(); loader.drop(); stranger.drop() }
        let files = try Migrator(directory: TestEnvironment.migrationsDirectory).files.count
        for (role, says) in [(reader, "may read reports\n"), (loader, "may load, read reports\nscope:      district 320508\n")] {
            let doctor = try CLI.run(["doctor"], environment: role.environment)
            #expect(doctor.status == 0, "\(doctor.stderr)")
            #expect(doctor.stdout.contains("migrations: \(files) applied, 0 pending"), "\(doctor.stdout)")
            #expect(doctor.stdout.contains("you:        \(role.name): " + says), "\(doctor.stdout)")
            let status = try CLI.run(["migrate", "--status"], environment: role.environment)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.hasSuffix("\(files) applied, 0 pending\n"))
        }
        let nobody = try CLI.run(["doctor"], environment: stranger.environment)
        #expect(nobody.status == 0, "\(nobody.stderr)")
        #expect(nobody.stdout.contains("migrations: the history (schema propledger) is not readable by \(stranger.name)\n"))
        #expect(nobody.stdout.contains("you:        \(stranger.name): no PropLedger role yet: an administrator grants one with GRANT propledger_reader (or propledger_loader) TO \(stranger.name)\n"))
        let migrate = try CLI.run(["migrate"], environment: reader.environment)
        #expect(migrate.status == 77)
        #expect(migrate.stderr.contains("migrate needs a superuser"))
    }

    @Test("doctor names the host reached of a multi-host conninfo, with its port",
          .enabled(if: TestEnvironment.environment["PGHOST"]?.hasPrefix("/") == true, "needs PGHOST, a socket directory (ops/test sets it)"))
    func multiHost() throws {
        let database = try ScratchDatabase()
        var environment = database.environment
        environment["DATABASE_URL"] = nil
        let socket = TestEnvironment.environment["PGHOST"]!
        let port = TestEnvironment.environment["PGPORT"] ?? "5432"
        // Hosts listed without ports (libpq's default, 5432) were shown as "port ,".
        let at = port == "5432" ? "" : ":\(port)"
        let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let uri = "postgresql://%2Fnonexistent-propledger-socket\(at),\(encoded)\(at)/\(database.name)"
        let doctor = try CLI.run(["doctor", "--db", uri], environment: environment)
        #expect(doctor.status == 0, "\(doctor.stderr)")
        #expect(doctor.stdout.hasPrefix("server:     socket \(socket) (one of 2 hosts listed), port \(port), database \(database.name)"),
                "\(doctor.stdout)")
    }

    @Test("a malformed conninfo is a usage error (64); only in a checkout with a private cluster, aimed at it, does a hint name ops/pg")
    func connectionErrors() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "postgresql://u@h/db?sslmode"
        let elsewhere = try emptyDirectory()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let malformed = try run(["doctor"], environment: environment, in: elsewhere)
        #expect(malformed.status == 64)
        #expect(malformed.stderr.hasPrefix("propledger: the connection string in DATABASE_URL cannot be parsed"))
        environment["DATABASE_URL"] = nil
        environment["PGHOST"] = "/nonexistent-propledger-socket"
        let unreachable = try run(["doctor"], environment: environment, in: elsewhere)
        #expect(unreachable.status == 69)
        #expect(!unreachable.stderr.contains("ops/pg"), "\(unreachable.stderr)")
        #expect(unreachable.stderr.contains("hint: is the server running, and are the host and port right?"))
        for name in ["PGHOST", "PGHOSTADDR", "PGDATABASE", "PGSERVICE", "PGPORT"] { environment[name] = nil }
        let unnamed = try run(["doctor"], environment: environment, in: elsewhere)
        // (unless this machine runs a server on libpq's default socket)
        #expect(unnamed.status == 0 || unnamed.stderr.contains("hint: no database was named: give --db 'postgresql://USER@HOST/DATABASE'"), "\(unnamed.stderr)")
        // In a checkout with a private cluster (ops/pg and .pg/run), the hint is about it: when nothing else is named.
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent("ops"), withIntermediateDirectories: true)
        try Data().write(to: elsewhere.appendingPathComponent("ops/pg"))
        try FileManager.default.createDirectory(at: elsewhere.appendingPathComponent(".pg/run"), withIntermediateDirectories: true)
        let checkout = try run(["doctor"], environment: environment, in: elsewhere)
        #expect(checkout.status == 0 || checkout.stderr.contains("hint: this checkout's private cluster: ops/pg status tells whether it runs"), "\(checkout.stderr)")
        environment["PGHOST"] = elsewhere.appendingPathComponent(".pg/run").path
        let privateSocket = try run(["doctor"], environment: environment, in: elsewhere)
        #expect(privateSocket.status == 69)
        #expect(privateSocket.stderr.contains("hint: this checkout's private cluster"), "\(privateSocket.stderr)")
        environment["PGHOST"] = "/nonexistent-propledger-socket"
        let otherServer = try run(["doctor"], environment: environment, in: elsewhere)
        #expect(!otherServer.stderr.contains("ops/pg"), "\(otherServer.stderr)")
    }
}
