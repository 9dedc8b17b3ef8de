import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// The worked example of docs/fund.md on the sample district (ops/sample): the accounts of GS011 康馨苑 —
/// first deposits at 60 yuan/m² on 2015-06-30 (2-602's only on 2026-09-30), 3150.00 compound interest on
/// 2025-12-21, the EV project GS2026002's two maintenance-fund draws (60000.00 on 2026-05-12, 40000.00 on
/// 2026-08-25) apportioned by area over buildings 1 and 2 — in every output format a clerk reads.
@Suite("propledger report fund on the sample data (docs/fund.md's worked example, as of 2026-11-21)",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct FundSampleTests {
    @Test("fund by compound: 213843.00 + 3150.00 − (100000.00 − 5253.45 owed) = 122246.45; one unit owing")
    func compound() throws {
        let database = try SampleLedger.load()
        #expect(try SampleLedger.report(["fund"], database) == """
            compound_code  first_deposits  top_ups  refunds  interest      draws     owed    balance  units_below_threshold  units_owing  emergency_draws
            -------------  --------------  -------  -------  --------  ---------  -------  ---------  ---------------------  -----------  ---------------
            GS011               213843.00     0.00     0.00   3150.00  100000.00  5253.45  122246.45                      0            1             0.00
            -------------  --------------  -------  -------  --------  ---------  -------  ---------  ---------------------  -----------  ---------------
            total               213843.00     0.00     0.00   3150.00  100000.00  5253.45  122246.45                      0            1             0.00

            """)
        // Before 2-602's late first deposit its account is empty, and before the first draw nothing is owed.
        let json = try CLI.run(["report", "fund", "--as-of", "2026-05-11", "--format", "json"], environment: database.environment)
        #expect(json.stdout.contains("\"first_deposits\": \"205980.00\", \"top_ups\": \"0.00\", \"refunds\": \"0.00\", \"interest\": \"3150.00\", \"draws\": \"0.00\", \"owed\": \"0.00\", \"balance\": \"209130.00\""), "\(json.stdout)")
    }

    @Test("fund by building, CSV: building 2 carries 2-602's debt; building 3 drew nothing")
    func building() throws {
        let database = try SampleLedger.load()
        #expect(try SampleLedger.report(["fund", "--by", "building", "--format", "csv"], database) ==
            "\u{FEFF}compound_code,building,first_deposits,top_ups,refunds,interest,draws,owed,balance,units_below_threshold,units_owing,emergency_draws\r\n"
            + "GS011,1,76875.00,0.00,0.00,1175.60,51361.96,0.00,26688.64,0,0,0.00\r\n"
            + "GS011,2,72798.00,0.00,0.00,993.04,48638.04,5253.45,30406.45,0,1,0.00\r\n"
            + "GS011,3,64170.00,0.00,0.00,981.36,0.00,0.00,65151.36,0,0,0.00\r\n")
    }

    @Test("fund-unit: 1-101 drawn by area after its interest; 2-602 owes both shares, its late deposit goes to the fund")
    func statements() throws {
        let database = try SampleLedger.load()
        // 1-101 (89.56 m²): 3150.00 × 5373.60 / 205980.00 = 82.176… → 82.18; 60000.00 × 89.56 / 2494.55 =
        // 2154.136… → 2154.14; 40000.00 × 89.56 / 2494.55 = 1436.090… → 1436.09. The balance 1865.55 (interest
        // included, migration 035) is 34.7 % of 5373.60: not below the 30 % threshold.
        #expect(try SampleLedger.report(["fund-unit", "GS011", "1", "101"], database) == """
            posted_on   kind           reference     project_code    amount  owed  balance
            ----------  -------------  ------------  ------------  --------  ----  -------
            2015-06-30  first_deposit  ZC-GS011-001                 5373.60  0.00  5373.60
            2025-12-21  interest       compound                       82.18  0.00  5455.78
            2026-05-12  draw           PZ2026-0003   GS2026002     -2154.14  0.00  3301.64
            2026-08-25  draw           PZ2026-0008   GS2026002     -1436.09  0.00  1865.55

            """)
        // 2-602 (131.05 m²): no deposit yet on 2025-12-20, so no interest; 3152.07 and 2101.38 owed.
        #expect(try SampleLedger.report(["fund-unit", "GS011", "2", "602", "--lang", "zh"], database) == """
            记账日期    类别      凭证号        项目编码     发生额     欠缴     余额
            ----------  --------  ------------  ---------  --------  -------  -------
            2026-05-12  使用分摊  PZ2026-0003   GS2026002  -3152.07  3152.07     0.00
            2026-08-25  使用分摊  PZ2026-0008   GS2026002  -2101.38  2101.38     0.00
            2026-09-30  首期交存  ZC-GS011-024              7863.00     0.00  7863.00

            """)
        let anomalies = try SampleLedger.report(["anomalies", "--format", "csv"], database)
        #expect(anomalies.split(separator: "\r\n").filter { $0.hasPrefix("fund") }
                == ["fund_owing,GS011 2 602,320508,owes 5253.45 of its shares of draws that its fund balance did not cover"])
    }

    @Test("fund as HTML (zh): well-formed XHTML whose table holds the figures and whose chart shows the debt")
    func html() throws {
        let database = try SampleLedger.load()
        let page = try SampleLedger.report(["fund", "--by", "building", "--format", "html", "--lang", "zh"], database)
        let document = try XMLDocument(data: Data(page.utf8))
        func texts(_ xpath: String) throws -> [String] {
            try document.nodes(forXPath: xpath).map { $0.stringValue ?? "" }
        }
        #expect(try texts("//*[local-name()='th']") == ["小区编码", "楼栋", "首期交存", "续交", "返还", "增值收益", "使用分摊",
                                                          "业主欠缴", "余额", "应续交户数", "欠缴户数", "应急使用"])
        let rows = try document.nodes(forXPath: "//*[local-name()='tbody']/*[local-name()='tr']").map { row in
            try row.nodes(forXPath: "*[local-name()='td']").map { $0.stringValue ?? "" }
        }
        #expect(rows == [
            ["GS011", "1", "76875.00", "0.00", "0.00", "1175.60", "51361.96", "0.00", "26688.64", "0", "0", "0.00"],
            ["GS011", "2", "72798.00", "0.00", "0.00", "993.04", "48638.04", "5253.45", "30406.45", "0", "1", "0.00"],
            ["GS011", "3", "64170.00", "0.00", "0.00", "981.36", "0.00", "0.00", "65151.36", "0", "0", "0.00"],
            ["合计", "", "213843.00", "0.00", "0.00", "3150.00", "100000.00", "5253.45", "122246.45", "0", "1", "0.00"],
        ])
        #expect(try texts("//*[local-name()='svg']/*[local-name()='title']") == ["维修资金余额与欠缴"])
        // The chart labels each building with its balance plus debt; only building 2 owes.
        #expect(try texts("//*[local-name()='svg']/*[local-name()='text'][@class='value']").prefix(3) == ["26688.64", "35659.90", "65151.36"])
    }
}
