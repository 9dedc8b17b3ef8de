import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// `propledger rules` JSON, decoded.
struct RulesJSON {
    /// The top-level object.
    let object: [String: Any]
    /// The rules, by parameter (one each when in force).
    let rules: [String: [String: Any]]
    /// The chain's jurisdiction codes, most specific first.
    var chain: [String] { (object["chain"] as? [[String: Any]] ?? []).compactMap { $0["jurisdiction"] as? String } }

    init(_ text: String) throws {
        object = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        let list = try #require(object["rules"] as? [[String: Any]])
        var rules: [String: [String: Any]] = [:]
        for rule in list { rules[rule["parameter"] as? String ?? ""] = rule }
        self.rules = rules
    }

    /// A rule's value (nil for JSON null or a missing rule) and jurisdiction.
    func value(_ parameter: String) -> String? { rules[parameter]?["value"] as? String }
    func jurisdiction(_ parameter: String) -> String? { rules[parameter]?["jurisdiction"] as? String }
}

/// The line of a table that starts with a parameter.
func tableLine(_ output: String, _ parameter: String) -> String? {
    output.split(separator: "\n").map(String.init).first { $0.hasPrefix(parameter + " ") }
}

@Suite("propledger rules: the rules in force by jurisdiction and date, on a migrated database")
struct RulesCLITests {
    static let enabled = ConditionTrait.enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage))

    @Test("rules --help, whole output")
    func help() throws {
        let result = try CLI.run(["rules", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout == """
            OVERVIEW: Print the rules in force for a district on a date, with their sources
            (SPEC §10).

            A district follows the jurisdiction whose GB/T 2260 code prefix matches its
            code longest (11 北京, 31 上海, 3301 杭州, 33 浙江), then the national rules. Value
            none: no such limit; generally: the text says 一般, so exceeding the limit is a
            warning, not a refusal. docs/rules.md lists every row with its citation.

            USAGE: propledger rules [--db <conninfo>] [--district <code>] [--as-of <date>] [--format <format>] [--lang <lang>] [--output <file>] [--all]

            OPTIONS:
              --db <conninfo>         A libpq conninfo string or URI (default:
                                      $DATABASE_URL, else the PG* variables).
              --district <code>       The district (6-digit GB/T 2260 code; 2 or 4 digits
                                      for a province or city). Default: the national rules.
              --as-of <date>          The day whose rules apply, YYYY-MM-DD (default:
                                      today).
              --format <format>       table, csv or json. (default: table)
              --lang <lang>           Language of headers, labels and messages: en or zh
                                      (default: PROPLEDGER_LANG, else the locale).
              -o, --output <file>     Write to this file instead of standard output (a new
                                      file, or a regular file replaced whole; exit 73
                                      otherwise).
              --all                   Every rule row of every jurisdiction and date instead
                                      of those in force.
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }

    @Test("usage errors exit 64 before connecting, and say what is wrong", arguments: [
        (["rules", "--as-of", "2021-02-30"], "--as-of 2021-02-30 is not a day: February 2021 has 28 days (not 30)"),
        (["rules", "--as-of", "2021-13-01"], "--as-of 2021-13-01"),
        (["rules", "--as-of", "21-05-01"], "write it as YYYY-MM-DD"),
        (["rules", "--as-of", "today"], "--as-of today"),
        (["rules", "--district", "3301x6"], "--district 3301x6: give a GB/T 2260 code of 6 digits"),
        (["rules", "--district", "12345"], "--district 12345"),
        (["rules", "--format", "html"], "--format html: use table, csv or json"),
        (["rules", "--lang", "fr"], "--lang fr: use en or zh"),
        (["rules", "--all", "--as-of", "2024-01-01"], "--all lists every row"),
    ])
    func usage(arguments: [String], message: String) throws {
        // No database at all: the check comes first.
        var environment = ProcessInfo.processInfo.environment
        environment["DATABASE_URL"] = "host=/nonexistent dbname=none"
        let result = try CLI.run(arguments, environment: environment)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test("national defaults: the chain is national alone; 5–11 members, ≤ 5 years, 90 days; the vote law by date", enabled)
    func national() throws {
        let database = try ScratchDatabase(template: .migrated)
        let json = try CLI.run(["rules", "--as-of", "2024-06-01", "--format", "json"], environment: database.environment)
        #expect(json.status == 0, "\(json.stderr)")
        let rules = try RulesJSON(json.stdout)
        #expect(rules.chain == ["national"])
        #expect(rules.object["as_of"] as? String == "2024-06-01")
        #expect(rules.object["district"] is NSNull)
        #expect(Set(rules.rules.values.compactMap { $0["jurisdiction"] as? String }) == ["national"])
        #expect(rules.value("owners_committee.members_min") == "5")
        #expect(rules.value("owners_committee.members_max") == "11")
        #expect(rules.value("owners_committee.term_max_years") == "5")
        #expect(rules.value("committee.reelection_lead_days") == "90")
        #expect(rules.value("vote.law") == "civil_code_278")
        #expect(rules.value("vote.quorum") == ">=2/3")
        // No national row: the parameter does not apply (Beijing's 物管会 rules are not national).
        #expect(rules.rules["management_committee.members_min"] == nil)

        let table = try CLI.run(["rules", "--as-of", "2020-06-01"], environment: database.environment)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.hasPrefix("National rules in force on 2020-06-01 (--district CODE shows a district's).\n"))
        // Before 2021: the Property Law, with no quorum (NULL prints as none).
        let law = try #require(tableLine(table.stdout, "vote.law"))
        #expect(law.contains("property_law_76") && law.contains("Property Law, Art. 76"))
        let quorum = try #require(tableLine(table.stdout, "vote.quorum"))
        #expect(quorum.contains(" none ") && quorum.contains("2007-10-01"))
    }

    @Test("北京 110105: no upper limit on members, re-election 180 days ahead (Art. 49), a 一般 term for 物管会", enabled)
    func beijing() throws {
        let database = try ScratchDatabase(template: .migrated)
        let result = try CLI.run(["rules", "--district", "110105", "--as-of", "2024-06-01"], environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Rules in force on 2024-06-01 for 110105: 110105 → Beijing (11) → national\n"))
        let members = try #require(tableLine(result.stdout, "owners_committee.members_max"))
        #expect(members.contains(" none ") && members.contains("Beijing (11)") && members.contains("Art. 39"), "\(members)")
        let lead = try #require(tableLine(result.stdout, "committee.reelection_lead_days"))
        #expect(lead.contains(" 180 ") && lead.contains("Beijing Regulations, Art. 49"), "\(lead)")
        let term = try #require(tableLine(result.stdout, "management_committee.term_max_years"))
        #expect(term.contains(" 3 ") && term.contains(" generally ") && term.contains("Art. 58"), "\(term)")
        // What Beijing leaves out follows national.
        let odd = try #require(tableLine(result.stdout, "owners_committee.members_odd"))
        #expect(odd.contains("national") && odd.contains("Guidance rules, Art. 31"))

        let json = try RulesJSON(try CLI.run(["rules", "--district", "110105", "--as-of", "2024-06-01", "--format", "json"],
                                             environment: database.environment).stdout)
        #expect(json.chain == ["11", "national"])
        #expect(json.rules["owners_committee.members_max"]?["value"] is NSNull)
        #expect(json.jurisdiction("owners_committee.members_max") == "11")
        #expect(json.value("committee.reelection_lead_days") == "180")
        #expect(json.rules["management_committee.term_max_years"]?["general"] as? Bool == true)
        #expect(json.rules["owners_committee.members_min"]?["general"] as? Bool == false)
    }

    @Test("上海 310104: the local rows apply from 2021-05-01, not the day before", enabled)
    func shanghaiByDate() throws {
        let database = try ScratchDatabase(template: .migrated)
        func rules(_ day: String) throws -> RulesJSON {
            let result = try CLI.run(["rules", "--district", "310104", "--as-of", day, "--format", "json"], environment: database.environment)
            #expect(result.status == 0, "\(result.stderr)")
            return try RulesJSON(result.stdout)
        }
        let before = try rules("2021-04-30"), after = try rules("2021-05-01")
        #expect(before.chain == ["31", "national"] && after.chain == ["31", "national"])
        #expect(Set(before.rules.values.compactMap { $0["jurisdiction"] as? String }) == ["national"])
        #expect(before.value("owners_committee.members_max") == "11")
        #expect(before.value("committee.reelection_lead_days") == "90")
        #expect(before.rules["owners_committee.term_min_years"] == nil)
        #expect(before.value("fund.emergency_categories") == nil && before.jurisdiction("fund.emergency_categories") == "national")

        #expect(after.jurisdiction("owners_committee.members_max") == "31")
        #expect(after.rules["owners_committee.members_max"]?["value"] is NSNull)
        #expect(after.value("owners_committee.term_min_years") == "3")
        #expect(after.value("committee.reelection_lead_days") == "150")
        #expect(after.value("fund.emergency_categories") == "water_supply_failure,elevator_stopped,fire_facility_failure,roof_or_wall_leak,falling_hazard")
        #expect(after.rules["owners_committee.term_min_years"]?["source_en"] as? String == "Shanghai Provisions, Art. 20 (a term of 3 to 5 years)")
    }

    @Test("--lang zh: Chinese headers, descriptions, jurisdiction names and sources; none as 不设, generally as 一般", enabled)
    func chinese() throws {
        let database = try ScratchDatabase(template: .migrated)
        let result = try CLI.run(["rules", "--district", "110105", "--as-of", "2024-06-01", "--lang", "zh"], environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("2024-06-01 适用于 110105 的规则：110105 → 北京市 (11) → 全国\n"))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("参数") })
        for word in ["值", "一般", "适用地区", "施行日期", "说明", "依据"] { #expect(header.contains(word), "\(header)") }
        let members = try #require(tableLine(result.stdout, "owners_committee.members_max"))
        #expect(members.contains(" 不设 ") && members.contains("北京市 (11)")
                && members.contains("业主委员会委员人数上限（空：不设上限）")
                && members.contains("北京市物业管理条例 第三十九条（五人以上单数，不设上限）"), "\(members)")
        let lead = try #require(tableLine(result.stdout, "committee.reelection_lead_days"))
        #expect(lead.contains("任期届满前应启动换届的天数") && lead.contains("北京市物业管理条例 第四十九条"))
        let term = try #require(tableLine(result.stdout, "management_committee.term_max_years"))
        #expect(term.contains(" 一般 ") && term.contains("北京市物业管理条例 第五十八条（一般不超过三年）"))
        let odd = try #require(tableLine(result.stdout, "owners_committee.members_odd"))
        #expect(odd.contains("全国") && odd.contains("业主大会和业主委员会指导规则 第三十一条"))
        // No English words of the data in a Chinese listing.
        #expect(!result.stdout.contains("Beijing") && !result.stdout.contains("Art. ") && !result.stdout.contains(" none "))

        let csv = try CLI.run(["rules", "--district", "110105", "--as-of", "2024-06-01", "--lang", "zh", "--format", "csv"],
                              environment: database.environment)
        #expect(csv.stdout.hasPrefix("\u{FEFF}参数,值,一般,适用地区,施行日期,说明,依据\r\n"))
        #expect(csv.stdout.contains("committee.reelection_lead_days,180,,北京市 (11),2020-05-01,任期届满前应启动换届的天数,北京市物业管理条例 第四十九条\r\n"))
    }

    @Test("JSON keys are English whatever the language; every field in both languages", enabled)
    func jsonKeys() throws {
        let database = try ScratchDatabase(template: .migrated)
        let outputs = try ["en", "zh"].map { lang in
            try CLI.run(["rules", "--district", "330106", "--as-of", "2024-06-01", "--format", "json", "--lang", lang],
                        environment: database.environment)
        }
        #expect(outputs[0].stdout == outputs[1].stdout)
        let json = try RulesJSON(outputs[0].stdout)
        #expect(Set(json.object.keys) == ["district", "district_name", "as_of", "chain", "rules"])
        #expect(json.chain == ["3301", "33", "national"])
        let keys: Set<String> = ["parameter", "value", "general", "jurisdiction", "jurisdiction_zh", "jurisdiction_en", "effective_from",
                                 "description_en", "description_zh", "source_zh", "source_en"]
        #expect(!json.rules.isEmpty)
        for rule in json.rules.values { #expect(Set(rule.keys) == keys) }
        let term = try #require(json.rules["management_committee.term_max_years"])
        #expect(term["jurisdiction_zh"] as? String == "杭州市" && term["jurisdiction_en"] as? String == "Hangzhou")
        #expect(term["source_zh"] as? String == "杭州市物业管理条例 第四十一条（一般不超过二年）")
        #expect(term["value"] as? String == "2" && term["general"] as? Bool == true)
    }

    @Test("an unknown code gets the national chain, and the header says so; a known district is named", enabled)
    func unknownAndNamedDistrict() throws {
        let database = try ScratchDatabase(template: .migrated)
        let unknown = try CLI.run(["rules", "--district", "990101", "--as-of", "2024-06-01"], environment: database.environment)
        #expect(unknown.status == 0, "\(unknown.stderr)")
        #expect(unknown.stdout.hasPrefix("Rules in force on 2024-06-01 for 990101: 990101 → national (no local jurisdiction matches this code: the national rules apply)\n"))
        let zh = try CLI.run(["rules", "--district", "990101", "--as-of", "2024-06-01", "--lang", "zh"], environment: database.environment)
        #expect(zh.stdout.hasPrefix("2024-06-01 适用于 990101 的规则：990101 → 全国（没有与此代码匹配的地方规则，适用全国规则）\n"))

        try database.connect().execute("INSERT INTO ledger.districts (district_code, name) VALUES ('330106', '西湖区')")
        let named = try CLI.run(["rules", "--district", "330106", "--as-of", "2024-06-01"], environment: database.environment)
        #expect(named.stdout.hasPrefix("Rules in force on 2024-06-01 for 330106 西湖区: 330106 西湖区 → Hangzhou (3301) → Zhejiang (33) → national\n"))
    }

    @Test("--all lists every row of report.rules; -o writes it to a file", enabled)
    func all() throws {
        let database = try ScratchDatabase(template: .migrated)
        let count = try database.connect().query("SELECT count(*)::integer AS n FROM report.rules") { try $0.decode("n", as: Int.self) }[0]
        let json = try CLI.run(["rules", "--all", "--format", "json"], environment: database.environment)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(object["rules"] as? [[String: Any]])
        #expect(rows.count == count)
        // Both vote laws, though only one is in force on any day.
        #expect(rows.filter { $0["parameter"] as? String == "vote.law" }.compactMap { $0["value"] as? String } == ["property_law_76", "civil_code_278"])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pl-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("rules.csv")
        let written = try CLI.run(["rules", "--all", "--format", "csv", "-o", file.path], environment: database.environment)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        let csv = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}jurisdiction,parameter,effective_from,value,general,description,source\r\n"))
        #expect(csv.components(separatedBy: "\r\n").count == count + 2)
        #expect(csv.contains("Hangzhou (3301),management_committee.term_max_years,2022-03-01,2,generally,"))
        let table = try CLI.run(["rules", "--all"], environment: database.environment)
        #expect(table.stdout.hasPrefix("Every rule row (\(count)), by jurisdiction and effective date."))
    }

    @Test("a reader login role runs it (the report schema alone); a role of no PropLedger group is told what to ask for", enabled)
    func readerRole() throws {
        let database = try ScratchDatabase(template: .migrated)
        let reader = try database.loginRole(prefix: "pl_rules_reader", in: "propledger_reader")
        defer { reader.drop() }
        let result = try CLI.run(["rules", "--district", "330106", "--as-of", "2024-06-01"], environment: reader.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Rules in force on 2024-06-01 for 330106: 330106 → Hangzhou (3301) → Zhejiang (33) → national\n"))
        #expect(tableLine(result.stdout, "management_committee.term_max_years")?.contains("generally") == true)
        let all = try CLI.run(["rules", "--all", "--format", "json"], environment: reader.environment)
        #expect(all.status == 0, "\(all.stderr)")

        let stranger = try database.loginRole(prefix: "pl_rules_none", in: nil)
        defer { stranger.drop() }
        let refused = try CLI.run(["rules"], environment: stranger.environment)
        #expect(refused.status == 77, "\(refused.stderr)")
        #expect(refused.stderr.contains("propledger_reader"))
    }
}
