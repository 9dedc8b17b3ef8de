import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PostgresClient
import Testing
import TestSupport

/// What the binary writes when the data is hostile: spreadsheet formulas, markup.
@Suite("propledger binary: output safety")
struct OutputSafetyCLITests {
    /// The hand-made ledger of ReportCLITests with hostile names, and every management period ending on
    /// 2025-04-30 so that `report expiring --as-of 2025-03-01` lists each compound.
    static func hostileDatabase(names: [String: String], company: String) throws -> ScratchDatabase {
        let database = try ReportFixture.database()
        let connection = try database.connect()
        for (code, name) in names {
            try connection.execute("UPDATE ledger.compounds SET name = $2 WHERE compound_code = $1", [code, name])
        }
        try connection.execute("UPDATE ledger.companies SET name = $1", [company])
        try connection.execute("UPDATE ledger.management SET end_on = '2025-04-30' WHERE end_on IS NULL")
        return database
    }

    // MARK: formulas and markup

    @Test("report CSV neutralises =, +, - and @ cells with a leading '; HTML escapes <script>",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func formulaInjection() throws {
        let hyperlink = "=HYPERLINK(\"http://evil.example/\",\"点击\")"
        let names = ["A1": "@SUM(1+1)*cmd|' /C calc'!A0", "B22": "+cmd|' /C notepad'!A0", "C": "-2+3"]
        let database = try Self.hostileDatabase(names: names, company: hyperlink)
        let csv = try CLI.run(["report", "expiring", "--as-of", "2025-03-01", "--format", "csv"], environment: database.environment)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = try CSVReader.parse(String(csv.stdout.dropFirst()))
        let header = try #require(rows.first)
        let nameColumn = try #require(header.firstIndex(of: "compound_name"))
        let partyColumn = try #require(header.firstIndex(of: "party"))
        let shownNames = Set(rows.dropFirst().map { $0[nameColumn] })
        #expect(shownNames == Set(names.values.map { "'" + $0 }), "\(csv.stdout)")
        #expect(rows.dropFirst().map { $0[partyColumn] }.contains("'" + hyperlink))
        #expect(rows.dropFirst().allSatisfy { $0.contains("2025-04-30") })
        #expect(!csv.stdout.contains(",=") && !csv.stdout.contains(",@") && !csv.stdout.contains(",+") && !csv.stdout.contains(",-"))

        try database.connect().execute("UPDATE ledger.compounds SET name = $1 WHERE compound_code = 'A1'", ["<script>alert('x')</script>"])
        let html = try CLI.run(["report", "expiring", "--as-of", "2025-03-01", "--format", "html"], environment: database.environment)
        #expect(html.status == 0)
        #expect(!html.stdout.contains("<script"))
        #expect(html.stdout.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(XMLParser(data: Data(html.stdout.utf8)).parse())
    }
}
