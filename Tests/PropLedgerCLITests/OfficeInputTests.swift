import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// End-to-end tests of what offices actually send (SPEC §3.1, issue 13): Chinese values, Excel's numbers and
/// dates, sheet debris, messages in the file's own words and in Chinese, and the scripting switches of
/// `load` — the built binary against a copy of the sample district.
@Suite("load: what offices send", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct OfficeInputTests {
    let database: ScratchDatabase
    let connection: Connection
    let scratch: ScratchDirectory
    var directory: URL { scratch.url }

    init() throws {
        database = try ScratchDatabase(template: .sample)
        connection = try database.connect()
        scratch = try ScratchDirectory(prefix: "pl-office")
    }

    func load(_ arguments: [String], environment extra: [String: String] = [:], input: Data? = nil) throws -> CommandResult {
        var environment = database.environment
        // The tests choose the language themselves: the machine's locale must not.
        for name in ["PROPLEDGER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] { environment.removeValue(forKey: name) }
        environment.merge(extra) { $1 }
        return try CLI.run(["load"] + arguments, environment: environment, input: input)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func text(_ query: SQLQuery) throws -> String {
        try connection.execute(query)[0].decode(at: 0, as: String.self)
    }

    // MARK: Accepted forms load to the exact value

    @Test("Chinese labels and synonyms, thousands separators, full-width digits, 1998年, 元, ¥, ㎡ and a trailing header comma load exactly")
    func chineseCompound() throws {
        let path = try file("compounds.csv", """
            小区编码,社区代码,小区名称,地址,房屋类型,建成年份,楼栋数,户数,建筑面积,
            ZX001,320508001001,测试一,某路1号,商品房,1998年,１２,"1,200","39,600.00",
            ZX002,320508001001,测试二,某路2号,保障房,２０１０年,3,４０,１２３．４５㎡,
            ZX003,320508001001,测试三,某路3号,old_village,1985,2,16,88.5 平方米

            """)
        let result = try load(["compounds", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try text("""
            SELECT string_agg(concat_ws('|', compound_code, housing_type, built_year, buildings, households, floor_area_m2), ' ' ORDER BY compound_code)
            FROM ledger.compounds WHERE compound_code LIKE 'ZX%'
            """) == "ZX001|commodity|1998|12|1200|39600.00 ZX002|affordable|2010|3|40|123.45 ZX003|old_village|1985|2|16|88.50")
    }

    @Test("dates as YYYY年M月D日, YYYY.M.D and full-width; an amount with 元 and ¥; labels of mode and basis")
    func chineseDatesAndMoney() throws {
        let path = try file("management.csv", """
            小区编码,起始日期,管理方式,统一社会信用代码,选聘方式,物业费标准,终止日期
            GS015,2026年3月5日,社区兜底,,临时指定,0.30元,２０２６．６．３０
            GS015,2026.7.1,业主自管,,业主大会选聘,￥0.5,

            """)
        let result = try load(["management", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try text("""
            SELECT string_agg(concat_ws('|', start_on, mode, basis, fee_yuan_per_m2_month, end_on), ' ' ORDER BY start_on)
            FROM ledger.management WHERE compound_code = 'GS015' AND start_on >= '2026-03-01'
            """) == "2026-03-05|fallback|appointed|0.30|2026-06-30 2026-07-01|self_managed|owners_vote|0.50")
    }

    @Test("50% is read as exactly 50: the project's percentages then sum to 120 (70 already + 50), which the rule refuses")
    func percentSign() throws {
        let path = try file("funding.csv", "project_code,source,payer,amount_yuan,percent\nGS2026004,财政,街道,,50%\n")
        let result = try load(["funding", path])
        #expect(result.status == 65)
        #expect(!result.stderr.contains("is not a percentage"), "\(result.stderr)")
        #expect(result.stderr.contains("funding percentages sum to 120.00, not 100"), "\(result.stderr)")
    }

    // MARK: Refused forms, with a hint, in both languages

    @Test("forms that would change meaning are refused with what to do in Excel, every problem of the row at once", arguments: Language.allCases)
    func refusedForms(language: Language) throws {
        let path = try file("compounds.csv", """
            小区编码,社区代码,小区名称,地址,房屋类型,建成年份,楼栋数,户数,建筑面积
            ZX101,3.20508E+11,测试,某路,别墅,1998,3,-5,1.5万
            ZX102,320508001001,测试,某路,商品房,46086,3,5,3.9E+4
            合计,,,,,,3,0,

            """)
        let result = try load(["compounds", path, "--lang", language.rawValue])
        #expect(result.status == 65)
        let expected: [String] = language == .en ? [
            "\(path):2: 社区代码: '3.20508E+11' is a code Excel turned into a number in scientific notation (its last digits are lost): in Excel format the column as text, retype the codes and save again",
            "\(path):3: 建成年份: '46086' breaks the rule: the year built is between 1900 and 2100",
            "\(path):3: 建筑面积: '3.9E+4' is in Excel's scientific notation, which has lost digits: in Excel format the column as a number with its decimals (or as text), retype the values and save again",
            "\(path):4: 小区编码: is a totals row ('合计'): delete it from the file (the ledger computes its own totals) and load again",
            "nothing loaded: fix the rows above and load again, or use --partial to load the good rows",
        ] : [
            "\(path):2: 社区代码: “3.20508E+11”是被 Excel 转成科学计数法的编码（末尾数字已丢失）：请在 Excel 中把该列设置为文本格式，重新输入编码后再保存",
            "\(path):3: 建成年份: “46086”不符合规则：建成年份应在 1900 至 2100 之间",
            "\(path):4: 小区编码: 是合计行（“合计”）：请从文件中删除该行（台账会自行汇总）后重新导入",
            "未导入任何数据：请改正上面列出的行后重新导入，或使用 --partial 只导入正确的行",
        ]
        for line in expected { #expect((result.stderr + result.stdout).contains(line), "\(line)\n--- was:\n\(result.stderr)") }
        // Row 2's code is refused before staging; row 3's three problems are all listed.
        #expect(result.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("\(path):3:") }.count == 2, "\(result.stderr)")
    }

    @Test("every problem of a row at once, named by the file's header, rules in words (no SQL)", arguments: Language.allCases)
    func everyProblemOfARow(language: Language) throws {
        let path = try file("compounds.csv", """
            小区编码,社区代码,小区名称,地址,房屋类型,建成年份,楼栋数,户数,建筑面积
            ZX201,320508001001,测试,某路,别墅,1800,-1,-5,1.5万

            """)
        let result = try load(["compounds", path], environment: language == .zh ? ["LANG": "zh_CN.UTF-8"] : [:])
        #expect(result.status == 65)
        let lines = result.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("\(path):2:") }
        let words: [String] = language == .en ? [
            "建成年份: '1800' breaks the rule: the year built is between 1900 and 2100",
            "建筑面积: '1.5万' uses a Chinese unit (万, 亿 …) that multiplies the number: write amounts in yuan, e.g. 15000 for 1.5万",
            "户数: '-5' breaks the rule: the number of households cannot be negative",
            "房屋类型: '别墅' is not one of: commodity (商品房), old_village (老新村), resettlement (动迁安置房), open_block (开放式街区), affordable (保障性住房), mixed (混合)",
            "楼栋数: '-1' breaks the rule: the number of buildings cannot be negative",
        ] : [
            "建成年份: “1800”不符合规则：建成年份应在 1900 至 2100 之间",
            "建筑面积: “1.5万”带有“万”“亿”等数量单位：请以元为单位填写，如 1.5万 写作 15000",
            "户数: “-5”不符合规则：户数不能为负数",
            "房屋类型: “别墅”不是可选的值：商品房（commodity）、老新村（old_village）、动迁安置房（resettlement）、开放式街区（open_block）、保障性住房（affordable）、混合（mixed）",
            "楼栋数: “-1”不符合规则：楼栋数不能为负数",
        ]
        #expect(lines == words.map { "\(path):2: \($0)" }, "\(result.stderr)")
        #expect(!result.stderr.contains(">="), "no SQL in a message: \(result.stderr)")
    }

    @Test("dates: an impossible day is refused as impossible, Excel's day number with a hint, anything else with the forms")
    func refusedDates() throws {
        let path = try file("management.csv", """
            compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on
            GS015,2026年2月30日,fallback,,appointed,0.30,
            GS015,46086,fallback,,appointed,0.30,
            GS015,March 5,fallback,,appointed,0.30,

            """)
        let result = try load(["management", path, "--partial"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):2: start_on: '2026年2月30日' is not a day of the calendar (no such day in that month); check the date"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):3: start_on: '46086' is Excel's day number, not a date: in Excel format the column as a date (YYYY-MM-DD) and save again"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):4: start_on: 'March 5' is not a date: write YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日"), "\(result.stderr)")
    }

    @Test("a value under the trailing nameless column is refused; the rest of the debris is ignored")
    func valueUnderNamelessColumn() throws {
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2,\nGS015,1,101,80.00,\nGS015,1,102,80.00,note\n")
        let result = try load(["units", path])
        #expect(result.status == 65)
        #expect(result.stderr == "\(path):3: row: 'note' is under a column with no header: name the column or delete the value\n", "\(result.stderr)")
    }

    // MARK: Scripting

    @Test("--summary json prints one object per file on standard output, the outcome on standard error; - reads standard input")
    func summaryJSONFromStandardInput() throws {
        let csv = Data("compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\nGS015,1,102,80.00\n".utf8)
        let result = try load(["units", "-", "--summary", "json"], input: csv)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["file"] as? String == "-")
        #expect(object["kind"] as? String == "units")
        #expect(object["rows"] as? Int == 2 && object["inserted"] as? Int == 2 && object["updated"] as? Int == 0)
        #expect(object["unchanged"] as? Int == 0 && object["rejected"] as? Int == 0)
        #expect(object["batch_id"] as? Int != nil && object["seconds"] as? Double != nil)
        #expect(Set(object.keys) == ["file", "kind", "rows", "inserted", "updated", "unchanged", "rejected", "batch_id", "seconds"])
        let again = try load(["units", "-", "--quiet"], input: csv)
        #expect(again.status == 0 && again.stdout.isEmpty && again.stderr.isEmpty, "\(again.stdout)\(again.stderr)")
    }

    @Test("PROPLEDGER_LANG=zh: the summary and the --rejects reasons are Chinese; --lang en overrides it")
    func chineseRejectsFile() throws {
        let path = try file("units.csv", "楼栋,小区编码,房号,建筑面积\n1,GS015,101,80.00\n1,GS015,102,-3\n")
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let result = try load(["units", path, "--partial", "--rejects", rejects], environment: ["PROPLEDGER_LANG": "zh"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("\(path)：2 行：新增 1，更新 0，未变 0，退回 1"), "\(result.stdout)")
        let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: rejects)), as: UTF8.self)
        #expect(written == "\u{FEFF}楼栋,小区编码,房号,建筑面积,_line,_reason\r\n1,GS015,102,-3,3,建筑面积: “-3.00”不符合规则：房屋的建筑面积应大于 0\r\n", "\(written)")
        let english = try load(["units", path, "--dry-run", "--lang", "en"], environment: ["PROPLEDGER_LANG": "zh"])
        #expect(english.stderr.contains("建筑面积: '-3.00' breaks the rule: a unit's floor area is more than 0"), "\(english.stderr)")
    }

    // MARK: One source for the labels

    @Test("docs/load-formats.md prints exactly the label table of the database (staging.value_labels and value_synonyms)")
    func docsLabelTable() throws {
        let docs = try String(contentsOf: TestEnvironment.projectRoot.appendingPathComponent("docs/load-formats.md"), encoding: .utf8)
        let begin = "<!-- labels: generated from staging.value_labels; OfficeInputTests keeps them equal -->\n"
        let end = "<!-- end of labels -->"
        let start = try #require(docs.range(of: begin))
        let stop = try #require(docs.range(of: end, range: start.upperBound..<docs.endIndex))
        let printed = String(docs[start.upperBound..<stop.lowerBound])
        #expect(printed == (try labelSection()), "docs/load-formats.md's labels differ from the database: regenerate them from labelSection's query")
    }

    /// The docs' label section as the database says it: one table per kind and column.
    func labelSection() throws -> String {
        let rows = try connection.query("""
            SELECT l.kind, l.column_name, c.label_zh AS column_zh, l.code, l.label_zh,
                   coalesce((SELECT string_agg(s.synonym, '、' ORDER BY s.synonym COLLATE "C") FROM staging.value_synonyms AS s
                             WHERE (s.kind, s.column_name, s.code) = (l.kind, l.column_name, l.code)), '') AS synonyms
            FROM staging.value_labels AS l
            JOIN staging.load_columns AS c USING (kind, column_name)
            JOIN staging.load_kinds AS k USING (kind)
            ORDER BY k.load_order, c.position, l.position
            """) { row in
            (kind: try row.decode("kind", as: String.self), column: try row.decode("column_name", as: String.self),
             columnZh: try row.decode("column_zh", as: String.self), code: try row.decode("code", as: String.self),
             label: try row.decode("label_zh", as: String.self), synonyms: try row.decode("synonyms", as: String.self))
        }
        var text = ""
        var current = ""
        for row in rows {
            if "\(row.kind).\(row.column)" != current {
                current = "\(row.kind).\(row.column)"
                text += "\n#### \(row.kind).\(row.column) (\(row.columnZh))\n\n| code | 中文 | also read (同义词) |\n|---|---|---|\n"
            }
            text += "| `\(row.code)` | \(row.label) | \(row.synonyms) |\n"
        }
        return text + "\n"
    }

    @Test("every CHECK rule of a loadable table is an enumeration with labels or has its words in both languages (RuleWords)")
    func everyRuleHasWords() throws {
        let rules = try connection.query("""
            SELECT k.kind, c.conname::text AS name, cardinality(c.conkey) AS columns,
                   EXISTS (SELECT 1 FROM staging.value_labels AS l JOIN pg_catalog.pg_attribute AS a ON a.attname = l.column_name
                           WHERE l.kind = k.kind AND a.attrelid = c.conrelid AND a.attnum = c.conkey[1]) AS labelled
            FROM pg_catalog.pg_constraint AS c JOIN staging.load_kinds AS k ON c.conrelid = ('ledger.' || k.kind)::regclass
            WHERE c.contype = 'c' ORDER BY 1, 2
            """) { (name: try $0.decode("name", as: String.self), columns: try $0.decode("columns", as: Int.self),
                    labelled: try $0.decode("labelled", as: Bool.self)) }
        #expect(rules.count > 60)
        for rule in rules where !(rule.columns == 1 && rule.labelled) {
            #expect(RuleWords.rules[rule.name] != nil, "no words for \(rule.name)")
        }
    }
}
