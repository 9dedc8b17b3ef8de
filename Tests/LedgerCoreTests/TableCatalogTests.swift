@testable import LedgerCore
import Testing

@Suite("Periods that must not overlap, read from exclusion constraints")
struct TableCatalogTests {
    @Test("columns compared with = and a daterange give the group and the period")
    func plainColumns() {
        let overlap = TableCatalog.overlap(
            name: "management_periods_no_overlap",
            definition: "EXCLUDE USING gist (compound_code WITH =, daterange(start_on, end_on, '[]'::text) WITH &&)",
            comment: nil)
        #expect(overlap == LoadKind.Overlap(group: ["compound_code"], start: "start_on", end: "end_on",
                                            constraint: "management_periods_no_overlap",
                                            rule: "management periods no overlap"))
    }

    @Test("ledger.unit_hash(…) and ledger.unit_key(…) WITH = read as their columns being equal (migration 005, pg_get_constraintdef's form)")
    func unitKey() {
        let overlap = TableCatalog.overlap(
            name: "owners_one_owner_at_a_time",
            definition: "EXCLUDE USING gist (ledger.unit_hash(compound_code, building, unit_no) WITH =, ledger.unit_key(compound_code, building, unit_no) WITH =, daterange(since_on, until_on, '[]'::text) WITH &&)",
            comment: "a unit has one owner at a time")
        #expect(overlap?.group == ["compound_code", "building", "unit_no"])
        #expect(overlap?.start == "since_on")
        #expect(overlap?.end == "until_on")
        #expect(overlap?.rule == "a unit has one owner at a time")
    }

    @Test("any other function or operator is not read as a rule of periods (the constraint still holds)")
    func otherShapes() {
        #expect(TableCatalog.overlap(
            name: "x", definition: "EXCLUDE USING gist (md5(compound_code) WITH =, daterange(since_on, until_on, '[]'::text) WITH &&)",
            comment: nil) == nil)
        #expect(TableCatalog.overlap(
            name: "x", definition: "EXCLUDE USING gist (compound_code WITH <>, daterange(since_on, until_on, '[]'::text) WITH &&)",
            comment: nil) == nil)
    }
}
