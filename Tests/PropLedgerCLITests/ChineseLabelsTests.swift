import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

extension SampleLedger {
    /// `report NAME` with what the report needs on the sample: its positional arguments, `--compound`, and
    /// `--as-of 2026-11-21` where it takes one (its default grouping).
    static func reportArguments(_ definition: ReportDefinition) -> [String] {
        var arguments = ["report", definition.name]
        for name in definition.positionalNames {
            switch name {
            case "PROJECT": arguments.append("GS2026002")
            case "CODE": arguments.append("GS015")
            case "COMPOUND": arguments.append("GS011")
            case "BUILDING": arguments.append("1")
            case "UNIT": arguments.append("101")
            case "TABLE": arguments.append("compounds")
            case "KEY…", "KEY": arguments.append("GS011")
            default: Issue.record("no sample value for the argument \(name) of report \(definition.name)")
            }
        }
        if definition.options.contains(.compound) { arguments += ["--compound", "GS009"] }
        if definition.options.contains(.asOf) { arguments += ["--as-of", "2026-11-21"] }
        return arguments
    }
}

/// Issue 14, complete Chinese: every report of the catalogue, run on the sample with `--lang zh`, shows the
/// Chinese label of each enumerated value (the labels of `report.labels`), and its JSON keeps the codes.
@Suite("report --lang zh: enumeration labels instead of codes, on every report of the sample",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct ChineseLabelsTests {
    /// The arguments of a report on the sample, once per grouping.
    static func invocations(_ definition: ReportDefinition) -> [(by: String?, arguments: [String])] {
        let arguments = SampleLedger.reportArguments(definition)
        if definition.groupings.isEmpty { return [(nil, arguments)] }
        return definition.groupings.map { ($0.name, arguments + ["--by", $0.name]) }
    }

    /// The records of a CSV the report wrote (BOM, RFC 4180 quotes, CRLF), header first.
    static func records(_ csv: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = "", quoted = false, afterQuote = false
        for character in csv.hasPrefix("\u{FEFF}") ? String(csv.dropFirst()) : csv {
            if quoted {
                if character == "\"" { quoted = false; afterQuote = true } else { field.append(character) }
                continue
            }
            switch character {
            case "\"": if afterQuote { field.append("\"") }; quoted = true
            case ",": record.append(field); field = ""
            case "\r\n", "\n": record.append(field); records.append(record); record = []; field = ""
            default: field.append(character)
            }
            afterQuote = false
        }
        return records
    }

    @Test("every labelled column of every report: a label (or a value that is no code) in zh CSV, the code in JSON")
    func everyReportInChinese() throws {
        let database = try SampleLedger.load()
        let sources = Set(ReportCatalog.all.flatMap { definition in
            (definition.groupings.isEmpty ? [nil] : definition.groupings.map(\.name)).flatMap { definition.columns(by: $0) }
        }.flatMap(\.labels))
        let labels = try ReportRunner.labels(of: sources, on: database.connect())
        for source in sources { #expect(!(labels[source] ?? [:]).isEmpty, "report.labels has no labels for \(source)") }
        var labelled: Set<String> = []
        for definition in ReportCatalog.all {
            for (by, arguments) in Self.invocations(definition) {
                let csv = try CLI.run(arguments + ["--lang", "zh", "--format", "csv"], environment: database.environment)
                let json = try CLI.run(arguments + ["--lang", "zh", "--format", "json"], environment: database.environment)
                #expect(csv.status == 0 && json.status == 0, "\(arguments): \(csv.stderr)\(json.stderr)")
                let columns = definition.columns(by: by)
                let rows = Array(Self.records(csv.stdout).dropFirst())
                let objects = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
                #expect(rows.count == objects.count, "\(arguments)")
                for (index, column) in columns.enumerated() {
                    guard !column.labels.isEmpty else { continue }
                    let codes = column.labels.reversed().reduce(into: [String: String]()) { $0.merge(labels[$1] ?? [:]) { $1 } }
                    for (row, object) in zip(rows, objects) {
                        let cell = row[index], value = object[column.key] as? String
                        #expect(codes[cell] == nil, "\(arguments): \(column.key) prints the code \(cell) in Chinese")
                        if let value, let label = codes[value] {
                            #expect(cell == label, "\(arguments): \(column.key) \(value) is \(cell), not \(label)")
                            labelled.insert("\(definition.name).\(column.key)")
                        } else {
                            #expect(cell == value ?? "", "\(arguments): \(column.key) \(value ?? "null") is shown as \(cell)")
                        }
                    }
                }
            }
        }
        // The sample has a code in each labelled column, so each was seen labelled (and kept a code in JSON).
        #expect(labelled == ["clearance.community_type", "projects.category", "projects.status", "projects.vote_status", "funding.source",
                             "fund-unit.kind", "expiring.kind", "expiring.party", "votes.matter", "votes.counted_from", "votes.law",
                             "compound.section", "anomalies.kind", "history.operation", "loads.kind", "loads.status"])
    }
}

/// Issue 14, "--lang zh is complete": every report (each grouping), the dossier, anomalies, votes, loads, history,
/// vote check, rules, report --list and a few refusals, run on the sample in table, CSV and HTML with --lang zh,
/// print no English words but codes, data and names; in English they print no Chinese but data.
@Suite("--lang zh prints no English sentence or code word; English prints no Chinese of its own",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct CompleteChineseTests {
    /// Words that may stand in Chinese output: the product's name, HTML's own markup and CSS words are cut
    /// before (`words`), codes of the key column of anomalies (a funding source names the share), the login
    /// role of the loads and history reports, the dossier's reference of compound interest.
    static let allowed: Set<String> = Set(["PropLedger", "SHA", "m²", "postgres", "company", "compound", "government", "owners",
                                       "co_building", "community_fund", "maintenance_fund", "propledger", "report", "list", "by", "o", "m",
                                       "unit", "building", "street", "community", "settings", "PROJECT", "CODE", "COMPOUND", "BUILDING", "UNIT",
                                       "TABLE", "KEY", "city", "clearence", "distrct"])
        .union(ReportCatalog.all.map(\.name)).union(ReportCatalog.all.flatMap { $0.name.split(separator: "-").map(String.init) })

    /// The ASCII words of a text that are not codes: no digit, not an option, not part of a file name, a
    /// hexadecimal digest or a code with an underscore, and not a column's field name (JSON name) of `fields`.
    static func englishWords(_ text: String, fields: Set<String>) -> [String] {
        var text = text
        // HTML markup, file names, options, digests and codes.
        for pattern in [#"<style>[\s\S]*?</style>"#, #"<[^>]*>"#, #"\S+\.(csv|xlsx|sql)"#, #"--?[a-z][a-z-]*"#, #"\b[0-9a-f]{12,}\b"#,
                        #"\b[a-z_]+\.[a-z_.]+\b"#, #"\b[A-Za-z]*[0-9_][A-Za-z0-9_…]*\b"#, #"&[a-z]+;"#] {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text.matches(of: /[A-Za-z]+/).map { String($0.output) }.filter {
            !allowed.contains($0) && !fields.contains($0) && !($0.count <= 2 && $0 == $0.uppercased())
        }
    }

    @Test("every report, the dossier, anomalies, vote check, rules and refusals: no English under zh, no Chinese words of ours under en")
    func complete() throws {
        let database = try SampleLedger.load()
        let fields = Set(ReportCatalog.all.flatMap { definition in
            (definition.groupings.isEmpty ? [nil] : definition.groupings.map(\.name)).flatMap { definition.columns(by: $0).map(\.key) }
        } + ["doctype", "html", "DOCTYPE"])
        var runs: [[String]] = []
        for definition in ReportCatalog.all {
            for (_, arguments) in ChineseLabelsTests.invocations(definition) {
                for format in ["table", "csv", "html"] { runs.append(arguments + ["--format", format]) }
            }
        }
        runs += [["report", "--list"], ["rules", "--district", "320508"], ["report", "projects", "--records", "on", "--as-of", "2026-11-21"]]
        for arguments in runs {
            let zh = try CLI.run(arguments + ["--lang", "zh"], environment: database.environment)
            #expect(zh.status == 0, "\(arguments): \(zh.stderr)")
            let english = Self.englishWords(zh.stdout, fields: fields)
            #expect(english.isEmpty, "\(arguments) --lang zh prints English: \(Set(english).sorted())")
        }
        // Refusals and vote check under zh.
        let refusals: [[String]] = [["report", "clearance", "--by", "city"], ["report", "clearence"], ["report", "apportion"],
                                    ["report", "clearance", "--district", "999999"], ["report", "funding", "--columns", "distrct"],
                                    ["report", "clearance", "--district", "12"]]
        for arguments in refusals {
            let zh = try CLI.run(arguments + ["--lang", "zh"], environment: database.environment)
            #expect(zh.status == 64, "\(arguments): \(zh.stderr)")
            // The parser's own frame (Error:, Usage:, See …) is ArgumentParser's; the sentence is ours.
            let sentence = zh.stderr.split(separator: "\n").first.map(String.init) ?? ""
            let english = Self.englishWords(sentence.replacingOccurrences(of: "Error:", with: ""), fields: fields)
            #expect(english.isEmpty, "\(arguments) --lang zh says in English: \(sentence)")
        }
        let vote = try CLI.run(["vote", "check", "--lang", "zh", "--matter", "use_fund", "--held-on", "2026-03-01", "--total-area", "1000",
                                "--total-owners", "10", "--participating-area", "800", "--participating-owners", "8",
                                "--approving-area", "400", "--approving-owners", "4"], environment: database.environment)
        #expect(vote.status == 1)
        #expect(Self.englishWords(vote.stdout, fields: fields).isEmpty, "\(vote.stdout)")
        #expect(vote.stdout.contains("结果：未通过（未达到：同意面积；同意人数）"), "\(vote.stdout)")
        // English: the dossier and anomalies are sentences of the catalogue, no Chinese words of ours.
        for arguments in [["report", "compound", "GS011", "--as-of", "2026-11-21"], ["report", "anomalies", "--as-of", "2026-11-21"]] {
            let en = try CLI.run(arguments + ["--lang", "en"], environment: database.environment)
            #expect(en.status == 0, "\(en.stderr)")
            for word in ["管理状态", "未解决", "已核实", "预算", "超付", "截至", "合计"] {
                #expect(!en.stdout.contains(word), "\(arguments) in English prints \(word)")
            }
        }
        // --help: command summaries, the list of reports and report's options in the language.
        let help = try CLI.run(["report", "--help", "--lang", "zh"], environment: database.environment)
        #expect(help.stdout.hasPrefix("OVERVIEW: 以表格、CSV、JSON 或 HTML 输出主管部门报表"), "\(help.stdout)")
        for definition in ReportCatalog.all { #expect(help.stdout.contains("  \(definition.name): \(definition.summary.zh)")) }
        #expect(help.stdout.contains("只输出这些字段并按此顺序"))
        let top = try CLI.run(["--help"], environment: database.environment.merging(["PROPLEDGER_LANG": "zh"]) { $1 })
        #expect(top.stdout.contains("住房主管部门的物业服务监管与设施台账。") && top.stdout.contains("以表格、CSV、JSON 或 HTML 输出主管部门报表"))
        let area = try CLI.run(["vote", "check", "--lang", "zh", "--matter", "use_fund", "--total-area", "1,000", "--total-owners", "10",
                                "--participating-area", "800", "--participating-owners", "8", "--approving-area", "400",
                                "--approving-owners", "4"], environment: database.environment)
        #expect(area.status == 64 && area.stderr.hasPrefix("Error: --total-area: “1,000”不是面积：请去掉千位分隔符"), "\(area.stderr)")
        let dossier = try CLI.run(["report", "compound", "GS015", "--as-of", "2026-11-21", "--lang", "zh"], environment: database.environment)
        #expect(dossier.stdout.contains("管理状态  2026-11-21 管理情况  无人管理（没有有效的管理期）"), "\(dossier.stdout)")
        #expect(dossier.stdout.contains("房屋类型"))
    }
}

@Suite("docs/reports.md lists the labels of the codes reports make, as migration 033 has them",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct OutputLabelsDocumentTests {
    @Test("the table of docs/reports.md equals staging.output_labels, in order")
    func documented() throws {
        let database = try ScratchDatabase(template: .migrated)
        let labels = try database.connect().query(
            "SELECT kind, column_name, code, label_zh FROM staging.output_labels ORDER BY kind, column_name, position") {
            "| \(try $0.decode(at: 0, as: String.self)) | \(try $0.decode(at: 1, as: String.self)) | `\(try $0.decode(at: 2, as: String.self))` | \(try $0.decode(at: 3, as: String.self)) |"
        }
        let text = try String(contentsOf: TestEnvironment.projectRoot.appendingPathComponent("docs/reports.md"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        let heading = try #require(lines.firstIndex { $0.hasPrefix("## Labels of the codes reports make") })
        let rows = lines[heading...].drop { !$0.hasPrefix("| kind |") }.dropFirst(2).prefix { $0.hasPrefix("|") }
        #expect(Array(rows) == labels)
    }
}
