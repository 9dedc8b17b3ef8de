#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The text encodings a load accepts.
public enum InputEncoding: String, Sendable, CaseIterable {
    /// Detect: UTF-8 (with or without BOM) when the start of the file is valid UTF-8, else GB18030.
    case auto
    /// UTF-8, with or without a byte-order mark.
    case utf8
    /// GB18030, a superset of GBK and GB2312 (what Excel on Chinese Windows writes).
    case gb18030
}

/// Why a file could not be read as CSV.
public struct CSVError: Error, CustomStringConvertible, Sendable {
    /// The file:line and what was wrong.
    public let description: String
}

/// One CSV record: its cells (trimmed, empty → nil) and the physical line it starts on.
public struct CSVRecord: Sendable {
    /// The line the record starts on (the header is line 1).
    public let line: Int
    /// The cells, trimmed; an empty cell is nil.
    public let cells: [String?]
}

/// Reads a CSV file as a stream of records: RFC 4180 quoting, CRLF or LF line ends, cells trimmed,
/// UTF-8 or GB18030 input, in chunks — memory stays flat whatever the file's size.
public final class CSVReader {
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
    /// Bytes of the file read so far (for progress).
    public private(set) var bytesRead: Int = 0
    /// The file's size in bytes.
    public let fileSize: Int
    private var firstChunk = true
    private static let chunkSize = 1 << 20

    /// Opens a regular file (a directory, device or FIFO is refused); `encoding` `.auto` looks at the first megabyte.
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
            if let converter { try converter.finish(line: line, path: path) }
            return false
        }
        bytesRead += bytes.count
        bytes.withUnsafeBytes { hash.update($0) }
        if firstChunk {
            firstChunk = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                if encoding == .gb18030 {
                    throw CSVError(description: "\(path): the file starts with a UTF-8 byte-order mark but --encoding gb18030 was given; use --encoding utf8 or auto")
                }
                encoding = .utf8
                bytes.removeFirst(3)
            } else if encoding == .auto {
                encoding = UTF8Check.isValidPrefix(bytes, complete: bytes.count < CSVReader.chunkSize) ? .utf8 : .gb18030
            }
            if encoding == .gb18030 { converter = try GB18030Converter(path: path) }
        }
        if let converter { bytes = try converter.convert(bytes, line: line, path: path) }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
        return true
    }

    /// The next record, or nil at the end of the file. Lines with no cells at all (blank lines) are skipped.
    public func next() throws -> CSVRecord? {
        while true {
            guard let record = try nextRaw() else { return nil }
            if record.cells.count == 1 && record.cells[0] == nil && record.blank { continue }
            return CSVRecord(line: record.line, cells: record.cells)
        }
    }

    private func nextRaw() throws -> (line: Int, cells: [String?], blank: Bool)? {
        if position >= buffer.count { guard try fill() else { return nil } }
        let startLine = line
        var cells: [String?] = []
        var cell: [UInt8] = []
        var quoted = false
        var inQuotes = false
        var sawAnything = false
        while true {
            if position >= buffer.count {
                guard try fill() else {
                    if inQuotes {
                        throw CSVError(description: "\(path):\(startLine): a quoted cell opened on this line is never closed; check the quote marks")
                    }
                    cells.append(try finishCell(cell, quoted: quoted, line: startLine))
                    return (startLine, cells, !sawAnything)
                }
            }
            let byte = buffer[position]
            position += 1
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if position >= buffer.count { _ = try fill() }
                    if position < buffer.count && buffer[position] == UInt8(ascii: "\"") {
                        cell.append(byte)
                        position += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    cell.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                cells.append(try finishCell(cell, quoted: quoted, line: startLine))
                cell.removeAll(keepingCapacity: true)
                quoted = false
                sawAnything = true
            case UInt8(ascii: "\n"):
                line += 1
                if cell.last == UInt8(ascii: "\r") { cell.removeLast() }
                cells.append(try finishCell(cell, quoted: quoted, line: startLine))
                return (startLine, cells, !sawAnything && !quoted && cells.count == 1)
            case UInt8(ascii: "\""):
                // A quote opens a quoted cell only at its start (spaces before it allowed); elsewhere it is text.
                if cell.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !quoted {
                    cell.removeAll(keepingCapacity: true)
                    quoted = true
                    inQuotes = true
                    sawAnything = true
                } else {
                    cell.append(byte)
                }
            default:
                cell.append(byte)
                if byte != 0x20 && byte != 0x09 && byte != 0x0D { sawAnything = true }
            }
        }
    }

    private func finishCell(_ bytes: [UInt8], quoted: Bool, line: Int) throws -> String? {
        // Trim at the byte level (Foundation's trimming is slow on millions of cells): ASCII white space,
        // NBSP (C2 A0) and the full-width space U+3000 (E3 80 80) that Chinese Excel users type.
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
        if start == end { return nil }
        guard let text = String(validating: bytes[start..<end], as: UTF8.self) else {
            throw CSVError(description: "\(path):\(line): the text is not valid UTF-8; if the file came from Excel on Chinese Windows, load it with --encoding gb18030")
        }
        return text
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
            throw CSVError(description: "\(path): cannot open the file for reading (\(InputFile.reason(errno)))")
        }
        try InputFile.requireRegular(info, path: path)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVError(description: "\(path): cannot open the file for reading (\(InputFile.reason(errno)))")
        }
        // Checked again on what was opened: the path may have changed in between.
        var opened = stat()
        if fstat(descriptor, &opened) != 0 {
            let error = errno
            close(descriptor)
            throw CSVError(description: "\(path): cannot open the file for reading (\(InputFile.reason(error)))")
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
        let kind: String
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: kind = "a directory"
        case S_IFCHR, S_IFBLK: kind = "a device"
        case S_IFIFO: kind = "a pipe (FIFO)"
        case S_IFSOCK: kind = "a socket"
        default: kind = "not a file"
        }
        throw CSVError(description: "\(path): not a regular file (it is \(kind)); give the path of a CSV file")
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

    /// Up to `count` bytes from `offset` (fewer only at the end of the file); the read position stays.
    func read(_ count: Int, at offset: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let got = bytes.withUnsafeMutableBytes { raw in
                pread(descriptor, raw.baseAddress! + filled, count - filled, off_t(offset + filled))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw CSVError(description: "\(path): reading the file failed (\(InputFile.reason(errno)))")
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(count - filled)
        return bytes
    }
}

/// UTF-8 validity of a byte prefix (a sequence cut at the end of the prefix is allowed).
enum UTF8Check {
    static func isValidPrefix(_ bytes: [UInt8], complete: Bool) -> Bool {
        var cut = bytes.count
        if !complete {
            // Drop an incomplete sequence at the end: back up over continuation bytes to a lead byte.
            var back = 0
            while back < 4 && back < bytes.count && bytes[bytes.count - 1 - back] & 0xC0 == 0x80 { back += 1 }
            if back < bytes.count {
                let lead = bytes[bytes.count - 1 - back]
                let need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
                if need > back { cut = bytes.count - 1 - back }
            }
        }
        return String(validating: bytes[0..<cut], as: UTF8.self) != nil
    }
}

/// GB18030 → UTF-8 with iconv, carrying an incomplete multi-byte sequence over to the next chunk.
final class GB18030Converter {
    private let descriptor: iconv_t
    private var carry: [UInt8] = []

    init(path: String) throws {
        let cd = iconv_open("UTF-8", "GB18030")
        guard cd != iconv_t(bitPattern: -1) else {
            throw CSVError(description: "\(path): this system cannot convert GB18030 (iconv has no converter for it)")
        }
        descriptor = cd!
    }

    deinit { iconv_close(descriptor) }

    func convert(_ input: [UInt8], line: Int, path: String) throws -> [UInt8] {
        var source = carry + input
        carry.removeAll()
        var output = [UInt8](repeating: 0, count: source.count * 2 + 16)
        var inLeft = source.count
        var outLeft = output.count
        let consumed: Int = try source.withUnsafeMutableBufferPointer { src in
            try output.withUnsafeMutableBufferPointer { dst in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                let result = iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft)
                if result == -1 && errno != EINVAL {
                    throw CSVError(description: "\(path): near line \(line): bytes that are neither UTF-8 nor GB18030; check the file's encoding")
                }
                return src.count - inLeft
            }
        }
        if inLeft > 0 { carry = Array(source[consumed...]) }
        source.removeAll()
        output.removeLast(outLeft)
        return output
    }

    func finish(line: Int, path: String) throws {
        if !carry.isEmpty {
            throw CSVError(description: "\(path):\(line): the file ends in the middle of a GB18030 character")
        }
    }
}
