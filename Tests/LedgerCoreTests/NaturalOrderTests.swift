import LedgerCore
import Testing

@Suite("Natural order of building and unit labels")
struct NaturalOrderTests {
    @Test("Cases/natural_order.csv", arguments: try CaseFile.rows("natural_order"))
    func cases(row: CaseRow) {
        let expected = ["<": -1, "=": 0, ">": 1][row["order"]]
        #expect(NaturalKey.compare(row["left"], row["right"]) == expected)
        #expect(NaturalKey.compare(row["right"], row["left"]) == expected.map { -$0 })
        #expect((NaturalKey(row["left"]) < NaturalKey(row["right"])) == (expected == -1))
    }

    @Test("sorting units of a compound")
    func sorting() {
        let labels = ["10栋", "2栋", "1栋", "A10", "A2", "A1", "B1"]
        #expect(labels.sorted { NaturalKey($0) < NaturalKey($1) } == ["1栋", "2栋", "10栋", "A1", "A2", "A10", "B1"])
    }
}
