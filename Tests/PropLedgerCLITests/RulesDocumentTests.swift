import Foundation
import PostgresClient
import Testing
import TestSupport

/// One row of ledger.rules as docs/rules.md writes it.
struct DocumentedRule: Hashable, Comparable, CustomStringConvertible {
    let jurisdiction: String, parameter: String, effectiveFrom: String
    let value: String?
    let general: Bool
    let sourceZh: String, sourceEn: String

    var description: String {
        "\(jurisdiction) \(parameter) \(effectiveFrom) = \(value ?? "NULL")\(general ? " (一般)" : "") [\(sourceZh) | \(sourceEn)]"
    }

    static func < (lhs: DocumentedRule, rhs: DocumentedRule) -> Bool { lhs.description < rhs.description }
}

/// The listing of docs/rules.md between `<!-- rules:begin` and `<!-- rules:end -->`: the `### \`CODE\` 名称 Name`
/// headings and the rows of their tables.
struct RulesDocument {
    /// Each heading's jurisdiction code with the rest of its heading (`北京市 Beijing`), in order.
    var headings: [(code: String, names: String)] = []
    /// Every table row.
    var rules: [DocumentedRule] = []
    /// Lines of the listing that are neither a heading, a table row, a table header nor prose.
    var unreadable: [String] = []

    init(_ text: String) throws {
        let lines = text.components(separatedBy: "\n")
        let begin = try #require(lines.firstIndex { $0.hasPrefix("<!-- rules:begin") }, "docs/rules.md has no <!-- rules:begin marker")
        let end = try #require(lines.firstIndex { $0.hasPrefix("<!-- rules:end") }, "docs/rules.md has no <!-- rules:end marker")
        var jurisdiction: String?
        for line in lines[(begin + 1)..<end] {
            if line.hasPrefix("### `") {
                let rest = line.dropFirst("### `".count)
                guard let close = rest.firstIndex(of: "`") else { unreadable.append(line); continue }
                jurisdiction = String(rest[..<close])
                headings.append((jurisdiction!, String(rest[rest.index(after: close)...]).trimmingCharacters(in: .whitespaces)))
            } else if line.hasPrefix("| `") {
                var cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard cells.count == 8, cells.removeFirst().isEmpty, cells.removeLast().isEmpty, let jurisdiction else {
                    unreadable.append(line); continue
                }
                func code(_ cell: String) -> String? {
                    cell.hasPrefix("`") && cell.hasSuffix("`") && cell.count > 2 ? String(cell.dropFirst().dropLast()) : nil
                }
                guard let parameter = code(cells[0]), cells[2] == "none 不设" || code(cells[2]) != nil,
                      ["", "一般 generally"].contains(cells[3]) else { unreadable.append(line); continue }
                rules.append(DocumentedRule(jurisdiction: jurisdiction, parameter: parameter, effectiveFrom: cells[1],
                                            value: code(cells[2]), general: !cells[3].isEmpty, sourceZh: cells[4], sourceEn: cells[5]))
            } else if line.hasPrefix("|") && !line.hasPrefix("| parameter 参数 |") && !line.hasPrefix("|---") {
                unreadable.append(line)
            }
        }
    }
}

@Suite("docs/rules.md lists exactly the rows of ledger.rules")
struct RulesDocumentTests {
    @Test("every row of ledger.rules is in docs/rules.md with its value, 一般 mark and both citations, and nothing else is",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func documentMatchesTable() throws {
        let text = try String(contentsOf: TestEnvironment.projectRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        let document = try RulesDocument(text)
        #expect(document.unreadable.isEmpty, "lines of the listing the test cannot read: \(document.unreadable)")

        let database = try ScratchDatabase(template: .migrated)
        let connection = try database.connect()
        let rows = try connection.query("""
            SELECT r.jurisdiction, r.parameter, r.effective_from::text AS effective_from, r.value, r.general, r.source_zh, r.source_en
            FROM ledger.rules AS r
            """) {
            DocumentedRule(jurisdiction: try $0.decode("jurisdiction"), parameter: try $0.decode("parameter"),
                           effectiveFrom: try $0.decode("effective_from"), value: try $0.decode("value", as: String?.self),
                           general: try $0.decode("general"), sourceZh: try $0.decode("source_zh"), sourceEn: try $0.decode("source_en"))
        }
        #expect(rows.count > 50)
        let documented = Set(document.rules), stored = Set(rows)
        #expect(document.rules.count == documented.count, "a row is listed twice in docs/rules.md")
        #expect(stored.subtracting(documented).sorted().isEmpty,
                "rows of ledger.rules missing from docs/rules.md (or listed differently): \(stored.subtracting(documented).sorted())")
        #expect(documented.subtracting(stored).sorted().isEmpty,
                "rows of docs/rules.md that ledger.rules does not have: \(documented.subtracting(stored).sorted())")

        // One heading per jurisdiction (浙江 too, which has no rows yet), named as ledger.jurisdictions names it.
        let jurisdictions = try connection.query("SELECT jurisdiction, name_zh, name_en FROM ledger.jurisdictions ORDER BY jurisdiction") {
            (try $0.decode("jurisdiction", as: String.self), try $0.decode("name_zh", as: String.self) + " " + (try $0.decode("name_en", as: String.self)))
        }
        #expect(document.headings.map(\.code).sorted() == jurisdictions.map(\.0))
        for (code, names) in jurisdictions {
            #expect(document.headings.first { $0.code == code }?.names == names, "the heading of \(code) should read: ### `\(code)` \(names)")
        }
        // Each row sits under its own jurisdiction's heading (a row pasted under another heading is caught above).
    }

    @Test("the parser reads a heading, a row with none and 一般, and refuses a malformed row")
    func parser() throws {
        let document = try RulesDocument("""
            <!-- rules:begin -->
            ### `11` 北京市 Beijing
            | parameter 参数 | from 施行日期 | value 值 | 一般 | source 依据 | source (English) |
            |---|---|---|---|---|---|
            | `a.b` | 2020-05-01 | none 不设 |  | 条文 | Text |
            | `a.c` | 2020-05-01 | `3` | 一般 generally | 条文 | Text, Art. 1 |
            | `a.d` | 2020-05-01 | 3 |  | 条文 | Text |
            <!-- rules:end -->
            """)
        #expect(document.headings.map(\.code) == ["11"])
        #expect(document.rules == [
            DocumentedRule(jurisdiction: "11", parameter: "a.b", effectiveFrom: "2020-05-01", value: nil, general: false, sourceZh: "条文", sourceEn: "Text"),
            DocumentedRule(jurisdiction: "11", parameter: "a.c", effectiveFrom: "2020-05-01", value: "3", general: true, sourceZh: "条文", sourceEn: "Text, Art. 1"),
        ])
        #expect(document.unreadable == ["| `a.d` | 2020-05-01 | 3 |  | 条文 | Text |"])
    }
}
