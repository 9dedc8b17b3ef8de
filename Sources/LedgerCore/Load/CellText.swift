/// Cell text for checks and messages: the invisible characters a key must not hold, and a cell made safe to
/// quote in a message (invisible characters shown as escapes, cut to a length).
public enum CellText {
    /// Whether a character is invisible or a control: C0 and C1 controls and DEL (tab and line ends included),
    /// the soft hyphen, zero-width characters (U+200B–U+200D, U+2060–U+2064, U+FEFF as a BOM inside text),
    /// direction marks and bidirectional controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), the line
    /// and paragraph separators, the Mongolian vowel separator and the interlinear annotation controls.
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x180E: true
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2064, 0x2066...0x2069: true
        case 0xFEFF, 0xFFF9...0xFFFB: true
        default: false
        }
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

    /// A character's code point as people write it: `U+200B`.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        "U+" + hex(scalar)
    }

    /// A text to quote in a message: invisible characters as `\u{200B}` escapes, and at most `limit`
    /// characters (an escape counts as one) followed by `…` when the text is longer (SPEC §3.1: 60).
    public static func escapedForMessage(_ text: String, limit: Int = 60) -> String {
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
                    out += "\\u{" + hex(scalar) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// At least four upper-case hex digits.
    private static func hex(_ scalar: Unicode.Scalar) -> String {
        let digits = String(scalar.value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
