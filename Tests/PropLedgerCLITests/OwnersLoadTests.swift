import Foundation
import PostgresClient
import Testing
import TestSupport

/// SPEC §7 end to end: the owners register refuses a citizen ID number as a key, ballots that contradict a
/// typed tally are refused with both figures, and `report votes` shows where each vote's figures came from.
extension LoadTests {
    @Test("owners: a citizen ID number as owner_key is refused with the reason, and nothing is loaded")
    func ownerKeyIsNotACitizenID() throws {
        let before = try fingerprint()
        let path = try file("owners.csv", """
            compound_code,building,unit_no,owner_key,owner_kind,since_on,until_on
            GS011,3,402,KXY-3-402,person,2026-01-01,
            GS011,3,402,11010519491231002X,person,2025-01-01,2025-12-31

            """)
        let result = try load(["owners", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("\(path):3: owner_key: "), "stderr was: \(result.stderr)")
        #expect(result.stderr.contains("never a citizen ID number"), "stderr was: \(result.stderr)")
        #expect(try fingerprint() == before)
        #expect(try count("SELECT count(*) FROM ledger.owners WHERE compound_code = 'GS011' AND building = '3' AND unit_no = '402'") == 0, "3-402 stays without a recorded owner")
    }

    @Test("owners: two owners of one unit for the same days are refused by the loader's own overlap check, lines named")
    func ownersOverlapping() throws {
        let before = try fingerprint()
        let path = try file("owners.csv", """
            compound_code,building,unit_no,owner_key,owner_kind,since_on,until_on
            GS011,3,402,KXY-3-402,person,2026-01-01,
            GS011,3,402,KXY-3-402-B,person,2025-06-01,2026-03-31

            """)
        let result = try load(["owners", path])
        #expect(result.status == 65)
        // The rule read from ledger.owners' exclusion constraint (TableCatalog.overlap).
        #expect(result.stderr.contains("\(path):2: since_on: overlaps line 3: a unit has one owner at a time"), "stderr was: \(result.stderr)")
        #expect(try fingerprint() == before)
    }

    @Test("ballots: a ballot that makes a typed tally wrong is refused showing both figures")
    func ballotsContradictingATally() throws {
        let path = try file("ballots.csv", """
            project_code,matter,held_on,owner_key,choice
            GS2026005,raise_fund,2026-09-20,NH-2-101,agree

            """)
        let result = try load(["ballots", path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("typed as 354.56 m² and 6 owners taking part, 298.26 m² and 5 owners approving, but its ballots give 56.30 m², 1, 56.30 m², 1 (votes_ballots_agree)"),
                "stderr was: \(result.stderr)")
    }

    @Test("report votes: the figures used, where they came from and the law, for the sample's votes")
    func votesReport() throws {
        let result = try CLI.run(["report", "votes", "--as-of", "2026-11-21", "--format", "csv"], environment: database.environment)
        #expect(result.status == 0, "stderr was: \(result.stderr)")
        let lines = result.stdout.split(separator: "\r\n", omittingEmptySubsequences: true).map(String.init)
        #expect(lines.count == 5)
        #expect(lines.contains { $0.hasPrefix("GS2026002,use_fund,2026-03-15,2494.55,23,") && $0.contains(",typed,civil_code_278,") && $0.hasSuffix(",no") })
        #expect(lines.contains { $0.hasPrefix("GS2026005,renovate,2026-09-20,354.56,6,354.56,6,298.26,5,ballots,civil_code_278,") })
        #expect(lines.contains { $0.hasPrefix("GS2026005,raise_fund,2026-09-20,354.56,6,354.56,6,298.26,5,owners,") })
        let early = try CLI.run(["report", "votes", "--as-of", "2026-04-01", "--project", "GS2026002"], environment: database.environment)
        #expect(early.stdout.contains("2026-03-15") && !early.stdout.contains("2026-04-18"), "a vote held after as-of is not shown")
    }
}
