import Foundation

/// A public notice (公示, SPEC §8): what a bureau or committee posts about a vote, a project's accounts or a
/// compound's maintenance fund — a printable Chinese page with the issuing unit, the date, the legal basis
/// printed as its article, the publication period of its jurisdiction, facts and tables.
public struct Notice: Sendable, Equatable {
    /// One table of the notice.
    public struct Table: Sendable, Equatable {
        /// The table's caption.
        public let caption: String
        /// Column headers.
        public let headers: [String]
        /// Which columns are numbers (right-aligned).
        public let numeric: [Bool]
        /// The rows, cells as displayed.
        public let rows: [[String]]
        /// A totals row, if any.
        public let total: [String]?

        public init(caption: String, headers: [String], numeric: [Bool], rows: [[String]], total: [String]? = nil) {
            self.caption = caption
            self.headers = headers
            self.numeric = numeric
            self.rows = rows
            self.total = total
        }
    }

    /// The heading, e.g. "南环新村东苑业主共同决定表决结果公示".
    public let title: String
    /// Facts as (label, value) lines, in order.
    public let facts: [(String, String)]
    /// The tables.
    public let tables: [Table]
    /// The legal basis, each an article ("《中华人民共和国民法典》第二百八十一条第一款").
    public let basis: [String]
    /// The publication period sentence, or nil when neither the jurisdiction nor --days sets one.
    public let period: String?
    /// The issuing unit.
    public let issuer: String
    /// The date of issue (YYYY-MM-DD).
    public let issuedOn: String

    public init(title: String, facts: [(String, String)], tables: [Table], basis: [String], period: String?,
                issuer: String, issuedOn: String) {
        self.title = title
        self.facts = facts
        self.tables = tables
        self.basis = basis
        self.period = period
        self.issuer = issuer
        self.issuedOn = issuedOn
    }

    public static func == (lhs: Notice, rhs: Notice) -> Bool {
        lhs.title == rhs.title && lhs.facts.map { [$0.0, $0.1] } == rhs.facts.map { [$0.0, $0.1] } && lhs.tables == rhs.tables
            && lhs.basis == rhs.basis && lhs.period == rhs.period && lhs.issuer == rhs.issuer && lhs.issuedOn == rhs.issuedOn
    }

    /// The notice as one self-contained XHTML page in Chinese, with a print stylesheet for A4 portrait: the
    /// header row of a long table repeats on every page, rows never split, and the page number and issuer are
    /// printed at the foot of each page.
    public func html() -> String {
        var page = HTMLPage.document(lang: "zh-CN", title: title, style: """
            body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; margin: 2em auto; max-width: 52em; color: #111; line-height: 1.6; }
            h1 { font-size: 1.5em; text-align: center; margin: 0 0 1em 0; letter-spacing: 0.1em; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0 0 1em 0; }
            dl.facts dt { font-weight: bold; }
            dl.facts dd { margin: 0; }
            table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1.2em 0; font-size: 0.9em; }
            caption { text-align: left; font-weight: bold; margin-bottom: 0.3em; }
            th, td { border: 1px solid #444; padding: 0.2em 0.5em; }
            th { background: #eee; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.total td { font-weight: bold; }
            p.basis, p.period { margin: 0.4em 0; }
            div.sign { text-align: right; margin-top: 2.5em; }
            @page { size: A4 portrait; margin: 18mm 16mm 20mm 16mm;
                    @bottom-center { content: "第 " counter(page) " 页 / 共 " counter(pages) " 页"; font-size: 9pt; } }
            @media print {
              body { margin: 0; max-width: none; font-size: 10.5pt; }
              thead { display: table-header-group; }
              tr { page-break-inside: avoid; }
              div.sign { page-break-inside: avoid; }
            }
            """)
        page += "<h1>\(XML.escape(title))</h1>\n"
        if !facts.isEmpty {
            page += "<dl class=\"facts\">\n" + facts.map { "<dt>\(XML.escape($0.0))</dt><dd>\(XML.escape($0.1))</dd>\n" }.joined() + "</dl>\n"
        }
        for table in tables {
            page += "<table>\n<caption>\(XML.escape(table.caption))</caption>\n<thead><tr>"
                + table.headers.map { "<th>\(XML.escape($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
            func row(_ cells: [String], _ cssClass: String?) -> String {
                "<tr\(cssClass.map { " class=\"\($0)\"" } ?? "")>" + cells.enumerated().map { index, cell in
                    "<td\(index < table.numeric.count && table.numeric[index] ? " class=\"num\"" : "")>\(XML.escape(cell))</td>"
                }.joined() + "</tr>\n"
            }
            page += table.rows.map { row($0, nil) }.joined()
            if let total = table.total { page += row(total, "total") }
            if table.rows.isEmpty { page += "<tr><td colspan=\"\(table.headers.count)\">（无）</td></tr>\n" }
            page += "</tbody>\n</table>\n"
        }
        if !basis.isEmpty { page += "<p class=\"basis\">依据：\(XML.escape(basis.joined(separator: "；")))。</p>\n" }
        if let period { page += "<p class=\"period\">\(XML.escape(period))</p>\n" }
        page += "<div class=\"sign\"><p>\(XML.escape(issuer))</p><p>\(XML.escape(Notice.chineseDate(issuedOn)))</p></div>\n"
        return page + "</body>\n</html>\n"
    }

    /// 2026-03-05 → "2026年3月5日".
    public static func chineseDate(_ iso: String) -> String {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return iso }
        return "\(parts[0])年\(parts[1])月\(parts[2])日"
    }
}
