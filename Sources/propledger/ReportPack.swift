import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

// `propledger report pack DIR`, and the sheets of `report NAME --format xlsx -o FILE` (issue 14, SPEC §4).
extension PropLedger.Report {
    /// The name that makes `report` write the pack instead of one report.
    static let pack = "pack"

    /// The sheets of reports run on a session: each titled in the language, with the filters it was run with,
    /// its as-of date, the issuing unit (`--issuer`, else the housing authority of its districts) and the
    /// time; tab names unique and at most 31 characters.
    func sheets(_ results: [(ReportRequest, ReportResult)], on session: Connection) throws -> [XLSXSheet] {
        let language = options.listing.language
        let generatedAt = GeneratedAt.now
        let names = XLSXWorkbook.sheetNames(results.map { $0.0.definition.title(language) })
        return try zip(results, names).map { pair, name in
            let (request, result) = pair
            let issuer = try options.issuer ?? runReportingErrors(needing: .reader, on: session) { try IssuingUnit.of(request, language, on: session) }
            return result.xlsxSheet(language: language, issuer: issuer, generatedAt: generatedAt, name: name)
        }
    }

    /// `report pack DIR`: a directory, the area filters and --as-of, --lang and --issuer; nothing else.
    func validatePack() throws {
        let messages = options.listing.language.messages
        guard arguments.count == 1, !list, options.listing.output == nil, options.format == "table" || options.format == "xlsx",
              options.by == nil, options.year == nil, options.days == nil, options.compound == nil, options.project == nil else {
            throw ValidationError(Message.xlsxPackNeedsDirectory.render(messages))
        }
    }

    /// Writes every report that needs no argument, for one as-of date (the server's today when not given), as
    /// a sheet each of DIR/propledger-YYYY-MM-DD.xlsx; each report gets the filters it takes.
    func runPack() throws {
        let messages = options.listing.language.messages
        let packed = ReportCatalog.all.filter(\.isPacked)
        // A directory that cannot take the file is refused before the reports run.
        try CommandOutput.check((arguments[0] as NSString).appendingPathComponent("propledger-\(options.asOf ?? Today.iso).xlsx"))
        let session = try connection.connect()
        var asOf = options.asOf.flatMap { PostgresDate($0) }
        var results: [(ReportRequest, ReportResult)] = []
        for definition in packed {
            var request = ReportRequest(definition: definition)
            let takes = definition.options
            if takes.contains(.asOf) { request.asOf = asOf }
            if takes.contains(.district) { request.district = options.district }
            if takes.contains(.street) { request.street = options.street }
            if takes.contains(.community) { request.community = options.community }
            do { try request.validate() } catch {
                Output.error("propledger: \(error.description)")
                throw ExitCode(ExitCodes.usage)
            }
            let result = try run(request, on: session)
            // Every report of the pack describes the same day: the first one's, when none was given.
            if asOf == nil, takes.contains(.asOf) { asOf = PostgresDate(result.asOf) }
            results.append((request, result))
        }
        let day = asOf.map { "\($0)" } ?? Today.iso
        let path = (arguments[0] as NSString).appendingPathComponent("propledger-\(day).xlsx")
        try CommandOutput.write(try sheets(results, on: session), to: path)
        let skipped = ReportCatalog.all.filter { !$0.isPacked }.map(\.name)
        print(Message.xlsxPackWritten.render(messages, ["file": path, "sheets": String(results.count),
                                                        "reports": packed.map(\.name).joined(separator: ", ")]))
        print(Message.xlsxPackSkipped.render(messages, ["reports": skipped.joined(separator: ", ")]))
    }
}
