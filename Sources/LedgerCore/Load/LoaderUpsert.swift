import PostgresClient

/// The upsert of a file's good rows: an UPDATE of existing keys whose values differ, then a plain INSERT
/// of the new keys; a constraint the checks did not foresee is narrowed down to its rows.
extension Loader {
    /// Inserts new rows and updates changed ones; unchanged rows are not rewritten. A constraint the checks
    /// did not foresee is narrowed down to its rows by halving the set (each half in a savepoint).
    func upsert(_ file: Staged, trusting: Bool = false) throws {
        let lines = try connection.query(SQLQuery("""
            SELECT min(t._line) AS lo, max(t._line) AS hi FROM \(file.typedTable) AS t WHERE \(notRejected(file))
            """)) { (try $0.decode("lo", as: Int?.self), try $0.decode("hi", as: Int?.self)) }
        guard let low = lines.first?.0, let high = lines.first?.1 else { return }
        // Which keys exist, in a statement of its own: an INSERT … WHERE NOT EXISTS (SELECT … FROM the same
        // table) may be planned as a nested loop that re-reads the growing table for every row (seen at 10M rows).
        try connection.execute(SQLQuery("""
            UPDATE \(file.typedTable) AS t SET _exists = true
            WHERE \(notRejected(file)) AND EXISTS (SELECT 1 FROM \(file.file.kind.ledgerTable) AS x WHERE \(sameKey(file, "x", "t")))
            """))
        if trusting, try existingKeysRepeat(file) { throw TrustRefused() }
        try upsertRange(file, low, high, trusting: trusting)
    }

    /// Upserts the rows of lines `low...high`; when a constraint breaks, each half on its own, down to the
    /// one row at fault, which is rejected.
    private func upsertRange(_ file: Staged, _ low: Int, _ high: Int, trusting: Bool = false) throws {
        do {
            let statements = upsertStatements(file, low, high)
            let counts = try connection.withSavepoint("load_upsert") {
                // Existing keys (_exists) are updated where they differ; the others are inserted.
                let updated = try statements.update.map { try connection.execute($0).affectedRows } ?? 0
                let inserted = try connection.execute(statements.insert).affectedRows
                return (inserted: inserted, updated: updated)
            }
            file.summary.inserted += counts.inserted
            file.summary.updated += counts.updated
        } catch let error as PostgresError where error.kind == .server {
            guard SQLState.Class.integrityConstraintViolation ~= error.sqlState || error.sqlState == .insufficientPrivilege
                    || SQLState.Class.dataException ~= error.sqlState else { throw error }
            if trusting { throw TrustRefused() }
            if low >= high {
                try insertRejects([RejectedRow(kind: file.file.kind.name, line: low,
                                               column: error.column ?? error.constraint ?? "row", reason: upsertRejection(error))])
                return
            }
            let middle = low + (high - low) / 2
            try upsertRange(file, low, middle)
            try upsertRange(file, middle + 1, high)
        }
    }

    /// Why one row could not be written.
    private func upsertRejection(_ error: PostgresError) -> String {
        let language = options.language
        guard !scope.isCity && (error.sqlState == .uniqueViolation || error.sqlState == .insufficientPrivilege) else {
            // A rule the checks did not foresee: said in the catalogue's words when it has them, else by the
            // server (in English) after the constraint's name.
            let constraint = error.constraint ?? error.sqlState?.code ?? "rule"
            let rule = error.constraint.flatMap { RuleWords.words($0, language) }
                ?? (language == .en ? error.message + (error.detail.map { " (\($0))" } ?? "") : constraint)
            return Message.rowRefused.render(language, ["constraint": constraint, "rule": rule])
        }
        // The checks found no conflict among the rows this loader can see, so the key is held in
        // a district it cannot see (or the row would land outside its districts): say only that.
        return (error.sqlState == .uniqueViolation ? Message.keyUsedOutsideDistricts : .rowOutsideDistricts)
            .render(language, ["districts": scope.listed])
    }

    /// The upsert as two set statements: an UPDATE of existing keys whose values differ (unchanged rows are
    /// not rewritten, so they write no audit rows), then a plain INSERT of the new keys (`_exists` false). Plain INSERT avoids the
    /// per-row speculative insertion of ON CONFLICT, which doubled the cost of a 1M-row load.
    private func upsertStatements(_ file: Staged, _ low: Int, _ high: Int) -> (update: SQLQuery?, insert: SQLQuery) {
        let kind = file.file.kind
        let derived: [String] = {
            switch kind.district {
            case .column: return []
            default: return ["district_code"]
            }
        }()
        let columns = file.present + derived
        let rows: SQLQuery = "\(notRejected(file)) AND t._line BETWEEN \(low) AND \(high)"
        let updatable = columns.filter { !file.catalog.key.contains($0) }
        let list = { (alias: SQLQuery, names: [String]) -> SQLQuery in
            names.map { "\(alias).\(ident: $0)" as SQLQuery }.joined(separator: ", ")
        }
        let update: SQLQuery? = updatable.isEmpty ? nil : """
            UPDATE \(kind.ledgerTable) AS x SET \(updatable.map { "\(ident: $0) = t.\(ident: $0)" as SQLQuery }.joined(separator: ", "))
            FROM \(file.typedTable) AS t
            WHERE t._exists AND \(sameKey(file, "x", "t")) AND \(rows)
              AND (\(list("x", updatable))) IS DISTINCT FROM (\(list("t", updatable)))
            """
        let insert: SQLQuery = """
            INSERT INTO \(kind.ledgerTable) (\(columns.map { "\(ident: $0)" as SQLQuery }.joined(separator: ", ")))
            SELECT \(list("t", columns)) FROM \(file.typedTable) AS t
            WHERE \(rows) AND NOT t._exists
            """
        return (update, insert)
    }
}

/// A file the database refused while it was written trusting it (`writeTrustingTheDatabase`): it is written
/// again after the full checks, which name each bad row.
private struct TrustRefused: Error {}

/// Writing a file with the database's own rules as its checks (issue 18: the set-wise checks of CHECK
/// constraints, unique keys and periods took ~125 s of a province load, every one of them repeated by the
/// constraint itself at the INSERT).
extension Loader {
    /// Writes a file whose rows passed the cell, district and reference checks, relying on the database for
    /// the rest: its CHECK and NOT NULL constraints, unique indexes and exclusion constraints (the rules of
    /// periods) refuse a bad row at once, where the set-wise checks (`rowRuleChecks`, `uniqueChecks`,
    /// `overlapChecks`) would have found it first. The foreign keys are checked first all the same: they are
    /// deferred to the end of the load, too late to say which file and line broke them. A file with a row
    /// rejected so far, or one the database refuses, is rolled back to before this write and goes through the
    /// full checks, which name every bad row with the same messages as always: a bad file is checked twice, a
    /// good one once. A `--partial` load does not trust: it must find every bad row to leave it out. Returns
    /// whether the file was written.
    func writeTrustingTheDatabase(_ file: Staged) throws -> Bool {
        guard !options.partial, try !hasRejects(file) else { return false }
        do {
            try connection.withSavepoint("load_trusting") {
                try runChecks(referenceChecks(file), file)
                guard try !hasRejects(file) else { throw TrustRefused() }
                reportPhase(.phaseWriting, file)
                try upsert(file, trusting: true)
            }
            return true
        } catch is TrustRefused {
            file.summary.inserted = 0
            file.summary.updated = 0
            reportPhase(.phaseChecking, file)
            return false
        }
    }

    /// Whether any row of the file is rejected so far.
    private func hasRejects(_ file: Staged) throws -> Bool {
        try connection.query(SQLQuery("""
            SELECT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = \(file.file.kind.name)) AS rejected
            """)) { try $0.decode("rejected", as: Bool.self) }.first == true
    }

    /// Whether two rows of the file have the same key and that key is in the ledger already (`_exists`): the
    /// UPDATE would write one of them and drop the other without a word. Two new rows with one key are
    /// refused by the key's unique index at the INSERT.
    private func existingKeysRepeat(_ file: Staged) throws -> Bool {
        let keyList = file.catalog.key.map { "t.\(ident: $0)" as SQLQuery }.joined(separator: ", ")
        return try connection.query(SQLQuery("""
            SELECT EXISTS (SELECT 1 FROM \(file.typedTable) AS t WHERE t._exists AND \(notRejected(file))
                           GROUP BY \(keyList) HAVING count(*) > 1) AS repeated
            """)) { try $0.decode("repeated", as: Bool.self) }.first == true
    }
}
