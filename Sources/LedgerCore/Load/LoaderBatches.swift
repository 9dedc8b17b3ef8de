import PostgresClient

/// The load history (audit.load_batches), written only through the owner's append-only functions.
extension Loader {
    /// Begins a file's batch through `audit.begin_batch`, which also sets propledger.load_batch: it labels
    /// this file's changes in audit.changes. Returns the batch's id.
    func beginBatch(_ file: Staged) throws -> Int64 {
        try connection.execute(SQLQuery("""
            SELECT audit.begin_batch(\(file.file.kind.name, as: .text), \(file.file.name, as: .text), \(file.sha256, as: .text), \(file.summary.rows, as: .bigint)) AS id
            """))[0].decode("id", as: Int64.self)
    }

    /// Finishes every file's batch with its counts, in the load's own transaction.
    func finishBatches(_ staged: [Staged], _ outcome: LoadResult.Outcome) throws {
        for file in staged {
            let summary = file.summary
            try connection.execute(SQLQuery("""
                SELECT audit.finish_batch(\(summary.batchID ?? 0, as: .bigint), \(summary.rows, as: .bigint), \(summary.inserted, as: .bigint), \
                \(summary.updated, as: .bigint), \(summary.unchanged, as: .bigint), \(summary.rejected, as: .bigint), \(outcome.rawValue, as: .text), \
                \(summary.deleted, as: .bigint))
                """))
        }
    }

    /// After a load that wrote nothing, one batch row per file says what was tried and how it ended
    /// (in a transaction of its own, through the owner's append-only function). Best effort: when the
    /// connection is gone there is nothing to write to.
    func recordFailedAttempt(_ files: [LoadFile], _ error: Error) {
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
                try recordAttempt(kind: file.kind.name, path: file.name, sha256: known?.sha256, rows: known?.rows ?? 0,
                                  rejected: known?.rejected ?? 0, status: status, reason: reason)
            }
        }
    }

    /// After a rejected load, one batch row per file says so (in its own transaction, through the owner's
    /// append-only function: a loader may not insert into audit.load_batches itself).
    func recordRejectedBatches(_ staged: [Staged]) {
        _ = try? connection.withTransaction {
            for file in staged {
                try recordAttempt(kind: file.file.kind.name, path: file.file.name, sha256: file.sha256, rows: file.summary.rows,
                                  rejected: file.summary.rejected, status: "rejected", reason: nil)
            }
        }
    }

    /// Appends a finished attempt that wrote nothing through `audit.record_attempt`.
    private func recordAttempt(kind: String, path: String, sha256: String?, rows: Int, rejected: Int, status: String, reason: String?) throws {
        try connection.execute(SQLQuery("""
            SELECT audit.record_attempt(\(kind, as: .text), \(path, as: .text), \(sha256, as: .text), \(rows, as: .bigint), \
            \(rejected, as: .bigint), \(status, as: .text), \(reason, as: .text))
            """))
    }
}
