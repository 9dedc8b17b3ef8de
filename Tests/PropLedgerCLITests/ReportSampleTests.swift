import Foundation
import Testing
import TestSupport

/// The sample district of ops/sample, loaded with the real loader into a fresh database.
/// The figures asserted below are those of ops/sample/EXPECTED.md (as of 2026-11-21); each test
/// repeats the hand arithmetic from the CSV files in a comment.
enum SampleLedger {
    /// A copy of the sample template (loaded once per run, where the load is checked).
    static func load() throws -> ScratchDatabase {
        try ScratchDatabase(template: .sample)
    }

    static func report(_ arguments: [String], _ database: ScratchDatabase) throws -> String {
        let result = try CLI.run(["report"] + arguments + ["--as-of", "2026-11-21"], environment: database.environment)
        #expect(result.status == 0, "\(arguments): \(result.stderr)")
        #expect(result.stderr.isEmpty)
        return result.stdout
    }
}

@Suite("propledger report on the sample data (ops/sample, as of 2026-11-21)",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct ReportSampleTests {
    @Test("clearance by district, street and community type")
    func clearance() throws {
        let database = try SampleLedger.load()
        // Cases (clearance.csv), as of 2026-11-21:
        //   姑苏: GS001 fallback 2025-05-12 (fallback period from 2025-05-01) verified; GS003 company 2025-09-01
        //   (company A from 2025-09-15, 14 days) verified; GS005 self 2025-06-20 verified; GS006 company claimed
        //   2026-03-31 but only a fallback period → unverified; GS007#1 company 2024-01-10 verified and relapsed
        //   (C ended 2026-06-30); GS007#2, GS013 (target 2026-09-30 < as-of: overdue), GS014 open.
        //   → identified 8, verified 4 (company 2: GS003, GS007#1; self 1; fallback 1), unverified 1, open 3,
        //   overdue 1, cleared 4/8 = 50.0. Unmanaged now (management.csv): GS007, GS013, GS014, GS015 = 4;
        //   GS015 alone has no case → 1. Relapsed: GS007#1 → 1.
        //   龙岗: LG002 fallback 2025-07-01 verified → 1/1 = 100.0; unmanaged LG003 (no case) → 1, 1.
        #expect(try SampleLedger.report(["clearance", "--format", "json"], database) == """
            [
              {"district_code": "320508", "district": "姑苏区", "identified": 8, "resolved_verified": 4, "resolved_unverified": 1, "open": 3, "overdue": 1, "company_takeover": 2, "self_management": 1, "community_fallback": 1, "cleared_pct": 50.0, "unmanaged_now": 4, "unmanaged_without_case": 1, "relapsed": 1},
              {"district_code": "440307", "district": "龙岗区", "identified": 1, "resolved_verified": 1, "resolved_unverified": 0, "open": 0, "overdue": 0, "company_takeover": 0, "self_management": 0, "community_fallback": 1, "cleared_pct": 100.0, "unmanaged_now": 1, "unmanaged_without_case": 1, "relapsed": 0}
            ]

            """)
        // Totals row: 8 + 1 = 9 identified, 4 + 1 = 5 verified → 5/9 = 55.6 (not the mean of 50.0 and 100.0).
        let table = try SampleLedger.report(["clearance"], database)
        #expect(table.hasSuffix("total                             9                  5                    1     3        1                 2                1                   2         55.6              5                       2         1\n"))
        // By street: 平江 GS001 (1/1, unmanaged GS015 without case); 双塔 GS003, GS005, GS014 (2/3 = 66.7,
        // unmanaged GS014 with its open case); 金阊 GS006, GS007×2, GS013 (1/4 = 25.0, unmanaged GS007, GS013).
        #expect(try SampleLedger.report(["clearance", "--by", "street", "--district", "320508", "--format", "json"], database) == """
            [
              {"street_code": "320508001", "street": "平江街道", "identified": 1, "resolved_verified": 1, "resolved_unverified": 0, "open": 0, "overdue": 0, "company_takeover": 0, "self_management": 0, "community_fallback": 1, "cleared_pct": 100.0, "unmanaged_now": 1, "unmanaged_without_case": 1, "relapsed": 0},
              {"street_code": "320508002", "street": "双塔街道", "identified": 3, "resolved_verified": 2, "resolved_unverified": 0, "open": 1, "overdue": 0, "company_takeover": 1, "self_management": 1, "community_fallback": 0, "cleared_pct": 66.7, "unmanaged_now": 1, "unmanaged_without_case": 0, "relapsed": 0},
              {"street_code": "320508003", "street": "金阊街道", "identified": 4, "resolved_verified": 1, "resolved_unverified": 1, "open": 2, "overdue": 1, "company_takeover": 1, "self_management": 0, "community_fallback": 0, "cleared_pct": 25.0, "unmanaged_now": 2, "unmanaged_without_case": 0, "relapsed": 1}
            ]

            """)
        // By community type: mixed (石路: GS007×2, GS013) 1/3 = 33.3; old_village (GS003, GS005, GS014) 2/3 = 66.7;
        // open_block (GS001) 1/1; resettlement (GS006) 0/1 = 0.0; commodity and business_district: no cases.
        let types = try SampleLedger.report(["clearance", "--by", "community_type", "--district", "320508", "--format", "csv"], database)
        #expect(types == "\u{FEFF}community_type,identified,resolved_verified,resolved_unverified,open,overdue,company_takeover,self_management,community_fallback,cleared_pct,unmanaged_now,unmanaged_without_case,relapsed\r\n"
                 + "business_district,0,0,0,0,0,0,0,0,,0,0,0\r\n"
                 + "commodity,0,0,0,0,0,0,0,0,,0,0,0\r\n"
                 + "mixed,3,1,0,2,1,1,0,0,33.3,2,0,1\r\n"
                 + "old_village,3,2,0,1,0,1,1,0,66.7,1,0,0\r\n"
                 + "open_block,1,1,0,0,0,0,0,1,100.0,1,1,0\r\n"
                 + "resettlement,1,0,1,0,0,0,0,0,0.0,0,0,0\r\n")
    }

    @Test("--as-of before and after GS005's resolution (2025-06-20)")
    func clearanceAsOf() throws {
        let database = try SampleLedger.load()
        func figures(_ day: String) throws -> String {
            let result = try CLI.run(["report", "clearance", "--district", "320508", "--as-of", day, "--format", "csv"],
                                     environment: database.environment)
            return String(result.stdout.split(separator: "\r\n")[1])
        }
        // 2025-06-19: identified by then GS001, GS003, GS005, GS006 (2024-11-20) and GS007#1 (2023-12-01) = 5;
        // verified GS001 (2025-05-12) and GS007#1 = 2; open GS003, GS005, GS006 = 3, none past target yet
        // (GS005's target is 2025-06-30). Unmanaged then: GS003, GS005, GS013, GS014, GS015 = 5, of which
        // GS013, GS014, GS015 have no open case = 3 (their cases come in 2026 or never).
        #expect(try figures("2025-06-19") == "320508,姑苏区,5,2,0,3,0,1,0,1,40.0,5,3,0")
        // 2025-06-20: GS005 resolved by self-management, its self_managed period starts that day → verified 3/5.
        #expect(try figures("2025-06-20") == "320508,姑苏区,5,3,0,2,0,1,1,1,60.0,4,3,0")
    }

    @Test("party coverage")
    func partyCoverage() throws {
        let database = try SampleLedger.load()
        // Committees in force on 2026-11-21 (committees.csv): 姑苏 GS002, 003, 004, 005, 008, 009 (first term),
        // 010, 011 (second term), 012 = 9. Live party orgs (party_orgs.csv): branch GS004, GS009, GS011 (since
        // 2021-05-10) = 3; working group GS003, GS008, GS012 = 3; none GS002, GS005, GS010 = 3; coverage 6/9 = 66.7;
        // branch eligible: working group or none with ≥ 3 Party members → GS012 (3) = 1. Companies managing on
        // 2026-11-21: A, B, C, D = 4, with a party org A (branch), B (working group) = 2.
        // 龙岗: LG001 with branch → 1/1; company R (branch) → 1, 1.
        #expect(try SampleLedger.report(["party-coverage", "--format", "json"], database) == """
            [
              {"district_code": "320508", "district": "姑苏区", "committees": 9, "with_branch": 3, "with_working_group": 3, "without_party_org": 3, "coverage_pct": 66.7, "branch_eligible": 1, "companies": 4, "companies_with_party_org": 2},
              {"district_code": "440307", "district": "龙岗区", "committees": 1, "with_branch": 1, "with_working_group": 0, "without_party_org": 0, "coverage_pct": 100.0, "branch_eligible": 0, "companies": 1, "companies_with_party_org": 1}
            ]

            """)
    }

    @Test("funding by district and source, and --year")
    func funding() throws {
        let database = try SampleLedger.load()
        // Approved, not cancelled projects: GS2026001, 002, 004, 005, GS2025003; LG2026001.
        // government 600,000 + 30,000 + 55,929.66 (30 % of 186,432.21) + 200,000 = 885,929.66; paid 450,000 + 30,000
        //   + 20,000 + 100,000 = 600,000; outstanding 150,000 + 35,929.66 + 100,000 = 285,929.66.
        // company 260,000 + 20,000 + 65,251.28 (35 %, the tied fen goes to company, §3 order) = 345,251.28; paid
        //   130,000 + 23,500 = 153,500; outstanding 130,000 + 0 + 65,251.28 = 195,251.28; overrun 23,500 − 20,000 = 3,500.
        // maintenance_fund 100,000 paid 60,000 + 40,000; owners 360,000 paid 180,000; co_building 48,000 paid;
        // community_fund 20,000 + 65,251.27 = 85,251.27, paid 20,000. 龙岗: government 200,000 and company 120,000, paid.
        #expect(try SampleLedger.report(["funding", "--format", "json"], database) == """
            [
              {"district_code": "320508", "district": "姑苏区", "source": "government", "committed": "885929.66", "paid": "600000.00", "outstanding": "285929.66", "overrun": "0.00"},
              {"district_code": "320508", "district": "姑苏区", "source": "company", "committed": "345251.28", "paid": "153500.00", "outstanding": "195251.28", "overrun": "3500.00"},
              {"district_code": "320508", "district": "姑苏区", "source": "maintenance_fund", "committed": "100000.00", "paid": "100000.00", "outstanding": "0.00", "overrun": "0.00"},
              {"district_code": "320508", "district": "姑苏区", "source": "owners", "committed": "360000.00", "paid": "180000.00", "outstanding": "180000.00", "overrun": "0.00"},
              {"district_code": "320508", "district": "姑苏区", "source": "co_building", "committed": "48000.00", "paid": "48000.00", "outstanding": "0.00", "overrun": "0.00"},
              {"district_code": "320508", "district": "姑苏区", "source": "community_fund", "committed": "85251.27", "paid": "20000.00", "outstanding": "65251.27", "overrun": "0.00"},
              {"district_code": "440307", "district": "龙岗区", "source": "government", "committed": "200000.00", "paid": "200000.00", "outstanding": "0.00", "overrun": "0.00"},
              {"district_code": "440307", "district": "龙岗区", "source": "company", "committed": "120000.00", "paid": "120000.00", "outstanding": "0.00", "overrun": "0.00"}
            ]

            """)
        // 姑苏 totals: committed 860,000 + 150,000 + 68,000 + 186,432.21 + 560,000 = 1,824,432.21; paid 1,101,500.00;
        // outstanding 285,929.66 + 195,251.28 + 180,000 + 65,251.27 = 726,432.21.
        #expect(try SampleLedger.report(["funding", "--district", "320508"], database).hasSuffix(
            "total                                      1824432.21  1101500.00    726432.21  3500.00\n"))
        // --year 2025 (approval year): only GS2025003 (approved 2025-10-15).
        #expect(try SampleLedger.report(["funding", "--year", "2025", "--format", "csv"], database) ==
            "\u{FEFF}district_code,district,source,committed,paid,outstanding,overrun\r\n"
            + "320508,姑苏区,co_building,48000.00,48000.00,0.00,0.00\r\n"
            + "320508,姑苏区,community_fund,20000.00,20000.00,0.00,0.00\r\n")
    }

    @Test("companies scorecard and recommend")
    func companies() throws {
        let database = try SampleLedger.load()
        // Window 2025-11-21 ..= 2026-11-21; surveys 2025-Q4 … 2026-Q3 (2025-Q3 rows left out).
        // A: inspections 86, 82, 90 → 86.00; surveys 340/400 = 85.0; complaints 3 / 400 households × 1000 = 7.5;
        //    branch 100 → 0.4·86 + 0.3·85 + 0.2·100 + 0.1·(100 − 75) = 34.4 + 25.5 + 20 + 2.5 = 82.40.
        // R: 88; 72/80 = 90.0; 1/40 × 1000 = 25 → max(0, 100 − 250) = 0; branch → 35.2 + 27 + 20 + 0 = 82.20.
        // B: 92, 88, 78 → 86.00; 276/300 = 92.0; 2/500 → 4.0; working group 60 → 34.4 + 27.6 + 12 + 6 = 80.00.
        // C: 65, 71, 74 → 70.00; 130/200 = 65.0; 4/800 → 5.0; none → 28 + 19.5 + 0 + 5 = 52.50; JC2026-013/1 overdue.
        // D: no inspection in the window → service 0 and the flag; 80/100 = 80.0; 1/250 → 4.0 → 0 + 24 + 0 + 6 = 30.00.
        #expect(try SampleLedger.report(["companies", "--format", "json"], database) == """
            [
              {"uscc": "91320508MA1MQ7K2X1", "company": "苏州姑苏城市运营物业服务有限公司", "compounds": 3, "households": 400, "service": 86.00, "satisfaction_pct": 85.0, "complaints_per_1000": 7.50, "party": 100, "overdue_rectifications": 0, "score": 82.40, "no_inspections": false, "households_unknown": false},
              {"uscc": "91440307MA5D8YK3N1", "company": "深圳市瑞宁物业管理有限公司", "compounds": 1, "households": 40, "service": 88.00, "satisfaction_pct": 90.0, "complaints_per_1000": 25.00, "party": 100, "overdue_rectifications": 0, "score": 82.20, "no_inspections": false, "households_unknown": false},
              {"uscc": "91320508MA1N0DGP39", "company": "苏州平江物业管理有限公司", "compounds": 3, "households": 500, "service": 86.00, "satisfaction_pct": 92.0, "complaints_per_1000": 4.00, "party": 60, "overdue_rectifications": 0, "score": 80.00, "no_inspections": false, "households_unknown": false},
              {"uscc": "91320508MA1P4TH8R3", "company": "苏州沧浪佳苑物业服务有限公司", "compounds": 2, "households": 800, "service": 70.00, "satisfaction_pct": 65.0, "complaints_per_1000": 5.00, "party": 0, "overdue_rectifications": 1, "score": 52.50, "no_inspections": false, "households_unknown": false},
              {"uscc": "91320508MA1Q9W6E4H", "company": "苏州金阊兴业物业管理有限公司", "compounds": 1, "households": 250, "service": 0.00, "satisfaction_pct": 80.0, "complaints_per_1000": 4.00, "party": 0, "overdue_rectifications": 0, "score": 30.00, "no_inspections": true, "households_unknown": false}
            ]

            """)
        // recommend for GS009 (姑苏): A 82.40, B 80.00, D 30.00; C left out (overdue rectification); R is 龙岗's.
        let csv = try SampleLedger.report(["recommend", "--compound", "GS009", "--format", "csv"], database)
        #expect(csv.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",").prefix(2).joined(separator: ",") }
                == ["1,91320508MA1MQ7K2X1", "2,91320508MA1N0DGP39", "3,91320508MA1Q9W6E4H"])
        // A weight change moves the score: service 0.5 and complaints 0 (the weights still sum to 1) →
        // A = 43 + 25.5 + 20 + 0 = 88.50.
        let set = try CLI.run(["settings", "set", "score_weight_service", "0.5", "score_weight_complaints", "0"], environment: database.environment)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try SampleLedger.report(["companies", "--format", "json"], database).contains("\"party\": 100, \"overdue_rectifications\": 0, \"score\": 88.50"))
    }

    @Test("apportion GS2026002 and GS2026005")
    func apportion() throws {
        let database = try SampleLedger.load()
        // GS2026002: maintenance_fund 100,000.00 = 10,000,000 fen over the 24 units of buildings 1 and 2 of GS011
        // (2,494.55 m²). floor(10,000,000 × area / 249,455) fen sums to 9,999,993; the 7 fen left go to the five
        // 89.56 m² units (remainder 166,990), 1-602 (107,795) and, of the ten 95.12 m² units tied at 64,495,
        // to 2-101 (first in natural order).
        let result = try CLI.run(["report", "apportion", "GS2026002"], environment: database.environment)
        #expect(result.status == 0)
        #expect(result.stdout == """
            building  unit_no  floor_area_m2  weight     amount
            --------  -------  -------------  ------  ---------
            1         101              89.56            3590.23
            1         102             112.37            4504.62
            1         201              89.56            3590.23
            1         202             112.37            4504.62
            1         301              89.56            3590.23
            1         302             112.37            4504.62
            1         401              89.56            3590.23
            1         402             112.37            4504.62
            1         501              89.56            3590.23
            1         502             112.37            4504.62
            1         601             128.40            5147.22
            1         602             143.20            5740.52
            2         101              95.12            3813.12
            2         102              95.12            3813.11
            2         201              95.12            3813.11
            2         202              95.12            3813.11
            2         301              95.12            3813.11
            2         302              95.12            3813.11
            2         401              95.12            3813.11
            2         402              95.12            3813.11
            2         501              95.12            3813.11
            2         502              95.12            3813.11
            2         601             131.05            5253.45
            2         602             131.05            5253.45
            --------  -------  -------------  ------  ---------
            total                    2494.55          100000.00

            """)
        // GS2026005: owners 360,000.00 over building 2 of GS003 by the floor coefficients of project_weights
        // (0, 1.0, 1.2, 1.4, 1.6, 1.8: 7.0), not by area: floors sum to 359,999.98, the 2 fen go to the largest
        // remainders 2-601 (6/7) and 2-301 (4/7); the ground floor pays nothing.
        #expect(try CLI.run(["report", "apportion", "GS2026005", "--format", "json"], environment: database.environment).stdout == """
            [
              {"building": "2", "unit_no": "101", "floor_area_m2": 56.30, "weight": 0.0000, "amount": "0.00"},
              {"building": "2", "unit_no": "201", "floor_area_m2": 58.72, "weight": 1.0000, "amount": "51428.57"},
              {"building": "2", "unit_no": "301", "floor_area_m2": 58.72, "weight": 1.2000, "amount": "61714.29"},
              {"building": "2", "unit_no": "401", "floor_area_m2": 58.72, "weight": 1.4000, "amount": "72000.00"},
              {"building": "2", "unit_no": "501", "floor_area_m2": 61.05, "weight": 1.6000, "amount": "82285.71"},
              {"building": "2", "unit_no": "601", "floor_area_m2": 61.05, "weight": 1.8000, "amount": "92571.43"}
            ]

            """)
    }

    @Test("rectifications, expiring and anomalies")
    func oversight() throws {
        let database = try SampleLedger.load()
        // JC2026-013/1 (GS010, C) due 2026-08-31, open: 2026-11-21 − 2026-08-31 = 82 days.
        #expect(try SampleLedger.report(["rectifications", "--format", "csv"], database) ==
            "\u{FEFF}inspection,item_no,compound,compound_name,company,issue,deadline,days_overdue\r\n"
            + "JC2026-013,1,GS010,怡景苑,苏州沧浪佳苑物业服务有限公司,地下车库照明损坏未修复,2026-08-31,82\r\n")
        // Ending 2026-11-21 ..= 2027-02-19: GS009 contract 2026-12-31 (D from 2027-01-01), GS010 contract
        // 2027-01-31 (none), GS009 term 2027-01-15 (next from 2027-01-16), GS010 term 2026-12-20 (none).
        #expect(try SampleLedger.report(["expiring", "--lang", "zh"], database) == """
            类别          小区编码  小区名称  对象                          到期日      已有接续
            ------------  --------  --------  ----------------------------  ----------  --------
            物业服务合同  GS009     锦绣苑    苏州沧浪佳苑物业服务有限公司  2026-12-31  是
            物业服务合同  GS010     怡景苑    苏州沧浪佳苑物业服务有限公司  2027-01-31  否
            业主组织任期  GS009     锦绣苑    业主委员会                    2027-01-15  是
            业主组织任期  GS010     怡景苑    业主委员会                    2026-12-20  否

            """)
        let anomalies = try SampleLedger.report(["anomalies", "--format", "csv"], database)
        for finding in ["unverified_resolution,GS006 2024-11-20,320508,", "unmanaged_without_case,GS015,320508,",
                        "unmanaged_without_case,LG003,440307,", "overrun,GS2026002 company 91320508MA1N0DGP39,320508,"] {
            #expect(anomalies.contains("\r\n" + finding), "\(finding)")
        }
    }

    @Test("HTML of clearance and funding: XHTML with an SVG chart")
    func html() throws {
        let database = try SampleLedger.load()
        for name in ["clearance", "funding"] {
            let page = try SampleLedger.report([name, "--format", "html", "--lang", "zh"], database)
            #expect(page.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
            #expect(page.contains("<svg"))
            #expect(page.contains("<tr class=\"total\"><td>合计</td>"))
        }
    }
}
