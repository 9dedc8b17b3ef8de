// How many terminal columns text takes, by the project's own East Asian width table (UAX #11
// wide and fullwidth ranges), so a table lines up the same on every system: libc's wcwidth
// differs between platforms and locales (and is -1 for everything under the C locale).

/// Terminal display width of text: East Asian wide and fullwidth characters take two columns.
public enum DisplayWidth {
    /// Code point ranges (inclusive) that take two columns.
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F,   // Hangul Jamo initial consonants
        0x231A...0x231B,   // watch, hourglass
        0x2329...0x232A,   // angle brackets
        0x2E80...0x2FFF,   // CJK radicals, Kangxi radicals, ideographic description characters
        0x3000...0x303E,   // CJK symbols and punctuation (ideographic space, 、。「」…)
        0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed, compatibility
        0x3400...0x4DBF,   // CJK Unified Ideographs Extension A
        0x4E00...0x9FFF,   // CJK Unified Ideographs
        0xA000...0xA4CF,   // Yi syllables and radicals
        0xA960...0xA97F,   // Hangul Jamo Extended-A
        0xAC00...0xD7A3,   // Hangul syllables
        0xF900...0xFAFF,   // CJK compatibility ideographs
        0xFE10...0xFE19,   // vertical forms
        0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
        0xFF01...0xFF60,   // fullwidth ASCII variants and brackets
        0xFFE0...0xFFE6,   // fullwidth signs (￥, ￡, …)
        0x16FE0...0x16FE4, // ideographic symbols
        0x17000...0x18AFF, // Tangut
        0x1B000...0x1B16F, // Kana supplement and extensions
        0x1F300...0x1F64F, // pictographs and emoticons
        0x1F900...0x1F9FF, // supplemental symbols and pictographs
        0x20000...0x2FFFD, // CJK Extensions B–F, compatibility supplement
        0x30000...0x3FFFD, // CJK Extensions G–H
    ]

    /// Code point ranges (inclusive) that take no column: combining marks, zero-width
    /// characters, variation selectors.
    static let zero: [ClosedRange<UInt32>] = [
        0x0300...0x036F, 0x0483...0x0489, 0x0591...0x05BD, 0x0610...0x061A, 0x064B...0x065F,
        0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064,
        0x20D0...0x20FF, 0x302A...0x302D, 0x3099...0x309A, 0xFE00...0xFE0F, 0xFE20...0xFE2F,
        0xFEFF...0xFEFF, 0xE0100...0xE01EF,
    ]

    /// The columns one scalar takes: 0, 1 or 2 (control characters take 0).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return 0 }
        if value < 0x300 { return 1 }
        if contains(zero, value) { return 0 }
        return contains(wide, value) ? 2 : 1
    }

    /// The columns a text takes on a terminal.
    public static func of(_ text: String) -> Int {
        // Printable ASCII (most cells) is one column a byte.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The text padded with spaces to `width` columns, on the right (left-aligned) or on the left.
    public static func pad(_ text: String, to width: Int, rightAligned: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return rightAligned ? fill + text : text + fill
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        // Binary search: the ranges are sorted and disjoint.
        var low = 0, high = ranges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            if value < ranges[mid].lowerBound { high = mid - 1 } else if value > ranges[mid].upperBound { low = mid + 1 } else { return true }
        }
        return false
    }
}

/// Text made safe to show on a terminal: control characters and invisible characters (`CellText.isInvisible`,
/// the same set a key may not hold) written as escapes (`CellText.escape`: `\u{1B}`), so data can neither
/// drive the terminal (ESC sequences that recolour, retitle or clear it, a CR that overwrites a line) nor
/// hide in plain sight (zero-width spaces, right-to-left overrides).
///
/// Used for every cell of `--format table` (always, not only on a terminal: a table is for reading,
/// and one saved to a file reaches a terminal later through `cat`), for every line `propledger`
/// writes to standard error, and for other formats written to a terminal. A backslash is left as it
/// is, so `\u{1B}` in a cell is ambiguous with an escaped ESC; that is the price of readable paths.
public enum TerminalText {
    /// The text with every invisible scalar (`CellText.isInvisible`) written as an escape (ESC as `\u{1B}`).
    ///
    /// With `keepingLineBreaks` (messages of several lines), a line feed, a tab and a carriage
    /// return directly before a line feed are kept as they are.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        // Most text has nothing to escape: printable ASCII, or at most Chinese text.
        if !text.unicodeScalars.contains(where: CellText.isInvisible) { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let kept = keepingLineBreaks
                && (scalar == "\n" || scalar == "\t" || (scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"))
            if kept || !CellText.isInvisible(scalar) {
                out.append(scalar)
            } else {
                out.append(contentsOf: CellText.escape(scalar).unicodeScalars)
            }
        }
        return String(out)
    }

    /// A message that may quote data (a server error quoting a cell): every quoted part — between
    /// double quotes, or between parentheses as in `Key (code)=(…)` and `Failing row contains (…)` —
    /// longer than `quoteLimit` characters is cut (ending in `…`), and the whole is escaped, keeping
    /// its line breaks.
    public static func message(_ text: String, quoteLimit: Int = CellText.quoteLimit) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(where: { $0 == "\"" || $0 == "(" }) {
            out += rest[...open]
            let afterOpen = rest.index(after: open)
            let end = closingIndex(of: rest[open], in: rest[afterOpen...])
            let quoted = rest[afterOpen..<end]
            out += quoted.count > quoteLimit ? quoted.prefix(quoteLimit) + "…" : quoted
            rest = rest[end...]
            if let close = rest.first, close == "\"" || close == ")" {
                out.append(close)
                rest = rest.dropFirst()
            }
        }
        return escaped(out + rest, keepingLineBreaks: true)
    }

    /// Where a quoted part that began with `open` ends: at the closing quote or the matching
    /// parenthesis, else at the end of its line.
    private static func closingIndex(of open: Character, in text: Substring) -> Substring.Index {
        var depth = 0
        for index in text.indices {
            let character = text[index]
            if character == "\n" || character == "\r\n" { return index }
            if open == "\"" {
                if character == "\"" { return index }
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                if depth == 0 { return index }
                depth -= 1
            }
        }
        return text.endIndex
    }
}
