import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// The maintenance fund end to end (SPEC §6): the fund files and agreed weights loaded by the built binary,
/// then `report fund`, `report fund-unit` and `report apportion` read back. The ledger is the pgTAP fixture
/// two-districts.sql (平江新村 GS-PJ-001: six units in buildings 1, 2 and 10); the files are the scenario of
/// sql/tests/fixtures/fund-scenario.sql, so the figures here are those 030-fund.sql checks in SQL.
@Suite("propledger load and report: the maintenance fund", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct FundCLITests {
    let database: ScratchDatabase
    let scratch: ScratchDirectory
    var directory: URL { scratch.url }

    static let fixtures = TestEnvironment.projectRoot.appendingPathComponent("sql/tests/fixtures")

    /// The scenario's files: F1 (a use_fund vote) and F2 (an emergency, no vote) draw by area, the elevator W1
    /// by agreed weights (ground floor 0); first deposits, a top-up, compound interest.
    static let files: [String: String] = [
        "projects.csv": """
            project_code,compound_code,category,title,scope_buildings,status,budget_yuan,proposed_on,approved_on,started_on,emergency,emergency_category,emergency_reason,emergency_applicant,emergency_confirmed_by,emergency_confirmed_on
            F1,GS-PJ-001,roof,1、2 幢屋面,1;2,in_progress,7000.00,2024-02-01,2024-03-01,2024-03-15,false,,,,,
            F2,GS-PJ-001,water_supply,1 幢水管爆裂,1,in_progress,5000.00,2024-04-20,2024-04-21,2024-04-21,true,water_supply_failure,供水管爆裂，停水,committee,姑苏区住建局,2024-04-21
            W1,GS-PJ-001,elevator,10 幢加装电梯,10,in_progress,4000.00,2024-06-01,2024-07-01,2024-07-15,false,,,,,

            """,
        "funding.csv": """
            project_code,source,payer,amount_yuan,percent
            F1,maintenance_fund,,7000.00,
            F2,maintenance_fund,,5000.00,
            W1,maintenance_fund,,4000.00,

            """,
        "votes.csv": """
            project_code,matter,held_on,total_area_m2,total_owners,participating_area_m2,participating_owners,approving_area_m2,approving_owners
            F1,use_fund,2024-02-20,,,280.00,4,280.00,4
            W1,use_fund,2024-06-20,,,200.00,2,200.00,2

            """,
        "payments.csv": """
            voucher_no,project_code,source,payer,paid_on,amount_yuan
            P1,F1,maintenance_fund,,2024-04-01,7000.00
            P2,F2,maintenance_fund,,2024-05-01,5000.00
            P3,W1,maintenance_fund,,2024-08-01,4000.00

            """,
        // Chinese headers, as a fund office's export would have them.
        "project_weights.csv": """
            项目编码,楼栋,房号,分摊系数
            W1,10,101,0
            W1,10,102,1

            """,
        "fund_deposits.csv": """
            凭证号,小区编码,楼栋,房号,类别,交存日期,金额
            D1,GS-PJ-001,1,101,first_deposit,2024-01-10,3000.00
            D2,GS-PJ-001,1,102,first_deposit,2024-01-10,4000.00
            D3,GS-PJ-001,2,101,first_deposit,2024-01-10,3000.00
            D4,GS-PJ-001,2,102,first_deposit,2024-01-10,4000.00
            D5,GS-PJ-001,10,101,first_deposit,2024-01-10,5000.00
            D6,GS-PJ-001,10,102,first_deposit,2024-01-10,5000.00
            T1,GS-PJ-001,1,101,top_up,2024-07-01,1000.00

            """,
        "fund_interest.csv": """
            compound_code,posted_on,amount_yuan
            GS-PJ-001,2024-06-30,135.00

            """,
    ]

    init() throws {
        database = try ScratchDatabase(template: .migrated)
        // two-districts.sql includes the geography with psql's \\ir: run the two files in turn, without it.
        let connection = try database.connect()
        for name in ["two-district-geography.sql", "two-districts.sql"] {
            let text = try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
            _ = try connection.executeScript(text.split(separator: "\n").filter { !$0.hasPrefix("\\") }.joined(separator: "\n"))
        }
        scratch = try ScratchDirectory(prefix: "pl-fund")
    }

    /// Writes the scenario's files, with `changes` replacing whole files, and loads the directory.
    func load(_ changes: [String: String] = [:], options: [String] = []) throws -> CommandResult {
        for (name, text) in Self.files.merging(changes, uniquingKeysWith: { $1 }) {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        return try CLI.run(["load", "--dir", directory.path] + options, environment: database.environment)
    }

    func report(_ arguments: [String]) throws -> CommandResult {
        try CLI.run(["report"] + arguments, environment: database.environment)
    }

    @Test("the fund files load; fund by compound gives the SPEC §6 JSON fields")
    func fundByCompound() throws {
        let loaded = try load()
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let result = try report(["fund", "--as-of", "2024-12-31", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row["compound_code"] as? String == "GS-PJ-001")
        #expect(row["first_deposits"] as? String == "24000.00")
        #expect(row["top_ups"] as? String == "1000.00")
        #expect(row["refunds"] as? String == "0.00")
        #expect(row["interest"] as? String == "135.00")
        #expect(row["draws"] as? String == "16000.00")
        #expect(row["owed"] as? String == "1500.00")
        #expect(row["balance"] as? String == "10635.00")
        #expect(row["units_below_threshold"] as? Int == 1)
        #expect(row["units_owing"] as? Int == 2)
        #expect(row["emergency_draws"] as? String == "5000.00")
    }

    @Test("a load leaves the fund postings kept and current (migration 034), refreshed in one session or several side by side: nothing stale, the kept rows are the computation",
          arguments: [["--refresh-sessions", "1"], [], ["--refresh-sessions", "3"]])
    func keptPostingsAfterLoad(options: [String]) throws {
        let loaded = try load(options: options)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        let connection = try database.connect()
        let stale = try connection.query("""
            SELECT ((SELECT count(*) FROM report.fund_stale) + (SELECT count(*) FROM staging.projects_stale))::integer AS n
            """) { try $0.decode("n", as: Int.self) }[0]
        #expect(stale == 0)
        let kept = try connection.query("SELECT count(*)::integer AS n FROM report.fund_postings_kept") { try $0.decode("n", as: Int.self) }[0]
        let differing = try connection.query("""
            SELECT count(*)::integer AS n FROM (
              (SELECT seq, compound_code, district_code, building, unit_no, posted_on, kind, reference, project_code, emergency,
                      posted, amount, owed, balance FROM report.fund_postings_kept
               EXCEPT ALL SELECT * FROM report.fund_postings_compute('infinity'))
              UNION ALL
              (SELECT * FROM report.fund_postings_compute('infinity')
               EXCEPT ALL SELECT seq, compound_code, district_code, building, unit_no, posted_on, kind, reference, project_code,
                                 emergency, posted, amount, owed, balance FROM report.fund_postings_kept)) AS x
            """) { try $0.decode("n", as: Int.self) }[0]
        #expect(kept > 0)
        #expect(differing == 0)
        // A change made by hand marks its compound; the report still gives the computed figures.
        try connection.execute("UPDATE ledger.fund_interest SET amount_yuan = 136.00 WHERE compound_code = 'GS-PJ-001'")
        #expect(try connection.query("SELECT count(*)::integer AS n FROM report.fund_stale WHERE compound_code = 'GS-PJ-001'") {
            try $0.decode("n", as: Int.self) }[0] == 1)
        let result = try report(["fund", "--as-of", "2024-12-31", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["interest"] as? String == "136.00")
    }

    @Test("--refresh-sessions takes 1 to 16 sessions")
    func refreshSessionsRange() throws {
        for bad in ["0", "17"] {
            let result = try load(options: ["--refresh-sessions", bad])
            #expect(result.status == 64, "\(result.stderr)")
            #expect(result.stderr.contains("--refresh-sessions \(bad): give a number of sessions from 1 to 16"), "\(result.stderr)")
        }
    }

    @Test("a refresh that fails after the commit is said, the load is kept, and the reports compute what is stale")
    func refreshFailureIsSaid() throws {
        let connection = try database.connect()
        try connection.execute("REVOKE EXECUTE ON FUNCTION ledger.refresh_kept(), ledger.refresh_kept_share(integer, integer) FROM propledger_loader")
        let loader = try database.loginRole(prefix: "pl_fund_loader", in: "propledger_loader", district: "320508")
        defer { loader.drop() }
        for (name, text) in Self.files {
            try Data(text.utf8).write(to: directory.appendingPathComponent(name))
        }
        let loaded = try CLI.run(["load", "--dir", directory.path, "--lang", "zh"], environment: loader.environment)
        #expect(loaded.status == 0, "\(loaded.stderr)")
        #expect(loaded.stderr.contains("数据已导入，但维修资金分户账、表决结果和出资汇总未能更新"), "\(loaded.stderr)")
        #expect(try connection.query("SELECT count(*)::integer AS n FROM report.fund_stale WHERE compound_code = 'GS-PJ-001'") { try $0.decode("n", as: Int.self) }[0] == 1)
        let result = try report(["fund", "--as-of", "2024-12-31", "--format", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["balance"] as? String == "10635.00")
    }

    @Test("fund --by unit in Chinese, and --as-of before the draws")
    func fundByUnit() throws {
        #expect(try load().status == 0)
        let result = try report(["fund", "--by", "unit", "--as-of", "2024-12-31", "--lang", "zh", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.dropFirst().split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.first == "小区编码,楼栋,房号,首期交存,续交,返还,增值收益,使用分摊,业主欠缴,余额,应续交户数,欠缴户数,应急使用")
        #expect(lines.dropFirst().first == "GS-PJ-001,1,101,3000.00,1000.00,0.00,0.00,3642.86,642.86,1000.00,0,1,2142.86")
        #expect(lines.contains("GS-PJ-001,10,102,5000.00,0.00,0.00,50.00,4000.00,0.00,1050.00,1,0,0.00"))
        let early = try report(["fund", "--as-of", "2024-03-31", "--format", "csv"])
        #expect(early.stdout.contains("GS-PJ-001,24000.00,0.00,0.00,0.00,0.00,0.00,24000.00,0,0,0.00"))
    }

    @Test("fund-unit COMPOUND BUILDING UNIT is the unit's statement with its running balance")
    func fundUnit() throws {
        #expect(try load().status == 0)
        let result = try report(["fund-unit", "GS-PJ-001", "1", "101", "--as-of", "2024-12-31", "--format", "csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "\u{FEFF}posted_on,kind,reference,project_code,amount,owed,balance\r\n"
            + "2024-01-10,first_deposit,D1,,3000.00,0.00,3000.00\r\n"
            + "2024-04-01,draw,P1,F1,-1500.00,0.00,1500.00\r\n"
            + "2024-05-01,draw,P2,F2,-2142.86,642.86,0.00\r\n"
            + "2024-07-01,top_up,T1,,1000.00,0.00,1000.00\r\n")
        let missing = try report(["fund-unit", "GS-PJ-001", "9", "901"])
        #expect(missing.status == 66)
        let short = try report(["fund-unit", "GS-PJ-001", "1"])
        #expect(short.status == 64)
        #expect(short.stderr.contains("report fund-unit needs COMPOUND BUILDING UNIT"))
    }

    @Test("apportion follows agreed weights: the ground floor pays nothing")
    func apportionByWeight() throws {
        #expect(try load().status == 0)
        let result = try report(["apportion", "W1", "--format", "csv"])
        #expect(result.stdout == "\u{FEFF}building,unit_no,floor_area_m2,weight,amount\r\n10,101,100.00,0.0000,0.00\r\n10,102,100.00,1.0000,4000.00\r\n")
    }

    @Test("an incomplete emergency, or weights that miss a unit of the scope, are rejected at load", arguments: [
        ("projects.csv", "F2,GS-PJ-001,water_supply,1 幢水管爆裂,1,in_progress,5000.00,2024-04-20,2024-04-21,2024-04-21,true,water_supply_failure,,committee,姑苏区住建局,2024-04-21",
         "an emergency needs its category and reason"),
        ("projects.csv", "F2,GS-PJ-001,water_supply,1 幢水管爆裂,1,in_progress,5000.00,2024-04-20,2024-04-21,2024-04-21,false,,,,,",
         "project_fund_share_needs_use_fund_vote"),
        ("project_weights.csv", "", "project_weights_cover_scope"),
    ])
    func rejected(file: String, line: String, rule: String) throws {
        var text = try #require(Self.files[file])
        if file == "projects.csv" {
            text = text.split(separator: "\n").map { $0.hasPrefix("F2,") ? line : String($0) }.joined(separator: "\n") + "\n"
        } else {
            text = text.split(separator: "\n").filter { !$0.hasPrefix("W1,10,101") }.joined(separator: "\n") + "\n"
        }
        let result = try load([file: text])
        #expect(result.status == 65)
        #expect(result.stderr.contains(rule), "\(result.stderr)")
    }
}
