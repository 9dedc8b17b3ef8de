import PostgresClient
import Testing
import TestSupport

// The USCC check character (SPEC §2.1, GB 32100-2015) lives in SQL only: ledger.uscc_is_valid, which the
// CHECK companies_uscc_check_character of ledger.companies runs, over ledger.uscc_check_char.

@Suite("USCC: the product's SQL against the case file",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct USCCSQLTests {
    let rules: RuleDatabase

    init() throws { rules = try RuleDatabase() }

    /// The 31 characters of a code, valued 0–30 in this order.
    static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    @Test("Cases/uscc.csv: ledger.uscc_is_valid, ledger.uscc_check_char and the companies CHECK agree with every case")
    func cases() throws {
        for row in try CaseFile.rows("uscc") {
            let code = row["code"]
            let sql = try rules.rows("SELECT ledger.uscc_is_valid(\(code))::text, ledger.uscc_check_char(\(code))")
            #expect(sql == .rows([[row["valid"], row["check_char"].isEmpty ? nil : row["check_char"]]]), "\(row.testDescription)")
            // The error column names a reason SQL does not give, but it must not contradict SQL.
            #expect(row["error"].isEmpty == (row["valid"] == "true"), "\(row.testDescription): error column")
            if row["error"].hasPrefix("check_character:") {
                #expect(row["error"] == "check_character:" + row["check_char"], "\(row.testDescription): error column")
            }
            // What the product runs: the CHECK on ledger.companies.
            let insert = try rules.rolledBack { connection in
                try rules.insertCompound()
                try connection.execute("""
                    INSERT INTO ledger.companies (uscc, name, ownership, district_code)
                    VALUES (\(code), 'case file company', 'private', \(RuleDatabase.district))
                    """)
                try rules.checkDeferredRules()
                return []
            }
            if row["valid"] == "true" {
                #expect(insert == .rows([]), "\(row.testDescription): ledger.companies accepts it")
            } else {
                #expect(insert.sqlState == "23514", "\(row.testDescription): ledger.companies refuses it: \(insert)")
            }
        }
    }

    @Test("every single-character change of 91350100M000100Y43 is refused by ledger.uscc_is_valid")
    func everyCorruptionIsInvalid() throws {
        let valid = Array("91350100M000100Y43")
        var corrupted: [String] = []
        for position in valid.indices {
            for replacement in Self.alphabet where replacement != valid[position] {
                var code = valid
                code[position] = replacement
                corrupted.append(String(code))
            }
        }
        #expect(corrupted.count == 18 * 30)
        let accepted = try rules.rows("SELECT c FROM unnest(\(RuleDatabase.array(corrupted), as: .textArray)) AS c WHERE ledger.uscc_is_valid(c)")
        #expect(accepted == .rows([]))
        #expect(try rules.rows("SELECT ledger.uscc_is_valid(\(String(valid)))::text") == .rows([["true"]]))
    }
}
