import Foundation
import PostgresClient

/// A row of pg_temp.load_rejects: the kind, the line, the column and why it is rejected.
struct RejectedRow {
    let kind: String
    let line: Int
    let column: String
    let reason: String
}

/// The rejected rows: the session's pg_temp.load_rejects that every check adds to, the rejects of each
/// file once the load is applied, and the `--rejects` files an office can fix and send again.
extension Loader {
    /// SQL true for a row of `t` (a file's raw or typed table) that no check has rejected.
    func notRejected(_ file: Staged) -> SQLQuery {
        "NOT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = \(file.file.kind.name) AND r.line = t._line)"
    }

    /// Marks the rows rejected before staging but staged all the same (LoaderStaging): a row of
    /// load_rejects without a reason for each cell left out (or one for the row), so that the row is never
    /// written and no check speaks of those cells, while its other cells are checked. Their reasons are the
    /// file's structural rejects.
    func markPartlyStaged(_ file: Staged) throws {
        guard !file.partlyStaged.isEmpty else { return }
        let lines = file.partlyStaged.flatMap { line, columns in (columns.isEmpty ? [nil] : columns.map { Optional($0) }).map { (line, $0) } }
        try connection.execute(SQLQuery("""
            INSERT INTO pg_temp.load_rejects (kind, line, col)
            SELECT \(file.file.kind.name, as: .text), m.line, m.col
            FROM unnest(\(Loader.arrayLiteral(lines.map { String($0.0) }), as: .textArray)::integer[],
                        \(Loader.arrayLiteral(lines.map { $0.1 ?? "" }), as: .textArray)) AS m(line, col)
            """))
    }

    /// Adds rows to load_rejects.
    func insertRejects(_ rows: [RejectedRow]) throws {
        for row in rows {
            try connection.execute(SQLQuery("INSERT INTO pg_temp.load_rejects VALUES (\(row.kind), \(row.line), \(row.column), \(row.reason))"))
        }
    }

    /// Every file's rejects (structural ones, then those found in SQL, in line order), with its counts of
    /// rejected and unchanged rows; all of them, in file order.
    func collectRejects(_ staged: [Staged]) throws -> [Reject] {
        var rejects: [Reject] = []
        for file in staged {
            file.rejects = try collectRejects(file)
            file.summary.rejected = Set(file.rejects.map(\.line)).count
            file.summary.unchanged = max(0, file.summary.rows - file.summary.rejected - file.summary.inserted - file.summary.updated - file.summary.deleted)
            rejects.append(contentsOf: file.rejects)
        }
        return rejects
    }

    /// The file's rejects: structural ones, then those found in SQL, in line order.
    private func collectRejects(_ file: Staged) throws -> [Reject] {
        let found = try connection.query(SQLQuery("""
            SELECT line, col, reason FROM pg_temp.load_rejects WHERE kind = \(file.file.kind.name) AND reason IS NOT NULL ORDER BY line, col, reason
            """)) {
            // Named as the file's header wrote the column (建筑面积, not floor_area_m2).
            Reject(file: file.file.path, line: try $0.decode("line"), column: file.headerName(try $0.decode("col")), reason: try $0.decode("reason"))
        }
        return (file.structural + found).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    // MARK: --rejects files

    /// Refuses, before anything is read, a --rejects naming an input (or, with several files, the input
    /// directory): it would overwrite the office's file with only its bad rows.
    func checkRejectsTarget(_ path: String, for files: [LoadFile]) throws {
        let inputs = files.map(\.path)
        let targets = files.map { Loader.rejectsTarget(path, kind: $0.kind, single: files.count == 1) }
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

    /// Where a kind's rejected rows go: `--rejects` itself for one input, `DIR/KIND.csv` for several.
    static func rejectsTarget(_ path: String, kind: LoadKind, single: Bool) -> String {
        single ? path : (path as NSString).appendingPathComponent("\(kind.name).csv")
    }

    /// Writes the --rejects files; a file that cannot be written stops the load (exit 73), with nothing loaded.
    func writeRejectsFiles(_ staged: [Staged], to path: String) throws {
        do {
            try writeRejects(staged, to: path)
        } catch let error as PostgresError {
            throw error
        } catch let error as LoadError {
            throw error
        } catch let error as OutputFile.Refusal {
            throw LoadError.cannotWrite(Message.rejectsRefused.render(options.language, ["why": error.description]))
        } catch {
            throw LoadError.cannotWrite(Message.rejectsCannotWrite.render(options.language, ["file": path, "why": error.localizedDescription]))
        }
    }

    /// Writes the rejected rows with the file's own header plus `_line` and `_reason`, so an office can fix
    /// them and load the same file again. One input: the path is the file; several: a directory of KIND.csv.
    /// Reads each file's `rejects`, collected once after the load was applied. Rows rejected before
    /// staging (a wrong cell count, a NUL character …) are written with their cells as they were read.
    /// Never writes over an input file, a directory, device, FIFO or symbolic link (OutputFile).
    func writeRejects(_ staged: [Staged], to path: String) throws {
        let inputs = staged.map(\.file.path)
        if staged.count > 1 { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        for file in staged where staged.count == 1 || !file.rejects.isEmpty {
            let target = Loader.rejectsTarget(path, kind: file.file.kind, single: staged.count == 1)
            try OutputFile.write(Data(try rejectsText(file).utf8), to: target, notOneOf: inputs)
        }
    }

    /// A file's rejects as CSV: its header's columns (but `_line` and `_reason`), then `_line` and `_reason`.
    private func rejectsText(_ file: Staged) throws -> String {
        let kept = file.headerCells.indices.filter { file.headerCells[$0] != "_line" && file.headerCells[$0] != "_reason" }
        var text = "\u{FEFF}" + (kept.map { file.headerCells[$0] } + ["_line", "_reason"])
            .map { CSVText.field($0) }.joined(separator: ",") + "\r\n"
        let reasons = Dictionary(grouping: file.rejects, by: \.line)
        let why = { (line: Int) in (reasons[line] ?? []).map { "\($0.column): \($0.reason)" }.joined(separator: "; ") }
        // The staged columns, by header position (the others are _line/_reason).
        var columnAt: [Int: String] = [:]
        for index in kept { if let column = file.file.kind.column(forHeader: file.headerCells[index]) { columnAt[index] = column.name } }
        let lines = (try stagedRejects(file, kept: kept, columnAt: columnAt) + Loader.structuralRejects(file, kept: kept))
            .sorted { $0.line < $1.line }
        // A cell a spreadsheet would run as a formula (=, +, -, @ …) is neutralised, except a plain
        // number in a numeric column (CSVText.field).
        let numeric = kept.map { index in
            columnAt[index].flatMap { file.catalog.column($0)?.type }.map { type in
                type.hasPrefix("numeric") || ["integer", "bigint", "smallint"].contains(type)
            } ?? false
        }
        for entry in lines {
            let cells = entry.cells.enumerated().map { CSVText.field($0.element, isNumber: $0.offset < numeric.count && numeric[$0.offset]) }
            text += (cells + [String(entry.line), CSVText.field(why(entry.line))]).joined(separator: ",") + "\r\n"
        }
        return text
    }

    /// The rejected rows that were staged, read back from the raw table, in the kept header positions.
    private func stagedRejects(_ file: Staged, kept: [Int], columnAt: [Int: String]) throws -> [(line: Int, cells: [String])] {
        let selected = kept.compactMap { columnAt[$0] }
        let rows = try connection.query(SQLQuery("""
            SELECT t._line\(selected.map { ", t.\(ident: $0)" as SQLQuery }.joined())
            FROM \(file.rawTable) AS t
            WHERE EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = \(file.file.kind.name) AND r.line = t._line) ORDER BY t._line
            """)) { row in row.texts }
        return rows.compactMap { cells in
            // A row rejected before staging is written as it was read (structuralRejects).
            guard let line = cells[0].flatMap(Int.init), file.structuralCells[line] == nil else { return nil }
            var byColumn: [String: String] = [:]
            for (offset, name) in selected.enumerated() { byColumn[name] = cells[offset + 1] ?? "" }
            return (line, kept.map { columnAt[$0].flatMap { byColumn[$0] } ?? "" })
        }
    }

    /// The rows rejected before staging, as read: the cells a well-formed row has in the kept columns; a
    /// row with a wrong cell count keeps all of its cells (padded to the header's width) so nothing is lost.
    private static func structuralRejects(_ file: Staged, kept: [Int]) -> [(line: Int, cells: [String])] {
        file.structuralCells.map { line, cells in
            let asRead = cells.map { $0 ?? "" }
            if asRead.count == file.headerCells.count { return (line, kept.map { asRead[$0] }) }
            return (line, asRead + Array(repeating: "", count: max(0, kept.count - asRead.count)))
        }
    }
}
