import Foundation
import PostgresClient

/// A file to load and the kind it holds.
public struct LoadFile: Sendable {
    /// What the file holds.
    public let kind: LoadKind
    /// Its path.
    public let path: String

    /// A file of a kind.
    public init(kind: LoadKind, path: String) {
        self.kind = kind
        self.path = path
    }

    /// The files named `KIND.csv` in a directory, in the order of SPEC §3.
    public static func directory(_ path: String) -> [LoadFile] {
        LoadKind.all.compactMap { kind in
            let file = (path as NSString).appendingPathComponent("\(kind.name).csv")
            return FileManager.default.fileExists(atPath: file) ? LoadFile(kind: kind, path: file) : nil
        }
    }
}

/// How a load behaves.
public struct LoadOptions: Sendable {
    /// The input encoding.
    public var encoding: InputEncoding = .auto
    /// Load the good rows and reject the bad ones, instead of all-or-nothing.
    public var partial = false
    /// Validate and report without writing.
    public var dryRun = false
    /// Fail at once instead of waiting when another load holds the lock.
    public var noWait = false
    /// How long to wait for another load to finish before giving up (exit 75), in seconds.
    public var lockTimeoutSeconds = 600
    /// How long the load's session may sit idle inside its transaction before the server ends it, in
    /// seconds: a loader stopped (SIGSTOP) or stalled between statements cannot hold the lock forever.
    public var idleTimeoutSeconds = 300
    /// Where to write the rejected rows (a file for one input, a directory for several).
    public var rejectsPath: String?

    /// The defaults: auto encoding, all-or-nothing, writing, waiting.
    public init() {}
}

/// One rejected row (or file-level problem): where, which column, and why.
public struct Reject: Sendable, Equatable, CustomStringConvertible {
    /// The file's path as given.
    public let file: String
    /// The line the row starts on (1 = header; 0 = no single line).
    public let line: Int
    /// The column concerned (or `row`).
    public let column: String
    /// What is wrong and what to do.
    public let reason: String

    /// `FILE:LINE: column: reason`.
    public var description: String {
        line > 0 ? "\(file):\(line): \(column): \(reason)" : "\(file): \(column): \(reason)"
    }
}

/// What a load did with one file.
public struct FileSummary: Sendable, Equatable {
    /// The file's path as given.
    public let file: String
    /// The kind.
    public let kind: String
    /// Data rows in the file (blank lines not counted).
    public var rows = 0
    /// Rows inserted.
    public var inserted = 0
    /// Rows that changed an existing record.
    public var updated = 0
    /// Rows equal to the record already there.
    public var unchanged = 0
    /// Rows rejected.
    public var rejected = 0
    /// The load batch recorded for it, if any.
    public var batchID: Int64?

    /// A one-line summary.
    public var line: String {
        "\(file): \(rows) rows: \(inserted) inserted, \(updated) updated, \(unchanged) unchanged, \(rejected) rejected"
    }
}

/// The outcome of a load.
public struct LoadResult: Sendable {
    /// How the load ended.
    public enum Outcome: String, Sendable {
        /// Everything was loaded.
        case committed
        /// The good rows were loaded and the bad ones rejected (`--partial`).
        case partial
        /// Bad rows were found and nothing was written.
        case rejected
        /// A dry run: validated, nothing written.
        case dryRun = "dry_run"
    }

    /// How it ended.
    public let outcome: Outcome
    /// One summary per file.
    public let files: [FileSummary]
    /// Every rejected row, in file and line order.
    public let rejects: [Reject]
}

/// Why a load could not run at all.
public enum LoadError: Error, CustomStringConvertible, Sendable {
    /// A file is missing or unreadable (exit 66).
    case unreadable(String)
    /// A file's header or text is unusable (exit 65).
    case badFile(String)
    /// Another load holds the lock and --no-wait was given, or --lock-timeout passed (exit 75).
    case busy(String)
    /// The connecting role may not load (exit 77).
    case noPermission(String)
    /// The rejects file cannot be written, or would overwrite an input (exit 73).
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .unreadable(let text), .badFile(let text), .busy(let text), .noPermission(let text), .cannotWrite(let text):
            return text
        }
    }
}

/// The districts a loader may write: city-wide, or a list.
struct LoadScope {
    /// City-wide: every district.
    var isCity = true
    /// The districts, for messages ("320508, 320571" or "none").
    var listed = ""
}

/// Loads CSV files of SPEC §3 into the ledger: stream into a temporary staging table with COPY, validate
/// as sets in SQL against the ledger's own rules, then upsert — all in one transaction.
public final class Loader {
    /// The table every load locks IN EXCLUSIVE MODE for its transaction (SPEC §5: only loaders and the
    /// owner may take it, unlike an advisory lock any login could hold).
    public static let lockTable = "staging.load_lock"
    let connection: Connection
    let options: LoadOptions
    /// The connecting role's districts, read once per load.
    var scope = LoadScope()
    /// What is known of each file when a load fails (its checksum and rows, once staged).
    private var attempted: [String: (sha256: String?, rows: Int, rejected: Int)] = [:]
    /// Called with progress text while a file streams (the CLI shows it on a terminal).
    public var progress: ((String) -> Void)?
    /// Called with a line when the load waits for the lock.
    public var waiting: ((String) -> Void)?

    /// A loader on a session.
    public init(connection: Connection, options: LoadOptions) {
        self.connection = connection
        self.options = options
    }

    /// A file after staging: its raw table, columns present, counts and structural rejects.
    final class Staged {
        let file: LoadFile
        let catalog: TableCatalog
        let present: [String]
        let headerCells: [String]
        let rawTable: String
        let typedTable: String
        let sha256: String
        var summary: FileSummary
        var structural: [Reject]
        /// The cells of the rows rejected before staging, as read, so --rejects writes them back as they were.
        let structuralCells: [Int: [String?]]
        /// Every reject of the file once the load has been applied (structural ones and those found in SQL).
        var rejects: [Reject] = []

        init(file: LoadFile, catalog: TableCatalog, present: [String], headerCells: [String], sha256: String,
             rows: Int, structural: [Reject], structuralCells: [Int: [String?]]) {
            self.structuralCells = structuralCells
            self.file = file
            self.catalog = catalog
            self.present = present
            self.headerCells = headerCells
            rawTable = "pg_temp.raw_\(file.kind.name)"
            typedTable = "pg_temp.typed_\(file.kind.name)"
            self.sha256 = sha256
            summary = FileSummary(file: file.path, kind: file.kind.name, rows: rows)
            self.structural = structural
        }
    }

    /// Loads the files in one transaction (in the order given).
    public func load(_ files: [LoadFile]) throws -> LoadResult {
        for file in files where !FileManager.default.isReadableFile(atPath: file.path) {
            throw LoadError.unreadable("\(file.path): no such file, or it cannot be read; check the path")
        }
        if Set(files.map(\.kind.name)).count != files.count {
            throw LoadError.badFile("the same kind is given twice; load one file per kind at a time")
        }
        if let path = options.rejectsPath {
            // Refused before anything is read: --rejects naming an input (or, with several files, the
            // input directory) would overwrite the office's file with only its bad rows.
            let inputs = files.map(\.path)
            let targets = files.count == 1 ? [path] : files.map { (path as NSString).appendingPathComponent("\($0.kind.name).csv") }
            var status = stat()
            if files.count > 1, lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFDIR {
                throw LoadError.cannotWrite("--rejects: \(path) is \(OutputFile.describe(status.st_mode & S_IFMT)); with several files --rejects names a directory")
            }
            // The directory of several files' rejects is made when they are written.
            let missingDirectory = files.count > 1 && lstat(path, &status) != 0
            do {
                for target in targets where !missingDirectory { try OutputFile.check(target, notOneOf: inputs) }
            } catch {
                throw LoadError.cannotWrite("--rejects: \(error.description)")
            }
        }
        try prepareSession()
        attempted = [:]
        try connection.execute("BEGIN")
        do {
            return try loadInTransaction(files)
        } catch {
            if connection.inTransaction { _ = try? connection.execute("ROLLBACK") }
            recordFailedAttempt(files, error)
            throw error
        }
    }

    /// Session settings of a load, and the checks that it may load at all.
    private func prepareSession() throws {
        // Names resolve in pg_catalog and this session's temporary tables only: every ledger, staging and
        // audit object is written schema-qualified, so nothing planted elsewhere can be picked up (SPEC §5).
        try connection.execute("SET search_path = pg_catalog, pg_temp")
        // A stalled or stopped client cannot hold the load's transaction (and its lock) forever.
        try connection.execute("SET idle_in_transaction_session_timeout = '\(max(1, options.idleTimeoutSeconds))s'")
        // Temporary tables stay in memory up to this size (it must be set before the first one is used).
        _ = try? connection.execute("SET temp_buffers = '256MB'")
        // If the loader is killed mid-statement, the server notices within a second and rolls back,
        // releasing the lock, instead of finishing the statement first.
        _ = try? connection.execute("SET client_connection_check_interval = '1s'")
        // Duplicate-key and reference checks over a whole file hash in memory rather than sort on disk.
        _ = try? connection.execute("SET work_mem = '256MB'")
        let role = try connection.execute("""
            SELECT current_user::text AS who,
                   pg_catalog.pg_has_role(current_user, 'propledger_loader', 'MEMBER')
                     OR pg_catalog.pg_has_role(current_user, 'propledger_owner', 'MEMBER') AS may_load
            """)[0]
        guard try role.decode("may_load", as: Bool.self) else {
            let who = try role.decode("who", as: String.self)
            throw LoadError.noPermission("role \(who) may not load: loading needs membership in propledger_loader; "
                + "ask an administrator to run GRANT propledger_loader TO \(who), and propledger access grant \(who) DISTRICT")
        }
        let row = try connection.execute("""
            SELECT ledger.scope_is_city() AS city,
                   coalesce(nullif(array_to_string(ledger.scope_districts(), ', '), ''), 'none') AS listed
            """)[0]
        scope = LoadScope(isCity: try row.decode("city", as: Bool.self), listed: try row.decode("listed", as: String.self))
    }

    /// After a load that wrote nothing, one batch row per file says what was tried and how it ended
    /// (in a transaction of its own, through the owner's append-only function). Best effort: when the
    /// connection is gone there is nothing to write to.
    private func recordFailedAttempt(_ files: [LoadFile], _ error: Error) {
        guard (try? connection.execute("SELECT 1")) != nil else { return }
        let status: String
        switch error {
        case LoadError.badFile: status = "rejected"
        default: status = "failed"
        }
        let reason = String(String(describing: error).prefix(500))
        _ = try? connection.withTransaction {
            for file in files {
                let known = attempted[file.path]
                try connection.execute("""
                    SELECT audit.record_attempt($1::text, $2::text, $3::text, $4::bigint, $5::bigint, $6::text, $7::text)
                    """, [file.kind.name, file.path, known?.sha256, known?.rows ?? 0, known?.rejected ?? 0, status, reason])
            }
        }
    }

    private func loadInTransaction(_ files: [LoadFile]) throws -> LoadResult {
        // Stage first (into this session's temporary tables): a file that is slow to read (a FIFO, a
        // network share) then delays nobody, because the lock is taken only once everything is read.
        let staged = try files.map { file in
            let done = try stage(file)
            attempted[file.path] = (done.sha256, done.summary.rows, done.structural.count)
            return done
        }
        try takeLock()
        try connection.execute("SAVEPOINT load_apply")
        var sticky: [(kind: String, line: Int, column: String, reason: String)] = []
        var crossFileProblems: [Reject] = []
        for _ in 0..<5 {
            crossFileProblems = []
            try connection.execute("CREATE TEMP TABLE load_rejects (kind text, line integer, col text, reason text) ON COMMIT DROP")
            for problem in sticky {
                try connection.execute("INSERT INTO load_rejects VALUES ($1, $2, $3, $4)",
                                       [problem.kind, problem.line, problem.column, problem.reason])
            }
            for file in staged { try apply(file) }
            let violations = try projectRuleViolations(staged)
            if violations.isEmpty { break }
            // A dry run counts what the load would do with the good rows, so it leaves the broken
            // projects out as --partial does (and never counts a row both inserted and rejected).
            if options.partial || options.dryRun {
                // Leave out the rows of the broken projects and apply again from the savepoint.
                sticky.append(contentsOf: violations)
                try connection.execute("ROLLBACK TO SAVEPOINT load_apply")
                continue
            }
            for violation in violations {
                try connection.execute("INSERT INTO load_rejects VALUES ($1, $2, $3, $4)",
                                       [violation.kind, violation.line, violation.column, violation.reason])
            }
            break
        }
        var rejects: [Reject] = []
        for file in staged {
            file.rejects = try collectRejects(file)
            file.summary.rejected = Set(file.rejects.map(\.line)).count
            file.summary.unchanged = max(0, file.summary.rows - file.summary.rejected - file.summary.inserted - file.summary.updated)
            rejects.append(contentsOf: file.rejects)
        }
        // Whatever deferred rule is left (a foreign key, a project rule) is checked now, not at COMMIT,
        // when the load would otherwise be kept.
        if rejects.isEmpty || options.partial {
            do {
                try connection.withSavepoint("load_deferred") { try connection.execute("SET CONSTRAINTS ALL IMMEDIATE") }
            } catch let error as PostgresError where error.kind == .server && error.sqlState?.classCode == "23" {
                // Only a broken rule is a rejection; a cancel, a timeout or a lost connection is not (it is rethrown).
                crossFileProblems.append(Reject(file: staged.count == 1 ? staged[0].file.path : "load", line: 0,
                                                column: error.constraint ?? "rule",
                                                reason: error.message + (error.hint.map { "; \($0)" } ?? "")))
            }
        }
        rejects.append(contentsOf: crossFileProblems)
        if let path = options.rejectsPath {
            do {
                try writeRejects(staged, to: path)
            } catch let error as PostgresError {
                throw error
            } catch let error as LoadError {
                throw error
            } catch let error as OutputFile.Refusal {
                throw LoadError.cannotWrite("--rejects: \(error.description); nothing was loaded")
            } catch {
                throw LoadError.cannotWrite("cannot write the rejected rows to \(path): \(error.localizedDescription); nothing was loaded. Give --rejects a path in a directory you may write to")
            }
        }

        let outcome: LoadResult.Outcome
        if options.dryRun {
            outcome = .dryRun
        } else if !crossFileProblems.isEmpty || (!rejects.isEmpty && !options.partial) {
            outcome = .rejected
        } else {
            outcome = rejects.isEmpty ? .committed : .partial
        }
        if outcome == .committed || outcome == .partial {
            for file in staged {
                try connection.execute("""
                    SELECT audit.finish_batch($1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::bigint, $6::bigint, $7::text)
                    """, [file.summary.batchID ?? 0, file.summary.rows, file.summary.inserted, file.summary.updated,
                          file.summary.unchanged, file.summary.rejected, outcome.rawValue])
            }
            try connection.execute("RELEASE SAVEPOINT load_apply")
            let commit = try connection.execute("COMMIT")
            guard commit.commandStatus == "COMMIT" else {
                throw PostgresError(kind: .client, message: "the load's COMMIT did not commit (\(commit.commandStatus))")
            }
        } else {
            try connection.execute("ROLLBACK")
            for file in staged { file.summary.batchID = nil }
            // A dry run keeps its counts: what the load would do with the good rows.
            if outcome == .rejected {
                recordRejectedBatches(staged)
                for file in staged {
                    file.summary.inserted = 0
                    file.summary.updated = 0
                    file.summary.unchanged = 0
                }
            }
        }
        return LoadResult(outcome: outcome, files: staged.map(\.summary), rejects: rejects)
    }

    /// Takes the load lock for this transaction: at once, or after waiting at most --lock-timeout.
    private func takeLock() throws {
        let lock = "LOCK TABLE \(Loader.lockTable) IN EXCLUSIVE MODE"
        do {
            try connection.withSavepoint("load_lock") { try connection.execute(lock + " NOWAIT") }
            return
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {}
        let holder = try? connection.execute("""
            SELECT coalesce(a.application_name, '') || ' (pid ' || l.pid || ', user ' || coalesce(a.usename::text, '?') || ')' AS who
            FROM pg_catalog.pg_locks AS l LEFT JOIN pg_catalog.pg_stat_activity AS a ON a.pid = l.pid
            WHERE l.locktype = 'relation' AND l.relation = 'staging.load_lock'::pg_catalog.regclass AND l.granted LIMIT 1
            """).first?.decode("who", as: String.self)
        let who = holder.map { " by \($0)" } ?? ""
        if options.noWait {
            throw LoadError.busy("another load is running\(who); try again when it has finished, or leave out --no-wait to wait for it")
        }
        waiting?("waiting for another load to finish\(who)… (at most \(options.lockTimeoutSeconds) s, --lock-timeout)")
        do {
            try connection.withSavepoint("load_lock") {
                try connection.execute("SET LOCAL lock_timeout = '\(max(1, options.lockTimeoutSeconds))s'")
                try connection.execute(lock)
                try connection.execute("SET LOCAL lock_timeout = DEFAULT")
            }
        } catch let error as PostgresError where error.sqlState == .lockNotAvailable {
            throw LoadError.busy("another load\(who) was still running after \(options.lockTimeoutSeconds) s (--lock-timeout); nothing was loaded: try again later")
        }
    }

    // MARK: - Staging

    private func stage(_ file: LoadFile) throws -> Staged {
        let kind = file.kind
        let reader: CSVReader
        do {
            reader = try CSVReader(path: file.path, encoding: options.encoding)
        } catch let error as CSVError {
            throw LoadError.unreadable(error.description)
        }
        let catalog = try TableCatalog(table: kind.table, connection: connection)
        guard let header = try readRecord(reader) else {
            throw LoadError.badFile("\(file.path): the file is empty; expected a header row with: \(kind.expectedColumns)")
        }
        // Map header cells to columns; _line and _reason (written by --rejects) are ignored.
        var mapping: [Int: String] = [:]
        var problems: [String] = []
        for (index, cell) in header.cells.enumerated() {
            guard let cell else {
                problems.append("column \(index + 1) has no name")
                continue
            }
            if cell == "_line" || cell == "_reason" { continue }
            guard let column = kind.column(forHeader: cell) else {
                // Shown escaped: a BOM, NUL or zero-width space in a header cell is otherwise invisible.
                problems.append("unknown column \"\(CellText.escapedForMessage(cell))\"")
                continue
            }
            if mapping.values.contains(column.name) {
                problems.append("column \(column.name) appears twice")
                continue
            }
            mapping[index] = column.name
        }
        let present = kind.columns.map(\.name).filter { mapping.values.contains($0) }
        let required = kind.columns.map(\.name).filter { name in
            kind.key.contains(name) || (catalog.column(name).map { $0.notNull && !$0.hasDefault } ?? false)
        }
        let missing = required.filter { !present.contains($0) }
        if !missing.isEmpty { problems.append("missing required column" + (missing.count > 1 ? "s " : " ") + missing.joined(separator: ", ")) }
        if !problems.isEmpty {
            throw LoadError.badFile("\(file.path):\(header.line): \(problems.joined(separator: "; ")). Expected columns (* = key, required): \(kind.expectedColumns)")
        }
        let headerCells = header.cells.map { $0 ?? "" }

        let raw = "pg_temp.raw_\(kind.name)"
        try connection.execute("CREATE TEMP TABLE raw_\(kind.name) (_line integer, "
            + present.map { "\(SQLText.ident($0)) text" }.joined(separator: ", ") + ") ON COMMIT DROP")
        var structural: [Reject] = []
        var structuralCells: [Int: [String?]] = [:]
        var rows = 0
        let codeColumns = kind.codeColumns
        let limits = present.map { name in (name: name, isCode: codeColumns.contains(name)) }
        let order = present.map { name in mapping.first { $0.value == name }!.key }
        let started = Date()
        var lastReport = started
        try connection.copyIn("COPY \(raw) (_line, \(present.map(SQLText.ident).joined(separator: ", "))) FROM STDIN") { writer in
            var out: [UInt8] = []
            out.reserveCapacity(1 << 20)
            while let record = try readRecord(reader, keepingProblems: true) {
                rows += 1
                if let problem = record.problem {
                    // Misquoted, too long, too many cells: this row only; the reader resumed at the next line.
                    let column = problem.cellIndex.flatMap { $0 < header.cells.count ? header.cells[$0] : nil } ?? "row"
                    let cut = { if case .cellTooLong = problem { return " (the cell is cut to its first \(CSVReader.maximumCellCharacters) characters in a --rejects file)" } else { return "" } }()
                    structural.append(Reject(file: file.path, line: record.line, column: column, reason: problem.description + cut))
                    structuralCells[record.line] = record.cells
                    continue
                }
                if record.cells.count != header.cells.count {
                    structural.append(Reject(file: file.path, line: record.line, column: "row",
                        reason: "has \(record.cells.count) cells but the header has \(header.cells.count); check for a stray comma or a missing quote"))
                    structuralCells[record.line] = record.cells
                    continue
                }
                let problems = Loader.cellProblems(record, order: order, limits: limits, headerCells: header.cells)
                if !problems.isEmpty {
                    structural.append(contentsOf: problems.map {
                        Reject(file: file.path, line: record.line, column: $0.column, reason: $0.reason)
                    })
                    structuralCells[record.line] = record.cells
                    continue
                }
                out.append(contentsOf: String(record.line).utf8)
                for index in order {
                    out.append(0x09)
                    Loader.appendCopyText(record.cells[index], to: &out)
                }
                out.append(0x0A)
                if out.count >= (1 << 20) - 4096 {
                    try writer.write(out)
                    out.removeAll(keepingCapacity: true)
                    let now = Date()
                    if let progress, now.timeIntervalSince(lastReport) >= 0.5, now.timeIntervalSince(started) >= 1 {
                        lastReport = now
                        let percent = reader.fileSize > 0 ? reader.bytesRead * 100 / reader.fileSize : 0
                        let rate = Int(Double(rows) / now.timeIntervalSince(started))
                        progress("\(file.path): \(percent)% read, \(rows) rows, \(rate) rows/s")
                    }
                }
            }
            try writer.write(out)
        }
        return Staged(file: file, catalog: catalog, present: present, headerCells: headerCells,
                      sha256: reader.sha256(), rows: rows, structural: structural, structuralCells: structuralCells)
    }

    /// The most characters of a key or code cell (SPEC §3.1; any cell: CSVReader.maximumCellCharacters).
    public static let keyLimit = 200

    /// What makes a row unfit to stage, cell by cell, named by the file's own header: a NUL character
    /// (PostgreSQL text cannot hold it), a key or code over 200 characters or with invisible characters
    /// in it. Every problem of the row is listed. (The reader refuses cells over 4,000 characters.)
    static func cellProblems(_ record: CSVRecord, order: [Int], limits: [(name: String, isCode: Bool)],
                             headerCells: [String?]) -> [(column: String, reason: String)] {
        var problems: [(column: String, reason: String)] = []
        for (position, index) in order.enumerated() {
            guard let cell = record.cells[index], !cell.isEmpty else { continue }
            let column = headerCells[index] ?? limits[position].name
            let length = cell.unicodeScalars.count
            if cell.utf8.contains(0) {
                problems.append((column, "'\(CellText.escapedForMessage(cell))' contains a NUL character, which a text cell cannot hold; remove it"))
            } else if limits[position].isCode {
                if length > keyLimit {
                    problems.append((column, "'\(CellText.escapedForMessage(cell))' has \(length) characters; a key or code has at most \(keyLimit)"))
                } else if case let invisible = CellText.invisibleCharacters(in: cell), !invisible.isEmpty {
                    let named = invisible.map { CellText.codePoint($0) + ($0.properties.name.map { " \($0)" } ?? "") }.joined(separator: ", ")
                    problems.append((column, "'\(CellText.escapedForMessage(cell))' contains invisible characters (\(named)), which a key or code may not hold (they would make a second key that prints like the first); delete them and retype the code"))
                }
            }
        }
        return problems
    }

    private func readRecord(_ reader: CSVReader, keepingProblems: Bool = false) throws -> CSVRecord? {
        do {
            return try keepingProblems ? reader.nextRecord() : reader.next()
        } catch let error as CSVError {
            throw LoadError.badFile(error.description)
        }
    }

    /// Appends a cell in COPY text format: NULL as \N, and backslash, tab, newline, CR escaped.
    static func appendCopyText(_ cell: String?, to out: inout [UInt8]) {
        guard let cell else {
            out.append(contentsOf: [0x5C, 0x4E])
            return
        }
        for byte in cell.utf8 {
            switch byte {
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x09: out.append(contentsOf: [0x5C, 0x74])
            case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: out.append(contentsOf: [0x5C, 0x72])
            default: out.append(byte)
            }
        }
    }
}
