// Exact fixed-point quantities with two decimals: money (fen), floor area and percentages
// (hundredths). SPEC §2.10: no binary floating point ever touches them.

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
    /// The kind of quantity wanted: "an amount", "an area", "a percent".
    public let quantity: String
    /// What was wrong.
    public let reason: Reason

    /// Creates the error for `input`.
    public init(input: String, quantity: String, reason: Reason) {
        self.input = input
        self.quantity = quantity
        self.reason = reason
    }

    /// A message for the user: what was wrong and how to write it instead.
    public var description: String {
        let what = "\"\(input)\" is not \(quantity)"
        switch reason {
        case .empty: return "an empty value is not \(quantity)"
        case .thousandsSeparator: return "\(what): leave out the thousands separators (write 1234.50, not 1,234.50)"
        case .exponent: return "\(what): write the digits out, without an exponent"
        case .tooManyDecimals(let n): return "\(what): it has \(n) decimals, at most 2 are allowed"
        case .invalidCharacter(let c, let position): return "\(what): unexpected \"\(c)\" at position \(position)"
        case .missingDigits: return "\(what): digits are missing (write e.g. 0.50 or 12)"
        case .negative: return "\(what): it cannot be negative"
        case .outOfRange: return "\(what): it is too large"
        }
    }
}

/// Parsing and formatting of decimals with two places, as a whole number of hundredths.
enum Hundredths {
    /// Parses `-?digits(.d{1,2})?` into hundredths.
    static func parse(_ text: String, quantity: String, allowNegative: Bool) throws(DecimalParseError) -> Int64 {
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
        if negative && !allowNegative { throw fail(.negative) }
        var magnitude: Int64 = 0
        for digit in whole + fraction + Array(repeating: 0, count: 2 - fraction.count) {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(Int64(digit))
            if o1 || o2 { throw fail(.outOfRange) }
            magnitude = sum
        }
        return negative ? -magnitude : magnitude
    }

    /// Formats hundredths with exactly two decimals: `-0.01`, `1234.50`.
    static func format(_ value: Int64) -> String {
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return (value < 0 ? "-" : "") + String(magnitude / 100) + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}

/// An arithmetic result that does not fit in 64 bits of fen or hundredths.
public struct ArithmeticOverflow: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operation that overflowed, e.g. "1.00 + 92233720368547758.07".
    public let operation: String
    /// A message for the user.
    public var description: String { "arithmetic overflow in \(operation)" }
}

/// An exact amount of money in yuan, held as a whole number of fen (0.01 yuan).
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible, Codable {
    /// The amount in fen.
    public let fen: Int64

    /// Zero yuan.
    public static let zero = Money(fen: 0)

    /// The amount of `fen` fen.
    public init(fen: Int64) { self.fen = fen }

    /// Parses yuan with at most two decimals: "1234.5", "1234.50", "-0.01". Refuses "1,234", "1e3", "12.345", "".
    public init(parsing text: String) throws(DecimalParseError) {
        fen = try Hundredths.parse(text, quantity: "an amount", allowNegative: true)
    }

    /// Parses like `init(parsing:)`, nil when the text is refused.
    public init?(_ description: String) {
        guard let value = try? Money(parsing: description) else { return nil }
        self = value
    }

    /// Yuan with two decimals: "1234.50", "-0.01".
    public var description: String { Hundredths.format(fen) }

    /// The sum, or an error when it does not fit.
    public func adding(_ other: Money) throws(ArithmeticOverflow) -> Money {
        let (sum, overflow) = fen.addingReportingOverflow(other.fen)
        if overflow { throw ArithmeticOverflow(operation: "\(self) + \(other)") }
        return Money(fen: sum)
    }

    /// The difference, or an error when it does not fit.
    public func subtracting(_ other: Money) throws(ArithmeticOverflow) -> Money {
        let (difference, overflow) = fen.subtractingReportingOverflow(other.fen)
        if overflow { throw ArithmeticOverflow(operation: "\(self) - \(other)") }
        return Money(fen: difference)
    }

    /// The amount times a whole number, or an error when it does not fit.
    public func multiplied(by factor: Int64) throws(ArithmeticOverflow) -> Money {
        let (product, overflow) = fen.multipliedReportingOverflow(by: factor)
        if overflow { throw ArithmeticOverflow(operation: "\(self) × \(factor)") }
        return Money(fen: product)
    }

    /// The exact sum of amounts, or an error when it does not fit.
    public static func sum<S: Sequence>(_ amounts: S) throws(ArithmeticOverflow) -> Money where S.Element == Money {
        var total = Money.zero
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// The sum; traps on overflow like `Int64`'s `+` (use `adding(_:)` to handle it).
    public static func + (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen + rhs.fen) }
    /// The difference; traps on overflow like `Int64`'s `-` (use `subtracting(_:)` to handle it).
    public static func - (lhs: Money, rhs: Money) -> Money { Money(fen: lhs.fen - rhs.fen) }
    /// The negated amount; traps for the one amount without a negative.
    public static prefix func - (amount: Money) -> Money { Money(fen: -amount.fen) }
    /// Orders by amount.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.fen < rhs.fen }

    /// Decodes from a string with at most two decimals ("1234.50"), as JSON money is written.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try Money(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes as a string with two decimals.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
