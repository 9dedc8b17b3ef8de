import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

@Suite("propledger access: district-scoped staff see only their districts")
struct AccessCLITests {
    @Test("grant a login role one district; its reports omit the other district and total only its own",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func scopedReports() throws {
        let database = try ReportFixture.database()
        // Roles are cluster-wide: a unique name, dropped afterwards whatever happens. No scope yet: the CLI grants it.
        let staffRole = try database.loginRole(prefix: "pl_test_gusu", in: "propledger_reader")
        defer { staffRole.drop() }
        let role = staffRole.name

        let grant = try CLI.run(["access", "grant", role, "320508"], environment: database.environment)
        #expect(grant.status == 0, "\(grant.stderr)")
        #expect(grant.stdout == "access: granted \(role) district 320508\n")
        let again = try CLI.run(["access", "grant", role, "320508"], environment: database.environment)
        #expect(again.stdout == "access: \(role) already has district 320508\n")
        let list = try CLI.run(["access", "list", role], environment: database.environment)
        #expect(list.stdout == "\(role)  320508 姑苏区\n")

        let staff = staffRole.environment
        let city = try CLI.run(["report", "clearance", "--as-of", "2025-03-20"], environment: database.environment)
        #expect(city.stdout.contains("440307"))
        #expect(city.stdout.contains("龙岗区"))
        let scoped = try CLI.run(["report", "clearance", "--as-of", "2025-03-20"], environment: staff)
        #expect(scoped.status == 0, "\(scoped.stderr)")
        #expect(!scoped.stdout.contains("440307"))
        #expect(!scoped.stdout.contains("龙岗区"))
        // 姑苏 alone: unmanaged_now 0 on 2025-03-20 (平湖花园 of 龙岗 is the city's only unmanaged compound).
        let total = try #require(scoped.stdout.split(separator: "\n").last)
        #expect(total.hasPrefix("total"))
        #expect(total.split(separator: " ").map(String.init) == ["total", "2", "1", "1", "0", "0", "0", "1", "0", "50.0", "0", "0", "0"])
        let anomalies = try CLI.run(["report", "anomalies", "--as-of", "2025-03-20", "--format", "csv"], environment: staff)
        #expect(!anomalies.stdout.contains("440307"))

        let revoke = try CLI.run(["access", "revoke", role, "320508"], environment: database.environment)
        #expect(revoke.stdout == "access: revoked 1 scope of \(role)\n")
        let none = try CLI.run(["report", "clearance", "--as-of", "2025-03-20"], environment: staff)
        #expect(none.stdout.contains("(no rows)"))
    }

    @Test("granting a role that does not exist exits 65 with the server's hint",
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func missingRole() throws {
        let database = try ScratchDatabase(migrated: true)
        let result = try CLI.run(["access", "grant", "pl_no_such_role_x", "320508"], environment: database.environment)
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("propledger: role \"pl_no_such_role_x\" does not exist"))
    }

    @Test("a malformed district is a usage error")
    func badDistrict() throws {
        let result = try CLI.run(["access", "grant", "someone", "32"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("a district code has 6 digits"))
    }
}
