import PostgresClient

/// Help for arguments a person typed: why a date is not a day, and which name they probably meant.
public enum ArgumentAdvice {
    /// Why `text` is not a day, or nil when it is one: "2026-02-30 is not a day: February 2026 has 28 days".
    public static func dateProblem(_ text: String, _ language: Language = .en) -> String? {
        if PostgresDate(text) != nil { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return Message.dateNotDate.render(language, ["text": text])
        }
        guard (1...12).contains(month) else { return Message.dateNoMonth.render(language, ["text": text, "month": String(month)]) }
        guard year >= 1 else { return Message.dateNoYear.render(language, ["text": text, "year": String(year)]) }
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]
        return Message.dateMonthDays.render(language, [
            "text": text, "month": language == .en ? names[month - 1] : String(month), "year": String(year),
            "days": String(PostgresDate.daysIn(month: month, year: year)), "day": String(day)])
    }

    /// The candidate closest to `name` when it is near enough to be a slip (at most 2 edits, or a prefix).
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(name.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        if best.1 <= max(1, min(2, name.count / 3)) { return best.0 }
        return candidates.first { $0.hasPrefix(name.lowercased()) && name.count >= 3 }
    }

    /// " Did you mean "x"?" (说的是“x”吗？) for the closest candidate, or nothing when none is near.
    public static func didYouMean(_ name: String, among candidates: [String], _ language: Language) -> String {
        closest(to: name, among: candidates).map { Message.didYouMean.render(language, ["name": $0]) } ?? ""
    }

    /// The Damerau–Levenshtein distance (adjacent swaps count once, so "reprot" is 1 from "report").
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = Array(repeating: Array(repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}
