import Foundation
import ZIPFoundation

/// What the loader reads a file through: records of text cells (trimmed, empty → nil) with the line each
/// starts on. `CSVReader` and `XLSXReader` both give it, so every check of a load applies to both alike.
public protocol RecordReader: AnyObject {
    /// The next record, a record with a problem included (the caller rejects it); nil at the end.
    func nextRecord() throws -> CSVRecord?
    /// The next well-formed record; a record with a problem is thrown as a `CSVError`.
    func next() throws -> CSVRecord?
    /// The SHA-256 of the file's bytes (complete once every record has been read).
    func sha256() -> String
    /// How many bytes have been read so far (for progress).
    var bytesRead: Int { get }
    /// How many bytes there are to read (for progress).
    var fileSize: Int { get }
}

extension CSVReader: RecordReader {}

/// Reads the first sheet of an Excel workbook (`.xlsx`, Office Open XML SpreadsheetML), or a named one, as
/// a stream of records like `CSVReader`'s: the line of a record is the sheet's row number; a cell is the
/// text a CSV of the same data would hold, read from its typed value:
///
/// - a number exactly as the workbook stores it, in plain decimal (`3.2E+5` → `320000`); a number with more
///   than 15 significant digits (binary noise such as `0.30000000000000004`, which Excel shows as `0.3`) is
///   rounded to Excel's 15, and one of 16 or more integer digits (its last digits already lost) is given as
///   written, in exponent form, for the loader to refuse;
/// - a number in a date format as `YYYY-MM-DD` (with ` HH:MM:SS` when it has a time), by the workbook's
///   date system (1900 or 1904); Excel's fictitious 1900-02-29 stays that, for the loader to refuse;
/// - a number in a percent format as the percentage with `%` (0.5 → `50%`), as Excel shows it;
/// - a boolean as `true`/`false`, a shared or inline string as its text (phonetic runs left out), a
///   formula by its cached value, an error as its code (`#N/A`).
///
/// The archive is unzipped by ZIPFoundation on a second thread, a few chunks ahead of the reader, and the
/// sheet's XML is scanned incrementally: memory stays flat whatever the sheet's size, apart from the
/// shared-string table, which the sheet refers to by index and so is held whole.
public final class XLSXReader: RecordReader {
    /// The sheet read.
    public let sheetName: String
    /// The uncompressed size of the sheet's XML.
    public let fileSize: Int
    /// How much of the sheet's XML has been scanned.
    public var bytesRead: Int { scanner.consumed }
    private let path: String
    private let digest: String
    private let pipe: ChunkPipe
    private let scanner: XMLScanner
    private let sharedStrings: [String]
    private let styles: CellStyles
    private let date1904: Bool
    /// The header's width (its last named column), once the header has been read.
    private var width: Int?
    private var lastRow = 0
    private var finished = false

    /// Opens a workbook and the sheet to read (`sheet`, or the first). A file that is not a readable
    /// workbook throws a `CSVError` that `isDataError`; one that cannot be opened at all, one that is not.
    public init(path: String, sheet: String? = nil) throws {
        self.path = path
        // A regular file, readable; hashed in chunks (the load history keeps every file's SHA-256).
        let file = try InputFile(path: path)
        var hash = SHA256()
        while case let chunk = try file.read(1 << 20), !chunk.isEmpty { hash.update(chunk) }
        digest = hash.finalize()
        let archive: Archive
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw XLSXReader.notWorkbook(path, .notZipArchive)
        }
        let book = try Workbook(archive: archive, path: path)
        guard let chosen = sheet.map({ name in book.sheets.first { $0.name == name } }) ?? book.sheets.first else {
            let names = book.sheets.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw sheet.map { CSVError(.noSuchSheet, ["file": path, "sheet": $0, "sheets": names], isDataError: true) }
                ?? CSVError(.workbookNoSheets, ["file": path], isDataError: true)
        }
        guard let entry = archive[chosen.part] else {
            throw CSVError(.sheetMissing, ["file": path, "sheet": chosen.name, "part": chosen.part], isDataError: true)
        }
        sheetName = chosen.name
        sharedStrings = try book.sharedStrings(archive)
        styles = try book.styles(archive)
        date1904 = book.date1904
        fileSize = Int(entry.uncompressedSize)
        pipe = ChunkPipe()
        scanner = XMLScanner(path: path, source: pipe.take)
        pipe.start(extracting: entry, from: archive, path: path)
    }

    deinit { pipe.cancel() }

    /// The SHA-256 of the workbook file.
    public func sha256() -> String { digest }

    /// The names of a workbook's sheets, in order.
    public static func sheetNames(path: String) throws -> [String] {
        do {
            let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
            return try Workbook(archive: archive, path: path).sheets.map(\.name)
        } catch let error as CSVError {
            throw error
        } catch {
            throw XLSXReader.notWorkbook(path, .notZipArchive)
        }
    }

    /// The next non-blank row as a record (its line the sheet's row number), nil at the end of the sheet.
    public func nextRecord() throws -> CSVRecord? {
        while let row = try nextRow() {
            var cells = row.cells
            while let last = cells.last, last == nil { cells.removeLast() }
            if cells.isEmpty { continue }  // a blank row (perhaps formatted), skipped as CSV skips blank lines
            if let width {
                if cells.count < width { cells += Array(repeating: nil, count: width - cells.count) }
            } else {
                width = cells.count
            }
            return CSVRecord(line: row.line, cells: cells, problem: row.problem)
        }
        return nil
    }

    /// The next well-formed record; a record with a problem is thrown as a `CSVError` naming its row.
    public func next() throws -> CSVRecord? {
        guard let record = try nextRecord() else { return nil }
        if let problem = record.problem {
            throw CSVError.rowProblem(path, line: record.line, column: problem.cellIndex.map(XLSXReader.columnName), problem)
        }
        return record
    }

    /// The refusal of a file that is not a workbook, and why.
    static func notWorkbook(_ path: String, _ why: Message) -> CSVError {
        CSVError(.notWorkbook, ["file": path], nested: ["why": CSVError.Said(message: why, arguments: [:])], isDataError: true)
    }

    /// The spreadsheet name of a column index from 0 (0 → A, 26 → AA).
    public static func columnName(_ index: Int) -> String {
        var name = ""
        var rest = index + 1
        while rest > 0 {
            let digit = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + digit))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    /// The column index from 0 of a cell reference (`C5` → 2), nil when it has no column letters.
    static func columnIndex(ofReference reference: String) -> Int? {
        var index = 0
        var letters = 0
        for byte in reference.utf8 {
            guard (65...90).contains(byte) || (97...122).contains(byte) else { break }
            index = index * 26 + Int((byte & 0xDF) - 64)
            letters += 1
        }
        return letters > 0 && letters <= 3 ? index - 1 : nil
    }

    // MARK: rows

    private struct PendingCell {
        var column = 0
        var type = "n"
        var style = 0
        var value: [UInt8] = []
        var inline: [UInt8] = []
    }

    /// The next `<row>` of the sheet's data, its cells placed by their references.
    private func nextRow() throws -> (line: Int, cells: [String?], problem: CSVRecordProblem?)? {
        if finished { return nil }
        var inRow = false
        var line = 0
        var cells: [String?] = []
        var problem: CSVRecordProblem?
        var cell = PendingCell()
        var collecting = 0  // 1: <v>, 2: <t> of an inline string
        var phonetic = 0
        while let event = try scanner.next() {
            switch event {
            case .start(let name, let attributes, let empty):
                switch name {
                case "row":
                    let number = attributes.value("r").flatMap { Int($0) } ?? lastRow + 1
                    lastRow = number
                    line = number
                    inRow = true
                    cells = []
                    if empty { return (line, [], nil) }
                case "c" where inRow:
                    cell = PendingCell()
                    cell.column = attributes.value("r").flatMap(XLSXReader.columnIndex(ofReference:)) ?? cells.count
                    cell.type = attributes.value("t") ?? "n"
                    cell.style = attributes.value("s").flatMap { Int($0) } ?? 0
                    if empty { place(&cells, &problem, cell) }
                case "v": collecting = empty ? 0 : 1
                case "t" where phonetic == 0: collecting = empty ? 0 : 2
                case "rPh": if !empty { phonetic += 1 }
                default: break
                }
            case .text(let bytes):
                if collecting == 1 { cell.value += bytes } else if collecting == 2 { cell.inline += bytes }
            case .end(let name):
                switch name {
                case "v", "t": collecting = 0
                case "rPh": phonetic = max(0, phonetic - 1)
                case "c" where inRow: place(&cells, &problem, cell)
                case "row" where inRow: return (line, cells, problem)
                case "sheetData":
                    finished = true
                    return nil
                default: break
                }
            }
        }
        finished = true
        return nil
    }

    /// Puts a finished cell's text at its column.
    private func place(_ cells: inout [String?], _ problem: inout CSVRecordProblem?, _ cell: PendingCell) {
        guard cell.column < CSVReader.maximumCells else {
            if problem == nil { problem = .tooManyCells(count: cell.column + 1) }
            return
        }
        if cells.count <= cell.column { cells += Array(repeating: nil, count: cell.column + 1 - cells.count) }
        var text = XLSXReader.trimmed(cellText(cell))
        if let value = text, value.utf8.count > CSVReader.maximumCellCharacters, value.unicodeScalars.count > CSVReader.maximumCellCharacters {
            if problem == nil { problem = .cellTooLong(cellIndex: cell.column, characters: value.unicodeScalars.count) }
            text = String(String.UnicodeScalarView(value.unicodeScalars.prefix(CSVReader.maximumCellCharacters))) + "…"
        }
        cells[cell.column] = text
    }

    /// A cell's text by its type and style.
    private func cellText(_ cell: PendingCell) -> String {
        let value = String(decoding: cell.value, as: UTF8.self)
        switch cell.type {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else { return "" }
            return sharedStrings[index]
        case "inlineStr": return XMLText.unescapeOOXML(String(decoding: cell.inline, as: UTF8.self))
        case "str", "e": return value
        case "b": return value == "1" ? "true" : value == "0" ? "false" : value
        case "d": return value.hasSuffix("T00:00:00") ? String(value.dropLast(9)) : value
        default:
            if value.isEmpty { return "" }
            switch styles.format(ofStyle: cell.style) {
            case .date: return ExcelValue.dateText(serial: value, date1904: date1904) ?? ExcelValue.numberText(value)
            case .percent: return ExcelValue.percentText(value)
            case .number: return ExcelValue.numberText(value)
            }
        }
    }

    /// Trimmed as `CSVReader` trims a cell (ASCII white space, NBSP, U+3000); nil when empty.
    static func trimmed(_ text: String) -> String? {
        func blank(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x20, 0x09, 0x0D, 0x0A, 0xA0, 0x3000: true
            default: false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return nil }
        let last = scalars.lastIndex(where: { !blank($0) })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }
}

// MARK: - Exact values

/// Excel's stored numbers and dates as the text the loader reads, computed in decimal, never in binary
/// floating point.
enum ExcelValue {
    /// The significant digits Excel keeps (and shows); digits past them are binary noise.
    static let significantDigits = 15

    /// A stored number (`39600`, `0.1`, `3.2E+5`, `-1.5E-3`) as a plain decimal; see `XLSXReader`.
    static func numberText(_ stored: String) -> String {
        if isPlain(stored) { return stored }
        guard let number = Decimalish(stored) else { return stored }
        return number.plainText(maximumIntegerDigits: significantDigits) ?? stored
    }

    /// Whether a stored number is already the plain decimal it reads as (`-12.5`, `39600`): no exponent,
    /// no leading zero before a digit, no trailing zero after the point, at most 15 significant digits.
    static func isPlain(_ stored: String) -> Bool {
        var significant = 0, seenNonZero = false, afterPoint = false, digits = 0
        var last: UInt8 = 0
        for (index, byte) in stored.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: break
            case UInt8(ascii: "."):
                if afterPoint || digits == 0 { return false }
                afterPoint = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if byte == UInt8(ascii: "0") && digits == 1 && last == UInt8(ascii: "0") && !afterPoint { return false }
                if !afterPoint && digits >= 1 && last == UInt8(ascii: "0") && !seenNonZero { return false }
                digits += 1
                if byte != UInt8(ascii: "0") { seenNonZero = true }
                if seenNonZero { significant += 1 }
            default: return false
            }
            last = byte
        }
        return digits > 0 && last != UInt8(ascii: ".") && !(afterPoint && last == UInt8(ascii: "0")) && significant <= significantDigits
            && !(stored.hasPrefix("-") && !seenNonZero)
    }

    /// A stored fraction in a percent format as its percentage (`0.5` → `50%`).
    static func percentText(_ stored: String) -> String {
        guard var number = Decimalish(stored) else { return stored }
        number.exponent += 2
        guard let text = number.plainText(maximumIntegerDigits: significantDigits) else { return stored }
        return text + "%"
    }

    /// A date serial (`46086`, `46086.5`) as `YYYY-MM-DD` (and ` HH:MM:SS`), nil when not a number or out
    /// of Excel's range (before day 0, after 9999-12-31).
    static func dateText(serial stored: String, date1904: Bool) -> String? {
        guard let number = Decimalish(stored), !number.negative else { return nil }
        var (whole, fraction) = number.split()
        // The time of day, to the nearest second (a fraction of 86,400); 23:59:59.6 is the next midnight.
        var seconds = fraction.roundedProduct(86_400)
        if seconds >= 86_400 { whole += 1; seconds = 0 }
        guard whole <= 2_958_465 else { return nil }
        var date: String
        if date1904 {
            date = civilDate(daysSince1970: whole - 24_107)
        } else if whole == 60 {
            date = "1900-02-29"  // Lotus 1-2-3's leap day, which Excel keeps; no such date
        } else if whole == 0 {
            date = "1900-01-00"  // as Excel shows serial 0
        } else {
            date = civilDate(daysSince1970: whole - (whole < 60 ? 25_568 : 25_569))
        }
        if seconds > 0 {
            date += String(format: " %02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        }
        return date
    }

    /// The civil date of a day count from 1970-01-01 (proleptic Gregorian), `YYYY-MM-DD`.
    static func civilDate(daysSince1970 days: Int) -> String {
        // Howard Hinnant's days_from_civil, inverted.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }
}

/// A decimal number as written: sign, digits and a power of ten (`-1.25E+2` → -, "125", exponent 0).
struct Decimalish: Equatable {
    var negative: Bool
    /// The significant digits, without leading or trailing zeros ("" for zero).
    var digits: [UInt8]
    /// The value is digits × 10^(exponent − digits.count).
    var exponent: Int

    init?(_ text: String) {
        var bytes = Array(text.utf8)[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        var digits: [UInt8] = []
        var pointAt: Int?
        var sawDigit = false
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 48 && byte <= 57 {
                digits.append(byte - 48)
                sawDigit = true
            } else if byte == UInt8(ascii: "."), pointAt == nil {
                pointAt = digits.count
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        var power = 0
        if index < bytes.endIndex {
            guard bytes[index] == UInt8(ascii: "E") || bytes[index] == UInt8(ascii: "e"),
                  let written = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)),
                  abs(written) < 400 else { return nil }
            power = written
        }
        var exponent = (pointAt ?? digits.count) + power
        let leading = digits.prefix { $0 == 0 }.count
        digits.removeFirst(leading)
        exponent -= leading
        while digits.last == 0 { digits.removeLast() }
        if digits.isEmpty { exponent = 0 }
        self.negative = negative && !digits.isEmpty
        self.digits = digits
        self.exponent = exponent
    }

    /// Rounded half away from zero to `count` significant digits.
    func rounded(toSignificant count: Int) -> Decimalish {
        guard digits.count > count else { return self }
        var copy = self
        var kept = Array(digits.prefix(count))
        if digits[count] >= 5 {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 { kept[index] = 0; index -= 1 } else { kept[index] += 1; break }
            }
            if index < 0 { kept.insert(1, at: 0); copy.exponent += 1 }
        }
        while kept.last == 0 { kept.removeLast() }
        copy.digits = kept
        return copy
    }

    /// Plain decimal text after rounding to Excel's significant digits; nil when the integer part would
    /// have more than `maximumIntegerDigits` digits (digits Excel has already lost).
    func plainText(maximumIntegerDigits: Int) -> String? {
        let number = rounded(toSignificant: ExcelValue.significantDigits)
        if number.digits.isEmpty { return "0" }
        guard number.exponent <= maximumIntegerDigits else { return nil }
        let characters = number.digits.map { Character(UnicodeScalar($0 + 48)) }
        var text: String
        if number.exponent <= 0 {
            text = "0." + String(repeating: "0", count: -number.exponent) + String(characters)
        } else if number.exponent >= characters.count {
            text = String(characters) + String(repeating: "0", count: number.exponent - characters.count)
        } else {
            text = String(characters[..<number.exponent]) + "." + String(characters[number.exponent...])
        }
        return (number.negative ? "-" : "") + text
    }

    /// The whole part (as an Int) and the fraction.
    func split() -> (whole: Int, fraction: Decimalish) {
        var whole = 0
        for position in 0..<max(exponent, 0) {
            whole = whole * 10 + Int(position < digits.count ? digits[position] : 0)
            if whole > 10_000_000 { return (Int.max, self) }
        }
        var fraction = self
        fraction.digits = Array(digits.dropFirst(max(exponent, 0)))
        fraction.exponent = min(exponent, 0)
        return (whole, fraction)
    }

    /// A fraction (0 ≤ self < 1) times `factor`, rounded half up to an integer.
    func roundedProduct(_ factor: Int) -> Int {
        // value = digits × 10^(exponent − n); product = digits × factor, scaled down by 10^(n − exponent).
        let n = digits.count
        let scale = n - exponent
        guard !digits.isEmpty, scale > 0 else { return 0 }
        var product: [Int] = []  // the decimal digits of digits × factor, most significant first
        var carry = 0
        for digit in digits.reversed() {
            let value = Int(digit) * factor + carry
            product.insert(value % 10, at: 0)
            carry = value / 10
        }
        while carry > 0 { product.insert(carry % 10, at: 0); carry /= 10 }
        let integerCount = product.count - scale
        guard integerCount > 0 || scale <= product.count + 1 else { return 0 }
        var result = 0
        for index in 0..<max(integerCount, 0) { result = result * 10 + product[index] }
        let next = integerCount >= 0 && integerCount < product.count ? product[integerCount] : 0
        return result + (next >= 5 ? 1 : 0)
    }
}

// MARK: - The workbook's parts

/// How a cell's number is to be read, from its style's number format.
enum NumberFormatKind: Equatable {
    case number, date, percent

    /// The kind of a built-in format id (ECMA-376 §18.8.30, with the East Asian date ids).
    static func builtIn(_ id: Int) -> NumberFormatKind {
        switch id {
        case 9, 10: .percent
        case 14...22, 27...36, 45...47, 50...58: .date
        default: .number
        }
    }

    /// The kind of a format code: text in quotes, escaped characters and `[…]` sections left out, a code
    /// with a digit placeholder is a number (or a percentage with `%`), one with date or time letters a date.
    static func code(_ code: String) -> NumberFormatKind {
        let section = code.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? code
        var plain = ""
        var quoted = false, bracket = false, escaped = false
        for character in section {
            if escaped { escaped = false; continue }
            if quoted { if character == "\"" { quoted = false }; continue }
            if bracket { if character == "]" { bracket = false }; continue }
            switch character {
            case "\"": quoted = true
            case "\\", "_", "*": escaped = true  // \x literal, _x space of x's width, *x fill
            case "[":
                bracket = true
            default: plain.append(character)
            }
        }
        if plain.lowercased() == "general" { return .number }
        if plain.contains("%") { return .percent }
        if plain.contains(where: { "0#?".contains($0) }) { return .number }
        if plain.lowercased().contains(where: { "ymdhse".contains($0) }) { return .date }
        // `[h]:mm` has its hours in brackets.
        return code.lowercased().contains("[h") || code.lowercased().contains("[m") || code.lowercased().contains("[s") ? .date : .number
    }
}

/// The number format of each cell style (`cellXfs` in styles.xml).
struct CellStyles {
    var kinds: [NumberFormatKind] = []

    func format(ofStyle index: Int) -> NumberFormatKind {
        kinds.indices.contains(index) ? kinds[index] : .number
    }
}

/// The parts of a workbook a reader needs before its sheet: sheet names and parts, the date system, and
/// where the shared strings and styles are.
private struct Workbook {
    struct Sheet { let name: String; let part: String }
    var sheets: [Sheet] = []
    var date1904 = false
    var sharedStringsPart: String?
    var stylesPart: String?

    init(archive: Archive, path: String) throws {
        let rootRelations = try Workbook.relations(archive, "_rels/.rels", base: "")
        let bookPart = rootRelations.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard let book = try Workbook.part(archive, bookPart, path: path) else {
            throw XLSXReader.notWorkbook(path, .noWorkbookPart)
        }
        let base = (bookPart as NSString).deletingLastPathComponent
        let relations = try Workbook.relations(archive, (base as NSString).appendingPathComponent("_rels/" + (bookPart as NSString).lastPathComponent + ".rels"), base: base)
        let scanner = XMLScanner(path: path, data: book)
        while let event = try scanner.next() {
            guard case .start(let name, let attributes, _) = event else { continue }
            if name == "workbookPr" {
                let value = attributes.value("date1904")
                date1904 = value == "1" || value == "true"
            } else if name == "sheet", let sheetName = attributes.value("name"), let id = attributes.value("id"),
                      let target = relations.first(where: { $0.id == id })?.target {
                sheets.append(Sheet(name: XMLText.unescapeOOXML(sheetName), part: target))
            }
        }
        sharedStringsPart = relations.first { $0.type.hasSuffix("/sharedStrings") }?.target
        stylesPart = relations.first { $0.type.hasSuffix("/styles") }?.target
    }

    /// The shared strings, each the concatenation of its runs' text (phonetic runs left out).
    func sharedStrings(_ archive: Archive) throws -> [String] {
        guard let part = sharedStringsPart, let entry = archive[part] else { return [] }
        var strings: [String] = []
        var current: [UInt8] = []
        var inText = false
        var phonetic = 0
        let pipe = ChunkPipe()
        pipe.start(extracting: entry, from: archive, path: part)
        defer { pipe.cancel() }
        let scanner = XMLScanner(path: part, source: pipe.take)
        while let event = try scanner.next() {
            switch event {
            case .start(let name, _, let empty):
                if name == "si" { current = []; if empty { strings.append("") } }
                if name == "rPh" && !empty { phonetic += 1 }
                if name == "t" && phonetic == 0 && !empty { inText = true }
            case .text(let bytes): if inText { current += bytes }
            case .end(let name):
                if name == "t" { inText = false }
                if name == "rPh" { phonetic = max(0, phonetic - 1) }
                if name == "si" { strings.append(XMLText.unescapeOOXML(String(decoding: current, as: UTF8.self))) }
            }
        }
        return strings
    }

    /// Each cell style's number format kind.
    func styles(_ archive: Archive) throws -> CellStyles {
        guard let part = stylesPart, let data = try Workbook.part(archive, part, path: part) else { return CellStyles() }
        var custom: [Int: NumberFormatKind] = [:]
        var styles = CellStyles()
        var inCellXfs = false
        let scanner = XMLScanner(path: part, data: data)
        while let event = try scanner.next() {
            switch event {
            case .start(let name, let attributes, let empty):
                if name == "numFmt", let id = attributes.value("numFmtId").flatMap({ Int($0) }), let code = attributes.value("formatCode") {
                    custom[id] = NumberFormatKind.code(code)
                } else if name == "cellXfs" && !empty {
                    inCellXfs = true
                } else if name == "xf" && inCellXfs {
                    let id = attributes.value("numFmtId").flatMap { Int($0) } ?? 0
                    styles.kinds.append(custom[id] ?? NumberFormatKind.builtIn(id))
                }
            case .end(let name): if name == "cellXfs" { inCellXfs = false }
            case .text: break
            }
        }
        return styles
    }

    /// A part's bytes, nil when the archive has no such part.
    static func part(_ archive: Archive, _ name: String, path: String) throws -> [UInt8]? {
        guard let entry = archive[name] else { return nil }
        var bytes: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { bytes += $0 }
        } catch {
            throw CSVError(.workbookDamaged, ["file": path, "why": "\(name): \(error)"], isDataError: true)
        }
        return bytes
    }

    /// A relationships part: each relation's id, type and target resolved against `base` (a folder).
    static func relations(_ archive: Archive, _ name: String, base: String) throws -> [(id: String, type: String, target: String)] {
        guard let data = try part(archive, name, path: name) else { return [] }
        var found: [(id: String, type: String, target: String)] = []
        let scanner = XMLScanner(path: name, data: data)
        while let event = try scanner.next() {
            guard case .start("Relationship", let attributes, _) = event,
                  let id = attributes.value("Id"), let target = attributes.value("Target") else { continue }
            let resolved = target.hasPrefix("/") ? String(target.dropFirst())
                : ((base as NSString).appendingPathComponent(target) as NSString).standardizingPath
            found.append((id, attributes.value("Type") ?? "", resolved))
        }
        return found
    }
}

// MARK: - Unzipping on a second thread

/// Hands an entry's uncompressed bytes from the thread that unzips it to the reader, a few chunks ahead.
final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[UInt8]] = []
    private var done = false
    private var cancelled = false
    private var failure: Error?
    private static let aheadChunks = 8
    private struct Cancelled: Error {}
    private struct Handoff: @unchecked Sendable { let archive: Archive; let entry: Entry }

    /// Starts unzipping an entry on a new thread.
    func start(extracting entry: Entry, from archive: Archive, path: String) {
        let handoff = Handoff(archive: archive, entry: entry)
        let thread = Thread { [self] in
            do {
                _ = try handoff.archive.extract(handoff.entry, bufferSize: 1 << 16, skipCRC32: false) { data in
                    try self.put([UInt8](data))
                }
                finish(nil)
            } catch is Cancelled {
                finish(nil)
            } catch {
                finish(CSVError(.workbookDamaged, ["file": path, "why": "\(handoff.entry.path): \(error)"], isDataError: true))
            }
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private func put(_ chunk: [UInt8]) throws {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= ChunkPipe.aheadChunks && !cancelled { condition.wait() }
        if cancelled { throw Cancelled() }
        chunks.append(chunk)
        condition.broadcast()
    }

    private func finish(_ error: Error?) {
        condition.lock()
        done = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, nil at the end; rethrows what stopped the unzipping.
    func take() throws -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !done { condition.wait() }
        if !chunks.isEmpty {
            condition.broadcast()
            return chunks.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Tells the unzipping thread to stop (the reader is done with it); it ends at its next chunk.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

// MARK: - An incremental XML scanner

/// One piece of XML: a start tag (local name, attributes, whether it is empty `<x/>`), an end tag, or text
/// (character data with entities decoded).
enum XMLEvent {
    case start(String, XMLAttributes, Bool)
    case end(String)
    case text([UInt8])
}

/// A tag's attributes by local name.
struct XMLAttributes {
    var pairs: [(name: String, value: String)] = []

    func value(_ name: String) -> String? { pairs.first { $0.name == name }?.value }
}

/// Scans XML from chunks of bytes as they come, holding only the unscanned rest of a chunk: enough XML
/// for SpreadsheetML (elements, attributes, character data, CDATA, the predefined and numeric entities);
/// comments, processing instructions and a DOCTYPE are skipped. Names lose their namespace prefix.
final class XMLScanner {
    private var buffer: [UInt8] = []
    private var position = 0
    private let source: () throws -> [UInt8]?
    private var atEnd = false
    private let path: String
    /// Bytes scanned so far.
    private(set) var consumed = 0

    init(path: String, source: @escaping () throws -> [UInt8]?) {
        self.path = path
        self.source = source
    }

    convenience init(path: String, data: [UInt8]) {
        var given: [UInt8]? = data
        self.init(path: path) { defer { given = nil }; return given }
    }

    /// Reads another chunk; false at the end.
    private func more() throws -> Bool {
        if atEnd { return false }
        guard let chunk = try source() else { atEnd = true; return false }
        if position > 0 {
            consumed += position
            buffer.removeFirst(position)
            position = 0
        }
        buffer += chunk
        return true
    }

    /// The index of `byte` at or after `from`, reading more as needed; nil at the end.
    private func find(_ byte: UInt8, from start: Int, quotesMatter: Bool = false) throws -> Int? {
        var index = start
        var quote: UInt8 = 0
        while true {
            while index < buffer.count {
                let found = buffer[index]
                if quote != 0 {
                    if found == quote { quote = 0 }
                } else if found == byte {
                    return index
                } else if quotesMatter && (found == 0x22 || found == 0x27) {
                    quote = found
                }
                index += 1
            }
            let offset = index - position
            guard try more() else { return nil }
            index = position + offset
        }
    }

    /// The index just past `marker` at or after `from`, reading more as needed; nil at the end.
    private func find(sequence marker: [UInt8], from start: Int) throws -> Int? {
        var index = start
        while true {
            while index + marker.count <= buffer.count {
                if buffer[index] == marker[0] && Array(buffer[index..<(index + marker.count)]) == marker { return index + marker.count }
                index += 1
            }
            let offset = index - position
            guard try more() else { return nil }
            index = position + offset
        }
    }

    private func damaged(_ what: String) -> Error {
        CSVError(.workbookDamaged, ["file": path, "why": "XML: \(what), byte \(consumed + position)"], isDataError: true)
    }

    /// The next event, nil at the end of the XML.
    func next() throws -> XMLEvent? {
        while true {
            if position >= buffer.count { guard try more() else { return nil } }
            if buffer[position] != UInt8(ascii: "<") {
                let end = try find(UInt8(ascii: "<"), from: position) ?? buffer.count
                let text = XMLText.decode(buffer[position..<end])
                position = end
                return .text(text)
            }
            // A tag: look at what follows "<".
            if position + 4 > buffer.count { _ = try more() }
            let second = position + 1 < buffer.count ? buffer[position + 1] : 0
            if second == UInt8(ascii: "?") {
                guard let end = try find(sequence: Array("?>".utf8), from: position) else { throw damaged("an unclosed <?") }
                position = end
                continue
            }
            if second == UInt8(ascii: "!") {
                if position + 9 > buffer.count { _ = try more() }
                if buffer[position...].starts(with: Array("<!--".utf8)) {
                    guard let end = try find(sequence: Array("-->".utf8), from: position + 4) else { throw damaged("an unclosed comment") }
                    position = end
                    continue
                }
                if buffer[position...].starts(with: Array("<![CDATA[".utf8)) {
                    guard let end = try find(sequence: Array("]]>".utf8), from: position + 9) else { throw damaged("an unclosed CDATA") }
                    let text = Array(buffer[(position + 9)..<(end - 3)])
                    position = end
                    return .text(text)
                }
                guard let end = try find(UInt8(ascii: ">"), from: position, quotesMatter: true) else { throw damaged("an unclosed <!") }
                position = end + 1
                continue
            }
            guard let end = try find(UInt8(ascii: ">"), from: position, quotesMatter: true) else { throw damaged("an unclosed tag") }
            let tag = buffer[(position + 1)..<end]
            position = end + 1
            if tag.first == UInt8(ascii: "/") {
                return .end(XMLScanner.localName(tag.dropFirst()))
            }
            let empty = tag.last == UInt8(ascii: "/")
            return .start(XMLScanner.localName(tag), try attributes(empty ? tag.dropLast() : tag), empty)
        }
    }

    /// The local name of a tag's text (up to the first space), its prefix dropped.
    private static func localName(_ tag: ArraySlice<UInt8>) -> String {
        let nameEnd = tag.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? tag.endIndex
        let name = tag[tag.startIndex..<nameEnd]
        let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
        return String(decoding: local, as: UTF8.self)
    }

    /// The attributes of a start tag's text.
    private func attributes(_ tag: ArraySlice<UInt8>) throws -> XMLAttributes {
        var result = XMLAttributes()
        var index = tag.firstIndex { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ?? tag.endIndex
        while index < tag.endIndex {
            while index < tag.endIndex && (tag[index] == 0x20 || tag[index] == 0x09 || tag[index] == 0x0A || tag[index] == 0x0D) { index += 1 }
            guard index < tag.endIndex else { break }
            guard let equals = tag[index...].firstIndex(of: UInt8(ascii: "=")) else { throw damaged("an attribute without a value") }
            var nameEnd = equals
            while nameEnd > index && (tag[nameEnd - 1] == 0x20 || tag[nameEnd - 1] == 0x09) { nameEnd -= 1 }
            let name = XMLScanner.localName(tag[index..<nameEnd])
            var valueStart = equals + 1
            while valueStart < tag.endIndex && (tag[valueStart] == 0x20 || tag[valueStart] == 0x09) { valueStart += 1 }
            guard valueStart < tag.endIndex, tag[valueStart] == 0x22 || tag[valueStart] == 0x27,
                  let close = tag[(valueStart + 1)...].firstIndex(of: tag[valueStart]) else { throw damaged("an unquoted attribute") }
            let raw = tag[(valueStart + 1)..<close]
            result.pairs.append((name, raw.contains(UInt8(ascii: "&")) ? String(decoding: XMLText.decode(raw), as: UTF8.self) : String(decoding: raw, as: UTF8.self)))
            index = close + 1
        }
        return result
    }
}

/// XML text decoding.
enum XMLText {
    /// Character data with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and `&#…;` decoded (others kept as written).
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "&"), let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                out.append(byte)
                index += 1
                continue
            }
            let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
            var replacement: String?
            switch name {
            case "amp": replacement = "&"
            case "lt": replacement = "<"
            case "gt": replacement = ">"
            case "quot": replacement = "\""
            case "apos": replacement = "'"
            default:
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String($0) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String($0) }
                }
            }
            if let replacement {
                out += replacement.utf8
                index = semicolon + 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    /// OOXML's escapes of characters XML cannot hold (`_x000D_` is a carriage return; `_x005F_` a literal `_`).
    static func unescapeOOXML(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        var out = ""
        var scalars = Substring(text)
        while let start = scalars.range(of: "_x") {
            out += scalars[..<start.lowerBound]
            let hex = scalars[start.upperBound...].prefix(5)
            if hex.count == 5, hex.last == "_", let value = UInt32(hex.prefix(4), radix: 16), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                scalars = scalars[scalars.index(start.upperBound, offsetBy: 5)...]
            } else {
                out += "_x"
                scalars = scalars[start.upperBound...]
            }
        }
        return out + scalars
    }
}
