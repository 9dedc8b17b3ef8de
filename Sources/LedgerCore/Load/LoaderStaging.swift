import Foundation
import PostgresClient

/// A file after staging: its raw table, columns present, counts and structural rejects.
final class Staged {
    let file: LoadFile
    let catalog: TableCatalog
    let present: [String]
    let headerCells: [String]
    /// This session's table of the file's cells as text (`pg_temp.raw_KIND`).
    let rawTable: SQLQuery
    /// This session's table of the good rows, typed like the ledger table (`pg_temp.typed_KIND`).
    let typedTable: SQLQuery
    let sha256: String
    var summary: FileSummary
    var structural: [Reject]
    /// The cells of the rows rejected before staging, as read, so --rejects writes them back as they were.
    let structuralCells: [Int: [String?]]
    /// The rows rejected before staging that were still staged, so that their other cells are checked
    /// (every problem of a row at once): for each line, the columns whose cells were left out (NULL).
    let partlyStaged: [Int: [String]]
    /// Every reject of the file once the load has been applied (structural ones and those found in SQL).
    var rejects: [Reject] = []
    /// For each labelled column present, every spelling a cell may use (code, Chinese label, synonym) and
    /// its code (staging.value_spellings).
    var spellings: [String: [String: String]] = [:]
    /// For each labelled column, its values in order: code and Chinese label (staging.value_labels).
    var labels: [String: [(code: String, label: String)]] = [:]
    /// One row of each kind, in English and Chinese (staging.load_kinds), for messages naming another kind.
    var nouns: [String: (en: String, zh: String)] = [:]

    /// The column as the file's header wrote it (建筑面积 for floor_area_m2), for messages.
    func headerName(_ column: String) -> String {
        headerCells.first { file.kind.column(forHeader: $0)?.name == column } ?? column
    }

    init(file: LoadFile, catalog: TableCatalog, present: [String], headerCells: [String], sha256: String,
         rows: Int, structural: [Reject], structuralCells: [Int: [String?]], partlyStaged: [Int: [String]] = [:], delete: Bool = false) {
        self.structuralCells = structuralCells
        self.partlyStaged = partlyStaged
        self.file = file
        self.catalog = catalog
        self.present = present
        self.headerCells = headerCells
        rawTable = Staged.rawTable(file.kind)
        typedTable = Staged.typedTable(file.kind)
        self.sha256 = sha256
        summary = FileSummary(file: file.path, kind: file.kind.name, rows: rows)
        summary.isDelete = delete
        self.structural = structural
    }

    /// The raw table of a kind.
    static func rawTable(_ kind: LoadKind) -> SQLQuery { "pg_temp.\(ident: "raw_" + kind.name)" }

    /// The typed table of a kind.
    static func typedTable(_ kind: LoadKind) -> SQLQuery { "pg_temp.\(ident: "typed_" + kind.name)" }
}

extension LoadKind {
    /// The kind's ledger table, as SQL (`ledger."units"`).
    var ledgerTable: SQLQuery { "ledger.\(ident: name)" }
}

/// The columns a file's header names, in file order.
struct HeaderMapping {
    /// The header line.
    let line: Int
    /// The header's cells as read (nil for an empty one).
    let cells: [String?]
    /// The kind's columns the file has, in the kind's order.
    let present: [String]
    /// For each present column, the index of its cell in a row.
    let order: [Int]
    /// How many of the header's cells are named: the nameless cells after them (the trailing comma Excel
    /// leaves) are ignored, and a row's cells there must be empty (SPEC §3.1).
    let named: Int
}

/// One row's cells on their way into the raw table, and what was rejected before it.
private struct StagingRows {
    var rows = 0
    var structural: [Reject] = []
    var structuralCells: [Int: [String?]] = [:]
    var partlyStaged: [Int: [String]] = [:]
}

/// Why a row cannot be loaded as read, found before staging: its problems, and whether the row can still
/// be read (its cells line up with the header), so that it is staged without the bad cells and its other
/// cells are checked too.
struct StagingVerdict {
    /// Every problem found.
    var problems: [Reject]
    /// The row can be read: stage it, its bad cells (by their index in the row) left out.
    var readable: Bool
    /// The indexes of the cells left out.
    var badCells: Set<Int> = []
}

extension Loader {
    /// Shows a phase of a file's load (checking, writing) with its rows, on a terminal.
    func reportPhase(_ message: Message, _ file: Staged) {
        progress?(message.render(options.language, ["file": file.file.path, "rows": String(file.summary.rows)]))
    }
}

/// Staging: a file's header is checked, and its rows streamed with COPY into a temporary table of text
/// cells; rows that cannot be staged (misquoted, wrong cell count, a NUL, a bad key) are rejected here.
extension Loader {
    /// The most characters of a key or code cell (SPEC §3.1; any cell: CSVReader.maximumCellCharacters).
    public static let keyLimit = 200
    /// How many bytes of COPY data are sent at a time.
    static let copyChunkBytes = 1 << 20

    /// Opens a file: the reader checks it is a regular file and decides its encoding, which reads the
    /// whole file once (a workbook: reads its sheet list, styles and shared strings). Done before the
    /// load's transaction begins, so that pass is not idle time inside it (where --idle-timeout would count it).
    func openReader(_ file: LoadFile) throws -> RecordReader {
        if let format = file.legacyFormat {
            throw LoadError.badFile(Message.legacySpreadsheet.render(options.language, ["file": file.path, "format": format]))
        }
        do {
            if file.isWorkbook { return try XLSXReader(path: file.path, sheet: options.sheet) }
            return try CSVReader(path: file.path, encoding: options.encoding)
        } catch let error as CSVError {
            throw error.isDataError ? LoadError.badFile(error.text(options.language)) : LoadError.unreadable(error.text(options.language))
        }
    }

    /// Reads, checks and stages one file.
    func stage(_ file: LoadFile, _ reader: RecordReader) throws -> Staged {
        let started = Date()
        let catalog = try TableCatalog(table: file.kind.table, connection: connection)
        let header = try mapHeader(reader, file, catalog)
        let columns = header.present.map { "\(ident: $0) text" as SQLQuery }.joined(separator: ", ")
        try connection.execute(SQLQuery("CREATE TEMP TABLE \(ident: "raw_" + file.kind.name) (_line integer, \(columns)) ON COMMIT DROP"))
        let staged = try copyRows(reader, file, header, key: catalog.key)
        let done = Staged(file: file, catalog: catalog, present: header.present, headerCells: header.cells.prefix(header.named).map { $0 ?? "" },
                          sha256: reader.sha256(), rows: staged.rows, structural: staged.structural,
                          structuralCells: staged.structuralCells, partlyStaged: staged.partlyStaged, delete: options.delete)
        try readLabels(done)
        done.summary.seconds = Date().timeIntervalSince(started)
        return done
    }

    /// The labels of the kind's enumerated columns (migration 025), read once per file.
    private func readLabels(_ file: Staged) throws {
        let kind = file.file.kind.name
        for row in try connection.query(SQLQuery("""
            SELECT column_name, spelling, code FROM staging.value_spellings WHERE kind = \(kind, as: .text)
            """), { (column: try $0.decode("column_name", as: String.self), spelling: try $0.decode("spelling", as: String.self),
                    code: try $0.decode("code", as: String.self)) }) {
            file.spellings[row.column, default: [:]][row.spelling] = row.code
        }
        for row in try connection.query(SQLQuery("""
            SELECT column_name, code, label_zh FROM staging.value_labels WHERE kind = \(kind, as: .text) ORDER BY column_name, position
            """), { (column: try $0.decode("column_name", as: String.self), code: try $0.decode("code", as: String.self),
                    label: try $0.decode("label_zh", as: String.self)) }) {
            file.labels[row.column, default: []].append((row.code, row.label))
        }
        for row in try connection.query("SELECT kind, noun_en, noun_zh FROM staging.load_kinds", {
            (kind: try $0.decode("kind", as: String.self), en: try $0.decode("noun_en", as: String.self), zh: try $0.decode("noun_zh", as: String.self))
        }) {
            file.nouns[row.kind] = (row.en, row.zh)
        }
    }

    /// Maps the header's cells to the kind's columns (`_line` and `_reason`, written by --rejects, are
    /// ignored), refusing the file when a cell names no column, a column twice, or a required one is missing.
    private func mapHeader(_ reader: RecordReader, _ file: LoadFile, _ catalog: TableCatalog) throws -> HeaderMapping {
        let kind = file.kind
        guard let header = try readRecord(reader) else {
            throw LoadError.badFile(Message.fileEmpty.render(options.language, ["file": file.path, "columns": kind.expectedColumns(key: catalog.key)]))
        }
        let language = options.language
        var mapping: [Int: String] = [:]
        var problems: [String] = []
        // Empty cells at the end of the header are sheet debris (a trailing comma), not columns.
        let named = (header.cells.lastIndex { $0 != nil } ?? -1) + 1
        for (index, cell) in header.cells.prefix(named).enumerated() {
            guard let cell else {
                problems.append(Message.columnHasNoName.render(language, ["number": String(index + 1)]))
                continue
            }
            if cell == "_line" || cell == "_reason" { continue }
            guard let column = kind.column(forHeader: cell) else {
                // Shown escaped: a BOM, NUL or zero-width space in a header cell is otherwise invisible.
                problems.append(Message.unknownColumn.render(language, ["name": CellText.escapedForMessage(cell)]))
                continue
            }
            if mapping.values.contains(column.name) {
                problems.append(Message.columnTwice.render(language, ["name": cell]))
                continue
            }
            mapping[index] = column.name
        }
        // A delete load reads the key alone: its other columns (an office may send back the rows as loaded)
        // are ignored, neither required nor checked.
        let present = kind.columns.map(\.name).filter { mapping.values.contains($0) && (!options.delete || catalog.key.contains($0)) }
        let required = kind.columns.map(\.name).filter { name in
            catalog.key.contains(name) || (!options.delete && (catalog.column(name).map { $0.notNull && !$0.hasDefault } ?? false))
        }
        let missing = required.filter { !present.contains($0) }
        if !missing.isEmpty {
            let names = missing.map { name in kind.columns.first { $0.name == name }.map { "\(name) (\($0.alias))" } ?? name }
            problems.append((missing.count == 1 ? Message.missingColumn : .missingColumns).render(language, ["names": names.joined(separator: ", ")]))
        }
        if !problems.isEmpty {
            throw LoadError.badFile("\(file.path):\(header.line): \(problems.joined(separator: "; ")). "
                + Message.expectedColumns.render(language, ["columns": kind.expectedColumns(key: catalog.key)]))
        }
        return HeaderMapping(line: header.line, cells: header.cells, present: present,
                             order: present.map { name in mapping.first { $0.value == name }!.key }, named: named)
    }

    /// Streams the rows that can be staged into the raw table with COPY, and keeps the others as rejects.
    private func copyRows(_ reader: RecordReader, _ file: LoadFile, _ header: HeaderMapping, key: [String]) throws -> StagingRows {
        var staging = StagingRows()
        let codeColumns = file.kind.codeColumns(key: key)
        let limits = header.present.map { name in (name: name, isCode: codeColumns.contains(name)) }
        let reporter = ProgressReporter(path: file.path, reader: reader, language: options.language, report: progress)
        let columns = header.present.map { "\(ident: $0)" as SQLQuery }.joined(separator: ", ")
        try connection.copyIn(SQLQuery("COPY \(Staged.rawTable(file.kind)) (_line, \(columns)) FROM STDIN")) { writer in
            var out: [UInt8] = []
            out.reserveCapacity(Loader.copyChunkBytes)
            while let record = try readRecord(reader, keepingProblems: true) {
                staging.rows += 1
                if let verdict = Loader.stagingProblems(record, header: header, limits: limits, path: file.path, language: options.language) {
                    staging.structural.append(contentsOf: verdict.problems)
                    staging.structuralCells[record.line] = record.cells
                    guard verdict.readable else { continue }
                    // Staged without its bad cells, and kept out of the load (Loader.markPartlyStaged).
                    staging.partlyStaged[record.line] = header.order.indices.filter { verdict.badCells.contains(header.order[$0]) }.map { header.present[$0] }
                    Loader.appendCopyRow(record, order: header.order, leavingOut: verdict.badCells, to: &out)
                } else {
                    Loader.appendCopyRow(record, order: header.order, to: &out)
                }
                if out.count >= Loader.copyChunkBytes - 4096 {
                    try writer.write(out)
                    out.removeAll(keepingCapacity: true)
                    reporter.rowsSent(staging.rows)
                }
            }
            try writer.write(out)
        }
        return staging
    }

    /// Why a row cannot be loaded as read, or nil when it can be staged as it is: a problem the reader found
    /// (misquoted, too long, too many cells; the reader resumed at the next line), a wrong cell count, a
    /// totals row, a value under a nameless column, or bad cells. A row whose cells line up with the header
    /// is still read (StagingVerdict.readable), so its other cells are checked as well; a row with a wrong
    /// cell count cannot be, and a totals row is to be deleted whole (its sums are no row's values).
    static func stagingProblems(_ record: CSVRecord, header: HeaderMapping, limits: [(name: String, isCode: Bool)],
                                path: String, language: Language = .en) -> StagingVerdict? {
        var verdict = StagingVerdict(problems: [], readable: true)
        if let problem = record.problem {
            let column = problem.cellIndex.flatMap { $0 < header.cells.count ? header.cells[$0] : nil } ?? "row"
            let cut = { if case .cellTooLong = problem { return Message.cellCutInRejects.render(language, ["limit": String(CSVReader.maximumCellCharacters)]) } else { return "" } }()
            verdict.problems.append(Reject(file: path, line: record.line, column: column, reason: problem.text(language) + cut))
            if let index = problem.cellIndex { verdict.badCells.insert(index) } else { verdict.readable = false }
        }
        // Cells under the nameless trailing columns may be missing or empty, never filled.
        if record.cells.count < header.named || (record.cells.count > header.cells.count && record.cells[header.cells.count...].contains { $0 != nil }) {
            verdict.problems.append(Reject(file: path, line: record.line, column: "row",
                                           reason: Message.wrongCellCount.render(language, ["count": String(record.cells.count), "width": String(header.named)])))
            verdict.readable = false
            return verdict
        }
        if let total = record.cells.first(where: { $0.map(isTotalsLabel) ?? false }), let total {
            let index = record.cells.firstIndex { $0 == total }!
            let column = index < header.named ? header.cells[index] ?? "row" : "row"
            return StagingVerdict(problems: [Reject(file: path, line: record.line, column: column,
                                                    reason: Message.totalsRow.render(language, ["cell": CellText.escapedForMessage(total)]))],
                                  readable: false)
        }
        if let stray = record.cells.dropFirst(header.named).first(where: { $0 != nil }), let stray {
            verdict.problems.append(Reject(file: path, line: record.line, column: "row",
                                           reason: Message.valueUnderUnnamedColumn.render(language, ["cell": CellText.escapedForMessage(stray)])))
        }
        for problem in cellProblems(record, order: header.order, limits: limits, headerCells: header.cells, language: language)
        where !verdict.badCells.contains(problem.index) {
            verdict.problems.append(Reject(file: path, line: record.line, column: problem.column, reason: problem.reason))
            verdict.badCells.insert(problem.index)
        }
        return verdict.problems.isEmpty ? nil : verdict
    }

    /// What makes a row unfit to stage, cell by cell, named by the file's own header: a NUL character
    /// (PostgreSQL text cannot hold it), a key or code over 200 characters or with invisible characters
    /// in it. Every problem of the row is listed. (The reader refuses cells over 4,000 characters.)
    static func cellProblems(_ record: CSVRecord, order: [Int], limits: [(name: String, isCode: Bool)],
                             headerCells: [String?], language: Language = .en) -> [(index: Int, column: String, reason: String)] {
        var problems: [(index: Int, column: String, reason: String)] = []
        for (position, index) in order.enumerated() {
            guard let cell = record.cells[index], !cell.isEmpty else { continue }
            // Every cell of every row comes here, nearly all of them fine: the column's name and the quoted cell
            // (grapheme by grapheme) are only worked out for a problem.
            var column: String { headerCells[index] ?? limits[position].name }
            var shown: String { CellText.escapedForMessage(cell) }
            if cell.utf8.contains(0) {
                problems.append((index, column, Message.nulCharacter.render(language, ["cell": shown])))
            } else if limits[position].isCode {
                let length = cell.unicodeScalars.count
                if length > keyLimit {
                    problems.append((index, column, Message.keyTooLong.render(language, ["cell": shown, "length": String(length), "limit": String(keyLimit)])))
                } else if case let invisible = CellText.invisibleCharacters(in: cell), !invisible.isEmpty {
                    // Unicode's names are English: a Chinese message gives the code points alone.
                    let named = invisible.map { CellText.codePoint($0) + (language == .zh ? "" : $0.properties.name.map { " \($0)" } ?? "") }
                        .joined(separator: ", ")
                    problems.append((index, column, Message.invisibleCharacters.render(language, ["cell": shown, "named": named])))
                } else if isExcelExponent(cell) {
                    // Excel shows a long digit code as 3.20508E+11 and saves it so: the digits are gone.
                    problems.append((index, column, Message.codeExponent.render(language, ["cell": shown])))
                }
            }
        }
        return problems
    }

    /// Whether a cell is a number in Excel's scientific notation (`3.20508E+11`). Checked by hand, not with a
    /// Regex: it runs on every code cell of every row.
    static func isExcelExponent(_ cell: String) -> Bool {
        // Most codes hold no `E+`: settle them without copying the bytes.
        guard cell.utf8.contains(UInt8(ascii: "+")) else { return false }
        let bytes = Array(cell.utf8)
        guard let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }), e + 2 < bytes.count,
              bytes[e + 1] == UInt8(ascii: "+") else { return false }
        let digit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        var mantissa = bytes[..<e]
        if let first = mantissa.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { mantissa = mantissa.dropFirst() }
        let parts = mantissa.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return (parts.count == 1 || parts.count == 2) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(digit) }
            && bytes[(e + 2)...].allSatisfy(digit)
    }

    /// Whether a cell is the label of a totals row (合计, 总计, 小计; spaces inside ignored), which Excel
    /// sheets often end with: never loaded, never silently skipped (SPEC §3.1).
    static func isTotalsLabel(_ cell: String) -> Bool {
        // Every cell of every row comes here: settle the usual cell (no 计/計, or long) without building text.
        guard cell.utf8.count <= 24, cell.unicodeScalars.contains(where: { $0 == "计" || $0 == "計" }) else { return false }
        let word = String(cell.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)).trimmingCharacters(in: CharacterSet(charactersIn: ":："))
        return ["合计", "总计", "小计", "總計", "合計"].contains(word)
    }

    private func readRecord(_ reader: RecordReader, keepingProblems: Bool = false) throws -> CSVRecord? {
        do {
            return try keepingProblems ? reader.nextRecord() : reader.next()
        } catch let error as CSVError {
            throw LoadError.badFile(error.text(options.language))
        }
    }

    /// Appends a row in COPY text format: its line, then its cells in column order, tab-separated; the
    /// cells left out are NULL.
    static func appendCopyRow(_ record: CSVRecord, order: [Int], leavingOut: Set<Int> = [], to out: inout [UInt8]) {
        out.append(contentsOf: String(record.line).utf8)
        for index in order {
            out.append(0x09)
            appendCopyText(leavingOut.contains(index) ? nil : record.cells[index], to: &out)
        }
        out.append(0x0A)
    }

    /// Appends a cell in COPY text format: NULL as \N, and backslash, tab, newline, CR escaped.
    static func appendCopyText(_ cell: String?, to out: inout [UInt8]) {
        guard let cell else {
            out.append(contentsOf: [0x5C, 0x4E])
            return
        }
        // Nearly every cell has nothing to escape: copied whole.
        if !cell.utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            out.append(contentsOf: cell.utf8)
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

/// Reports a streaming file's progress at most twice a second, from its first second on.
private final class ProgressReporter {
    private let path: String
    private let reader: RecordReader
    private let report: ((String) -> Void)?
    private let language: Language
    private let started = Date()
    private var lastReport: Date

    init(path: String, reader: RecordReader, language: Language, report: ((String) -> Void)?) {
        self.path = path
        self.reader = reader
        self.language = language
        self.report = report
        lastReport = started
    }

    /// Called after a chunk is sent, with the rows read so far.
    func rowsSent(_ rows: Int) {
        let now = Date()
        guard let report, now.timeIntervalSince(lastReport) >= 0.5, now.timeIntervalSince(started) >= 1 else { return }
        lastReport = now
        let percent = reader.fileSize > 0 ? reader.bytesRead * 100 / reader.fileSize : 0
        let rate = Int(Double(rows) / now.timeIntervalSince(started))
        report(Message.phaseReading.render(language, ["file": path, "percent": String(percent), "rows": String(rows), "rate": String(rate)]))
    }
}
