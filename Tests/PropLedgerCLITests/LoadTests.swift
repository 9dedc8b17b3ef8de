import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// End-to-end tests of `propledger load`, running the built binary against a fresh database that
/// holds the sample district (ops/sample): a copy of the sample template, or of the migrated template (an
/// empty ledger) for a test marked `.startingFrom(.migrated)`.
@Suite("propledger load", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct LoadTests {
    let database: ScratchDatabase
    let connection: Connection
    let scratch: ScratchDirectory
    var directory: URL { scratch.url }

    init() throws {
        let start = Test.current?.traits.lazy.compactMap { $0 as? StartingFrom }.first?.template ?? .sample
        database = try ScratchDatabase(template: start)
        connection = try database.connect()
        scratch = try ScratchDirectory(prefix: "pl-load")
    }

    /// Loads ops/sample and checks it went in whole.
    func loadSample() throws {
        let result = try load(["--dir", "ops/sample"])
        #expect(result.status == 0, "sample load failed: \(result.stderr)")
    }

    func load(_ arguments: [String]) throws -> CommandResult {
        try CLI.run(["load"] + arguments, environment: database.environment)
    }

    /// Writes a CSV file into the test's directory.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func count(_ query: SQLQuery) throws -> Int {
        try connection.execute(query)[0].decode(at: 0, as: Int.self)
    }

    /// A fingerprint of everything a load may write, to prove a rejected load changed nothing.
    func fingerprint() throws -> String {
        let tables = ["units", "management", "clearance", "projects", "funding", "votes", "companies", "compounds"]
        var parts = try tables.map { "\($0)=\(try count("SELECT count(*) FROM ledger.\(ident: $0)"))" }
        parts.append("changes=\(try count("SELECT count(*) FROM audit.changes"))")
        parts.append("companies=\(try connection.execute("SELECT coalesce(string_agg(uscc || district_code || name, ',' ORDER BY uscc), '') FROM ledger.companies")[0].decode(at: 0, as: String.self))")
        parts.append("committed_batches=\(try count("SELECT count(*) FROM audit.load_batches WHERE status IN ('committed','partial')"))")
        parts.append("area=\(try connection.execute("SELECT coalesce(sum(floor_area_m2), 0)::text FROM ledger.units")[0].decode(at: 0, as: String.self))")
        return parts.joined(separator: " ")
    }

    @Test("the sample loads whole, with GB18030 + Chinese headers and BOM files decoded exactly", .startingFrom(.migrated))
    func sampleLoads() throws {
        let result = try load(["--dir", "ops/sample"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("ops/sample/compounds.csv: 19 rows: 19 inserted, 0 updated, 0 unchanged, 0 rejected\n"))
        #expect(result.stdout.contains("ops/sample/units.csv: 190 rows: 190 inserted, 0 updated, 0 unchanged, 0 rejected\n"))
        // compounds.csv is GB18030 with Chinese headers; surveys.csv is UTF-8 with a BOM.
        let name = try connection.execute("SELECT name FROM ledger.compounds WHERE compound_code = 'GS002'")[0].decode(at: 0, as: String.self)
        #expect(name == "碧凤坊小区")
        #expect(try count("SELECT count(*) FROM ledger.surveys") == 34)
        #expect(try count("SELECT count(*) FROM audit.load_batches WHERE status = 'committed'") == 24, "one batch per file of ops/sample")
        let sha = try connection.execute("SELECT sha256 FROM audit.load_batches WHERE kind = 'compounds'")[0].decode(at: 0, as: String.self)
        let data = try Data(contentsOf: TestEnvironment.projectRoot.appendingPathComponent("ops/sample/compounds.csv"))
        #expect(sha == LedgerCoreSHA.hex(data))
    }

    @Test("a load analyzes the tables it filled, so its later checks are planned for their real size", .startingFrom(.migrated))
    func loadAnalyzes() throws {
        // Loads here: the statistics it checks are not copied with a template database.
        try loadSample()
        // 190 units is above autovacuum's threshold for an empty table (50 rows); 5 districts are not.
        #expect(try count("SELECT reltuples::int FROM pg_class WHERE oid = 'ledger.units'::regclass") == 190)
        #expect(try count("SELECT count(*) FROM pg_stat_user_tables WHERE relid = 'ledger.units'::regclass AND last_analyze IS NOT NULL") == 1)
        #expect(try count("SELECT count(*) FROM pg_stat_user_tables WHERE relid = 'ledger.districts'::regclass AND last_analyze IS NOT NULL") == 0)
    }

    @Test("reloading the same files changes nothing and writes no audit rows")
    func reloadIsNoOp() throws {
        let changes = try count("SELECT count(*) FROM audit.changes")
        let again = try load(["--dir", "ops/sample"])
        #expect(again.status == 0)
        #expect(again.stdout.contains("ops/sample/units.csv: 190 rows: 0 inserted, 0 updated, 190 unchanged, 0 rejected\n"))
        #expect(!again.stdout.contains(" 1 inserted") && !again.stdout.contains(" 1 updated"))
        #expect(try count("SELECT count(*) FROM audit.changes") == changes)
    }

    @Test("a changed row updates the record and the audit trail keeps the old values")
    func changedRowUpdates() throws {
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS011,1,101,90.01\nGS011,1,102,112.37\n")
        let result = try load(["units", path])
        #expect(result.status == 0)
        #expect(result.stdout == "\(path): 2 rows: 0 inserted, 1 updated, 1 unchanged, 0 rejected\n")
        let audit = try connection.execute("""
            SELECT old_row->>'floor_area_m2' AS old, new_row->>'floor_area_m2' AS new FROM audit.changes
            WHERE table_name = 'units' AND operation = 'UPDATE'
            """)
        #expect(audit.count == 1)
        #expect(try audit[0].decode("old", as: String.self) == "89.56")
        #expect(try audit[0].decode("new", as: String.self) == "90.01")
    }

    /// One bad file per reject reason: the message names file, line, column and reason.
    @Test("each reject reason names the file, line, column and reason", arguments: [
        ("units", "compound_code,building,unit_no,floor_area_m2\nGS011,9,901,80.00\nGS011,9,902,\n",
         3, "floor_area_m2", "is required, but the cell is empty"),
        ("units", "compound_code,building,unit_no,floor_area_m2\nGS011,9,901,80.005\n",
         2, "floor_area_m2", "'80.005' is not an area in m² with at most 2 decimals"),
        ("units", "compound_code,building,unit_no,floor_area_m2\nGS011,9,901,0.00\n",
         2, "floor_area_m2", "'0.00' breaks the rule: a unit's floor area is more than 0"),
        ("units", "compound_code,building,unit_no,floor_area_m2\nNOPE,1,101,80.00\n",
         2, "compound_code", "unknown compound 'NOPE': it is not in the ledger; if it is new, load compounds.csv first"),
        ("units", "compound_code,building,unit_no,floor_area_m2\nGS011,9,901,80.00\nGS011,9,901,81.00\n",
         2, "compound_code", "duplicate key (compound_code, building, unit_no) = (GS011, 9, 901): also on line 3"),
        // A key already in the ledger given twice: the UPDATE would keep one of the two without a word
        // (the unique index only sees two new rows).
        ("units", "compound_code,building,unit_no,floor_area_m2\nGS011,1,101,90.00\nGS011,1,101,91.00\n",
         2, "compound_code", "duplicate key (compound_code, building, unit_no) = (GS011, 1, 101): also on line 3"),
        ("units", "compound_code,building,unit_no,floor_area_m2\nGS011,9,901,80.00,extra\n",
         2, "row", "has 5 cells but the header has 4"),
        ("projects", "project_code,compound_code,category,title,status,budget_yuan,proposed_on\nGS2099001,GS011,wiring,线路,proposed,\"1,23.00\",2026-01-01\n",
         2, "budget_yuan", "'1,23.00' is not an amount in yuan with at most 2 decimals"),
        ("management", "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\nGS015,2026-02-30,fallback,,appointed,0.30,\n",
         2, "start_on", "'2026-02-30' is not a day of the calendar (no such day in that month); check the date"),
        ("management", "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\nGS015,2026/1/5,outsourced,,appointed,0.30,\n",
         2, "mode", "'outsourced' is not one of: company (物业服务企业), self_managed (业主自管), fallback (社区兜底)"),
        ("management", "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\nGS015,2026-01-05,company,91350100M000100Y43,tender,1.50,\n",
         2, "company_uscc", "no company '91350100M000100Y43' is in the ledger; load companies.csv first, or check the code"),
        ("management", "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\nGS015,2026-01-01,fallback,,appointed,0.30,2026-06-30\nGS015,2026-06-01,self_managed,,owners_vote,0.50,\n",
         2, "start_on", "overlaps line 3: management periods of one compound never overlap"),
        ("management", "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on\nGS001,2026-01-01,self_managed,,owners_vote,0.50,\n",
         2, "start_on", "overlaps the one from 2025-05-01 to open-ended already in the ledger"),
        ("clearance", "compound_code,identified_on,target_on,resolution,resolved_on,note\nGS013,2026-10-01,2026-12-31,,,second open case\n",
         2, "compound_code", "(GS013) conflicts with a row already in the ledger: only one row may have these values (clearance_one_open_case_per_compound); close or change that row first"),
        ("clearance", "compound_code,identified_on,target_on,resolution,resolved_on,note\nGS015,2026-10-01,2026-12-31,company_takeover,,claimed\n",
         2, "resolution", "'company_takeover' breaks the rule: a resolved case has both the resolution and the date resolved, an open case neither"),
        ("companies", "uscc,name,ownership,district_code\n91350100M000100Y44,某物业,private,320508\n",
         2, "uscc", "'91350100M000100Y44' breaks the rule"),
        ("funding", "project_code,source,payer,amount_yuan,percent\nGS2026001,government,district,600000.01,\n",
         2, "project_code", "project GS2026001: funding shares sum to 860000.01 yuan but the budget is 860000.00 yuan (project_shares_sum_to_budget)"),
    ])
    func rejectReason(kind: String, csv: String, line: Int, column: String, reason: String) throws {
        let before = try fingerprint()
        let path = try file("\(kind).csv", csv)
        let result = try load([kind, path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):\(line): \(column): \(reason)"), "stderr was: \(result.stderr)")
        #expect(result.stdout.hasSuffix("nothing loaded: fix the rows above and load again, or use --partial to load the good rows\n"))
        #expect(try fingerprint() == before)
    }

    @Test("a bad row at line N rejects the whole file, names line N, and leaves the database unchanged")
    func badRowLeavesDatabaseUnchanged() throws {
        let before = try fingerprint()
        var text = "compound_code,building,unit_no,floor_area_m2\n"
        for n in 1...500 { text += n == 377 ? "GS015,8,\(n),八十\n" : "GS015,8,\(n),80.\(n % 100 < 10 ? "0" : "")\(n % 100)\n" }
        let path = try file("units.csv", text)
        let result = try load(["units", path])
        #expect(result.status == 65)
        #expect(result.stderr == "\(path):378: floor_area_m2: '八十' is not an area in m² with at most 2 decimals\n")
        #expect(result.stdout.hasPrefix("\(path): 500 rows: 0 inserted, 0 updated, 0 unchanged, 1 rejected\n"))
        #expect(try fingerprint() == before)
        #expect(try count("SELECT count(*) FROM audit.load_batches WHERE status = 'rejected' AND kind = 'units' AND rejected = 1") == 1)
    }

    @Test("--partial loads the good rows and writes the rejects; loading the fixed rejects completes the data")
    func partialThenFixedRejects() throws {
        let path = try file("units.csv", """
            compound_code,楼栋,unit_no,floor_area_m2
            GS015,1,101,80.00
            GS015,1,102,8O.50
            GS015,1,103,75.25
            NOPE,1,101,60.00

            """)
        let rejects = directory.appendingPathComponent("rejects.csv").path
        let result = try load(["units", path, "--partial", "--rejects", rejects])
        #expect(result.status == 65)
        #expect(result.stdout.hasPrefix("\(path): 4 rows: 2 inserted, 0 updated, 0 unchanged, 2 rejected\n"))
        #expect(try count("SELECT count(*) FROM ledger.units WHERE compound_code = 'GS015'") == 2)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: rejects))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let written = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(written == "compound_code,楼栋,unit_no,floor_area_m2,_line,_reason\r\n"
            + "GS015,1,102,8O.50,3,floor_area_m2: '8O.50' is not an area in m² with at most 2 decimals\r\n"
            + "NOPE,1,101,60.00,5,\"compound_code: unknown compound 'NOPE': it is not in the ledger; if it is new, load compounds.csv first, or check the code\"\r\n")
        // The office fixes the two rows in the rejects file and sends it back as it is.
        let fixed = written.replacingOccurrences(of: "8O.50", with: "80.50").replacingOccurrences(of: "NOPE,", with: "GS015,")
            .replacingOccurrences(of: ",1,101,60.00", with: ",1,104,60.00")
        let fixedPath = try file("units-fixed.csv", fixed)
        let second = try load(["units", fixedPath])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == "\(fixedPath): 2 rows: 2 inserted, 0 updated, 0 unchanged, 0 rejected\n")
        let area = try connection.execute("SELECT sum(floor_area_m2)::text FROM ledger.units WHERE compound_code = 'GS015'")[0].decode(at: 0, as: String.self)
        #expect(area == "295.75")
    }

    @Test("--partial rejects a row that breaks a cross-row rule together with the rows it conflicts with")
    func partialCrossRowRule() throws {
        let path = try file("funding.csv", """
            project_code,source,payer,amount_yuan,percent
            GS2026001,government,district,600000.01,
            GS2026001,company,91320508MA1MQ7K2X1,260000.00,
            LG2026001,government,district,200000.00,

            """)
        let result = try load(["funding", path, "--partial"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):2: project_code: project GS2026001: funding shares sum to 860000.01"))
        #expect(result.stderr.contains("\(path):3: project_code: project GS2026001: funding shares sum to 860000.01"))
        #expect(result.stdout.hasPrefix("\(path): 3 rows: 0 inserted, 0 updated, 1 unchanged, 2 rejected\n"))
        let amount = try connection.execute("SELECT amount_yuan::text FROM ledger.funding WHERE project_code = 'GS2026001' AND source = 'government'")
        #expect(try amount[0].decode(at: 0, as: String.self) == "600000.00")
    }

    @Test("changing units re-checks the votes whose totals are computed from them")
    func unitsRecheckVotes() throws {
        let before = try fingerprint()
        // GS2026005's raise_fund vote leaves its totals blank: all 6 units of GS003 building 2, 354.56 m²,
        // took part. Shrinking 2-101 from 56.30 to 45.00 m² leaves 343.26 m² in scope, fewer than took part: impossible.
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS003,2,101,45.00\nGS003,1,101,60.00\n")
        let first = try connection.execute("SELECT floor_area_m2::text FROM ledger.units WHERE compound_code = 'GS003' AND building = '2' AND unit_no = '101'")
        #expect(try first[0].decode(at: 0, as: String.self) == "56.30")
        let result = try load(["units", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):2: compound_code: project GS2026005: a vote has more participants than owners in scope"), "\(result.stderr)")
        #expect(result.stderr.contains("\(path):3: compound_code: project GS2026005"))
        #expect(try fingerprint() == before)
    }

    @Test("--dry-run validates and writes nothing", .startingFrom(.migrated))
    func dryRun() throws {
        let before = try fingerprint()
        let result = try load(["--dir", "ops/sample", "--dry-run"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("dry run: nothing written; every row is valid\n"))
        #expect(try fingerprint() == before)
    }

    @Test("an unknown or missing column stops the file and lists the expected columns", .startingFrom(.migrated))
    func badHeader() throws {
        let path = try file("units.csv", "compound_code,building,room,floor_area_m2\nGS011,1,101,80.00\n")
        let result = try load(["units", path])
        #expect(result.status == 65)
        #expect(result.stderr == "propledger: \(path):1: unknown column \"room\"; missing required column unit_no (房号). Expected columns (* = key, required): compound_code* (小区编码), building* (楼栋), unit_no* (房号), floor_area_m2 (建筑面积)\n")
    }

    @Test("a missing file exits 66, an unknown kind 64", .startingFrom(.migrated))
    func missingFileAndKind() throws {
        let missing = try load(["units", "/nonexistent/units.csv"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "propledger: /nonexistent/units.csv: no such file, or it cannot be read; check the path\n")
        let unknown = try load(["flats", "x.csv"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown kind 'flats'; expected one of: districts, streets,"))
    }

    @Test("--encoding gb18030 on a UTF-8 file with a BOM is refused; auto reads GB18030")
    func encodings() throws {
        let gbk = directory.appendingPathComponent("compounds.csv")
        let text = "小区编码,社区代码,小区名称\nGS099,320508001001,沧浪新城三期\n"
        let bytes = try LoadTests.gb18030(text)
        try bytes.write(to: gbk)
        #expect(bytes != Data(text.utf8))
        let auto = try load(["compounds", gbk.path])
        #expect(auto.status == 0, "\(auto.stderr)")
        let name = try connection.execute("SELECT name FROM ledger.compounds WHERE compound_code = 'GS099'")[0].decode(at: 0, as: String.self)
        #expect(name == "沧浪新城三期")
        let bom = try file("units.csv", "\u{FEFF}compound_code,building,unit_no,floor_area_m2\nGS099,1,101,66.60\n")
        let refused = try load(["units", bom, "--encoding", "gb18030"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("starts with a UTF-8 byte-order mark but --encoding gb18030 was given"))
        #expect(try load(["units", bom]).status == 0)
    }

    @Test("a row of a compound outside the loader's districts is rejected as not in its districts")
    func scope() throws {
        let gusu = try database.loginRole(prefix: "pl_gusu", in: "propledger_loader", district: "320508")
        defer { gusu.drop() }
        let before = try fingerprint()
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\nLG001,9,901,70.00\n")
        let result = try CLI.run(["load", "units", path], environment: gusu.environment)
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):3: compound_code: unknown compound 'LG001': it is not in the ledger within your districts (320508)"), "\(result.stderr)")
        #expect(try fingerprint() == before)
    }

    @Test("two concurrent loads serialise; --no-wait fails with 75 while another holds the lock")
    func concurrentLoads() throws {
        let holder = try database.connect()
        try holder.execute("BEGIN")
        try holder.execute("LOCK TABLE staging.load_lock IN EXCLUSIVE MODE")
        let path = try file("units.csv", "compound_code,building,unit_no,floor_area_m2\nGS015,1,101,80.00\n")
        let busy = try load(["units", path, "--no-wait"])
        #expect(busy.status == 75)
        #expect(busy.stderr.contains("another load is running"))
        // A waiting load finishes once the holder commits.
        let (process, err) = try CLI.launch(["load", "units", path], environment: database.environment)
        var waited = false
        for _ in 0..<100 where !waited {
            Thread.sleep(forTimeInterval: 0.1)
            // pg_locks is the whole server's, and copies of one template share the table's OID: keep to this database.
            waited = try count("""
                SELECT count(*) FROM pg_locks WHERE relation = 'staging.load_lock'::regclass AND NOT granted
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """) == 1
        }
        #expect(waited)
        #expect(process.isRunning)
        #expect(try count("SELECT count(*) FROM ledger.units WHERE compound_code = 'GS015'") == 0)
        try holder.execute("COMMIT")
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(stderr.contains("waiting for another load to finish"))
        #expect(try count("SELECT count(*) FROM ledger.units WHERE compound_code = 'GS015'") == 1)
    }

    @Test("a load killed with SIGKILL leaves no trace")
    func killedLoad() throws {
        let before = try fingerprint()
        let batches = try count("SELECT count(*) FROM audit.load_batches")
        var text = "compound_code,building,unit_no,floor_area_m2\n"
        text.reserveCapacity(12_000_000)
        for n in 0..<200_000 { text += "GS015,\(n / 1000),\(n % 1000),\(60 + n % 50).\(n % 10)0\n" }
        let path = try file("units.csv", text)
        let (process, _) = try CLI.launch(["load", "units", path], environment: database.environment)
        // Kill it once its transaction has written: the batch row exists (uncommitted) or COPY is under way.
        var busy = false
        for _ in 0..<300 where !busy {
            Thread.sleep(forTimeInterval: 0.02)
            busy = try count("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'propledger'
                  AND state <> 'idle' AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
                """) > 0
        }
        #expect(busy)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        // The server notices the broken connection (at once in COPY, within client_connection_check_interval
        // otherwise) and rolls back.
        var gone = false
        for _ in 0..<2400 where !gone {
            gone = try count("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND application_name = 'propledger' AND pid <> pg_backend_pid()
                """) == 0
            if !gone { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(gone)
        #expect(try fingerprint() == before)
        #expect(try count("SELECT count(*) FROM audit.load_batches") == batches)
    }
}

extension LoadTests {
    /// The GB18030 bytes of a text, by the system's iconv (what Excel on Chinese Windows would write).
    static func gb18030(_ text: String) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/iconv")
        process.arguments = ["-f", "UTF-8", "-t", "GB18030"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}

/// SHA-256 of file bytes, for comparing with the batch record.
enum LedgerCoreSHA {
    static func hex(_ data: Data) -> String {
        var hash = LedgerCore.SHA256()
        hash.update([UInt8](data))
        return hash.finalize()
    }
}

/// Which template a `LoadTests` test's database is copied from (the sample, unless a test says otherwise).
struct StartingFrom: TestTrait {
    let template: DatabaseTemplate
}

extension Trait where Self == StartingFrom {
    /// Starts the test on a copy of `template` instead of the sample.
    static func startingFrom(_ template: DatabaseTemplate) -> Self { StartingFrom(template: template) }
}
