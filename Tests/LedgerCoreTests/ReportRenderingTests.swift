import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import LedgerCore

/// A clearance-shaped result with Chinese names, a NULL percentage and a text needing CSV quoting.
private let sample = ReportResult(
    name: "clearance",
    columns: ReportCatalog.named("clearance")!.columns,
    rows: [
        ["320508", "姑苏区", "8", "4", "1", "3", "1", "2", "1", "1", "50.0", "4", "1", "1"],
        ["440307", "龙岗区 \"老街\", 片区", "0", "0", "0", "0", "0", "0", "0", "0", nil, "1", "1", "0"],
    ],
    asOf: "2026-11-21",
    chart: ChartSpec(labelColumn: "district", series: ["resolved_verified", "resolved_unverified", "open"], title: ("Clearance cases", "清零台账")))

private let money = ReportResult(
    name: "apportion",
    // Without the agreed-weight column (projects without weights leave it empty): four columns to render.
    columns: ReportCatalog.named("apportion")!.columns.filter { $0.key != "weight" },
    rows: [["1", "101", "89.56", "3590.23"], ["1", "102", "112.37", "4504.6"], ["2", "101", "95.12", "0.01"]],
    asOf: "2026-11-21")

/// A minimal RFC 4180 parser, to read back what the renderer wrote.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = ""
    var quoted = false, afterQuote = false
    var iterator = Array(text.unicodeScalars).makeIterator()
    while let c = iterator.next() {
        if quoted {
            if c == "\"" { quoted = false; afterQuote = true } else { field.unicodeScalars.append(c) }
            continue
        }
        switch c {
        case "\"": if afterQuote { field += "\"" }; quoted = true; afterQuote = false
        case ",": row.append(field); field = ""; afterQuote = false
        case "\r": afterQuote = false
        case "\n": row.append(field); rows.append(row); row = []; field = ""; afterQuote = false
        default: field.unicodeScalars.append(c); afterQuote = false
        }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite("Report rendering: table, CSV, JSON, HTML")
struct ReportRenderingTests {
    @Test("every report has unique keys, a Chinese header per column, and is found by name")
    func catalogue() {
        #expect(ReportCatalog.all.map(\.name) == ["clearance", "party-coverage", "projects", "funding", "apportion", "fund",
                                                 "fund-unit", "companies", "recommend", "rectifications", "expiring", "committees", "votes",
                                                 "compound", "anomalies", "history", "loads"])
        for report in ReportCatalog.all {
            #expect(Set(report.columns.map(\.key)).count == report.columns.count, "\(report.name)")
            #expect(report.columns.allSatisfy { !$0.zh.isEmpty && $0.zh != $0.key || $0.key == "sha256" }, "\(report.name)")
            #expect(ReportCatalog.named(report.name)?.function == report.function)
        }
        #expect(ReportCatalog.named("nope") == nil)
    }

    @Test("table: aligned by display width, numbers right-aligned, exact totals with a recomputed percentage")
    func table() {
        let text = sample.table(.zh)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        // Every line ends where its last column ends: identical display width for header, rule and rows.
        let widths = Set(lines.map { DisplayWidth.of($0) })
        #expect(widths.count == 1, "\(lines)")
        #expect(lines[0].hasPrefix("区县代码  区县                 摸排数"))
        #expect(lines[2].hasPrefix("320508    姑苏区                    8"))
        // 合计: 8 + 0 identified, 4 verified → 50.0 (4/8), not 50.0 + NULL.
        #expect(lines[5].hasPrefix("合计                                8           4"))
        #expect(lines[5].contains("      50.0"))
    }

    @Test("totals: exact sums of money and areas")
    func totals() {
        // 89.56 + 112.37 + 95.12 = 297.05 m²; 3590.23 + 4504.60 + 0.01 = 8094.84 yuan.
        #expect(money.totals(.en) == ["total", nil, "297.05", "8094.84"])
        #expect(money.table(.en).hasSuffix("total                     297.05  8094.84\n"))
        #expect(money.table(.en).contains("1         102             112.37  4504.60\n"))
    }

    @Test("CSV: BOM, CRLF, RFC 4180 quoting; round-trips through a parser")
    func csv() {
        let text = sample.csv(.en)
        #expect(text.hasPrefix("\u{FEFF}district_code,district,identified,"))
        #expect(text.contains("\r\n440307,\"龙岗区 \"\"老街\"\", 片区\",0,"))
        let parsed = parseCSV(String(text.dropFirst()))
        #expect(parsed.count == 3)
        #expect(parsed[0] == sample.columns.map(\.key))
        #expect(parsed[2][1] == "龙岗区 \"老街\", 片区")
        #expect(parsed[2][10] == "")
        #expect(Array(text.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    @Test("JSON: §4 field names, numbers as numbers, money as two-decimal strings, null")
    func json() throws {
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(money.json().utf8)) as? [[String: Any]])
        #expect(objects.count == 3)
        #expect(Set(objects[0].keys) == ["building", "unit_no", "floor_area_m2", "amount"])
        #expect(objects[1]["amount"] as? String == "4504.60")
        #expect(sample.json().contains("\"cleared_pct\": null"))
        #expect(sample.json().contains("\"identified\": 8, "))
        #expect(money.json().contains("\"floor_area_m2\": 89.56, \"amount\": \"3590.23\""))
    }

    @Test("JSON strings: what needs escaping is escaped, everything else is written as it is", arguments: [
        ("姑苏区 平江街道", "\"姑苏区 平江街道\""),
        ("plain ASCII, with a comma", "\"plain ASCII, with a comma\""),
        ("say \"yes\"", "\"say \\\"yes\\\"\""),
        ("C:\\path", "\"C:\\\\path\""),
        ("two\nlines\r\tend", "\"two\\nlines\\r\\tend\""),
        ("bell\u{07}", "\"bell\\u0007\""),
        ("line\u{2028}para\u{2029}", "\"line\\u2028para\\u2029\""),
        ("ellipsis… and “quotes”", "\"ellipsis… and “quotes”\""),
        ("", "\"\""),
    ])
    func jsonStrings(text: String, literal: String) throws {
        #expect(JSON.string(text) == literal)
        let back = try JSONSerialization.jsonObject(with: Data(literal.utf8), options: [.fragmentsAllowed]) as? String
        #expect(back == text)
    }

    @Test("JSON: the field names of every row are the columns' keys, a cell needing escapes escaped")
    func jsonRowsEscaped() throws {
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(sample.json().utf8)) as? [[String: Any]])
        #expect(objects.count == 2)
        #expect(objects.allSatisfy { Set($0.keys) == Set(sample.columns.map(\.key)) })
        #expect(objects[1]["district"] as? String == "龙岗区 \"老街\", 片区")
    }

    @Test("HTML: well-formed XML, an inline SVG chart, print CSS, no external assets")
    func html() throws {
        let page = sample.html(.zh)
        let parser = XMLParser(data: Data(page.utf8))
        #expect(parser.parse(), "\(String(describing: parser.parserError))")
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(page.contains("@page {\n  size: A4 landscape;"))
        #expect(page.contains("龙岗区 &quot;老街&quot;, 片区"))
        #expect(!page.contains("http://") || !page.contains("src="))
        #expect(page.contains("<tr class=\"total\"><td>合计</td>"))
        let plain = money.html(.en)
        #expect(XMLParser(data: Data(plain.utf8)).parse())
        #expect(!plain.contains("<svg"))
    }

    @Test("fixed decimals: text already in PostgreSQL's numeric(p, 2) form is kept, anything else goes through the exact path",
          arguments: ["0.00", "12.30", "-12.30", "-0.00", "007.50", "1.5", "12.345", "12", "abc", "1e5", ".50", "5.",
                      "1.2.3", "-", "", "+1.00", "1234567890123.45", "00.00", "-0.01", "10.00", "٣.٤٥"])
    func fixedDecimals(text: String) {
        let slow = ExactDecimal.scaled(text, places: 2).map { ExactDecimal.format($0, places: 2) } ?? text
        #expect(PostgresNumericText.fixed(text, places: 2) == slow)
        #expect(PostgresNumericText.isFixed(text, places: 2) == (slow == text && ExactDecimal.scaled(text, places: 2) != nil))
    }

    @Test("display width: printable ASCII counts a column a byte, control characters none")
    func asciiWidth() {
        #expect(DisplayWidth.of("C3205080000001 平江") == 15 + 4)
        #expect(DisplayWidth.of("a\tb") == 2)
        #expect(DisplayWidth.of("plain ascii 123") == 15)
    }

    @Test("exact decimals: formatting and half-up division")
    func exact() {
        #expect(ExactDecimal.format(5, places: 2) == "0.05")
        #expect(ExactDecimal.format(-123, places: 1) == "-12.3")
        #expect(ExactDecimal.roundedDivision(2000, 3) == 667)
        #expect(ExactDecimal.roundedDivision(5, 2) == 3)
        #expect(ExactDecimal.scaled("12.5", places: 2) == 1250)
    }

    @Test("requests: unsupported options and missing arguments are refused; values are bound, never spliced")
    func requests() throws {
        var request = ReportRequest(definition: ReportCatalog.named("clearance")!)
        request.year = 2025
        #expect(throws: ReportRequestError.self) { try request.validate() }
        request.year = nil
        request.district = "32050"
        #expect(throws: ReportRequestError.self) { try request.validate() }
        request.district = "320508"
        request.by = "street"
        try request.validate()
        #expect(request.columns.first?.key == "street_code")
        #expect(!request.query.sql.contains("320508"))
        #expect(request.query.sql.contains("$2::text"))

        let apportion = ReportRequest(definition: ReportCatalog.named("apportion")!)
        #expect(throws: ReportRequestError.self) { try apportion.validate() }
        let recommend = ReportRequest(definition: ReportCatalog.named("recommend")!)
        #expect(throws: ReportRequestError.self) { try recommend.validate() }
    }

    @Test("--by picks a grouping of the report's definition, whatever the report is called")
    func groupings() throws {
        let figures = [ReportColumn("n", "数", .integer, total: .sum)]
        let definition = ReportDefinition(
            name: "any-grouped-report", rowIs: ("group", "组"), summary: ("", ""), function: "report.any_report", arguments: [.by],
            groupings: [ReportGrouping("city", [ReportColumn("city", "城市", .text, sql: "group_code")]),
                        ReportGrouping("area", [ReportColumn("area_code", "片区代码", .text, sql: "group_code"),
                                                ReportColumn("area", "片区", .text, sql: "group_name")])],
            columns: figures, chart: ChartSpec(labelColumn: "city", series: ["n"], title: ("N", "数")))
        var request = ReportRequest(definition: definition)
        try request.validate()
        #expect(request.columns.map(\.key) == ["city", "n"])
        #expect(request.query.sql == "SELECT * FROM report.any_report($1::text)")
        #expect(request.query.parameters == ["city"])
        #expect(definition.chart(by: nil)?.labelColumn == "city")
        request.by = "area"
        try request.validate()
        #expect(request.columns.map(\.key) == ["area_code", "area", "n"])
        #expect(request.query.parameters == ["area"])
        #expect(definition.chart(by: "area")?.labelColumn == "area")
        request.by = "district"
        #expect(throws: ReportRequestError(description: "--by district: use city or area")) { try request.validate() }

        // clearance is one such report: its chart's bars follow --by too.
        let clearance = ReportCatalog.named("clearance")!
        #expect(clearance.groupings.map(\.name) == ["district", "street", "community_type"])
        #expect(clearance.columns(by: "community_type").map(\.key).prefix(2) == ["community_type", "identified"])
        #expect(clearance.chart(by: "street")?.labelColumn == "street")
        #expect(clearance.chart(by: "community_type")?.labelColumn == "community_type")
        #expect(ReportCatalog.named("funding")!.chart(by: nil)?.labelColumn == "source")
    }
}

/// Cells an attacker (or a careless office) can put in a company or compound name.
private let hostile = ReportResult(
    name: "projects",
    columns: [ReportColumn("name", "名称", .text), ReportColumn("amount", "金额", .money), ReportColumn("n", "数", .integer),
              ReportColumn("pct", "比例", .decimal(1))],
    rows: [
        ["=HYPERLINK(\"http://evil.example/\",\"点击\")", "-12.50", "-3", "-0.5"],
        ["@SUM(1+1)*cmd|' /C calc'!A0", "12.5", "4", "1.0"],
        ["+cmd|' /C notepad'!A0", "0.00", "0", "0.0"],
        ["-2+3", nil, nil, nil],
        ["\tTAB", "1.00", "1", "1.0"],
        ["\rCR", "1.00", "1", "1.0"],
        ["平江新村", "1.00", "1", "1.0"],
    ],
    asOf: "2026-11-21")

@Suite("Output safety: spreadsheet formulas, terminal escapes, HTML")
struct OutputSafetyRenderingTests {
    @Test("CSV: text cells starting with = + - @ tab or CR get a leading ' (OWASP); numeric columns keep their minus")
    func csvFormulaInjection() {
        let parsed = parseCSV(String(hostile.csv(.en).dropFirst()))
        #expect(parsed.count == 8)
        #expect(parsed.dropFirst().map { $0[0] } == [
            "'=HYPERLINK(\"http://evil.example/\",\"点击\")", "'@SUM(1+1)*cmd|' /C calc'!A0", "'+cmd|' /C notepad'!A0",
            "'-2+3", "'\tTAB", "'\rCR", "平江新村",
        ])
        // Numbers stay numbers: decided by the column's kind, not by the text.
        #expect(parsed[1].dropFirst() == ["-12.50", "-3", "-0.5"])
        #expect(parsed[4].dropFirst() == ["", "", ""])
    }

    @Test("CSVText.field: neutralised by the column's kind, then quoted", arguments: [
        ("=1+2", false, "'=1+2"),
        ("+1", false, "'+1"),
        ("-12.50", false, "'-12.50"),
        ("-12.50", true, "-12.50"),
        ("-1", true, "-1"),
        ("@x", false, "'@x"),
        ("\tx", false, "'\tx"),
        ("\rx", false, "\"'\rx\""),
        ("=A1,B2", false, "\"'=A1,B2\""),
        ("=cmd", true, "'=cmd"),
        ("-Infinity", true, "'-Infinity"),
        ("-", true, "'-"),
        ("a=b", false, "a=b"),
        (" =1", false, "\" =1\""),
        ("", false, ""),
        ("line\r\nbreak", false, "\"line\r\nbreak\""),
        ("say \"hi\"", false, "\"say \"\"hi\"\"\""),
    ])
    func csvField(text: String, isNumber: Bool, expected: String) {
        #expect(CSVText.field(text, isNumber: isNumber) == expected)
    }

    @Test("table: ESC sequences, C0/C1 controls and invisible characters are shown escaped, and lines still align")
    func tableEscapes() {
        let result = ReportResult(
            name: "expiring", columns: [ReportColumn("compound_name", "小区名称", .text), ReportColumn("n", "数", .integer)],
            rows: [["\u{1B}]0;pwned\u{07}\u{1B}[2J平江", "1"], ["a\u{9B}31mb", "2"], ["zero\u{200B}width\u{202E}rlo", "3"],
                   ["two\nlines\tand\r", "4"], ["plain 平江新村", "5"]],
            asOf: "2026-11-21")
        let text = result.table(.en)
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) || $0 == "\u{200B}" || $0 == "\u{202E}" })
        #expect(text.contains("\\u{1B}]0;pwned\\u{7}\\u{1B}[2J平江"))
        #expect(text.contains("a\\u{9B}31mb"))
        #expect(text.contains("zero\\u{200B}width\\u{202E}rlo"))
        #expect(text.contains("two\\u{A}lines\\u{9}and\\u{D}"))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 7)
        #expect(Set(lines.map { DisplayWidth.of($0) }).count == 1, "\(lines)")
    }

    @Test("HTML: a <script> cell is text, not markup")
    func htmlEscapes() throws {
        let result = ReportResult(name: "expiring", columns: [ReportColumn("compound_name", "小区名称", .text)],
                                  rows: [["<script>alert('x')</script>"], ["a & b \"c\""]], asOf: "2026-11-21")
        let page = result.html(.en)
        #expect(!page.contains("<script"))
        #expect(page.contains("<td>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"))
        #expect(page.contains("<td>a &amp; b &quot;c&quot;</td>"))
        #expect(XMLParser(data: Data(page.utf8)).parse())
    }

    @Test("the formats, xlsx last (its cells are typed in XLSXExportTests)")
    func formats() {
        #expect(ReportFormat.allCases.map(\.rawValue) == ["table", "csv", "json", "html", "xlsx"])
    }

    @Test("TerminalText.escaped: controls and invisible characters as \\u{…}; Chinese, emoji and backslashes as they are", arguments: [
        ("plain 平江 ✓ 😀", false, "plain 平江 ✓ 😀"),
        ("\u{1B}[31mred\u{1B}[0m", false, "\\u{1B}[31mred\\u{1B}[0m"),
        ("a\u{7F}b\u{85}c\u{9F}d", false, "a\\u{7F}b\\u{85}c\\u{9F}d"),
        ("\u{FEFF}bom\u{00AD}shy\u{2066}iso\u{2069}", false, "\\u{FEFF}bom\\u{AD}shy\\u{2066}iso\\u{2069}"),
        ("tag\u{E0041}", false, "tag\\u{E0041}"),
        ("GS001\u{FE0F} 康城\u{3000}一期；Ａ１", false, "GS001\\u{FE0F} 康城\u{3000}一期；Ａ１"),
        ("\u{3164}\u{115F}x\u{FFA0}", false, "\\u{3164}\\u{115F}x\\u{FFA0}"),
        ("one\ntwo\tthree\r\nfour\rfive", true, "one\ntwo\tthree\r\nfour\\u{D}five"),
        ("one\ntwo", false, "one\\u{A}two"),
        ("C:\\path", false, "C:\\path"),
    ])
    func terminalEscapes(text: String, keepingLineBreaks: Bool, expected: String) {
        #expect(TerminalText.escaped(text, keepingLineBreaks: keepingLineBreaks) == expected)
    }

    @Test("TerminalText.message: quoted values over 60 characters cut, escaped, line breaks kept")
    func messages() {
        let long = String(repeating: "长", count: 70)
        let server = "invalid input syntax for type integer: \"\(long)\"\nDETAIL: Key (code)=(\(long)) already exists."
        let shown = TerminalText.message(server)
        let cut = String(repeating: "长", count: 60) + "…"
        #expect(shown == "invalid input syntax for type integer: \"\(cut)\"\nDETAIL: Key (code)=(\(cut)) already exists.")
        #expect(TerminalText.message("project \"X\u{1B}[2J\" not found\nhint: check") == "project \"X\\u{1B}[2J\" not found\nhint: check")
        #expect(TerminalText.message("short \"abc\" (x, y)") == "short \"abc\" (x, y)")
        // An unclosed quote is cut at its line's end.
        #expect(TerminalText.message("bad \"" + long + "\nnext") == "bad \"" + cut + "\nnext")
        // The cut is the loader's: CellText.quoteLimit characters.
        let limit = String(repeating: "长", count: CellText.quoteLimit)
        #expect(TerminalText.message("\"\(limit)\" \"\(limit)长\"") == "\"\(limit)\" \"\(limit)…\"")
    }
}

/// Issue 14.5: one record per block (psql's `\x`), aligned by display width, escaped, and chosen by width.
@Suite("table records layout")
struct RecordLayoutTests {
    static let result = ReportResult(
        name: "funding",
        columns: [ReportColumn("district", "区县", .text), ReportColumn("paid", "已付金额", .money, total: .sum)],
        rows: [["姑苏区", "600000.00"], ["龙岗\u{1B}[2J区", "200000"]], asOf: "2026-11-21")

    @Test("records: -[ RECORD n ]- then header | value, headers padded by display width, totals last, control characters escaped")
    func records() {
        let lines = Self.result.table(.zh, layout: .on).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.filter { !$0.hasPrefix("-[") } == ["区县     | 姑苏区", "已付金额 | 600000.00", "区县     | 龙岗\\u{1B}[2J区",
                                                          "已付金额 | 200000.00", "区县     | 合计", "已付金额 | 800000.00", ""])
        #expect(lines.filter { $0.hasPrefix("-[") }.map { $0.prefix { $0 != "-" || true }.replacing(/-+$/, with: "") }
                == ["-[ 第 1 条 ]", "-[ 第 2 条 ]", "-[ 第 3 条 ]"])
        #expect(Set(lines.filter { $0.hasPrefix("-[") }.map(DisplayWidth.of)).count == 1, "every record line is as wide")
        #expect(Self.result.table(.en, layout: .on).contains("\ndistrict | 姑苏区\npaid     | 600000.00\n"))
    }

    @Test("auto: records only when the columns are wider than the width; no width, never")
    func auto() {
        let columns = Self.result.table(.zh)
        #expect(Self.result.table(.zh, layout: .auto, width: nil) == columns)
        #expect(Self.result.table(.zh, layout: .auto, width: 80) == columns)
        #expect(Self.result.table(.zh, layout: .auto, width: 20).hasPrefix("-[ 第 1 条 ]"))
        #expect(Self.result.table(.zh, layout: .off, width: 20) == columns)
    }

    @Test("--columns: the fields named, in that order")
    func selecting() {
        let picked = Self.result.selecting(["paid"])
        #expect(picked.columns.map(\.key) == ["paid"])
        #expect(picked.totals(.en) == ["800000.00"], "a first column with a total keeps it")
        #expect(picked.json() == "[\n  {\"paid\": \"600000.00\"},\n  {\"paid\": \"200000.00\"}\n]\n")
    }

    @Test("a message of SQL (report.said) in both languages: arguments filled, codes labelled, lists joined")
    func messages() {
        let cell = #"[{"message": "dossierValue", "value": {"en": "wiring", "zh": "电气线路改造"}}, {"message": "dossierPaid", "amount": "0.00"}]"#
        #expect(ReportMessageText.render(cell, .en) == "wiring, paid 0.00")
        #expect(ReportMessageText.render(cell, .zh) == "电气线路改造，已付 0.00")
        #expect(ReportMessageText.render(#"{"message": "dossierOpen"}"#, .zh) == "未解决")
        #expect(ReportMessageText.render("plain text", .zh) == "plain text")
    }
}

/// The HTML page's chart and print stylesheet (issue 14): exact bar values, the three measures, the cap on
/// labels, and CSS strings that stay CSS whether the page is read as XML or HTML.
@Suite("HTML page: charts and print stylesheet")
struct HTMLPageTests {
    /// The texts of the SVG's elements of a class, in order.
    func texts(_ page: String, class name: String) -> [String] {
        page.matches(of: /<text class="([a-z]+)"[^>]*>([^<]*)<\/text>/).filter { $0.output.1 == name }.map { String($0.output.2) }
    }

    @Test("stacked: one bar per label, rows of a label added exactly; grouped: a bar per series; count: rows per label")
    func measures() throws {
        let columns = [ReportColumn("kind", "类别", .text), ReportColumn("paid", "已付", .money), ReportColumn("owed", "未付", .money)]
        let rows: [[String?]] = [["a", "0.10", "0.20"], ["b", "1.00", nil], ["a", "0.01", "0.00"]]
        func page(_ measure: ChartSpec.Measure) -> String {
            ReportResult(name: "projects", columns: columns, rows: rows, asOf: "2026-11-21",
                         chart: ChartSpec(labelColumns: ["kind"], measure: measure, title: ("T", "图"))).html(.zh)
        }
        let stacked = page(.stacked(["paid", "owed"]))
        #expect(XMLParser(data: Data(stacked.utf8)).parse())
        #expect(texts(stacked, class: "value") == ["0.31", "1.00"])
        #expect(stacked.components(separatedBy: "<rect class=\"bar\"").count - 1 == 3, "a: paid and owed; b: paid (owed 0 draws nothing)")
        let grouped = page(.grouped(["paid", "owed"]))
        #expect(texts(grouped, class: "value") == ["0.11", "0.20", "1.00", "0.00"])
        #expect(texts(page(.count), class: "value") == ["2", "1"])
        #expect(!page(.count).contains("<rect x=\"0\""), "a count has no legend")
    }

    @Test("more than 20 labels: the 20 largest, largest first, said in the caption")
    func cap() {
        let rows: [[String?]] = (1...25).map { ["L\($0)", "\($0)"] }
        let result = ReportResult(name: "companies", columns: [ReportColumn("company", "企业", .text), ReportColumn("score", "得分", .integer)],
                                  rows: rows, asOf: "2026-11-21", chart: ChartSpec(labelColumns: ["company"], measure: .stacked(["score"]), title: ("S", "分")))
        let page = result.html(.zh)
        #expect(texts(page, class: "value") == (6...25).reversed().map(String.init))
        #expect(page.contains("<figcaption>按数值从大到小显示前 20 项（共 25 项）</figcaption>"))
        #expect(result.html(.en).contains("<figcaption>the 20 largest of 25, largest first</figcaption>"))
    }

    @Test("a grouped report's bars are labelled by the group's name, or by all its columns when it has none")
    func labels() {
        #expect(ReportCatalog.named("fund")!.chart(by: "building")?.labelColumns == ["compound_code", "building"])
        #expect(ReportCatalog.named("clearance")!.chart(by: "street")?.labelColumns == ["street"])
        #expect(ReportCatalog.named("committees")!.chart(by: "compound")?.labelColumns == ["compound"])
    }

    @Test("CSS strings: letters, digits, spaces and Chinese as they are; anything else escaped", arguments: [
        ("姑苏区 2026", "\"姑苏区 2026\""),
        ("a\"b\\c", "\"a\\22 b\\5c c\""),
        ("</style><script>&", "\"\\3c \\2f style\\3e \\3c script\\3e \\26 \""),
        ("截至：2026-11-21", "\"截至：2026\\2d 11\\2d 21\""),
        ("line\nbreak", "\"linebreak\""),
    ])
    func css(text: String, expected: String) {
        #expect(HTMLPage.css(text) == expected)
    }

    @Test("page numbers: the template's words around CSS page counters")
    func pageCounter() {
        #expect(HTMLPage.pageCounter("第 {page} 页 / 共 {pages} 页") == "\"第 \" counter(page) \" 页 \\2f  共 \" counter(pages) \" 页\"")
        #expect(HTMLPage.pageCounter("page {page} of {pages}") == "\"page \" counter(page) \" of \" counter(pages)")
    }

    @Test("the page: viewport, title block, a scrolling box around the table, no rows said")
    func page() {
        let empty = ReportResult(name: "apportion", columns: ReportCatalog.named("apportion")!.columns, rows: [], asOf: "2026-11-21",
                                 filters: ["GS2026005"])
        let page = empty.html(.zh, subject: "GS2026005 加装电梯（南环新村东苑）", issuer: "姑苏区住房和城乡建设主管部门", generatedAt: "2026-11-21 09:00:00 +0800")
        #expect(XMLParser(data: Data(page.utf8)).parse())
        #expect(page.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"))
        #expect(page.contains("<h1>分户分摊：GS2026005 加装电梯（南环新村东苑）</h1>"))
        #expect(page.contains("<li>筛选条件：GS2026005</li><li>截至：2026-11-21</li><li>发布单位：姑苏区住房和城乡建设主管部门</li><li>生成时间：2026-11-21 09:00:00 +0800</li>"))
        #expect(page.contains("<div class=\"scroll\" role=\"region\" tabindex=\"0\""))
        #expect(page.contains("<td colspan=\"5\">（无数据）</td>"))
        #expect(page.contains("thead { display: table-header-group; }"))
        #expect(page.contains("@bottom-right { content: \"第 \" counter(page)"))
        #expect(!page.contains("<svg"), "no chart without rows")
    }
}
