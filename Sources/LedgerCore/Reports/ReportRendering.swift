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

extension ReportResult {
    /// The result rendered in a format and language.
    public func rendered(_ format: ReportFormat, language: ReportLanguage) -> String {
        switch format {
        case .table: return table(language)
        case .csv: return csv(language)
        case .json: return json()
        case .html: return html(language)
        case .xlsx: preconditionFailure("an .xlsx is a workbook, not text: write xlsxSheet with XLSXWorkbook")
        }
    }

    /// A cell as shown in a table, CSV or HTML: booleans as yes/no (是/否), an enumeration's code as its
    /// label in Chinese (`labels`), NULL as empty.
    func display(_ cell: String?, _ column: ReportColumn, _ language: ReportLanguage) -> String {
        guard let cell else { return "" }
        if language == .zh, let source = column.label, let label = labels[source]?[cell] { return label }
        switch column.kind {
        case .boolean:
            let yes = cell == "t" || cell == "true"
            return language == .en ? (yes ? "yes" : "no") : (yes ? "是" : "否")
        case .money, .decimal:
            // Fixed places, so a column of amounts lines up on the point.
            return PostgresNumericText.fixed(cell, places: column.kind.places)
        default:
            return cell
        }
    }

    // MARK: table

    /// Aligned columns separated by two spaces; numbers right-aligned; a rule under the header and
    /// above the totals row.
    ///
    /// Every cell goes through `TerminalText.escaped`, whether or not the table is written to a
    /// terminal: an ESC sequence or a carriage return in a company name must not drive the terminal
    /// of whoever reads the table (now, or later with `cat`), and a line feed must not break the layout.
    public func table(_ language: ReportLanguage) -> String {
        func shown(_ cell: String?, _ column: ReportColumn) -> String { TerminalText.escaped(display(cell, column, language)) }
        let header = columns.map { TerminalText.escaped($0.header(language)) }
        let body = rows.map { row in zip(row, columns).map(shown) }
        let total = totals(language).map { row in zip(row, columns).map(shown) }
        let all = [header] + body + (total.map { [$0] } ?? [])
        let widths = columns.indices.map { index in all.map { DisplayWidth.of($0[index]) }.max() ?? 0 }
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
        if rows.isEmpty { out += language == .en ? "(no rows)\n" : "（无数据）\n" }
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
        let header = columns.map { CSVText.field($0.header(language)) }.joined(separator: ",")
        let body = rows.map { row in
            zip(row, columns).map { CSVText.field(display($0, $1, language), isNumber: $1.kind.isNumeric) }.joined(separator: ",")
        }
        return "\u{FEFF}" + ([header] + body).map { $0 + "\r\n" }.joined()
    }

    // MARK: json

    /// An array of objects with the §4 field names: numbers as JSON numbers, money as strings with
    /// two decimals, booleans as true/false, NULL as null. No totals row.
    public func json() -> String {
        if rows.isEmpty { return "[]\n" }
        let objects = rows.map { row in
            "  {" + zip(row, columns).map { cell, column in
                JSON.string(column.key) + ": " + JSON.value(cell, column.kind)
            }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    // MARK: html

    /// One self-contained XHTML page: heading, chart (where the report has one), the table with its
    /// totals row, and print CSS for A4 landscape.
    public func html(_ language: ReportLanguage) -> String {
        let definition = ReportCatalog.named(name)
        let title = "PropLedger — " + name
        let summary = definition.map { language == .en ? $0.summary.en : $0.summary.zh } ?? ""
        let asOfLabel = language == .en ? "as of" : "截至"
        var page = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="\(language == .en ? "en" : "zh-CN")" xml:lang="\(language == .en ? "en" : "zh-CN")">
            <head>
            <meta charset="UTF-8"/>
            <title>\(XML.escape(title))</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; }
            h1 { font-size: 1.3em; margin: 0 0 0.2em 0; }
            p.meta { color: #555; margin: 0 0 1em 0; }
            table { border-collapse: collapse; font-size: 0.85em; }
            th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; }
            th { background: #eee; text-align: left; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.total td { font-weight: bold; background: #f6f6f6; }
            svg { display: block; margin: 0 0 1em 0; }
            @page { size: A4 landscape; margin: 12mm; }
            @media print {
              body { margin: 0; font-size: 9pt; }
              thead { display: table-header-group; }
              tr, svg { page-break-inside: avoid; }
            }
            </style>
            </head>
            <body>
            <h1>\(XML.escape(title))</h1>
            <p class="meta">\(XML.escape(summary)) \(asOfLabel) \(XML.escape(asOf))\(filters.isEmpty ? "" : " · " + XML.escape(filters.joined(separator: " ")))</p>

            """
        if let chart, !rows.isEmpty { page += svg(chart, language) }
        page += "<table>\n<thead><tr>" + columns.map { "<th>\(XML.escape($0.header(language)))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        func row(_ cells: [String?], _ cssClass: String?) -> String {
            "<tr\(cssClass.map { " class=\"\($0)\"" } ?? "")>" + zip(cells, columns).map { cell, column in
                "<td\(column.kind.isNumeric ? " class=\"num\"" : "")>\(XML.escape(display(cell, column, language)))</td>"
            }.joined() + "</tr>\n"
        }
        page += rows.map { row($0, nil) }.joined()
        if let total = totals(language) { page += row(total, "total") }
        page += "</tbody>\n</table>\n</body>\n</html>\n"
        return page
    }

    /// A horizontal stacked bar chart: one bar per label (rows with the same label added up).
    func svg(_ chart: ChartSpec, _ language: ReportLanguage) -> String {
        guard let labelIndex = columns.firstIndex(where: { $0.key == chart.labelColumn }) else { return "" }
        let seriesIndexes = chart.series.compactMap { key in columns.firstIndex { $0.key == key } }
        var labels: [String] = []
        var values: [String: [Int64]] = [:]
        for row in rows {
            let label = display(row[labelIndex], columns[labelIndex], language)
            if values[label] == nil { labels.append(label); values[label] = Array(repeating: 0, count: seriesIndexes.count) }
            for (position, index) in seriesIndexes.enumerated() {
                values[label]![position] += ExactDecimal.scaled(row[index], places: columns[index].kind.places) ?? 0
            }
        }
        let largest = max(1, labels.map { values[$0]!.reduce(0, +) }.max() ?? 1)
        let colors = ["#2e7d32", "#f9a825", "#c62828", "#1565c0", "#6a1b9a"]
        let labelWidth = 160, barWidth = 440, rowHeight = 24, top = 30
        let height = top + labels.count * rowHeight + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 120)\" height=\"\(height)\" role=\"img\">\n"
        svg += "<title>\(XML.escape(language == .en ? chart.title.en : chart.title.zh))</title>\n"
        svg += "<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">\(XML.escape(language == .en ? chart.title.en : chart.title.zh))</text>\n"
        for (line, label) in labels.enumerated() {
            let y = top + line * rowHeight
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\">\(XML.escape(label))</text>\n"
            var x = labelWidth
            for (position, value) in values[label]!.enumerated() {
                let width = Int(value * Int64(barWidth) / largest)
                if width > 0 {
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"\(colors[position % colors.count])\"/>\n"
                }
                x += width
            }
            let total = values[label]!.reduce(0, +)
            let places = seriesIndexes.first.map { columns[$0].kind.places } ?? 0
            svg += "<text x=\"\(x + 4)\" y=\"\(y + 15)\" font-size=\"11\">\(ExactDecimal.format(total, places: places))</text>\n"
        }
        var legendX = labelWidth
        let legendY = top + labels.count * rowHeight + 10
        for (position, index) in seriesIndexes.enumerated() {
            svg += "<rect x=\"\(legendX)\" y=\"\(legendY)\" width=\"12\" height=\"12\" fill=\"\(colors[position % colors.count])\"/>"
            let name = columns[index].header(language)
            svg += "<text x=\"\(legendX + 16)\" y=\"\(legendY + 11)\" font-size=\"11\">\(XML.escape(name))</text>\n"
            legendX += 30 + DisplayWidth.of(name) * 7
        }
        return svg + "</svg>\n"
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
        case .text, .date, .timestamp: return string(cell)
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
