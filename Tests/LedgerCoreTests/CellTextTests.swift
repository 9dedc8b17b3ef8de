import Testing
@testable import LedgerCore

@Suite("Cell text in checks and messages")
struct CellTextTests {
    @Test("invisible characters are found once each, in order", arguments: [
        ("GS001", [UInt32]()),
        ("GS\u{200B}001\u{200B}", [0x200B]),
        ("\u{FEFF}小区编码", [0xFEFF]),
        ("a\u{0}b\tc\u{202E}d\u{2066}e\u{2060}f\u{85}", [0x0, 0x9, 0x202E, 0x2066, 0x2060, 0x85]),
        ("康城\u{3000}一期", []),
    ])
    func invisible(text: String, expected: [UInt32]) {
        #expect(CellText.invisibleCharacters(in: text).map(\.value) == expected)
    }

    @Test("a cell in a message: invisible characters escaped, cut to the limit with …", arguments: [
        ("GS001", "GS001"),
        ("GS\u{200B}001", "GS\\u{200B}001"),
        ("\u{FEFF}x\u{0}\r\n", "\\u{FEFF}x\\u{0000}\\u{000D}\\u{000A}"),
        ("bidi \u{202E}cba", "bidi \\u{202E}cba"),
        (String(repeating: "楼", count: 60), String(repeating: "楼", count: 60)),
        (String(repeating: "楼", count: 61), String(repeating: "楼", count: 60) + "…"),
    ])
    func escaped(text: String, expected: String) {
        #expect(CellText.escapedForMessage(text) == expected)
    }

    @Test("a huge cell is echoed short: 10 MB, or a character of piled-up combining marks")
    func huge() {
        let big = String(repeating: "x\u{200B}", count: 5_000_000)
        let shown = CellText.escapedForMessage(big, limit: 10)
        #expect(shown == String(repeating: "x\\u{200B}", count: 5) + "…")
        let piled = "e" + String(repeating: "\u{301}", count: 100_000)
        #expect(CellText.escapedForMessage(piled).unicodeScalars.count == 9)
        #expect(CellText.codePoint("\u{200B}") == "U+200B")
    }
}
