import Foundation
import PostgresClient
import Testing
import TestSupport

/// A load that more than doubles a table checks the table's foreign keys once, as a set (issue 18,
/// `load --bulk-rows`, migration 021 `staging.suspend_foreign_keys`): the keys come back as they were, and a
/// missing reference is still named by file and line before anything is written.
extension LoadTests {
    /// Every foreign key of the ledger: its table, name and definition, and whether it is the same catalog row.
    func foreignKeys() throws -> (definitions: [String], oids: [Int]) {
        let rows = try connection.execute("""
            SELECT k.conrelid::regclass::text || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS definition,
                   k.oid::bigint AS oid
            FROM pg_constraint AS k WHERE k.contype = 'f' AND k.connamespace = 'ledger'::regnamespace
            ORDER BY 1
            """)
        return (try rows.rows.map { try $0.decode("definition", as: String.self) },
                try rows.rows.map { try $0.decode("oid", as: Int.self) })
    }

    @Test("into an empty ledger with --bulk-rows 1, the sample's keys are dropped, every row checked when they are added again, and come back the same", .startingFrom(.migrated))
    func bulkSampleLoad() throws {
        let before = try foreignKeys()
        let result = try load(["--dir", "ops/sample", "--bulk-rows", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ops/sample/units.csv: 190 rows: 190 inserted, 0 updated, 0 unchanged, 0 rejected\n"))
        let after = try foreignKeys()
        #expect(after.definitions == before.definitions)
        // Added again: new catalog rows for the keys of the tables the sample filled (units, owners, projects …).
        #expect(Set(after.oids).intersection(before.oids).count < before.oids.count / 2, "the keys were not dropped: \(after.oids) \(before.oids)")
        #expect(try count("SELECT count(*) FROM staging.suspended_foreign_keys") == 0)
        #expect(try count("SELECT count(*) FROM ledger.owners") > 0)
        // Nothing a key refers to is missing: every key, added again, checked every row.
        #expect(try count("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated") == 0)
    }

    @Test("the default keeps the keys of a small load checking row by row (the same catalog rows)", .startingFrom(.migrated))
    func defaultKeepsKeys() throws {
        let before = try foreignKeys()
        try loadSample()
        let after = try foreignKeys()
        #expect(after.definitions == before.definitions)
        #expect(after.oids == before.oids)
    }

    @Test("a dry run never drops keys: it does not wait for a report reading the tables", .startingFrom(.migrated))
    func dryRunLocksNoOneOut() throws {
        // A report reading units: dropping a key of units (or one referring to it) would wait for it to end.
        try connection.execute("BEGIN")
        try connection.execute("LOCK TABLE ledger.units IN ACCESS SHARE MODE")
        defer { _ = try? connection.execute("ROLLBACK") }
        var environment = database.environment
        environment["PGOPTIONS"] = "-c lock_timeout=3000"
        let dryRun = try CLI.run(["load", "--dir", "ops/sample", "--bulk-rows", "1", "--dry-run"], environment: environment)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        // The same load for real drops them, so it waits for the reader and gives up after lock_timeout.
        let real = try CLI.run(["load", "--dir", "ops/sample", "--bulk-rows", "1"], environment: environment)
        #expect(real.status == 75, "a lock timeout is a temporary failure")
        #expect(real.stderr.contains("lock timeout"), "\(real.stderr)")
    }

    @Test("a unit of a compound not in the ledger is named by file and line, in both languages, as without --bulk-rows, and nothing changes", .startingFrom(.migrated))
    func bulkLoadNamesMissingReference() throws {
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nNOSUCH,1,101,50.00\n")
        let before = try foreignKeys()
        let fingerprintBefore = try fingerprint()
        for lang in ["en", "zh"] {
            let bulk = try load(["units", path, "--bulk-rows", "1", "--lang", lang])
            let rowByRow = try load(["units", path, "--bulk-rows", "0", "--lang", lang])
            #expect(bulk.status == 65)
            #expect(bulk.stderr == rowByRow.stderr)
            #expect(bulk.stdout == rowByRow.stdout)
            #expect(bulk.stderr.contains("\(path):2: compound_code: "), "\(bulk.stderr)")
            #expect(bulk.stderr.contains("NOSUCH"))
        }
        #expect(try foreignKeys().oids == before.oids, "the rolled-back load leaves the keys it dropped as they were")
        #expect(try fingerprint() == fingerprintBefore)
    }

    @Test("a --partial bulk load keeps the good rows, rejects the bad one, and adds its keys again", .startingFrom(.migrated))
    func bulkPartialLoad() throws {
        // The sample with one unit of a compound that is not in it.
        let sample = directory.appendingPathComponent("sample")
        try FileManager.default.copyItem(at: TestEnvironment.projectRoot.appendingPathComponent("ops/sample"), to: sample)
        let units = sample.appendingPathComponent("units.csv")
        var text = try Data(contentsOf: units)
        text.append(Data("NOSUCH,1,101,50.00\r\n".utf8))
        try text.write(to: units)
        let before = try foreignKeys()
        let result = try load(["--dir", sample.path, "--partial", "--bulk-rows", "1"])
        #expect(result.status == 65, "some rows rejected: \(result.stderr)")
        #expect(result.stdout.contains("units.csv: 191 rows: 190 inserted, 0 updated, 0 unchanged, 1 rejected\n"), "\(result.stdout)")
        #expect(result.stderr.contains("units.csv:192: compound_code: "), "\(result.stderr)")
        let after = try foreignKeys()
        #expect(after.definitions == before.definitions)
        #expect(after.oids != before.oids)
        #expect(try count("SELECT count(*) FROM ledger.units") == 190)
    }
}
