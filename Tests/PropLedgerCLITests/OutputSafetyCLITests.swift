import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PostgresClient
@testable import propledger
import Testing
import TestSupport

/// What the binary writes when the data (or the command line) is hostile: spreadsheet formulas, terminal
/// escape sequences, long values in messages; where -o may write; which exit code a failure gets.
@Suite("propledger binary: output safety and exit codes")
struct OutputSafetyCLITests {
    /// The hand-made ledger of ReportCLITests with hostile names, and every management period ending on
    /// 2025-04-30 so that `report expiring --as-of 2025-03-01` lists each compound.
    static func hostileDatabase(names: [String: String], company: String) throws -> ScratchDatabase {
        let database = try ReportFixture.database()
        let connection = try database.connect()
        for (code, name) in names {
            try connection.execute("UPDATE ledger.compounds SET name = \(name) WHERE compound_code = \(code)")
        }
        try connection.execute("UPDATE ledger.companies SET name = \(company)")
        try connection.execute("UPDATE ledger.management SET end_on = '2025-04-30' WHERE end_on IS NULL")
        return database
    }

    /// A unique login role in `roles`, dropped (with its scopes) by `drop`.
    static func role(_ database: ScratchDatabase, in roles: String?) throws -> LoginRole {
        try database.loginRole(in: roles)
    }

    // MARK: formulas and markup

    @Test("report CSV neutralises =, +, - and @ cells with a leading '; HTML escapes <script>",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func formulaInjection() throws {
        let hyperlink = "=HYPERLINK(\"http://evil.example/\",\"点击\")"
        let names = ["A1": "@SUM(1+1)*cmd|' /C calc'!A0", "B22": "+cmd|' /C notepad'!A0", "C": "-2+3"]
        let database = try Self.hostileDatabase(names: names, company: hyperlink)
        let csv = try CLI.run(["report", "expiring", "--as-of", "2025-03-01", "--format", "csv"], environment: database.environment)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try CSVReader.parse(String(csv.stdout.dropFirst()))
        let header = try #require(rows.first)
        let nameColumn = try #require(header.firstIndex(of: "compound_name"))
        let partyColumn = try #require(header.firstIndex(of: "party"))
        let shownNames = Set(rows.dropFirst().map { $0[nameColumn] })
        #expect(shownNames == Set(names.values.map { "'" + $0 }), "\(csv.stdout)")
        #expect(rows.dropFirst().map { $0[partyColumn] }.contains("'" + hyperlink))
        #expect(rows.dropFirst().allSatisfy { $0.contains("2025-04-30") })
        #expect(!csv.stdout.contains(",=") && !csv.stdout.contains(",@") && !csv.stdout.contains(",+") && !csv.stdout.contains(",-"))

        try database.connect().execute("UPDATE ledger.compounds SET name = \("<script>alert('x')</script>") WHERE compound_code = 'A1'")
        let html = try CLI.run(["report", "expiring", "--as-of", "2025-03-01", "--format", "html"], environment: database.environment)
        #expect(html.status == 0)
        #expect(!html.stdout.contains("<script"))
        #expect(html.stdout.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(XMLParser(data: Data(html.stdout.utf8)).parse())
    }

    // MARK: terminal escapes

    @Test("table output and error messages show control characters escaped, never raw",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func terminalEscapes() throws {
        let database = try Self.hostileDatabase(
            names: ["A1": "\u{1B}]0;pwned\u{07}\u{1B}[2J平江", "B22": "zero\u{200B}width\u{202E}rlo", "C": "two\nlines\r"],
            company: "\u{9B}31mred")
        let table = try CLI.run(["report", "expiring", "--as-of", "2025-03-01"], environment: database.environment)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(!table.stdout.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(!table.stdout.unicodeScalars.contains { $0 == "\u{200B}" || $0 == "\u{202E}" })
        #expect(table.stdout.contains("\\u{1B}]0;pwned\\u{7}\\u{1B}[2J平江"))
        #expect(table.stdout.contains("zero\\u{200B}width\\u{202E}rlo"))
        #expect(table.stdout.contains("two\\u{A}lines\\u{D}"))
        #expect(table.stdout.contains("\\u{9B}31mred"))
        #expect(table.stdout.split(separator: "\n").count == 5)

        // A message quoting what was typed: escaped, and cut to 60 characters.
        let escape = try CLI.run(["report", "apportion", "X\u{1B}[2J\u{1B}]0;pwned\u{07}"], environment: database.environment)
        #expect(escape.status == 66)
        #expect(escape.stderr.hasPrefix("propledger: project \"X\\u{1B}[2J\\u{1B}]0;pwned\\u{7}\" not found\nhint: "))
        #expect(!escape.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let long = try CLI.run(["report", "apportion", String(repeating: "长", count: 200)], environment: database.environment)
        #expect(long.status == 66)
        #expect(long.stderr.hasPrefix("propledger: project \"" + String(repeating: "长", count: 60) + "…\" not found\n"))
    }

    @Test("CSV written to a terminal has its control characters escaped; to a pipe it is kept as data",
          .enabled(if: TestEnvironment.databaseEnabled && FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
                   Comment(rawValue: TestEnvironment.skipMessage)))
    func csvOnTerminal() throws {
        let database = try Self.hostileDatabase(names: ["A1": "\u{1B}[2J平江"], company: "物业")
        let piped = try CLI.run(["report", "expiring", "--as-of", "2025-03-01", "--format", "csv"], environment: database.environment)
        #expect(piped.stdout.contains("\u{1B}[2J平江"))
        // script(1) gives the binary a terminal as standard output.
        let (status, shown) = try CLI.runOnTerminal("report expiring --as-of 2025-03-01 --format csv", environment: database.environment)
        #expect(status == 0, "\(shown)")
        #expect(shown.contains("\\u{1B}[2J平江"), "\(shown)")
        #expect(!shown.unicodeScalars.contains("\u{1B}"))
    }

    // MARK: -o

    /// A fresh directory, removed by the returned closure.
    static func scratchDirectory() throws -> (URL, () -> Void) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("propledger-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return (directory, { try? FileManager.default.removeItem(at: directory) })
    }

    /// The file type lstat reports.
    static func fileType(_ path: String) -> mode_t? {
        var status = stat()
        return lstat(path, &status) == 0 ? status.st_mode & S_IFMT : nil
    }

    @Test("-o refuses a FIFO, a symbolic link, a directory and a missing directory with exit 73, and replaces none of them")
    func outputRefusals() throws {
        let (directory, remove) = try Self.scratchDirectory()
        defer { remove() }
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o644) == 0)
        let elsewhere = directory.appendingPathComponent("elsewhere.txt").path
        try "keep me\n".write(toFile: elsewhere, atomically: false, encoding: .utf8)
        let link = directory.appendingPathComponent("link.csv").path
        #expect(symlink(elsewhere, link) == 0)
        let folder = directory.appendingPathComponent("folder").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let missing = directory.appendingPathComponent("missing/out.csv").path

        for (path, what) in [(fifo, "a FIFO (named pipe)"), (link, "a symbolic link"), (folder, "a directory")] {
            let result = try CLI.run(["report", "--list", "-o", path])
            #expect(result.status == 73, "\(path): \(result.stderr)")
            #expect(result.stderr == "propledger: cannot write \(path): it is \(what), not a regular file; -o writes only a new file or replaces a regular one: give another file name\n")
        }
        #expect(Self.fileType(fifo) == S_IFIFO)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "keep me\n")
        #expect(Self.fileType(folder) == S_IFDIR)
        let result = try CLI.run(["report", "--list", "-o", missing])
        #expect(result.status == 73)
        #expect(result.stderr == "propledger: cannot write \(missing): the directory \(directory.path)/missing does not exist\n")
        // Nothing left behind: no temporary files.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["elsewhere.txt", "fifo", "folder", "link.csv"])
    }

    @Test("-o writes a new file, replaces a regular file keeping its permissions, and refuses a character device (/dev/null)")
    func outputFiles() throws {
        let (directory, remove) = try Self.scratchDirectory()
        defer { remove() }
        let fresh = directory.appendingPathComponent("new.txt").path
        let written = try CLI.run(["report", "--list", "-o", fresh])
        #expect(written.status == 0 && written.stdout.isEmpty && written.stderr.isEmpty)
        #expect(try String(contentsOfFile: fresh, encoding: .utf8).hasPrefix("clearance"))
        let existing = directory.appendingPathComponent("old.txt").path
        try "old\n".write(toFile: existing, atomically: false, encoding: .utf8)
        #expect(chmod(existing, 0o600) == 0)
        #expect(try CLI.run(["report", "--list", "-o", existing]).status == 0)
        #expect(try String(contentsOfFile: existing, encoding: .utf8).hasPrefix("clearance"))
        var status = stat()
        #expect(stat(existing, &status) == 0 && status.st_mode & 0o7777 == 0o600)

        // A character device of our own first (the same numbers as /dev/null; harmless if replaced), so
        // that /dev/null is only tried once the refusal by file type is proven.
        let device = directory.appendingPathComponent("null").path
        if mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0 {  // makedev(1, 3)
            let own = try CLI.run(["report", "--list", "-o", device])
            try #require(own.status == 73 && Self.fileType(device) == S_IFCHR, "\(own.stderr)")
        } else {
            // Not root: the FIFO refusal above stands for it; /dev/null cannot be replaced by a non-root user anyway.
            try #require(getuid() != 0)
        }
        let null = try CLI.run(["report", "--list", "-o", "/dev/null"])
        #expect(null.status == 73)
        #expect(null.stderr == "propledger: cannot write /dev/null: it is a character device, not a regular file; -o writes only a new file or replaces a regular one: give another file name\n")
        #expect(Self.fileType("/dev/null") == S_IFCHR)
    }

    @Test("-o is refused before the report runs (no database needed to learn it)")
    func outputCheckedFirst() throws {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = nil
        env["PGHOST"] = "/nonexistent-propledger-socket"
        let result = try CLI.run(["report", "clearance", "-o", "/nonexistent-propledger-dir/out.csv"], environment: env)
        #expect(result.status == 73)
        #expect(result.stderr.hasPrefix("propledger: cannot write /nonexistent-propledger-dir/out.csv: the directory /nonexistent-propledger-dir does not exist"))
    }

    // MARK: exit codes

    @Test("database errors map to sysexits codes: 69 session gone, 75 try later, 77 no grant, 70 a bug", arguments: [
        (PostgresError(kind: .connection, message: "server closed the connection unexpectedly"), ExitCodes.unavailable),
        (PostgresError(kind: .server, message: "x", sqlState: SQLState("08006")), ExitCodes.unavailable),
        (PostgresError(kind: .server, message: "x", sqlState: .adminShutdown), ExitCodes.unavailable),
        (PostgresError(kind: .server, message: "x", sqlState: .crashShutdown), ExitCodes.unavailable),
        (PostgresError(kind: .server, message: "x", sqlState: .idleSessionTimeout), ExitCodes.unavailable),
        (PostgresError(kind: .server, message: "x", sqlState: .idleInTransactionSessionTimeout), ExitCodes.unavailable),
        (PostgresError(kind: .client, message: "x"), ExitCodes.software),
        (PostgresError(kind: .server, message: "x", sqlState: .queryCanceled), ExitCodes.tempFail),
        (PostgresError(kind: .server, message: "x", sqlState: .lockNotAvailable), ExitCodes.tempFail),
        (PostgresError(kind: .server, message: "x", sqlState: .serializationFailure), ExitCodes.tempFail),
        (PostgresError(kind: .server, message: "x", sqlState: .deadlockDetected), ExitCodes.tempFail),
        (PostgresError(kind: .server, message: "x", sqlState: SQLState("53100")), ExitCodes.tempFail),
        (PostgresError(kind: .server, message: "x", sqlState: .insufficientPrivilege), ExitCodes.noPermission),
        (PostgresError(kind: .server, message: "x", sqlState: .uniqueViolation), ExitCodes.software),
        (PostgresError(kind: .server, message: "x", sqlState: SQLState("22008")), ExitCodes.software),
        (PostgresError(kind: .decoding, message: "x"), ExitCodes.software),
    ])
    func exitCodeMapping(error: PostgresError, expected: Int32) {
        #expect(ExitCodes.forDatabaseError(error) == expected)
    }

    @Test("options that would overflow are usage errors; revoking propledger_owner's scope is refused", arguments: [
        (["report", "expiring", "--days", "2147483647"], "--days 2147483647: give a window of 1 to 36500 days"),
        (["report", "expiring", "--days", "0"], "--days 0: give a window of 1 to 36500 days"),
        (["report", "expiring", "--days", "36501"], "--days 36501"),
        (["report", "expiring", "--days=-5"], "--days -5: give a window of 1 to 36500 days"),
        (["report", "funding", "--year", "2147483647"], "--year 2147483647: give a year such as 2026"),
        (["report", "funding", "--year", "99999999999999999999"], "--year"),
        (["access", "revoke", "propledger_owner"], "propledger_owner's scope cannot be revoked"),
        (["access", "revoke", "propledger_owner", "--all"], "propledger_owner's scope cannot be revoked"),
        (["access", "revoke", "propledger_owner", "320508"], "propledger_owner's scope cannot be revoked"),
        (["report", "clearance", "-o", ""], "-o needs a file name"),
    ])
    func usage(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("the longest --days and the widest --as-of run (no overflow in the server)",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func extremes() throws {
        let database = try ReportFixture.database()
        for arguments in [["report", "expiring", "--days", "36500", "--as-of", "9999-12-31"],
                          ["report", "expiring", "--days", "36500", "--as-of", "0001-01-01"],
                          ["report", "funding", "--year", "2100", "--as-of", "9999-12-31"],
                          ["report", "companies", "--as-of", "0001-01-01"], ["report", "companies", "--as-of", "9999-12-31"],
                          ["report", "clearance", "--as-of", "0001-01-01"], ["report", "anomalies", "--as-of", "9999-12-31"]] {
            let result = try CLI.run(arguments, environment: database.environment)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
    }

    @Test("a role without the grant gets 77 and a sentence naming the role it needs",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func noPermission() throws {
        let database = try ReportFixture.database()
        let nobody = try Self.role(database, in: nil)
        defer { nobody.drop() }
        let report = try CLI.run(["report", "clearance"], environment: nobody.environment)
        #expect(report.status == 77, "\(report.stderr)")
        #expect(report.stderr.hasSuffix("(SQLSTATE 42501)\npropledger: this needs membership in propledger_reader (propledger_loader includes it); ask an administrator: GRANT propledger_reader TO \(nobody.name)\n"))

        let reader = try Self.role(database, in: "propledger_reader")
        defer { reader.drop() }
        let file = TestEnvironment.projectRoot.appendingPathComponent("ops/sample/compounds.csv").path
        let load = try CLI.run(["load", "compounds", file], environment: reader.environment)
        #expect(load.status == 77, "\(load.stderr)")
        // The loader asks before anything else, so no server error precedes its sentence.
        #expect(load.stderr == "propledger: role \(reader.name) may not load: loading needs membership in propledger_loader; ask an administrator to run GRANT propledger_loader TO \(reader.name), and propledger access grant \(reader.name) DISTRICT\n", "\(load.stderr)")
        let settings = try CLI.run(["settings", "set", "score_weight_service", "0.4"], environment: reader.environment)
        #expect(settings.status == 77, "\(settings.stderr)")
        #expect(settings.stderr.hasSuffix("GRANT propledger_owner TO \(reader.name)\n"))
        let access = try CLI.run(["access", "grant", nobody.name, "320508"], environment: reader.environment)
        #expect(access.status == 77, "\(access.stderr)")
    }

    @Test("a lock or statement timeout, or an administrator's cancel, exits 75; a session the server ends exits 69",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func timeoutsAndLostSessions() throws {
        let database = try ReportFixture.database()
        let holder = try database.connect()
        try holder.execute("BEGIN")
        try holder.execute("LOCK TABLE ledger.compounds IN ACCESS EXCLUSIVE MODE")
        defer { _ = try? holder.execute("ROLLBACK") }

        for (option, state) in [("lock_timeout=200", "55P03"), ("statement_timeout=200", "57014")] {
            var env = database.environment
            env["PGOPTIONS"] = "-c \(option)"
            let result = try CLI.run(["report", "clearance"], environment: env)
            #expect(result.status == 75, "\(result.stderr)")
            #expect(result.stderr.contains("(SQLSTATE \(state))\npropledger: the server stopped the statement: a timeout, a cancel"), "\(result.stderr)")
        }

        // A report waiting on the lock, whose statement an administrator cancels: 57014 as a timeout is, and said so.
        let cancelled = try Self.signalWaitingReport("pg_cancel_backend", database)
        #expect(cancelled.status == 75, "\(cancelled.message)")
        #expect(cancelled.message.contains("(SQLSTATE 57014)\npropledger: the server stopped the statement: a timeout, a cancel (an administrator's pg_cancel_backend)"), "\(cancelled.message)")

        // A report waiting on the lock, whose session an administrator ends.
        let ended = try Self.signalWaitingReport("pg_terminate_backend", database)
        #expect(ended.status == 69, "\(ended.message)")
        #expect(ended.message.contains("propledger: the session with the database was lost"), "\(ended.message)")
    }

    /// Starts `report clearance` (which waits on the lock the caller holds), has an administrator call `function`
    /// (pg_cancel_backend or pg_terminate_backend) on it once it waits, and returns its exit status and stderr.
    static func signalWaitingReport(_ function: String, _ database: ScratchDatabase) throws -> (status: Int32, message: String) {
        let (process, stderr) = try CLI.launch(["report", "clearance"], environment: database.environment)
        let admin = try database.connect()
        var signalled = false
        for _ in 1...100 where !signalled {
            Thread.sleep(forTimeInterval: 0.1)
            signalled = try admin.execute(SQLQuery("""
                SELECT count(\(raw: function)(pid)) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'propledger' AND wait_event_type = 'Lock'
                """))[0].decode("n", as: Int.self) > 0
        }
        #expect(signalled, "\(function) found no report waiting on the lock")
        let message = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }
}
