import Foundation
import PostgresClient

/// Validation and upsert of a staged file, as set operations in SQL.
extension Loader {
    /// One check over the typed rows: SQL selecting `_line` and a reason, with its parameters.
    private struct Check {
        let column: String
        let sql: String
        let parameters: [any PostgresBindable]
    }

    /// Validates a staged file and upserts its good rows; records its batch.
    func apply(_ file: Staged) throws {
        let kind = file.file.kind
        // The batch is begun through the owner's function (the load history is append-only); it also
        // sets propledger.load_batch, which labels this file's changes in audit.changes.
        let batch = try connection.execute("""
            SELECT audit.begin_batch($1::text, $2::text, $3::text, $4::bigint) AS id
            """, [kind.name, file.file.path, file.sha256, file.summary.rows])[0].decode("id", as: Int64.self)
        file.summary.batchID = batch
        // A --partial load may apply a file again after leaving out rows; count this pass only.
        file.summary.inserted = 0
        file.summary.updated = 0

        try validateCells(file)
        try buildTyped(file)
        try checkDistrict(file)
        try runChecks(rowRuleChecks(file), file)
        try runChecks(referenceChecks(file), file)
        try runChecks(uniqueChecks(file), file)
        try runChecks(overlapChecks(file), file)
        try upsert(file)
        // The next files' checks, the project rules and the deferred constraints run in this same
        // transaction: plan them with statistics that know what this file added (migration 025).
        _ = try connection.execute("SELECT staging.analyze_if_grown($1::text, $2::bigint)",
                                   [kind.name, file.summary.inserted + file.summary.updated])
    }

    private var notRejected: String {
        "NOT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = $1 AND r.line = t._line)"
    }

    // MARK: Cells

    /// The SQL conversion of a raw text cell to a column's type, and the check that it converts.
    private func cellRule(column: String, type: String) -> (bad: String, convert: String, message: String)? {
        let cell = "t.\(SQLText.ident(column))"
        if ["integer", "bigint", "smallint"].contains(type) {
            return ("\(cell) !~ '^[+-]?[0-9]{1,9}$'", "\(cell)::\(type)", "'%s' is not a whole number")
        }
        if let match = type.wholeMatch(of: /numeric\((\d+),(\d+)\)/), let precision = Int(match.output.1), let scale = Int(match.output.2) {
            let digits = precision - scale
            let pattern = scale > 0 ? "^[+-]?[0-9]{1,\(digits)}(\\.[0-9]{1,\(scale)})?$" : "^[+-]?[0-9]{1,\(digits)}$"
            let what: String
            if column.hasSuffix("_yuan") || column.hasPrefix("fee_") {
                what = "an amount in yuan with at most \(scale) decimals (write 1234.50: no thousands separators, no exponent)"
            } else if column.hasSuffix("_m2") {
                what = "an area in m² with at most \(scale) decimals"
            } else if column == "percent" {
                what = "a percentage with at most \(scale) decimals (write 33.33, without %%)"
            } else {
                what = "a number with at most \(scale) decimals"
            }
            return ("\(cell) !~ '\(pattern)'", "\(cell)::numeric", "'%s' is not \(what)")
        }
        switch type {
        case "date":
            return ("\(cell) IS NOT NULL AND staging.parse_date(\(cell)) IS NULL", "staging.parse_date(\(cell))", "'%s' is not a date: write YYYY-MM-DD or YYYY/M/D")
        case "boolean":
            return ("\(cell) IS NOT NULL AND staging.parse_bool(\(cell)) IS NULL", "staging.parse_bool(\(cell))", "'%s' is not a yes/no value: write true/false, yes/no, 1/0 or 是/否")
        default:
            return nil
        }
    }

    /// Empty required cells and cells that do not convert, in one pass over the raw rows.
    private func validateCells(_ file: Staged) throws {
        var parameters: [any PostgresBindable] = [file.file.kind.name]
        var cases: [String] = []
        var anyBad: [String] = []
        for name in file.present {
            guard let column = file.catalog.column(name) else { continue }
            let cell = "t.\(SQLText.ident(name))"
            // A key column may be NULL where the ledger allows it (funding.payer: UNIQUE NULLS NOT DISTINCT).
            let required = column.notNull
            let rule = cellRule(column: name, type: column.type)
            guard required || rule != nil else { continue }
            parameters.append(name)
            let nameParameter = "$\(parameters.count)"
            var branches: [String] = []
            if required {
                parameters.append("is required, but the cell is empty")
                branches.append("WHEN \(cell) IS NULL THEN $\(parameters.count)::text")
                anyBad.append("\(cell) IS NULL")
            }
            if let rule {
                parameters.append(rule.message)
                branches.append("WHEN \(rule.bad) THEN format($\(parameters.count)::text, staging.cell_excerpt(\(cell)))")
                anyBad.append("coalesce(\(rule.bad), false)")
            }
            cases.append("(\(nameParameter)::text, CASE \(branches.joined(separator: " ")) END)")
        }
        guard !cases.isEmpty else { return }
        try connection.execute("""
            INSERT INTO pg_temp.load_rejects (kind, line, col, reason)
            SELECT $1, t._line, p.col, p.reason
            -- Most rows are good: find the bad ones in one cheap pass, then say why for those only.
            FROM (SELECT * FROM \(file.rawTable) AS t WHERE \(anyBad.joined(separator: " OR "))) AS t
            CROSS JOIN LATERAL (VALUES \(cases.joined(separator: ", "))) AS p(col, reason)
            WHERE p.reason IS NOT NULL
            """, parameters)
    }

    /// Copies the rows whose cells are good into a typed table shaped like the ledger table, with the
    /// district filled in.
    private func buildTyped(_ file: Staged) throws {
        let kind = file.file.kind
        try connection.execute("CREATE TEMP TABLE typed_\(kind.name) (LIKE \(kind.table) INCLUDING DEFAULTS INCLUDING GENERATED) ON COMMIT DROP")
        // _exists: whether the key is already in the ledger (set just before the upsert).
        try connection.execute("ALTER TABLE \(file.typedTable) ADD COLUMN _line integer, ADD COLUMN _exists boolean NOT NULL DEFAULT false")
        for column in file.catalog.columns where column.notNull {
            try connection.execute("ALTER TABLE \(file.typedTable) ALTER COLUMN \(SQLText.ident(column.name)) DROP NOT NULL")
        }
        var targets = ["_line"] + file.present.map(SQLText.ident)
        var values = ["t._line"] + file.present.map { name in
            cellRule(column: name, type: file.catalog.column(name)?.type ?? "text")?.convert ?? "t.\(SQLText.ident(name))"
        }
        var joins = ""
        switch kind.district {
        case .column:
            break
        case .prefix(let column):
            targets.append("district_code")
            values.append("left(t.\(SQLText.ident(column)), 6)")
        case .parent(let column, let directory, let directoryKey, _, _):
            targets.append("district_code")
            values.append("d.district_code")
            joins = "LEFT JOIN \(directory) AS d ON d.\(SQLText.ident(directoryKey)) = t.\(SQLText.ident(column))"
        case .partyHost:
            targets.append("district_code")
            values.append("CASE t.host_type WHEN 'committee' THEN d.district_code WHEN 'company' THEN c.district_code END")
            joins = """
                LEFT JOIN ledger.compounds AS d ON t.host_type = 'committee' AND d.compound_code = t.host_key
                LEFT JOIN ledger.companies AS c ON t.host_type = 'company' AND c.uscc = t.host_key
                """
        }
        try connection.execute("""
            INSERT INTO \(file.typedTable) (\(targets.joined(separator: ", ")))
            SELECT \(values.joined(separator: ", ")) FROM \(file.rawTable) AS t \(joins)
            WHERE \(notRejected)
            """, [kind.name])
    }

    // MARK: District and scope

    private func checkDistrict(_ file: Staged) throws {
        let kind = file.file.kind
        var checks: [Check] = []
        let districtColumn: String
        // A scoped loader sees only its districts' rows (row-level security), so a parent it cannot find
        // may be new or another district's: it is told only that it is not in its districts (SPEC §5).
        let notFound = scope.isCity ? "it is not in the ledger" : "it is not in the ledger within your districts (\(scope.listed))"
        switch kind.district {
        case .column(let column):
            districtColumn = column
        case .prefix(let column):
            districtColumn = column
        case .parent(let column, _, _, let parent, let parentFile):
            districtColumn = column
            checks.append(Check(column: column, sql: """
                SELECT t._line, format($2::text, staging.cell_excerpt(t.\(SQLText.ident(column)))) FROM \(file.typedTable) AS t
                WHERE t.district_code IS NULL AND \(notRejected)
                """, parameters: [Loader.formatLiteral("unknown \(parent) '") + "%s" + Loader.formatLiteral(
                    "': \(notFound); if it is new, load \(parentFile) first" + (scope.isCity ? ", or check the code" : "; if it is another district's, send the row to that district's office"))]))
        case .partyHost:
            districtColumn = "host_key"
            checks.append(Check(column: "host_key", sql: """
                SELECT t._line, format($2::text, staging.cell_excerpt(t.host_key), t.host_type) FROM \(file.typedTable) AS t
                WHERE t.district_code IS NULL AND t.host_type IN ('committee', 'company') AND \(notRejected)
                """, parameters: ["unknown host '%s' for host_type %s: " + Loader.formatLiteral(notFound)
                                  + "; a committee is hosted by a compound (compound_code), a company by its USCC; load it first"]))
        }
        let outside = Loader.formatLiteral("outside your districts (\(scope.listed)); send it to that district's office, or ask for access with propledger access grant")
        checks.append(Check(column: districtColumn, sql: """
            SELECT t._line, format($2::text, staging.cell_excerpt(t.district_code))
            FROM \(file.typedTable) AS t
            WHERE t.district_code IS NOT NULL AND NOT ledger.scope_covers(t.district_code) AND \(notRejected)
            """, parameters: ["belongs to district %s, " + outside]))
        // Registries (districts, streets, communities, companies) are readable city-wide but writable only
        // within scope: a row already in the ledger under another district must be refused here, or
        // row-level security would silently skip its update and the row would count as "unchanged".
        switch kind.district {
        case .column, .prefix:
            if !scope.isCity {
                checks.append(Check(column: districtColumn, sql: """
                    SELECT t._line, format($2::text, coalesce(x.district_code, 'none'))
                    FROM \(file.typedTable) AS t JOIN \(kind.table) AS x ON \(sameKey(file, "x", "t"))
                    WHERE (x.district_code IS NULL OR NOT ledger.scope_covers(x.district_code)) AND \(notRejected)
                    """, parameters: ["is in the ledger under district %s, " + outside]))
            }
        case .parent, .partyHost:
            break
        }
        try runChecks(checks, file)
    }

    /// Text for a `format()` template: every `%` doubled, so no text but the template's own `%s` is read as a specifier.
    static func formatLiteral(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%%")
    }

    // MARK: Rules from the catalog

    /// Every CHECK constraint of the ledger table, evaluated on the typed rows in one pass.
    private func rowRuleChecks(_ file: Staged) -> [Check] {
        let checks = file.catalog.checks
        guard !checks.isEmpty else { return [] }
        var parameters: [any PostgresBindable] = [file.file.kind.name]
        var values: [String] = []
        for check in checks {
            let column = check.columns.first ?? "row"
            parameters.append(column)
            let columnParameter = parameters.count
            parameters.append(Loader.ruleMessage(check))
            let messageParameter = parameters.count
            let shown = check.columns.first.map { "staging.cell_excerpt(t.\(SQLText.ident($0))::text)" } ?? "''"
            values.append("($\(columnParameter)::text, CASE WHEN NOT (\(check.expression)) THEN format($\(messageParameter)::text, \(shown)) END)")
        }
        // The checks run on the typed table's own columns (the constraint expressions name them unqualified).
        // A CHECK fails only when its expression is false (NULL passes): filter those rows first.
        let anyFailed = checks.map { "(\($0.expression)) IS FALSE" }.joined(separator: " OR ")
        let sql = """
            SELECT t._line, p.col, p.reason FROM (SELECT * FROM \(file.typedTable) AS t WHERE \(anyFailed)) AS t
            CROSS JOIN LATERAL (VALUES \(values.joined(separator: ", "))) AS p(col, reason)
            WHERE p.reason IS NOT NULL AND \(notRejected)
            """
        return [Check(column: "", sql: sql, parameters: Array(parameters.dropFirst()))]
    }

    /// A reader's sentence for a CHECK constraint: an enumeration lists its values; others name the rule.
    static func ruleMessage(_ check: TableCatalog.Check) -> String {
        if let match = check.expression.firstMatch(of: /= ANY \(\(?ARRAY\[(.*)\]/) {
            let values = match.output.1.matches(of: /'((?:[^']|'')*)'/).map { String($0.output.1) }
            if !values.isEmpty {
                return "'%s' is not one of: " + formatLiteral(values.joined(separator: ", "))
            }
        }
        let rule = check.comment ?? check.name.replacingOccurrences(of: "_", with: " ")
        return "'%s' breaks the rule \"" + formatLiteral(rule) + "\" (" + formatLiteral("\(check.name): \(check.expression)") + ")"
    }

    /// Every foreign key of the ledger table: the referenced row must exist (anti-join).
    private func referenceChecks(_ file: Staged) -> [Check] {
        file.catalog.foreignKeys.map { key in
            let notNull = key.columns.map { "t.\(SQLText.ident($0)) IS NOT NULL" }.joined(separator: " AND ")
            let match = zip(key.columns, key.referencedColumns)
                .map { "x.\(SQLText.ident($1)) = t.\(SQLText.ident($0))" }.joined(separator: " AND ")
            let shown = key.columns.map { "staging.cell_excerpt(t.\(SQLText.ident($0))::text)" }.joined(separator: ", ")
            let referenced = key.referencedColumns.joined(separator: ", ")
            let kindName = key.referencedTable.replacingOccurrences(of: "ledger.", with: "")
            let message = Loader.formatLiteral("no \(kindName) row with \(referenced) = (") + "%s"
                + Loader.formatLiteral(") is in the ledger (\(key.name)); load \(kindName).csv first, or check the code")
            return Check(column: key.columns.first { $0 != "district_code" } ?? key.columns[0], sql: """
                SELECT t._line, format($2::text, concat_ws(', ', \(shown))) FROM \(file.typedTable) AS t
                WHERE \(notNull) AND \(notRejected)
                  AND NOT EXISTS (SELECT 1 FROM \(key.referencedTable) AS x WHERE \(match))
                """, parameters: [message])
        }
    }

    /// SQL saying two aliases have the same key: `=` where the ledger forbids NULL (so the planner can hash
    /// or use the index), IS NOT DISTINCT FROM where a key column may be NULL (funding.payer).
    private func sameKey(_ file: Staged, _ left: String, _ right: String) -> String {
        file.file.kind.key.map { name in
            let nullable = !(file.catalog.column(name)?.notNull ?? false)
            return "\(left).\(SQLText.ident(name)) \(nullable ? "IS NOT DISTINCT FROM" : "=") \(right).\(SQLText.ident(name))"
        }.joined(separator: " AND ")
    }

    /// Duplicate keys inside the file, and other unique indexes (within the file and against the ledger).
    private func uniqueChecks(_ file: Staged) -> [Check] {
        let kind = file.file.kind
        var checks: [Check] = []
        let keyList = kind.key.map { "t.\(SQLText.ident($0))" }.joined(separator: ", ")
        let sameKey = { (left: String, right: String) in self.sameKey(file, left, right) }
        // Count keys with a hash aggregate first; only the (few) duplicated rows are then sorted into lists.
        checks.append(Check(column: kind.key[0], sql: """
            WITH duplicated AS (
              SELECT \(keyList) FROM \(file.typedTable) AS t WHERE \(notRejected) GROUP BY \(keyList) HAVING count(*) > 1
            ), rows AS (
              SELECT t.* FROM \(file.typedTable) AS t JOIN duplicated AS d ON \(sameKey("d", "t")) WHERE \(notRejected)
            ), lists AS (
              SELECT \(keyList), array_agg(t._line ORDER BY t._line) AS lines FROM rows AS t GROUP BY \(keyList)
            )
            SELECT t._line, format($2::text, concat_ws(', ', \(kind.key.map { "staging.cell_excerpt(t.\(SQLText.ident($0))::text)" }.joined(separator: ", "))),
                   array_to_string(array_remove(l.lines, t._line), ', '))
            FROM rows AS t JOIN lists AS l ON \(sameKey("l", "t"))
            """, parameters: [Loader.formatLiteral("duplicate key (\(kind.key.joined(separator: ", "))) = (") + "%s): also on line %s; keep one row per key"]))
        for index in file.catalog.uniqueIndexes where Set(index.columns) != Set(kind.key) && !index.columns.contains("district_code") {
            let columns = index.columns.map { "t.\(SQLText.ident($0))" }.joined(separator: ", ")
            let predicate = index.predicate.map { " AND (\($0))" } ?? ""
            let same = index.columns.map { "o.\(SQLText.ident($0)) = t.\(SQLText.ident($0))" }.joined(separator: " AND ")
            let shortName = index.name.replacingOccurrences(of: "ledger.", with: "")
            checks.append(Check(column: index.columns[0], sql: """
                SELECT t._line, format($2::text, concat_ws(', ', \(index.columns.map { "staging.cell_excerpt(t.\(SQLText.ident($0))::text)" }.joined(separator: ", "))),
                       array_to_string(array_remove(d.lines, t._line), ', '))
                FROM \(file.typedTable) AS t
                JOIN (SELECT \(columns), array_agg(t._line ORDER BY t._line) AS lines FROM \(file.typedTable) AS t
                      WHERE \(notRejected)\(predicate) GROUP BY \(columns) HAVING count(*) > 1) AS d
                  ON \(index.columns.map { "d.\(SQLText.ident($0)) = t.\(SQLText.ident($0))" }.joined(separator: " AND "))
                WHERE \(notRejected)\(predicate)
                """, parameters: ["(%s) conflicts with line %s: only one row may have these values (" + Loader.formatLiteral(shortName) + ")"]))
            let keyMatch = kind.key.map { "k.\(SQLText.ident($0)) IS NOT DISTINCT FROM o.\(SQLText.ident($0))" }.joined(separator: " AND ")
            checks.append(Check(column: index.columns[0], sql: """
                SELECT t._line, format($2::text, concat_ws(', ', \(index.columns.map { "staging.cell_excerpt(t.\(SQLText.ident($0))::text)" }.joined(separator: ", "))))
                FROM \(file.typedTable) AS t
                WHERE \(notRejected)\(predicate)
                  AND EXISTS (SELECT 1 FROM \(kind.table) AS o WHERE \(same)
                              -- The index predicate names columns unqualified: here they resolve to o.
                              AND (\(index.predicate ?? "true"))
                              AND NOT EXISTS (SELECT 1 FROM \(file.typedTable) AS k WHERE \(keyMatch)))
                """, parameters: ["(%s) conflicts with a row already in the ledger: only one row may have these values (" + Loader.formatLiteral(shortName) + "); close or change that row first"]))
        }
        return checks
    }

    /// Periods that must not overlap: within the file, and against ledger rows the file does not replace.
    private func overlapChecks(_ file: Staged) -> [Check] {
        let kind = file.file.kind
        return kind.overlaps.flatMap { overlap -> [Check] in
            let range: (String) -> String = { alias in
                "daterange(\(alias).\(SQLText.ident(overlap.start)), \(alias).\(SQLText.ident(overlap.end)), '[]')"
            }
            let sameGroup: (String) -> String = { alias in
                overlap.group.map { "\(alias).\(SQLText.ident($0)) = t.\(SQLText.ident($0))" }.joined(separator: " AND ")
            }
            let keyMatch = kind.key.map { "k.\(SQLText.ident($0)) = o.\(SQLText.ident($0))" }.joined(separator: " AND ")
            let valid = "\(range("t")) IS NOT NULL AND t.\(SQLText.ident(overlap.start)) <= coalesce(t.\(SQLText.ident(overlap.end)), 'infinity')"
            return [
                Check(column: overlap.start, sql: """
                    SELECT t._line, format($2::text, string_agg(o._line::text, ', ' ORDER BY o._line))
                    FROM \(file.typedTable) AS t JOIN \(file.typedTable) AS o
                      ON \(sameGroup("o")) AND o._line <> t._line AND \(range("o")) && \(range("t"))
                    WHERE \(valid) AND \(notRejected)
                      AND NOT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = $1 AND r.line = o._line)
                    GROUP BY t._line
                    """, parameters: ["overlaps line %s: " + Loader.formatLiteral(overlap.rule)]),
                Check(column: overlap.start, sql: """
                    SELECT t._line, format($2::text, o.\(SQLText.ident(overlap.start)), coalesce(o.\(SQLText.ident(overlap.end))::text, 'open-ended'))
                    FROM \(file.typedTable) AS t JOIN \(kind.table) AS o
                      ON \(sameGroup("o")) AND \(range("o")) && \(range("t"))
                    WHERE \(valid) AND \(notRejected)
                      AND NOT EXISTS (SELECT 1 FROM \(file.typedTable) AS k WHERE \(keyMatch))
                    """, parameters: ["overlaps the one from %s to %s already in the ledger: " + Loader.formatLiteral(overlap.rule)]),
            ]
        }
    }

    /// Runs checks, each inserting its (line, reason) rows into load_rejects.
    private func runChecks(_ checks: [Check], _ file: Staged) throws {
        for check in checks {
            let sql: String
            if check.column.isEmpty {
                sql = "INSERT INTO pg_temp.load_rejects (kind, line, col, reason) SELECT $1, c._line, c.col, c.reason FROM (\(check.sql)) AS c(_line, col, reason)"
            } else {
                sql = "INSERT INTO pg_temp.load_rejects (kind, line, col, reason) SELECT $1, c._line, $\(check.parameters.count + 2)::text, c.reason FROM (\(check.sql)) AS c(_line, reason)"
            }
            var parameters: [any PostgresBindable] = [file.file.kind.name]
            parameters.append(contentsOf: check.parameters)
            if !check.column.isEmpty { parameters.append(check.column) }
            try connection.execute(sql, parameters)
        }
    }

    // MARK: Upsert

    /// Inserts new rows and updates changed ones; unchanged rows are not rewritten. A constraint the checks
    /// did not foresee is narrowed down to its rows by halving the set (each half in a savepoint).
    private func upsert(_ file: Staged) throws {
        let lines = try connection.query("SELECT min(t._line) AS lo, max(t._line) AS hi FROM \(file.typedTable) AS t WHERE \(notRejected)",
                                         [file.file.kind.name]) { (try $0.decode("lo", as: Int?.self), try $0.decode("hi", as: Int?.self)) }
        guard let low = lines.first?.0, let high = lines.first?.1 else { return }
        // Which keys exist, in a statement of its own: an INSERT … WHERE NOT EXISTS (SELECT … FROM the same
        // table) may be planned as a nested loop that re-reads the growing table for every row (seen at 10M rows).
        try connection.execute("""
            UPDATE \(file.typedTable) AS t SET _exists = true
            WHERE \(notRejected) AND EXISTS (SELECT 1 FROM \(file.file.kind.table) AS x WHERE \(sameKey(file, "x", "t")))
            """, [file.file.kind.name])
        try upsertRange(file, low, high)
    }

    private func upsertRange(_ file: Staged, _ low: Int, _ high: Int) throws {
        let parameters: [any PostgresBindable] = [file.file.kind.name, low, high]
        do {
            let statements = upsertStatements(file)
            let counts = try connection.withSavepoint("load_upsert") {
                // Existing keys (_exists) are updated where they differ; the others are inserted.
                let updated = try statements.update.map { try connection.execute($0, parameters).affectedRows } ?? 0
                let inserted = try connection.execute(statements.insert, parameters).affectedRows
                return (inserted: inserted, updated: updated)
            }
            file.summary.inserted += counts.inserted
            file.summary.updated += counts.updated
        } catch let error as PostgresError where error.kind == .server {
            guard error.sqlState?.classCode == "23" || error.sqlState == .insufficientPrivilege || error.sqlState?.classCode == "22" else { throw error }
            if low >= high {
                let reason: String
                if !scope.isCity && (error.sqlState == .uniqueViolation || error.sqlState == .insufficientPrivilege) {
                    // The checks found no conflict among the rows this loader can see, so the key is held in
                    // a district it cannot see (or the row would land outside its districts): say only that.
                    reason = error.sqlState == .uniqueViolation
                        ? "this key is already used outside your districts (\(scope.listed)); check the code, or send the row to the office of the district it belongs to"
                        : "the row would be outside your districts (\(scope.listed)); give its district, or send it to that district's office"
                } else {
                    reason = error.message + (error.detail.map { " (\($0))" } ?? "")
                }
                try connection.execute("INSERT INTO pg_temp.load_rejects VALUES ($1, $2, $3, $4)",
                                       [file.file.kind.name, low, error.column ?? error.constraint ?? "row", reason])
                return
            }
            let middle = low + (high - low) / 2
            try upsertRange(file, low, middle)
            try upsertRange(file, middle + 1, high)
        }
    }

    /// The upsert as two set statements: an UPDATE of existing keys whose values differ (unchanged rows are
    /// not rewritten, so they write no audit rows), then a plain INSERT of the new keys (`_exists` false). Plain INSERT avoids the
    /// per-row speculative insertion of ON CONFLICT, which doubled the cost of a 1M-row load.
    private func upsertStatements(_ file: Staged) -> (update: String?, insert: String) {
        let kind = file.file.kind
        let derived: [String] = {
            switch kind.district {
            case .column: return []
            default: return ["district_code"]
            }
        }()
        let columns = file.present + derived
        let rows = "\(notRejected) AND t._line BETWEEN $2 AND $3"
        let updatable = columns.filter { !kind.key.contains($0) }
        let update: String? = updatable.isEmpty ? nil : """
            UPDATE \(kind.table) AS x SET \(updatable.map { "\(SQLText.ident($0)) = t.\(SQLText.ident($0))" }.joined(separator: ", "))
            FROM \(file.typedTable) AS t
            WHERE t._exists AND \(sameKey(file, "x", "t")) AND \(rows)
              AND (\(updatable.map { "x.\(SQLText.ident($0))" }.joined(separator: ", "))) IS DISTINCT FROM (\(updatable.map { "t.\(SQLText.ident($0))" }.joined(separator: ", ")))
            """
        let insert = """
            INSERT INTO \(kind.table) (\(columns.map(SQLText.ident).joined(separator: ", ")))
            SELECT \(columns.map { "t.\(SQLText.ident($0))" }.joined(separator: ", ")) FROM \(file.typedTable) AS t
            WHERE \(rows) AND NOT t._exists
            """
        return (update, insert)
    }

    // MARK: Cross-file rules

    /// The project rules of SPEC §2.4/§2.5 for every project this load touched, as rejects of the
    /// rows involved (the project, its shares and its votes in this load).
    func projectRuleViolations(_ staged: [Staged]) throws -> [(kind: String, line: Int, column: String, reason: String)] {
        let involved = staged.filter { ["projects", "funding", "votes"].contains($0.file.kind.name) }
        // Changed units change the totals of votes that left them blank (computed from the units in scope).
        let units = staged.first { $0.file.kind.name == "units" }
        var sources = involved.map { "SELECT t.project_code FROM \($0.typedTable) AS t" }
        if let units {
            sources.append("""
                SELECT p.project_code FROM ledger.projects AS p
                WHERE p.compound_code IN (SELECT t.compound_code FROM \(units.typedTable) AS t)
                  AND EXISTS (SELECT 1 FROM ledger.votes AS v WHERE v.project_code = p.project_code
                              AND (v.total_area_m2 IS NULL OR v.total_owners IS NULL))
                """)
        }
        guard !sources.isEmpty else { return [] }
        // DISTINCT: a project named on several rows is checked (and reported) once.
        let codes = "SELECT DISTINCT c.project_code FROM (" + sources.joined(separator: " UNION ALL ") + ") AS c(project_code)"
        let violations = try connection.query("""
            SELECT v.project_code, v.rule, v.message, v.hint
            FROM staging.project_rule_violations(ARRAY(\(codes))) AS v
            """) {
            (code: try $0.decode("project_code", as: String.self), rule: try $0.decode("rule", as: String.self),
             message: try $0.decode("message", as: String.self), hint: try $0.decode("hint", as: String?.self))
        }
        var result: [(kind: String, line: Int, column: String, reason: String)] = []
        for violation in violations {
            var rows: [(kind: String, line: Int, column: String)] = []
            for file in involved {
                let lines = try connection.query("""
                    SELECT t._line FROM \(file.typedTable) AS t
                    WHERE t.project_code = $2 AND \(notRejected) ORDER BY 1
                    """, [file.file.kind.name, violation.code]) { try $0.decode("_line", as: Int.self) }
                rows.append(contentsOf: lines.map { (file.file.kind.name, $0, "project_code") })
            }
            if let units {
                let lines = try connection.query("""
                    SELECT t._line FROM \(units.typedTable) AS t
                    WHERE t.compound_code = (SELECT p.compound_code FROM ledger.projects AS p WHERE p.project_code = $2)
                      AND \(notRejected) ORDER BY 1
                    """, ["units", violation.code]) { try $0.decode("_line", as: Int.self) }
                rows.append(contentsOf: lines.map { ("units", $0, "compound_code") })
            }
            var reason = "\(violation.message) (\(violation.rule))" + (violation.hint.map { "; \($0)" } ?? "")
            // The rule is about the project as a whole, so which of its rows is at fault is not known:
            // say that its rows in this load are kept out together, and which they are.
            if rows.count > 1 {
                let listed = Dictionary(grouping: rows, by: \.kind).sorted { $0.key < $1.key }
                    .map { "\($0.key).csv line\($0.value.count > 1 ? "s" : "") \($0.value.map { String($0.line) }.joined(separator: ", "))" }
                    .joined(separator: "; ")
                reason += " — the rule concerns the whole project, so its \(rows.count) rows in this load are kept out together (\(listed)): correct the one at fault and load them again"
            }
            result.append(contentsOf: rows.map { ($0.kind, $0.line, $0.column, reason) })
        }
        return result
    }

    // MARK: Reporting

    /// The file's rejects: structural ones, then those found in SQL, in line order.
    func collectRejects(_ file: Staged) throws -> [Reject] {
        let found = try connection.query("""
            SELECT line, col, reason FROM pg_temp.load_rejects WHERE kind = $1 ORDER BY line, col, reason
            """, [file.file.kind.name]) {
            Reject(file: file.file.path, line: try $0.decode("line"), column: try $0.decode("col"), reason: try $0.decode("reason"))
        }
        return (file.structural + found).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    /// Writes the rejected rows with the file's own header plus `_line` and `_reason`, so an office can fix
    /// them and load the same file again. One input: the path is the file; several: a directory of KIND.csv.
    /// Reads each file's `rejects`, collected once after the load was applied. Rows rejected before
    /// staging (a wrong cell count, a NUL character …) are written with their cells as they were read.
    /// Never writes over an input file, a directory, device, FIFO or symbolic link (OutputFile).
    func writeRejects(_ staged: [Staged], to path: String) throws {
        let inputs = staged.map(\.file.path)
        if staged.count > 1 { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        for file in staged where staged.count == 1 || !file.rejects.isEmpty {
            let target = staged.count == 1 ? path : (path as NSString).appendingPathComponent("\(file.file.kind.name).csv")
            let width = file.headerCells.count
            let kept = file.headerCells.indices.filter { file.headerCells[$0] != "_line" && file.headerCells[$0] != "_reason" }
            var text = "\u{FEFF}" + (kept.map { file.headerCells[$0] } + ["_line", "_reason"])
                .map { CSVText.field($0) }.joined(separator: ",") + "\r\n"
            let reasons = Dictionary(grouping: file.rejects, by: \.line)
            let why = { (line: Int) in (reasons[line] ?? []).map { "\($0.column): \($0.reason)" }.joined(separator: "; ") }
            // The staged columns, by header position (the others are _line/_reason).
            var columnAt: [Int: String] = [:]
            for index in kept { if let column = file.file.kind.column(forHeader: file.headerCells[index]) { columnAt[index] = column.name } }
            let selected = kept.compactMap { columnAt[$0] }
            var lines: [(line: Int, cells: [String])] = []
            let rows = try connection.query("""
                SELECT t._line\(selected.map { ", t.\(SQLText.ident($0))" }.joined())
                FROM \(file.rawTable) AS t
                WHERE EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = $1 AND r.line = t._line) ORDER BY t._line
                """, [file.file.kind.name]) { row in row.texts }
            for cells in rows {
                guard let line = cells[0].flatMap(Int.init) else { continue }
                var byColumn: [String: String] = [:]
                for (offset, name) in selected.enumerated() { byColumn[name] = cells[offset + 1] ?? "" }
                lines.append((line, kept.map { columnAt[$0].flatMap { byColumn[$0] } ?? "" }))
            }
            for (line, cells) in file.structuralCells {
                // As read: the cells a well-formed row has in the kept columns; a row with a wrong cell
                // count keeps all of its cells (padded to the header's width) so nothing is lost.
                let asRead = cells.map { $0 ?? "" }
                if asRead.count == width {
                    lines.append((line, kept.map { asRead[$0] }))
                } else {
                    lines.append((line, asRead + Array(repeating: "", count: max(0, kept.count - asRead.count))))
                }
            }
            lines.sort { $0.line < $1.line }
            // A cell a spreadsheet would run as a formula (=, +, -, @ …) is neutralised, except a plain
            // number in a numeric column (CSVText.field).
            let numeric = kept.map { index in
                columnAt[index].flatMap { file.catalog.column($0)?.type }.map { type in
                    type.hasPrefix("numeric") || ["integer", "bigint", "smallint"].contains(type)
                } ?? false
            }
            for entry in lines {
                let cells = entry.cells.enumerated().map { CSVText.field($0.element, isNumber: $0.offset < numeric.count && numeric[$0.offset]) }
                text += (cells + [String(entry.line), CSVText.field(why(entry.line))]).joined(separator: ",") + "\r\n"
            }
            try OutputFile.write(Data(text.utf8), to: target, notOneOf: inputs)
        }
    }

    /// After a rejected load, one batch row per file says so (in its own transaction).
    func recordRejectedBatches(_ staged: [Staged]) {
        _ = try? connection.withTransaction {
            for file in staged {
                try connection.execute("""
                    INSERT INTO audit.load_batches (kind, file_name, sha256, rows, rejected, status, finished_at)
                    VALUES ($1, $2, $3, $4, $5, 'rejected', clock_timestamp())
                    """, [file.file.kind.name, file.file.path, file.sha256, file.summary.rows, file.summary.rejected])
            }
        }
    }
}
