import PostgresClient
import PropertyBased
import Testing
import TestSupport

// Natural order lives in SQL only: report.natural_key (what report.apportion_report sorts by) over
// ledger.natural_key. Cases/natural_order.csv runs against both and against Reference.NaturalKey, a second
// implementation kept in the tests only; the property compares the SQL and the reference on generated labels.

/// "<", "=" or ">" for -1, 0, 1.
private func orderSymbol(_ order: Int) -> String { ["<", "=", ">"][order + 1] }

@Suite("Reference natural order (tests only) against the case file")
struct ReferenceNaturalOrderTests {
    @Test("Cases/natural_order.csv", arguments: try CaseFile.rows("natural_order"))
    func cases(row: CaseRow) {
        #expect(orderSymbol(Reference.NaturalKey.compare(row["left"], row["right"])) == row["order"])
        #expect(orderSymbol(Reference.NaturalKey.compare(row["right"], row["left"])) == ["<": ">", "=": "=", ">": "<"][row["order"]])
    }
}

@Suite("Natural order: the product's SQL against the case file and the reference",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct NaturalOrderSQLTests {
    let rules: RuleDatabase

    init() throws { rules = try RuleDatabase() }

    /// How `function`'s keys of two labels compare, under the C collation and under the database's default
    /// (the keys hold only 0-9a-f, so the two must agree): "<", "=", ">", or what went wrong.
    private func sqlOrder(_ function: String, _ left: String, _ right: String) throws -> String {
        let outcome = try rules.rows("""
            SELECT CASE WHEN \(raw: function)(\(left)) COLLATE "C" < \(raw: function)(\(right)) COLLATE "C" THEN '<'
                        WHEN \(raw: function)(\(left)) = \(raw: function)(\(right)) THEN '=' ELSE '>' END,
                   CASE WHEN \(raw: function)(\(left)) < \(raw: function)(\(right)) THEN '<'
                        WHEN \(raw: function)(\(left)) = \(raw: function)(\(right)) THEN '=' ELSE '>' END
            """)
        guard case .rows(let rows) = outcome, let c = rows.first?[0], let fallback = rows.first?[1] else { return "\(outcome)" }
        return c == fallback ? c : "C collation \(c), default collation \(fallback)"
    }

    @Test("Cases/natural_order.csv: report.natural_key and ledger.natural_key order every pair as the case says")
    func cases() throws {
        for row in try CaseFile.rows("natural_order") {
            for function in ["report.natural_key", "ledger.natural_key"] {
                #expect(try sqlOrder(function, row["left"], row["right"]) == row["order"], "\(row.testDescription): \(function)")
            }
        }
    }

    @Test("a compound's buildings sort by report.natural_key as a person expects")
    func sorting() throws {
        let labels = ["10栋", "2栋", "1栋", "A10", "A2", "A1", "B1"]
        let sorted = try rules.rows("SELECT l FROM unnest(\(RuleDatabase.array(labels), as: .textArray)) AS l ORDER BY report.natural_key(l)")
        #expect(sorted.column == ["1栋", "2栋", "10栋", "A1", "A2", "A10", "B1"])
        #expect(labels.sorted { Reference.NaturalKey($0) < Reference.NaturalKey($1) } == sorted.column?.compactMap { $0 })
    }

    @Test("property: report.natural_key orders generated labels as the reference does")
    func matchesReference() async {
        let label = Gen.element(of: ["0", "1", "2", "9", "10", "007", "99999999999999999999", "A", "a", "栋", "单元", "-", ".", " "])
            .array(of: 0...4).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(count: 300, input: label, label) { left, right in
            let sql = try sqlOrder("report.natural_key", left, right)
            #expect(sql == orderSymbol(Reference.NaturalKey.compare(left, right)), "\"\(left)\" vs \"\(right)\"")
        }
    }
}
