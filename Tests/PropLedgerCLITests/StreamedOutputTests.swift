import Foundation
import LedgerCore
import PostgresClient
import Testing
import TestSupport

/// Issue 16, streaming output: `report … --format csv|json` to a pipe or `-o FILE` goes out row by row as the
/// server sends the rows (`ReportRunner.stream`, libpq's single-row mode). What it prints must be exactly what
/// the whole result renders (`ReportRunner.run` then `csv`/`json`), for every report, in both languages.
@Suite("report output streamed row by row", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct StreamedOutputTests {
    /// The request the CLI makes of `report NAME` on the sample (SampleLedger.reportArguments).
    static func request(_ definition: ReportDefinition, _ language: Language) -> ReportRequest {
        var request = ReportRequest(definition: definition)
        request.language = language
        let arguments = SampleLedger.reportArguments(definition)
        request.arguments = Array(arguments.dropFirst(2).prefix { !$0.hasPrefix("--") })
        if definition.options.contains(.compound) { request.compound = "GS009" }
        if definition.options.contains(.asOf) { request.asOf = PostgresDate("2026-11-21") }
        return request
    }

    @Test("every report's streamed CSV and JSON, on a pipe and to -o FILE, are the whole result's csv and json")
    func everyReport() throws {
        let database = try SampleLedger.load()
        let connection = try database.connect()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pl-stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for definition in ReportCatalog.all {
            for language in [Language.en, .zh] {
                let whole = try ReportRunner.run(Self.request(definition, language), on: connection)
                for format in ["csv", "json"] {
                    let expected = format == "csv" ? whole.csv(language) : whole.json(language)
                    let arguments = SampleLedger.reportArguments(definition) + ["--format", format, "--lang", language.rawValue]
                    let piped = try CLI.run(arguments, environment: database.environment)
                    #expect(piped.status == 0, "\(arguments): \(piped.stderr)")
                    #expect(piped.stdout == expected, "\(arguments) on a pipe")
                    let file = directory.appendingPathComponent("\(definition.name).\(language.rawValue).\(format)")
                    let written = try CLI.run(arguments + ["-o", file.path], environment: database.environment)
                    #expect(written.status == 0, "\(arguments) -o: \(written.stderr)")
                    #expect(try Data(contentsOf: file) == Data(expected.utf8), "\(arguments) -o FILE")
                }
            }
        }
    }

    @Test("--columns picks the streamed fields; a report that fails leaves no -o file and says why")
    func columnsAndFailure() throws {
        let database = try SampleLedger.load()
        let result = try CLI.run(["report", "projects", "--as-of", "2026-11-21", "--format", "csv", "--columns", "vote_status,project_code"],
                                 environment: database.environment)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "\u{FEFF}vote_status,project_code")
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",").count == 2 })
        #expect(lines.count > 2)

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pl-stream-missing-\(UUID().uuidString).csv")
        let missing = try CLI.run(["report", "apportion", "NO-SUCH-PROJECT", "--format", "csv", "-o", file.path], environment: database.environment)
        #expect(missing.status == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("NO-SUCH-PROJECT"))
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}
