import Foundation
@testable import LedgerCore
import Testing
import ZIPFoundation

/// XLSXReader: Excel's stored values as exact text, and a workbook's sheet read as CSV-like records.
@Suite("xlsx reader")
struct XLSXReaderTests {
    @Test("a stored number is its exact decimal; binary noise past 15 digits is rounded as Excel shows it",
          arguments: [
              ("39600", "39600"), ("0.1", "0.1"), ("89.56", "89.56"), ("-12.5", "-12.5"), ("3.2E+5", "320000"),
              ("1.5E-3", "0.0015"), ("0.30000000000000004", "0.3"), ("0.29999999999999999", "0.3"),
              ("1234567.8899999999", "1234567.89"), ("320508001001", "320508001001"), ("0", "0"), ("-0", "0"),
              ("999999999999999", "999999999999999"), ("9.9999999999999999E+14", "9.9999999999999999E+14"),
              // 16+ integer digits: already lost, given as written for the loader to refuse
              ("1.23456789012346E+17", "1.23456789012346E+17"), ("1234567890123456789", "1234567890123456789"),
              ("abc", "abc"),
          ])
    func numbers(stored: String, text: String) {
        #expect(ExcelValue.numberText(stored) == text)
    }

    @Test("a percent-formatted number is its percentage with %", arguments: [("0.5", "50%"), ("0.125", "12.5%"), ("1", "100%"), ("0.07", "7%")])
    func percents(stored: String, text: String) {
        #expect(ExcelValue.percentText(stored) == text)
    }

    @Test("a date serial is its date in the workbook's system; Excel's fictitious 1900-02-29 stays impossible",
          arguments: [
              ("46086", false, "2026-03-05"), ("1", false, "1900-01-01"), ("59", false, "1900-02-28"),
              ("60", false, "1900-02-29"), ("61", false, "1900-03-01"), ("36526", false, "2000-01-01"),
              ("0", true, "1904-01-01"), ("44624", true, "2026-03-05"), ("46086.5", false, "2026-03-05 12:00:00"),
              ("46086.99998", false, "2026-03-05 23:59:58"), ("46086.999999", false, "2026-03-06"), ("2958465", false, "9999-12-31"),
          ])
    func dates(serial: String, date1904: Bool, text: String) {
        #expect(ExcelValue.dateText(serial: serial, date1904: date1904) == text)
    }

    @Test("a serial out of Excel's range is not a date", arguments: ["-1", "2958466", "x"])
    func notDates(serial: String) {
        #expect(ExcelValue.dateText(serial: serial, date1904: false) == nil)
    }

    @Test("number format codes", arguments: [
        ("General", NumberFormatKind.number), ("0.00", .number), ("#,##0.00", .number), ("0%", .percent),
        ("0.00%", .percent), ("yyyy-mm-dd", .date), ("yyyy\"年\"m\"月\"d\"日\"", .date), ("[$-804]yyyy/m/d", .date),
        ("m/d/yy h:mm", .date), ("[h]:mm:ss", .date), ("0.00E+00", .number), ("\"元\"0.00", .number), ("@", .number),
        ("[Red]0.00", .number), ("#,##0\"户\"", .number),
    ])
    func formatCodes(code: String, kind: NumberFormatKind) {
        #expect(NumberFormatKind.code(code) == kind)
    }

    @Test("built-in formats: 14–22 and the East Asian ids are dates, 9 and 10 percentages")
    func builtIns() {
        #expect(NumberFormatKind.builtIn(14) == .date)
        #expect(NumberFormatKind.builtIn(31) == .date)
        #expect(NumberFormatKind.builtIn(58) == .date)
        #expect(NumberFormatKind.builtIn(9) == .percent)
        #expect(NumberFormatKind.builtIn(2) == .number)
        #expect(NumberFormatKind.builtIn(49) == .number)
    }

    @Test("column letters and references")
    func columns() {
        #expect(XLSXReader.columnName(0) == "A")
        #expect(XLSXReader.columnName(25) == "Z")
        #expect(XLSXReader.columnName(26) == "AA")
        #expect(XLSXReader.columnName(16383) == "XFD")
        #expect(XLSXReader.columnIndex(ofReference: "C5") == 2)
        #expect(XLSXReader.columnIndex(ofReference: "AA10") == 26)
        #expect(XLSXReader.columnIndex(ofReference: "5") == nil)
    }

    @Test("XML and OOXML escapes are decoded")
    func escapes() {
        #expect(String(decoding: XMLText.decode(Array("a&amp;b&lt;&#x4E2D;&#25991;&unknown;".utf8)[...]), as: UTF8.self) == "a&b<中文&unknown;")
        #expect(XMLText.unescapeOOXML("a_x000D_b_x005F_x0041_c_xZZ") == "a\rb_x0041_c_xZZ")
    }

    // MARK: whole workbooks

    /// Writes a workbook of the given parts (sheet XML bodies by name) and returns its path.
    static func workbook(sheets: [(name: String, rows: String)], sharedStrings: [String] = [], date1904: Bool = false,
                         prefix: String = "") throws -> String {
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let ns = prefix.isEmpty ? "xmlns=\"\(main)\"" : "xmlns:\(prefix.dropLast())=\"\(main)\""
        var parts: [(String, String)] = [
            ("_rels/.rels", head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
            ("xl/workbook.xml", head + "<\(prefix)workbook \(ns) xmlns:r=\"\(rel)\"><\(prefix)workbookPr date1904=\"\(date1904 ? 1 : 0)\"/><\(prefix)sheets>"
                + sheets.enumerated().map { "<\(prefix)sheet name=\"\($1.name)\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 10)\"/>" }.joined()
                + "</\(prefix)sheets></\(prefix)workbook>"),
            ("xl/_rels/workbook.xml.rels", head + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + sheets.indices.map { "<Relationship Id=\"rId\($0 + 10)\" Type=\"\(rel)/worksheet\" Target=\"/xl/worksheets/s\($0).xml\"/>" }.joined()
                + "<Relationship Id=\"rId2\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/>"
                + "<Relationship Id=\"rId3\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"),
            // Styles: 0 general, 1 date (built-in 14), 2 custom Chinese date, 3 percent, 4 text.
            ("xl/styles.xml", head + "<styleSheet xmlns=\"\(main)\"><numFmts count=\"1\"><numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/></numFmts>"
                + "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
                + "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/><xf numFmtId=\"9\"/><xf numFmtId=\"49\"/></cellXfs></styleSheet>"),
            ("xl/sharedStrings.xml", head + "<sst xmlns=\"\(main)\">" + sharedStrings.map { "<si>\($0)</si>" }.joined() + "</sst>"),
        ]
        for (index, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/s\(index).xml", head + "<\(prefix)worksheet \(ns)><\(prefix)sheetData>\(sheet.rows)</\(prefix)sheetData></\(prefix)worksheet>"))
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("xlsx-\(UUID().uuidString).xlsx").path
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
            }
        }
        return path
    }

    static func records(_ path: String, sheet: String? = nil) throws -> [CSVRecord] {
        let reader = try XLSXReader(path: path, sheet: sheet)
        var records: [CSVRecord] = []
        while let record = try reader.nextRecord() { records.append(record) }
        return records
    }

    @Test("typed cells read as the text a CSV would hold; the line is the sheet's row number")
    func typedCells() throws {
        let path = try Self.workbook(sheets: [("单元", """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>建筑面积</t></is></c><c r="D1" t="s"><v>2</v></c><c r="F1" s="4"/></row>
            <row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2"><v>1</v></c><c r="C2"><v>89.560000000000002</v></c><c r="D2" s="1"><v>46086</v></c></row>
            <row r="3" spans="1:6"><c r="A3" s="4"/></row>
            <row r="5"><c r="A5" t="str"><f>CONCAT("GS","011")</f><v>GS011</v></c><c r="B5" t="b"><v>1</v></c><c r="C5" s="3"><v>0.5</v></c><c r="D5" s="2"><v>46087</v></c></row>
            <row><c t="inlineStr"><is><t xml:space="preserve">  A&amp;B\u{3000}</t></is></c><c r="D6" t="e"><v>#N/A</v></c><c r="E6"><v>7</v></c></row>
            """)], sharedStrings: ["<t>compound_code</t>", "<r><t>楼</t></r><r><rPr><b/></rPr><t>栋</t></r><rPh sb=\"0\" eb=\"1\"><t>ロウ</t></rPh>", "<t>date</t>", "<t>GS011</t>"])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try Self.records(path)
        #expect(records.map(\.line) == [1, 2, 5, 6])
        #expect(records[0].cells == ["compound_code", "楼栋", "建筑面积", "date"])
        #expect(records[1].cells == ["GS011", "1", "89.56", "2026-03-05"])
        #expect(records[2].cells == ["GS011", "true", "50%", "2026-03-06"])
        // A cell beyond the header's width is kept, for the loader to report the row's cell count.
        #expect(records[3].cells == ["A&B", nil, nil, "#N/A", "7"])
        #expect(records.allSatisfy { $0.problem == nil })
    }

    @Test("the 1904 date system, a namespace prefix, and --sheet by name")
    func sheetsAndSystems() throws {
        let rows = "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>held_on</x:t></x:is></x:c></x:row><x:row r=\"2\"><x:c r=\"A2\" s=\"1\"><x:v>44624</x:v></x:c></x:row>"
        let path = try Self.workbook(sheets: [("说明", "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>notes</x:t></x:is></x:c></x:row>"), ("表决", rows)],
                                     date1904: true, prefix: "x:")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.records(path).map(\.cells) == [["notes"]])
        #expect(try Self.records(path, sheet: "表决").map(\.cells) == [["held_on"], ["2026-03-05"]])
        #expect(try XLSXReader.sheetNames(path: path) == ["说明", "表决"])
        #expect {
            _ = try XLSXReader(path: path, sheet: "Sheet1")
        } throws: { error in
            "\(error)".contains("no sheet named \"Sheet1\"; its sheets are: \"说明\", \"表决\"; give one with --sheet NAME")
        }
    }

    @Test("a cell over 4,000 characters is cut and marked, as CSVReader does")
    func longCell() throws {
        let long = String(repeating: "长", count: 4_001)
        let path = try Self.workbook(sheets: [("s", "<row r=\"1\"><c t=\"inlineStr\"><is><t>note</t></is></c></row><row r=\"2\"><c t=\"inlineStr\"><is><t>\(long)</t></is></c></row>")])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try Self.records(path)
        #expect(records[1].problem == .cellTooLong(cellIndex: 0, characters: 4_001))
        #expect(records[1].cells[0]?.unicodeScalars.count == 4_001)
        #expect(records[1].cells[0]?.hasSuffix("…") == true)
    }

    @Test("a file that is not a workbook is refused with what to do")
    func notAWorkbook() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-\(UUID().uuidString).xlsx").path
        try Data("compound_code\nGS001\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try XLSXReader(path: path)
        } throws: { error in
            "\(error)".contains("not an .xlsx workbook (it is not a ZIP archive); save it from Excel or WPS")
        }
    }

    @Test("many rows stream through the unzipping thread in order")
    func manyRows() throws {
        let rows = (1...20_000).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c><c r=\"B\($0)\" t=\"inlineStr\"><is><t>第\($0)行</t></is></c></row>" }.joined()
        let path = try Self.workbook(sheets: [("s", rows)])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try Self.records(path)
        #expect(records.count == 20_000)
        #expect(records.enumerated().allSatisfy { $1.line == $0 + 1 && $1.cells == ["\($0 + 1)", "第\($0 + 1)行"] })
        // A reader dropped after its first row stops the thread that unzips (no hang, no crash).
        let reader = try XLSXReader(path: path)
        _ = try reader.nextRecord()
    }
}

extension XLSXReaderTests {
    @Test("the fast path takes only numbers already plain; the rest go through the exact conversion",
          arguments: ["0", "7", "-12.5", "39600", "0.0015", "89.56", "100", "123456789012345"])
    func plainNumbers(stored: String) {
        #expect(ExcelValue.isPlain(stored))
        #expect(Decimalish(stored)?.plainText(maximumIntegerDigits: 15) == stored)
    }

    @Test("not plain", arguments: ["007", "00", "1.50", "1.", ".5", "-0", "1E+5", "1234567890123456", "0.30000000000000004", "--1", "1-", ""])
    func notPlainNumbers(stored: String) {
        #expect(!ExcelValue.isPlain(stored))
    }
}
