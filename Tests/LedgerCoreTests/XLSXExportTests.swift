import Foundation
import Testing
import ZIPFoundation
@testable import LedgerCore

/// The typing of report cells for .xlsx (which column kind becomes which cell and number format), sheet names,
/// and the workbook libxlsxwriter writes (issue 14).
@Suite("xlsx cells, sheet names and the workbook")
struct XLSXExportTests {
    static let result = ReportResult(name: "test", columns: [], rows: [], asOf: "2026-11-21",
                                     labels: [EnumerationSource("projects", "status"): ["in_progress": "施工中"]])

    @Test("a column's kind decides the cell's type and number format", arguments: [
        (ColumnKind.integer, "14", XLSXCell.number("14", format: "0")),
        (.money, "600000", .number("600000.00", format: "#,##0.00")),
        (.money, "-3500.5", .number("-3500.50", format: "#,##0.00")),
        (.decimal(1), "55.6", .number("55.6", format: "0.0")),
        (.decimal(2), "89.56", .number("89.56", format: "0.00")),
        (.decimal(4), "0.25", .number("0.2500", format: "0.0000")),
        (.date, "2026-11-21", .date(year: 2026, month: 11, day: 21)),
        (.date, "1899-12-31", .text("1899-12-31")),
        (.timestamp, "2026-11-30 19:16:25.93+00", .text("2026-11-30 19:16:25.93+00")),
        (.text, "=SUM(A1)", .text("=SUM(A1)")),
        (.text, "+1", .text("+1")),
        (.text, "-2", .text("-2")),
        (.text, "@x", .text("@x")),
        (.text, "\tx", .text("\tx")),
        (.text, "0101", .text("0101")),
    ])
    func typed(kind: ColumnKind, cell: String, expected: XLSXCell) {
        let column = ReportColumn("c", "列", kind)
        #expect(Self.result.xlsxCell(cell, column, .en) == expected)
    }

    @Test("booleans as yes/no or 是/否, enumeration codes as their labels in Chinese, NULL empty")
    func labelled() {
        let flag = ReportColumn("passed", "通过", .boolean)
        #expect(Self.result.xlsxCell("t", flag, .en) == .text("yes"))
        #expect(Self.result.xlsxCell("f", flag, .zh) == .text("否"))
        let status = ReportColumn("status", "状态", .text, label: ("projects", "status"))
        #expect(Self.result.xlsxCell("in_progress", status, .zh) == .text("施工中"))
        #expect(Self.result.xlsxCell("in_progress", status, .en) == .text("in_progress"))
        #expect(Self.result.xlsxCell(nil, status, .zh) == .empty)
    }

    @Test("sheet names: at most 31 characters, no []:*?/\\, unique regardless of case")
    func sheetNames() {
        #expect(XLSXWorkbook.sheetNames(["无物业小区清零", "a/b:c", "Funding", "funding", String(repeating: "长", count: 40), "'x'"])
                == ["无物业小区清零", "a_b_c", "Funding", "funding (2)", String(repeating: "长", count: 31), "x"])
        #expect(XLSXWorkbook.sheetNames([String(repeating: "x", count: 40), String(repeating: "x", count: 40)])
                == [String(repeating: "x", count: 31), String(repeating: "x", count: 27) + " (2)"])
    }

    @Test("every report has a title in both languages, and the pack leaves out those that need an argument")
    func titles() {
        for report in ReportCatalog.all {
            #expect(report.title(.en) != report.name && report.title(.zh) != report.title(.en), "\(report.name)")
            #expect(report.title(.zh).count <= 31)
        }
        #expect(ReportCatalog.all.filter { !$0.isPacked }.map(\.name) == ["apportion", "fund-unit", "recommend", "compound", "history"])
    }

    /// A new empty directory.
    static func scratch() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("propledger-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    @Test("the workbook: formula-like text is a shared string, never a formula; money a number; the header frozen")
    func workbook() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.xlsx").path
        let sheet = XLSXSheet(name: "测试", title: "标题", lines: ["截至：2026-11-21"], tables: [
            XLSXTable(headers: ["名称", "金额", "日期"],
                      rows: [[.text("=SUM(A1)"), .number("860000.10", format: "#,##0.00"), .date(year: 2026, month: 3, day: 5)],
                             [.text("@cmd"), .empty, .empty]],
                      total: [.text("合计"), .number("860000.10", format: "#,##0.00"), .empty]),
        ])
        try OutputFile.write(to: path) { _, temporary in XLSXWorkbook.write([sheet], to: temporary) }
        // Nothing but the file is left in the directory (the temporary file was renamed over it).
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.xlsx"])
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        func part(_ name: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try #require(archive[name]), consumer: { data.append($0) })
            return String(decoding: data, as: UTF8.self)
        }
        let xml = try part("xl/worksheets/sheet1.xml")
        #expect(!xml.contains("<f>"))
        #expect(xml.contains("<pane ySplit=\"4\" topLeftCell=\"A5\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<c r=\"B5\" s=\"3\"><v>860000.1</v></c>"))
        #expect(try part("xl/sharedStrings.xml").contains("<t>=SUM(A1)</t>"))
        #expect(try part("xl/workbook.xml").contains("<sheet name=\"测试\""))
        #expect(try part("xl/styles.xml").contains("formatCode=\"#,##0.00\""))
        // The project's own reader reads the cells back as text.
        let reader = try XLSXReader(path: path)
        var rows: [[String?]] = []
        while let record = try reader.next() { rows.append(record.cells) }
        #expect(rows.contains { $0.first == "=SUM(A1)" })
        #expect(rows.contains { $0.first == "@cmd" })
    }

    @Test("a failed workbook leaves no file behind and says why")
    func failure() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.xlsx").path
        let twice = XLSXSheet(name: "same", title: "t", lines: [], tables: [])
        #expect(throws: OutputFile.Refusal.self) {
            try OutputFile.write(to: path) { _, temporary in XLSXWorkbook.write([twice, twice], to: temporary) }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
