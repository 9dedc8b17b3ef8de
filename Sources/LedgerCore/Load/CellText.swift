import Foundation

/// Placeholder until the CSV reader's branch lands (it owns this file).
public enum CellText {
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200D, 0x2060, 0xFEFF, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    public static func invisibleCharacters(in text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.filter(isInvisible)
    }

    public static func escapedForMessage(_ text: String, limit: Int = 60) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { return out + "…" }
            if isInvisible(scalar) { out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(scalar) }
            count += 1
        }
        return out
    }
}
