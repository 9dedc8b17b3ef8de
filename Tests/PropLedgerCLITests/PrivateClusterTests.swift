import Foundation
import LedgerCore
import Testing
import TestSupport

/// The embedded default as SPEC §9 wants it: durable, peer/scram (a password prompt on a terminal, as psql
/// gives), backed up and restored, and a hot standby that takes reports and refuses writes. Each test makes
/// its own private clusters with ops/pg (its default, durable settings) and removes them.
extension OpsScriptTests {
    /// A private cluster made by `ops/pg start` in a fresh directory, destroyed with the value.
    final class Cluster {
        let directory: String
        let suite: OpsScriptTests
        /// The environment `ops/pg env` prints, over the process's (without DATABASE_URL or a password).
        private(set) var environment: [String: String] = [:]

        init(_ suite: OpsScriptTests) throws {
            self.suite = suite
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("pl-cluster-\(UUID().uuidString.prefix(8))").path
            let started = try suite.ops(["pg", "start"], environment: ["PROPLEDGER_PG_DIR": directory, "PROPLEDGER_PG_THROWAWAY": "0"])
            guard started.status == 0 else { throw TemplateFailure(description: "ops/pg start: \(started.output)") }
            environment = try env(["pg", "env"])
        }

        /// The variables a `… env` command of ops/pg prints, over the process's environment.
        func env(_ arguments: [String]) throws -> [String: String] {
            var environment = ProcessInfo.processInfo.environment
            for name in ["DATABASE_URL", "PGPASSWORD", "PGSERVICE", "PGTARGETSESSIONATTRS", "PROPLEDGER_MIGRATIONS"] { environment[name] = nil }
            environment["PGPASSFILE"] = "/nonexistent-propledger-pgpass"
            for line in try ops(arguments).output.split(separator: "\n") {
                guard let match = line.wholeMatch(of: /export ([A-Z]+)=(.*)/) else { continue }
                environment[String(match.output.1)] = String(match.output.2)
            }
            return environment
        }

        /// Runs ops/SCRIPT ARGS… on this cluster.
        @discardableResult
        func ops(_ arguments: [String]) throws -> (status: Int32, output: String) {
            try suite.ops(arguments, environment: ["PROPLEDGER_PG_DIR": directory])
        }

        /// Runs the built propledger on this cluster (or with `environment`).
        func propledger(_ arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
            try CLI.run(arguments, environment: environment ?? self.environment)
        }

        deinit { _ = try? ops(["pg", "destroy"]) }
    }

    /// True when this machine has PostgreSQL's server programs (ops/pg needs initdb), or a test run demands
    /// them (PROPLEDGER_REQUIRE_DB=1, as ops/test sets: then a missing server fails instead of skipping).
    static var canMakeClusters: Bool {
        TestEnvironment.databaseRequired || FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb")
    }

    /// Why a cluster could not be made.
    struct TemplateFailure: Error, CustomStringConvertible {
        let description: String
    }

    @Test("the private cluster is durable and reachable by its owner only: fsync and full-page writes on, socket directory 0700, no trust",
          .enabled(if: OpsScriptTests.canMakeClusters, "needs PostgreSQL 15's server programs (ops/setup installs them)"))
    func durableDefault() throws {
        let cluster = try Cluster(self)
        let settings = try cluster.ops(["pg", "psql", "-tAXc", "SELECT name || '=' || setting FROM pg_settings WHERE name IN ('fsync', 'full_page_writes', 'synchronous_commit') ORDER BY 1"])
        #expect(settings.output == "fsync=on\nfull_page_writes=on\nsynchronous_commit=on\n")
        let methods = try cluster.ops(["pg", "psql", "-tAXc", "SELECT DISTINCT auth_method FROM pg_hba_file_rules ORDER BY 1"])
        #expect(methods.output == "peer\nscram-sha-256\n")
        let socket = try #require(cluster.environment["PGHOST"])
        let mode = try FileManager.default.attributesOfItem(atPath: socket)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test("a server that wants a password gets a prompt on a terminal (no echo), as psql gives; without a terminal, a hint",
          .enabled(if: OpsScriptTests.canMakeClusters, "needs PostgreSQL 15's server programs (ops/setup installs them)"))
    func passwordPrompt() throws {
        let cluster = try Cluster(self)
        let password = "Correct-horse-9"
        let created = try cluster.ops(["pg", "psql", "-qXc", "CREATE ROLE pl_clerk LOGIN PASSWORD '\(password)'"])
        #expect(created.status == 0, "\(created.output)")
        var environment = cluster.environment
        environment["PGUSER"] = "pl_clerk"
        let right = try Terminal.run(CLI.executable.path, ["doctor"], environment: environment, answering: "Password for user pl_clerk: ", with: password)
        #expect(right.status == 0, "\(right.output)")
        #expect(right.output.hasPrefix("Password for user pl_clerk: "))
        #expect(right.output.contains("you:        pl_clerk: no PropLedger role yet"), "\(right.output)")
        #expect(!right.output.contains(password), "the password is not echoed")
        let wrong = try Terminal.run(CLI.executable.path, ["doctor"], environment: environment, answering: "Password for user pl_clerk: ", with: "not-it")
        #expect(wrong.status == 69)
        #expect(wrong.output.contains("password authentication failed for user \"pl_clerk\""), "\(wrong.output)")
        let noTerminal = try cluster.propledger(["doctor"], environment: environment)
        #expect(noTerminal.status == 69)
        #expect(noTerminal.stderr.contains("hint: the server wants a password: put it in ~/.pgpass (or the file PGPASSFILE names), or run propledger on a terminal to be asked for it."))
        #expect(!noTerminal.stderr.contains("ops/pg"), "propledger runs in the checkout, whose .pg/ is not this cluster: \(noTerminal.stderr)")
    }

    /// Every report, with the arguments the sample needs, as CSV for a fixed day.
    func everyReport(_ cluster: Cluster, environment: [String: String]? = nil) throws -> [String: CommandResult] {
        var outputs: [String: CommandResult] = [:]
        for definition in ReportCatalog.all {
            let arguments = SampleLedger.reportArguments(definition) + ["--format", "csv"]
            outputs[definition.name] = try cluster.propledger(arguments, environment: environment)
        }
        return outputs
    }

    /// A cluster with the sample loaded.
    func sampleCluster() throws -> Cluster {
        let cluster = try Cluster(self)
        let migrate = try cluster.propledger(["migrate"])
        #expect(migrate.status == 0, "\(migrate.stderr)")
        let load = try cluster.propledger(["load", "--dir", "ops/sample"])
        #expect(load.status == 0, "\(load.stderr)")
        return cluster
    }

    @Test("ops/pg backup FILE, then ops/pg restore FILE into a fresh cluster: every report the same",
          .enabled(if: OpsScriptTests.canMakeClusters, "needs PostgreSQL 15's server programs (ops/setup installs them)"))
    func backupAndRestore() throws {
        let primary = try sampleCluster()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pl-backup-\(UUID().uuidString).dump").path
        defer { for path in [file, file + ".roles.sql"] { try? FileManager.default.removeItem(atPath: path) } }
        let backup = try primary.ops(["pg", "backup", file])
        #expect(backup.status == 0, "\(backup.output)")
        let restored = try Cluster(self)
        let restore = try restored.ops(["pg", "restore", file])
        #expect(restore.status == 0, "\(restore.output)")
        let before = try everyReport(primary), after = try everyReport(restored)
        for (name, result) in before {
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stdout.split(whereSeparator: \.isNewline).count > 1, "\(name) has rows")
            #expect(after[name]?.status == 0 && after[name]?.stdout == result.stdout, "\(name) differs after the restore: \(after[name]?.stderr ?? "")")
        }
        // A database holding data is never overwritten.
        let again = try restored.ops(["pg", "restore", file])
        #expect(again.status == 1)
        #expect(again.output.contains("already holds data"))
    }

    @Test("reports through host=STANDBY,PRIMARY target_session_attrs=prefer-standby run on the hot standby; load and migrate there fail with a sentence (69)",
          .enabled(if: OpsScriptTests.canMakeClusters, "needs PostgreSQL 15's server programs (ops/setup installs them)"))
    func readReplica() throws {
        let cluster = try sampleCluster()
        let started = try cluster.ops(["pg", "standby", "start"])
        #expect(started.status == 0, "\(started.output)")
        let replica = try cluster.env(["pg", "standby", "env"])
        #expect(replica["PGTARGETSESSIONATTRS"] == "prefer-standby")
        let hosts = try #require(replica["PGHOST"]).split(separator: ",").map(String.init)
        #expect(hosts.count == 2 && hosts[1] == cluster.environment["PGHOST"])
        // The standby has replayed the load when the primary's WAL position is reached.
        let target = try cluster.ops(["pg", "psql", "-tAXc", "SELECT pg_current_wal_lsn()"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        var standby = replica
        standby["PGHOST"] = hosts[0]
        standby["PGTARGETSESSIONATTRS"] = nil
        let deadline = Date().addingTimeInterval(30)
        while try !Self.replayed(target, standby) && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        let doctor = try cluster.propledger(["doctor"], environment: replica)
        #expect(doctor.stdout.hasPrefix("server:     socket \(hosts[0]) (one of 2 hosts listed)"), "\(doctor.stdout)")
        #expect(doctor.stdout.contains(", a read-only standby: reports only (load and migrate go to the primary)\n"))
        let onPrimary = try everyReport(cluster)
        let onStandby = try everyReport(cluster, environment: replica)
        for (name, result) in onPrimary {
            #expect(onStandby[name]?.status == 0 && onStandby[name]?.stdout == result.stdout, "\(name) on the standby: \(onStandby[name]?.stderr ?? "")")
        }
        let load = try cluster.propledger(["load", "--dir", "ops/sample"], environment: standby)
        #expect(load.status == 69)
        #expect(load.stderr.contains("is a read-only standby (a hot standby replica): load needs the primary."), "\(load.stderr)")
        let migrate = try cluster.propledger(["migrate"], environment: standby)
        #expect(migrate.status == 69)
        #expect(migrate.stderr.contains("is a read-only standby (a hot standby replica): migrate needs the primary."), "\(migrate.stderr)")
        // Proof that the reports ran on the standby: with the primary stopped they still run, the same.
        let stopped = try cluster.ops(["pg", "stop"])
        #expect(stopped.status == 0)
        let report = try cluster.propledger(["report", "clearance", "--as-of", "2026-11-21", "--format", "csv"], environment: replica)
        #expect(report.status == 0 && report.stdout == onPrimary["clearance"]?.stdout, "\(report.stderr)")
        let status = try cluster.ops(["pg", "standby", "status"])
        #expect(status.status == 0, "the standby outlives its primary's stop: \(status.output)")
    }

    @Test("ops/install --prefix DIR: from /, in a bare environment, the installed binary migrates a database with dbmate's history, checks it and reports (PROPLEDGER_TEST_INSTALL=1: a release build)",
          .enabled(if: TestEnvironment.environment["PROPLEDGER_TEST_INSTALL"] == "1", "set PROPLEDGER_TEST_INSTALL=1 to build for release and install"),
          .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
    func install() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("pl-install-\(UUID().uuidString.prefix(8))").path
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let installed = try ops(["install", "--prefix", prefix], environment: [:])
        #expect(installed.status == 0, "\(installed.output)")
        for file in ["bin/propledger", "share/man/man1/propledger.1", "share/bash-completion/completions/propledger",
                     "share/zsh/site-functions/_propledger", "share/fish/vendor_completions.d/propledger.fish"] {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file) installed")
        }
        let database = try ScratchDatabase()
        try database.connect().execute("CREATE TABLE public.schema_migrations (version character varying(128) PRIMARY KEY)")
        // The conninfo as a bare environment needs it: every connection parameter the test run uses, in --db.
        let environment = TestEnvironment.environment
        var conninfo = "dbname=\(database.name)"
        for (variable, keyword) in [("PGHOST", "host"), ("PGPORT", "port"), ("PGUSER", "user")] {
            if let value = environment[variable] { conninfo += " \(keyword)=\(value)" }
        }
        // From /, with nothing of this environment but PATH.
        func bare(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["-i", "PATH=/usr/bin:/bin", program] + arguments
            process.currentDirectoryURL = URL(fileURLWithPath: "/")
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, text)
        }
        for arguments in [["--version"], ["migrate", "--db", conninfo], ["doctor", "--db", conninfo], ["report", "clearance", "--db", conninfo]] {
            let result = try bare(prefix + "/bin/propledger", arguments)
            #expect(result.status == 0, "\(arguments): \(result.output)")
        }
        let dbmate = try database.connect().execute("SELECT count(*) AS n FROM public.schema_migrations")[0].decode("n", as: Int.self)
        #expect(dbmate == 0, "dbmate's table is left as it was")
        let libraries = try bare("ldd", [prefix + "/bin/propledger"]).output
        #expect(!libraries.lowercased().contains("swift"), "\(libraries)")
        #expect(libraries.contains("libpq"))
    }

    /// True when the standby has replayed the WAL up to `lsn`.
    static func replayed(_ lsn: String, _ standby: [String: String]) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-tAXc", "SELECT pg_last_wal_replay_lsn() >= '\(lsn)'::pg_lsn"]
        process.environment = standby
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines) == "t"
    }
}

/// Runs a program on a pseudo-terminal, as a person at a terminal would: it answers a prompt once.
enum Terminal {
    /// Starts `path ARGS…` in a new session with a pseudo-terminal as its standard input, output and error,
    /// waits for `prompt`, types `answer` and Return, and returns everything it wrote and its exit status.
    static func run(_ path: String, _ arguments: [String], environment: [String: String], answering prompt: String,
                    with answer: String, timeout: TimeInterval = 30) throws -> (status: Int32, output: String) {
        // openpty(3), looked up at run time: the Glibc module does not declare it (nor posix_openpt and ptsname).
        typealias OpenPTY = @convention(c) (UnsafeMutablePointer<Int32>, UnsafeMutablePointer<Int32>, UnsafeMutablePointer<CChar>?,
                                            UnsafeRawPointer?, UnsafeRawPointer?) -> Int32
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "openpty") else { throw CocoaError(.featureUnsupported) }
        var master: Int32 = -1, slave: Int32 = -1
        guard unsafeBitCast(symbol, to: OpenPTY.self)(&master, &slave, nil, nil, nil) == 0 else { throw CocoaError(.fileReadUnknown) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for target in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] { posix_spawn_file_actions_adddup2(&actions, slave, target) }
        posix_spawn_file_actions_addclose(&actions, master)
        posix_spawn_file_actions_addclose(&actions, slave)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session without a controlling terminal: getpass reads the pseudo-terminal, never the tester's own.
        posix_spawnattr_setflags(&attributes, Int16(0x80))  // POSIX_SPAWN_SETSID
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        close(slave)
        defer { close(master) }
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var output = Data()
        var answered = false
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) >= 0 else { break }
            if poller.revents & Int16(POLLIN) != 0 {
                let count = read(master, &buffer, buffer.count)
                if count <= 0 { break }  // EIO: every descriptor of the terminal's other side is closed
                output.append(contentsOf: buffer[0..<count])
            } else if poller.revents & Int16(POLLHUP) != 0 {
                break
            }
            if !answered, String(decoding: output, as: UTF8.self).contains(prompt) {
                answered = true
                _ = Array((answer + "\n").utf8).withUnsafeBufferPointer { write(master, $0.baseAddress, $0.count) }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return ((status >> 8) & 0xFF, String(decoding: output, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
    }
}
