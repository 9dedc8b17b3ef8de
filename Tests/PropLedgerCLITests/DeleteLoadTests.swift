import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// `propledger load KIND FILE --delete` (SPEC §8, corrections) on the sample district: all or nothing, audited
/// with the old values, refused with what still references a row, scoped like every load.
extension LoadTests {
    @Test("a delete load removes the rows its keys name, ignores the other columns, and audits the old values")
    func deleteRemovesAndAudits() throws {
        let path = try file("complaints.csv", "complaint_code,compound_code,category\nTS2025-0412,ignored,ignored\nTS2026-0031,,\n")
        let result = try load(["complaints", path, "--delete"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\(path): 2 rows: 2 deleted, 0 rejected\n")
        #expect(result.stderr.isEmpty)
        #expect(try count("SELECT count(*) FROM ledger.complaints WHERE complaint_code IN ('TS2025-0412', 'TS2026-0031')") == 0)
        let audit = try connection.execute("""
            SELECT c.key->>'complaint_code' AS code, c.old_row->>'compound_code' AS compound, c.new_row IS NULL AS gone, b.deleted, b.status
            FROM audit.changes AS c JOIN audit.load_batches AS b ON b.id = c.load_batch_id
            WHERE c.table_name = 'complaints' AND c.operation = 'DELETE' ORDER BY 1
            """)
        #expect(audit.count == 2)
        #expect(try audit[0].decode("code", as: String.self) == "TS2025-0412")
        #expect(try audit[0].decode("compound", as: String.self) == "GS004")
        #expect(try audit[0].decode("gone", as: Bool.self))
        #expect(try audit[0].decode("deleted", as: Int.self) == 2)
        #expect(try audit[0].decode("status", as: String.self) == "committed")
        // report loads shows what the delete removed.
        let loads = try CLI.run(["report", "loads", "--format", "csv"], environment: database.environment)
        let last = try #require(loads.stdout.split(separator: "\r\n").last { $0.contains(",complaints,") })
        #expect(last.hasSuffix(",2,0,0,0,0,2,committed"), "\(last)")
    }

    @Test("a row still referenced is refused with what references it, and nothing is deleted (en and zh)", arguments: [
        ("en", "compound 'GS011' is still referenced by 2 committee terms (committees.csv), 1 complaint (complaints.csv), ",
         "36 units (units.csv): delete those first", "nothing deleted: fix the rows above and run the delete again"),
        ("zh", "小区“GS011”仍被2 条业主组织任期（committees.csv）、1 条投诉（complaints.csv）、",
         "36 条房屋（units.csv）引用：请先删除这些记录", "未删除任何数据：请改正上面列出的行后重新删除"),
    ])
    func deleteReferencedRefused(language: String, start: String, end: String, outcome: String) throws {
        let before = try fingerprint()
        let path = try file("compounds.csv", "compound_code\nGS011\n")
        let result = try load(["compounds", path, "--delete", "--lang", language])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("\(path):2: compound_code: \(start)"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("\(end)\n"), "\(result.stderr)")
        #expect(result.stdout.hasSuffix("\(outcome)\n"))
        #expect(try fingerprint() == before)
        #expect(try count("SELECT count(*) FROM audit.load_batches WHERE kind = 'compounds' AND status = 'rejected'") == 1)
    }

    @Test("a key not in the ledger is a reject, and the load deletes nothing (en and zh)", arguments: [
        ("en", "complaint_code: no complaint 'NOPE' is in the ledger, so there is nothing to delete; check the key"),
        ("zh", "complaint_code: 台账中没有投诉“NOPE”，无可删除；请核对主键"),
    ])
    func deleteUnknownKey(language: String, message: String) throws {
        let before = try fingerprint()
        let path = try file("complaints.csv", "complaint_code\nTS2025-0412\nNOPE\nTS2025-0412\n")
        let result = try load(["complaints", path, "--delete", "--lang", language])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):3: \(message)\n"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):2: complaint_code: " + (language == "zh" ? "主键（complaint_code）=（TS2025-0412）重复：第 4 行也有"
                                                                          : "duplicate key (complaint_code) = (TS2025-0412): also on line 4")), "\(result.stderr)")
        #expect(try fingerprint() == before)
    }

    @Test("--dry-run lists the rows that would go and deletes nothing")
    func deleteDryRun() throws {
        // GS003's units have no owners or deposits recorded: nothing refers to them.
        let path = try file("units.csv", "compound_code,building,unit_no\nGS003,1,101\n")
        let unchanged = try fingerprint()
        let result = try load(["units", path, "--delete", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            \(path): 1 rows: 1 deleted, 0 rejected
            \(path):2: would delete the units row (GS003, 1, 101)
            dry run: nothing written; every row can be deleted

            """)
        #expect(try fingerprint() == unchanged)
        let zh = try load(["units", path, "--delete", "--dry-run", "--lang", "zh"])
        #expect(zh.stdout.contains("\(path):2：将删除 units 中的记录（GS003, 1, 101）\n试运行：未写入任何数据；所有行均可删除\n"), "\(zh.stdout)")
        #expect(try fingerprint() == unchanged)
    }

    @Test("a scoped loader deletes only its districts' rows: another district's row is not in its districts, a registry row names its district")
    func deleteScoped() throws {
        let gusu = try database.loginRole(prefix: "pl_gusu_del", in: "propledger_loader", district: "320508")
        defer { gusu.drop() }
        let before = try fingerprint()
        let complaints = try file("complaints.csv", "complaint_code\nTS2025-0412\nLGTS2026-0012\n")
        let refused = try CLI.run(["load", "complaints", complaints, "--delete"], environment: gusu.environment)
        #expect(refused.status == 65)
        #expect(refused.stderr == "\(complaints):3: complaint_code: no complaint 'LGTS2026-0012' is in the ledger within your districts (320508), so there is nothing to delete; check the key, or send the row to the office of the district it belongs to\n")
        let companies = try file("companies.csv", "uscc\n91440307MA5D8YK3N1\n")
        let registry = try CLI.run(["load", "companies", companies, "--delete", "--lang", "zh"], environment: gusu.environment)
        #expect(registry.status == 65)
        #expect(registry.stderr.contains("uscc: 物业服务企业“91440307MA5D8YK3N1”属于区县 440307，不在您所辖区县（320508）内"), "\(registry.stderr)")
        #expect(try fingerprint() == before)
        let own = try file("own.csv", "complaint_code\nTS2025-0412\n")
        let kept = try CLI.run(["load", "complaints", own, "--delete"], environment: gusu.environment)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(try count("SELECT count(*) FROM ledger.complaints WHERE complaint_code = 'LGTS2026-0012'") == 1)
        #expect(try count("SELECT count(*) FROM ledger.complaints WHERE complaint_code = 'TS2025-0412'") == 0)
    }

    @Test("--delete takes one KIND FILE, all or nothing: --dir and --partial are usage errors")
    func deleteUsage() throws {
        let path = try file("complaints.csv", "complaint_code\nTS2025-0412\n")
        let withDir = try load(["--dir", "ops/sample", "--delete"])
        #expect(withDir.status == 64)
        #expect(withDir.stderr.contains("--delete takes one KIND FILE, not --dir"))
        let partial = try load(["complaints", path, "--delete", "--partial"])
        #expect(partial.status == 64)
        #expect(partial.stderr.contains("--delete is all or nothing"))
    }
}
