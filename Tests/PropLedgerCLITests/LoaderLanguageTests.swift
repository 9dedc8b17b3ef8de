import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// Issue 13, session 5: every message a load prints in the user's language (district and scope, keys and
/// periods, project and committee rules, files that cannot be read, "… and N more"), every problem of a row
/// refused before staging, each file's counts as soon as it is checked, standard input recorded as `(stdin)`,
/// .xlsm read and .xls refused — the built binary against a copy of the sample district (OfficeInputTests' own).
extension OfficeInputTests {
    /// `propledger load` as another role (a scoped loader), the language left to the arguments.
    func load(as role: [String: String], _ arguments: [String]) throws -> CommandResult {
        var environment = role
        for name in ["PROPLEDGER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] { environment.removeValue(forKey: name) }
        return try CLI.run(["load"] + arguments, environment: environment)
    }

    func file(_ name: String, bytes: Data) throws -> String {
        let url = directory.appendingPathComponent(name)
        try bytes.write(to: url)
        return url.path
    }

    /// Runs of three or more English words in a text (letters, single spaces between them) once the commands
    /// it names (`propledger access grant`, `propledger rules`) are taken out: what a Chinese message must not hold.
    static func englishSentences(_ text: String) -> [String] {
        let commands = text.replacing(/propledger [a-z]+(?: [a-z]+)?/, with: "")
        return commands.matches(of: /[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}/).map { String($0.output) }
    }

    @Test("the English-sentence detector finds sentences, not codes, columns, paths or commands")
    func detector() {
        #expect(Self.englishSentences("/tmp/x/units.csv:2: 房屋类型: “别墅”不是可选的值：商品房（commodity）") == [])
        #expect(Self.englishSentences("请通过 propledger access grant 申请权限；或 --encoding utf8 或 --encoding gb18030") == [])
        #expect(Self.englishSentences("units.csv:2: row: it is not in the ledger") == ["it is not in the ledger"])
    }

    /// A load refused for one reason, and what it says in each language.
    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        let kind: String
        let fileName: String
        let contents: [UInt8]
        let extra: [String]
        let status: Int32
        let zh: [String]
        let en: [String]
        var testDescription: String { name }

        init(_ name: String, _ kind: String, _ fileName: String, _ text: String, bytes: [UInt8] = [], extra: [String] = [], status: Int32 = 65,
             zh: [String], en: [String]) {
            self.name = name
            self.kind = kind
            self.fileName = fileName
            contents = Array(text.utf8) + bytes
            self.extra = extra
            self.status = status
            self.zh = zh
            self.en = en
        }
    }

    static let unitsHeader = "compound_code,building,unit_no,floor_area_m2\n"

    static let refusals: [Refusal] = [
        Refusal("unknown parent", "units", "units.csv", unitsHeader + "NOPE01,1,101,50\n",
                zh: ["compound_code: 未知的小区“NOPE01”：台账中没有；如是新的，请先导入 compounds.csv，或核对编码"],
                en: ["compound_code: unknown compound 'NOPE01': it is not in the ledger; if it is new, load compounds.csv first, or check the code"]),
        Refusal("unknown host", "party_orgs", "party_orgs.csv",
                "host_type,host_key,established_on,form,formal_members,dissolved_on\ncommittee,NOPE99,2026-01-01,branch,3,\n",
                zh: ["host_key: 依托类型为 committee 的依托编码“NOPE99”未知：台账中没有；业主委员会以小区编码为依托"],
                en: ["host_key: unknown host 'NOPE99' for host_type committee: it is not in the ledger; a committee is hosted by a compound (compound_code)"]),
        Refusal("duplicate key", "units", "units.csv", unitsHeader + "GS001,9,901,50\nGS001,9,901,60\n",
                zh: [":2: compound_code: 主键（compound_code, building, unit_no）=（GS001, 9, 901）重复：第 3 行也有；每个主键只保留一行"],
                en: [":2: compound_code: duplicate key (compound_code, building, unit_no) = (GS001, 9, 901): also on line 3; keep one row per key"]),
        Refusal("unique index within the file", "clearance", "clearance.csv",
                "compound_code,identified_on,target_on,resolution,resolved_on,note\nGS001,2026-01-05,,,,a\nGS001,2026-02-05,,,,b\n",
                zh: [":2: compound_code: （GS001）与第 3 行冲突：只能有一行取这些值（clearance_one_open_case_per_compound）"],
                en: [":2: compound_code: (GS001) conflicts with line 3: only one row may have these values (clearance_one_open_case_per_compound)"]),
        Refusal("overlapping periods", "management", "management.csv",
                "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\n"
                    + "GS001,2030-01-01,fallback,,appointed,0.30,2030-12-31\nGS001,2030-06-01,fallback,,appointed,0.30,2031-06-30\n",
                zh: [":2: start_on: 与第 3 行的期间重叠：同一小区的管理期间不得重叠（SPEC §2.8）"],
                en: [":2: start_on: overlaps line 3: management periods of one compound never overlap (SPEC §2.8)"]),
        Refusal("a period overlapping the ledger's", "management", "management.csv",
                "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\nGS001,2030-01-01,fallback,,appointed,0.30,2030-12-31\n",
                zh: [":2: start_on: 与台账中已有的 2025-05-01 至 长期 的期间重叠：同一小区的管理期间不得重叠"],
                en: [":2: start_on: overlaps the one from 2025-05-01 to open-ended already in the ledger: management periods of one compound never overlap"]),
        Refusal("a project rule", "funding", "funding.csv", "project_code,source,payer,amount_yuan,percent\nGS2026004,财政,街道,,50%\n",
                zh: ["project_code: 项目 GS2026004：资金比例合计为 120.00，不是 100（funding_percents_sum_to_100）；请改正比例列，使该项目各份额合计恰为 100。"],
                en: ["project_code: project GS2026004: funding percentages sum to 120.00, not 100 (funding_percents_sum_to_100); Correct the percent column so the project's shares sum to exactly 100."]),
        Refusal("a committee rule", "committees", "committees.csv",
                "compound_code,term_start,kind,term_end,members,party_members,public_servant_members\nGS011,2030-01-01,owners_committee,2034-12-31,13,0,0\n",
                zh: ["members: 小区 GS011 自 2030-01-01 起的业主委员会有 13 名委员，最多 11 名（committees_members_at_most）；请核对委员人数", "业主大会和业主委员会指导规则"],
                en: ["members: owners_committee of GS011 from 2030-01-01 has 13 members; at most 11 are allowed (committees_members_at_most); Check members"]),
        Refusal("a committee term", "committees", "committees.csv",
                "compound_code,term_start,kind,term_end,members,party_members,public_servant_members\nGS011,2030-01-01,owners_committee,2035-01-02,5,0,0\n",
                zh: ["term_end: 小区 GS011 自 2030-01-01 起的业主委员会：任期至 2035-01-02 结束，最长 5 年（committees_term_at_most）；请将任期结束填为 2035-01-01 或之前。"],
                en: ["the term ends on 2035-01-02; at most 5 years are allowed (committees_term_at_most); Give term_end on or before 2035-01-01."]),
        Refusal("an unreadable file", "units", "missing.csv", "", status: 66,
                zh: ["文件不存在或无法读取；请检查路径"], en: ["no such file, or it cannot be read; check the path"]),
        Refusal("an undecidable encoding", "units", "units.csv", unitsHeader + "GS001,9,", bytes: [0xE4, 0xB8, 0xB0, 0xE4, 0xB8, 0xA1] + Array(",50\n".utf8),
                zh: [":2：无法判断文件是 UTF-8 还是 GB18030（从本行起两种读法都是中文）；请用 --encoding utf8 或 --encoding gb18030 导入"],
                en: [":2: cannot tell whether the file is UTF-8 or GB18030 (from this line both readings are Chinese text)"]),
        Refusal("a quote never closed", "units", "units.csv", unitsHeader + "GS001,9,\"901,50\n",
                zh: [":2：本行开始的带引号单元格没有结束引号；请检查引号"], en: [":2: a quoted cell opened on this line is never closed; check the quote marks"]),
        Refusal("a stray quote", "units", "units.csv", unitsHeader + "GS001,9,9\"01,50\n",
                zh: [":2: unit_no: 未加引号的单元格中有引号"], en: [":2: unit_no: a quote mark inside a cell that is not quoted"]),
        Refusal("an empty file", "units", "units.csv", "",
                zh: ["：文件为空；应有表头行，包含：compound_code* (小区编码)"], en: [": the file is empty; expected a header row with: compound_code* (小区编码)"]),
        Refusal("an unknown column", "units", "units.csv", "compound_code,building,unit_no,floor_area_m2,colour\nGS001,9,901,50,red\n",
                zh: ["未知的列“colour”", "应有的列（* 为主键，必填）"], en: ["unknown column \"colour\"", "Expected columns (* = key, required)"]),
        Refusal("more problems than are listed", "units", "units.csv", unitsHeader + (1...205).map { "GS001,9,\($0),x\n" }.joined(),
                zh: ["…… 另有 5 个问题；可用 --rejects OUT.csv 全部写出", "“x”不是面积"], en: ["… and 5 more; write them all with --rejects OUT.csv", "'x' is not an area"]),
    ]

    @Test("each refusal in Chinese holds no English sentence and says what to do; in English it is complete", arguments: refusals)
    func refusal(_ refusal: Refusal) throws {
        let before = try rowCounts()
        let path = refusal.contents.isEmpty && refusal.status == 66
            ? directory.appendingPathComponent(refusal.fileName).path
            : try file(refusal.fileName, bytes: Data(refusal.contents))
        for language in Language.allCases {
            let result = try load([refusal.kind, path, "--lang", language.rawValue] + refusal.extra)
            let said = result.stderr + result.stdout
            #expect(result.status == refusal.status, "\(language): \(said)")
            for expected in language == .zh ? refusal.zh : refusal.en {
                #expect(said.contains(expected), "\(language): \(expected)\n--- was:\n\(said)")
            }
            if language == .zh {
                #expect(Self.englishSentences(said.replacingOccurrences(of: path, with: "FILE")) == [], "\(said)")
            }
        }
        // The same through PROPLEDGER_LANG.
        var environment = database.environment
        environment["PROPLEDGER_LANG"] = "zh"
        let result = try CLI.run(["load", refusal.kind, path] + refusal.extra, environment: environment)
        #expect(result.stderr.contains(refusal.zh[0]), "\(result.stderr)")
        #expect(try rowCounts() == before)
    }

    @Test("a sheet that is not in the workbook, in Chinese and English")
    func sheetNotFound() throws {
        let workbook = directory.appendingPathComponent("units.xlsx")
        try FileManager.default.copyItem(at: TestEnvironment.projectRoot.appendingPathComponent("ops/sample/as-sent/xlsx/units.xlsx"), to: workbook)
        let zh = try load(["units", workbook.path, "--sheet", "Nope", "--lang", "zh"])
        #expect(zh.status == 65)
        #expect(zh.stderr.contains("没有名为“Nope”的工作表；工作表有："), "\(zh.stderr)")
        #expect(Self.englishSentences(zh.stderr.replacingOccurrences(of: workbook.path, with: "FILE")) == [], "\(zh.stderr)")
        let en = try load(["units", workbook.path, "--sheet", "Nope"])
        #expect(en.stderr.contains("no sheet named \"Nope\"; its sheets are:"), "\(en.stderr)")
    }

    @Test("a scoped loader's refusals (outside its districts, unknown in its districts) in Chinese")
    func scopeRefusals() throws {
        let gusu = try database.loginRole(prefix: "pl_gusu_lang", in: "propledger_loader", district: "320508")
        defer { gusu.drop() }
        let communities = try file("communities.csv", "community_code,street_code,name,community_type\n440307001001,440307001,别处社区,commodity\n")
        let units = try file("units.csv", Self.unitsHeader + "NOPE01,1,101,50\n")
        let companies = try file("companies.csv", "uscc,name,ownership,district_code\n91440307MA5D8YK3N1,改名物业,private,320508\n")
        for (path, zh, en) in [
            (companies, "district_code: 台账中登记在区县 440307 下，不在您所辖区县（320508）内；请交给该区县办理",
             "district_code: is in the ledger under district 440307, outside your districts (320508); send it to that district's office"),
            (communities, "community_code: 属于区县 440307，不在您所辖区县（320508）内；请交给该区县办理，或通过 propledger access grant 申请权限",
             "community_code: belongs to district 440307, outside your districts (320508); send it to that district's office"),
            (units, "compound_code: 未知的小区“NOPE01”：您所辖区县（320508）的台账中没有；如是新的，请先导入 compounds.csv；如属其他区县，请将该行交给该区县办理",
             "compound_code: unknown compound 'NOPE01': it is not in the ledger within your districts (320508); if it is new, load compounds.csv first"),
        ] {
            let kind = (path as NSString).lastPathComponent.replacingOccurrences(of: ".csv", with: "")
            let chinese = try load(as: gusu.environment, [kind, path, "--lang", "zh"])
            #expect(chinese.status == 65)
            #expect(chinese.stderr.contains(zh), "\(chinese.stderr)")
            #expect(Self.englishSentences(chinese.stderr.replacingOccurrences(of: path, with: "FILE")) == [], "\(chinese.stderr)")
            let english = try load(as: gusu.environment, [kind, path])
            #expect(english.stderr.contains(en), "\(english.stderr)")
        }
    }

    // MARK: Every problem of a row refused before staging

    @Test("a row refused before staging (a code in Excel's exponent, invisible characters) still has its other cells checked", arguments: Language.allCases)
    func everyProblemOfARefusedRow(language: Language) throws {
        let path = try file("compounds.csv", """
            小区编码,社区代码,小区名称,地址,房屋类型,建成年份,楼栋数,户数,建筑面积
            ZX301,3.20508E+11,测试,某路,别墅,1800,3,-5,1.5万
            ZX\u{200B}302,320508001001,测试,某路,商品房,2001,三,5,100
            ZX303,320508001001,测试,某路,商品房,2001,3,5
            ZX304,320508001001,测试,某路,商品房,2001,3,5,100

            """)
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let result = try load(["compounds", path, "--lang", language.rawValue, "--partial", "--rejects", rejects])
        #expect(result.status == 65)
        let lines = result.stderr.components(separatedBy: "\n")
        let row2 = lines.filter { $0.hasPrefix("\(path):2: ") }
        let row3 = lines.filter { $0.hasPrefix("\(path):3: ") }
        // Row 2: the code refused before staging, and the housing type, year, households and area too.
        #expect(Set(row2.map { $0.components(separatedBy: ": ")[1] }) == ["社区代码", "房屋类型", "建成年份", "户数", "建筑面积"], "\(result.stderr)")
        // Row 3: the invisible character in the key, and the buildings that are not a number.
        #expect(Set(row3.map { $0.components(separatedBy: ": ")[1] }) == ["小区编码", "楼栋数"], "\(result.stderr)")
        // Row 4 cannot be read (a cell missing): that alone is said.
        #expect(lines.filter { $0.hasPrefix("\(path):4: ") }.count == 1, "\(result.stderr)")
        if language == .zh {
            #expect(result.stderr.contains("“别墅”不是可选的值"), "\(result.stderr)")
            #expect(Self.englishSentences(result.stderr.replacingOccurrences(of: path, with: "FILE")) == [], "\(result.stderr)")
        } else {
            #expect(result.stderr.contains("\(path):2: 户数: '-5' breaks the rule: the number of households cannot be negative"), "\(result.stderr)")
            #expect(result.stderr.contains("\(path):3: 楼栋数: '三' is not a whole number"), "\(result.stderr)")
        }
        // Only the good row is loaded; the rejects file has each bad row once, as it was read, with every reason.
        #expect(try count("SELECT count(*) FROM ledger.compounds WHERE compound_code LIKE 'ZX%'") == 1)
        let written = try String(contentsOfFile: rejects, encoding: .utf8).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(written.count == 4, "\(written)")
        #expect(written[1].hasPrefix("ZX301,3.20508E+11,测试,某路,别墅,1800,3,-5,1.5万,2,"), "\(written[1])")
        #expect(written[1].components(separatedBy: "; ").count == 5, "\(written[1])")
    }

    // MARK: Each file's counts as it is checked

    func sampleDirectory(_ files: [(String, String)]) throws -> URL {
        let dir = directory.appendingPathComponent("dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        return dir
    }

    @Test("load --dir prints each file's checked counts in order, then the summaries, then that all was committed")
    func perFileOrder() throws {
        let dir = try sampleDirectory([
            ("compounds.csv", "compound_code,community_code,name,address,housing_type,built_year,buildings,households,floor_area_m2\n"
                + "ZX401,320508001001,测试,某路,商品房,2001,3,5,100\n"),
            ("units.csv", Self.unitsHeader + "ZX401,1,101,50\nZX401,1,102,50\nGS001,9,901,50\n"),
        ])
        let result = try load(["--dir", dir.path])
        #expect(result.status == 0, "\(result.stderr)")
        let compounds = dir.appendingPathComponent("compounds.csv").path, units = dir.appendingPathComponent("units.csv").path
        #expect(result.stdout.components(separatedBy: "\n") == [
            "\(compounds): 1 rows checked: 1 to insert, 0 to update, 0 unchanged, 0 rejected",
            "\(units): 3 rows checked: 3 to insert, 0 to update, 0 unchanged, 0 rejected",
            "\(compounds): 1 rows: 1 inserted, 0 updated, 0 unchanged, 0 rejected",
            "\(units): 3 rows: 3 inserted, 0 updated, 0 unchanged, 0 rejected",
            "committed: every file above is loaded (one transaction)",
            "",
        ], "\(result.stdout)")
        // Loaded again, in Chinese: nothing changes.
        let again = try load(["--dir", dir.path, "--lang", "zh"])
        #expect(again.stdout.hasPrefix("\(compounds)：已检查 1 行：待新增 0，待更新 0，未变 1，退回 0\n\(units)：已检查 3 行：待新增 0，待更新 0，未变 3，退回 0\n"), "\(again.stdout)")
        #expect(again.stdout.hasSuffix("已提交：以上所有文件均已导入（同一事务）\n"), "\(again.stdout)")
    }

    @Test("load --dir with a bad second file: the first file's counts, then the problem, then that nothing was kept; --summary json stays JSON")
    func perFileRolledBack() throws {
        let before = try rowCounts()
        let dir = try sampleDirectory([
            ("compounds.csv", "compound_code,community_code,name,address,housing_type,built_year,buildings,households,floor_area_m2\n"
                + "ZX501,320508001001,测试,某路,商品房,2001,3,5,100\n"),
            ("units.csv", Self.unitsHeader + "ZX501,1,101,x\n"),
        ])
        let result = try load(["--dir", dir.path])
        #expect(result.status == 65)
        let lines = result.stdout.components(separatedBy: "\n")
        #expect(lines.first == "\(dir.appendingPathComponent("compounds.csv").path): 1 rows checked: 1 to insert, 0 to update, 0 unchanged, 0 rejected", "\(result.stdout)")
        #expect(lines[1].hasSuffix("units.csv: 1 rows checked: 0 to insert, 0 to update, 0 unchanged, 1 rejected"), "\(result.stdout)")
        #expect(result.stdout.contains("rolled back: nothing was kept from any file above (one transaction)\nnothing loaded: fix the rows above"), "\(result.stdout)")
        #expect(try rowCounts() == before)

        // With --partial the good file is kept, and the last line says so.
        let partial = try load(["--dir", dir.path, "--partial"])
        #expect(partial.status == 65)
        #expect(partial.stdout.contains("committed: the good rows of every file above are loaded, the rejected ones are not (one transaction)\nloaded 1 good rows; rejected 1 rows"),
                "\(partial.stdout)")
        #expect(try count("SELECT count(*) FROM ledger.compounds WHERE compound_code = 'ZX501'") == 1)

        let json = try load(["--dir", dir.path, "--summary", "json"])
        let objects = json.stdout.split(separator: "\n")
        #expect(objects.count == 2 && objects.allSatisfy { $0.hasPrefix("{\"file\":") }, "\(json.stdout)")
        #expect(json.stderr.contains("compounds.csv: 1 rows checked"), "\(json.stderr)")
        #expect(json.stderr.contains("rolled back: nothing was kept"), "\(json.stderr)")
    }

    // MARK: Standard input

    @Test("load KIND - records (stdin) as the file and the SHA-256 of what was read; report loads shows it")
    func standardInput() throws {
        let text = Self.unitsHeader + "GS001,9,911,50\n"
        let result = try load(["units", "-"], input: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("-: 1 rows: 1 inserted"), "\(result.stdout)")
        let batch = try connection.execute("SELECT file_name AS file, sha256 FROM audit.load_batches WHERE kind = 'units' ORDER BY id DESC LIMIT 1")[0]
        #expect(try batch.decode("file", as: String.self) == "(stdin)")
        #expect(try batch.decode("sha256", as: String.self) == SHA256.hex(of: Array(text.utf8)))
        let loads = try CLI.run(["report", "loads", "--format", "csv"], environment: database.environment)
        let last = try #require(loads.stdout.split(separator: "\r\n").last { $0.contains(",units,") })
        #expect(last.contains(",units,(stdin),"), "\(last)")
        // A refused standard input is recorded as - too.
        let refused = try load(["units", "-"], input: Data((Self.unitsHeader + "GS001,9,912,x\n").utf8))
        #expect(refused.status == 65)
        #expect(try connection.execute("SELECT file_name AS file FROM audit.load_batches WHERE kind = 'units' ORDER BY id DESC LIMIT 1")[0].decode("file", as: String.self) == "(stdin)")
    }

    // MARK: .xlsm and .xls

    @Test(".xlsm written by LibreOffice (with a macro part added) loads like .xlsx; --dir takes KIND.xlsm")
    func xlsm() throws {
        let csv = try file("units.csv", Self.unitsHeader + "GS001,9,921,50\nGS001,9,922,60.5\n")
        let xlsm = try XLSXLoadTests.libreOffice(convert: URL(fileURLWithPath: csv), to: "xlsm", in: directory.appendingPathComponent("lo"))
        // A macro part, as Excel keeps one: ignored, never run.
        let zip = Process()
        zip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        zip.arguments = ["python3", "-c", "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'a') as z: z.writestr('xl/vbaProject.bin', b'\\xd0\\xcf\\x11\\xe0 not run')", xlsm.path]
        try zip.run()
        zip.waitUntilExit()
        #expect(zip.terminationStatus == 0)
        let result = try load(["units", xlsm.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try count("SELECT count(*) FROM ledger.units WHERE compound_code = 'GS001' AND building = '9' AND unit_no IN ('921', '922')") == 2)
        let dir = try sampleDirectory([])
        try FileManager.default.copyItem(at: xlsm, to: dir.appendingPathComponent("units.xlsm"))
        let again = try load(["--dir", dir.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("units.xlsm: 2 rows: 0 inserted, 0 updated, 2 unchanged"), "\(again.stdout)")
    }

    @Test(".xls (made by LibreOffice), .et and .ods are refused with a hint to save as .xlsx or CSV, in Chinese and English; so is an .xls named .csv")
    func legacySpreadsheets() throws {
        let csv = try file("units.csv", Self.unitsHeader + "GS001,9,931,50\n")
        let xls = try XLSXLoadTests.libreOffice(convert: URL(fileURLWithPath: csv), to: "xls", in: directory.appendingPathComponent("lo"))
        let renamed = directory.appendingPathComponent("renamed.csv")
        try FileManager.default.copyItem(at: xls, to: renamed)
        let ods = try file("units.ods", "not read")
        for (path, format) in [(xls.path, "Excel 97-2003 (.xls)"), (renamed.path, "Excel 97-2003 (.xls)"), (ods, "OpenDocument (.ods)")] {
            let zh = try load(["units", path, "--lang", "zh"])
            #expect(zh.status == 65)
            #expect(zh.stderr.contains("\(path)：不能导入 \(format) 文件"), "\(zh.stderr)")
            #expect(zh.stderr.contains("另存为 .xlsx"), "\(zh.stderr)")
            #expect(Self.englishSentences(zh.stderr.replacingOccurrences(of: path, with: "FILE")) == [], "\(zh.stderr)")
            let en = try load(["units", path])
            #expect(en.status == 65)
            #expect(en.stderr.contains("\(path): \(format) files cannot be loaded"), "\(en.stderr)")
            #expect(en.stderr.contains("save it as \"Excel 工作簿 (*.xlsx)\" or as \"CSV UTF-8\""), "\(en.stderr)")
        }
        // In --dir, KIND.xls is refused, not passed over.
        let dir = try sampleDirectory([])
        try FileManager.default.copyItem(at: xls, to: dir.appendingPathComponent("units.xls"))
        let inDir = try load(["--dir", dir.path])
        #expect(inDir.status == 65)
        #expect(inDir.stderr.contains("units.xls: Excel 97-2003 (.xls) files cannot be loaded"), "\(inDir.stderr)")
        #expect(try count("SELECT count(*) FROM ledger.units WHERE unit_no = '931'") == 0)
    }

    // MARK: Helpers

    func count(_ query: SQLQuery) throws -> Int {
        try connection.execute(query)[0].decode(at: 0, as: Int.self)
    }

    /// Row counts of the tables loads write.
    func rowCounts() throws -> String {
        try connection.execute("""
            SELECT concat_ws(',', (SELECT count(*) FROM ledger.compounds), (SELECT count(*) FROM ledger.units),
                             (SELECT count(*) FROM ledger.funding), (SELECT count(*) FROM ledger.committees),
                             (SELECT count(*) FROM ledger.management), (SELECT count(*) FROM ledger.clearance),
                             (SELECT count(*) FROM ledger.communities))
            """)[0].decode(at: 0, as: String.self)
    }
}
