import Foundation

/// CSV cells as the report writer and the loader's `--rejects` writer put them: safe to open in a
/// spreadsheet, then quoted per RFC 4180.
public enum CSVText {
    /// A CSV cell ready to join with commas: `neutralised(_:isNumber:)`, then `quote(_:)`.
    ///
    /// Call it for every cell a person may open in Excel, WPS or LibreOffice (report CSV, rejects
    /// files). `isNumber: true` only for a cell of a numeric column (the column's kind says so, not the
    /// text): its `-12.50` stays a number.
    public static func field(_ text: String, isNumber: Bool = false) -> String {
        quote(neutralised(text, isNumber: isNumber))
    }

    /// The cell with a spreadsheet formula defused (OWASP "CSV injection"): a text cell that begins
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so the spreadsheet shows
    /// it as text instead of evaluating `=HYPERLINK(…)` or `@SUM(…)|cmd`.
    ///
    /// A cell of a numeric column (`isNumber: true`) is left as it is when it is a plain number as
    /// PostgreSQL writes one (`-12.50`, `3`, `0.5`); anything else in it is treated as text.
    public static func neutralised(_ text: String, isNumber: Bool = false) -> String {
        guard let first = text.unicodeScalars.first, formulaTriggers.contains(first) else { return text }
        if isNumber && isPlainNumber(text) { return text }
        return "'" + text
    }

    /// Quotes a cell when it holds a comma, quote, CR or LF (or starts/ends with a space).
    public static func quote(_ cell: String) -> String {
        // By byte: "\r\n" is one Character, which equals neither "\r" nor "\n".
        if cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 })
            || cell.hasPrefix(" ") || cell.hasSuffix(" ") {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }

    /// The first characters that make a spreadsheet read a cell as a formula (OWASP).
    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// An optional minus, digits, and at most one point with digits around it: `-12.50`, `7`.
    static func isPlainNumber(_ text: String) -> Bool {
        var digits = 0, point = false
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: ".") where !point && digits > 0: point = true
            default: return false
            }
        }
        return digits > 0 && text.utf8.last != UInt8(ascii: ".")
    }
}
