import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PostgresClient
import Testing
import TestSupport

/// `propledger notice vote|project|fund` (SPEC §8) on the sample and on votes of other places and dates:
/// a well-formed printable page with the exact fractions, the law of the day, the issuer, the date and the
/// publication period of the jurisdiction.
@Suite("propledger notice", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct NoticeCLITests {
    let database: ScratchDatabase

    init() throws { database = try ScratchDatabase(template: .sample) }

    func notice(_ arguments: [String]) throws -> CommandResult {
        try CLI.run(["notice"] + arguments, environment: database.environment)
    }

    /// The page's visible text (tags removed), after checking it is well-formed XHTML.
    func text(_ page: String) throws -> String {
        let parser = XMLParser(data: Data(page.utf8))
        #expect(parser.parse(), "the notice is well-formed XHTML: \(String(describing: parser.parserError))")
        return page.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
    }

    @Test("vote: the exact fractions, the thresholds of the Civil Code, the verdict, issuer and date")
    func vote() throws {
        let result = try notice(["vote", "GS2026002", "use_fund", "2026-03-15", "--date", "2026-03-17", "--issuer", "康馨苑业主委员会"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let page = try text(result.stdout)
        #expect(page.contains("康馨苑业主共同决定表决结果公示"))
        #expect(page.contains("《民法典》第二百七十八条"))
        #expect(page.contains("1378.44 / 2494.55 平方米") && page.contains("55.25%") && page.contains("≥ 2/3") && page.contains("未达到"))
        #expect(page.contains("14 / 23 人"))
        #expect(page.contains("表决事项 使用维修资金") && !page.contains("use_fund"), "the matter by its label (report.labels)")
        #expect(page.contains("表决结果 未通过"))
        #expect(page.contains("康馨苑业主委员会") && page.contains("2026年3月17日"))
        #expect(!page.contains("公示期"), "姑苏区 (national) has no decision-notice period and none was given")
        #expect(result.stdout.contains("@page") && result.stdout.contains("counter(page)"), "the print stylesheet numbers the pages")
    }

    @Test("vote: a vote held before 2021 is judged and printed by the Property Law; a 北京 vote gets its 3-day notice period")
    func lawAndPlace() throws {
        let connection = try database.connect()
        try connection.executeScript("""
            SET CONSTRAINTS ALL DEFERRED;
            INSERT INTO ledger.districts (district_code, name) VALUES ('110105', '朝阳区');
            INSERT INTO ledger.streets (street_code, district_code, name) VALUES ('110105001', '110105', '建外街道');
            INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type)
              VALUES ('110105001001', '110105001', '110105', '建外社区', 'commodity');
            INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type)
              VALUES ('BJ001', '110105001001', '110105', '建外大院', 'commodity');
            INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
              VALUES ('BJ001', '1', '101', '110105', 100.00);
            INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on)
              VALUES ('BJ-P1', 'BJ001', '110105', 'wiring', '线路改造', 'proposed', 1000.00, '2019-01-01');
            INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
                participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
              ('BJ-P1', 'raise_fund', '2019-05-01', '110105', 1000.00, 12, 1000.00, 12, 700.00, 8),
              ('BJ-P1', 'other', '2024-05-01', '110105', 1000.00, 12, 800.00, 9, 500.00, 5);
            """)
        let old = try notice(["vote", "BJ-P1", "raise_fund", "2019-05-01", "--date", "2019-05-02"])
        #expect(old.status == 0, "stderr: \(old.stderr)")
        let oldPage = try text(old.stdout)
        #expect(oldPage.contains("《物权法》第七十六条"))
        #expect(oldPage.contains("无（不设参与比例）"))
        #expect(oldPage.contains("同意的专有部分面积（占全体业主）") && oldPage.contains("700.00 / 1000.00 平方米"))
        #expect(oldPage.contains("表决结果 通过"))
        #expect(!oldPage.contains("公示期") && !oldPage.contains("日内公告"), "北京's regulation took effect on 2020-05-01")
        let recent = try notice(["vote", "BJ-P1", "other", "2024-05-01", "--date", "2024-05-02"])
        let recentPage = try text(recent.stdout)
        #expect(recentPage.contains("依据北京市物业管理条例 第三十七条，应于表决结果作出之日起3日内公告。"))
        let given = try notice(["vote", "BJ-P1", "other", "2024-05-01", "--date", "2024-05-02", "--days", "7"])
        #expect(try text(given.stdout).contains("公示期：2024年5月2日至2024年5月8日，共7日。"))
    }

    @Test("project: cost split, payments made by as-of and each unit's share, their totals exact")
    func project() throws {
        let result = try notice(["project", "GS2026005", "--as-of", "2026-11-21", "--date", "2026-11-21"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let page = try text(result.stdout)
        #expect(page.contains("南环新村东苑") && page.contains("项目费用公示"))
        #expect(page.contains("资金来源") && page.contains("支付情况") && page.contains("业主分摊（分户）"))
        // Category, status and sources by their labels (report.labels), never the codes.
        #expect(page.contains("类别 电梯") && page.contains("状态 施工中") && page.contains("业主自筹"))
        for code in ["elevator", "in_progress", "government", "owners"] { #expect(!page.contains(code), "\(code)") }
        #expect(page.contains("《民法典》第二百八十一条第一款"))
        // The units' shares sum to the project's apportioned share exactly (the total row is its sum).
        let connection = try database.connect()
        let share = try connection.query(SQLQuery("SELECT sum(amount)::numeric(14,2)::text FROM report.apportion_report('GS2026005')")) {
            try $0.decode(at: 0, as: String.self)
        }[0]
        #expect(result.stdout.contains("<tr class=\"total\"><td>合计</td><td></td><td class=\"num\"></td><td class=\"num\"></td><td class=\"num\">\(share)</td></tr>"))
    }

    @Test("fund: every unit's account and the draws, with 办法 Art. 30 and the given period")
    func fund() throws {
        let result = try notice(["fund", "GS011", "--as-of", "2026-11-21", "--date", "2026-11-25", "--days", "10"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let page = try text(result.stdout)
        #expect(page.contains("康馨苑住宅专项维修资金公示"))
        #expect(page.contains("《住宅专项维修资金管理办法》第三十条"))
        #expect(page.contains("公示期：2026年11月25日至2026年12月4日，共10日。"))
        #expect(page.contains("PZ2026-0003") && page.contains("PZ2026-0008"), "the EV project's two maintenance-fund payments")
        // The totals row is the compound's row of report fund (the units' accounts summed).
        let fund = try CLI.run(["report", "fund", "--as-of", "2026-11-21", "--format", "csv"], environment: database.environment)
        let row = try #require(fund.stdout.split(separator: "\r\n").first { $0.hasPrefix("GS011,") }).split(separator: ",").map(String.init)
        let totals = "<tr class=\"total\"><td>合计</td><td></td>" + row[1...7].map { "<td class=\"num\">\($0)</td>" }.joined() + "</tr>"
        #expect(result.stdout.contains(totals), "\(totals)")
    }

    @Test("errors: an unknown subject exits 66, a bad date or matter 64")
    func errors() throws {
        let missing = try notice(["project", "GS9999"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("project GS9999 not found"))
        #expect(try notice(["vote", "GS2026002", "use_fund", "2026-02-30"]).status == 64)
        #expect(try notice(["vote", "GS2026002", "build_tower", "2026-03-15"]).status == 64)
        #expect(try notice(["fund", "GS011", "--date", "2026-13-01"]).status == 64)
        let noVote = try notice(["vote", "GS2026002", "use_fund", "2026-03-16"])
        #expect(noVote.status == 66)
    }
}
