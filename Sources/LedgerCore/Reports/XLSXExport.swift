// The .xlsx of reports and notices (SPEC §4 "Output a clerk can use as it is", §8): the sheets as typed cells
// here, the workbook written by libxlsxwriter in XLSXWorkbook.swift.
import Foundation
import PostgresClient

/// One cell of a sheet, typed as the spreadsheet stores it.
public enum XLSXCell: Equatable, Sendable {
    /// A string cell: shown as it is, never read as a formula (text beginning with `=`, `+`, `-`, `@`, a
    /// tab or a CR included: libxlsxwriter's `worksheet_write_string` writes a shared string, never a formula).
    case text(String)
    /// A number from its exact decimal text, shown with a number format (`#,##0.00` for money). The file
    /// stores the nearest double (the .xlsx format has no decimal type); the format shows the exact value.
    case number(String, format: String)
    /// A calendar date, shown as `yyyy-mm-dd`.
    case date(year: Int, month: Int, day: Int)
    /// Nothing (NULL).
    case empty

    /// The number format of a date cell.
    public static let dateFormat = "yyyy-mm-dd"

    /// The number format of a number with `places` decimals: money `#,##0.00` (grouped); other numbers
    /// (areas, weights, percentages, counts) with their places and no grouping, e.g. `0.0` for a
    /// percentage to one decimal, `0` for a count.
    public static func numberFormat(places: Int, grouped: Bool) -> String {
        (grouped ? "#,##0" : "0") + (places > 0 ? "." + String(repeating: "0", count: places) : "")
    }

    /// A date cell from `YYYY-MM-DD` text (a day of the calendar a spreadsheet can show: 1900 or later), or nil.
    public static func date(_ text: String) -> XLSXCell? {
        guard let date = PostgresDate(text), date.year >= 1900 else { return nil }
        return .date(year: date.year, month: date.month, day: date.day)
    }

    /// What a person sees in the cell, for fitting the column's width.
    var shown: String {
        switch self {
        case .text(let text): return text
        case .number(let text, let format):
            // The grouping commas take room too.
            guard format.hasPrefix("#,##0") else { return text }
            let digits = text.prefix { $0 != "." }.filter(\.isNumber).count
            return text + String(repeating: ",", count: max(0, (digits - 1) / 3))
        case .date: return "2026-01-01"
        case .empty: return ""
        }
    }
}

/// A table of a sheet: caption, header row, typed rows and a totals row.
public struct XLSXTable: Equatable, Sendable {
    /// A line above the header (a notice's table caption), or nil.
    public var caption: String?
    /// The header row.
    public var headers: [String]
    /// The rows, a cell per header.
    public var rows: [[XLSXCell]]
    /// The totals row, if the table has one.
    public var total: [XLSXCell]?

    /// Creates a table.
    public init(caption: String? = nil, headers: [String], rows: [[XLSXCell]], total: [XLSXCell]? = nil) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
        self.total = total
    }
}

/// One worksheet: a title block (the title, then one line each: filters, as-of, issuing unit, generated at,
/// or a notice's facts), then its tables. With one table its header row is frozen (the rows above it stay
/// in view when scrolling) and repeated on every printed page.
public struct XLSXSheet: Equatable, Sendable {
    /// The sheet's tab name (≤ 31 characters, none of `[]:*?/\`; `XLSXWorkbook.sheetNames` makes them).
    public var name: String
    /// The title, the first row, in bold.
    public var title: String
    /// The lines of the title block under the title.
    public var lines: [String]
    /// The tables, one under the other.
    public var tables: [XLSXTable]

    /// Creates a sheet.
    public init(name: String, title: String, lines: [String], tables: [XLSXTable]) {
        self.name = name
        self.title = title
        self.lines = lines
        self.tables = tables
    }
}

/// Who issues a report or notice: the housing authority of its districts (`Message.issuingUnit`), e.g.
/// 姑苏区住房和城乡建设主管部门. The settings hold only numbers (ledger.settings.value is numeric), so the
/// unit is named from the districts the output covers; notices and reports take `--issuer` instead.
public enum IssuingUnit {
    /// The housing authority of these districts (their names joined with 、), in a language (notices: Chinese).
    public static func of(districts names: [String], _ language: Language = .zh) -> String {
        Message.issuingUnit.render(language, ["districts": names.joined(separator: "、")])
    }

    /// The housing authority of the districts a report covers: the district of its --district, --street or
    /// --community filter (a street and community code begins with its district's), else every district
    /// the connecting role may see.
    public static func of(_ request: ReportRequest, _ language: ReportLanguage, on connection: Connection) throws -> String {
        let code = (request.district ?? request.street ?? request.community).map { String($0.prefix(6)) }
        let names = try connection.query(SQLQuery("""
            SELECT d.name FROM report.districts AS d
            WHERE \(code, as: .text)::text IS NULL OR d.district_code = \(code, as: .text)
            ORDER BY d.district_code
            """)) { try $0.decode(at: 0, as: String.self) }
        return of(districts: names, language.messages)
    }
}

extension ReportLanguage {
    /// The language of the message catalogue.
    public var messages: Language { self == .en ? .en : .zh }
}

extension ReportDefinition {
    /// The report's title in a language (a sheet's title and, shortened, its tab name).
    public func title(_ language: ReportLanguage) -> String {
        let titles: [String: Message] = [
            "clearance": .xlsxTitleClearance, "party-coverage": .xlsxTitlePartyCoverage, "projects": .xlsxTitleProjects,
            "funding": .xlsxTitleFunding, "apportion": .xlsxTitleApportion, "fund": .xlsxTitleFund, "fund-unit": .xlsxTitleFundUnit,
            "companies": .xlsxTitleCompanies, "recommend": .xlsxTitleRecommend, "rectifications": .xlsxTitleRectifications,
            "expiring": .xlsxTitleExpiring, "committees": .xlsxTitleCommittees, "votes": .xlsxTitleVotes,
            "compound": .xlsxTitleCompound, "anomalies": .xlsxTitleAnomalies, "history": .xlsxTitleHistory, "loads": .xlsxTitleLoads,
        ]
        return titles[name]?.render(language.messages) ?? name
    }

    /// True for a report `report pack` writes: one that needs no argument and no required option (not
    /// apportion, fund-unit, compound, history, nor recommend, which needs --compound).
    public var isPacked: Bool { argument == nil && !options.contains(.compound) }
}

extension ReportResult {
    /// A cell typed for the sheet by its column's kind: integers, money (`#,##0.00`) and decimals (their
    /// places: a percentage to one decimal `0.0`) as numbers from their exact text; dates as dates;
    /// booleans as yes/no (是/否) and enumeration codes as their labels, as the table and CSV show them
    /// (`display`); everything else, timestamps included, as strings.
    public func xlsxCell(_ cell: String?, _ column: ReportColumn, _ language: ReportLanguage) -> XLSXCell {
        guard let cell else { return .empty }
        let shown = display(cell, column, language)
        switch column.kind {
        case .integer, .money, .decimal:
            // Only a plain decimal is a number (a label, or text in a numeric column, stays text).
            guard PostgresNumeric(shown) != nil else { return .text(shown) }
            return .number(shown, format: XLSXCell.numberFormat(places: column.kind.places, grouped: column.kind == .money))
        case .date:
            return XLSXCell.date(shown) ?? .text(shown)
        case .text, .timestamp, .boolean, .message:
            return .text(shown)
        }
    }

    /// The result as one sheet: the report's title in the language, the filters, the as-of date, the
    /// issuing unit and when it was generated; the header row; the rows as typed cells; the totals row
    /// where the report has one (`totals`, exact sums of the rows shown).
    public func xlsxSheet(language: ReportLanguage, issuer: String, generatedAt: String, name sheetName: String? = nil) -> XLSXSheet {
        let definition = ReportCatalog.named(name)
        let title = definition?.title(language) ?? name
        let messages = language.messages
        let lines = [
            filters.isEmpty ? Message.xlsxNoFilters.render(messages) : Message.xlsxFilters.render(messages, ["filters": filters.joined(separator: " ")]),
            Message.xlsxAsOf.render(messages, ["date": asOf]),
            Message.xlsxIssuer.render(messages, ["issuer": issuer]),
            Message.xlsxGeneratedAt.render(messages, ["time": generatedAt]),
        ]
        let total = totals(language).map { cells in
            zip(cells, columns).enumerated().map { index, pair in index == 0 ? .text(pair.0 ?? "") : xlsxCell(pair.0, pair.1, language) }
        }
        let table = XLSXTable(headers: columns.map { $0.header(language) },
                              rows: rows.map { row in zip(row, columns).map { xlsxCell($0, $1, language) } }, total: total)
        return XLSXSheet(name: sheetName ?? XLSXWorkbook.sheetNames([title])[0], title: title + " (" + name + ")", lines: lines, tables: [table])
    }
}

extension Notice {
    /// The notice as one sheet: its title; its facts, legal basis, publication period, issuing unit and date
    /// of issue as the title block; each table under its caption. A cell of a number column that is a plain
    /// decimal becomes a number with its own places (grouped: `#,##0.00` for an amount); a `YYYY-MM-DD`
    /// cell a date; every other cell (a fraction such as 1685.97 / 2494.55 平方米, a label) a string.
    public func xlsxSheet(generatedAt: String) -> XLSXSheet {
        func typed(_ cell: String, numeric: Bool) -> XLSXCell {
            if cell.isEmpty { return .empty }
            if numeric, PostgresNumeric(cell) != nil {
                let places = cell.firstIndex(of: ".").map { cell.distance(from: $0, to: cell.endIndex) - 1 } ?? 0
                return .number(cell, format: XLSXCell.numberFormat(places: places, grouped: true))
            }
            return XLSXCell.date(cell) ?? .text(cell)
        }
        var lines = facts.map { "\($0.0)：\($0.1)" }
        if !basis.isEmpty { lines.append(Message.xlsxLegalBasis.render(.zh, ["basis": basis.joined(separator: "；")])) }
        if let period { lines.append(period) }
        lines.append(Message.xlsxIssuer.render(.zh, ["issuer": issuer]))
        lines.append(Message.xlsxIssuedOn.render(.zh, ["date": Notice.chineseDate(issuedOn)]))
        lines.append(Message.xlsxGeneratedAt.render(.zh, ["time": generatedAt]))
        let sheetTables = tables.map { table in
            func row(_ cells: [String]) -> [XLSXCell] {
                cells.enumerated().map { index, cell in typed(cell, numeric: index < table.numeric.count && table.numeric[index]) }
            }
            return XLSXTable(caption: table.caption, headers: table.headers, rows: table.rows.map(row), total: table.total.map(row))
        }
        return XLSXSheet(name: XLSXWorkbook.sheetNames([title])[0], title: title, lines: lines, tables: sheetTables)
    }
}

/// The time a file is generated, as its title block shows it: local time with the UTC offset,
/// `2026-11-30 19:40:12 +0800`.
public enum GeneratedAt {
    /// Now.
    public static var now: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss Z"
        return formatter.string(from: Date())
    }
}
