import Foundation
import PostgresClient

/// How a raw text cell becomes a value of its column's type, and the test that it can. Both are written over
/// the cell's reading (`read`: `staging.excel_number(…)`, `staging.excel_date(…)`), so a statement that needs
/// both can compute the reading once a row (`Loader.buildTyped`).
struct CellRule {
    /// The cell as read (the work of reading it: Excel's forms of numbers and dates, labels).
    let read: SQLQuery
    /// True (or NULL) for a cell that does not convert, given its reading.
    let badOf: ((SQLQuery) -> SQLQuery)?
    /// The cell converted to the column's type, given its reading.
    let convertOf: (SQLQuery) -> SQLQuery
    /// Why a bad cell is bad: SQL giving the reason (a `format()` of a catalogue message over the cell).
    let reason: SQLQuery?

    /// True (or NULL) for a cell that does not convert.
    var bad: SQLQuery? { badOf.map { $0(read) } }
    /// The cell converted to the column's type.
    var convert: SQLQuery { convertOf(read) }
}

/// Cell validation: empty required cells and cells that are not of their column's type, then the typed
/// table that the checks and the upsert read. Cells are read as offices write them (SPEC §3.1): Chinese
/// labels of a value (staging.value_spellings), numbers and dates as Excel shows them (staging.excel_number,
/// staging.excel_date), each exactly.
extension Loader {
    /// The conversion of a raw text cell to a column's type (as `format_type` names it), if it needs one.
    func cellRule(column: String, type: String, spellings: [String: String]? = nil) -> CellRule? {
        let cell: SQLQuery = "t.\(ident: column)"
        let language = options.language
        let quoted: SQLQuery = "staging.cell_excerpt(\(cell))"
        if ["integer", "bigint", "smallint"].contains(type) {
            let read: SQLQuery = "staging.excel_number(\(cell), \(Loader.arrayLiteral(Loader.units(column: column)), as: .textArray))"
            // `type` is one of the three names just listed.
            return CellRule(read: read, badOf: { "\($0) !~ \("^[+-]?[0-9]{1,9}$", as: .text)" }, convertOf: { "\($0)::\(raw: type)" },
                            reason: numberReason(cell, generic: .notWholeNumber, arguments: [:]))
        }
        if let match = type.wholeMatch(of: /numeric\((\d+),(\d+)\)/), let precision = Int(match.output.1), let scale = Int(match.output.2) {
            let digits = precision - scale
            let pattern = scale > 0 ? "^[+-]?[0-9]{1,\(digits)}(\\.[0-9]{1,\(scale)})?$" : "^[+-]?[0-9]{1,\(digits)}$"
            let read: SQLQuery = "staging.excel_number(\(cell), \(Loader.arrayLiteral(Loader.units(column: column)), as: .textArray))"
            return CellRule(read: read, badOf: { "\($0) !~ \(pattern, as: .text)" }, convertOf: { "\($0)::numeric" },
                            reason: numberReason(cell, generic: Loader.numberKind(column: column), arguments: ["scale": String(scale)]))
        }
        switch type {
        case "date":
            return CellRule(read: "staging.excel_date(\(cell))", badOf: { "\(cell) IS NOT NULL AND \($0) IS NULL" }, convertOf: { $0 }, reason: """
                CASE staging.date_form(\(cell))
                WHEN 'impossible' THEN format(\(Message.dateImpossible.sqlTemplate(language), as: .text), \(quoted))
                WHEN 'serial' THEN format(\(Message.dateSerial.sqlTemplate(language), as: .text), \(quoted))
                ELSE format(\(Message.notDate.sqlTemplate(language), as: .text), \(quoted)) END
                """)
        case "boolean":
            return CellRule(read: "staging.parse_bool(\(cell))", badOf: { "\(cell) IS NOT NULL AND \($0) IS NULL" }, convertOf: { $0 },
                            reason: "format(\(Message.notBoolean.sqlTemplate(language), as: .text), \(quoted))")
        default:
            // A labelled value: its code, label or synonym becomes the code; anything else stays for the
            // column's CHECK to name.
            guard let spellings, !spellings.isEmpty else { return nil }
            return CellRule(read: "coalesce(\(Loader.json(spellings), as: .text)::jsonb ->> \(cell), \(cell))", badOf: nil, convertOf: { $0 },
                            reason: nil)
        }
    }

    /// Why a number cell is bad: a form that would change meaning (Excel's exponent, a Chinese unit), else
    /// the column's own sentence.
    private func numberReason(_ cell: SQLQuery, generic: Message, arguments: [String: String]) -> SQLQuery {
        let language = options.language
        return """
            CASE staging.number_form(\(cell))
            WHEN 'exponent' THEN format(\(Message.numberExponent.sqlTemplate(language), as: .text), staging.cell_excerpt(\(cell)))
            WHEN 'chinese_unit' THEN format(\(Message.numberChineseUnit.sqlTemplate(language), as: .text), staging.cell_excerpt(\(cell)))
            ELSE format(\(generic.sqlTemplate(language, arguments), as: .text), staging.cell_excerpt(\(cell))) END
            """
    }

    /// The unit words a number of a column may end with (SPEC §3.1): 元 after an amount (and ¥ before it),
    /// % after a percentage, 年 after a year, m² after an area.
    static func units(column: String) -> [String] {
        if column.hasSuffix("_yuan") || column.hasPrefix("fee_") { return ["元"] }
        if column == "percent" { return ["%"] }
        if column.hasSuffix("_year") { return ["年"] }
        if column.hasSuffix("_m2") { return ["平方米", "平米", "㎡", "m²", "m2"] }
        return []
    }

    /// What a numeric column holds, for its message.
    private static func numberKind(column: String) -> Message {
        if column.hasSuffix("_yuan") || column.hasPrefix("fee_") { return .notAmount }
        if column.hasSuffix("_m2") { return .notArea }
        if column == "percent" { return .notPercent }
        return .notNumber
    }

    /// A text[] literal of the given texts, each quoted: `{"元"}`.
    static func arrayLiteral(_ texts: [String]) -> String {
        "{" + texts.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    /// A JSON object of text to text, for a lookup bound as one parameter.
    static func json(_ map: [String: String]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: map, options: [.sortedKeys])
        return data.flatMap { String(data: $0, encoding: .utf8) } ?? "{}"
    }

    /// Empty required cells and cells that do not convert; every problem of a row is listed. Most rows are good:
    /// the typed table marks the bad ones (`_bad`, found while converting, each cell read once: `buildTyped`), and
    /// only those are read again here, from the raw table, to say why. Runs after `buildTyped`.
    func validateCells(_ file: Staged) throws {
        var cases: [SQLQuery] = []
        for name in file.present {
            guard let column = file.catalog.column(name) else { continue }
            let cell: SQLQuery = "t.\(ident: name)"
            // A key column may be NULL where the ledger allows it (funding.payer: UNIQUE NULLS NOT DISTINCT).
            let required = column.notNull
            let rule = cellRule(column: name, type: column.type)
            guard required || rule?.bad != nil else { continue }
            var branches: [SQLQuery] = []
            if required {
                branches.append("WHEN \(cell) IS NULL THEN \(Message.required.render(options.language), as: .text)")
            }
            if let rule, let bad = rule.bad, let reason = rule.reason {
                branches.append("WHEN \(bad) THEN \(reason)")
            }
            cases.append("(\(name, as: .text), CASE \(branches.joined(separator: " ")) END)")
        }
        guard !cases.isEmpty else { return }
        let anyBad = try connection.query(SQLQuery("SELECT EXISTS (SELECT 1 FROM \(file.typedTable) AS x WHERE x._bad) AS bad")) {
            try $0.decode("bad", as: Bool.self)
        }
        guard anyBad.first == true else { return }
        try connection.execute(SQLQuery("""
            INSERT INTO pg_temp.load_rejects (kind, line, col, reason)
            SELECT \(file.file.kind.name), t._line, p.col, p.reason
            FROM (SELECT t.* FROM \(file.rawTable) AS t
                  WHERE t._line IN (SELECT x._line FROM \(file.typedTable) AS x WHERE x._bad)) AS t
            CROSS JOIN LATERAL (VALUES \(cases.joined(separator: ", "))) AS p(col, reason)
            WHERE p.reason IS NOT NULL
              -- A cell left out of a row rejected before staging has been spoken of already.
              AND NOT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = \(file.file.kind.name) AND r.line = t._line AND r.col = p.col)
            """))
    }

    /// Copies every staged row into a typed table shaped like the ledger table, with the district filled
    /// in: a cell that did not convert is NULL there (its row is rejected already), so the rules of the
    /// row's other cells are still checked and every problem of a row is reported at once.
    func buildTyped(_ file: Staged) throws {
        let kind = file.file.kind
        try connection.execute(SQLQuery("""
            CREATE TEMP TABLE \(ident: "typed_" + kind.name) (LIKE \(kind.ledgerTable) INCLUDING DEFAULTS INCLUDING GENERATED) ON COMMIT DROP
            """))
        // _exists: whether the key is already in the ledger (set just before the upsert); _bad: a required cell is
        // empty or a cell does not convert (validateCells says why).
        try connection.execute(SQLQuery("""
            ALTER TABLE \(file.typedTable) ADD COLUMN _line integer, ADD COLUMN _exists boolean NOT NULL DEFAULT false,
              ADD COLUMN _bad boolean NOT NULL DEFAULT false
            """))
        for column in file.catalog.columns where column.notNull {
            try connection.execute(SQLQuery("ALTER TABLE \(file.typedTable) ALTER COLUMN \(ident: column.name) DROP NOT NULL"))
        }
        var targets: [SQLQuery] = ["_line"] + file.present.map { "\(ident: $0)" }
        // A cell with a test and a conversion is read once, in a LATERAL subquery (OFFSET 0 keeps the planner
        // from folding it back into two readings), then tested and converted.
        var readings: [SQLQuery] = []
        // What makes a row bad (validateCells): a required cell empty, a cell that does not convert.
        var bad: [SQLQuery] = []
        var values: [SQLQuery] = ["t._line"] + file.present.map { name -> SQLQuery in
            if file.catalog.column(name)?.notNull == true { bad.append("t.\(ident: name) IS NULL") }
            guard let rule = cellRule(column: name, type: file.catalog.column(name)?.type ?? "text", spellings: file.spellings[name]) else {
                return "t.\(ident: name)"
            }
            guard let badOf = rule.badOf else { return rule.convert }
            let reading: SQLQuery = "n.\(ident: "r\(readings.count)")"
            readings.append("\(rule.read) AS \(ident: "r\(readings.count)")")
            bad.append("coalesce(\(badOf(reading)), false)")
            return "CASE WHEN coalesce(\(badOf(reading)), false) THEN NULL ELSE \(rule.convertOf(reading)) END"
        }
        if !bad.isEmpty {
            targets.append("_bad")
            values.append("(\(bad.joined(separator: " OR ")))")
        }
        let read: SQLQuery = readings.isEmpty ? "" : "CROSS JOIN LATERAL (SELECT \(readings.joined(separator: ", ")) OFFSET 0) AS n"
        // A delete load's file holds the key alone: its rows' districts are those of the ledger rows it names
        // (LoaderDelete), not derived from cells.
        let district = options.delete ? (value: nil, joins: "") : districtSource(kind.district, hostType: hostType(file))
        if let value = district.value {
            targets.append("district_code")
            values.append(value)
        }
        try connection.execute(SQLQuery("""
            INSERT INTO \(file.typedTable) (\(targets.joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) FROM \(file.rawTable) AS t \(read) \(district.joins)
            """))
    }

    /// A party organisation's host_type as its code (the file may write 业委会 for committee).
    private func hostType(_ file: Staged) -> SQLQuery {
        cellRule(column: "host_type", type: "text", spellings: file.spellings["host_type"])?.convert ?? "t.host_type"
    }

    /// Where a row's district_code comes from when the file has no such column, and the joins it needs.
    private func districtSource(_ district: LoadKind.District, hostType: SQLQuery) -> (value: SQLQuery?, joins: SQLQuery) {
        switch district {
        case .column:
            return (nil, "")
        case .prefix(let column):
            return ("left(t.\(ident: column), 6)", "")
        case .parent(let column, let parent, _):
            // The parent's key is the column the row names it by (sql/tests/022-load-kinds.sql checks it).
            return ("d.district_code", "LEFT JOIN ledger.\(ident: parent) AS d ON d.\(ident: column) = t.\(ident: column)")
        case .partyHost:
            return ("CASE \(hostType) WHEN 'committee' THEN d.district_code WHEN 'company' THEN c.district_code END", """
                LEFT JOIN ledger.compounds AS d ON \(hostType) = 'committee' AND d.compound_code = t.host_key
                LEFT JOIN ledger.companies AS c ON \(hostType) = 'company' AND c.uscc = t.host_key
                """)
        }
    }
}
