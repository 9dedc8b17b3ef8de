import Foundation
import PostgresClient
import Testing
import TestSupport

/// The committee rules of SPEC §2.6 and §10 at load: each broken rule is a reject of its row, naming the
/// column, the rule, what to do and its source; the jurisdiction's rules decide (北京 allows 13 members).
extension LoadTests {
    static let committeesHeader = "compound_code,term_start,kind,term_end,members,party_members,public_servant_members\n"

    @Test("committees: each size, term and overlap rule of the jurisdiction rejects its row with the rule and its source", arguments: [
        ("GS011,2030-01-01,owners_committee,2034-12-31,13,0,0\n", 2, "members",
         "owners_committee of GS011 from 2030-01-01 has 13 members; at most 11 are allowed (committees_members_at_most); Check members"),
        ("GS011,2030-01-01,owners_committee,2034-12-31,6,0,0\n", 2, "members",
         "has 6 members; the number must be odd (committees_members_odd)"),
        ("GS011,2030-01-01,owners_committee,2035-01-02,5,0,0\n", 2, "term_end",
         "the term ends on 2035-01-02; at most 5 years are allowed (committees_term_at_most); Give term_end on or before 2035-01-01. — Guidance rules, Art. 32"),
        ("GS011,2030-01-01,owners_committee,2034-12-31,5,0,0\nGS011,2034-12-01,management_committee,2035-06-30,7,0,0\n", 3, "term_start",
         "management_committee of GS011 from 2034-12-01 overlaps the owners_committee from 2030-01-01 by 31 days; terms of one compound's committees never overlap here (committees_terms_no_overlap_across_kinds)"),
    ])
    func committeeRule(csv: String, line: Int, column: String, reason: String) throws {
        let before = try fingerprint()
        let path = try file("committees.csv", Self.committeesHeader + csv)
        let result = try load(["committees", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):\(line): \(column): "), "stderr was: \(result.stderr)")
        #expect(result.stderr.contains(reason), "stderr was: \(result.stderr)")
        #expect(try fingerprint() == before)
    }

    @Test("committees: 北京's rules accept what the national rules refuse (13 members; 3 in a compound of at most 100 households)", .startingFrom(.migrated))
    func beijingCommittees() throws {
        let geography: [(String, String)] = [
            ("districts.csv", "district_code,name\n110105,朝阳区\n"),
            ("streets.csv", "street_code,district_code,name\n110105001,110105,建外街道\n"),
            ("communities.csv", "community_code,street_code,name,community_type\n110105001001,110105001,建外社区,commodity\n"),
            ("compounds.csv", "compound_code,community_code,name,address,housing_type,built_year,buildings,households,floor_area_m2\n"
                + "BJ001,110105001001,建外大院,建外大街1号,commodity,2001,12,400,36000.00\nBJ002,110105001001,建外小院,建外大街2号,commodity,1995,2,80,7000.00\n"),
        ]
        for (name, text) in geography { _ = try file(name, text) }
        _ = try file("committees.csv", Self.committeesHeader
            + "BJ001,2021-01-01,owners_committee,2025-12-31,13,3,0\nBJ002,2021-01-01,owners_committee,2025-12-31,3,0,0\n")
        let result = try load(["--dir", directory.path])
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        #expect(try count("SELECT count(*) FROM ledger.committees") == 2)
        // Before 北京's regulation took effect (2020-05-01) the national maximum of 11 applied.
        let early = try file("early.csv", Self.committeesHeader + "BJ001,2015-01-01,owners_committee,2019-12-31,13,0,0\n")
        let refused = try load(["committees", early])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("has 13 members; at most 11 are allowed"), "stderr was: \(refused.stderr)")
    }
}
