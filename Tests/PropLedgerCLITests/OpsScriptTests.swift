import Foundation
import Testing
import TestSupport

/// The ops scripts as a new user runs them on a fresh machine.
@Suite("ops scripts")
struct OpsScriptTests {
    /// Runs a script of ops/ from the project root, its output in a file: `ops/pg start` leaves a server
    /// running that inherits the script's descriptors, so a pipe would never reach its end. posix_spawn
    /// and waitpid rather than Foundation's Process, which did not reap the script here.
    func ops(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("pl-ops-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let script = TestEnvironment.projectRoot.appendingPathComponent("ops/\(arguments[0])").path
        let command = ([script] + arguments.dropFirst()).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            .joined(separator: " ") + " >'\(log)' 2>&1 </dev/null"
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let shell: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = shell.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/sh", nil, nil, argv, envp) == 0 else { throw CocoaError(.executableLoad) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return ((status >> 8) & 0xFF, output)
    }

    @Test("as root, ops/pg starts a cluster for a checkout the postgres user cannot enter (root's home, a mktemp -d folder)",
          .enabled(if: getuid() == 0, "only root hands the cluster to the postgres user"))
    func clusterOutsidePostgresReach() throws {
        let private0700 = FileManager.default.temporaryDirectory.appendingPathComponent("pl-ops-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: private0700, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: private0700) }
        let environment = ["PROPLEDGER_PG_DIR": private0700.appendingPathComponent(".pg").path,
                           "PROPLEDGER_PG_PORT": String(Int.random(in: 40_000..<50_000))]
        let started = try ops(["pg", "start"], environment: environment)
        defer { _ = try? ops(["pg", "destroy"], environment: environment) }
        #expect(started.status == 0, "\(started.output)")
        let query = try ops(["pg", "psql", "-tAc", "SELECT 41 + 1"], environment: environment)
        #expect(query.output.trimmingCharacters(in: .whitespacesAndNewlines) == "42", "\(query.output)")
        let destroyed = try ops(["pg", "destroy"], environment: environment)
        #expect(destroyed.status == 0, "\(destroyed.output)")
        #expect(!FileManager.default.fileExists(atPath: private0700.appendingPathComponent(".pg").path))
    }
}
