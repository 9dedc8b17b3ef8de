import Foundation
import PostgresClient
import Testing
import TestSupport
@testable import LedgerCore

/// A rule checked at commit (a deferred constraint, fired by SET CONSTRAINTS ALL IMMEDIATE at the end of a
/// load) is said in the load's language from the catalogue: a foreign key names its key and table, a project
/// rule its words from the arguments SQL gives (issue 13, session 5). The errors are the server's own.
@Suite("load: rules checked at commit, in the load's language", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct LoaderDeferredTests {
    /// The error SET CONSTRAINTS ALL IMMEDIATE raises after a statement, in a transaction rolled back after.
    static func deferredError(_ connection: Connection, after statement: SQLQuery) throws -> PostgresError {
        try connection.execute("BEGIN")
        defer { _ = try? connection.execute("ROLLBACK") }
        try connection.execute(statement)
        return try #require(throws: PostgresError.self) { try connection.execute("SET CONSTRAINTS ALL IMMEDIATE") }
    }

    static func loader(_ connection: Connection, _ language: Language) -> Loader {
        var options = LoadOptions()
        options.language = language
        return Loader(connection: connection, options: options)
    }

    @Test("a foreign key names its key, table and constraint, and says nothing was loaded")
    func foreignKey() throws {
        let database = try ScratchDatabase(migrated: true)
        let connection = try database.connect()
        let error = try Self.deferredError(connection, after: """
            INSERT INTO ledger.units (compound_code, building, unit_no, floor_area_m2, district_code) VALUES ('NOPE', '1', '101', 50, '320508')
            """)
        #expect(Self.loader(connection, .zh).deferredReason(error)
                == "compound_code, district_code =（NOPE, 320508）不在 compounds 中（units_compound_fkey，导入结束时检查）；请先导入其引用的记录，或核对编码；未导入任何数据")
        #expect(Self.loader(connection, .en).deferredReason(error)
                == "compound_code, district_code = (NOPE, 320508) is not in compounds (units_compound_fkey), checked at the end of the load; load the rows it refers to first, or check the codes; nothing was loaded")
    }

    @Test("a project rule is said from its key and arguments (check_project_rules' DETAIL), in Chinese and English")
    func projectRule() throws {
        let database = try ScratchDatabase(template: .sample)
        let connection = try database.connect()
        let error = try Self.deferredError(connection, after: """
            INSERT INTO ledger.funding (project_code, source, payer, district_code, percent)
            SELECT 'GS2026004', 'owners', NULL, p.district_code, 50 FROM ledger.projects AS p WHERE p.project_code = 'GS2026004'
            """)
        #expect(error.constraint == "funding_percents_sum_to_100")
        #expect(Self.loader(connection, .zh).deferredReason(error)
                == "项目 GS2026004：资金比例合计为 150.00，不是 100（funding_percents_sum_to_100）；请改正比例列，使该项目各份额合计恰为 100。")
        #expect(Self.loader(connection, .en).deferredReason(error)
                == "project GS2026004: funding percentages sum to 150.00, not 100 (funding_percents_sum_to_100); Correct the percent column so the project's shares sum to exactly 100.")
        // The English is the server's own sentence: the catalogue says the same.
        #expect(error.message == "project GS2026004: funding percentages sum to 150.00, not 100")
    }

    @Test("a rule the catalogue has no words for is named, with the server's sentence in English only")
    func otherRule() throws {
        let database = try ScratchDatabase(migrated: true)
        let connection = try database.connect()
        let error = PostgresError(kind: .server, message: "the score weights sum to 0.90, not 1.00", sqlState: SQLState("23514"),
                                  constraint: "settings_score_weights_sum_to_one")
        #expect(Self.loader(connection, .zh).deferredReason(error)
                == "导入结束时检查的规则 settings_score_weights_sum_to_one 未满足；未导入任何数据：请改正相关的行后重新导入")
        #expect(Self.loader(connection, .en).deferredReason(error).hasSuffix("(the score weights sum to 0.90, not 1.00)"))
    }

    @Test("every project and committee rule of the SQL has its message and hint in the catalogue")
    func everyRuleHasWords() throws {
        let sql = try String(contentsOf: TestEnvironment.migrationsDirectory.appendingPathComponent("009-projects.sql"), encoding: .utf8)
        let rules = Set(sql.matches(of: /CONSTRAINT = '([a-z0-9_]+)',\s+DETAIL/).map { String($0.output.1) })
        #expect(rules == Set(Loader.projectRuleMessages.keys))
        let committees = try String(contentsOf: TestEnvironment.migrationsDirectory.appendingPathComponent("007-committees.sql"), encoding: .utf8)
        let committeeRules = Set(committees.matches(of: /rule := '([a-z_]+)'/).map { String($0.output.1) }
                                 + committees.matches(of: /'(committees_terms_no_overlap_across_kinds)'/).map { String($0.output.1) })
        #expect(committeeRules == Set(Loader.committeeRuleMessages.keys))
    }
}
