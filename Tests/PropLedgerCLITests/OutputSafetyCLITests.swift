import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PostgresClient
import Testing
import TestSupport

/// What the binary writes when the data (or the command line) is hostile: spreadsheet formulas, markup,
/// terminal escape sequences, long values in messages.
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
}
