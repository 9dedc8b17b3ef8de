import PostgresClient

/// Delete loads (SPEC §8, corrections): `propledger load KIND FILE --delete` removes the rows whose keys the
/// file lists, in the load's one transaction. Every key must name a row the loader may see and delete: a key
/// not in the ledger, a row of another district, a row something else still references is rejected, and a
/// rejected row rejects the load (nothing is silently dropped). The audit triggers record each deleted row
/// with its old values and the load batch (migration 011).
extension Loader {
    /// Checks a staged delete file and deletes its rows (in a dry run too: the load is rolled back after).
    func applyDelete(_ file: Staged) throws {
        try buildTyped(file)
        try validateCells(file)
        try runChecks([duplicateKeyCheck(file)], file)
        try checkDeleteTargets(file)
        try checkStillReferenced(file)
        reportPhase(.phaseWriting, file)
        try deleteRows(file)
    }

    /// The kind's noun in the load's language ("compound", 小区).
    private func noun(_ file: Staged, kind: String? = nil) -> String {
        let name = kind ?? file.file.kind.name
        return file.nouns[name].map { options.language == .zh ? $0.zh : $0.en } ?? name
    }

    /// The row's key as text, as the file gave it (`GS011, 1, 101`).
    private func keyText(_ file: Staged, _ alias: SQLQuery = "t") -> SQLQuery {
        let cells = file.catalog.key.map { "\(alias).\(ident: $0)::text" as SQLQuery }.joined(separator: ", ")
        return "concat_ws(', ', \(cells))"
    }

    /// Keys with no row the loader can see (row-level security hides other districts' rows: a scoped loader is
    /// told only that the key is not in its districts), then rows it can see but may not delete (a registry row
    /// of another district: districts, streets, communities and companies are readable city-wide). The rows
    /// found take the district of their ledger row, for the project rules and the audit.
    private func checkDeleteTargets(_ file: Staged) throws {
        let table = file.file.kind.ledgerTable
        let missing = scope.isCity ? Message.deleteNotInLedger : .deleteNotInYourDistricts
        let template = missing.sqlTemplate(options.language, ["noun": noun(file), "districts": scope.listed])
        try runChecks([Check(column: file.catalog.key[0], query: """
            SELECT t._line, format(\(template, as: .text), staging.cell_excerpt(\(keyText(file)))) FROM \(file.typedTable) AS t
            WHERE \(notRejected(file)) AND NOT EXISTS (SELECT 1 FROM \(table) AS x WHERE \(sameKey(file, "x", "t")))
            """)], file)
        try connection.execute(SQLQuery("""
            UPDATE \(file.typedTable) AS t SET district_code = x.district_code FROM \(table) AS x
            WHERE \(sameKey(file, "x", "t")) AND \(notRejected(file))
            """))
        guard !scope.isCity else { return }
        let outside = try connection.query(SQLQuery("""
            SELECT t._line, \(keyText(file)) AS key, coalesce(t.district_code, '') AS district FROM \(file.typedTable) AS t
            WHERE \(notRejected(file)) AND (t.district_code IS NULL OR NOT ledger.scope_covers(t.district_code))
            ORDER BY t._line
            """)) { (line: try $0.decode("_line", as: Int.self), key: try $0.decode("key", as: String.self), district: try $0.decode("district", as: String.self)) }
        try insertRejects(outside.map { row in
            RejectedRow(kind: file.file.kind.name, line: row.line, column: file.catalog.key[0],
                        reason: Message.deleteOutsideDistricts.render(options.language, [
                            "noun": noun(file), "cell": CellText.escapedForMessage(row.key), "district": row.district, "districts": scope.listed]))
        })
    }

    /// A foreign key that refers to the kind's table: the referring table and the column pairs.
    private struct Referrer {
        let table: String
        let columns: [(referring: String, referenced: String)]
    }

    /// The foreign keys referring to the kind's table that would refuse a delete (NO ACTION or RESTRICT; the
    /// staff scopes of a district cascade), from the catalogue (pg_constraint.confrelid).
    private func referrers(_ file: Staged) throws -> [Referrer] {
        try connection.query(SQLQuery("""
            SELECT c.conrelid::regclass::text AS referring,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.n) AS columns,
                   ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.n) AS referenced
            FROM pg_catalog.pg_constraint AS c
            WHERE c.contype = 'f' AND c.confrelid = \(file.file.kind.table, as: .regclass) AND c.confdeltype IN ('a', 'r')
            ORDER BY 1, c.conname
            """)) { row in
            let referring = TableCatalog.array(try row.decode("columns"))
            let referenced = TableCatalog.array(try row.decode("referenced"))
            return Referrer(table: try row.decode("referring"), columns: Array(zip(referring, referenced)))
        }
    }

    /// Rows that other rows (the loader can see) still refer to: each is rejected with what refers to it,
    /// counted per referring kind ("compound 'GS011' is still referenced by 36 units (units.csv) and 2
    /// projects (projects.csv): delete those first"). A referring row the loader cannot see still refuses
    /// the delete, as a deferred foreign key (`deletionProblem`).
    private func checkStillReferenced(_ file: Staged) throws {
        var found: [Int: (key: String, references: [String])] = [:]
        for referrer in try referrers(file) {
            let match = referrer.columns.map { "r.\(ident: $0.referring) = x.\(ident: $0.referenced)" as SQLQuery }.joined(separator: " AND ")
            let rows = try connection.query(SQLQuery("""
                SELECT t._line, \(keyText(file)) AS key, count(*) AS n
                FROM \(file.typedTable) AS t JOIN \(file.file.kind.ledgerTable) AS x ON \(sameKey(file, "x", "t"))
                JOIN \(raw: referrer.table) AS r ON \(match)
                WHERE \(notRejected(file))
                GROUP BY t._line, \(keyText(file)) ORDER BY t._line
                """)) { (line: try $0.decode("_line", as: Int.self), key: try $0.decode("key", as: String.self), count: try $0.decode("n", as: Int.self)) }
            let kind = referrer.table.replacingOccurrences(of: "ledger.", with: "")
            for row in rows {
                let phrase = Message.deleteReferenceCount.render(options.language, [
                    "count": String(row.count), "noun": nounCounted(file, kind: kind, row.count), "file": "\(kind).csv"])
                found[row.line, default: (row.key, [])].references.append(phrase)
            }
        }
        try insertRejects(found.sorted { $0.key < $1.key }.map { line, row in
            RejectedRow(kind: file.file.kind.name, line: line, column: file.catalog.key[0],
                        reason: Message.deleteStillReferenced.render(options.language, [
                            "noun": noun(file), "cell": CellText.escapedForMessage(row.key), "references": listed(row.references)]))
        })
    }

    /// A referring kind's noun for a count: English adds the plural (unit → units, company → companies).
    private func nounCounted(_ file: Staged, kind: String, _ count: Int) -> String {
        let word = noun(file, kind: kind)
        guard options.language == .en, count != 1 else { return word }
        if word.hasSuffix("y"), let last = word.dropLast().last, !"aeiou".contains(last) { return word.dropLast() + "ies" }
        return word + "s"
    }

    /// Phrases joined as a list: `a, b and c` / `a、b、c`.
    private func listed(_ phrases: [String]) -> String {
        guard options.language == .en, phrases.count > 1 else { return phrases.joined(separator: "、") }
        return phrases.dropLast().joined(separator: ", ") + " and " + phrases.last!
    }

    /// Deletes the rows no check rejected, keeping their keys and lines for the summary (and for a dry run,
    /// which shows what would go). The foreign keys are deferred: a row still referenced by a row the loader
    /// cannot see is found when the load checks its deferred constraints, and rejects the load.
    private func deleteRows(_ file: Staged) throws {
        let removed = try connection.query(SQLQuery("""
            WITH gone AS (
              DELETE FROM \(file.file.kind.ledgerTable) AS x USING \(file.typedTable) AS t
              WHERE \(sameKey(file, "x", "t")) AND \(notRejected(file))
              RETURNING t._line, \(keyText(file, "x")) AS key
            )
            SELECT _line, key FROM gone ORDER BY _line
            """)) { RemovedRow(line: try $0.decode("_line", as: Int.self), key: try $0.decode("key", as: String.self)) }
        file.summary.deleted = removed.count
        file.summary.removed = removed
    }

    /// A deferred foreign key a delete load broke is a row referenced from outside the loader's districts
    /// (the visible references were rejected before): said without naming what it cannot see.
    func deletionProblem(_ staged: [Staged]) -> Reject {
        Loader.loadReject(staged, column: "references", reason: Message.deleteHiddenReference.render(options.language, ["districts": scope.listed]))
    }
}
