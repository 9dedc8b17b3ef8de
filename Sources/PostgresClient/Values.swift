import Foundation

/// A Swift value that can be sent to PostgreSQL as a bound parameter (in text format).
///
/// `nil` of any `Optional` of a bindable type is SQL NULL.
public protocol PostgresBindable {
    /// The parameter's text, or `nil` for NULL.
    var postgresParameter: String? { get }
}

/// A Swift value that can be decoded from a PostgreSQL text-format column.
public protocol PostgresDecodable {
    /// Decodes the server's text form; `nil` when the text is not a valid value of this type.
    init?(postgresText: String)
    /// What SQL NULL decodes to; `nil` means NULL is not allowed for this type.
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public var postgresParameter: String? { self?.postgresParameter }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init?(postgresText: String) {
        guard let value = Wrapped(postgresText: postgresText) else { return nil }
        self = .some(value)
    }
    public static var postgresNull: Self? { .some(.none) }
}

extension String: PostgresBindable, PostgresDecodable {
    public var postgresParameter: String? { self }
    public init?(postgresText: String) { self = postgresText }
}

extension Int: PostgresBindable, PostgresDecodable {
    public var postgresParameter: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
}

extension Int64: PostgresBindable, PostgresDecodable {
    public var postgresParameter: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
}

extension Int32: PostgresBindable, PostgresDecodable {
    public var postgresParameter: String? { String(self) }
    public init?(postgresText: String) { self.init(postgresText, radix: 10) }
}

extension Bool: PostgresBindable, PostgresDecodable {
    public var postgresParameter: String? { self ? "true" : "false" }
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}

/// An exact PostgreSQL `numeric`, kept as its decimal digits: it never passes through Double.
public struct PostgresNumeric: Hashable, Sendable, CustomStringConvertible, PostgresBindable, PostgresDecodable {
    /// True for a negative value.
    public let isNegative: Bool
    /// The digits before the decimal point, without leading zeros ("0" for none).
    public let integerDigits: String
    /// The digits after the decimal point, without trailing zeros.
    public let fractionDigits: String

    /// Parses a plain decimal such as `-1234.50`; `nil` for anything else (NaN and infinities included).
    public init?(_ text: String) {
        var body = Substring(text)
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() } else if body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
              whole.utf8.allSatisfy(Self.isDigit), fraction.utf8.allSatisfy(Self.isDigit)
        else { return nil }
        let integer = whole.drop(while: { $0 == "0" })
        var frac = String(fraction)
        while frac.last == "0" { frac.removeLast() }
        integerDigits = integer.isEmpty ? "0" : String(integer)
        fractionDigits = frac
        isNegative = negative && !(integerDigits == "0" && fractionDigits.isEmpty)
    }

    /// An ASCII digit byte (tested on UTF-8 bytes: Character properties are slow on long result sets).
    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The value times 10^scale as an integer, or `nil` if that would drop a non-zero digit or overflow.
    public func scaled(by scale: Int) -> Int64? {
        guard fractionDigits.count <= scale else { return nil }
        let digits = integerDigits + fractionDigits + String(repeating: "0", count: scale - fractionDigits.count)
        guard let magnitude = Int64(digits) else { return nil }
        return isNegative ? -magnitude : magnitude
    }

    /// The canonical text: no leading zeros, no trailing fractional zeros.
    public var description: String {
        (isNegative ? "-" : "") + integerDigits + (fractionDigits.isEmpty ? "" : "." + fractionDigits)
    }

    /// The text with exactly `places` decimals (padding with zeros), or `nil` if digits would be lost.
    public func formatted(places: Int) -> String? {
        guard fractionDigits.count <= places else { return nil }
        let padded = fractionDigits + String(repeating: "0", count: places - fractionDigits.count)
        return (isNegative ? "-" : "") + integerDigits + (places > 0 ? "." + padded : "")
    }

    public var postgresParameter: String? { description }
    public init?(postgresText: String) { self.init(postgresText) }
}

/// A calendar date as PostgreSQL's `date` holds it, free of time zones.
public struct PostgresDate: Hashable, Comparable, Sendable, CustomStringConvertible, PostgresBindable, PostgresDecodable {
    /// The year (1 or later).
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// A date from its parts; `nil` if it does not exist in the Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...PostgresDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: PostgresDate, rhs: PostgresDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public var postgresParameter: String? { description }
    public init?(postgresText: String) { self.init(postgresText) }
}

/// A `timestamptz` as an instant; decoded from ISO DateStyle text such as `2026-11-21 16:46:00.5+08`.
public struct PostgresTimestamp: Hashable, Sendable, PostgresDecodable {
    /// The instant.
    public let date: Date

    public init?(postgresText: String) {
        // "YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]"
        let text = postgresText
        guard text.count >= 22 else { return nil }
        let dayPart = String(text.prefix(10))
        guard let day = PostgresDate(dayPart) else { return nil }
        let rest = text.dropFirst(11)
        guard let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) else { return nil }
        let clock = rest[rest.startIndex..<signIndex]
        let zone = rest[signIndex...]
        let clockParts = clock.split(separator: ":")
        guard clockParts.count == 3, let hour = Int(clockParts[0]), let minute = Int(clockParts[1]) else { return nil }
        let secondParts = clockParts[2].split(separator: ".", omittingEmptySubsequences: false)
        guard let second = Int(secondParts[0]) else { return nil }
        var micros = 0
        if secondParts.count == 2 {
            let digits = String(secondParts[1].prefix(6))
            guard let value = Int(digits) else { return nil }
            micros = value * PostgresTimestamp.pow10(6 - digits.count)
        }
        let zoneSign = zone.first == "-" ? -1 : 1
        let zoneParts = zone.dropFirst().split(separator: ":").compactMap { Int($0) }
        guard !zoneParts.isEmpty else { return nil }
        let offset = zoneSign * ((zoneParts[0] * 3600) + (zoneParts.count > 1 ? zoneParts[1] * 60 : 0)
            + (zoneParts.count > 2 ? zoneParts[2] : 0))
        let days = PostgresTimestamp.daysFromCivil(day.year, day.month, day.day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        date = Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(micros) / 1_000_000)
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// A `json` or `jsonb` value, kept as its text.
public struct PostgresJSON: Hashable, Sendable, PostgresBindable, PostgresDecodable {
    /// The JSON text.
    public let text: String

    /// Wraps JSON text.
    public init(text: String) { self.text = text }
    public init?(postgresText: String) { text = postgresText }
    public var postgresParameter: String? { text }

    /// Decodes the JSON into a `Decodable` type.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
