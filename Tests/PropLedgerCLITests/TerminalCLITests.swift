import Foundation
import Testing
import TestSupport

/// Issue 14.5: tables that fit a terminal: records when wider than COLUMNS, --columns, the pager on a terminal.
@Suite("report on a terminal: records mode, --columns, the pager",
       .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct TerminalCLITests {
    @Test("COLUMNS=60 on a terminal: projects (wider) turns into records, funding --columns that fit stays columns; --records on|off; a pipe never switches",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func recordsAndColumns() throws {
        let database = try SampleLedger.load()
        var environment = database.environment
        environment["COLUMNS"] = "60"
        environment["PROPLEDGER_PAGER"] = "off"
        let (status, wide) = try CLI.runOnTerminal("report projects --as-of 2026-11-21 --lang zh", environment: environment)
        #expect(status == 0, "\(wide)")
        #expect(wide.hasPrefix("-[ 第 1 条 ]"), "\(wide)")
        #expect(wide.contains("| 石路彩香新苑\r\n"), "\(wide)")
        let (_, fits) = try CLI.runOnTerminal("report funding --as-of 2026-11-21 --columns district,paid", environment: environment)
        #expect(fits.hasPrefix("district        paid\r\n"), "\(fits)")
        let piped = try CLI.run(["report", "projects", "--as-of", "2026-11-21"], environment: environment)
        #expect(piped.stdout.hasPrefix("project_code"), "a pipe has no width: columns")
        let on = try CLI.run(["report", "projects", "--as-of", "2026-11-21", "--records", "on", "--lang", "zh"], environment: environment)
        #expect(on.stdout.hasPrefix("-[ 第 1 条 ]"), "\(on.stdout)")
        let narrow = try CLI.run(["report", "funding", "--as-of", "2026-11-21", "--columns", "district,paid"], environment: environment)
        #expect(narrow.stdout.hasPrefix("district        paid\n--------  ----------\n姑苏区     600000.00\n"), "\(narrow.stdout)")
        let (_, off) = try CLI.runOnTerminal("report projects --as-of 2026-11-21 --records off", environment: environment)
        #expect(off.hasPrefix("project_code"), "\(off)")
        let json = try CLI.run(["report", "funding", "--as-of", "2026-11-21", "--columns", "paid,district", "--format", "json"],
                               environment: database.environment)
        #expect(json.stdout.hasPrefix("[\n  {\"paid\": \"600000.00\", \"district\": \"姑苏区\"},"), "\(json.stdout)")
        let csv = try CLI.run(["report", "funding", "--as-of", "2026-11-21", "--columns", "source", "--format", "csv"], environment: database.environment)
        #expect(csv.stdout.hasPrefix("\u{FEFF}source\r\ngovernment\r\n"))
        let unknown = try CLI.run(["report", "funding", "--columns", "district,payd"], environment: database.environment)
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--columns: report funding has no field \"payd\". Did you mean \"paid\"?"), "\(unknown.stderr)")
        let records = try CLI.run(["report", "funding", "--records", "sometimes"], environment: database.environment)
        #expect(records.status == 64 && records.stderr.contains("--records sometimes: use auto, on or off."))
    }

    @Test("on a terminal a table longer than LINES goes through $PAGER; PROPLEDGER_PAGER=off and -o write directly",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func pager() throws {
        let database = try SampleLedger.load()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("propledger-pager-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let marker = directory.appendingPathComponent("paged").path
        func onTerminal(_ extra: [String: String]) throws -> String {
            let (status, output) = try CLI.runOnTerminal("report projects --as-of 2026-11-21 --records off",
                environment: database.environment.merging(["LINES": "5", "COLUMNS": "400"].merging(extra) { $1 }) { $1 })
            #expect(status == 0)
            return output
        }
        let paged = try onTerminal(["PAGER": "cat > '\(marker)'"])
        let file = try String(contentsOfFile: marker, encoding: .utf8)
        #expect(file.hasPrefix("project_code"), "\(file)")
        #expect(!paged.contains("project_code"), "\(paged)")
        let direct = try onTerminal(["PAGER": "cat > '\(marker)-2'", "PROPLEDGER_PAGER": "off"])
        #expect(direct.contains("project_code"))
        #expect(!FileManager.default.fileExists(atPath: marker + "-2"))
        // Short enough for the terminal: no pager.
        let short = try onTerminal(["PAGER": "cat > '\(marker)-3'", "LINES": "500"])
        #expect(short.contains("project_code"))
        #expect(!FileManager.default.fileExists(atPath: marker + "-3"))
    }
}

extension CLI {
    /// Runs the binary with a terminal as its standard output (script(1)): `arguments` are shell words after the
    /// binary's path. Returns the exit status and what the terminal showed.
    static func runOnTerminal(_ arguments: String, environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(CLI.executable.path)' " + arguments, "/dev/null"]
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
