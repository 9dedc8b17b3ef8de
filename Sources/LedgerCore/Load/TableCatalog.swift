import PostgresClient

/// What the database catalog says about a ledger table: columns and types, required columns, CHECK
/// constraints, foreign keys and unique indexes. The loader validates staged rows against these, so
/// every rule lives once, in the schema.
struct TableCatalog {
    struct Column {
        let name: String
        let type: String
        let notNull: Bool
        let hasDefault: Bool
        let generated: Bool
    }

    struct Check {
        let name: String
        let expression: String
        let columns: [String]
        let comment: String?
    }

    struct ForeignKey {
        let name: String
        let columns: [String]
        let referencedTable: String
        let referencedColumns: [String]
    }

    struct UniqueIndex {
        let name: String
        let columns: [String]
        let predicate: String?
    }

    let table: String
    let columns: [Column]
    let checks: [Check]
    let foreignKeys: [ForeignKey]
    let uniqueIndexes: [UniqueIndex]
    /// The table's key (SPEC §3, marked *): its primary key, or for a key whose columns may be NULL
    /// (funding.payer) its UNIQUE NULLS NOT DISTINCT index. The loader's upsert and duplicate checks use it;
    /// the catalogue is the one statement of every kind's key.
    let key: [String]
    /// The table's rules of periods: its EXCLUDE constraints of the form (group WITH =, …,
    /// daterange(start, end, '[]') WITH &&), the one statement of each rule.
    let overlaps: [LoadKind.Overlap]

    init(table: String, connection: Connection) throws {
        self.table = table
        columns = try connection.query("""
            SELECT attname::text AS name, format_type(atttypid, atttypmod) AS type, attnotnull AS not_null,
                   atthasdef AS has_default, attgenerated <> '' AS generated
            FROM pg_catalog.pg_attribute
            WHERE attrelid = \(table, as: .regclass) AND attnum > 0 AND NOT attisdropped
            ORDER BY attnum
            """) {
            Column(name: try $0.decode("name"), type: try $0.decode("type"), notNull: try $0.decode("not_null"),
                   hasDefault: try $0.decode("has_default"), generated: try $0.decode("generated"))
        }
        checks = try connection.query("""
            SELECT c.conname::text AS name, pg_get_expr(c.conbin, c.conrelid) AS expression,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                         ORDER BY k.n) AS columns,
                   obj_description(c.oid, 'pg_constraint') AS comment
            FROM pg_catalog.pg_constraint AS c
            WHERE c.conrelid = \(table, as: .regclass) AND c.contype = 'c'
            ORDER BY c.conname
            """) {
            Check(name: try $0.decode("name"), expression: try $0.decode("expression"),
                  columns: TableCatalog.array(try $0.decode("columns")), comment: try $0.decode("comment"))
        }
        foreignKeys = try connection.query("""
            SELECT c.conname::text AS name,
                   ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
                         ORDER BY k.n) AS columns,
                   c.confrelid::regclass::text AS referenced,
                   ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.confrelid AND a.attnum = k.attnum
                         ORDER BY k.n) AS referenced_columns
            FROM pg_catalog.pg_constraint AS c
            WHERE c.conrelid = \(table, as: .regclass) AND c.contype = 'f'
            ORDER BY c.conname
            """) {
            ForeignKey(name: try $0.decode("name"), columns: TableCatalog.array(try $0.decode("columns")),
                       referencedTable: try $0.decode("referenced"),
                       referencedColumns: TableCatalog.array(try $0.decode("referenced_columns")))
        }
        uniqueIndexes = try connection.query("""
            SELECT i.indexrelid::regclass::text AS name,
                   ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         ORDER BY k.n) AS columns,
                   pg_get_expr(i.indpred, i.indrelid) AS predicate
            FROM pg_catalog.pg_index AS i
            WHERE i.indrelid = \(table, as: .regclass) AND i.indisunique AND i.indexprs IS NULL
            ORDER BY 1
            """) {
            UniqueIndex(name: try $0.decode("name"), columns: TableCatalog.array(try $0.decode("columns")),
                        predicate: try $0.decode("predicate"))
        }
        key = try connection.query("""
            SELECT ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
                         JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                         ORDER BY k.n) AS columns
            FROM pg_catalog.pg_index AS i
            WHERE i.indrelid = \(table, as: .regclass) AND (i.indisprimary OR (i.indisunique AND i.indnullsnotdistinct))
            ORDER BY i.indisprimary DESC, i.indexrelid
            LIMIT 1
            """) { TableCatalog.array(try $0.decode("columns")) }.first ?? []
        overlaps = try connection.query("""
            SELECT c.conname::text AS name, pg_catalog.pg_get_constraintdef(c.oid) AS definition,
                   pg_catalog.obj_description(c.oid, 'pg_constraint') AS comment
            FROM pg_catalog.pg_constraint AS c
            WHERE c.conrelid = \(table, as: .regclass) AND c.contype = 'x'
            ORDER BY c.conname
            """) { row in
            TableCatalog.overlap(name: try row.decode("name"), definition: try row.decode("definition"),
                                 comment: try row.decode("comment", as: String?.self))
        }.compactMap { $0 }
    }

    /// A rule of periods read from an exclusion constraint's definition, e.g.
    /// `EXCLUDE USING gist (compound_code WITH =, daterange(start_on, end_on, '[]'::text) WITH &&)`, or with
    /// the unit's key functions over columns, `ledger.unit_hash(compound_code, building, unit_no) WITH =,
    /// ledger.unit_key(compound_code, building, unit_no) WITH =`, read as those columns being equal (unit_key is
    /// injective and unit_hash a function of it: migration 005); nil for an exclusion of another shape
    /// (the upsert's savepoints still catch it).
    static func overlap(name: String, definition: String, comment: String?) -> LoadKind.Overlap? {
        guard let body = definition.firstMatch(of: /^EXCLUDE USING gist \((.*)\)$/)?.output.1 else { return nil }
        var group: [String] = []
        var period: (start: String, end: String)?
        for element in body.split(separator: /, (?=[a-z_.]+(?: WITH|\())/) {
            if let equal = element.wholeMatch(of: /([a-z_]+) WITH =/) {
                group.append(String(equal.output.1))
            } else if let key = element.wholeMatch(of: /ledger\.unit_(?:key|hash)\(([a-z_]+(?:, [a-z_]+)*)\) WITH =/) {
                for column in key.output.1.split(separator: ", ").map(String.init) where !group.contains(column) {
                    group.append(column)
                }
            } else if let range = element.wholeMatch(of: /daterange\(([a-z_]+), ([a-z_]+), '\[\]'(?:::text)?\) WITH &&/) {
                period = (String(range.output.1), String(range.output.2))
            } else {
                return nil
            }
        }
        guard let period else { return nil }
        return LoadKind.Overlap(group: group, start: period.start, end: period.end, constraint: name,
                                rule: comment ?? name.replacingOccurrences(of: "_", with: " "))
    }

    func column(_ name: String) -> Column? { columns.first { $0.name == name } }

    /// Parses a text[] in PostgreSQL's text form (identifiers only: no quoting needed beyond plain names).
    static func array(_ text: String) -> [String] {
        let inner = text.dropFirst().dropLast()
        if inner.isEmpty { return [] }
        return inner.split(separator: ",").map { String($0).trimmingCharacters(in: ["\""]) }
    }
}
