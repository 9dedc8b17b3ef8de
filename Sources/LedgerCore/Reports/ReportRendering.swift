import Foundation

// The four output formats of `propledger report`: an aligned terminal table, CSV for Excel,
// JSON with the §4 field names, and one self-contained XHTML page with an SVG chart.

/// An output format.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned columns for a terminal, wide characters counted as two; control and invisible
    /// characters in data always shown escaped (`TerminalText`).
    case table
    /// UTF-8 with a BOM, RFC 4180 quoting, CRLF line ends; text cells that a spreadsheet would
    /// evaluate as a formula neutralised (`CSVText.field`).
    case csv
    /// An array of objects keyed by the §4 field names.
    case json
    /// One XHTML page, no external assets, print CSS for A4.
    case html
    /// An .xlsx workbook of one sheet, typed cells (`xlsxSheet`, XLSXExport.swift); a file, never text.
    case xlsx
}

/// How `--format table` lays out rows (psql's `\x`): columns, one record per block, or records only when the
/// columns would be wider than the terminal.
public enum RecordLayout: String, CaseIterable, Sendable {
    /// Records when the table is wider than the terminal (when its width is known), columns otherwise.
    case auto
    /// Always one record per block.
    case on
    /// Always columns.
    case off
}

extension ReportResult {
    /// The result rendered in a format and language.
    public func rendered(_ format: ReportFormat, language: ReportLanguage) -> String {
        switch format {
        case .table: return table(language)
        case .csv: return csv(language)
        case .json: return json(language)
        case .html: return html(language)
        case .xlsx: preconditionFailure("an .xlsx is a workbook, not text: write xlsxSheet with XLSXWorkbook")
        }
    }

    /// A cell as shown in a table, CSV or HTML: booleans as yes/no (是/否), an enumeration's code as its
    /// label in Chinese (`labels`), a message (`ColumnKind.message`) in the language, NULL as empty.
    func display(_ cell: String?, _ column: ReportColumn, _ language: ReportLanguage) -> String {
        guard let cell else { return "" }
        if language == .zh, let label = column.labels.lazy.compactMap({ self.labels[$0]?[cell] }).first { return label }
        switch column.kind {
        case .boolean:
            let yes = cell == "t" || cell == "true"
            return language == .en ? (yes ? "yes" : "no") : (yes ? "是" : "否")
        case .money, .decimal:
            // Fixed places, so a column of amounts lines up on the point.
            return PostgresNumericText.fixed(cell, places: column.kind.places)
        case .message:
            return ReportMessageText.render(cell, language)
        default:
            return cell
        }
    }

    /// The result with only the columns named (JSON field names), in the order given; nil names keep all.
    /// Unknown names are the caller's to refuse (`unknownColumns`).
    public func selecting(_ keys: [String]?) -> ReportResult {
        guard let indexes = selection(keys) else { return self }
        return ReportResult(name: name, columns: indexes.map { columns[$0] }, rows: rows.map { row in indexes.map { row[$0] } },
                            asOf: asOf, filters: filters, chart: chart, labels: labels)
    }

    /// The positions of the columns named, in the order given (nil: every column, as they are).
    public func selection(_ keys: [String]?) -> [Int]? {
        keys.map { keys in keys.compactMap { key in columns.firstIndex { $0.key == key } } }
    }

    /// The same result with other rows (the columns, labels and the rest unchanged).
    public func with(rows: [[String?]]) -> ReportResult {
        ReportResult(name: name, columns: columns, rows: rows, asOf: asOf, filters: filters, chart: chart, labels: labels)
    }

    // MARK: table

    /// Aligned columns separated by two spaces; numbers right-aligned; a rule under the header and
    /// above the totals row. With `width` (the terminal's) and `layout` auto, a table wider than that is
    /// written one record per block instead (`records`), as psql's `\x auto`.
    ///
    /// Every cell goes through `TerminalText.escaped`, whether or not the table is written to a
    /// terminal: an ESC sequence or a carriage return in a company name must not drive the terminal
    /// of whoever reads the table (now, or later with `cat`), and a line feed must not break the layout.
    public func table(_ language: ReportLanguage, layout: RecordLayout = .off, width: Int? = nil) -> String {
        let (header, body, total) = shownCells(language)
        let all = [header] + body + (total.map { [$0] } ?? [])
        let widths = columns.indices.map { index in all.map { DisplayWidth.of($0[index]) }.max() ?? 0 }
        let tableWidth = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        if layout == .on || (layout == .auto && width.map { tableWidth > $0 } == true) {
            return records(language, header: header, body: body + (total.map { [$0] } ?? []))
        }
        func line(_ cells: [String]) -> String {
            var text = zip(cells, columns.indices).map { cell, index in
                DisplayWidth.pad(cell, to: widths[index], rightAligned: columns[index].kind.isNumeric)
            }.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text + "\n"
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        var out = line(header) + rule + body.map(line).joined()
        if let total { out += rule + line(total) }
        if rows.isEmpty { out += Message.reportNoRows.render(language) + "\n" }
        return out
    }

    /// The header, rows and totals row as a table shows them: displayed and escaped.
    func shownCells(_ language: ReportLanguage) -> (header: [String], body: [[String]], total: [String]?) {
        func shown(_ cell: String?, _ column: ReportColumn) -> String { TerminalText.escaped(display(cell, column, language)) }
        return (columns.map { TerminalText.escaped($0.header(language)) },
                rows.map { row in zip(row, columns).map(shown) },
                totals(language).map { row in zip(row, columns).map(shown) })
    }

    /// One record per block, as psql's expanded display: `-[ RECORD 1 ]---` then `header | value` lines,
    /// the headers padded to the widest by display width; the totals row is the last record. Cells are the
    /// escaped ones of `shownCells`.
    func records(_ language: ReportLanguage, header: [String], body: [[String]]) -> String {
        if body.isEmpty { return Message.reportNoRows.render(language) + "\n" }
        let nameWidth = header.map(DisplayWidth.of).max() ?? 0
        let valueWidth = body.flatMap { $0.map(DisplayWidth.of) }.max() ?? 0
        var out = ""
        for (number, cells) in body.enumerated() {
            let title = "-[ " + Message.reportRecord.render(language, ["number": String(number + 1)]) + " ]"
            out += title + String(repeating: "-", count: max(0, nameWidth + 3 + valueWidth - DisplayWidth.of(title))) + "\n"
            for (name, value) in zip(header, cells) {
                var line = DisplayWidth.pad(name, to: nameWidth) + " | " + value
                while line.hasSuffix(" ") { line.removeLast() }
                out += line + "\n"
            }
        }
        return out
    }

    // MARK: csv

    /// UTF-8 CSV with a byte order mark (so Excel reads Chinese correctly), RFC 4180 quoting and
    /// CRLF line ends. No totals row: a CSV is for further processing.
    ///
    /// A text cell beginning with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'` so that a
    /// spreadsheet shows it instead of running it (`CSVText.field`); cells of numeric columns are
    /// numbers and stay as they are.
    public func csv(_ language: ReportLanguage) -> String {
        csvHeader(language) + rows.map { csvLine($0, language) }.joined()
    }

    /// The byte order mark and the header line of the CSV.
    public func csvHeader(_ language: ReportLanguage) -> String {
        "\u{FEFF}" + columns.map { CSVText.field($0.header(language)) }.joined(separator: ",") + "\r\n"
    }

    /// One row as a CSV line (a row given apart from `rows`, as `ReportRunner.stream` hands them over).
    public func csvLine(_ row: [String?], _ language: ReportLanguage) -> String {
        var line = ""
        for (index, (cell, column)) in zip(row, columns).enumerated() {
            if index > 0 { line += "," }
            line += CSVText.field(display(cell, column, language), isNumber: column.kind.isNumeric)
        }
        return line + "\r\n"
    }

    // MARK: json

    /// An array of objects with the §4 field names: numbers as JSON numbers, money as strings with
    /// two decimals, booleans as true/false, NULL as null, codes as codes (no labels), a message
    /// (`ColumnKind.message`) as its sentence in the language. No totals row.
    public func json(_ language: ReportLanguage = .en) -> String {
        if rows.isEmpty { return "[]\n" }
        return "[\n" + rows.map { jsonObject($0, language) }.joined(separator: ",\n") + "\n]\n"
    }

    /// One row as the JSON object of the array (indented, no separator).
    public func jsonObject(_ row: [String?], _ language: ReportLanguage) -> String {
        var line = "  {"
        for (index, (cell, column)) in zip(row, columns).enumerated() {
            if index > 0 { line += ", " }
            line += jsonKeys[index]
            line += column.kind == .message ? cell.map { JSON.string(ReportMessageText.render($0, language)) } ?? "null"
                : JSON.value(cell, column.kind)
        }
        return line + "}"
    }

    // MARK: html

    /// One self-contained XHTML page for a laptop, a phone and paper (SPEC §4): the report's title in the
    /// language, its filters, as-of date, issuing unit and the time it was generated; the chart, where the
    /// report has one; the table inside a box that scrolls sideways (cells keep their words on one line
    /// rather than squeezing to a character a line); and print CSS for A4 landscape whose page margins
    /// carry the title, as-of date, issuer and "page N of M" on every page, the header row repeated on
    /// each. No script, no external assets.
    ///
    /// `subject` names what a report about one thing is about (`ReportSubject`: apportion's project), `issuer`
    /// and `generatedAt` are the title block's (`IssuingUnit`, `GeneratedAt`), as in the .xlsx.
    public func html(_ language: ReportLanguage, subject: String? = nil, issuer: String? = nil, generatedAt: String? = nil) -> String {
        let definition = ReportCatalog.named(name)
        let heading = (definition?.title(language) ?? name) + (subject.map { (language == .en ? ": " : "：") + $0 } ?? "")
        let summary = definition.map { language == .en ? $0.summary.en : $0.summary.zh } ?? ""
        let words = language.messages
        // The lines of the title block, worded as the .xlsx's.
        let filterLine = filters.isEmpty ? Message.xlsxNoFilters.render(words) : Message.xlsxFilters.render(words, ["filters": filters.joined(separator: " ")])
        let dayAndIssuer = [Message.xlsxAsOf.render(words, ["date": asOf])] + (issuer.map { [Message.xlsxIssuer.render(words, ["issuer": $0])] } ?? [])
        let generatedLine = generatedAt.map { Message.xlsxGeneratedAt.render(words, ["time": $0]) }
        let facts = [filterLine] + dayAndIssuer + (generatedLine.map { [$0] } ?? [])
        let margins = HTMLPage.Margins(
            topLeft: heading + (filters.isEmpty ? "" : " · " + filters.joined(separator: " ")),
            topRight: dayAndIssuer.joined(separator: " · "), bottomLeft: generatedLine ?? "", page: Message.htmlPage.render(words))
        var page = HTMLPage.head(language: language, title: heading + " · " + asOf, margins: margins)
        page += "<header>\n<h1>\(XML.escape(heading))</h1>\n"
        if !summary.isEmpty { page += "<p class=\"summary\">\(XML.escape(summary))</p>\n" }
        page += "<ul class=\"meta\">" + facts.map { "<li>\(XML.escape($0))</li>" }.joined() + "</ul>\n</header>\n"
        if let chart, !rows.isEmpty { page += svg(chart, language) }
        page += "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(XML.escape(heading))\">\n<table>\n<thead><tr>"
            + columns.map { "<th scope=\"col\">\(XML.escape($0.header(language)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        func row(_ cells: [String?], _ cssClass: String?) -> String {
            "<tr\(cssClass.map { " class=\"\($0)\"" } ?? "")>" + zip(cells, columns).map { cell, column in
                let text = display(cell, column, language)
                let style = column.kind.isNumeric ? " class=\"num\"" : DisplayWidth.of(text) > HTMLPage.longCell ? " class=\"long\"" : ""
                return "<td\(style)>\(XML.escape(text))</td>"
            }.joined() + "</tr>\n"
        }
        page += rows.map { row($0, nil) }.joined()
        if let total = totals(language) { page += row(total, "total") }
        if rows.isEmpty {
            page += "<tr><td colspan=\"\(columns.count)\">\(XML.escape(Message.htmlNoRows.render(words)))</td></tr>\n"
        }
        page += "</tbody>\n</table>\n</div>\n</body>\n</html>\n"
        return page
    }

    /// The chart as inline SVG inside a `figure`: horizontal bars, one per label (rows with the same label
    /// added up) — stacked parts, side-by-side figures or a count of rows (`ChartSpec.Measure`) — with a
    /// legend where there are several series, each bar's total written at its end, and at most
    /// `HTMLPage.chartLimit` labels (the largest, said in the caption). Exact: the values are the cells'
    /// fixed-point integers; only the bars' lengths are rounded, to whole units of the drawing.
    func svg(_ chart: ChartSpec, _ language: ReportLanguage) -> String {
        let labelIndexes = chart.labelColumns.compactMap { key in columns.firstIndex { $0.key == key } }
        guard labelIndexes.count == chart.labelColumns.count else { return "" }
        let seriesIndexes = chart.series.compactMap { key in columns.firstIndex { $0.key == key } }
        let places = seriesIndexes.first.map { columns[$0].kind.places } ?? 0
        var bars = HTMLPage.Bars(places: places, series: seriesIndexes.map { columns[$0].header(language) })
        for row in rows {
            let label = labelIndexes.map { display(row[$0], columns[$0], language) }.joined(separator: " ")
            switch chart.measure {
            case .count: bars.add(label, [1])
            case .stacked, .grouped:
                bars.add(label, seriesIndexes.map { ExactDecimal.scaled(row[$0], places: places) ?? 0 })
            }
        }
        let title = language == .en ? chart.title.en : chart.title.zh
        var grouped = false
        if case .grouped = chart.measure { grouped = true }
        return bars.svg(title: title, grouped: grouped, language: language)
    }
}

/// Fixed-place writing of numeric text, without binary floating point.
enum PostgresNumericText {
    /// The text with exactly `places` decimals when that loses nothing; otherwise unchanged.
    static func fixed(_ text: String, places: Int) -> String {
        if isFixed(text, places: places) { return text }
        guard let scaled = ExactDecimal.scaled(text, places: places) else { return text }
        return ExactDecimal.format(scaled, places: places)
    }

    /// Whether the text is already what `fixed` would return: an optional minus (not on zero), the
    /// integer digits without leading zeros, a point and exactly `places` decimals, as PostgreSQL
    /// writes a numeric(p, places). Checked on the UTF-8 bytes, without parsing.
    static func isFixed(_ text: String, places: Int) -> Bool {
        guard places > 0 else { return false }
        let bytes = text.utf8
        var index = bytes.startIndex
        let negative = index != bytes.endIndex && bytes[index] == UInt8(ascii: "-")
        if negative { index = bytes.index(after: index) }
        var integerDigits = 0, fractionDigits = 0, leadingZero = false, nonZero = false, point = false
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                if point { return false }
                point = true
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if point { fractionDigits += 1 } else {
                    if integerDigits == 0 && byte == UInt8(ascii: "0") { leadingZero = true }
                    integerDigits += 1
                }
                if byte != UInt8(ascii: "0") { nonZero = true }
            } else {
                return false
            }
            index = bytes.index(after: index)
        }
        return point && fractionDigits == places && integerDigits > 0 && !(leadingZero && integerDigits > 1)
            && !(negative && !nonZero)
    }
}

/// JSON text of report cells.
enum JSON {
    /// A JSON string literal; non-ASCII text is written as is (the output is UTF-8).
    static func string(_ text: String) -> String {
        // Most cells need no escape: one pass over the bytes, then the text as it is. 0xE2 leads the UTF-8 of
        // U+2028 and U+2029 (and of other punctuation, which the loop below writes unchanged).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar == "\u{2028}" || scalar == "\u{2029}":
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A cell as a JSON value of its column's kind.
    static func value(_ cell: String?, _ kind: ColumnKind) -> String {
        guard let cell else { return "null" }
        switch kind {
        case .integer: return cell
        case .decimal(let places): return PostgresNumericText.fixed(cell, places: places)
        case .money: return string(PostgresNumericText.fixed(cell, places: 2))
        case .boolean: return cell == "t" || cell == "true" ? "true" : "false"
        case .text, .date, .timestamp, .message: return string(cell)
        }
    }
}

/// XML text escaping.
enum XML {
    /// The text with &, <, >, " and ' escaped, and characters XML 1.0 forbids left out.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r": continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// The words of a message SQL made (`report.said`, sql/schema/030): a jsonb object
/// `{"message": KEY, ARGUMENT: value, …}` rendered from the catalogue (`Message`), a list of them joined as
/// one line, or a code as `{"en": code, "zh": label}`. An argument is text, or such a code object.
public enum ReportMessageText {
    /// The cell's text in a language; a cell that is not such jsonb is shown as it is.
    public static func render(_ cell: String, _ language: Language) -> String {
        guard let data = cell.data(using: .utf8), let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return cell }
        return text(value, language)
    }

    static func text(_ value: Any, _ language: Language) -> String {
        switch value {
        case let list as [Any]:
            return list.map { text($0, language) }.joined(separator: Message.separatorList.render(language))
        case let object as [String: Any]:
            if let key = object["message"] as? String, let message = Message(rawValue: key) {
                var arguments: [String: String] = [:]
                for (name, argument) in object where name != "message" { arguments[name] = text(argument, language) }
                return message.render(language, arguments)
            }
            return (object[language.rawValue] ?? object["en"]).map { text($0, language) } ?? ""
        case let string as String:
            return string
        case is NSNull:
            return ""
        default:
            return "\(value)"
        }
    }
}
