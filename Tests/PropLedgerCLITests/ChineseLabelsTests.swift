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
        }.compactMap(\.label))
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
                    guard let source = column.label else { continue }
                    let codes = labels[source] ?? [:]
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
        #expect(labelled == ["clearance.community_type", "projects.category", "projects.status", "funding.source",
                             "fund-unit.kind", "expiring.party", "votes.matter"])
    }
}
