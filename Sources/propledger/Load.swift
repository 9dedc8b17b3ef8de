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
                A FILE (or a --dir file) ending in .xlsx or .xlsm is read as an Excel workbook (macros are never \
                run): its first sheet, or --sheet NAME, its row numbers as line numbers; a directory with two \
                files of one kind (KIND.csv and KIND.xlsx) is refused. Excel 97-2003 (.xls), WPS (.et) and \
                OpenDocument (.ods) files are refused (exit 65): save them as .xlsx or CSV.
                With --dir, each file's checked counts are printed as soon as it is checked and written inside \
                the transaction, and a last line says whether everything was committed or rolled back.
                With --delete, FILE lists the keys of rows to remove (SPEC §8, corrections): all of them go in one \
                transaction, audited with their old values, or none does when a key is not in the ledger, is \
                outside your districts, or is still referenced by other rows (which are named); other columns \
                of FILE are ignored. --dry-run lists the rows that would go.
                Exit codes: 0 loaded; 65 rows rejected (with --partial the good rows are loaded); \
                66 file missing or unreadable; 69 database unavailable; 64 usage; 73 the rejects \
                file cannot be written; 75 another load is running (--no-wait, or --lock-timeout \
                passed); 77 the role may not load.
                """)

        @OptionGroup var connection: ConnectionOptions

        @Argument(help: "The kind of file (omit with --dir).", completion: Completions.kinds)
        var kind: String?

        @Argument(help: "The CSV, .xlsx or .xlsm file (- reads standard input).")
        var file: String?

        @Option(help: ArgumentHelp("Load every KIND.csv (or KIND.xlsx, KIND.xlsm) in a directory, in one transaction.", valueName: "dir"))
        var dir: String?

        @Option(help: "The file encoding: auto (a BOM means UTF-8; otherwise the whole file is read and the reading that gives Chinese text wins; a file that could be either is refused), utf8 or gb18030.")
        var encoding: InputEncoding = .auto

        @Option(help: ArgumentHelp("The sheet of an .xlsx or .xlsm file to load (default: the first).", valueName: "name"))
        var sheet: String?

        @Flag(help: "Load the good rows and reject the bad ones, instead of all-or-nothing.")
        var partial = false

        @Flag(help: "Validate and report, writing nothing.")
        var dryRun = false

        @Flag(help: "Delete the rows whose keys FILE lists (all or nothing; other columns are ignored).")
        var delete = false

        @Option(help: ArgumentHelp("Write the rejected rows with _line and _reason columns (with --dir: a directory of KIND.csv).", valueName: "out"))
        var rejects: String?

        @Flag(help: "Fail (exit 75) instead of waiting when another load is running.")
        var noWait = false

        @Option(help: ArgumentHelp("Wait at most this many seconds for another load to finish, then give up with exit 75 (default 600).", valueName: "seconds"))
        var lockTimeout: Int = 600

        @Option(help: ArgumentHelp("The server ends a load whose client sits idle this many seconds inside its transaction (a stopped or stalled loader), freeing the lock (default 300).", valueName: "seconds"))
        var idleTimeout: Int = 300

        @Option(help: ArgumentHelp("After the commit, bring the kept fund postings, votes and shares up to date in this many database sessions side by side (default 2; 1 uses only the load's session).", valueName: "n"))
        var refreshSessions: Int = 2

        @Option(help: ArgumentHelp("A table this load writes at least this many rows into, and at least as many as it already holds, has its foreign keys checked once for all its rows before the commit instead of row by row; the table and those it refers to are then locked against reports until the load ends (default 100000; 0: never).", valueName: "rows"))
        var bulkRows: Int = 100_000

        @Option(help: ArgumentHelp("The language of messages and of the reasons in --rejects: en or zh (default: PROPLEDGER_LANG, else the locale).", valueName: "lang"))
        var lang: Language?

        @Flag(help: "Print no progress and no summary: only the problems (and the JSON of --summary json).")
        var quiet = false

        @Option(help: ArgumentHelp("Print the per-file summary as text (default) or json: one JSON object per file with rows, inserted, updated, unchanged, rejected, batch_id and seconds.", valueName: "format"))
        var summary: SummaryFormat = .text

        /// How the per-file summaries are printed.
        enum SummaryFormat: String, ExpressibleByArgument {
            case text, json
        }

        func validate() throws {
            guard (1...86_400).contains(lockTimeout) else {
                throw ValidationError("--lock-timeout \(lockTimeout): give a number of seconds from 1 to 86400")
            }
            guard (1...86_400).contains(idleTimeout) else {
                throw ValidationError("--idle-timeout \(idleTimeout): give a number of seconds from 1 to 86400")
            }
            guard bulkRows >= 0 else {
                throw ValidationError("--bulk-rows \(bulkRows): give a number of rows, 0 or more")
            }
            guard (1...16).contains(refreshSessions) else {
                throw ValidationError("--refresh-sessions \(refreshSessions): give a number of sessions from 1 to 16")
            }
            if sheet != nil, let file, !file.lowercased().hasSuffix(".xlsx") && !file.lowercased().hasSuffix(".xlsm") {
                throw ValidationError("--sheet is for .xlsx files (and .xlsm workbooks); \(file) is read as CSV")
            }
            if delete {
                guard dir == nil else { throw ValidationError("--delete takes one KIND FILE, not --dir: delete the rows that refer to a row before the row itself") }
                guard !partial else { throw ValidationError("--delete is all or nothing: it cannot be --partial") }
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
                    Output.error("propledger: " + Message.noSuchDirectory.render(Language.resolve(option: lang), ["dir": dir]))
                    throw ExitCode(ExitCodes.noInput)
                }
            }
            var options = LoadOptions()
            options.encoding = encoding
            options.partial = partial
            options.dryRun = dryRun
            options.delete = delete
            options.noWait = noWait
            options.lockTimeoutSeconds = lockTimeout
            options.idleTimeoutSeconds = idleTimeout
            options.refreshSessions = refreshSessions
            options.bulkMinimumRows = bulkRows
            options.rejectsPath = rejects
            options.sheet = sheet
            let language = Language.resolve(option: lang)
            options.language = language
            // Standard input is spooled to a file first: a load reads its file twice (encoding, then rows).
            let input = try file == "-" ? StandardInput.spool() : nil
            defer { input?.remove() }
            let shown = { (text: String) in input.map { text.replacingOccurrences(of: $0.path, with: "-") } ?? text }
            let session = try connection.connect()
            let loader = Loader(connection: session, options: options)
            let terminal = isatty(STDERR_FILENO) == 1 && !quiet
            if terminal { loader.progress = { Output.progress(shown($0)) } }
            loader.waiting = { Output.error("propledger: \($0)") }
            loader.notice = { Output.error("propledger: \($0)") }
            // With --dir, each file's counts as soon as it is checked and written (the load is one transaction).
            let report = summary
            if dir != nil && !quiet {
                loader.fileChecked = { file in
                    if terminal { Output.progress(nil) }
                    let line = shown(file.checkedLine(language))
                    if report == .json { Output.error(line) } else { Output.now(line) }
                }
            }
            let result: LoadResult
            do {
                result = try runReportingErrors(needing: .loader, on: session) { try loader.load(try files(of: try loader.kinds(), stdin: input?.path)) }
            } catch let error as LoadError {
                if terminal { Output.progress(nil) }
                Output.error("propledger: \(shown(error.description))")
                switch error {
                case .unreadable: throw ExitCode(ExitCodes.noInput)
                case .badFile: throw ExitCode(ExitCodes.dataError)
                case .busy: throw ExitCode(ExitCodes.tempFail)
                case .noPermission: throw ExitCode(ExitCodes.noPermission)
                case .cannotWrite: throw ExitCode(ExitCodes.cantCreate)
                }
            }
            if terminal { Output.progress(nil) }
            let listed = 200
            for reject in result.rejects.prefix(listed) { Output.error(shown(reject.description)) }
            if result.rejects.count > listed {
                let more = String(result.rejects.count - listed)
                Output.error(rejects.map { Message.moreProblemsIn.render(language, ["count": more, "file": $0]) }
                             ?? Message.moreProblems.render(language, ["count": more]))
            }
            for file in result.files {
                switch summary {
                case .json: print(shown(file.json))
                case .text where !quiet: print(shown(file.line(language)))
                case .text: break
                }
            }
            if !result.rejects.isEmpty && quiet { throw ExitCode(ExitCodes.dataError) }
            guard !quiet else { return }
            // With --summary json standard output is the JSON alone: the outcome goes to standard error.
            let say = { (line: String) in self.summary == .json ? Output.error(line) : print(line) }
            // With --dir, the last line says what became of the files whose counts were shown as they were checked.
            if dir != nil {
                switch result.outcome {
                case .committed: say(Message.loadCommitted.render(language))
                case .partial: say(Message.loadCommittedPartial.render(language))
                case .rejected: say(Message.loadRolledBack.render(language))
                case .dryRun: say(Message.loadDryRunEnded.render(language))
                }
            }
            switch result.outcome {
            case .committed:
                break
            case .partial:
                let kept = result.files.reduce(0) { $0 + $1.inserted + $1.updated + $1.unchanged }
                let rejectedRows = result.files.reduce(0) { $0 + $1.rejected }
                let arguments = ["kept": String(kept), "rows": String(rejectedRows), "problems": String(result.rejects.count)]
                let written = rejects.map { Message.writtenTo.render(language, ["file": $0]) } ?? ""
                say((kept == 0 ? Message.partialNothing : Message.partialSome).render(language, arguments) + written)
            case .rejected:
                say((delete ? Message.deleteRejectedNothing : .rejectedNothing).render(language))
            case .dryRun:
                for file in result.files {
                    for row in file.removed.prefix(listed) {
                        say(shown(Message.deleteWouldGo.render(language, ["file": file.file, "line": String(row.line), "kind": file.kind, "key": row.key])))
                    }
                    if file.removed.count > listed { say("… \(file.removed.count - listed)") }
                }
                let valid = delete ? Message.deleteDryRunValid : Message.dryRunValid
                say(Message.dryRun.render(language) + (result.rejects.isEmpty ? valid.render(language)
                                                                              : Message.dryRunProblems.render(language, ["problems": String(result.rejects.count)])))
            }
            if !result.rejects.isEmpty { throw ExitCode(ExitCodes.dataError) }
        }

        /// The files to load: KIND FILE, or the KIND.csv files of --dir in the kinds' order. An unknown KIND
        /// is a usage error (64) listing the kinds, as the argument parser words one.
        private func files(of kinds: [LoadKind], stdin: String?) throws -> [LoadFile] {
            guard let dir else {
                guard let known = kinds.first(where: { $0.name == kind }) else {
                    Output.error("Error: unknown kind '\(kind ?? "")'; expected one of: \(kinds.map(\.name).joined(separator: ", "))")
                    Output.error("Usage: " + PropLedger.usageString(for: Load.self))
                    Output.error("  See 'propledger load --help' for more information.")
                    throw ExitCode(ExitCodes.usage)
                }
                return [LoadFile(kind: known, path: stdin ?? file ?? "", name: stdin == nil ? nil : StandardInput.name)]
            }
            let files = try LoadFile.directory(dir, kinds: kinds, language: Language.resolve(option: lang))
            guard !files.isEmpty else {
                Output.error("propledger: " + Message.noKindFiles.render(Language.resolve(option: lang), ["dir": dir]))
                throw ExitCode(ExitCodes.noInput)
            }
            return files
        }
    }
}

extension InputEncoding: ExpressibleByArgument {}

extension Language: ExpressibleByArgument {}

/// Standard input copied to a private temporary file (`load KIND -`), removed after the load.
struct StandardInput {
    /// The file's path (messages show it as `-`).
    let path: String
    /// What the load history records as the file's name (`-` alone would read as a formula in a CSV report).
    static let name = "(stdin)"

    /// Copies standard input, in chunks, to a new file only this user may read.
    static func spool() throws -> StandardInput {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("propledger-stdin-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let path = directory.appendingPathComponent("stdin.csv").path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let out = FileHandle(forWritingAtPath: path) else {
            Output.error("propledger: cannot copy standard input to \(directory.path); set TMPDIR to a directory you may write to")
            throw ExitCode(ExitCodes.cantCreate)
        }
        defer { try? out.close() }
        while let chunk = try FileHandle.standardInput.read(upToCount: 1 << 20), !chunk.isEmpty {
            try out.write(contentsOf: chunk)
        }
        return StandardInput(path: path)
    }

    /// Removes the copy and its directory.
    func remove() {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}

extension Output {
    /// Prints a line on standard output at once, unbuffered (a load's per-file line; nothing is printed on
    /// standard output before it, so it keeps its place before the buffered lines that follow).
    static func now(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
