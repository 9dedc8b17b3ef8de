#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The text encodings a load accepts.
public enum InputEncoding: String, Sendable, CaseIterable {
    /// Detect: a UTF-8 byte-order mark means UTF-8; otherwise the whole file is read once to weigh its UTF-8
    /// and its GB18030 reading (see `EncodingEvidence`); a file that does not read clearly as one is refused.
    case auto
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// GB18030, a superset of GBK and GB2312 (what Excel on Chinese Windows writes).
    case gb18030
}

/// Why a file could not be read (as CSV, or as a workbook): a catalogue message with its arguments, said in
/// English by `description` and in the user's language by `text(_:)`.
public struct CSVError: Error, CustomStringConvertible, Sendable {
    /// The message, nil for an error made from English text alone.
    public let message: Message?
    /// The message's arguments.
    public let arguments: [String: String]
    /// Arguments that are messages themselves (what a path is, the problem of a row), said in the same language.
    public let nested: [String: Said]
    /// Whether the file's content is at fault (exit 65) rather than the file out of reach (66).
    public let isDataError: Bool
    private let english: String?

    /// A message without arguments of its own, as an argument of another.
    public struct Said: Sendable {
        /// The message.
        public let message: Message
        /// Its arguments.
        public let arguments: [String: String]

        /// The message in a language.
        public func text(_ language: Language) -> String { message.render(language, arguments) }
    }

    /// An error said by a catalogue message.
    public init(_ message: Message, _ arguments: [String: String], nested: [String: Said] = [:], isDataError: Bool = false) {
        self.message = message
        self.arguments = arguments
        self.nested = nested
        self.isDataError = isDataError
        english = nil
    }

    /// An error said in English only (a program's own mistake, not a clerk's).
    public init(description: String) {
        message = nil
        arguments = [:]
        nested = [:]
        isDataError = false
        english = description
    }

    /// The file:line and what was wrong, in a language.
    public func text(_ language: Language) -> String {
        guard let message else { return english ?? "" }
        return message.render(language, arguments.merging(nested.mapValues { $0.text(language) }) { first, _ in first })
    }

    /// The file:line and what was wrong, in English.
    public var description: String { text(.en) }
}

/// Why one record could not be read cleanly. The reader goes on at the next line end outside quotes, so the
/// loader can reject just that row; the cells are returned as they were read.
public enum CSVRecordProblem: Sendable, Equatable, CustomStringConvertible {
    /// A quote mark inside a cell that does not start with one (`1"2`); the cell holds its text as written.
    case strayQuote(cellIndex: Int)
    /// Text after the closing quote of a quoted cell (`"1"x`); the cell holds its text as written, quotes included.
    case textAfterClosingQuote(cellIndex: Int)
    /// A cell longer than `CSVReader.maximumCellCharacters`; the cell holds its first characters and `…`.
    case cellTooLong(cellIndex: Int, characters: Int)
    /// More cells than `CSVReader.maximumCells`; the record holds the first ones.
    case tooManyCells(count: Int)

    /// The index (from 0) of the cell the problem is in, if it is in one cell.
    public var cellIndex: Int? {
        switch self {
        case .strayQuote(let index), .textAfterClosingQuote(let index), .cellTooLong(let index, _): index
        case .tooManyCells: nil
        }
    }

    /// What is wrong and what to do, as a catalogue message (the loader adds file, line and column).
    public var said: CSVError.Said {
        switch self {
        case .strayQuote: CSVError.Said(message: .strayQuote, arguments: [:])
        case .textAfterClosingQuote: CSVError.Said(message: .textAfterClosingQuote, arguments: [:])
        case .cellTooLong(_, let characters):
            CSVError.Said(message: .cellTooLong, arguments: ["count": String(characters), "limit": String(CSVReader.maximumCellCharacters)])
        case .tooManyCells(let count):
            CSVError.Said(message: .tooManyCells, arguments: ["count": String(count), "limit": String(CSVReader.maximumCells)])
        }
    }

    /// What is wrong and what to do, in a language.
    public func text(_ language: Language) -> String { said.text(language) }

    /// What is wrong and what to do, in English.
    public var description: String { text(.en) }
}

/// One CSV record: its cells (trimmed, empty → nil) and the physical line it starts on.
public struct CSVRecord: Sendable {
    /// The line the record starts on (the header is line 1).
    public let line: Int
    /// The cells, trimmed; an empty cell is nil.
    public let cells: [String?]
    /// The first problem found in the record, nil when it is well formed; a row with a problem must be rejected.
    public let problem: CSVRecordProblem?

    init(line: Int, cells: [String?], problem: CSVRecordProblem? = nil) {
        self.line = line
        self.cells = cells
        self.problem = problem
    }
}

/// Reads a CSV file as a stream of records: RFC 4180 quoting, CRLF, LF or CR line ends, cells trimmed,
/// UTF-8 or GB18030 input, in chunks — memory stays flat whatever the file's size (a cell is cut after
/// `maximumCellCharacters`, a record after `maximumCells`).
public final class CSVReader {
    /// The most characters (Unicode scalars, as PostgreSQL counts them) a cell may have (SPEC §3.1).
    public static let maximumCellCharacters = 4_000
    /// The most cells a record may have.
    public static let maximumCells = 1_000

    private let file: InputFile
    private let path: String
    /// The encoding in use after detection.
    public private(set) var encoding: InputEncoding
    private var converter: GB18030Converter?
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEOF = false
    private var line = 1
    private var hash = SHA256()
    private var cell = CellBytes()
    /// Bytes of the file read so far (for progress).
    public private(set) var bytesRead: Int = 0
    /// The file's size in bytes.
    public let fileSize: Int
    private var firstChunk = true
    private static let chunkSize = 1 << 20

    /// Opens a regular file (a directory, device or FIFO is refused); `.auto` decides when reading starts.
    public init(path: String, encoding: InputEncoding) throws {
        self.path = path
        file = try InputFile(path: path)
        fileSize = file.size
        self.encoding = encoding
    }

    /// The SHA-256 of the file's bytes; complete once every record has been read.
    public func sha256() -> String {
        var copy = hash
        return copy.finalize()
    }

    /// Reads more bytes into the buffer (converted to UTF-8); false at end of file.
    private func fill() throws -> Bool {
        if atEOF { return false }
        var bytes = try file.read(CSVReader.chunkSize)
        if bytes.isEmpty {
            atEOF = true
            if let converter { try converter.finish(path: path) }
            return false
        }
        bytesRead += bytes.count
        bytes.withUnsafeBytes { hash.update($0) }
        if firstChunk {
            firstChunk = false
            try chooseEncoding(&bytes)
        }
        if let converter { bytes = try converter.convert(bytes, path: path) }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
        return true
    }

    /// Settles the encoding from the first chunk (and, for `.auto` without a byte-order mark, a pass over the
    /// whole file) and drops a byte-order mark.
    private func chooseEncoding(_ bytes: inout [UInt8]) throws {
        let gb18030BOM: [UInt8] = [0x84, 0x31, 0x95, 0x33]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            if encoding == .gb18030 {
                throw CSVError(.bomButGB18030, ["file": path])
            }
            encoding = .utf8
            bytes.removeFirst(3)
        } else if encoding == .auto {
            encoding = bytes.starts(with: gb18030BOM) ? .gb18030 : try detectEncoding(firstChunk: bytes)
        }
        if encoding == .gb18030 {
            if bytes.starts(with: gb18030BOM) { bytes.removeFirst(4) }
            converter = try GB18030Converter(path: path)
        }
    }

    /// Reads the whole file once (without moving the read position) and weighs its two readings.
    private func detectEncoding(firstChunk: [UInt8]) throws -> InputEncoding {
        var evidence = EncodingEvidence()
        evidence.feed(firstChunk)
        var offset = firstChunk.count
        while !evidence.neitherReadingWorks {
            let more = try file.read(CSVReader.chunkSize, at: offset)
            if more.isEmpty { break }
            evidence.feed(more)
            offset += more.count
        }
        evidence.finish()
        return try evidence.decide(path: path)
    }

    /// The next record, or nil at the end of the file; a record with a problem (`CSVRecord.problem`) is
    /// returned like any other, for the caller to reject it and read on. Blank lines are skipped.
    public func nextRecord() throws -> CSVRecord? {
        while true {
            guard let record = try nextRaw() else { return nil }
            if record.blank { continue }
            return CSVRecord(line: record.line, cells: record.cells, problem: record.problem)
        }
    }

    /// The next well-formed record, or nil at the end of the file; a record with a problem is thrown as a
    /// `CSVError` naming its line (for callers that do not look at `CSVRecord.problem`). Blank lines are skipped.
    public func next() throws -> CSVRecord? {
        guard let record = try nextRecord() else { return nil }
        if let problem = record.problem {
            throw CSVError.rowProblem(path, line: record.line, column: problem.cellIndex.map { String($0 + 1) }, problem)
        }
        return record
    }

    /// Where the reader is within the current cell.
    private enum CellState {
        /// Nothing but spaces or tabs yet: a quote here opens a quoted cell.
        case start
        /// Unquoted text.
        case unquoted
        /// Inside quotes: commas and line ends are data.
        case inQuotes
        /// After the closing quote: only spaces or tabs may follow before the comma or line end.
        case afterQuotes
        /// After a quoting problem: the rest of the cell is taken literally, up to the comma or line end.
        case literal
    }

    private func nextRaw() throws -> (line: Int, cells: [String?], blank: Bool, problem: CSVRecordProblem?)? {
        if position >= buffer.count { guard try fill() else { return nil } }
        let startLine = line
        var cells: [String?] = []
        var cellCount = 0
        var problem: CSVRecordProblem?
        var state = CellState.start
        var cellLine = line
        var closedAt = 0
        var afterCR = false
        var sawAnything = false
        // The cell's buffer is kept between records, so its capacity is reused.
        var cell = self.cell
        self.cell = CellBytes()
        cell.reset()
        defer { self.cell = cell }

        // Ends the current cell: keeps it unless the record already has `maximumCells`.
        func endCell() throws {
            if cellCount < CSVReader.maximumCells {
                if cell.characters > CSVReader.maximumCellCharacters && problem == nil {
                    problem = .cellTooLong(cellIndex: cellCount, characters: cell.characters)
                }
                cells.append(try finishCell(cell, line: cellLine))
            }
            cellCount += 1
            cell.reset()
            state = .start
            cellLine = line
        }
        func note(_ found: CSVRecordProblem) {
            if problem == nil && cellCount < CSVReader.maximumCells { problem = found }
        }
        func record() -> (line: Int, cells: [String?], blank: Bool, problem: CSVRecordProblem?) {
            if problem == nil && cellCount > CSVReader.maximumCells { problem = .tooManyCells(count: cellCount) }
            return (startLine, cells, !sawAnything && cellCount == 1, problem)
        }

        while true {
            if position >= buffer.count {
                guard try fill() else {
                    if state == .inQuotes {
                        throw CSVError(.quoteNeverClosed, ["file": path, "line": String(cellLine)], isDataError: true)
                    }
                    try endCell()
                    return record()
                }
            }
            // Bytes that are not quotes, line ends (or, outside quotes, commas) are taken as a run.
            let run = plainRun(inQuotes: state == .inQuotes)
            if run.end > position {
                if run.nonBlank && state != .inQuotes {
                    sawAnything = true
                    switch state {
                    case .start: state = .unquoted
                    case .afterQuotes:
                        note(.textAfterClosingQuote(cellIndex: cellCount))
                        cell.requote(closedAt: closedAt)
                        state = .literal
                    case .unquoted, .inQuotes, .literal: break
                    }
                }
                cell.append(buffer[position..<run.end], characters: run.characters)
                position = run.end
                afterCR = false
                continue
            }
            let byte = buffer[position]
            position += 1
            if state == .inQuotes {
                switch byte {
                case UInt8(ascii: "\""):
                    if position >= buffer.count { _ = try fill() }
                    if position < buffer.count && buffer[position] == UInt8(ascii: "\"") {
                        cell.append(byte)
                        position += 1
                    } else {
                        state = .afterQuotes
                        closedAt = cell.bytes.count
                    }
                    afterCR = false
                case 0x0D:
                    line += 1
                    cell.append(byte)
                    afterCR = true
                default:
                    // LF: one line end with a CR just before it.
                    if !afterCR { line += 1 }
                    cell.append(byte)
                    afterCR = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                try endCell()
                sawAnything = true
            case 0x0A:
                line += 1
                try endCell()
                return record()
            case 0x0D:
                // CR ends a line on its own (old Excel for Mac) or as part of CRLF.
                line += 1
                if position >= buffer.count { _ = try fill() }
                if position < buffer.count && buffer[position] == 0x0A { position += 1 }
                try endCell()
                return record()
            default:
                // A quote.
                switch state {
                case .start:
                    // A quote opens a quoted cell only at its start (spaces before it allowed).
                    cell.reset()
                    state = .inQuotes
                    cellLine = line
                    sawAnything = true
                case .unquoted:
                    note(.strayQuote(cellIndex: cellCount))
                    cell.append(byte)
                    state = .literal
                case .afterQuotes:
                    note(.textAfterClosingQuote(cellIndex: cellCount))
                    cell.requote(closedAt: closedAt)
                    cell.append(byte)
                    state = .literal
                case .inQuotes, .literal:
                    cell.append(byte)
                }
            }
        }
    }

    /// Where the run of plain bytes from `position` ends (at a quote or line end, or outside quotes a comma,
    /// or the end of the buffer), with its characters and whether it has anything but spaces and tabs.
    private func plainRun(inQuotes: Bool) -> (end: Int, characters: Int, nonBlank: Bool) {
        buffer.withUnsafeBufferPointer { bytes in
            var index = position
            var characters = 0
            var nonBlank = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 || byte == 0x0A || byte == 0x0D || (byte == 0x2C && !inQuotes) { break }
                if byte & 0xC0 != 0x80 { characters += 1 }
                if byte != 0x20 && byte != 0x09 { nonBlank = true }
                index += 1
            }
            return (index, characters, nonBlank)
        }
    }

    /// The current cell as text: trimmed, nil when empty, `…` after a cell cut at the limit.
    private func finishCell(_ cell: CellBytes, line: Int) throws -> String? {
        // Trim at the byte level (Foundation's trimming is slow on millions of cells): ASCII white space,
        // NBSP (C2 A0) and the full-width space U+3000 (E3 80 80) that Chinese Excel users type.
        let bytes = cell.bytes
        var start = 0
        var end = bytes.count
        while start < end {
            if bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0D || bytes[start] == 0x0A {
                start += 1
            } else if end - start >= 2 && bytes[start] == 0xC2 && bytes[start + 1] == 0xA0 {
                start += 2
            } else if end - start >= 3 && bytes[start] == 0xE3 && bytes[start + 1] == 0x80 && bytes[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            if bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D || bytes[end - 1] == 0x0A {
                end -= 1
            } else if end - start >= 2 && bytes[end - 2] == 0xC2 && bytes[end - 1] == 0xA0 {
                end -= 2
            } else if end - start >= 3 && bytes[end - 3] == 0xE3 && bytes[end - 2] == 0x80 && bytes[end - 1] == 0x80 {
                end -= 3
            } else {
                break
            }
        }
        let cut = cell.characters > CSVReader.maximumCellCharacters
        if start == end && !cut { return nil }
        guard let text = String(validating: bytes[start..<end], as: UTF8.self) else {
            throw CSVError(.notUTF8, ["file": path, "line": String(line)], isDataError: true)
        }
        return cut ? text + "…" : text
    }
}

/// The bytes of the cell being read, kept up to `CSVReader.maximumCellCharacters` characters; the
/// characters beyond are counted, not kept, so an endless cell costs no memory.
struct CellBytes {
    private(set) var bytes: [UInt8] = []
    /// Characters (Unicode scalars) seen, those cut off included.
    private(set) var characters = 0
    private var keeping = true

    mutating func append(_ byte: UInt8) {
        if byte & 0xC0 != 0x80 {
            characters += 1
            keeping = characters <= CSVReader.maximumCellCharacters
        }
        if keeping { bytes.append(byte) }
    }

    /// Appends a run of bytes holding `count` characters (no character is cut at either end of the run,
    /// except where the buffer ends, which `append` handles byte by byte as well).
    mutating func append(_ run: ArraySlice<UInt8>, characters count: Int) {
        if characters + count <= CSVReader.maximumCellCharacters {
            bytes.append(contentsOf: run)
            characters += count
        } else {
            for byte in run { append(byte) }
        }
    }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        characters = 0
        keeping = true
    }

    /// Rewrites a quoted cell as it was written in the file: the quotes back around its first `closedAt`
    /// bytes (with their quotes doubled), then what followed the closing quote.
    mutating func requote(closedAt: Int) {
        let content = bytes[..<closedAt]
        let after = bytes[closedAt...]
        let written = characters + 2 + content.count(where: { $0 == UInt8(ascii: "\"") })
        var rebuilt: [UInt8] = [UInt8(ascii: "\"")]
        for byte in content {
            rebuilt.append(byte)
            if byte == UInt8(ascii: "\"") { rebuilt.append(byte) }
        }
        rebuilt.append(UInt8(ascii: "\""))
        rebuilt.append(contentsOf: after)
        reset()
        for byte in rebuilt { append(byte) }
        characters = max(characters, written)
    }
}

/// Counts physical lines as the reader does: LF, CRLF and a lone CR each end one.
struct LineCounter {
    /// The line the next byte is on.
    private(set) var line = 1
    private var afterCR = false

    mutating func advance(_ byte: UInt8) {
        if byte == 0x0A {
            if !afterCR { line += 1 }
            afterCR = false
        } else if byte == 0x0D {
            line += 1
            afterCR = true
        } else {
            afterCR = false
        }
    }

    mutating func advance<Bytes: Sequence>(over bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { advance(byte) }
    }
}

extension CSVError {
    /// A row's problem where it stops a reader (a header row): FILE:LINE, its column if it is in one, what to do.
    static func rowProblem(_ path: String, line: Int, column: String?, _ problem: CSVRecordProblem) -> CSVError {
        guard let column else { return CSVError(.rowProblem, ["file": path, "line": String(line)], nested: ["problem": problem.said], isDataError: true) }
        return CSVError(.headerProblem, ["file": path, "line": String(line), "column": column], nested: ["problem": problem.said], isDataError: true)
    }
}

/// A regular file opened with POSIX calls, so that every failure is a `CSVError`, never a trap.
final class InputFile {
    private let descriptor: Int32
    private let path: String
    private var offset = 0
    /// The size in bytes when opened.
    let size: Int

    init(path: String) throws {
        self.path = path
        // Checked before opening: opening a FIFO would block, and reading a directory fails.
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CSVError(.cannotOpen, ["file": path, "reason": InputFile.reason(errno)])
        }
        try InputFile.requireRegular(info, path: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError(.cannotOpen, ["file": path, "reason": InputFile.reason(errno)])
        }
        // Checked again on what was opened: the path may have changed in between.
        var opened = stat()
        if fstat(descriptor, &opened) != 0 {
            let error = errno
            close(descriptor)
            throw CSVError(.cannotOpen, ["file": path, "reason": InputFile.reason(error)])
        }
        do {
            try InputFile.requireRegular(opened, path: path)
        } catch {
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        size = Int(opened.st_size)
    }

    deinit { close(descriptor) }

    private static func requireRegular(_ info: stat, path: String) throws {
        let kind: Message
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = .isDirectory
        case S_IFCHR, S_IFBLK: kind = .isDevice
        case S_IFIFO: kind = .isPipe
        case S_IFSOCK: kind = .isSocket
        default: kind = .isNotAFile
        }
        throw CSVError(.notRegularFile, ["file": path], nested: ["what": CSVError.Said(message: kind, arguments: [:])])
    }

    private static func reason(_ error: Int32) -> String {
        String(cString: strerror(error))
    }

    /// Up to `count` bytes from the read position, which moves past them (fewer only at the end of the file).
    func read(_ count: Int) throws -> [UInt8] {
        let bytes = try read(count, at: offset)
        offset += bytes.count
        return bytes
    }

    /// Up to `count` bytes from `offset` (fewer at the end of the file, or when it has grown since it was
    /// opened); the read position stays.
    func read(_ count: Int, at offset: Int) throws -> [UInt8] {
        // Sized by what the file holds, so that a small file costs no megabyte buffer.
        let count = min(count, max(size - offset, 0) + 1)
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw CSVError(.readFailed, ["file": path, "reason": InputFile.reason(errno)])
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(count - filled)
        return bytes
    }
}

/// Evidence for `--encoding auto`, gathered in one streaming pass over the whole file (memory stays flat):
/// whether the bytes are valid UTF-8 and valid GB18030, and what each reading yields — characters Chinese text
/// uses (Han, CJK and full-width punctuation, the common symbols) or others (Latin-1 symbols and accents such as
/// `¥ Â ¨ Ã`, rare GBK extension characters, …).
///
/// The rule (SPEC §3.1: never silently mis-decode):
/// - valid UTF-8 whose non-ASCII characters are all Chinese text (or a pure ASCII file) is UTF-8, unless its
///   GB18030 reading is valid and Chinese text too: then the reading made only of common hanzi (GB2312 level 1,
///   `CommonHanzi`) wins when the other is not, and the file is refused as ambiguous otherwise;
/// - valid UTF-8 with other characters is UTF-8 unless its GB18030 reading is Chinese text: then it is
///   GB18030 when the UTF-8 reading has no Chinese at all (`A楼` written by Excel in GB18030 is the bytes
///   41 C2 A5, which read as UTF-8 `A¥`), and refused as ambiguous when both readings have Chinese;
/// - invalid UTF-8 is GB18030 when its GB18030 reading is valid and mostly Chinese text, else refused;
/// - a refusal names a line: where the reading that gets further fails, or, when both readings are valid,
///   the first line where they differ; it asks for `--encoding utf8` or `--encoding gb18030`, or for a
///   file saved as UTF-8.
struct EncodingEvidence {
    private var lines = LineCounter()

    // The UTF-8 reading.
    private var utf8Valid = true
    private var utf8BadLine = 0
    private var utf8Chinese = 0
    private var utf8Other = 0
    private var utf8FirstOtherLine = 0
    private var firstNonASCIILine = 0
    /// UTF-8 characters that are common hanzi or punctuation (GB2312 level 1 and symbol rows), counted while
    /// the GB18030 reading is still valid (only then can the two readings compete).
    private var utf8CommonCount = 0
    private let common = CommonHanzi()
    private var utf8Need = 0
    private var utf8Low: UInt8 = 0x80
    private var utf8High: UInt8 = 0xBF
    private var utf8Scalar: UInt32 = 0

    // The GB18030 reading.
    private var gbValid = true
    private var gbBadLine = 0
    private var gbChinese = 0
    private var gbOther = 0
    private var gbCommonCount = 0
    private var gbHeld = 0
    private var gbBytes: (UInt8, UInt8, UInt8) = (0, 0, 0)

    /// True once neither reading can be right, so the rest of the file need not be read.
    var neitherReadingWorks: Bool { !utf8Valid && !gbValid }

    mutating func feed(_ bytes: [UInt8]) {
        for byte in bytes {
            if byte < 0x80 && utf8Need == 0 && gbHeld == 0 {
                lines.advance(byte)
                continue
            }
            if firstNonASCIILine == 0 && byte >= 0x80 { firstNonASCIILine = lines.line }
            if utf8Valid { utf8Step(byte) }
            if gbValid { gbStep(byte) }
            lines.advance(byte)
            if neitherReadingWorks { return }
        }
    }

    /// Marks a character cut off by the end of the file.
    mutating func finish() {
        if utf8Valid && utf8Need > 0 { utf8Fail() }
        if gbValid && gbHeld > 0 { gbFail() }
    }

    private mutating func utf8Fail() {
        utf8Valid = false
        utf8Need = 0
        utf8BadLine = lines.line
    }

    private mutating func utf8Step(_ byte: UInt8) {
        if utf8Need > 0 {
            guard byte >= utf8Low && byte <= utf8High else { return utf8Fail() }
            utf8Scalar = utf8Scalar << 6 | UInt32(byte & 0x3F)
            utf8Need -= 1
            utf8Low = 0x80
            utf8High = 0xBF
            if utf8Need == 0 {
                if EncodingEvidence.isChineseText(utf8Scalar) {
                    utf8Chinese += 1
                    if gbValid, let scalar = Unicode.Scalar(utf8Scalar), common.contains(scalar) { utf8CommonCount += 1 }
                } else {
                    if utf8Other == 0 { utf8FirstOtherLine = lines.line }
                    utf8Other += 1
                }
            }
            return
        }
        switch byte {
        case 0x00...0x7F: return
        case 0xC2...0xDF: utf8Need = 1; utf8Scalar = UInt32(byte & 0x1F)
        case 0xE0: utf8Need = 2; utf8Scalar = 0; utf8Low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: utf8Need = 2; utf8Scalar = UInt32(byte & 0x0F)
        case 0xED: utf8Need = 2; utf8Scalar = 0x0D; utf8High = 0x9F
        case 0xF0: utf8Need = 3; utf8Scalar = 0; utf8Low = 0x90
        case 0xF1...0xF3: utf8Need = 3; utf8Scalar = UInt32(byte & 0x07)
        case 0xF4: utf8Need = 3; utf8Scalar = 4; utf8High = 0x8F
        default: utf8Fail()
        }
    }

    /// Characters Chinese text uses: CJK ideographs, radicals, kana and punctuation, full-width forms, and the
    /// punctuation and symbols of GB2312's first rows (dashes, quotes, …, ‰, ℃, №, Ⅰ, ①, arrows, maths, ■ ★).
    static func isChineseText(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x2010...0x2027, 0x2030...0x205E, 0x2100...0x22FF, 0x2460...0x26FF: true
        case 0x2E80...0x9FFF, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFFEF, 0x20000...0x3FFFF: true
        default: false
        }
    }

    private mutating func gbFail() {
        gbValid = false
        gbHeld = 0
        gbBadLine = lines.line
    }

    private mutating func gbStep(_ byte: UInt8) {
        switch gbHeld {
        case 0:
            switch byte {
            case 0x00...0x7F: return
            case 0x81...0xFE: gbBytes.0 = byte; gbHeld = 1
            default: gbFail()
            }
        case 1:
            switch byte {
            case 0x40...0x7E, 0x80...0xFE:
                gbHeld = 0
                if EncodingEvidence.isChineseText(lead: gbBytes.0, trail: byte) { gbChinese += 1 } else { gbOther += 1 }
                if CommonHanzi.isCommon(lead: gbBytes.0, trail: byte) { gbCommonCount += 1 }
            case 0x30...0x39: gbBytes.1 = byte; gbHeld = 2
            default: gbFail()
            }
        case 2:
            guard (0x81...0xFE).contains(byte) else { return gbFail() }
            gbBytes.2 = byte
            gbHeld = 3
        default:
            guard (0x30...0x39).contains(byte) else { return gbFail() }
            gbHeld = 0
            // Four-byte codes: BMP characters outside GBK, and U+10000 on. The gaps are those glibc's iconv refuses.
            let linear = ((Int(gbBytes.0) - 0x81) * 10 + Int(gbBytes.1) - 0x30) * 1260 + (Int(gbBytes.2) - 0x81) * 10 + Int(byte) - 0x30
            switch linear {
            case 19057...19064, 39076...39085: gbFail()
            case 0...39419, 189000...1237575: gbOther += 1
            default: gbFail()
            }
        }
    }

    /// Two-byte GB18030 codes Chinese text uses: GB2312's hanzi (B0–F7 × A1–FE) and its rows of punctuation,
    /// numerals and full-width forms (A1–A3 × A1–FE). GBK's extension hanzi, the other symbol rows and the
    /// user-defined areas count as other (Latin-1 text misread as GB18030 lands there).
    static func isChineseText(lead: UInt8, trail: UInt8) -> Bool {
        trail >= 0xA1 && trail <= 0xFE && ((lead >= 0xB0 && lead <= 0xF7) || (lead >= 0xA1 && lead <= 0xA3))
    }

    /// The encoding the evidence supports, or a `CSVError` asking for `--encoding`.
    func decide(path: String) throws -> InputEncoding {
        let gbIsChinese = gbValid && gbChinese > 0 && gbOther * 4 <= gbChinese
        if utf8Valid {
            // Pure ASCII, or every non-ASCII character is Chinese text — unless the GB18030 reading is Chinese
            // text as well: GB18030 hanzi can form valid UTF-8 hanzi (涓颁浮 is the bytes of UTF-8 丰両), and
            // which of two Chinese readings is the file's own cannot be told from the bytes.
            if utf8Other == 0 && !(gbIsChinese && utf8Chinese > 0) { return .utf8 }
            // Both readings are Chinese text: the one made of common hanzi (GB2312's first level, where almost
            // all Chinese text lies) is the file's own, when only one is.
            let utf8Common = utf8CommonCount == utf8Chinese, gbCommon = gbCommonCount == gbChinese
            if utf8Other == 0 && utf8Common && !gbCommon { return .utf8 }
            if utf8Other == 0 && gbCommon && !utf8Common { return .gb18030 }
            if utf8Other == 0 {
                throw CSVError(.encodingBothChinese, ["file": path, "line": String(firstNonASCIILine)], isDataError: true)
            }
            // Accents or symbols in UTF-8, and the GB18030 reading is not Chinese text.
            if !gbIsChinese { return .utf8 }
            // Only the GB18030 reading is Chinese: `A楼` in GB18030 reads as `A¥` in UTF-8.
            if utf8Chinese == 0 { return .gb18030 }
            throw CSVError(.encodingReadingsDiffer, ["file": path, "line": String(utf8FirstOtherLine)], isDataError: true)
        }
        if gbIsChinese { return .gb18030 }
        if gbValid {
            throw CSVError(.encodingNotChineseGB, ["file": path, "line": String(utf8BadLine)], isDataError: true)
        }
        // The reading that got further is likely the file's own: name the line where it fails.
        let (line, reading) = gbBadLine > utf8BadLine ? (gbBadLine, "GB18030") : (utf8BadLine, "UTF-8")
        throw CSVError(.encodingNeither, ["file": path, "line": String(line), "reading": reading], isDataError: true)
    }
}

/// GB18030 → UTF-8 with iconv, carrying an incomplete multi-byte sequence over to the next chunk, and
/// counting lines so that a bad byte is reported on its own line.
final class GB18030Converter {
    private let descriptor: iconv_t
    private var carry: [UInt8] = []
    private var lines = LineCounter()

    init(path: String) throws {
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw CSVError(.noGB18030Converter, ["file": path])
        }
        descriptor = cd
    }

    deinit { iconv_close(descriptor) }

    func convert(_ input: [UInt8], path: String) throws -> [UInt8] {
        var source = carry.isEmpty ? input : carry + input
        carry.removeAll()
        var output = [UInt8](repeating: 0, count: source.count * 2 + 16)
        var inLeft = source.count
        var outLeft = output.count
        var failed = false
        let consumed: Int = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                let result = iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft)
                failed = result == -1 && errno != EINVAL
                return src.count - inLeft
            }
        }
        // Bytes of a GB18030 character are never CR or LF, so counting the consumed bytes counts lines.
        lines.advance(over: source[..<consumed])
        if failed {
            throw CSVError(.notGB18030, ["file": path, "line": String(lines.line)], isDataError: true)
        }
        if inLeft > 0 { carry = Array(source[consumed...]) }
        source.removeAll()
        output.removeLast(outLeft)
        return output
    }

    func finish(path: String) throws {
        if !carry.isEmpty {
            throw CSVError(.gb18030Truncated, ["file": path, "line": String(lines.line)], isDataError: true)
        }
    }
}

/// Common Chinese characters: GB2312's symbol rows (A1–A3) and its first level of hanzi (B0–D7), the 3,755
/// characters almost all Chinese text is written with. Used only to choose between two readings that are
/// both Chinese text; the UTF-8 side asks iconv for a character's GB2312 code.
final class CommonHanzi {
    private var descriptor: iconv_t?

    deinit { if let descriptor { iconv_close(descriptor) } }

    /// Whether a GB2312 two-byte code is common.
    static func isCommon(lead: UInt8, trail: UInt8) -> Bool {
        trail >= 0xA1 && trail <= 0xFE && ((lead >= 0xB0 && lead <= 0xD7) || (lead >= 0xA1 && lead <= 0xA3))
    }

    /// Whether a character is common (its GB2312 code is).
    func contains(_ scalar: Unicode.Scalar) -> Bool {
        if descriptor == nil {
            guard let opened = iconv_open("GB2312", "UTF-8"), opened != iconv_t(bitPattern: -1) else { return false }
            descriptor = opened
        }
        var input = Array(String(scalar).utf8)
        var output = [UInt8](repeating: 0, count: 8)
        var inLeft = input.count, outLeft = output.count
        let converted = input.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                return iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft)
            }
        }
        // Reset the converter's state after a failure.
        iconv(descriptor, nil, nil, nil, nil)
        return converted != -1 && output.count - outLeft == 2 && CommonHanzi.isCommon(lead: output[0], trail: output[1])
    }
}
