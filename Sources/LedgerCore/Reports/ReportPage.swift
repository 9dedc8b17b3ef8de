// The parts of a report's HTML page (ReportResult.html, issue 14): the head with its screen and print
// stylesheet, the SVG bar chart, and the name of what a report about one thing is about.
import PostgresClient

/// What a report about one thing is about, as a person names it, for its page's heading.
public enum ReportSubject {
    /// apportion's project (code, title and compound), compound's compound (code and name), fund-unit's unit
    /// (compound code and name, building and unit); nil for other reports, or when it is not in the user's
    /// view (the report itself then says so).
    public static func of(_ request: ReportRequest, on connection: Connection) throws -> String? {
        let arguments = request.arguments
        switch request.definition.name {
        case "apportion" where arguments.count == 1:
            return try connection.query(SQLQuery("""
                SELECT p.project_code || ' ' || p.title || '（' || p.compound_name || '）' FROM report.projects AS p
                WHERE p.project_code = \(arguments[0])
                """)) { try $0.decode(at: 0, as: String.self) }.first
        case "compound" where arguments.count == 1, "fund-unit" where arguments.count == 3:
            let unit = arguments.dropFirst().joined(separator: " ")
            return try connection.query(SQLQuery("""
                SELECT c.compound_code || ' ' || c.name FROM report.compounds AS c WHERE c.compound_code = \(arguments[0])
                """)) { try $0.decode(at: 0, as: String.self) + (unit.isEmpty ? "" : " " + unit) }.first
        default:
            return nil
        }
    }
}

/// The pieces of a report's XHTML page.
enum HTMLPage {
    /// A text cell wider than this (display columns) may wrap (`td.long`); shorter ones keep to one line.
    static let longCell = 30
    /// The most labels a chart draws; beyond it, the largest.
    static let chartLimit = 20

    /// What the printed page's margins say on every page.
    struct Margins {
        /// Top left: the title and the filters.
        var topLeft: String
        /// Top right: the as-of date and the issuing unit.
        var topRight: String
        /// Bottom left: when it was generated.
        var bottomLeft: String
        /// Bottom right: the page-number template with `{page}` and `{pages}`.
        var page: String
    }

    /// The page up to and including `<body>`: viewport, title, the screen stylesheet (tables scroll inside
    /// their box, header words and short cells on one line, phone margins) and the print stylesheet (A4
    /// landscape, CSS page-margin boxes with the title, as-of, issuer, generated time and page numbers, which
    /// Chromium prints since version 131; the header row repeated on every page; rows and the chart unsplit).
    static func head(language: ReportLanguage, title: String, margins: Margins) -> String {
        document(lang: language == .en ? "en" : "zh-CN", title: title, style: """
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; margin: 1.5em; color: #222; line-height: 1.4; }
            h1 { font-size: 1.3em; margin: 0 0 0.2em 0; }
            p.summary { color: #555; margin: 0 0 0.4em 0; }
            ul.meta { display: flex; flex-wrap: wrap; gap: 0.1em 1.5em; margin: 0 0 1em 0; padding: 0; list-style: none; font-size: 0.9em; color: #444; }
            figure.chart { margin: 0 0 1em 0; max-width: 100%; }
            figure.chart svg { display: block; max-width: 100%; height: auto; }
            figure.chart figcaption { color: #555; font-size: 0.85em; }
            div.scroll { overflow-x: auto; max-width: 100%; }
            table { border-collapse: collapse; font-size: 0.85em; }
            th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; white-space: nowrap; vertical-align: top; }
            th { background: #eee; text-align: left; }
            td.long { white-space: normal; min-width: 18em; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            tr.total td { font-weight: bold; background: #f6f6f6; }
            @media (max-width: 600px) { body { margin: 0.8em; } h1 { font-size: 1.15em; } table { font-size: 0.8em; } }
            @page {
              size: A4 landscape; margin: 14mm 10mm 14mm 10mm;
              @top-left { content: \(css(margins.topLeft)); font-size: 8pt; color: #444; }
              @top-right { content: \(css(margins.topRight)); font-size: 8pt; color: #444; }
              @bottom-left { content: \(css(margins.bottomLeft)); font-size: 8pt; color: #444; }
              @bottom-right { content: \(pageCounter(margins.page)); font-size: 8pt; }
            }
            @media print {
              body { margin: 0; font-size: 8pt; }
              div.scroll { overflow: visible; }
              td { white-space: normal; }
              td.num { white-space: nowrap; }
              thead { display: table-header-group; }
              figure.chart svg { width: 100mm; }
              tr, figure.chart { break-inside: avoid; }
            }
            """)
    }

    /// An XHTML page (it parses as XML and as HTML) up to and including `<body>`: UTF-8, the phone viewport,
    /// the title and a stylesheet. Reports and notices both begin so.
    static func document(lang: String, title: String, style: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="\(lang)" xml:lang="\(lang)">
        <head>
        <meta charset="UTF-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>\(XML.escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>

        """
    }

    /// A CSS string literal of any text: characters other than letters, digits, spaces and non-ASCII
    /// printable ones are written as CSS escapes, so the literal is the same CSS whether the page is read as
    /// XML or as HTML (no `&`, `<`, quotes or backslashes left in the stylesheet).
    static func css(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let plain = (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
                || value == 0x20 || (value > 0x9F && scalar.properties.generalCategory != .format)
            if plain { out.unicodeScalars.append(scalar) } else if value >= 0x20 && value != 0x7F {
                out += "\\" + String(value, radix: 16) + " "
            }
        }
        return out + "\""
    }

    /// The page-number template (`第 {page} 页 / 共 {pages} 页`) as CSS content: its words as strings, the
    /// numbers as the page counters of the print.
    static func pageCounter(_ template: String) -> String {
        var parts: [String] = []
        var rest = Substring(template)
        while let match = rest.firstMatch(of: /\{(pages|page)\}/) {
            if match.range.lowerBound > rest.startIndex { parts.append(css(String(rest[..<match.range.lowerBound]))) }
            parts.append("counter(\(match.output.1))")
            rest = rest[match.range.upperBound...]
        }
        if !rest.isEmpty { parts.append(css(String(rest))) }
        return parts.joined(separator: " ")
    }

    /// The longest start of a text that is at most `width` display columns wide.
    static func cut(_ text: String, width: Int) -> String {
        var out = "", used = 0
        for scalar in text.unicodeScalars {
            used += DisplayWidth.of(scalar)
            if used > width { break }
            out.unicodeScalars.append(scalar)
        }
        return out
    }

    /// The bars of a chart: labels in order of first appearance, each with one exact value per series (a
    /// count has one series of ones).
    struct Bars {
        /// Decimal places of the values.
        let places: Int
        /// The series' names (the legend); empty for a count.
        let series: [String]
        private(set) var labels: [String] = []
        private(set) var values: [String: [Int64]] = [:]

        init(places: Int, series: [String]) {
            self.places = places
            self.series = series
        }

        /// Adds a row's values to its label's.
        mutating func add(_ label: String, _ rowValues: [Int64]) {
            if values[label] == nil {
                labels.append(label)
                values[label] = Array(repeating: 0, count: rowValues.count)
            }
            for (index, value) in rowValues.enumerated() { values[label]![index] += value }
        }

        static let colors = ["#2e7d32", "#f9a825", "#c62828", "#1565c0", "#6a1b9a"]

        /// The chart as a `figure` holding an inline SVG sized by its `viewBox` (it shrinks to a phone's width).
        func svg(title: String, grouped: Bool, language: ReportLanguage) -> String {
            func size(_ label: String) -> Int64 {
                let parts = values[label]!
                return grouped ? parts.max() ?? 0 : parts.reduce(0, +)
            }
            var shown = labels
            var caption: String?
            if shown.count > HTMLPage.chartLimit {
                shown = labels.enumerated().sorted { (size($0.element), -$0.offset) > (size($1.element), -$1.offset) }
                    .prefix(HTMLPage.chartLimit).map(\.element)
                caption = Message.htmlChartLargest.render(language.messages, ["shown": String(shown.count), "count": String(labels.count)])
            }
            let labelFont = 13, labelLimit = 28
            let names = shown.map { DisplayWidth.of($0) > labelLimit ? HTMLPage.cut($0, width: labelLimit - 1) + "…" : $0 }
            // A column of text is about 0.55 em wide (a wide character two columns).
            let labelWidth = min(labelLimit, names.map { DisplayWidth.of($0) }.max() ?? 0) * labelFont * 55 / 100 + 12
            let barArea = 260, valueArea = 90
            let width = labelWidth + barArea + valueArea
            let seriesCount = max(1, series.count)
            let barHeight = grouped ? 9 : 16, rowHeight = grouped ? seriesCount * (barHeight + 2) + 8 : 24
            var body = "", y = 30
            // The legend: a swatch and name per series, wrapped to the width.
            if series.count > 1 {
                var x = 0
                for (index, name) in series.enumerated() {
                    let itemWidth = 20 + DisplayWidth.of(name) * 6 + 14
                    if x > 0 && x + itemWidth > width { x = 0; y += 18 }
                    body += "<rect x=\"\(x)\" y=\"\(y)\" width=\"12\" height=\"12\" fill=\"\(Bars.colors[index % Bars.colors.count])\"/>"
                    body += "<text x=\"\(x + 16)\" y=\"\(y + 11)\" font-size=\"12\">\(XML.escape(name))</text>\n"
                    x += itemWidth
                }
                y += 24
            } else {
                y += 2
            }
            let largest = max(1, shown.map(size).max() ?? 1)
            func length(_ value: Int64) -> Int { value <= 0 ? 0 : Int(value * Int64(barArea) / largest) }
            for (label, name) in zip(shown, names) {
                let parts = values[label]!
                body += "<text x=\"\(labelWidth - 8)\" y=\"\(y + (grouped ? rowHeight / 2 : 13))\" font-size=\"\(labelFont)\" text-anchor=\"end\">"
                    + "<title>\(XML.escape(label))</title>\(XML.escape(name))</text>\n"
                if grouped {
                    for (index, value) in parts.enumerated() {
                        let top = y + index * (barHeight + 2)
                        body += "<rect class=\"bar\" x=\"\(labelWidth)\" y=\"\(top)\" width=\"\(length(value))\" height=\"\(barHeight)\" fill=\"\(Bars.colors[index % Bars.colors.count])\"/>"
                        body += "<text class=\"value\" x=\"\(labelWidth + length(value) + 4)\" y=\"\(top + barHeight - 1)\" font-size=\"10\">\(ExactDecimal.format(value, places: places))</text>\n"
                    }
                } else {
                    var x = labelWidth
                    for (index, value) in parts.enumerated() where length(value) > 0 {
                        let color = series.count > 1 ? Bars.colors[index % Bars.colors.count] : "#1565c0"
                        body += "<rect class=\"bar\" x=\"\(x)\" y=\"\(y)\" width=\"\(length(value))\" height=\"\(barHeight)\" fill=\"\(color)\"/>"
                        x += length(value)
                    }
                    body += "<text class=\"value\" x=\"\(x + 4)\" y=\"\(y + 13)\" font-size=\"12\">\(ExactDecimal.format(parts.reduce(0, +), places: places))</text>\n"
                }
                y += rowHeight
            }
            let height = y + 4
            var figure = "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\">\n"
            figure += "<title>\(XML.escape(title))</title>\n"
            figure += "<text x=\"0\" y=\"18\" font-size=\"15\" font-weight=\"bold\">\(XML.escape(title))</text>\n"
            figure += body + "</svg>\n"
            if let caption { figure += "<figcaption>\(XML.escape(caption))</figcaption>\n" }
            return figure + "</figure>\n"
        }
    }
}
