import Foundation

/// RFC 4180 quoting.
public enum CSVText {
    /// Quotes a cell when it holds a comma, quote, CR or LF (or starts/ends with a space).
    public static func quote(_ cell: String) -> String {
        if cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || cell.hasPrefix(" ") || cell.hasSuffix(" ") {
            return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return cell
    }
}
