import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PostgresClient
import Testing
import TestSupport

/// What the binary writes when the data (or the command line) is hostile: spreadsheet formulas, markup,
/// terminal escape sequences, long values in messages; where -o may write.
@Suite("propledger binary: output safety")
struct OutputSafetyCLITests {
    /// The hand-made ledger of ReportCLITests with hostile names, and every management period ending on
    /// 2025-04-30 so that `report expiring --as-of 2025-03-01` lists each compound.
    static func hostileDatabase(names: [String: String], company: String) throws -> ScratchDatabase {
        let database = try ReportFixture.database()
        let connection = try database.connect()
        for (code, name) in names {
            try connection.execute("UPDATE ledger.compounds SET name = $2 WHERE compound_code = $1", [code, name])
        }
        try connection.execute("UPDATE ledger.companies SET name = $1", [company])
        try connection.execute("UPDATE ledger.management SET end_on = '2025-04-30' WHERE end_on IS NULL")
        return database
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

        try database.connect().execute("UPDATE ledger.compounds SET name = $1 WHERE compound_code = 'A1'", ["<script>alert('x')</script>"])
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(CLI.executable.path)' report expiring --as-of 2025-03-01 --format csv", "/dev/null"]
        process.environment = database.environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let shown = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(shown)")
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
}
