import ArgumentParser
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger access grant|revoke|list`: which districts a role may see and load (SPEC §5).
    struct Access: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: Message.helpAccess.render(.current),
            discussion: """
                A role with a district scope sees (and loads) only that district's rows; with no DISTRICT the \
                scope is city-wide. The role must exist (CREATE ROLE … LOGIN IN ROLE propledger_reader).
                """,
            subcommands: [Grant.self, Revoke.self, List.self])

        /// `propledger access grant ROLE [DISTRICT]`.
        struct Grant: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Message.helpAccessGrant.render(.current))

            @OptionGroup var connection: ConnectionOptions
            @Argument(help: ArgumentHelp("The database role.", valueName: "role")) var role: String
            @Argument(help: ArgumentHelp("A 6-digit district code; omit for city-wide.", valueName: "district")) var district: String?

            func validate() throws { try checkDistrict(district) }

            func run() throws {
                let session = try connection.connect()
                let granted = try runReportingErrors(needing: .owner, on: session) { () throws -> Bool in
                    do {
                        return try AccessControl.grant(role, district: district, on: session)
                    } catch let error as PostgresError where error.sqlState == .undefinedObject || error.sqlState == .foreignKeyViolation {
                        Output.serverError(error)
                        throw ExitCode(ExitCodes.dataError)
                    }
                }
                let scope = district.map { "district \($0)" } ?? "the whole city"
                print(granted ? "access: granted \(role) \(scope)" : "access: \(role) already has \(scope)")
            }
        }

        /// `propledger access revoke ROLE [DISTRICT] [--all]`.
        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Message.helpAccessRevoke.render(.current))

            @OptionGroup var connection: ConnectionOptions
            @Argument(help: ArgumentHelp("The database role.", valueName: "role")) var role: String
            @Argument(help: ArgumentHelp("A 6-digit district code; omit for the city-wide scope.", valueName: "district")) var district: String?
            @Flag(help: "Revoke every scope of the role.") var all = false

            func validate() throws {
                try checkDistrict(district)
                if all && district != nil { throw ValidationError(Message.accessDistrictOrAll.render(.current)) }
                // Its city-wide scope is what lets the administrators (members of propledger_owner) see
                // the ledger at all; without it every report and load of theirs sees nothing.
                if role == "propledger_owner" {
                    throw ValidationError(Message.accessOwnerScope.render(.current))
                }
            }

            func run() throws {
                let session = try connection.connect()
                let removed = try runReportingErrors(needing: .owner, on: session) {
                    all ? try AccessControl.revokeAll(role, on: session)
                        : try AccessControl.revoke(role, district: district, on: session)
                }
                print("access: revoked \(removed) scope\(removed == 1 ? "" : "s") of \(role)")
            }
        }

        /// `propledger access list [ROLE]`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: Message.helpAccessList.render(.current))

            @OptionGroup var connection: ConnectionOptions
            @Argument(help: ArgumentHelp("Only this role.", valueName: "role")) var role: String?

            func run() throws {
                let session = try connection.connect()
                let scopes = try runReportingErrors(needing: .owner, on: session) { try AccessControl.list(role: role, on: session) }
                // Role names are whatever CREATE ROLE was given: shown escaped.
                let roles = scopes.map { TerminalText.escaped($0.role) }
                let width = roles.map(DisplayWidth.of).max() ?? 0
                for (scope, role) in zip(scopes, roles) {
                    let what = scope.district.map { "\($0) \(TerminalText.escaped(scope.districtName ?? ""))" } ?? "city-wide"
                    print(DisplayWidth.pad(role, to: width) + "  " + what + (scope.roleExists ? "" : "  (role no longer exists)"))
                }
                if scopes.isEmpty { print("access: no scopes granted") }
            }
        }
    }
}

/// Refuses a district that is not 6 digits.
private func checkDistrict(_ district: String?) throws {
    if let district, district.count != 6 || !district.allSatisfy({ $0.isASCII && $0.isNumber }) {
        throw ValidationError(Message.accessDistrictDigits.render(.current, ["district": district]))
    }
}
