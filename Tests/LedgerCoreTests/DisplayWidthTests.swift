import Testing
@testable import LedgerCore

@Suite("DisplayWidth: the project's own East Asian width table")
struct DisplayWidthTests {
    @Test("columns per text", arguments: [
        ("abc", 3), ("", 0), ("姑苏区", 6), ("平江新村3幢", 11), ("ｶﾀｶﾅ", 4), ("カタカナ", 8), ("ひらがな", 8),
        ("한국어", 6), ("，。、「」", 10), ("ＡＢＣ１２３", 12), ("㐀", 2), ("𠀀", 2), ("é", 1), ("e\u{301}", 1),
        ("\u{200B}", 0), ("m²", 2), ("（无数据）", 10), ("￥", 2), ("ㄅ", 2),
    ])
    func width(text: String, columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test("padding counts wide characters as two")
    func padding() {
        #expect(DisplayWidth.pad("姑苏", to: 6) == "姑苏  ")
        #expect(DisplayWidth.pad("12", to: 5, rightAligned: true) == "   12")
        #expect(DisplayWidth.pad("姑苏区长名字", to: 4) == "姑苏区长名字")
    }

    @Test("the ranges are sorted and disjoint (the lookup is a binary search)")
    func rangesSorted() {
        for table in [DisplayWidth.wide, DisplayWidth.zero] {
            for (a, b) in zip(table, table.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
        }
    }
}
