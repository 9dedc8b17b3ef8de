// Writes XLSXSheets as an .xlsx workbook with libxlsxwriter (Debian's libxlsxwriter-dev; docs/reports.md
// says why this library): the only file that calls it.
import CXlsxWriter
import Foundation

/// Writing workbooks.
public enum XLSXWorkbook {
    /// The most characters a cell holds (Excel's limit; libxlsxwriter refuses more).
    static let cellLimit = 32_767

    /// Writes the sheets, in order, as a workbook at `path` (`OutputFile.write(to:producing:)` hands it a
    /// new file beside the one the user named); returns nil, or why it failed.
    public static func write(_ sheets: [XLSXSheet], to path: String) -> String? {
        guard let workbook = workbook_new(path) else { return "libxlsxwriter could not start a workbook" }
        var writer = Writer(workbook: workbook)
        for sheet in sheets where writer.failure == nil { writer.add(sheet) }
        // Closing writes the file and frees the workbook, also after a failure.
        let closed = workbook_close(workbook)
        if let failure = writer.failure { return failure }
        return closed == LXW_NO_ERROR ? nil : String(cString: lxw_strerror(closed))
    }

    /// Tab names for sheets of these titles: each at most 31 characters, without the characters a sheet name
    /// may not hold (`[]:*?/\` become `_`, no leading or trailing `'`), and unique regardless of case (a
    /// repeated name gets ` (2)`, ` (3)`, …).
    public static func sheetNames(_ titles: [String]) -> [String] {
        var used: Set<String> = []
        return titles.map { title in
            var base = String(title.map { "[]:*?/\\".contains($0) ? "_" : $0 })
            while base.hasPrefix("'") { base.removeFirst() }
            if base.isEmpty { base = "Sheet" }
            var name = String(base.prefix(31)), number = 1
            while name.hasSuffix("'") { name.removeLast() }
            while used.contains(name.lowercased()) {
                number += 1
                let suffix = " (\(number))"
                name = String(base.prefix(31 - suffix.count)) + suffix
            }
            used.insert(name.lowercased())
            return name
        }
    }

    /// One workbook being written: its formats, made once each, and the first failure.
    struct Writer {
        let workbook: UnsafeMutablePointer<lxw_workbook>
        var failure: String?
        var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]

        init(workbook: UnsafeMutablePointer<lxw_workbook>) { self.workbook = workbook }

        /// The format of a number format and style ("title", "caption", "header", "total" or "" for a plain cell).
        mutating func format(_ numberFormat: String?, _ style: String = "") -> UnsafeMutablePointer<lxw_format>? {
            let key = (numberFormat ?? "") + "|" + style
            if let made = formats[key] { return made }
            guard let made = workbook_add_format(workbook) else { return nil }
            if let numberFormat { format_set_num_format(made, numberFormat) }
            switch style {
            case "title":
                format_set_bold(made)
                format_set_font_size(made, 14)
            case "header":
                format_set_bold(made)
                format_set_bg_color(made, 0xE8E8E8)
                format_set_border(made, UInt8(LXW_BORDER_THIN.rawValue))
                format_set_text_wrap(made)
            case "caption":
                format_set_bold(made)
            case "total":
                format_set_bold(made)
                format_set_top(made, UInt8(LXW_BORDER_THIN.rawValue))
            default:
                break
            }
            formats[key] = made
            return made
        }

        mutating func check(_ error: lxw_error, _ what: @autoclosure () -> String) {
            if error != LXW_NO_ERROR && failure == nil { failure = "\(what()): \(String(cString: lxw_strerror(error)))" }
        }

        /// Adds a sheet: title block, tables, column widths, frozen header and print setup.
        mutating func add(_ sheet: XLSXSheet) {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                failure = "libxlsxwriter refused the sheet name \"\(sheet.name)\""
                return
            }
            let columns = sheet.tables.map(\.headers.count).max() ?? 1
            var widths = Array(repeating: 8, count: max(1, columns))
            var row: UInt32 = 0
            writeText(worksheet, row, 0, sheet.title, format(nil, "title"))
            row += 1
            for line in sheet.lines {
                writeText(worksheet, row, 0, line, nil)
                row += 1
            }
            row += 1
            for table in sheet.tables {
                if let caption = table.caption {
                    writeText(worksheet, row, 0, caption, format(nil, "caption"))
                    row += 1
                }
                let header = row
                for (column, title) in table.headers.enumerated() {
                    writeText(worksheet, row, UInt16(column), title, format(nil, "header"))
                    widths[column] = max(widths[column], min(DisplayWidth.of(title), 24))
                }
                row += 1
                for cells in table.rows + (table.total.map { [$0] } ?? []) {
                    let style = row == header + 1 + UInt32(table.rows.count) ? "total" : ""
                    for (column, cell) in cells.enumerated() where column < columns {
                        write(worksheet, row, UInt16(column), cell, style)
                        // A number keeps a space from the text of the next column.
                        let padding: Int
                        if case .number = cell { padding = 1 } else { padding = 0 }
                        widths[column] = max(widths[column], DisplayWidth.of(cell.shown) + padding)
                    }
                    row += 1
                }
                if sheet.tables.count == 1 {
                    // The title block and header stay in view, and the header is printed on every page.
                    worksheet_freeze_panes(worksheet, header + 1, 0)
                    check(worksheet_repeat_rows(worksheet, header, header), "the header row of \(sheet.name)")
                }
                row += 1
            }
            for (column, width) in widths.enumerated() {
                // East Asian wide characters count two, as a spreadsheet's column unit does; long text wraps at 60.
                check(worksheet_set_column(worksheet, UInt16(column), UInt16(column), Double(min(width, 60) + 2), nil),
                      "the width of column \(column + 1)")
            }
            worksheet_set_paper(worksheet, 9)  // A4
            worksheet_set_landscape(worksheet)
            worksheet_fit_to_pages(worksheet, 1, 0)
            check(worksheet_set_footer(worksheet, "&C&P / &N"), "the page numbers")
        }

        /// A string cell, cut at the cell limit (never a formula).
        mutating func writeText(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ column: UInt16, _ text: String,
                                _ format: UnsafeMutablePointer<lxw_format>?) {
            let scalars = text.unicodeScalars
            let kept = scalars.count > XLSXWorkbook.cellLimit ? String(String.UnicodeScalarView(scalars.prefix(XLSXWorkbook.cellLimit))) : text
            check(worksheet_write_string(worksheet, row, column, kept, format), "the cell in row \(row + 1), column \(column + 1)")
        }

        /// A typed cell.
        mutating func write(_ worksheet: UnsafeMutablePointer<lxw_worksheet>, _ row: UInt32, _ column: UInt16, _ cell: XLSXCell,
                            _ style: String) {
            switch cell {
            case .text(let text):
                writeText(worksheet, row, column, text, style.isEmpty ? nil : format(nil, style))
            case .number(let text, let numberFormat):
                // The nearest double to the exact decimal text (strtod rounds correctly); the number format
                // shows the exact value again.
                let value = text.withCString { strtod($0, nil) }
                check(worksheet_write_number(worksheet, row, column, value, format(numberFormat, style)),
                      "the number in row \(row + 1), column \(column + 1)")
            case .date(let year, let month, let day):
                var date = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
                check(worksheet_write_datetime(worksheet, row, column, &date, format(XLSXCell.dateFormat, style)),
                      "the date in row \(row + 1), column \(column + 1)")
            case .empty:
                if !style.isEmpty { check(worksheet_write_blank(worksheet, row, column, format(nil, style)), "a blank cell") }
            }
        }
    }
}
