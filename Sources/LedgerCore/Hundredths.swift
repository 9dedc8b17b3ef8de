// Exact decimals with two places, as whole numbers of hundredths: the areas `propledger vote check`
// reads and the percentages it prints (SPEC §2.10: no binary floating point ever touches them). Money
// is SQL's alone (numeric(14,2)); the reports print it as the server formats it.

/// Why a text is not an exact decimal with at most two places.
public struct DecimalParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong with the text.
    public enum Reason: Equatable, Sendable {
        /// Nothing was given.
        case empty
        /// A thousands separator such as `1,234`.
        case thousandsSeparator
        /// Scientific notation such as `1e3`.
        case exponent
        /// More than two decimal places (`decimals` of them).
        case tooManyDecimals(Int)
        /// A character that has no place in a decimal number, at a 1-based position.
        case invalidCharacter(Character, position: Int)
        /// A sign or point without digits where digits are needed (`-`, `.5`, `12.`).
        case missingDigits
        /// A minus sign where the quantity cannot be negative.
        case negative
        /// The value does not fit in 64 bits of hundredths.
        case outOfRange
    }

    /// The text that was refused.
    public let input: String
    /// The kind of quantity wanted, e.g. "an area".
    public let quantity: String
    /// What was wrong.
    public let reason: Reason

    /// Creates the error for `input`.
    public init(input: String, quantity: String, reason: Reason) {
        self.input = input
        self.quantity = quantity
        self.reason = reason
    }

    /// A message for the user, in English: what was wrong and how to write it instead.
    public var description: String { message(.en) }

    /// The message in a language (the catalogue's); a quantity the catalogue names (`Message.quantityArea`) is
    /// said in that language.
    public func message(_ language: Language) -> String {
        let named = Message.quantityArea.render(.en) == quantity ? Message.quantityArea.render(language) : quantity
        var arguments = ["input": input, "quantity": named]
        let message: Message
        switch reason {
        case .empty: message = .decimalEmpty
        case .thousandsSeparator: message = .decimalThousands
        case .exponent: message = .decimalExponent
        case .tooManyDecimals(let n): message = .decimalDecimals; arguments["count"] = String(n)
        case .invalidCharacter(let c, let position):
            message = .decimalCharacter; arguments["character"] = String(c); arguments["position"] = String(position)
        case .missingDigits: message = .decimalDigits
        case .negative: message = .decimalNegative
        case .outOfRange: message = .decimalRange
        }
        return message.render(language, arguments)
    }
}

/// Parsing and formatting of decimals with two places, as a whole number of hundredths.
enum Hundredths {
    /// Parses `digits(.d{1,2})?` into hundredths; a leading minus is refused as `.negative`.
    static func parse(_ text: String, quantity: String) throws(DecimalParseError) -> Int64 {
        func fail(_ reason: DecimalParseError.Reason) -> DecimalParseError {
            DecimalParseError(input: text, quantity: quantity, reason: reason)
        }
        if text.isEmpty { throw fail(.empty) }
        var negative = false
        var whole: [UInt8] = []
        var fraction: [UInt8] = []
        var seenPoint = false
        for (offset, character) in text.enumerated() {
            switch character {
            case "-" where offset == 0:
                negative = true
            case "0"..."9":
                let digit = character.asciiValue! - 48
                if seenPoint { fraction.append(digit) } else { whole.append(digit) }
            case "." where !seenPoint:
                seenPoint = true
            case ",", "，":
                throw fail(.thousandsSeparator)
            case "e", "E":
                throw fail(.exponent)
            default:
                throw fail(.invalidCharacter(character, position: offset + 1))
            }
        }
        if whole.isEmpty || (seenPoint && fraction.isEmpty) { throw fail(.missingDigits) }
        if fraction.count > 2 { throw fail(.tooManyDecimals(fraction.count)) }
        if negative { throw fail(.negative) }
        var magnitude: Int64 = 0
        for digit in whole + fraction + Array(repeating: 0, count: 2 - fraction.count) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            if o1 || o2 { throw fail(.outOfRange) }
            magnitude = sum
        }
        return magnitude
    }

    /// Formats hundredths with exactly two decimals: `-0.01`, `1234.50`.
    static func format(_ value: Int64) -> String {
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return (value < 0 ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
