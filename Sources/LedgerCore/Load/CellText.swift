/// Cell text for checks and messages, and the one definition of an invisible character: what a key or code
/// may not hold (the loader refuses it), and what every message and terminal output shows as an escape
/// (`TerminalText`). Also the one limit of a cell quoted in a message.
public enum CellText {
    /// The most characters of a cell a message quotes (SPEC §3.1), then `…`. The loader's checks in SQL quote
    /// cells through `staging.cell_excerpt` (021-loader.sql), which cuts at the same length; a test compares them.
    public static let quoteLimit = 60

    /// The invisible characters (inclusive ranges, sorted): every control character (C0 with tab and line
    /// ends, DEL, C1), the line and paragraph separators, Unicode's Default_Ignorable_Code_Point (soft hyphen,
    /// combining grapheme joiner, Arabic letter mark, Hangul fillers, Khmer inherent vowels, Mongolian
    /// selectors, zero-width spaces and joiners, direction marks, embeddings, overrides and isolates, word
    /// joiner and invisible operators, variation selectors, the BOM, shorthand format controls, musical
    /// format characters, tags, and the code points Unicode reserves as ignorable), and the interlinear
    /// annotation controls. Each prints as nothing, or moves or hides the text around it.
    static let invisible: [ClosedRange<UInt32>] = [
        0x0000...0x001F, 0x007F...0x009F, 0x00AD...0x00AD, 0x034F...0x034F, 0x061C...0x061C,
        0x115F...0x1160, 0x17B4...0x17B5, 0x180B...0x180F, 0x200B...0x200F, 0x2028...0x202E,
        0x2060...0x206F, 0x3164...0x3164, 0xFE00...0xFE0F, 0xFEFF...0xFEFF, 0xFFA0...0xFFA0,
        0xFFF0...0xFFFB, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE0FFF,
    ]

    /// Whether a character is invisible (see `invisible`). Ordinary Chinese text never is: CJK ideographs,
    /// full-width letters and punctuation (`；`, `，`) and the ideographic space print as themselves.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        // Most text is ASCII or CJK: settle ASCII and Latin-1 without the table.
        if value < 0xAD { return value < 0x20 || (0x7F...0x9F).contains(value) }
        return invisible.contains { $0.contains(value) }
    }

    /// An invisible character as it is shown: a Swift-style escape in upper-case hex, `\u{1B}`, `\u{200B}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// The invisible characters in a text (see `isInvisible`), each once, in order of first appearance;
    /// empty for clean text.
    public static func invisibleCharacters(in text: String) -> [Unicode.Scalar] {
        var found: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars where isInvisible(scalar) && !found.contains(scalar) {
            found.append(scalar)
        }
        return found
    }

    /// A character's code point as people write it (at least four digits): `U+200B`, `U+00AD`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// A text to quote in a message: invisible characters as escapes (`escape`), and at most `limit`
    /// characters (an escape counts as one) followed by `…` when the text is longer.
    public static func escapedForMessage(_ text: String, limit: Int = quoteLimit) -> String {
        // A character made of very many scalars (combining marks piled up) is cut too: the output stays small.
        let scalarsPerCharacter = 8
        var out = ""
        var shown = 0
        for character in text {
            if shown >= limit { return out + "…" }
            shown += 1
            if !character.unicodeScalars.contains(where: isInvisible) && character.unicodeScalars.dropFirst(scalarsPerCharacter).isEmpty {
                out.append(character)
                continue
            }
            for (index, scalar) in character.unicodeScalars.enumerated() {
                if index == scalarsPerCharacter { return out + "…" }
                if isInvisible(scalar) {
                    out += escape(scalar)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
