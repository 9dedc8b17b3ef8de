import Foundation
import PostgresClient
import TestSupport

/// What the SQL gave for one case: its rows as text, or the server's refusal.
enum SQLOutcome: Equatable, CustomStringConvertible {
    /// Every row's cells as text (NULL is nil).
    case rows([[String?]])
    /// The server refused with this SQLSTATE and message.
    case refused(sqlState: String, message: String)

    /// The first cell of every row, or nil when refused.
    var column: [String?]? {
        if case .rows(let rows) = self { return rows.map { $0.first ?? nil } }
        return nil
    }

    /// The SQLSTATE of a refusal, or nil.
    var sqlState: String? {
        if case .refused(let sqlState, _) = self { return sqlState }
        return nil
    }

    var description: String {
        switch self {
        case .rows(let rows): return rows.map { $0.map { $0 ?? "NULL" }.joined(separator: ",") }.joined(separator: ";")
        case .refused(let sqlState, let message): return "refused \(sqlState): \(message)"
        }
    }
}

/// A migrated scratch database where the shared case files run against the SQL the product runs.
/// A case that needs ledger rows runs in a transaction that is always rolled back, so every case
/// starts from an empty ledger.
final class RuleDatabase {
    let database: ScratchDatabase
    let connection: Connection

    /// The district, community and compound the ledger cases use (from the pgTAP geography fixture).
    static let district = "320508", community = "320508001001", compound = "RULES"

    init() throws {
        database = try ScratchDatabase(migrated: true)
        connection = try database.connect()
    }

    /// The rows of one statement (no transaction), or its refusal.
    func rows(_ query: SQLQuery) throws -> SQLOutcome {
        try outcome { try connection.query(query) { $0.texts } }
    }

    /// Runs `body` in a transaction that is rolled back whatever happens; the rows it returns, or the first
    /// refusal of a statement in it.
    func rolledBack(_ body: (Connection) throws -> [[String?]]) throws -> SQLOutcome {
        try connection.execute("BEGIN")
        defer { if connection.inTransaction { _ = try? connection.execute("ROLLBACK") } }
        return try outcome { try body(connection) }
    }

    /// Inserts the two districts of sql/tests/fixtures/two-district-geography.sql and the compound
    /// `RuleDatabase.compound` in `RuleDatabase.district`; for use inside `rolledBack`.
    func insertCompound() throws {
        let geography = TestEnvironment.projectRoot.appendingPathComponent("sql/tests/fixtures/two-district-geography.sql")
        try connection.executeScript(String(contentsOf: geography, encoding: .utf8))
        try connection.execute("""
            INSERT INTO ledger.compounds (compound_code, community_code, district_code, name)
            VALUES (\(Self.compound), \(Self.community), \(Self.district), 'case file compound')
            """)
    }

    /// Inserts a proposed project `code` of the compound, with `budget` yuan (text, or nil for none).
    func insertProject(_ code: String, budget: String?) throws {
        try connection.execute("""
            INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status,
                                         budget_yuan, proposed_on)
            VALUES (\(code), \(Self.compound), \(Self.district), 'other', 'case file project', 'proposed',
                    \(budget, as: .numeric), DATE '2026-01-01')
            """)
    }

    /// Fires every deferred constraint now, as COMMIT would: the rows inserted so far are a ledger state
    /// the product accepts, or the case ends with the refusal.
    func checkDeferredRules() throws {
        try connection.execute("SET CONSTRAINTS ALL IMMEDIATE")
    }

    private func outcome(_ body: () throws -> [[String?]]) throws -> SQLOutcome {
        do {
            return .rows(try body())
        } catch let error as PostgresError where error.kind == .server {
            return .refused(sqlState: error.sqlState?.code ?? "", message: error.message)
        }
    }

    /// A PostgreSQL array literal of `items`, each quoted, for binding as `$n::text[]` or `$n::numeric[]`.
    static func array(_ items: [String]) -> String {
        "{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }
}

/// A case-file or SQL decimal as a whole number of hundredths (fen, hundredths of a m² or of a percent);
/// nil when it is not a decimal or has more than two places.
func hundredths(_ text: String) -> Int64? { PostgresNumeric(text)?.scaled(by: 2) }

/// Hundredths as a decimal with two places: -1 is "-0.01".
func decimalText(_ hundredths: Int64) -> String {
    let magnitude = hundredths.magnitude
    return (hundredths < 0 ? "-" : "") + "\(magnitude / 100)." + (magnitude % 100 < 10 ? "0" : "") + "\(magnitude % 100)"
}
