import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// A small hand-made ledger in two districts, inserted as the admin (no loader needed).
/// 姑苏: 平江新村 (managed by 苏州平江物业 since 2024-01-01), 南园小区 (case claimed resolved by a company
/// takeover on 2025-01-15 with no company period: unverified), 北园 (case resolved by self-management on
/// 2025-03-01; the self_managed period starts 2025-03-10). 龙岗: 平湖花园 (unmanaged, no case).
enum ReportFixture {
    /// The two districts with their street and community: the pgTAP fixture (plain SQL), shared with sql/tests.
    static let geography = TestEnvironment.projectRoot.appendingPathComponent("sql/tests/fixtures/two-district-geography.sql")

    /// The rest of the ledger, on top of `geography`.
    static let sql = """
        INSERT INTO ledger.companies (uscc, name, ownership, district_code) VALUES
          ('91350100M000100Y43', '苏州平江物业管理有限公司', 'private', '320508');
        INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households) VALUES
          ('A1', '320508001001', '320508', '平江新村', 'old_village', 100),
          ('B22', '320508001001', '320508', '南园小区', 'old_village', 10),
          ('C', '320508001001', '320508', '北园', 'old_village', 10),
          ('L', '440307001001', '440307', '平湖花园', 'commodity', 50);
        INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis, end_on) VALUES
          ('A1', '2024-01-01', '320508', 'company', '91350100M000100Y43', 'tender', '2025-04-30'),
          ('B22', '2024-01-01', '320508', 'fallback', NULL, 'appointed', NULL),
          ('C', '2025-03-10', '320508', 'self_managed', NULL, 'owners_vote', NULL);
        INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on, resolution, resolved_on) VALUES
          ('B22', '2024-06-01', '320508', '2024-12-31', 'company_takeover', '2025-01-15'),
          ('C', '2024-06-01', '320508', '2025-06-30', 'self_management', '2025-03-01');
        """

    /// A migrated scratch database holding the fixture.
    static func database() throws -> ScratchDatabase {
        let database = try ScratchDatabase(migrated: true)
        let connection = try database.connect()
        _ = try connection.executeScript(String(contentsOf: geography, encoding: .utf8))
        _ = try connection.executeScript(sql)
        return database
    }
}

@Suite("propledger report: the binary on a hand-made ledger")
struct ReportCLITests {
    @Test("report --list describes every report")
    func list() throws {
        let result = try CLI.run(["report", "--list"])
        #expect(result.status == 0)
        for report in ReportCatalog.all { #expect(result.stdout.contains("\n" + report.name) || result.stdout.hasPrefix(report.name)) }
        #expect(result.stdout.contains("apportion PROJECT"))
        #expect(result.stdout.contains("recommend --compound CODE"))
        #expect(result.stdout.contains("fields: identified, resolved_verified") == false)
        #expect(result.stdout.contains("fields: district_code, district, identified, resolved_verified, resolved_unverified, open, overdue"))
    }

    @Test("usage errors exit 64 and say what is wrong", arguments: [
        (["report"], "Name a report"),
        (["report", "nope"], "Unknown report \"nope\""),
        (["report", "apportion"], "needs a PROJECT"),
        (["report", "clearance", "--year", "2025"], "does not take --year"),
        (["report", "clearance", "--as-of", "2025-13-01"], "--as-of 2025-13-01"),
        (["report", "clearance", "--format", "xml"], "--format xml"),
        (["report", "clearance", "--by", "city"], "--by city: use district, street or community_type"),
        (["report", "funding", "--by", "street"], "report funding does not take --by"),
        (["report", "funding", "--district", "3205"], "6 digits"),
    ])
    func usage(arguments: [String], message: String) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("--as-of before and after a resolution changes the clearance figures",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func asOf() throws {
        let database = try ReportFixture.database()
        // 2025-03-05: 北园 claimed resolved on 03-01 but its period only starts 03-10 → unverified (2 unverified).
        let before = try CLI.run(["report", "clearance", "--as-of", "2025-03-05", "--district", "320508", "--format", "json"],
                                 environment: database.environment)
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stdout.contains("\"identified\": 2, \"resolved_verified\": 0, \"resolved_unverified\": 2, \"open\": 0"))
        // 2025-03-20: the period is in force → 1 verified (self_management), 1 unverified, cleared 1/2 = 50.0.
        let after = try CLI.run(["report", "clearance", "--as-of", "2025-03-20", "--district", "320508", "--format", "json"],
                                environment: database.environment)
        #expect(after.stdout.contains("\"identified\": 2, \"resolved_verified\": 1, \"resolved_unverified\": 1, \"open\": 0"))
        #expect(after.stdout.contains("\"self_management\": 1, \"community_fallback\": 0, \"cleared_pct\": 50.0"))
        // 2024-07-01: both cases open, neither overdue yet.
        let early = try CLI.run(["report", "clearance", "--as-of", "2024-07-01", "--district", "320508", "--format", "json"],
                                environment: database.environment)
        #expect(early.stdout.contains("\"identified\": 2, \"resolved_verified\": 0, \"resolved_unverified\": 0, \"open\": 2, \"overdue\": 0"))
    }

    @Test("table output lines up Chinese compound names (two columns each)",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func wideAlignment() throws {
        let database = try ReportFixture.database()
        // 平江新村's contract ends 2025-04-30, within 90 days of 2025-03-01.
        let result = try CLI.run(["report", "expiring", "--as-of", "2025-03-01"], environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            kind        compound  compound_name  party                     ends_on     successor
            ----------  --------  -------------  ------------------------  ----------  ---------
            management  A1        平江新村       苏州平江物业管理有限公司  2025-04-30  no

            """)
        let anomalies = try CLI.run(["report", "anomalies", "--as-of", "2025-03-20", "--lang", "zh"], environment: database.environment)
        let lines = anomalies.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count >= 3)
        // Every cell of the key column starts at the same display column.
        let keyColumn = DisplayWidth.of(String(lines[0].prefix(upTo: lines[0].range(of: "对象")!.lowerBound)))
        for line in lines.dropFirst(2) {
            let kindEnd = line.firstIndex(of: " ")!
            let rest = line[kindEnd...].drop(while: { $0 == " " })
            #expect(DisplayWidth.of(String(line[..<rest.startIndex])) == keyColumn, "\(line)")
        }
    }

    @Test("CSV has a BOM and parses back; HTML is XML with an SVG; JSON has the §4 names; -o writes a file",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func formats() throws {
        let database = try ReportFixture.database()
        let env = database.environment
        let csv = try CLI.run(["report", "clearance", "--as-of", "2025-03-20", "--format", "csv", "--lang", "zh"], environment: env)
        #expect(csv.stdout.hasPrefix("\u{FEFF}区县代码,区县,摸排数,已核实解决,"))
        let rows = try CSVReader.parse(String(csv.stdout.dropFirst()))
        #expect(rows.count == 3)
        #expect(rows[1].prefix(4) == ["320508", "姑苏区", "2", "1"])
        #expect(rows[2].prefix(3) == ["440307", "龙岗区", "0"])

        let html = try CLI.run(["report", "clearance", "--as-of", "2025-03-20", "--format", "html"], environment: env)
        #expect(XMLParser(data: Data(html.stdout.utf8)).parse())
        #expect(html.stdout.contains("<svg"))

        let json = try CLI.run(["report", "party-coverage", "--as-of", "2025-03-20", "--format", "json"], environment: env)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(Set(objects[0].keys) == ["district_code", "district", "committees", "with_branch", "with_working_group",
                                         "without_party_org", "coverage_pct", "branch_eligible", "companies",
                                         "companies_with_party_org"])

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("propledger-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: file) }
        let written = try CLI.run(["report", "funding", "--format", "html", "-o", file.path], environment: env)
        #expect(written.status == 0)
        #expect(written.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("<?xml"))
    }

    @Test("an unknown project exits 66 with the server's message and hint",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func notFound() throws {
        let database = try ReportFixture.database()
        let result = try CLI.run(["report", "apportion", "NOPE"], environment: database.environment)
        #expect(result.status == 66)
        #expect(result.stderr == "propledger: project \"NOPE\" not found\nhint: Check the code with propledger report projects (a district user sees only their districts).\n")
    }

    @Test("settings list and set change the score weights; an unknown key exits 65",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func settings() throws {
        let database = try ScratchDatabase(migrated: true)
        let env = database.environment
        let list = try CLI.run(["settings", "list"], environment: env)
        #expect(list.stdout.contains("score_weight_service       0.4  company score"))
        // One weight alone would make them sum to 0.95: refused, nothing changed.
        let alone = try CLI.run(["settings", "set", "score_weight_service", "0.35"], environment: env)
        #expect(alone.status == 65)
        #expect(alone.stderr.hasPrefix("propledger: the score weights sum to 0.95, not 1.00\nhint: They are now "), "\(alone.stderr)")
        #expect(try CLI.run(["settings", "list"], environment: env).stdout.contains("score_weight_service       0.4  company score"))
        let set = try CLI.run(["settings", "set", "score_weight_service", "0.35", "score_weight_complaints", "0.15"], environment: env)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "score_weight_service: 0.4 -> 0.35\nscore_weight_complaints: 0.1 -> 0.15\n")
        #expect(try CLI.run(["settings", "list"], environment: env).stdout.contains("score_weight_service       0.35  company score"))
        let outOfRange = try CLI.run(["settings", "set", "score_weight_service", "1.35", "score_weight_complaints", "0"], environment: env)
        #expect(outOfRange.status == 65)
        let bad = try CLI.run(["settings", "set", "score_weight_servce", "0.35"], environment: env)
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("propledger: unknown setting \"score_weight_servce\"\nhint: Known settings: score_weight_complaints"))
    }
}

/// An RFC 4180 reader for checking CSV output (quotes, doubled quotes, CRLF).
enum CSVReader {
    struct Malformed: Error {}

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var inQuotes = false
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" { field += "\""; i += 1 } else { inQuotes = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                guard field.isEmpty else { throw Malformed() }
                inQuotes = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\r" {
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else { throw Malformed() }
            } else if c == "\n" {
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
            i += 1
        }
        if inQuotes { throw Malformed() }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
