import PostgresClient

extension Loader {
    /// One check over the typed rows: a query selecting `_line` and a reason (and, when `column` is nil,
    /// the column of each row, before the reason).
    struct Check {
        /// The column every row it finds is rejected for, or nil when the query says per row.
        let column: String?
        /// The query.
        let query: SQLQuery
    }
}

/// The checks of the typed rows against the ledger's own rules — district and scope, CHECK constraints,
/// foreign keys, unique keys and indexes, periods that must not overlap — each adding its rows to
/// pg_temp.load_rejects. Every message is a catalogue template (`Message.sqlTemplate`, in the load's
/// language) bound as a parameter, and cells go in only as its `%s` arguments, quoted through
/// `staging.cell_excerpt`.
extension Loader {
    /// Runs checks, each inserting its (line, column, reason) rows into load_rejects.
    func runChecks(_ checks: [Check], _ file: Staged) throws {
        let kind = file.file.kind.name
        for check in checks {
            if let column = check.column {
                try connection.execute(SQLQuery("""
                    INSERT INTO pg_temp.load_rejects (kind, line, col, reason)
                    SELECT \(kind), c._line, \(column, as: .text), c.reason FROM (\(check.query)) AS c(_line, reason)
                    """))
            } else {
                try connection.execute(SQLQuery("""
                    INSERT INTO pg_temp.load_rejects (kind, line, col, reason)
                    SELECT \(kind), c._line, c.col, c.reason FROM (\(check.query)) AS c(_line, col, reason)
                    """))
            }
        }
    }

    /// SQL saying two aliases have the same key: `=` where the ledger forbids NULL (so the planner can hash
    /// or use the index), IS NOT DISTINCT FROM where a key column may be NULL (funding.payer).
    func sameKey(_ file: Staged, _ left: SQLQuery, _ right: SQLQuery) -> SQLQuery {
        file.catalog.key.map { name -> SQLQuery in
            let nullable = !(file.catalog.column(name)?.notNull ?? false)
            let equal: SQLQuery = nullable ? "IS NOT DISTINCT FROM" : "="
            return "\(left).\(ident: name) \(equal) \(right).\(ident: name)"
        }.joined(separator: " AND ")
    }

    /// Cells of the typed rows, each cut and quoted for a message, as `concat_ws` arguments.
    private func excerpts(_ columns: [String], of alias: SQLQuery = "t") -> SQLQuery {
        columns.map { "staging.cell_excerpt(\(alias).\(ident: $0)::text)" as SQLQuery }.joined(separator: ", ")
    }

    // MARK: District and scope

    /// The district each row belongs to is known, and within the loader's districts (SPEC §5).
    func checkDistrict(_ file: Staged) throws {
        var checks: [Check] = []
        let districtColumn: String
        switch file.file.kind.district {
        case .column(let column), .prefix(let column):
            districtColumn = column
        case .parent(let column, let parent, let noun):
            districtColumn = column
            let named = file.nouns[parent].map { options.language == .zh ? $0.zh : $0.en } ?? noun
            checks.append(unknownParent(file, column: column, parent: named, parentFile: "\(parent).csv"))
        case .partyHost:
            districtColumn = "host_key"
            checks.append(unknownHost(file))
        }
        checks.append(outsideScope(file, column: districtColumn))
        if let registry = registryOfAnotherDistrict(file, column: districtColumn) { checks.append(registry) }
        try runChecks(checks, file)
    }

    /// Rows whose parent (compound, project, inspection) is not found. A scoped loader sees only its
    /// districts' rows (row-level security), so a parent it cannot find may be new or another district's: it
    /// is told only that it is not in its districts (SPEC §5).
    private func unknownParent(_ file: Staged, column: String, parent: String, parentFile: String) -> Check {
        let message = (scope.isCity ? Message.unknownParentCity : .unknownParentScoped)
            .sqlTemplate(options.language, ["noun": parent, "file": parentFile, "districts": scope.listed])
        return Check(column: column, query: """
            SELECT t._line, format(\(message, as: .text), staging.cell_excerpt(t.\(ident: column))) FROM \(file.typedTable) AS t
            WHERE t.district_code IS NULL AND \(notRejected(file))
            """)
    }

    /// Party organisations whose host (a compound's committee, or a company) is not found.
    private func unknownHost(_ file: Staged) -> Check {
        let message = (scope.isCity ? Message.unknownHostCity : .unknownHostScoped)
            .sqlTemplate(options.language, ["districts": scope.listed], positional: ["cell", "type"])
        return Check(column: "host_key", query: """
            SELECT t._line, format(\(message, as: .text), staging.cell_excerpt(t.host_key), t.host_type) FROM \(file.typedTable) AS t
            WHERE t.district_code IS NULL AND t.host_type IN ('committee', 'company') AND \(notRejected(file))
            """)
    }

    /// Rows of a district outside the loader's scope.
    private func outsideScope(_ file: Staged, column: String) -> Check {
        Check(column: column, query: """
            SELECT t._line, format(\(Message.outsideDistricts.sqlTemplate(options.language, ["districts": scope.listed]), as: .text),
                                   staging.cell_excerpt(t.district_code))
            FROM \(file.typedTable) AS t
            WHERE t.district_code IS NOT NULL AND NOT ledger.scope_covers(t.district_code) AND \(notRejected(file))
            """)
    }

    /// Registries (districts, streets, communities, companies) are readable city-wide but writable only
    /// within scope: a row already in the ledger under another district must be refused here, or
    /// row-level security would silently skip its update and the row would count as "unchanged".
    private func registryOfAnotherDistrict(_ file: Staged, column: String) -> Check? {
        switch file.file.kind.district {
        case .column, .prefix:
            guard !scope.isCity else { return nil }
            return Check(column: column, query: """
                SELECT t._line, format(\(Message.registryOtherDistrict.sqlTemplate(options.language, ["districts": scope.listed]), as: .text),
                                       coalesce(x.district_code, \(Message.noDistrict.render(options.language), as: .text)))
                FROM \(file.typedTable) AS t JOIN \(file.file.kind.ledgerTable) AS x ON \(sameKey(file, "x", "t"))
                WHERE (x.district_code IS NULL OR NOT ledger.scope_covers(x.district_code)) AND \(notRejected(file))
                """)
        case .parent, .partyHost:
            return nil
        }
    }

    // MARK: Rules from the catalog

    /// SQL true for a row none of whose given cells has been rejected: a rule over a cell that was bad (NULL
    /// in the typed table) would only repeat that problem, or invent another.
    func cellsNotRejected(_ file: Staged, _ columns: [String]) -> SQLQuery {
        """
        NOT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = \(file.file.kind.name) AND r.line = t._line \
        AND r.col = ANY (\(Loader.arrayLiteral(columns), as: .textArray)))
        """
    }

    /// Every CHECK constraint of the ledger table, evaluated on the typed rows in one pass: every rule a row
    /// breaks is listed, except rules over a cell already rejected.
    func rowRuleChecks(_ file: Staged) -> [Check] {
        let checks = file.catalog.checks
        guard !checks.isEmpty else { return [] }
        // The constraint expressions come from the catalog (pg_get_expr) and name the typed table's own
        // columns unqualified.
        let values = checks.map { check -> SQLQuery in
            let shown: SQLQuery = check.columns.first.map { "staging.cell_excerpt(t.\(ident: $0)::text)" } ?? "''"
            return """
                (\(check.columns.first ?? "row", as: .text), \
                CASE WHEN NOT (\(raw: check.expression)) AND \(cellsNotRejected(file, check.columns)) \
                THEN format(\(ruleMessage(check, file), as: .text), \(shown)) END)
                """
        }
        // A CHECK fails only when its expression is false (NULL passes): filter those rows first.
        let anyFailed = checks.map { "(\(raw: $0.expression)) IS FALSE" as SQLQuery }.joined(separator: " OR ")
        return [Check(column: nil, query: """
            SELECT t._line, p.col, p.reason FROM (SELECT * FROM \(file.typedTable) AS t WHERE \(anyFailed)) AS t
            CROSS JOIN LATERAL (VALUES \(values.joined(separator: ", "))) AS p(col, reason)
            WHERE p.reason IS NOT NULL
            """)]
    }

    /// A reader's sentence for a CHECK constraint, as a `format()` template over its first column's cell: an
    /// enumeration (a rule over one labelled column) lists its values with their Chinese labels; any other
    /// rule is said in words (RuleWords), never in SQL.
    func ruleMessage(_ check: TableCatalog.Check, _ file: Staged) -> String {
        let language = options.language
        if check.columns.count == 1, let values = file.labels[check.columns[0]], !values.isEmpty {
            let listed = language == .zh
                ? values.map { "\($0.label)（\($0.code)）" }.joined(separator: "、")
                : values.map { "\($0.code) (\($0.label))" }.joined(separator: ", ")
            return Message.notOneOf.sqlTemplate(language, ["values": listed])
        }
        let rule = RuleWords.words(check.name, language)
            ?? check.comment
            ?? check.name.replacingOccurrences(of: "_", with: " ")
        return Message.breaksRule.sqlTemplate(language, ["rule": rule])
    }

    /// Every foreign key of the ledger table: the referenced row must exist (anti-join).
    func referenceChecks(_ file: Staged) -> [Check] {
        file.catalog.foreignKeys.map { key in
            let notNull = key.columns.map { "t.\(ident: $0) IS NOT NULL" as SQLQuery }.joined(separator: " AND ")
            let match = zip(key.columns, key.referencedColumns)
                .map { "x.\(ident: $1) = t.\(ident: $0)" as SQLQuery }.joined(separator: " AND ")
            let kindName = key.referencedTable.replacingOccurrences(of: "ledger.", with: "")
            let shown = key.columns.filter { $0 != "district_code" }
            let noun = file.nouns[kindName].map { options.language == .zh ? $0.zh : $0.en } ?? kindName
            let message = Message.unknownReference.sqlTemplate(options.language, ["noun": noun, "file": "\(kindName).csv"])
            // The referenced table is the catalog's regclass text, quoted where a name needs it.
            return Check(column: shown.first ?? key.columns[0], query: """
                SELECT t._line, format(\(message, as: .text), concat_ws(', ', \(excerpts(shown.isEmpty ? key.columns : shown)))) FROM \(file.typedTable) AS t
                WHERE \(notNull) AND \(cellsNotRejected(file, key.columns))
                  AND NOT EXISTS (SELECT 1 FROM \(raw: key.referencedTable) AS x WHERE \(match))
                """)
        }
    }

    // MARK: Keys and periods

    /// Duplicate keys inside the file, and other unique indexes (within the file and against the ledger).
    func uniqueChecks(_ file: Staged) -> [Check] {
        let indexes = file.catalog.uniqueIndexes.filter { Set($0.columns) != Set(file.catalog.key) && !$0.columns.contains("district_code") }
        return [duplicateKeyCheck(file)] + indexes.flatMap { uniqueIndexChecks(file, $0) }
    }

    /// Rows of the file with the same key (a delete load checks this alone).
    func duplicateKeyCheck(_ file: Staged) -> Check {
        let keyList = file.catalog.key.map { "t.\(ident: $0)" as SQLQuery }.joined(separator: ", ")
        let message = Message.duplicateKey.sqlTemplate(options.language, ["columns": file.catalog.key.joined(separator: ", ")],
                                                       positional: ["cell", "lines"])
        // Count keys with a hash aggregate first; only the (few) duplicated rows are then sorted into lists.
        return Check(column: file.catalog.key[0], query: """
            WITH duplicated AS (
              SELECT \(keyList) FROM \(file.typedTable) AS t WHERE \(notRejected(file)) GROUP BY \(keyList) HAVING count(*) > 1
            ), rows AS (
              SELECT t.* FROM \(file.typedTable) AS t JOIN duplicated AS d ON \(sameKey(file, "d", "t")) WHERE \(notRejected(file))
            ), lists AS (
              SELECT \(keyList), array_agg(t._line ORDER BY t._line) AS lines FROM rows AS t GROUP BY \(keyList)
            )
            SELECT t._line, format(\(message, as: .text), concat_ws(', ', \(excerpts(file.catalog.key))),
                   array_to_string(array_remove(l.lines, t._line), ', '))
            FROM rows AS t JOIN lists AS l ON \(sameKey(file, "l", "t"))
            """)
    }

    /// One unique index other than the key: rows of the file that clash with each other, and with a
    /// ledger row the file does not replace. Its predicate (from the catalog) names columns unqualified.
    private func uniqueIndexChecks(_ file: Staged, _ index: TableCatalog.UniqueIndex) -> [Check] {
        let kind = file.file.kind
        let columns = index.columns.map { "t.\(ident: $0)" as SQLQuery }.joined(separator: ", ")
        let predicate: SQLQuery = index.predicate.map { " AND (\(raw: $0))" } ?? ""
        let same = index.columns.map { "o.\(ident: $0) = t.\(ident: $0)" as SQLQuery }.joined(separator: " AND ")
        let joined = index.columns.map { "d.\(ident: $0) = t.\(ident: $0)" as SQLQuery }.joined(separator: " AND ")
        let keyMatch = file.catalog.key.map { "k.\(ident: $0) IS NOT DISTINCT FROM o.\(ident: $0)" as SQLQuery }.joined(separator: " AND ")
        let rule = index.name.replacingOccurrences(of: "ledger.", with: "")
        return [
            Check(column: index.columns[0], query: """
                SELECT t._line, format(\(Message.uniqueWithinFile.sqlTemplate(options.language, ["rule": rule], positional: ["cell", "lines"]), as: .text),
                       concat_ws(', ', \(excerpts(index.columns))), array_to_string(array_remove(d.lines, t._line), ', '))
                FROM \(file.typedTable) AS t
                JOIN (SELECT \(columns), array_agg(t._line ORDER BY t._line) AS lines FROM \(file.typedTable) AS t
                      WHERE \(notRejected(file))\(predicate) GROUP BY \(columns) HAVING count(*) > 1) AS d
                  ON \(joined)
                WHERE \(notRejected(file))\(predicate)
                """),
            Check(column: index.columns[0], query: """
                SELECT t._line, format(\(Message.uniqueInLedger.sqlTemplate(options.language, ["rule": rule]), as: .text),
                                       concat_ws(', ', \(excerpts(index.columns))))
                FROM \(file.typedTable) AS t
                WHERE \(notRejected(file))\(predicate)
                  AND EXISTS (SELECT 1 FROM \(kind.ledgerTable) AS o WHERE \(same)
                              -- The index predicate names columns unqualified: here they resolve to o.
                              AND (\(raw: index.predicate ?? "true"))
                              AND NOT EXISTS (SELECT 1 FROM \(file.typedTable) AS k WHERE \(keyMatch)))
                """),
        ]
    }

    /// Periods that must not overlap: within the file, and against ledger rows the file does not replace.
    func overlapChecks(_ file: Staged) -> [Check] {
        file.catalog.overlaps.flatMap { overlapChecks(file, $0) }
    }

    /// The two checks of one rule of periods.
    private func overlapChecks(_ file: Staged, _ overlap: LoadKind.Overlap) -> [Check] {
        let kind = file.file.kind
        let (start, end): (SQLQuery, SQLQuery) = ("\(ident: overlap.start)", "\(ident: overlap.end)")
        let range = { (alias: SQLQuery) -> SQLQuery in "daterange(\(alias).\(start), \(alias).\(end), '[]')" }
        let sameGroup = { (alias: SQLQuery) -> SQLQuery in
            overlap.group.map { "\(alias).\(ident: $0) = t.\(ident: $0)" as SQLQuery }.joined(separator: " AND ")
        }
        let keyMatch = file.catalog.key.map { "k.\(ident: $0) = o.\(ident: $0)" as SQLQuery }.joined(separator: " AND ")
        let valid: SQLQuery = "\(range("t")) IS NOT NULL AND t.\(start) <= coalesce(t.\(end), 'infinity')"
        let rule = RuleWords.words(overlap.constraint, options.language) ?? overlap.rule
        let language = options.language
        return [
            Check(column: overlap.start, query: """
                SELECT t._line, format(\(Message.overlapWithinFile.sqlTemplate(language, ["rule": rule], positional: ["lines"]), as: .text),
                                       string_agg(o._line::text, ', ' ORDER BY o._line))
                FROM \(file.typedTable) AS t JOIN \(file.typedTable) AS o
                  ON \(sameGroup("o")) AND o._line <> t._line AND \(range("o")) && \(range("t"))
                WHERE \(valid) AND \(notRejected(file))
                  AND NOT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = \(kind.name) AND r.line = o._line)
                GROUP BY t._line
                """),
            Check(column: overlap.start, query: """
                SELECT t._line, format(\(Message.overlapInLedger.sqlTemplate(language, ["rule": rule], positional: ["start", "end"]), as: .text),
                       o.\(start), coalesce(o.\(end)::text, \(Message.openEnded.render(language), as: .text)))
                FROM \(file.typedTable) AS t JOIN \(kind.ledgerTable) AS o
                  ON \(sameGroup("o")) AND \(range("o")) && \(range("t"))
                WHERE \(valid) AND \(notRejected(file))
                  AND NOT EXISTS (SELECT 1 FROM \(file.typedTable) AS k WHERE \(keyMatch))
                """),
        ]
    }
}
