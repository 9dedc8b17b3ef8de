import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// Files as offices send them (issue 13): .xlsx workbooks and GB18030 CSV loaded with the built binary,
/// `propledger template`, and LibreOffice (installed by ops/setup) writing and reading real workbooks.
@Suite("xlsx and as-sent files", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct XLSXLoadTests {
    let scratch: ScratchDirectory
    var directory: URL { scratch.url }

    init() throws {
        scratch = try ScratchDirectory(prefix: "pl-xlsx")
    }

    /// A digest of every row of every ledger table (timestamps left out: they say when, not what).
    static func ledgerFingerprint(_ connection: Connection) throws -> [String: String] {
        let tables = try connection.query(SQLQuery("""
            SELECT c.relname::text AS name,
                   string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                     FILTER (WHERE format_type(a.atttypid, NULL) NOT LIKE 'timestamp%') AS columns
            FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
            JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE n.nspname = 'ledger' AND c.relkind = 'r'
            GROUP BY c.relname ORDER BY 1
            """)) { (try $0.decode("name", as: String.self), try $0.decode("columns", as: String.self)) }
        var digests: [String: String] = [:]
        for (table, columns) in tables {
            digests[table] = try connection.execute(SQLQuery("""
                SELECT count(*)::text || ' ' || md5(coalesce(string_agg(r, E'\\n' ORDER BY r), ''))
                FROM (SELECT ROW(\(raw: columns))::text AS r FROM ledger.\(ident: table)) AS s
                """))[0].decode(at: 0, as: String.self)
        }
        return digests
    }

    @Test("ops/sample/as-sent (GB18030 CSV with Chinese headers, and LibreOffice .xlsx) loads to exactly the ledger of ops/sample",
          arguments: ["csv", "xlsx"])
    func asSentIsTheSample(format: String) throws {
        // Every kind of ops/sample is here (a kind added to the sample needs ops/sample/as-sent/build.py run again).
        let root = TestEnvironment.projectRoot.appendingPathComponent("ops/sample")
        let kinds = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".csv") }.map { String($0.dropLast(4)) }
        let sent = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("as-sent/\(format)").path)
        #expect(Set(kinds.map { "\($0).\(format)" }) == Set(sent), "rebuild ops/sample/as-sent with its build.py")
        let sample = try ScratchDatabase(template: .sample)
        let expected = try Self.ledgerFingerprint(try sample.connect())
        #expect(expected["units"]?.hasPrefix("190 ") == true)
        let database = try ScratchDatabase(template: .migrated)
        let result = try CLI.run(["load", "--dir", "ops/sample/as-sent/\(format)"], environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ops/sample/as-sent/\(format)/units.\(format): 190 rows: 190 inserted"))
        #expect(try Self.ledgerFingerprint(try database.connect()) == expected)
    }

    @Test("the as-sent CSV files are GB18030 with the registry's Chinese headers; the workbooks hold typed cells")
    func asSentIsAsSent() throws {
        let csv = TestEnvironment.projectRoot.appendingPathComponent("ops/sample/as-sent/csv/units.csv").path
        #expect(String(data: try Data(contentsOf: URL(fileURLWithPath: csv)), encoding: .utf8) == nil)  // not UTF-8
        let csvReader = try LedgerCore.CSVReader(path: csv, encoding: .auto)
        #expect(try csvReader.nextRecord()?.cells == ["小区编码", "楼栋", "房号", "建筑面积"])
        #expect(csvReader.encoding == .gb18030)
        // The projects workbook: dates typed as dates (read back as YYYY-MM-DD), amounts as numbers.
        let reader = try XLSXReader(path: TestEnvironment.projectRoot.appendingPathComponent("ops/sample/as-sent/xlsx/projects.xlsx").path)
        let header = try #require(try reader.nextRecord())
        #expect(header.cells.first == "项目编码")
        let row = try #require(try reader.nextRecord())
        #expect(row.line == 2)
        #expect(row.cells.contains("2026-01-12"))
        #expect(row.cells.contains("860000"))
    }

    @Test("a bad cell in a LibreOffice workbook is reported at its sheet row; --sheet and --dir choices")
    func messagesAndChoices() throws {
        let database = try ScratchDatabase(template: .sample)
        // A workbook with a bad area on sheet row 4 (row 3 blank), made by the template writer and then
        // filled by hand: the header is the template's Chinese one.
        let csv = directory.appendingPathComponent("units.csv")
        try Data("小区编码,楼栋,房号,建筑面积\nGS011,9,901,88.5\n\nGS011,9,902,lots\n".utf8).write(to: csv)
        let xlsx = try Self.libreOffice(convert: csv, to: "xlsx", in: directory)
        var result = try CLI.run(["load", "units", xlsx.path], environment: database.environment)
        #expect(result.status == 65)
        // The line is the sheet's row (4: row 3 is blank). The column is named as the loader names it
        // for a CSV (issue 13, point 5, makes that the file's own header, 建筑面积, for both).
        #expect(result.stderr.contains("\(xlsx.path):4: ") && result.stderr.contains("'lots'"), "\(result.stderr)")
        #expect(!result.stderr.contains("\(xlsx.path):2:"))
        #expect(result.stdout.contains("nothing loaded"))

        result = try CLI.run(["load", "units", xlsx.path, "--sheet", "Sheet9"], environment: database.environment)
        #expect(result.status == 65)
        #expect(result.stderr.contains("no sheet named \"Sheet9\"; its sheets are: \"units\"; give one with --sheet NAME"), "\(result.stderr)")

        result = try CLI.run(["load", "units", csv.path, "--sheet", "units"], environment: database.environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--sheet is for .xlsx files"))

        // A CSV file named .xlsx is refused as not a workbook, saying what to do (65, not a crash or 70).
        let renamed = directory.appendingPathComponent("renamed.xlsx")
        try FileManager.default.copyItem(at: csv, to: renamed)
        result = try CLI.run(["load", "units", renamed.path], environment: database.environment)
        #expect(result.status == 65)
        #expect(result.stderr == "propledger: \(renamed.path): not an .xlsx workbook (it is not a ZIP archive); save it from Excel or WPS as \"Excel 工作簿 (*.xlsx)\", or as CSV\n")
        try FileManager.default.removeItem(at: renamed)

        // --dir: both units.csv and units.xlsx here is ambiguous, refused before anything is read.
        result = try CLI.run(["load", "--dir", directory.path], environment: database.environment)
        #expect(result.status == 65)
        #expect(result.stderr.contains("both units.csv and units.xlsx are here; keep the one to load and move the other away"))
    }

    @Test("template: the header from the registry and an example row, in English or Chinese")
    func templateCSV() throws {
        let database = try ScratchDatabase(template: .migrated)
        var result = try CLI.run(["template", "units"], environment: database.environment)
        #expect(result.status == 0)
        #expect(result.stdout == "compound_code,building,unit_no,floor_area_m2\nGS001,1,101,100.00\n")
        result = try CLI.run(["template", "compounds", "--lang", "zh"], environment: database.environment)
        #expect(result.stdout == "\u{FEFF}小区编码,社区代码,小区名称,地址,房屋类型,建成年份,楼栋数,户数,建筑面积\nGS001,320508001001,示例名称,示例路1号,commodity,1998,10,10,100.00\n")
        result = try CLI.run(["template", "nosuch"], environment: database.environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown kind 'nosuch'; expected one of: districts, streets"))
        // The example row of every kind's template is read by the loader's header check (a dry run
        // may reject its values — they refer to rows that are not there — but never its header).
        let kinds = try LoadKind.registry(try database.connect())
        for kind in kinds {
            let path = directory.appendingPathComponent("\(kind.name).xlsx").path
            result = try CLI.run(["template", kind.name, "--lang", "zh", "-o", path], environment: database.environment)
            #expect(result.status == 0, "\(kind.name): \(result.stderr)")
            result = try CLI.run(["load", kind.name, path, "--dry-run"], environment: database.environment)
            #expect(!result.stderr.contains("unknown column") && !result.stderr.contains("missing required"), "\(kind.name): \(result.stderr)")
            #expect(result.stdout.contains("\(path): 1 rows"), "\(kind.name): \(result.stdout)")
        }
    }

    @Test("template .xlsx as LibreOffice reads it: Chinese header, example row, a note per column, a drop-down per enumeration")
    func templateInLibreOffice() throws {
        let database = try ScratchDatabase(template: .migrated)
        let path = directory.appendingPathComponent("compounds.xlsx")
        let result = try CLI.run(["template", "compounds", "--lang", "zh", "-o", path.path], environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let flat = try String(contentsOf: Self.libreOffice(convert: path, to: "fods", in: directory), encoding: .utf8)
        for label in ["小区编码", "建筑面积", "GS001", "示例名称"] { #expect(flat.contains(label), "\(label)") }
        // One note per column, with its rule in Chinese.
        #expect(flat.components(separatedBy: "<office:annotation ").count - 1 == 9)
        #expect(flat.contains("主键：必填"))
        #expect(flat.contains("数字，最多 2 位小数"))
        #expect(flat.contains("须已在台账中（communities.community_code）"))
        // The housing type column's list.
        #expect(flat.contains("cell-content-is-in-list(&quot;commodity&quot;;&quot;old_village&quot;"))
        // The code column is formatted as text (Excel keeps 0101 as typed there).
        #expect(flat.contains("number:text-style"))
    }

    /// Converts a file with LibreOffice headless (ops/setup installs it; its absence is a failure, not a skip).
    static func libreOffice(convert file: URL, to format: String, in directory: URL) throws -> URL {
        try libreOffice(convert: [file], to: format, in: directory)
        let out = directory.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + format)
        guard FileManager.default.fileExists(atPath: out.path) else {
            throw LibreOfficeFailed(description: "soffice wrote no \(out.lastPathComponent)")
        }
        return out
    }

    /// Converts files in one run of LibreOffice headless into `directory`; `format` may carry a filter and its
    /// options ("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1": every sheet).
    static func libreOffice(convert files: [URL], to format: String, in directory: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let filter = format == "xlsx" ? ["--infilter=CSV:44,34,76,1"] : []
        process.arguments = ["soffice", "--headless"] + filter + ["--convert-to", format, "--outdir", directory.path] + files.map(\.path)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = directory.path  // its own profile: tests may run side by side
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LibreOfficeFailed(description: "soffice could not convert \(files.map(\.lastPathComponent).joined(separator: ", ")) to \(format) (exit \(process.terminationStatus)); LibreOffice comes with ops/setup (libreoffice-calc-nogui)")
        }
    }
}

/// LibreOffice could not convert a file.
struct LibreOfficeFailed: Error, CustomStringConvertible {
    let description: String
}

/// `propledger template` without a database: its help and usage errors, whole.
@Suite("propledger template: help and usage")
struct TemplateUsageTests {
    @Test("template --help, whole output")
    func help() throws {
        let result = try CLI.run(["template", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Write an empty file of a load kind for an office to fill in (SPEC
            §3.1).

            The header (English names, or the Chinese labels with --lang zh), one example
            row to replace, and in an .xlsx a note on each header cell with the column's
            rule and allowed values, and a drop-down list on each column of fixed values.
            The columns and rules are read from the database, so the template says what
            `propledger load` checks.
            Exit codes: 0 written; 64 usage (an unknown KIND lists the kinds); 69 database
            unavailable; 73 the output file cannot be written.

            USAGE: propledger template [--db <conninfo>] <kind> [--lang <lang>] [--format <format>] [--output <file>]

            ARGUMENTS:
              <kind>                  The kind of file (as for `propledger load`).

            OPTIONS:
              --db <conninfo>         A libpq conninfo string or URI (default:
                                      $DATABASE_URL, else the PG* variables).
              --lang <lang>           Header language: en or zh. (default: en)
              --format <format>       csv or xlsx (default: xlsx with -o FILE.xlsx, else
                                      csv).
              -o, --output <file>     Write to this file instead of standard output (an
                                      .xlsx needs one).
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }

    @Test("an unknown --format or --lang is a usage error (64), before any connection")
    func usage() throws {
        var result = try CLI.run(["template", "units", "--format", "ods"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --format ods: use csv or xlsx.\n"))
        result = try CLI.run(["template", "units", "--lang", "fr"])
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("Error: --lang fr: use en or zh.\n"))
    }
}
