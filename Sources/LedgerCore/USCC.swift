// Unified social credit codes (统一社会信用代码), GB 32100-2015, SPEC §2.1.
// SQL has the same check in ledger.uscc_check_char / ledger.uscc_is_valid; Cases/uscc.csv feeds both.

/// Why a text is not a valid USCC.
public enum USCCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Not 18 characters; `length` is how many there were.
    case wrongLength(Int)
    /// A character outside 0-9A-HJ-NPQRTUWXY (upper case), at a 1-based position.
    case badCharacter(Character, position: Int)
    /// The 18th character is not the check character of the first 17.
    case checkCharacterMismatch(expected: Character, found: Character)

    /// A stable code for the kind of error, as in the `error` column of Cases/uscc.csv.
    public var code: String {
        switch self {
        case .wrongLength: return "wrong_length"
        case .badCharacter(_, let position): return "bad_character:\(position)"
        case .checkCharacterMismatch(let expected, _): return "check_character:\(expected)"
        }
    }

    /// A message for the user.
    public var description: String {
        switch self {
        case .wrongLength(let length): return "a USCC has 18 characters, this has \(length)"
        case let .badCharacter(character, position):
            return "\"\(character)\" at position \(position) is not a USCC character (0-9 and A-Z without I, O, S, V, Z)"
        case let .checkCharacterMismatch(expected, found):
            return "check character expected \(expected), found \(found)"
        }
    }
}

/// A valid unified social credit code.
public struct USCC: Sendable, Hashable, CustomStringConvertible {
    /// The 31 characters of the code, valued 0–30 in this order.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")

    /// The weights of positions 1–17: 3^(i−1) mod 31.
    static let weights: [Int] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// The 18 characters.
    public let code: String

    /// Validates `code`, saying what is wrong: its length, a bad character, or the check character expected.
    public init(_ code: String) throws(USCCError) {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 18 else { throw .wrongLength(scalars.count) }
        let values = try Self.values(of: scalars)
        let expected = Self.alphabet[Self.checkValue(values)]
        let found = Character(scalars[17])
        if expected != found { throw .checkCharacterMismatch(expected: expected, found: found) }
        self.code = code
    }

    /// The code.
    public var description: String { code }

    /// True when `code` is a valid USCC.
    public static func isValid(_ code: String) -> Bool { (try? USCC(code)) != nil }

    /// The check character of the first 17 characters of a 17- or 18-character code (an 18th is
    /// ignored); nil when the length is wrong or one of the first 17 is not a USCC character.
    /// Like SQL's `ledger.uscc_check_char`.
    public static func checkCharacter(for code: String) -> Character? {
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 17 || scalars.count == 18,
              let values = try? values(of: Array(scalars.prefix(17)))
        else { return nil }
        return alphabet[checkValue(values)]
    }

    /// The values of the characters, or the first bad one.
    private static func values(of scalars: [Unicode.Scalar]) throws(USCCError) -> [Int] {
        var values: [Int] = []
        for (offset, scalar) in scalars.enumerated() {
            guard let value = alphabet.firstIndex(of: Character(scalar)) else {
                throw .badCharacter(Character(scalar), position: offset + 1)
            }
            values.append(value)
        }
        return values
    }

    /// (31 − Σ value·weight mod 31) mod 31 over the first 17 values.
    private static func checkValue(_ values: [Int]) -> Int {
        (31 - zip(values.prefix(17), weights).reduce(0) { ($0 + $1.0 * $1.1) % 31 }) % 31
    }
}
