import Foundation
import Testing

/// One row of a shared case file under Cases/ (the same files sql/tests/002-computations.sql reads).
struct CaseRow: Sendable, CustomTestStringConvertible {
    /// The file the row comes from, e.g. "votes.csv".
    let file: String
    /// The 1-based line of the row in its file.
    let line: Int
    /// The cells by column name; an empty cell is "".
    let cells: [String: String]

    /// The cell of `column`; a missing column is a bug in the test, so it traps with the column's name.
    subscript(_ column: String) -> String {
        guard let value = cells[column] else { fatalError("\(file) has no column \(column)") }
        return value
    }

    /// The `;`-separated list in `column` ("" is the empty list).
    func list(_ column: String) -> [String] {
        self[column].isEmpty ? [] : self[column].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
    }

    var testDescription: String { "\(file):\(line) \(cells["name"] ?? cells["case"] ?? "")" }
}

/// Reads the shared case files.
enum CaseFile {
    /// The rows of Cases/`name`.csv.
    static func rows(_ name: String) throws -> [CaseRow] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Cases") else {
            throw CaseFileError(message: "Cases/\(name).csv is not in the test bundle")
        }
        let records = parse(try String(contentsOf: url, encoding: .utf8))
        guard let header = records.first?.fields else { throw CaseFileError(message: "Cases/\(name).csv is empty") }
        return records.dropFirst().map { record in
            var cells: [String: String] = [:]
            for (column, value) in zip(header, record.fields) { cells[column] = value }
            return CaseRow(file: "\(name).csv", line: record.line, cells: cells)
        }
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes ("") and newlines.
    static func parse(_ text: String) -> [(line: Int, fields: [String])] {
        var records: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? {
            if let c = pending { pending = nil; return c }
            return characters.next()
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let following = next() {
                        if following == "\"" { field.append("\"") } else { quoted = false; pending = following }
                    } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true
            case ",": fields.append(field); field = ""
            case "\n", "\r\n":
                fields.append(field); field = ""
                records.append((recordLine, fields)); fields = []
                line += 1; recordLine = line
            default: field.append(c)
            }
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append((recordLine, fields)) }
        return records
    }
}

struct CaseFileError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
