import Foundation
import PostgresClient

/// Loads CSV files of SPEC §3 into the ledger: stream into a temporary staging table with COPY, validate
/// as sets in SQL against the ledger's own rules, then upsert — all in one transaction.
///
/// The steps live beside this file: the session and its lock (LoaderSession), staging (LoaderStaging),
/// cell and rule checks (LoaderCells, LoaderChecks), the upsert (LoaderUpsert), the cross-file project
/// rules (LoaderProjectRules), the committee rules (LoaderCommitteeRules), rejected rows (LoaderRejects) and the load history (LoaderBatches).
public final class Loader {
    /// The table every load locks IN EXCLUSIVE MODE for its transaction (SPEC §5: only loaders and the
    /// owner may take it, unlike an advisory lock any login could hold).
    public static let lockTable = "staging.load_lock"
    /// How many times a `--partial` or dry-run load applies its files, each pass leaving out the rows of
    /// the projects whose rules the pass before broke. Leaving rows out can break another project's rule
    /// (a vote's totals follow the units loaded), so the passes are bounded; a load whose project rules
    /// still break in the last pass is rejected whole, saying so.
    public static let maximumApplyPasses = 5
    let connection: Connection
    let options: LoadOptions
    /// The connecting role's districts, read once per load.
    var scope = LoadScope()
    /// What is known of each file when a load fails (its checksum and rows, once staged).
    var attempted: [String: (sha256: String?, rows: Int, rejected: Int)] = [:]
    /// Called with progress text while a file streams (the CLI shows it on a terminal).
    public var progress: ((String) -> Void)?
    /// Called with a line when the load waits for the lock.
    public var waiting: ((String) -> Void)?
    /// Called with a warning that does not stop the load (the CLI prints it on standard error).
    public var notice: ((String) -> Void)?
    /// Called with each file's summary as soon as it has been checked and written inside the load's
    /// transaction (its first pass), before the project rules and the commit.
    public var fileChecked: ((FileSummary) -> Void)?

    /// A loader on a session.
    public init(connection: Connection, options: LoadOptions) {
        self.connection = connection
        self.options = options
    }

    /// Loads the files in one transaction (in the order given).
    public func load(_ files: [LoadFile]) throws -> LoadResult {
        try checkInputs(files)
        if let path = options.rejectsPath { try checkRejectsTarget(path, for: files) }
        let readers: [RecordReader]
        do {
            readers = try files.map(openReader)
        } catch {
            recordFailedAttempt(files, error)
            throw error
        }
        try prepareSession()
        attempted = [:]
        try connection.execute("BEGIN")
        do {
            return try loadInTransaction(files, readers)
        } catch {
            if connection.inTransaction { _ = try? connection.execute("ROLLBACK") }
            recordFailedAttempt(files, error)
            throw error
        }
    }

    /// Every file readable, and one file per kind.
    private func checkInputs(_ files: [LoadFile]) throws {
        let language = options.language
        for file in files where !FileManager.default.isReadableFile(atPath: file.path) {
            throw LoadError.unreadable(Message.fileMissing.render(language, ["file": file.path]))
        }
        if options.delete && files.count != 1 {
            throw LoadError.badFile(Message.deleteOneFileAtATime.render(language))
        }
        if Set(files.map(\.kind.name)).count != files.count {
            throw LoadError.badFile(Message.sameKindTwice.render(language))
        }
    }

    /// Stage, lock, apply, collect what was rejected, then commit or roll back.
    private func loadInTransaction(_ files: [LoadFile], _ readers: [RecordReader]) throws -> LoadResult {
        let staged = try stageAll(files, readers)
        try takeLock()
        // Before the savepoint: a --partial load's later passes write into the same tables without their keys.
        let suspendedKeys = try suspendForeignKeys(staged)
        try connection.execute("SAVEPOINT load_apply")
        var crossFileProblems = try applyAll(staged)
        var rejects = try collectRejects(staged)
        // Whatever deferred rule is left (a foreign key, a project rule) is checked now, not at COMMIT,
        // when the load would otherwise be kept.
        if rejects.isEmpty || options.partial, let problem = try deferredConstraintProblem(staged, restoring: suspendedKeys > 0) {
            crossFileProblems.append(problem)
        }
        rejects.append(contentsOf: crossFileProblems)
        if let path = options.rejectsPath { try writeRejectsFiles(staged, to: path) }
        let outcome = outcome(rejects: rejects, crossFileProblems: crossFileProblems)
        try finish(staged, outcome)
        return LoadResult(outcome: outcome, files: staged.map(\.summary), rejects: rejects)
    }

    /// Stages every file (into this session's temporary tables) before the lock is taken: a file that is
    /// slow to read (a FIFO, a network share) then delays nobody.
    private func stageAll(_ files: [LoadFile], _ readers: [RecordReader]) throws -> [Staged] {
        try zip(files, readers).map { file, reader in
            let done = try stage(file, reader)
            attempted[file.path] = (done.sha256, done.summary.rows, done.structural.count)
            return done
        }
    }

    /// Applies every file, then checks the project and committee rules. A `--partial` or dry-run load leaves the rows of
    /// broken projects out and applies again from the savepoint (a dry run counts what the load would do
    /// with the good rows, so it never counts a row both inserted and rejected); otherwise the broken
    /// projects' rows are rejected. Returns the problems of the load as a whole (none, or the passes
    /// running out).
    private func applyAll(_ staged: [Staged]) throws -> [Reject] {
        var leftOut: [RejectedRow] = []
        var pass = 1
        while true {
            try startPass(leavingOut: leftOut, staged)
            for file in staged {
                try apply(file)
                if pass == 1, let fileChecked { fileChecked(try checkedSummary(file)) }
            }
            progress?(Message.phaseProjectRules.render(options.language, ["files": String(staged.count)]))
            let violations = try projectRuleViolations(staged) + committeeRuleViolations(staged)
            if violations.isEmpty { return [] }
            let leavesOut = options.partial || options.dryRun
            guard leavesOut && pass < Loader.maximumApplyPasses else {
                try insertRejects(violations)
                return leavesOut ? [passesRanOut(staged)] : []
            }
            leftOut.append(contentsOf: violations)
            try connection.execute("ROLLBACK TO SAVEPOINT load_apply")
            pass += 1
        }
    }

    /// A file's summary once it has been checked and written: its rejected rows so far (structural and
    /// found by the checks) and the rows neither written nor rejected, unchanged.
    private func checkedSummary(_ file: Staged) throws -> FileSummary {
        let lines = try connection.query(SQLQuery("SELECT DISTINCT line FROM pg_temp.load_rejects WHERE kind = \(file.file.kind.name)")) {
            try $0.decode("line", as: Int.self)
        }
        var summary = file.summary
        summary.rejected = Set(lines).union(file.structural.map(\.line)).count
        summary.unchanged = max(0, summary.rows - summary.rejected - summary.inserted - summary.updated - summary.deleted)
        return summary
    }

    /// The problem of a load whose project rules still broke in its last pass.
    private func passesRanOut(_ staged: [Staged]) -> Reject {
        Loader.loadReject(staged, column: "project_rules",
                          reason: Message.passesRanOut.render(options.language, ["passes": String(Loader.maximumApplyPasses)]))
    }

    /// A problem of the load as a whole, not of one line: named by its file when there is one, else "load".
    static func loadReject(_ staged: [Staged], column: String, reason: String) -> Reject {
        Reject(file: staged.count == 1 ? staged[0].file.path : "load", line: 0, column: column, reason: reason)
    }

    /// A fresh list of rejected rows for a pass, holding the rows earlier passes left out and the rows
    /// rejected before staging that were staged all the same.
    private func startPass(leavingOut leftOut: [RejectedRow], _ staged: [Staged]) throws {
        try connection.execute("CREATE TEMP TABLE load_rejects (kind text, line integer, col text, reason text) ON COMMIT DROP")
        try insertRejects(leftOut)
        for file in staged { try markPartlyStaged(file) }
    }

    /// Validates a staged file and upserts its good rows; records its batch.
    private func apply(_ file: Staged) throws {
        file.summary.batchID = try beginBatch(file)
        // A --partial load may apply a file again after leaving out rows; count this pass only.
        file.summary.inserted = 0
        file.summary.updated = 0
        let started = Date()
        defer { file.summary.seconds += Date().timeIntervalSince(started) }
        reportPhase(.phaseChecking, file)
        if options.delete { return try applyDelete(file) }
        try buildTyped(file)
        try validateCells(file)
        try checkDistrict(file)
        if try !writeTrustingTheDatabase(file) {
            try runChecks(rowRuleChecks(file), file)
            try runChecks(referenceChecks(file), file)
            try runChecks(uniqueChecks(file), file)
            try runChecks(overlapChecks(file), file)
            reportPhase(.phaseWriting, file)
            try upsert(file)
        }
        // The next files' checks, the project rules and the deferred constraints run in this same
        // transaction: plan them with statistics that know what this file added (migration 025).
        try connection.execute(SQLQuery("""
            SELECT staging.analyze_if_grown(\(file.file.kind.name, as: .text), \(file.summary.inserted + file.summary.updated, as: .bigint))
            """))
    }

    /// The broken rule among the deferred constraints, if any, with the foreign keys the load dropped added
    /// again first (`restoring`). Only a broken rule is a rejection; a cancel, a timeout or a lost connection
    /// is not (it is rethrown).
    private func deferredConstraintProblem(_ staged: [Staged], restoring: Bool) throws -> Reject? {
        do {
            try connection.withSavepoint("load_deferred") {
                if restoring { try restoreForeignKeys() }
                try connection.execute("SET CONSTRAINTS ALL IMMEDIATE")
            }
            return nil
        } catch let error as PostgresError where error.kind == .server && SQLState.Class.integrityConstraintViolation ~= error.sqlState {
            if options.delete && error.sqlState == .foreignKeyViolation { return deletionProblem(staged) }
            return Loader.loadReject(staged, column: error.constraint ?? "rule", reason: deferredReason(error))
        }
    }

    /// How the load ends: a dry run writes nothing; a problem of the load as a whole, or a bad row without
    /// --partial, rejects it; otherwise it is kept, whole or in part.
    private func outcome(rejects: [Reject], crossFileProblems: [Reject]) -> LoadResult.Outcome {
        if options.dryRun { return .dryRun }
        if !crossFileProblems.isEmpty || (!rejects.isEmpty && (!options.partial || options.delete)) { return .rejected }
        return rejects.isEmpty ? .committed : .partial
    }

    /// Brings the kept results (fund postings, votes, shares) this load made stale up to date (migration 034), in a
    /// transaction of its own after the load's commit: the load is kept whatever happens here, and a
    /// compound left stale is computed by the reports until the next refresh (`SELECT ledger.refresh_kept()`);
    /// a failure is said (`notice`), not thrown. The work is split between `options.refreshSessions` sessions
    /// running side by side (`ledger.refresh_kept_share(share, shares)`: the fund postings are computed by one server
    /// process per session); a session that cannot be opened leaves its share to the others.
    private func refreshKeptResults() {
        progress?(Message.phaseKeptResults.render(options.language))
        var siblings: [Connection] = []
        for _ in 1..<max(1, options.refreshSessions) {
            // As the load's own session (prepareSession): names resolve in pg_catalog and pg_temp only, and the
            // totals aggregate in memory.
            guard let sibling = try? connection.sibling(), (try? sibling.execute("SET search_path = pg_catalog, pg_temp")) != nil
            else { break }
            _ = try? sibling.execute("SET work_mem = '256MB'")
            siblings.append(sibling)
        }
        let shares = siblings.count + 1
        var failure: Error?
        var sent: [Connection] = []
        for (index, sibling) in siblings.enumerated() {
            do {
                try sibling.send(SQLQuery("SELECT ledger.refresh_kept_share(\(index + 2, as: .integer), \(shares, as: .integer))"))
                sent.append(sibling)
            } catch {
                failure = failure ?? error
            }
        }
        do {
            try connection.execute(SQLQuery("SELECT ledger.refresh_kept_share(1, \(shares, as: .integer))"))
        } catch {
            failure = failure ?? error
        }
        for sibling in sent {
            do { try sibling.receive() } catch { failure = failure ?? error }
        }
        if let failure {
            let why = (failure as? PostgresError)?.message ?? String(describing: failure)
            notice?(Message.keptResultsNotRefreshed.render(options.language, ["why": why]))
        }
    }

    /// Commits a kept load with its batches finished, or rolls back and records a rejected one.
    private func finish(_ staged: [Staged], _ outcome: LoadResult.Outcome) throws {
        switch outcome {
        case .committed, .partial:
            try finishBatches(staged, outcome)
            try connection.execute("RELEASE SAVEPOINT load_apply")
            let commit = try connection.execute("COMMIT")
            guard commit.commandStatus == "COMMIT" else {
                throw PostgresError(kind: .client, message: "the load's COMMIT did not commit (\(commit.commandStatus))")
            }
            refreshKeptResults()
        case .rejected, .dryRun:
            try connection.execute("ROLLBACK")
            for file in staged { file.summary.batchID = nil }
            // A dry run keeps its counts: what the load would do with the good rows.
            guard outcome == .rejected else { return }
            recordRejectedBatches(staged)
            for file in staged {
                file.summary.inserted = 0
                file.summary.updated = 0
                file.summary.unchanged = 0
                file.summary.deleted = 0
                file.summary.removed = []
            }
        }
    }
}
