import PostgresClient

/// How a raw text cell becomes a value of its column's type, and the test that it can.
struct CellRule {
    /// True (or NULL) for a cell that does not convert.
    let bad: SQLQuery
    /// The cell converted to the column's type.
    let convert: SQLQuery
    /// The message, a `format()` template whose `%s` is the cell.
    let message: String
}

/// Cell validation: empty required cells and cells that are not of their column's type, then the typed
/// table of the good rows that the checks and the upsert read.
extension Loader {
    /// The conversion of a raw text cell to a column's type (as `format_type` names it), if it needs one.
    func cellRule(column: String, type: String) -> CellRule? {
        let cell: SQLQuery = "t.\(ident: column)"
        if ["integer", "bigint", "smallint"].contains(type) {
            // `type` is one of the three names just listed.
            return CellRule(bad: "\(cell) !~ \("^[+-]?[0-9]{1,9}$", as: .text)", convert: "\(cell)::\(raw: type)",
                            message: "'%s' is not a whole number")
        }
        if let match = type.wholeMatch(of: /numeric\((\d+),(\d+)\)/), let precision = Int(match.output.1), let scale = Int(match.output.2) {
            let digits = precision - scale
            let pattern = scale > 0 ? "^[+-]?[0-9]{1,\(digits)}(\\.[0-9]{1,\(scale)})?$" : "^[+-]?[0-9]{1,\(digits)}$"
            return CellRule(bad: "\(cell) !~ \(pattern, as: .text)", convert: "\(cell)::numeric",
                            message: "'%s' is not \(Loader.numberKind(column: column, scale: scale))")
        }
        switch type {
        case "date":
            return CellRule(bad: "\(cell) IS NOT NULL AND staging.parse_date(\(cell)) IS NULL", convert: "staging.parse_date(\(cell))",
                            message: "'%s' is not a date: write YYYY-MM-DD or YYYY/M/D")
        case "boolean":
            return CellRule(bad: "\(cell) IS NOT NULL AND staging.parse_bool(\(cell)) IS NULL", convert: "staging.parse_bool(\(cell))",
                            message: "'%s' is not a yes/no value: write true/false, yes/no, 1/0 or 是/否")
        default:
            return nil
        }
    }

    /// What a numeric column holds, for its message (a `format()` template: `%` is doubled).
    private static func numberKind(column: String, scale: Int) -> String {
        if column.hasSuffix("_yuan") || column.hasPrefix("fee_") {
            return "an amount in yuan with at most \(scale) decimals (write 1234.50: no thousands separators, no exponent)"
        } else if column.hasSuffix("_m2") {
            return "an area in m² with at most \(scale) decimals"
        } else if column == "percent" {
            return "a percentage with at most \(scale) decimals (write 33.33, without %%)"
        }
        return "a number with at most \(scale) decimals"
    }

    /// Empty required cells and cells that do not convert, in one pass over the raw rows.
    func validateCells(_ file: Staged) throws {
        var cases: [SQLQuery] = []
        var anyBad: [SQLQuery] = []
        for name in file.present {
            guard let column = file.catalog.column(name) else { continue }
            let cell: SQLQuery = "t.\(ident: name)"
            // A key column may be NULL where the ledger allows it (funding.payer: UNIQUE NULLS NOT DISTINCT).
            let required = column.notNull
            let rule = cellRule(column: name, type: column.type)
            guard required || rule != nil else { continue }
            var branches: [SQLQuery] = []
            if required {
                branches.append("WHEN \(cell) IS NULL THEN \("is required, but the cell is empty", as: .text)")
                anyBad.append("\(cell) IS NULL")
            }
            if let rule {
                branches.append("WHEN \(rule.bad) THEN format(\(rule.message, as: .text), staging.cell_excerpt(\(cell)))")
                anyBad.append("coalesce(\(rule.bad), false)")
            }
            cases.append("(\(name, as: .text), CASE \(branches.joined(separator: " ")) END)")
        }
        guard !cases.isEmpty else { return }
        try connection.execute(SQLQuery("""
            INSERT INTO pg_temp.load_rejects (kind, line, col, reason)
            SELECT \(file.file.kind.name), t._line, p.col, p.reason
            -- Most rows are good: find the bad ones in one cheap pass, then say why for those only.
            FROM (SELECT * FROM \(file.rawTable) AS t WHERE \(anyBad.joined(separator: " OR "))) AS t
            CROSS JOIN LATERAL (VALUES \(cases.joined(separator: ", "))) AS p(col, reason)
            WHERE p.reason IS NOT NULL
            """))
    }

    /// Copies the rows whose cells are good into a typed table shaped like the ledger table, with the
    /// district filled in.
    func buildTyped(_ file: Staged) throws {
        let kind = file.file.kind
        try connection.execute(SQLQuery("""
            CREATE TEMP TABLE \(ident: "typed_" + kind.name) (LIKE \(kind.ledgerTable) INCLUDING DEFAULTS INCLUDING GENERATED) ON COMMIT DROP
            """))
        // _exists: whether the key is already in the ledger (set just before the upsert).
        try connection.execute(SQLQuery("ALTER TABLE \(file.typedTable) ADD COLUMN _line integer, ADD COLUMN _exists boolean NOT NULL DEFAULT false"))
        for column in file.catalog.columns where column.notNull {
            try connection.execute(SQLQuery("ALTER TABLE \(file.typedTable) ALTER COLUMN \(ident: column.name) DROP NOT NULL"))
        }
        var targets: [SQLQuery] = ["_line"] + file.present.map { "\(ident: $0)" }
        var values: [SQLQuery] = ["t._line"] + file.present.map { name in
            cellRule(column: name, type: file.catalog.column(name)?.type ?? "text")?.convert ?? "t.\(ident: name)"
        }
        let district = districtSource(kind.district)
        if let value = district.value {
            targets.append("district_code")
            values.append(value)
        }
        try connection.execute(SQLQuery("""
            INSERT INTO \(file.typedTable) (\(targets.joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) FROM \(file.rawTable) AS t \(district.joins)
            WHERE \(notRejected(file))
            """))
    }

    /// Where a row's district_code comes from when the file has no such column, and the joins it needs.
    private func districtSource(_ district: LoadKind.District) -> (value: SQLQuery?, joins: SQLQuery) {
        switch district {
        case .column:
            return (nil, "")
        case .prefix(let column):
            return ("left(t.\(ident: column), 6)", "")
        case .parent(let column, let parent, _):
            // The parent's key is the column the row names it by (sql/tests/022-load-kinds.sql checks it).
            return ("d.district_code", "LEFT JOIN ledger.\(ident: parent) AS d ON d.\(ident: column) = t.\(ident: column)")
        case .partyHost:
            return ("CASE t.host_type WHEN 'committee' THEN d.district_code WHEN 'company' THEN c.district_code END", """
                LEFT JOIN ledger.compounds AS d ON t.host_type = 'committee' AND d.compound_code = t.host_key
                LEFT JOIN ledger.companies AS c ON t.host_type = 'company' AND c.uscc = t.host_key
                """)
        }
    }
}
