import PostgresClient

/// One kind of CSV file of SPEC §3: its columns (English name and Chinese alias) and how each row finds
/// the district it belongs to, as the database's registry of load kinds says (staging.load_kinds and
/// staging.load_columns, migration 022; read by `registry`). Keys, types, required columns and row rules
/// come from the ledger table itself (the database catalog, TableCatalog), so a rule is written once, in SQL.
public struct LoadKind: Sendable, Equatable {
    /// A column of the file.
    public struct Column: Sendable, Equatable {
        /// The English name, also the ledger column name.
        public let name: String
        /// The Chinese alias accepted in headers.
        public let alias: String

        /// A column named `name` in English and `alias` in Chinese.
        public init(name: String, alias: String) {
            self.name = name
            self.alias = alias
        }
    }

    /// How a row's district is found (for row-level security and for the district_code column).
    public enum District: Sendable, Equatable {
        /// The row is a district, or names its district in a column.
        case column(String)
        /// The district is the first six digits of a code column (a community code).
        case prefix(String)
        /// The district is that of a parent row of another kind, whose key is `column` (the row names it in
        /// the same column), read under row-level security: a scoped loader finds only its own districts' rows.
        /// `noun` names one parent row in messages ("unknown compound").
        case parent(column: String, kind: String, noun: String)
        /// Party organisations: the host is a compound's committee (`host_type = committee`) or a company.
        case partyHost
    }

    /// An exclusion rule (periods that must not overlap), checked before the upsert so both rows are named.
    /// Read from the table's EXCLUDE constraint (TableCatalog), the rule's one statement.
    public struct Overlap: Sendable, Equatable {
        /// The columns that must be equal for two rows to clash (e.g. compound_code).
        public let group: [String]
        /// The first day column.
        public let start: String
        /// The last day column (NULL = open-ended), inclusive.
        public let end: String
        /// The exclusion constraint that is the authority for this rule.
        public let constraint: String
        /// What the rule says, for the message.
        public let rule: String
    }

    /// The kind's name, also the file name without `.csv` and the ledger table name.
    public let name: String
    /// The file's columns in SPEC order.
    public let columns: [Column]
    /// How a row's district is found.
    public let district: District

    /// The ledger table, schema-qualified.
    public var table: String { "ledger.\(name)" }

    /// A kind (the registry makes them; tests may too).
    public init(name: String, columns: [Column], district: District) {
        self.name = name
        self.columns = columns
        self.district = district
    }

    /// Key and code columns: besides the cell limits every column has, a cell here is at most 200
    /// characters and holds no invisible characters (a zero-width space would make a second key that
    /// prints like the first).
    public func codeColumns(key: [String]) -> Set<String> {
        Set(key).union(columns.map(\.name).filter { $0.hasSuffix("_code") || $0.hasSuffix("uscc") || $0 == "host_key" || $0 == "voucher_no" })
    }

    /// The column a header cell names (English, any case, or the Chinese alias), if any.
    public func column(forHeader header: String) -> Column? {
        let wanted = header.lowercased()
        return columns.first { $0.name == wanted || $0.alias == header }
    }

    /// The expected columns, for messages: `compound_code* (小区编码), building* (楼栋), …` (the key is
    /// the table's, from the catalogue).
    public func expectedColumns(key: [String]) -> String {
        columns.map { "\($0.name)\(key.contains($0.name) ? "*" : "") (\($0.alias))" }.joined(separator: ", ")
    }

    /// Every kind the database takes, in the order `load --dir` loads them, from its registry
    /// (staging.load_kinds and staging.load_columns) in one query.
    public static func registry(_ connection: Connection) throws -> [LoadKind] {
        let rows = try connection.query(SQLQuery("""
            SELECT k.kind, k.district_from, k.district_column, k.parent_kind, p.noun_en AS parent_noun,
                   c.column_name, c.label_zh
            FROM staging.load_kinds AS k
            JOIN staging.load_columns AS c ON c.kind = k.kind
            LEFT JOIN staging.load_kinds AS p ON p.kind = k.parent_kind
            ORDER BY k.load_order, c.position
            """)) { row in
            (kind: try row.decode("kind", as: String.self), from: try row.decode("district_from", as: String.self),
             districtColumn: try row.decode("district_column", as: String.self),
             parentKind: try row.decode("parent_kind", as: String?.self), parentNoun: try row.decode("parent_noun", as: String?.self),
             column: Column(name: try row.decode("column_name"), alias: try row.decode("label_zh")))
        }
        var kinds: [LoadKind] = []
        for row in rows {
            if let last = kinds.last, last.name == row.kind {
                kinds[kinds.count - 1] = LoadKind(name: last.name, columns: last.columns + [row.column], district: last.district)
                continue
            }
            let district: District
            switch (row.from, row.parentKind, row.parentNoun) {
            case ("column", _, _): district = .column(row.districtColumn)
            case ("code_prefix", _, _): district = .prefix(row.districtColumn)
            case ("parent", let kind?, let noun?): district = .parent(column: row.districtColumn, kind: kind, noun: noun)
            case ("party_host", _, _): district = .partyHost
            default:
                throw PostgresError(kind: .decoding, message: "staging.load_kinds: kind \(row.kind) has district_from \(row.from), which this propledger does not know")
            }
            kinds.append(LoadKind(name: row.kind, columns: [row.column], district: district))
        }
        return kinds
    }
}
