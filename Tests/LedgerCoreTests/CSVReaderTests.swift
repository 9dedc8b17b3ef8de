#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import LedgerCore

@Suite("CSV reading")
struct CSVReaderTests {
    func records(_ bytes: [UInt8], encoding: InputEncoding = .auto) throws -> [CSVRecord] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pl-csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(path: url.path, encoding: encoding)
        var out: [CSVRecord] = []
        while let record = try reader.next() { out.append(record) }
        return out
    }

    func records(_ text: String, encoding: InputEncoding = .auto) throws -> [CSVRecord] {
        try records(Array(text.utf8), encoding: encoding)
    }

    @Test("RFC 4180 quoting, trimmed cells, empty cells as nil, CRLF, and the line each record starts on")
    func quoting() throws {
        let rows = try records("a,b,c\r\n  x , \"y, \"\"z\"\"\" ,\r\n\"multi\nline\",2,3\r\n\r\nlast,\"\",  \n")
        #expect(rows.map(\.line) == [1, 2, 3, 6])
        #expect(rows[1].cells == ["x", "y, \"z\"", nil])
        #expect(rows[2].cells == ["multi\nline", "2", "3"])
        #expect(rows[3].cells == ["last", nil, nil])
    }

    @Test("a UTF-8 byte-order mark is dropped; full-width spaces are trimmed")
    func bom() throws {
        let rows = try records([0xEF, 0xBB, 0xBF] + Array("小区编码,名称\nGS001,\u{3000}康城\u{3000}\n".utf8))
        #expect(rows[0].cells == ["小区编码", "名称"])
        #expect(rows[1].cells == ["GS001", "康城"])
    }

    @Test("GB18030 is detected and decoded, also when a character straddles a read chunk")
    func gb18030() throws {
        // "x,康城\n" in GB18030 is 7 bytes (康 = BF B5, 城 = B3 C7). After an 8-byte header the 1 MiB read
        // boundary falls at byte 3 of a line: between BF and B5, inside 康.
        let header = Array("name,v \n".utf8)
        let line: [UInt8] = [0x78, 0x2C, 0xBF, 0xB5, 0xB3, 0xC7, 0x0A]
        #expect(((1 << 20) - header.count) % line.count == 3)
        var bytes = header
        for _ in 0..<160_000 { bytes += line }
        let rows = try records(bytes)
        #expect(rows.count == 160_001)
        #expect(rows.dropFirst().allSatisfy { $0.cells == ["x", "康城"] })
    }

    @Test("an unterminated quote names the line it opened on")
    func unterminatedQuote() throws {
        let error = try #require(throws: CSVError.self) { try records("a,b\n1,2\n3,\"open\n4,5\n") }
        #expect(error.description.hasSuffix(":3: a quoted cell opened on this line is never closed; check the quote marks"))
    }

    @Test("--encoding utf8 on GB18030 bytes says what to do")
    func wrongEncoding() throws {
        let error = try #require(throws: CSVError.self) { try records([0x61, 0x0A, 0xBF, 0xB5, 0x0A], encoding: .utf8) }
        #expect(error.description.contains(":2: the text is not valid UTF-8; if the file came from Excel on Chinese Windows, load it with --encoding gb18030"))
    }

    // MARK: - Files that are not files, and odd bytes

    @Test("a directory, a device or a FIFO is refused as not a regular file, without blocking or crashing")
    func notARegularFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pl-csv-dir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = try #require(throws: CSVError.self) { try CSVReader(path: directory.path, encoding: .auto) }
        #expect(error.description == "\(directory.path): not a regular file (it is a directory); give the path of a CSV file")
        let device = try #require(throws: CSVError.self) { try CSVReader(path: "/dev/null", encoding: .auto) }
        #expect(device.description.contains("(it is a device)"))
        let fifo = directory.appendingPathComponent("fifo.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = try #require(throws: CSVError.self) { try CSVReader(path: fifo, encoding: .auto) }
        #expect(pipe.description.contains("(it is a pipe (FIFO))"))
        let missing = try #require(throws: CSVError.self) { try CSVReader(path: directory.path + "/none.csv", encoding: .auto) }
        #expect(missing.description.contains("cannot open the file for reading"))
    }

    @Test("NUL bytes inside cells are returned as they are")
    func nulBytes() throws {
        let rows = try records([0x61, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x78, 0x00, 0x79, 0x0A, 0x00, 0x2C, 0x32, 0x0A])
        #expect(rows[1].cells == ["1", "x\u{0}y"])
        #expect(rows[2].cells == ["\u{0}", "2"])
    }
}
