import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// The template databases the tests copy (Tests/TestSupport) give what a fresh migration gives: CREATE DATABASE …
/// TEMPLATE copies the contents but not the database's own privileges or settings, which migration 001 sets.
@Suite("test databases copied from templates", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct TemplateDatabaseTests {
    /// The database-level privileges (GRANT … ON DATABASE) of a database, one line per grant.
    static func privileges(of database: ScratchDatabase) throws -> [String] {
        try database.connect().query("""
            SELECT format('%s %s to %s%s', pg_get_userbyid(a.grantor), a.privilege_type,
                          CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END,
                          CASE WHEN a.is_grantable THEN ' with grant option' ELSE '' END) AS grant_line
              FROM pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) a
             WHERE d.datname = current_database()
             ORDER BY 1
            """) { try $0.decode("grant_line", as: String.self) }
    }

    /// The settings (ALTER DATABASE … SET, ALTER ROLE … IN DATABASE … SET) of a database.
    static func settings(of database: ScratchDatabase) throws -> [String] {
        try database.connect().query("""
            SELECT coalesce(pg_get_userbyid(NULLIF(s.setrole, 0)), '') || ' ' || array_to_string(s.setconfig, ',') AS setting
              FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
             WHERE d.datname = current_database()
             ORDER BY 1
            """) { try $0.decode("setting", as: String.self) }
    }

    @Test("a copy of either template has the database privileges and settings of a freshly migrated database, and every migration applied")
    func copiesMatchAFreshMigration() throws {
        let fresh = try ScratchDatabase()
        let migrator = try Migrator(directory: TestEnvironment.migrationsDirectory)
        try migrator.migrate(fresh.connect())
        let expected = try Self.privileges(of: fresh)
        #expect(expected.contains { $0.hasSuffix(" CONNECT to propledger_loader") }, "\(expected)")
        for template in DatabaseTemplate.allCases {
            let copy = try ScratchDatabase(template: template)
            #expect(try Self.privileges(of: copy) == expected, "\(template)")
            #expect(try Self.settings(of: copy) == Self.settings(of: fresh), "\(template)")
            #expect(try migrator.status(copy.connect()).allSatisfy { $0.state == .applied }, "\(template)")
        }
    }
}
