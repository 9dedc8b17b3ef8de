import Foundation
import LedgerCore
import PostgresClient

/// Where the tests find PostgreSQL, and whether they must.
///
/// Integration tests run when a database is configured (`PROPLEDGER_TEST_DB`, `DATABASE_URL` or `PGHOST`/`PGDATABASE`).
/// Without one they skip with a message — unless `PROPLEDGER_REQUIRE_DB=1` (set by ops/test and CI), where a
/// missing database is a failure.
public enum TestEnvironment {
    /// The process environment.
    public static let environment = ProcessInfo.processInfo.environment

    /// The admin conninfo tests use to create scratch databases.
    public static var adminConninfo: String {
        environment["PROPLEDGER_TEST_DB"] ?? environment["DATABASE_URL"] ?? ""
    }

    /// True when ops/test or CI demands a database.
    public static var databaseRequired: Bool { environment["PROPLEDGER_REQUIRE_DB"] == "1" }

    /// True when integration tests should run: a database is configured, or one is required (and then a
    /// missing one fails the test instead of skipping it).
    public static var databaseEnabled: Bool {
        databaseRequired || environment["PROPLEDGER_TEST_DB"] != nil || environment["DATABASE_URL"] != nil
            || environment["PGHOST"] != nil || environment["PGDATABASE"] != nil
    }

    /// The message a skipped integration test shows.
    public static let skipMessage = "no database configured: set PGHOST/PGDATABASE or PROPLEDGER_TEST_DB (ops/test does), or PROPLEDGER_REQUIRE_DB=1 to fail instead"

    /// The project root (the directory holding Package.swift).
    public static let projectRoot: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir.deleteLastPathComponent()
        }
        return dir
    }()

    /// The real migrations of the project.
    public static var migrationsDirectory: URL { projectRoot.appendingPathComponent("sql/migrations") }
}

/// A fresh, uniquely named database, dropped when the value is released.
public final class ScratchDatabase: @unchecked Sendable {
    /// The database name.
    public let name: String
    /// A conninfo that reaches it (the admin conninfo with this dbname).
    public let conninfo: String

    /// Creates an empty database; with `migrated`, applies every migration of the project.
    public init(migrated: Bool = false, prefix: String = "pl_test") throws {
        name = "\(prefix)_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16))"
        let admin = try Connection(conninfo: TestEnvironment.adminConninfo)
        // CREATE DATABASE takes no parameters; the name is generated here, never user input.
        try admin.execute("CREATE DATABASE \(name)")
        conninfo = ScratchDatabase.conninfo(TestEnvironment.adminConninfo, database: name)
        if migrated {
            try Migrator(directory: TestEnvironment.migrationsDirectory).migrate(connect())
        }
    }

    /// A new session on this database.
    public func connect() throws -> Connection { try Connection(conninfo: conninfo) }

    /// The environment a child process needs to reach this database.
    public var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["DATABASE_URL"] = conninfo
        env["PGDATABASE"] = name
        return env
    }

    deinit {
        if let admin = try? Connection(conninfo: TestEnvironment.adminConninfo) {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// The admin conninfo with another dbname: a URI gets its path replaced, a key=value string gets `dbname=` appended.
    static func conninfo(_ base: String, database: String) -> String {
        if base.hasPrefix("postgres://") || base.hasPrefix("postgresql://"), var parts = URLComponents(string: base) {
            parts.path = "/" + database
            return parts.string ?? base
        }
        return base.isEmpty ? "dbname=\(database)" : "\(base) dbname=\(database)"
    }
}

/// What a run of the built binary printed and how it exited.
public struct CommandResult: Sendable {
    /// The exit status.
    public let status: Int32
    /// Standard output.
    public let stdout: String
    /// Standard error.
    public let stderr: String
}

/// Runs the built `propledger` binary.
public enum CLI {
    /// The binary beside the running test bundle (the same build directory).
    public static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = testBinary.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("propledger")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return TestEnvironment.projectRoot.appendingPathComponent(".build/debug/propledger")
    }

    /// Starts `propledger ARGS…` in the project directory without waiting for it (for tests that kill it, or
    /// that check it waits); its standard error is the returned pipe, its standard output is discarded.
    public static func launch(_ arguments: [String], environment: [String: String]) throws -> (process: Process, stderr: Pipe) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = TestEnvironment.projectRoot
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, stderr)
    }

    /// Runs `propledger ARGS…` with an environment, in a working directory, feeding `input` to standard input.
    public static func run(_ arguments: [String], environment: [String: String]? = nil,
                           directory: URL? = nil, input: Data? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment ?? ProcessInfo.processInfo.environment
        process.currentDirectoryURL = directory ?? TestEnvironment.projectRoot
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(input) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes concurrently so a large output cannot fill one and block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }
}
