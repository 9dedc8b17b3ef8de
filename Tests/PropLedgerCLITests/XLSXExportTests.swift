import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// `report NAME --format xlsx -o FILE`, `report pack DIR` and `notice … --format xlsx` (issue 14 points 2–3,
/// issue 18 point 4): every workbook read back by LibreOffice headless and compared with the CSV of the same
/// report, on the sample data (ops/sample) as of 2026-11-21.
@Suite("xlsx export read back with LibreOffice",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct XLSXExportCLITests {
    let scratch: ScratchDirectory
    var directory: URL { scratch.url }

    init() throws {
        scratch = try ScratchDirectory(prefix: "propledger-xlsx-export")
    }

    /// LibreOffice's CSV export of every sheet, cells as the spreadsheet shows them (number formats applied).
    static let everySheetAsShown = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"

    /// The arguments of every report of the catalogue, on the sample.
    static let reports: [[String]] = ReportCatalog.all.map { definition in
        switch definition.name {
        case "apportion": return ["apportion", "GS2026002"]
        case "fund-unit": return ["fund-unit", "GS011", "1", "101"]
        case "recommend": return ["recommend", "--compound", "GS015"]
        case "compound": return ["compound", "GS003"]
        case "history": return ["history", "compounds", "GS001"]
        default: return [definition.name]
        }
    }

    /// The records of a CSV file LibreOffice wrote (`CSVReader.parse`, ReportCLITests).
    static func records(_ file: URL) throws -> [[String]] {
        try CSVReader.parse(try String(contentsOf: file, encoding: .utf8))
    }

    /// The records of a command's CSV output (after its byte order mark).
    static func records(ofCSV text: String) throws -> [[String]] {
        try CSVReader.parse(String(text.dropFirst()))
    }

    /// The sheet of a converted workbook: the title block (title, filters, as-of, issuer, generated at, a blank
    /// row), then the header and the rows.
    static let titleBlockRows = 6

    @Test("every report's xlsx holds the values of its CSV, in English and Chinese, with its totals row")
    func everyReport() throws {
        let database = try SampleLedger.load()
        var expected: [(file: URL, csv: [[String]], arguments: [String])] = []
        for arguments in Self.reports {
            let definition = ReportCatalog.named(arguments[0])!
            let day = definition.options.contains(.asOf) ? ["--as-of", "2026-11-21"] : []
            for language in ["en", "zh"] {
                let stem = "\(arguments[0])-\(language)"
                let csv = try CLI.run(["report"] + arguments + day + ["--lang", language, "--format", "csv"], environment: database.environment)
                #expect(csv.status == 0, "\(arguments): \(csv.stderr)")
                let file = directory.appendingPathComponent(stem + ".xlsx")
                let xlsx = try CLI.run(["report"] + arguments + day + ["--lang", language, "--format", "xlsx", "-o", file.path],
                                       environment: database.environment)
                #expect(xlsx.status == 0 && xlsx.stdout.isEmpty, "\(arguments): \(xlsx.stderr)")
                expected.append((file, try Self.records(ofCSV: csv.stdout), arguments + ["--lang", language]))
            }
        }
        try XLSXLoadTests.libreOffice(convert: expected.map(\.file), to: Self.everySheetAsShown, in: directory)
        for (file, csv, arguments) in expected {
            let definition = ReportCatalog.named(arguments[0])!
            let zh = arguments.last == "zh"
            // One sheet, named by the report's title.
            let sheets = try FileManager.default.contentsOfDirectory(atPath: directory.path)
                .filter { $0.hasPrefix(file.deletingPathExtension().lastPathComponent + "-") && $0.hasSuffix(".csv") }
            #expect(sheets == [file.deletingPathExtension().lastPathComponent + "-" + definition.title(zh ? .zh : .en) + ".csv"], "\(arguments)")
            guard let sheet = sheets.first else { continue }
            let read = try Self.records(directory.appendingPathComponent(sheet))
            // The title block.
            #expect(read[0][0] == definition.title(zh ? .zh : .en) + " (\(definition.name))")
            #expect(read[1][0].hasPrefix(zh ? "筛选条件：" : "Filters: "), "\(arguments)")
            if definition.options.contains(.asOf) { #expect(read[2][0] == (zh ? "截至：" : "As of: ") + "2026-11-21", "\(arguments)") }
            #expect(read[3][0] == (zh ? "发布单位：姑苏区、龙岗区住房和城乡建设主管部门" : "Issued by: the housing authority of 姑苏区、龙岗区"), "\(arguments)")
            #expect(read[4][0].hasPrefix(zh ? "生成时间：2" : "Generated at: 2"), "\(arguments)")
            // The header and every row, cell for cell: numbers as the CSV writes them (the grouping commas
            // of #,##0.00 aside), dates, labels, yes/no (是/否) and text as they are.
            let body = Array(read.dropFirst(Self.titleBlockRows))
            #expect(body.count >= csv.count, "\(arguments)")
            let columns = definition.columns
            for (index, row) in csv.enumerated() where index < body.count {
                let shown = zip(body[index], columns).map { $1.kind.isNumeric ? $0.replacingOccurrences(of: ",", with: "") : $0 }
                #expect(shown == row, "\(arguments) row \(index)")
            }
            // The totals row: the exact sums of the CSV's cells.
            let rest = body.dropFirst(csv.count)
            if definition.hasTotals && csv.count > 1 {
                let total = try #require(rest.first, "\(arguments): no totals row")
                #expect(total[0] == (zh ? "合计" : "total"), "\(arguments)")
                for (index, column) in columns.enumerated() where column.total == .sum {
                    let sum = csv.dropFirst().compactMap { Decimal(string: $0[index]) }.reduce(Decimal(0), +)
                    #expect(Decimal(string: total[index].replacingOccurrences(of: ",", with: "")) == sum, "\(arguments) total of \(column.key)")
                }
                #expect(rest.dropFirst().allSatisfy { $0.allSatisfy(\.isEmpty) }, "\(arguments)")
            } else {
                #expect(rest.allSatisfy { $0.allSatisfy(\.isEmpty) }, "\(arguments): nothing under the rows")
            }
        }
    }

    @Test("cells are typed: money a number formatted #,##0.00, a date a date, a code text; formula-like names stay text")
    func typedAndSafeCells() throws {
        let database = try SampleLedger.load()
        // Compound names a spreadsheet would run as formulas (SPEC §4: written as string cells).
        let names = ["GS003": "=SUM(A1)", "GS011": "+1+1", "GS004": "-2", "GS009": "@SUM(A1)"]
        let connection = try database.connect()
        for (code, name) in names {
            try connection.execute("UPDATE ledger.compounds SET name = \(name, as: .text) WHERE compound_code = \(code, as: .text)")
        }
        let file = directory.appendingPathComponent("projects.xlsx")
        let result = try CLI.run(["report", "projects", "--as-of", "2026-11-21", "--lang", "zh", "--format", "xlsx", "-o", file.path],
                                 environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let unit = directory.appendingPathComponent("fund-unit.xlsx")
        #expect(try CLI.run(["report", "fund-unit", "GS011", "1", "101", "--as-of", "2026-11-21", "--format", "xlsx", "-o", unit.path],
                            environment: database.environment).status == 0)
        try XLSXLoadTests.libreOffice(convert: [file, unit], to: "fods", in: directory)
        // The flat file without the indentation between elements.
        let flat = try String(contentsOf: directory.appendingPathComponent("projects.fods"), encoding: .utf8)
            .replacingOccurrences(of: ">\\s+<", with: "><", options: .regularExpression)
        for name in names.values {
            #expect(flat.contains("<table:table-cell office:value-type=\"string\" calcext:value-type=\"string\"><text:p>\(name)</text:p>"), "\(name)")
        }
        #expect(!flat.contains("table:formula"))
        // GS2026001's budget, 860000.00: a number shown with two decimals and grouping.
        #expect(flat.contains("office:value-type=\"float\" office:value=\"860000\""))
        #expect(flat.contains("<number:number number:decimal-places=\"2\" number:min-decimal-places=\"2\" number:min-integer-digits=\"1\" number:grouping=\"true\"/>"))
        let statement = try String(contentsOf: directory.appendingPathComponent("fund-unit.fods"), encoding: .utf8)
        #expect(statement.contains("office:value-type=\"date\" office:date-value=\"2015-06-30\""))
        // Read back as shown: the names as they are, never a computed value.
        try XLSXLoadTests.libreOffice(convert: [file], to: Self.everySheetAsShown, in: directory)
        let rows = try Self.records(directory.appendingPathComponent("projects-维修改造项目.csv"))
        let shownNames = Set(rows.dropFirst(Self.titleBlockRows + 1).map { $0[2] })
        #expect(shownNames.isSuperset(of: names.values))
    }

    @Test("--format xlsx needs -o FILE (64); an -o that cannot be written is 73")
    func usage() throws {
        let database = try SampleLedger.load()
        var result = try CLI.run(["report", "funding", "--format", "xlsx"], environment: database.environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format xlsx writes a workbook, not text: give -o FILE.xlsx"))
        result = try CLI.run(["report", "funding", "--format", "xlsx", "--lang", "zh"], environment: database.environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format xlsx 生成的是工作簿而不是文本"))
        result = try CLI.run(["report", "funding", "--issuer", "苏州市姑苏区住房和城乡建设局"], environment: database.environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--issuer names the issuing unit of an .xlsx title block"))
        let named = directory.appendingPathComponent("named.xlsx")
        result = try CLI.run(["report", "funding", "--issuer", "苏州市姑苏区住房和城乡建设局", "--lang", "zh", "--format", "xlsx", "-o", named.path],
                             environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        try XLSXLoadTests.libreOffice(convert: [named], to: Self.everySheetAsShown, in: directory)
        #expect(try Self.records(directory.appendingPathComponent("named-资金来源.csv"))[3][0] == "发布单位：苏州市姑苏区住房和城乡建设局")
        result = try CLI.run(["notice", "fund", "GS011", "--format", "xlsx"], environment: database.environment)
        #expect(result.status == 64)
        result = try CLI.run(["report", "funding", "--format", "xlsx", "-o", directory.appendingPathComponent("none/x.xlsx").path],
                             environment: database.environment)
        #expect(result.status == 73)
        #expect(result.stderr.contains("does not exist"))
    }

    @Test("report pack: one workbook of every report that needs no argument, a sheet each, headers as their CSV")
    func pack() throws {
        let database = try SampleLedger.load()
        let result = try CLI.run(["report", "pack", directory.path, "--as-of", "2026-11-21", "--lang", "zh", "--district", "320508"],
                                 environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let file = directory.appendingPathComponent("propledger-2026-11-21.xlsx")
        let packed = ReportCatalog.all.filter(\.isPacked)
        #expect(packed.map(\.name) == ["clearance", "party-coverage", "projects", "funding", "fund", "companies", "rectifications",
                                       "expiring", "committees", "votes", "anomalies", "loads"])
        #expect(result.stdout == """
            \(file.path)：12 个工作表（\(packed.map(\.name).joined(separator: ", "))）
            未收入（需指定项目、小区、房屋或主键的报表）：apportion, fund-unit, recommend, compound, history

            """)
        try XLSXLoadTests.libreOffice(convert: [file], to: Self.everySheetAsShown, in: directory)
        let sheets = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix("propledger-2026-11-21-") && $0.hasSuffix(".csv") }
        #expect(Set(sheets) == Set(packed.map { "propledger-2026-11-21-\($0.title(.zh)).csv" }))
        for definition in packed {
            let read = try Self.records(directory.appendingPathComponent("propledger-2026-11-21-\(definition.title(.zh)).csv"))
            let takesFilters = definition.options.contains(.district)
            #expect(read[1][0] == (takesFilters ? "筛选条件：--district 320508" : "筛选条件：无（您可查看的全部区县）"), "\(definition.name)")
            #expect(read[3][0] == (takesFilters ? "发布单位：姑苏区住房和城乡建设主管部门" : "发布单位：姑苏区、龙岗区住房和城乡建设主管部门"), "\(definition.name)")
            let day = definition.options.contains(.asOf) ? ["--as-of", "2026-11-21"] : []
            let filter = takesFilters ? ["--district", "320508"] : []
            let csv = try CLI.run(["report", definition.name, "--lang", "zh", "--format", "csv"] + day + filter, environment: database.environment)
            let expected = try Self.records(ofCSV: csv.stdout)
            #expect(read[Self.titleBlockRows] == expected[0], "\(definition.name)")
            #expect(read.count >= Self.titleBlockRows + expected.count, "\(definition.name)")
        }
        // Usage: a directory and only the options the pack takes; a missing directory is refused before any report runs.
        #expect(try CLI.run(["report", "pack"], environment: database.environment).status == 64)
        #expect(try CLI.run(["report", "pack", directory.path, "--by", "street"], environment: database.environment).status == 64)
        let missing = try CLI.run(["report", "pack", directory.appendingPathComponent("none").path], environment: database.environment)
        #expect(missing.status == 73)
        #expect(missing.stderr.contains("does not exist"))
    }

    @Test("notice project --format xlsx: the title block and the tables, amounts as numbers, the totals rows")
    func notice() throws {
        let database = try SampleLedger.load()
        let file = directory.appendingPathComponent("notice.xlsx")
        let result = try CLI.run(["notice", "project", "GS2026002", "--date", "2026-11-21", "--days", "7", "--format", "xlsx", "-o", file.path],
                                 environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        try XLSXLoadTests.libreOffice(convert: [file], to: Self.everySheetAsShown, in: directory)
        let sheet = try #require(try FileManager.default.contentsOfDirectory(atPath: directory.path).first { $0.hasPrefix("notice-") })
        let rows = try Self.records(directory.appendingPathComponent(sheet))
        let lines = rows.map { $0[0] }
        #expect(lines[0] == "康馨苑康馨苑1、2幢电动自行车集中充电桩项目费用公示")
        #expect(lines.contains("项目：康馨苑1、2幢电动自行车集中充电桩（GS2026002）"))
        #expect(lines.contains("依据：《民法典》第二百八十一条第一款（维修资金的筹集、使用情况应当定期公布）"))
        #expect(lines.contains("公示期：2026年11月21日至2026年11月27日，共7日。"))
        #expect(lines.contains("发布单位：姑苏区住房和城乡建设主管部门"))
        #expect(lines.contains("发布日期：2026年11月21日"))
        for caption in ["资金来源", "支付情况", "业主分摊（分户）"] { #expect(lines.contains(caption)) }
        #expect(rows.contains(["PZ2026-0003", "2026-05-12", "维修资金", "", "60,000.00"]))
        #expect(rows.contains(["合计", "", "", "", "153,500.00"]))
        #expect(rows.contains(["合计", "", "", "", "100,000.00"]))
        #expect(rows.contains(["1", "101", "89.56", "", "3,590.23"]))
    }
}
