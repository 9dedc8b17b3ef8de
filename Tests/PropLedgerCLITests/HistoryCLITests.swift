import Foundation
import LedgerCore
import Testing
import TestSupport

/// `propledger report history TABLE KEY…` (SPEC §5, issue 16): a row's changes with who, when, which load.
@Suite("propledger report history: who changed a row, when, in which load, from what to what")
struct HistoryCLITests {
    /// The report fixture with one unit loaded by a first file and changed by a second.
    static func database() throws -> (ScratchDatabase, first: String, second: String, directory: URL) {
        let database = try ReportFixture.database()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("propledger-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let first = directory.appendingPathComponent("units-1.csv").path
        let second = directory.appendingPathComponent("units-2.csv").path
        try Data("compound_code,building,unit_no,floor_area_m2\nA1,1,101,60.00\nA1,1,102,80.00\n".utf8).write(to: URL(fileURLWithPath: first))
        try Data("compound_code,building,unit_no,floor_area_m2\nA1,1,101,61.50\nA1,1,102,80.00\n".utf8).write(to: URL(fileURLWithPath: second))
        for file in [first, second] {
            let load = try CLI.run(["load", "units", file], environment: database.environment)
            #expect(load.status == 0, "\(load.stderr)")
        }
        return (database, first, second, directory)
    }

    static func rows(_ stdout: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [[String: Any]])
    }

    @Test("the insert names its load (file, sha256), the update its load and the old and new value; one audit document in all",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func history() throws {
        let (database, first, second, directory) = try Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try CLI.run(["report", "history", "units", "A1", "1", "101", "--format", "json"], environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Self.rows(result.stdout)
        #expect(rows.count == 2)
        #expect(rows.map { $0["operation"] as? String } == ["INSERT", "UPDATE"])
        #expect(rows.map { $0["file_name"] as? String } == [first, second])
        let sha = LedgerCoreSHA.hex(try Data(contentsOf: URL(fileURLWithPath: first)))
        #expect(rows[0]["sha256"] as? String == sha)
        #expect(rows[1]["column_name"] as? String == "floor_area_m2")
        #expect(rows[1]["old_value"] as? String == "60.00")
        #expect(rows[1]["new_value"] as? String == "61.50")
        let connection = try database.connect()
        let documents = try connection.execute("SELECT count(*) FROM audit.changes WHERE table_name = 'units'")[0].decode(at: 0, as: Int.self)
        #expect(documents == 1, "the two inserted units wrote no audit document, the one update wrote one")

        let zh = try CLI.run(["report", "history", "units", "A1", "1", "101", "--lang", "zh"], environment: database.environment)
        #expect(zh.status == 0)
        for header in ["时间", "操作", "操作人", "导入批次", "文件", "字段", "原值", "新值"] { #expect(zh.stdout.contains(header)) }
    }

    @Test("a reader sees the history of its districts' rows only",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func scoped() throws {
        let (database, _, _, directory) = try Self.database()
        defer { try? FileManager.default.removeItem(at: directory) }
        let gusu = try database.loginRole(in: "propledger_reader", district: "320508")
        defer { gusu.drop() }
        let longgang = try database.loginRole(in: "propledger_reader", district: "440307")
        defer { longgang.drop() }
        let own = try CLI.run(["report", "history", "units", "A1", "1", "101", "--format", "json"], environment: gusu.environment)
        #expect(own.status == 0, "\(own.stderr)")
        #expect(try Self.rows(own.stdout).count == 2)
        let other = try CLI.run(["report", "history", "units", "A1", "1", "101", "--format", "json"], environment: longgang.environment)
        #expect(other.status == 0, "\(other.stderr)")
        #expect(try Self.rows(other.stdout).isEmpty)
    }

    @Test("a key of the wrong length or an unknown table says what to give",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func badKey() throws {
        let database = try ReportFixture.database()
        let short = try CLI.run(["report", "history", "units", "A1", "1"], environment: database.environment)
        #expect(short.status != 0)
        #expect(short.stderr.contains("the key of units is compound_code, building, unit_no: give 3 value(s), got 2"), "\(short.stderr)")
        let missing = try CLI.run(["report", "history", "units"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("needs TABLE KEY…"), "\(missing.stderr)")
        let table = try CLI.run(["report", "history", "nope", "x"], environment: database.environment)
        #expect(table.status != 0)
        #expect(table.stderr.contains("no ledger table nope"), "\(table.stderr)")
    }
}
