import Foundation
import Testing
import TestSupport

@Suite("propledger binary: help, doctor, migrate")
struct FoundationCLITests {
    @Test("--help lists the commands and exits 0")
    func help() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("OVERVIEW: The property-service oversight and facilities ledger of a housing\nbureau."))
        for command in ["migrate", "doctor"] { #expect(result.stdout.contains("  \(command) ")) }
        #expect(result.stderr.isEmpty)
    }

    @Test("doctor --help, whole output")
    func doctorHelp() throws {
        let result = try CLI.run(["doctor", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Show the server reached, its version, the migrations, the PropLedger
            roles and what you may do.

            Works for every role. Exits 69 with libpq's message when the database cannot be
            reached.

            USAGE: propledger doctor [--db <conninfo>] [--migrations <dir>]

            OPTIONS:
              --db <conninfo>         A libpq conninfo string or URI (default:
                                      $DATABASE_URL, else the PG* variables).
              --migrations <dir>      Compare with this migrations directory instead of the
                                      built-in migrations (default: $PROPLEDGER_MIGRATIONS).
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }

    @Test("doctor without a reachable server exits 69 with libpq's message")
    func doctorUnreachable() throws {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        env["PGHOST"] = "/nonexistent-propledger-socket"
        let result = try CLI.run(["doctor"], environment: env)
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("propledger: cannot connect to the database: connection to server on socket \"/nonexistent-propledger-socket/.s.PGSQL."))
    }

    @Test("doctor with a nasty password in DATABASE_URL or --db exits 69 (64 when it cannot be parsed) and prints no piece of it", arguments: [
        ("postgresql://u:Abc%!123@/db?host=/nonexistent-propledger-socket", "Abc%!123"),
        ("postgresql://u:p@ss/w:rd@nonexistent-propledger-host.invalid/db", "p@ss/w:rd"),
        ("postgresql://u:p@ssw0rd9/w:rd@nonexistent-propledger-host.invalid/db", "p@ssw0rd9/w:rd"),
        ("postgresql://u:x'y z@/db?host=/nonexistent-propledger-socket", "x'y z"),
        ("password=secret host=/nonexistent-propledger-socket", "secret"),
        ("password=Sec ret99 host=/nonexistent-propledger-socket", "Sec ret99"),
    ])
    func doctorNastyPasswords(conninfo: String, password: String) throws {
        func leakedPiece(_ text: String) -> String? {
            let characters = Array(password)
            return (0...(characters.count - 4)).lazy.map { String(characters[$0..<($0 + 4)]) }.first { text.contains($0) }
        }
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = conninfo
        env["PROPLEDGER_DEBUG"] = "1"
        let viaEnvironment = try CLI.run(["doctor"], environment: env)
        env["DATABASE_URL"] = nil
        let viaOption = try CLI.run(["doctor", "--db", conninfo], environment: env)
        // A conninfo libpq cannot parse is a usage error; the others name a server that is not there.
        let malformed = ["Abc%!123", "Sec ret99"].contains(password)
        for result in [viaEnvironment, viaOption] {
            #expect(result.status == (malformed ? 64 : 69))
            #expect(result.stderr.hasPrefix("propledger: "), "\(result.stderr)")
            #expect(leakedPiece(result.stdout) == nil && leakedPiece(result.stderr) == nil, "\(result.stderr)")
        }
        #expect(!viaEnvironment.stderr.contains("process list"))
        #expect(viaOption.stderr.hasPrefix("propledger: warning: the password in --db is visible to every user of this machine in the process list (ps); put it in ~/.pgpass (or the file PGPASSFILE names)"))
    }

    @Test("a --db without a password draws no warning; an unparseable one names --db")
    func dbWarning() throws {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        let plain = try CLI.run(["doctor", "--db", "host=/nonexistent-propledger-socket dbname=x"], environment: env)
        #expect(plain.status == 69)
        #expect(!plain.stderr.contains("warning"))
        let broken = try CLI.run(["doctor", "--db", "postgresql://u:Abc%!123@h/db"], environment: env)
        #expect(broken.status == 64)
        #expect(broken.stderr.contains("propledger: the connection string in --db cannot be parsed (invalid percent-encoded token); it is not shown, as it may hold a password\nhint: "))
    }

    @Test("an unknown option is a usage error (64)")
    func usageError() throws {
        let result = try CLI.run(["doctor", "--bogus"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--bogus'"))
    }

    @Test("doctor, migrate and migrate --status against a fresh database",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func doctorAndMigrate() throws {
        let database = try ScratchDatabase()
        let files = try FileManager.default.contentsOfDirectory(atPath: TestEnvironment.migrationsDirectory.path)
            .filter { $0.hasSuffix(".sql") }.sorted()

        let before = try CLI.run(["doctor"], environment: database.environment)
        #expect(before.status == 0)
        #expect(before.stdout.contains("database \(database.name)"))
        #expect(before.stdout.contains("version:    PostgreSQL 15."))
        #expect(before.stdout.contains("migrations: 0 applied, \(files.count) pending"))
        #expect(before.stdout.hasSuffix("hint:       database \(database.name) has no PropLedger schema yet: run `propledger migrate` as an admin (a superuser) first.\n"))
        #expect(!before.stdout.contains("password"))

        let pending = try CLI.run(["migrate", "--status"], environment: database.environment)
        #expect(pending.status == 1, "pending migrations: exit 1, as dbmate's --exit-code")
        #expect(pending.stdout.hasSuffix("0 applied, \(files.count) pending; the report schema's code is pending\n"))
        #expect(pending.stdout.contains("001  pending   001-schemas-and-roles.sql\n"))

        let migrate = try CLI.run(["migrate"], environment: database.environment)
        #expect(migrate.status == 0)
        #expect(migrate.stdout.hasSuffix("migrate: applied \(files.count) of \(files.count) migrations\n"))
        let again = try CLI.run(["migrate"], environment: database.environment)
        #expect(again.stdout == "migrate: nothing to do, \(files.count) migrations applied\n")

        let status = try CLI.run(["migrate", "--status"], environment: database.environment)
        #expect(status.status == 0)
        #expect(status.stdout.hasSuffix("\(files.count) applied, 0 pending\n"))
        let doctor = try CLI.run(["doctor"], environment: database.environment)
        #expect(doctor.stdout.contains("migrations: \(files.count) applied, 0 pending (this propledger migrates to \(files.last!.dropLast(4)))\n"))
        #expect(doctor.stdout.contains("version:    PostgreSQL 15.") && doctor.stdout.contains(", primary\n"))
        #expect(!doctor.stdout.contains("hint:"))
        #expect(doctor.stdout.contains("roles:      propledger_owner (present), propledger_loader (present), propledger_reader (present)"))
    }

    @Test("a migration that fails is named with the server's error, not as a database behind its migrations",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func failingMigrationSaid() throws {
        let database = try ScratchDatabase()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("pl-migrations-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let migrations = work.appendingPathComponent("migrations")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestEnvironment.migrationsDirectory, to: migrations)
        try FileManager.default.copyItem(at: TestEnvironment.migrationsDirectory.deletingLastPathComponent().appendingPathComponent("schema"),
                                         to: work.appendingPathComponent("schema"))
        try "SELECT ledger.no_such_function();\n".write(to: migrations.appendingPathComponent("999-broken.sql"), atomically: true, encoding: .utf8)
        let migrate = try CLI.run(["migrate", "--migrations", migrations.path], environment: database.environment)
        #expect(migrate.status != 0)
        #expect(migrate.stderr.contains("999-broken.sql: function ledger.no_such_function() does not exist"), "\(migrate.stderr)")
        #expect(!migrate.stderr.contains("behind this propledger"))
    }
}
