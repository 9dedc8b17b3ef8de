import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// The loader tried as a hostile district loader and a careless office would try it (issue 11,
/// docs/security.md): each test runs the built binary against a fresh database holding the sample.
extension LoadTests {
    func load(_ arguments: [String], environment: [String: String]) throws -> CommandResult {
        try CLI.run(["load"] + arguments, environment: environment)
    }

    /// A login role that is a member of `group`, scoped to 姑苏区 320508.
    func role(_ group: String) throws -> LoginRole {
        try database.loginRole(prefix: "pl_hard", in: group, district: "320508")
    }

    // MARK: Scope (findings 10 and "learn nothing beyond not yours")

    @Test("a district loader learns nothing of another district's keys: a unit of a 龙岗区 compound is 'not in your districts', without naming 440307")
    func parentOutsideScope() throws {
        let gusu = try role("propledger_loader")
        defer { gusu.drop() }
        let before = try fingerprint()
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\nLG001,9,901,70.00\nNOSUCH,1,1,50.00\n")
        let result = try load(["units", path], environment: gusu.environment)
        #expect(result.status == 65)
        let existing = "\(path):3: compound_code: unknown compound 'LG001': it is not in the ledger within your districts (320508)"
        let missing = "\(path):4: compound_code: unknown compound 'NOSUCH': it is not in the ledger within your districts (320508)"
        #expect(result.stderr.contains(existing), "\(result.stderr)")
        #expect(result.stderr.contains(missing), "\(result.stderr)")
        // An existing key of another district and a key that exists nowhere get the same words.
        let tail = { (text: String, prefix: String) in
            text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        }
        #expect(tail(result.stderr, existing) == tail(result.stderr, missing))
        #expect(!result.stderr.contains("440307"))
        #expect(try fingerprint() == before)
    }

    @Test("a row that names its own district outside the loader's scope is rejected naming that district")
    func ownDistrictOutsideScope() throws {
        let gusu = try role("propledger_loader")
        defer { gusu.drop() }
        let path = try file("compounds.csv", "compound_code,community_code,name\nGS901,440307001001,越界小区\n")
        let result = try load(["compounds", path], environment: gusu.environment)
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):2: community_code: belongs to district 440307, outside your districts (320508)"), "\(result.stderr)")
    }

    @Test("a company registered in another district is rejected, never counted unchanged (whatever district the file gives it)")
    func registryRowOfAnotherDistrict() throws {
        let gusu = try role("propledger_loader")
        defer { gusu.drop() }
        let before = try fingerprint()
        for text in ["uscc,name,ownership,district_code\n91440307MA5D8YK3N1,深圳市瑞宁物业管理有限公司,private,440307\n",
                     "uscc,name,ownership,district_code\n91440307MA5D8YK3N1,改名物业,private,320508\n"] {
            let path = try file("companies.csv", text)
            let result = try load(["companies", path], environment: gusu.environment)
            #expect(result.status == 65, "\(text): \(result.stdout)")
            #expect(result.stderr.contains("\(path):2: ") && result.stderr.contains("440307"), "\(result.stderr)")
            #expect(!result.stdout.contains("1 unchanged"))
        }
        #expect(try fingerprint() == before)
    }

    @Test("a key held by another district is refused as 'outside your districts', without naming the district")
    func keyHeldElsewhere() throws {
        let gusu = try role("propledger_loader")
        defer { gusu.drop() }
        let before = try fingerprint()
        let path = try file("compounds.csv", "compound_code,community_code,name\nLG001,320508001001,撞号小区\n")
        let result = try load(["compounds", path, "--partial"], environment: gusu.environment)
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):2: ") && result.stderr.contains("already used outside your districts (320508)"), "\(result.stderr)")
        #expect(!result.stderr.contains("440307"))
        #expect(result.stdout.contains("nothing loaded: every row was rejected"), "\(result.stdout)")
        // The --partial load commits its (empty) batch record; the ledger itself is as it was.
        let ledgerOnly = { (print: String) in print.split(separator: " ").filter { !$0.hasPrefix("committed_batches=") } }
        #expect(ledgerOnly(try fingerprint()) == ledgerOnly(before))
        #expect(try count("SELECT count(*) FROM ledger.compounds WHERE compound_code = 'LG001' AND name <> '撞号小区'") == 1)
    }

    @Test("a reader running load, or a login with no PropLedger role, exits 77 naming the role it needs")
    func readerCannotLoad() throws {
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\n")
        for group in ["propledger_reader", "pg_monitor"] {
            let who = try role(group)
            defer { who.drop() }
            let result = try load(["units", path], environment: who.environment)
            #expect(result.status == 77, "\(group): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains("loading needs membership in propledger_loader"), "\(result.stderr)")
        }
    }

    // MARK: Cells that used to crash (finding 9) or slip through

    @Test("a funding percent of 50%%, 33.333 or abc is a rejected row with its line, not exit 70 (50% loads: OfficeInputTests)", arguments: ["50%%", "33.333", "abc", "%s%s%n"])
    func percentCells(cell: String) throws {
        let path = try file("funding.csv", "project_code,source,payer,amount_yuan,percent\nGS2026004,government,street,,\(cell)\n")
        for extra in [[], ["--partial"]] {
            let result = try load(["funding", path] + extra)
            #expect(result.status == 65, "\(cell) \(extra): \(result.stderr)")
            #expect(result.stderr.contains("\(path):2: percent: '\(cell)' is not a percentage"), "\(result.stderr)")
        }
    }

    @Test("a NUL byte, an over-long key and a zero-width space in a key are rejected with their line; the other rows load with --partial")
    func badCells() throws {
        let long = String(repeating: "楼", count: 3_000)
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\n"
            + "GS015,1,101,80.00\n"
            + "GS015,1,1\u{0}2,80.00\n"
            + "GS015,\(long),1,80.00\n"
            + "GS015\u{200B},1,104,80.00\n"
            + "GS015,1,105,\(String(repeating: "9", count: 5_000))\n")
        let result = try load(["units", path, "--partial"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("\(path):3: unit_no: '1\\u{0}2' contains a NUL character"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):4: building: '\(String(repeating: "楼", count: 60))…' has 3000 characters; a key or code has at most 200"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):5: compound_code: 'GS015\\u{200B}' contains invisible characters"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):6: floor_area_m2: the cell has 5000 characters; at most 4000 are allowed"), "\(result.stderr)")
        #expect(result.stderr.utf8.count < 4_000, "a long cell is never echoed whole")
        #expect(result.stdout.contains("5 rows: 1 inserted, 0 updated, 0 unchanged, 4 rejected"), "\(result.stdout)")
        #expect(try count("SELECT count(*) FROM ledger.compounds WHERE compound_code <> btrim(compound_code, E'\\u200B')") == 0)
    }

    // MARK: Files (findings 7 and 8)

    @Test("a directory given as the file, or KIND.csv being a directory under --dir, exits 66 with a sentence")
    func directoryAsFile() throws {
        let result = try load(["units", directory.path])
        #expect(result.status == 66, "\(result.status) \(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        let dir = directory.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("units.csv"), withIntermediateDirectories: true)
        let batch = try load(["--dir", dir.path])
        #expect(batch.status == 66 || batch.status == 65, "\(batch.status) \(batch.stderr)")
        #expect(batch.stderr.contains("units.csv"))
    }

    @Test("--rejects naming the input file, or --dir D --rejects D, is refused (73) before anything is read; the input is untouched")
    func rejectsNeverOverwriteInput() throws {
        let text = "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\nGS015,1,102,bad\n"
        let path = try file("units.csv", text)
        let result = try load(["units", path, "--rejects", path])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("writing there would destroy it"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        let dir = directory.appendingPathComponent("office")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: dir.appendingPathComponent("units.csv"))
        try Data("compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\n".utf8)
            .write(to: dir.appendingPathComponent("management.csv"))
        let batch = try load(["--dir", dir.path, "--rejects", dir.path])
        #expect(batch.status == 73, "\(batch.stderr)")
        #expect(try String(contentsOfFile: dir.appendingPathComponent("units.csv").path, encoding: .utf8) == text)
        #expect(try count("SELECT count(*) FROM ledger.units WHERE compound_code = 'GS015'") == 0)
    }

    @Test("--rejects into a FIFO or through a symbolic link is refused (73)")
    func rejectsOnlyToRegularFiles() throws {
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,102,bad\n")
        let fifo = directory.appendingPathComponent("fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let link = directory.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        for target in [fifo, link] {
            let result = try load(["units", path, "--rejects", target])
            #expect(result.status == 73, "\(target): \(result.stderr)")
            #expect(result.stderr.contains("not a regular file"), "\(result.stderr)")
        }
    }

    @Test("a row with the wrong number of cells is written to --rejects as it was, so it can be fixed and resent")
    func structuralRejectsKeepTheirCells() throws {
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\nGS015,1,102,80,50\nGS015,1,1\u{0}3,70.00\n")
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let result = try load(["units", path, "--partial", "--rejects", rejects])
        #expect(result.status == 65)
        let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: rejects)).dropFirst(3), as: UTF8.self)
        let lines = written.components(separatedBy: "\r\n")
        #expect(lines[0] == "compound_code,building,unit_no,floor_area_m2,_line,_reason")
        #expect(lines[1].hasPrefix("GS015,1,102,80,50,3,row: has 5 cells but the header has 4"), "\(written)")
        #expect(lines[2].hasPrefix("GS015,1,1\u{0}3,70.00,4,"), "\(written)")
        // Fixed by the office (the stray comma and the NUL removed) and sent back as it is.
        let fixed = written.replacingOccurrences(of: "80,50,3", with: "80.50,3").replacingOccurrences(of: "1\u{0}3", with: "103")
        let again = try load(["units", try file("fixed.csv", fixed)])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try count("SELECT count(*) FROM ledger.units WHERE compound_code = 'GS015'") == 3)
    }

    // MARK: Lock (finding 11) and the load history

    @Test("a waiting load gives up after --lock-timeout with exit 75, and the attempt is in the load history")
    func lockTimeout() throws {
        let holder = try database.connect()
        try holder.execute("BEGIN")
        try holder.execute("LOCK TABLE staging.load_lock IN EXCLUSIVE MODE")
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\n")
        let started = Date()
        let result = try load(["units", path, "--lock-timeout", "1"])
        #expect(result.status == 75, "\(result.stderr)")
        #expect(result.stderr.contains("--lock-timeout"))
        #expect(Date().timeIntervalSince(started) < 30)
        try holder.execute("ROLLBACK")
        #expect(try count("SELECT count(*) FROM audit.load_batches WHERE status = 'failed' AND kind = 'units' AND reason LIKE '%lock-timeout%' AND db_user = session_user") == 1)
        #expect(try count("SELECT count(*) FROM ledger.units WHERE compound_code = 'GS015'") == 0)
    }

    @Test("rejected loads leave a record: who, file, sha256, rejected rows, outcome")
    func rejectedAttemptsRecorded() throws {
        let bad = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,bad\n")
        #expect(try load(["units", bad]).status == 65)
        #expect(try count("""
            SELECT count(*) FROM audit.load_batches WHERE status = 'rejected' AND kind = 'units' AND rejected = 1 AND rows = 1
              AND sha256 ~ '^[0-9a-f]{64}$' AND file_name = \(bad)
            """) == 1)
        let header = try file("votes.csv", "project_code,nonsense\nGS2026002,1\n")
        #expect(try load(["votes", header]).status == 65)
        #expect(try count("SELECT count(*) FROM audit.load_batches WHERE status = 'rejected' AND kind = 'votes' AND reason LIKE '%unknown column%'") == 1)
    }

    @Test("a dry run never counts a row both inserted and rejected")
    func dryRunCounts() throws {
        // A share that breaks GS2026004's percentages (they would no longer sum to 100).
        let path = try file("funding.csv", "project_code,source,payer,amount_yuan,percent\nGS2026004,owners,,,10.00\n")
        let result = try load(["funding", path, "--dry-run"])
        #expect(result.status == 65)
        #expect(result.stdout.contains("1 rows: 0 inserted, 0 updated, 0 unchanged, 1 rejected"), "\(result.stdout)")
    }

    @Test("--partial: a project rule broken by one vote is reported once per row and says why the project's other rows are kept out")
    func partialProjectRuleSaysWhatHappened() throws {
        let path = try file("votes.csv", """
            project_code,matter,held_on,total_area_m2,total_owners,participating_area_m2,participating_owners,approving_area_m2,approving_owners
            GS2026005,raise_fund,2026-09-21,,,354.56,6,298.26,5
            GS2026005,renovate,2026-09-21,,,354.56,99,298.26,5

            """)
        let result = try load(["votes", path, "--partial"])
        #expect(result.status == 65)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "each rejected row once: \(result.stderr)")
        #expect(lines.allSatisfy { $0.contains("(votes_counts_possible)") && $0.contains("its 2 rows in this load are kept out together (votes.csv lines 2, 3)") },
                "\(result.stderr)")
        #expect(result.stdout.contains("nothing loaded: every row was rejected"), "\(result.stdout)")
    }

    @Test("a loader stopped (SIGSTOP) while it holds the load lock is ended by the server after --idle-timeout, freeing the lock")
    func stoppedLoaderFreesTheLock() throws {
        let before = try fingerprint()
        var text = "compound_code,building,unit_no,floor_area_m2\n"
        for n in 0..<200_000 { text += "GS015,\(n / 1000),\(n % 1000),\(60 + n % 50).50\n" }
        let path = try file("units.csv", text)
        // Not much less than 10 s: the loader reads the file inside its transaction (1.6 s of idleness for these
        // rows on a busy 2-core machine), and a shorter timeout can end the load before it takes the lock.
        let (process, _) = try CLI.launch(["load", "units", path, "--idle-timeout", "10"], environment: database.environment)
        // pg_locks is the whole server's, and copies of one template share the table's OID: keep to this database.
        let holding: SQLQuery = """
            SELECT count(*) FROM pg_locks WHERE relation = 'staging.load_lock'::regclass AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """
        var locked = false
        let deadline = Date().addingTimeInterval(120)
        while !locked && process.isRunning && Date() < deadline {
            locked = try count(holding) == 1
            if !locked { Thread.sleep(forTimeInterval: 0.01) }
        }
        #expect(locked)
        kill(process.processIdentifier, SIGSTOP)
        var freed = false
        for _ in 0..<1200 where !freed {
            freed = try count(holding) == 0
            if !freed { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(freed, "the server ended the stopped load's session and its lock went with it")
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        #expect(try fingerprint() == before)
    }

    @Test("a statement timeout during the final checks is not a data rejection: exit 75, a failed attempt, nothing kept")
    func timeoutInFinalChecks() throws {
        let before = try fingerprint()
        // A deferred check that takes 3 s: it runs when the loader fires the deferred rules (SET CONSTRAINTS
        // ALL IMMEDIATE), where a 1.5 s statement timeout cancels it.
        try connection.execute("""
            CREATE FUNCTION public.pl_test_slow() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN PERFORM pg_sleep(3); RETURN NULL; END'
            """)
        try connection.execute("""
            CREATE CONSTRAINT TRIGGER pl_test_slow AFTER INSERT ON ledger.units DEFERRABLE INITIALLY DEFERRED
            FOR EACH ROW EXECUTE FUNCTION public.pl_test_slow()
            """)
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\n")
        var environment = database.environment
        environment["PGOPTIONS"] = "-c statement_timeout=1500"
        let result = try load(["units", path], environment: environment)
        #expect(result.status == 75, "\(result.status): \(result.stderr)")
        #expect(!result.stdout.contains("rejected"), "\(result.stdout)")
        #expect(try count("SELECT count(*) FROM audit.load_batches WHERE kind = 'units' AND status = 'rejected'") == 0)
        #expect(try count("""
            SELECT count(*) FROM audit.load_batches WHERE kind = 'units' AND status = 'failed' AND file_name = \(path)
            """) == 1)
        #expect(try fingerprint() == before)
    }
}
