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
        while let record = try reader.nextRecord() { out.append(record) }
        return out
    }

    func records(_ text: String, encoding: InputEncoding = .auto) throws -> [CSVRecord] {
        try records(Array(text.utf8), encoding: encoding)
    }

    /// The encoding `.auto` settles on, and the records.
    func detected(_ bytes: [UInt8]) throws -> (encoding: InputEncoding, records: [CSVRecord]) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pl-csv-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(path: url.path, encoding: .auto)
        var out: [CSVRecord] = []
        while let record = try reader.nextRecord() { out.append(record) }
        return (reader.encoding, out)
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

    // MARK: - Strict quoting: a problem of the record, not of the file

    @Test("a quote inside an unquoted cell is the record's problem; the cell is kept as written and the next line reads on")
    func strayQuote() throws {
        let rows = try records("a,b\n1\"2,3\n4,5\n")
        #expect(rows.map(\.line) == [1, 2, 3])
        #expect(rows[1].cells == ["1\"2", "3"])
        #expect(rows[1].problem == .strayQuote(cellIndex: 0))
        #expect(rows[1].problem?.description == "a quote mark inside a cell that is not quoted: put the whole cell in quotes and double the quote (\"\")")
        #expect(rows[2].cells == ["4", "5"])
        #expect(rows[0].problem == nil && rows[2].problem == nil)
    }

    @Test("next() (for callers that do not look at problems) throws a record's problem with its line and column")
    func nextThrowsProblems() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pl-csv-\(UUID().uuidString).csv")
        try Data("a,b\n1,2\n3,4\"\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVReader(path: url.path, encoding: .auto)
        #expect(try reader.next()?.cells == ["a", "b"])
        #expect(try reader.next()?.cells == ["1", "2"])
        let error = try #require(throws: CSVError.self) { try reader.next() }
        #expect(error.description == "\(url.path):3: column 2: a quote mark inside a cell that is not quoted: put the whole cell in quotes and double the quote (\"\")")
    }

    @Test("text after a closing quote is the record's problem; the cell is kept as written, quotes included")
    func textAfterClosingQuote() throws {
        let rows = try records("a,b,c\n\"1\"x,2,3\nk,\"say \"\"hi\"\"\" there\",3\n\"ok\"  ,\"\",z\n")
        #expect(rows[1].cells == ["\"1\"x", "2", "3"])
        #expect(rows[1].problem == .textAfterClosingQuote(cellIndex: 0))
        #expect(rows[1].problem?.cellIndex == 0)
        #expect(rows[2].cells == ["k", "\"say \"\"hi\"\"\" there\"", "3"])
        #expect(rows[2].problem == .textAfterClosingQuote(cellIndex: 1))
        // Spaces after the closing quote are allowed.
        #expect(rows[3].cells == ["ok", nil, "z"])
        #expect(rows[3].problem == nil)
    }

    // MARK: - Encodings

    @Test("auto: GB18030 bytes that are also valid UTF-8 (Excel's A楼 is 41 C2 A5, UTF-8 A¥) are read as GB18030")
    func gb18030ThatIsValidUTF8() throws {
        let result = try detected([0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x41, 0xC2, 0xA5, 0x0A])
        #expect(result.encoding == .gb18030)
        #expect(result.records.map(\.cells) == [["name"], ["A楼"]])
    }

    @Test("auto: UTF-8 with Chinese text stays UTF-8, also with a few Latin-1 symbols (m², ·); ASCII is UTF-8")
    func utf8WithSymbols() throws {
        let text = "小区编码,建筑面积(m²),联系人\nGS001,1234.50,约翰·史密斯\n"
        let result = try detected(Array(text.utf8))
        #expect(result.encoding == .utf8)
        #expect(result.records[1].cells == ["GS001", "1234.50", "约翰·史密斯"])
        #expect(try detected(Array("a,b\n1,2\n".utf8)).encoding == .utf8)
        #expect(try detected(Array("小区编码,名称\nGS001,康城\n".utf8)).encoding == .utf8)
    }

    @Test("auto: GB18030 Chinese is read as GB18030")
    func gb18030Chinese() throws {
        // 小区编码,名称 / GS001,康城 in GB18030.
        let bytes: [UInt8] = [0xD0, 0xA1, 0xC7, 0xF8, 0xB1, 0xE0, 0xC2, 0xEB, 0x2C, 0xC3, 0xFB, 0xB3, 0xC6, 0x0A,
                              0x47, 0x53, 0x30, 0x30, 0x31, 0x2C, 0xBF, 0xB5, 0xB3, 0xC7, 0x0A]
        let result = try detected(bytes)
        #expect(result.encoding == .gb18030)
        #expect(result.records.map(\.cells) == [["小区编码", "名称"], ["GS001", "康城"]])
    }

    @Test("auto: a mostly-ASCII file with bytes that are not UTF-8 is refused, naming the line, not read as GB18030")
    func latin1IsRefused() throws {
        // Latin-1 "Müller": FC 6C is a valid but rare GBK character, so GB18030 would read it as Chinese.
        let error = try #require(throws: CSVError.self) { try records([0x61, 0x0A, 0x62, 0x0A, 0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72, 0x0A]) }
        #expect(error.description.contains(":3: bytes that are not UTF-8, and read as GB18030 the file is not Chinese text;"))
        #expect(error.description.contains("--encoding gb18030"))
        // Latin-1 "Café" then a line end: valid as neither.
        let neither = try #require(throws: CSVError.self) { try records([0x61, 0x0A, 0x43, 0x61, 0x66, 0xE9, 0x0A]) }
        #expect(neither.description.contains(":2: bytes that are neither UTF-8 nor GB18030"))
    }

    @Test("auto: when both readings are Chinese and neither is clearly right, --encoding is asked for")
    func ambiguous() throws {
        // UTF-8 "丰両·" is GB18030 "涓颁浮路": both valid, both Chinese, and the UTF-8 one has a Latin-1 dot.
        let bytes = Array("a\nb\n".utf8) + [0xE4, 0xB8, 0xB0, 0xE4, 0xB8, 0xA1, 0xC2, 0xB7, 0x0A]
        let error = try #require(throws: CSVError.self) { try records(bytes) }
        #expect(error.description.contains(":3: cannot tell whether the file is UTF-8 or GB18030"))
        #expect(error.description.hasSuffix("load it with --encoding utf8 or --encoding gb18030"))
        #expect(try records(bytes, encoding: .utf8)[2].cells == ["丰両·"])
        #expect(try records(bytes, encoding: .gb18030)[2].cells == ["涓颁浮路"])
    }

    @Test("auto: GB18030 hanzi whose bytes are also UTF-8 hanzi are refused, not silently read as UTF-8")
    func bothReadingsChinese() throws {
        // GB18030 "涓颁浮" is the bytes of UTF-8 "丰両": each reading is valid and all Chinese.
        let bytes = Array("name\n".utf8) + [0xE4, 0xB8, 0xB0, 0xE4, 0xB8, 0xA1, 0x0A]
        let error = try #require(throws: CSVError.self) { try records(bytes) }
        #expect(error.description.contains(":2: cannot tell whether the file is UTF-8 or GB18030 (from this line both readings are Chinese text)"))
        #expect(error.description.hasSuffix("load it with --encoding utf8 or --encoding gb18030"))
        #expect(try records(bytes, encoding: .gb18030)[1].cells == ["涓颁浮"])
        #expect(try records(bytes, encoding: .utf8)[1].cells == ["丰両"])
        // UTF-8 线路 reads as valid GB18030 Chinese too (缁胯矾 …), but only its UTF-8 reading is common hanzi.
        #expect(try detected(Array("title\n线路\n".utf8)).encoding == .utf8)
        #expect(try detected(Array("小区,名称\nGS001,康城花园\n".utf8)).encoding == .utf8)
    }

    @Test("a byte that is not GB18030 is reported on its own line, also past the first read chunk")
    func gb18030BadByteLine() throws {
        var bytes: [UInt8] = Array("name\n".utf8)
        for _ in 2...11 { bytes += [0xBF, 0xB5, 0xB3, 0xC7, 0x0A] }
        bytes += [0xBF, 0xFF, 0x0A, 0x78, 0x0A]
        for encoding in [InputEncoding.gb18030, .auto] {
            let error = try #require(throws: CSVError.self) { try records(bytes, encoding: encoding) }
            #expect(error.description.contains(":12: "), "\(encoding): \(error)")
        }
        // 160,000 lines of "x,康城" (1.1 MB), then a bad byte: the line count carries across chunks (CRLF here).
        var big: [UInt8] = Array("name,v\r\n".utf8)
        for _ in 0..<160_000 { big += [0x78, 0x2C, 0xBF, 0xB5, 0xB3, 0xC7, 0x0D, 0x0A] }
        big += [0x78, 0x2C, 0x80, 0x0D, 0x0A]
        let error = try #require(throws: CSVError.self) { try records(big, encoding: .gb18030) }
        #expect(error.description.contains(":160002: bytes that are not GB18030"))
    }

    // MARK: - Line ends

    @Test("a lone CR ends a line (Excel for Mac); CR and LF inside quotes stay data and count as lines")
    func crLineEnds() throws {
        let rows = try records("a,b\r1,2\r\"x\ry\",3\r\r4,\"p\r\nq\"\r\n5,6")
        #expect(rows.map(\.line) == [1, 2, 3, 6, 8])
        #expect(rows.map(\.cells) == [["a", "b"], ["1", "2"], ["x\ry", "3"], ["4", "p\r\nq"], ["5", "6"]])
    }

    // MARK: - Limits

    @Test("a cell over 4,000 characters is cut and flagged; 4,000 is allowed")
    func cellTooLong() throws {
        let long = String(repeating: "楼", count: 4_001)
        let exact = String(repeating: "a", count: 4_000)
        let rows = try records("a,b\n1,\(long)\n2,\(exact)\n")
        #expect(rows[1].problem == .cellTooLong(cellIndex: 1, characters: 4_001))
        #expect(rows[1].cells[1] == String(repeating: "楼", count: 4_000) + "…")
        #expect(rows[1].problem?.description == "the cell has 4001 characters; at most 4000 are allowed: shorten it")
        #expect(rows[2].problem == nil)
        #expect(rows[2].cells[1] == exact)
    }

    @Test("an endless cell keeps at most 4,000 characters in memory")
    func cellMemoryIsCapped() {
        var cell = CellBytes()
        for _ in 0..<1_000_000 { for byte in "楼".utf8 { cell.append(byte) } }
        #expect(cell.characters == 1_000_000)
        #expect(cell.bytes.count == 4_000 * 3)
    }

    @Test("an unbalanced quote in a large file names the line the cell opened on")
    func unbalancedQuoteInLargeFile() throws {
        var text = "a,b\n1,2\n3,\"open\n"
        text += String(repeating: "4,5\n", count: 500_000)
        let error = try #require(throws: CSVError.self) { try records(text) }
        #expect(error.description.hasSuffix(":3: a quoted cell opened on this line is never closed; check the quote marks"))
    }

    @Test("a record over 1,000 cells keeps the first 1,000 and is flagged")
    func tooManyCells() throws {
        let rows = try records("a\n" + String(repeating: "x,", count: 1_500) + "y\nz\n")
        #expect(rows[1].cells.count == 1_000)
        #expect(rows[1].problem == .tooManyCells(count: 1_501))
        #expect(rows[1].problem?.cellIndex == nil)
        #expect(rows[2].cells == ["z"] && rows[2].problem == nil)
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
