import PostgresClient

/// The foreign keys of the tables a load more than doubles, checked once as a set (issue 18; migration 021,
/// `staging.suspend_foreign_keys`). Each key checks a row on its own when the deferred constraints are checked:
/// one look-up and one row lock per row and key, 482 s of a province's first load. A table the load writes at
/// least `LoadOptions.bulkMinimumRows` rows into, and at least as many as it holds, has its keys dropped before
/// the writing and added again before the deferred constraints, each checking every row with one anti-join.
/// The reference checks still name every line whose reference is missing before anything is written.
extension Loader {
    /// Drops the foreign keys of every staged table the load more than doubles; returns how many it dropped.
    /// A delete load writes no rows; a dry run, which writes nothing in the end, locks no one out for it; and
    /// `bulkMinimumRows` 0 keeps every key checking row by row.
    func suspendForeignKeys(_ staged: [Staged]) throws -> Int {
        guard !options.delete, !options.dryRun, options.bulkMinimumRows > 0 else { return 0 }
        var dropped = 0
        for file in staged {
            let rows = file.summary.rows - file.structural.count
            dropped += try connection.query(SQLQuery("""
                SELECT staging.suspend_foreign_keys(\(file.file.kind.name, as: .text), \(rows, as: .bigint),
                                                    \(options.bulkMinimumRows, as: .bigint)) AS dropped
                """)) { try $0.decode("dropped", as: Int.self) }.first ?? 0
        }
        return dropped
    }

    /// Adds again the keys `suspendForeignKeys` dropped, every row checked: a row without its reference fails
    /// with the key's own error (23503), as at `SET CONSTRAINTS ALL IMMEDIATE`.
    func restoreForeignKeys() throws {
        try connection.execute("SELECT staging.restore_foreign_keys()")
    }
}
