import Foundation
@testable import LedgerCore
import Testing

/// The per-cell work of staging a row (every cell of every row passes through it): the problems a row's cells
/// have, with the file's own column name and the cell quoted, and the COPY text a cell is sent as.
@Suite("Loader staging")
struct LoaderStagingTests {
    /// Columns compound_code (a code), building (a code), note (free text), in that order in the file.
    let limits: [(name: String, isCode: Bool)] = [("compound_code", true), ("building", true), ("note", false)]
    let header: [String?] = ["小区编码", "楼栋", "备注"]

    func problems(_ cells: [String?], language: Language = .en) -> [(index: Int, column: String, reason: String)] {
        Loader.cellProblems(CSVRecord(line: 7, cells: cells), order: [0, 1, 2], limits: limits, headerCells: header, language: language)
    }

    @Test("clean cells, long free text and CJK text have no problem")
    func clean() {
        #expect(problems(["GS001", "1栋", String(repeating: "长", count: 500)]).isEmpty)
        #expect(problems([nil, "", "a\tb"]).isEmpty)
    }

    @Test("each problem names the file's column and quotes the cell, invisible characters escaped")
    func eachProblem() {
        let found = problems(["GS\u{200B}001", "3.20508E+11", "a\u{0}b"])
        #expect(found.map(\.index) == [0, 1, 2])
        #expect(found.map(\.column) == ["小区编码", "楼栋", "备注"])
        #expect(found[0].reason.hasPrefix("'GS\\u{200B}001' contains invisible characters (U+200B ZERO WIDTH SPACE)"))
        #expect(found[1].reason.hasPrefix("'3.20508E+11' is a code Excel turned into a number"))
        #expect(found[2].reason == "'a\\u{0}b' contains a NUL character, which a text cell cannot hold; remove it")
        let long = problems([String(repeating: "码", count: 201), nil, nil], language: .zh)
        #expect(long.map(\.column) == ["小区编码"])
        #expect(long[0].reason == "“\(String(repeating: "码", count: 60))…”有 201 个字符；编码最多 200 个字符")
    }

    @Test("a column without a header name is named by the kind's column")
    func unnamedColumn() {
        let found = Loader.cellProblems(CSVRecord(line: 2, cells: ["GS\u{FEFF}1"]), order: [0], limits: [("compound_code", true)],
                                        headerCells: [nil], language: .en)
        #expect(found.map(\.column) == ["compound_code"])
    }

    @Test("COPY text: NULL as \\N; backslash, tab, newline and CR escaped; everything else as it is")
    func copyText() {
        func text(_ cell: String?) -> String {
            var out: [UInt8] = []
            Loader.appendCopyText(cell, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(text(nil) == "\\N")
        #expect(text("") == "")
        #expect(text("平江新村 1栋") == "平江新村 1栋")
        #expect(text("a\\b\tc\nd\re") == "a\\\\b\\tc\\nd\\re")
        #expect(text("\\N") == "\\\\N")
        var row: [UInt8] = []
        Loader.appendCopyRow(CSVRecord(line: 12, cells: ["x", nil, "y\tz"]), order: [2, 0, 1], leavingOut: [0], to: &row)
        #expect(String(decoding: row, as: UTF8.self) == "12\ty\\tz\t\\N\t\\N\n")
    }
}
