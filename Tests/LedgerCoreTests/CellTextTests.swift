import Testing
import TestSupport
@testable import LedgerCore

@Suite("Cell text in checks and messages")
struct CellTextTests {
    @Test("invisible characters are found once each, in order", arguments: [
        ("GS001", [UInt32]()),
        ("GS\u{200B}001\u{200B}", [0x200B]),
        ("\u{FEFF}小区编码", [0xFEFF]),
        ("a\u{0}b\tc\u{202E}d\u{2066}e\u{2060}f\u{85}", [0x0, 0x9, 0x202E, 0x2066, 0x2060, 0x85]),
        ("GS001\u{FE0F}\u{E0100}\u{3164}\u{FFA0}\u{E0041}", [0xFE0F, 0xE0100, 0x3164, 0xFFA0, 0xE0041]),
        ("康城\u{3000}一期", []),
        ("苏州；姑苏区，平江路（一期）ＧＳ００１", []),
        ("\u{20000}\u{30000}〇々〆ヶ", []),
    ])
    func invisible(text: String, expected: [UInt32]) {
        #expect(CellText.invisibleCharacters(in: text).map(\.value) == expected)
    }

    @Test("invisible is exactly: controls, line and paragraph separators, Unicode's default-ignorables, interlinear annotation")
    func invisibleSet() {
        // The table is the project's own (the same on every system); this checks it against the Unicode data
        // of the Swift runtime, so a mistyped range or a newer Unicode is noticed.
        var wrong: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let expected = properties.generalCategory == .control || properties.generalCategory == .lineSeparator
                || properties.generalCategory == .paragraphSeparator || properties.isDefaultIgnorableCodePoint
                || (0xFFF9...0xFFFB).contains(value)
            if CellText.isInvisible(scalar) != expected { wrong.append(CellText.codePoint(scalar)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(20))")
        // Spaces that print as a space, and every CJK ideograph and full-width form, are ordinary text.
        for visible: Unicode.Scalar in [" ", "\u{A0}", "\u{3000}", "\u{FF1B}", "\u{FF0C}", "\u{4E00}", "\u{9FFF}", "\u{FF21}", "\u{FFE5}"] {
            #expect(!CellText.isInvisible(visible), "\(CellText.codePoint(visible))")
        }
    }

    @Test("a cell in a message: invisible characters escaped, cut to the limit with …", arguments: [
        ("GS001", "GS001"),
        ("GS\u{200B}001", "GS\\u{200B}001"),
        ("\u{FEFF}x\u{0}\r\n", "\\u{FEFF}x\\u{0}\\u{D}\\u{A}"),
        ("bidi \u{202E}cba", "bidi \\u{202E}cba"),
        (String(repeating: "楼", count: 60), String(repeating: "楼", count: 60)),
        (String(repeating: "楼", count: 61), String(repeating: "楼", count: 60) + "…"),
    ])
    func escaped(text: String, expected: String) {
        #expect(CellText.escapedForMessage(text) == expected)
    }

    @Test("one escape for messages and the terminal: a cell quoted by the loader reads as TerminalText shows it")
    func oneEscape() {
        let cell = "GS\u{1B}\u{AD}\u{200B}\u{FE0F}\u{E0041}001"
        #expect(CellText.escapedForMessage(cell) == TerminalText.escaped(cell))
        #expect(CellText.escapedForMessage(cell) == "GS\\u{1B}\\u{AD}\\u{200B}\\u{FE0F}\\u{E0041}001")
        #expect(CellText.codePoint("\u{AD}") == "U+00AD")
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

@Suite("The quote limit: Swift's CellText.quoteLimit and SQL's staging.cell_excerpt",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct QuoteLimitSQLTests {
    let rules: RuleDatabase

    init() throws { rules = try RuleDatabase() }

    @Test("staging.cell_excerpt cuts where CellText.escapedForMessage does")
    func sameLimit() throws {
        let limit = CellText.quoteLimit
        let pattern = Array("楼0a")  // characters of three and one UTF-8 bytes: the limit counts characters
        for length in [1, limit - 1, limit, limit + 1, 4_000] {
            let cell = String((0..<length).map { pattern[$0 % pattern.count] })
            let sql = try rules.rows("SELECT staging.cell_excerpt(\(cell))")
            #expect(sql == .rows([[CellText.escapedForMessage(cell)]]), "\(length) characters")
        }
        let long = String(repeating: "x", count: 1_000)
        #expect(try rules.rows("SELECT pg_catalog.length(staging.cell_excerpt(\(long)))::text") == .rows([["\(limit + 1)"]]))
    }
}
