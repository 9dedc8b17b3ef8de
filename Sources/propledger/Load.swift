import ArgumentParser
import Foundation
import LedgerCore
import PostgresClient

extension PropLedger {
    /// `propledger load KIND FILE` and `propledger load --dir DIR`.
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load CSV files sent by sub-district offices (all-or-nothing, an upsert keyed per SPEC §3).",
            discussion: """
                KIND is one of the kinds of file of SPEC §3, listed in docs/load-formats.md; the database \
                holds the list (staging.load_kinds) and an unknown KIND is answered with it.
                With --dir, every KIND.csv in DIR is loaded in the order of that list, in one transaction.
                Exit codes: 0 loaded; 65 rows rejected (with --partial the good rows are loaded); \
                66 file missing or unreadable; 69 database unavailable; 64 usage; 73 the rejects \
                file cannot be written; 75 another load is running (--no-wait, or --lock-timeout \
                passed); 77 the role may not load.
                """)

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The kind of file (omit with --dir).", completion: Completions.kinds)
        var kind: String?

        @Argument(help: "The CSV file.")
        var file: String?

        @Option(help: ArgumentHelp("Load every KIND.csv in a directory, in one transaction.", valueName: "dir"))
        var dir: String?

        @Option(help: "The file encoding: auto (a BOM means UTF-8; otherwise the whole file is read and the reading that gives Chinese text wins; a file that could be either is refused), utf8 or gb18030.")
        var encoding: InputEncoding = .auto

        @Flag(help: "Load the good rows and reject the bad ones, instead of all-or-nothing.")
        var partial = false

        @Flag(help: "Validate and report, writing nothing.")
        var dryRun = false

        @Option(help: ArgumentHelp("Write the rejected rows with _line and _reason columns (with --dir: a directory of KIND.csv).", valueName: "out"))
        var rejects: String?

        @Flag(help: "Fail (exit 75) instead of waiting when another load is running.")
        var noWait = false

        @Option(help: ArgumentHelp("Wait at most this many seconds for another load to finish, then give up with exit 75 (default 600).", valueName: "seconds"))
        var lockTimeout: Int = 600

        @Option(help: ArgumentHelp("The server ends a load whose client sits idle this many seconds inside its transaction (a stopped or stalled loader), freeing the lock (default 300).", valueName: "seconds"))
        var idleTimeout: Int = 300

        func validate() throws {
            guard (1...86_400).contains(lockTimeout) else {
                throw ValidationError("--lock-timeout \(lockTimeout): give a number of seconds from 1 to 86400")
            }
            guard (1...86_400).contains(idleTimeout) else {
                throw ValidationError("--idle-timeout \(idleTimeout): give a number of seconds from 1 to 86400")
            }
            if dir != nil {
                guard kind == nil && file == nil else { throw ValidationError("give either --dir DIR or KIND FILE, not both") }
            } else {
                guard kind != nil, file != nil else { throw ValidationError("give KIND FILE (or --dir DIR)") }
            }
        }

        func run() throws {
            if let dir {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
                    Output.error("propledger: \(dir): no such directory")
                    throw ExitCode(ExitCodes.noInput)
                }
            }
            var options = LoadOptions()
            options.encoding = encoding
            options.partial = partial
            options.dryRun = dryRun
            options.noWait = noWait
            options.lockTimeoutSeconds = lockTimeout
            options.idleTimeoutSeconds = idleTimeout
            options.rejectsPath = rejects
            let session = try connection.connect()
            let loader = Loader(connection: session, options: options)
            let terminal = isatty(STDERR_FILENO) == 1
            if terminal { loader.progress = { Output.progress($0) } }
            loader.waiting = { Output.error("propledger: \($0)") }
            let result: LoadResult
            do {
                result = try runReportingErrors(needing: .loader, on: session) { try loader.load(try files(of: try loader.kinds())) }
            } catch let error as LoadError {
                if terminal { Output.progress(nil) }
                Output.error("propledger: \(error.description)")
                switch error {
                case .unreadable: throw ExitCode(ExitCodes.noInput)
                case .badFile: throw ExitCode(ExitCodes.dataError)
                case .busy: throw ExitCode(ExitCodes.tempFail)
                case .noPermission: throw ExitCode(ExitCodes.noPermission)
                case .cannotWrite: throw ExitCode(ExitCodes.cantCreate)
                }
            }
            if terminal { Output.progress(nil) }
            let shown = 200
            for reject in result.rejects.prefix(shown) { Output.error(reject.description) }
            if result.rejects.count > shown {
                Output.error("… and \(result.rejects.count - shown) more" + (rejects == nil ? "; write them all with --rejects OUT.csv" : " in \(rejects!)"))
            }
            for summary in result.files { print(summary.line) }
            switch result.outcome {
            case .committed:
                break
            case .partial:
                let kept = result.files.reduce(0) { $0 + $1.inserted + $1.updated + $1.unchanged }
                let rejectedRows = result.files.reduce(0) { $0 + $1.rejected }
                let written = rejects.map { " (written to \($0))" } ?? ""
                if kept == 0 {
                    print("nothing loaded: every row was rejected; \(result.rejects.count) problems in \(rejectedRows) rows" + written)
                } else {
                    print("loaded \(kept) good rows; rejected \(rejectedRows) rows with \(result.rejects.count) problems" + written)
                }
            case .rejected:
                print("nothing loaded: fix the rows above and load again, or use --partial to load the good rows")
            case .dryRun:
                print("dry run: nothing written" + (result.rejects.isEmpty ? "; every row is valid" : "; \(result.rejects.count) problems"))
            }
            if !result.rejects.isEmpty { throw ExitCode(ExitCodes.dataError) }
        }

        /// The files to load: KIND FILE, or the KIND.csv files of --dir in the kinds' order. An unknown KIND
        /// is a usage error (64) listing the kinds, as the argument parser words one.
        private func files(of kinds: [LoadKind]) throws -> [LoadFile] {
            guard let dir else {
                guard let known = kinds.first(where: { $0.name == kind }) else {
                    Output.error("Error: unknown kind '\(kind ?? "")'; expected one of: \(kinds.map(\.name).joined(separator: ", "))")
                    Output.error("Usage: " + PropLedger.usageString(for: Load.self))
                    Output.error("  See 'propledger load --help' for more information.")
                    throw ExitCode(ExitCodes.usage)
                }
                return [LoadFile(kind: known, path: file ?? "")]
            }
            let files = LoadFile.directory(dir, kinds: kinds)
            guard !files.isEmpty else {
                Output.error("propledger: \(dir): no KIND.csv files here (expected names like compounds.csv, units.csv)")
                throw ExitCode(ExitCodes.noInput)
            }
            return files
        }
    }
}

extension InputEncoding: ExpressibleByArgument {}
