/// An exact floor area in m², to 0.01 m², never negative.
public struct Area: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// The area in hundredths of a square metre.
    public let hundredths: Int64

    /// No area.
    public static let zero = Area(uncheckedHundredths: 0)

    /// The area of `hundredths` hundredths of a m²; nil when negative.
    public init?(hundredths: Int64) {
        guard hundredths >= 0 else { return nil }
        self.hundredths = hundredths
    }

    private init(uncheckedHundredths: Int64) { hundredths = uncheckedHundredths }

    /// Parses m² with at most two decimals: "89.5", "89.50". Refuses negatives, "1,234", "1e3", "1.234", "".
    public init(parsing text: String) throws(DecimalParseError) {
        hundredths = try Hundredths.parse(text, quantity: "an area", allowNegative: false)
    }

    /// Parses like `init(parsing:)`, nil when the text is refused.
    public init?(_ description: String) {
        guard let value = try? Area(parsing: description) else { return nil }
        self = value
    }

    /// m² with two decimals: "89.50".
    public var description: String { Hundredths.format(hundredths) }

    /// The sum, or an error when it does not fit.
    public func adding(_ other: Area) throws(ArithmeticOverflow) -> Area {
        let (sum, overflow) = hundredths.addingReportingOverflow(other.hundredths)
        if overflow { throw ArithmeticOverflow(operation: "\(self) + \(other) m²") }
        return Area(uncheckedHundredths: sum)
    }

    /// Orders by size.
    public static func < (lhs: Area, rhs: Area) -> Bool { lhs.hundredths < rhs.hundredths }
}

/// An exact percentage to 0.01 (33.33 is 33.33%), never negative.
public struct Percent: Sendable, Hashable, Comparable, CustomStringConvertible, LosslessStringConvertible {
    /// The percentage in hundredths of a percent: 100.00% is 10000.
    public let hundredths: Int64

    /// 100.00%: what the percents of a split must sum to.
    public static let hundred = Percent(uncheckedHundredths: 10_000)

    /// The percentage of `hundredths` hundredths of a percent; nil when negative.
    public init?(hundredths: Int64) {
        guard hundredths >= 0 else { return nil }
        self.hundredths = hundredths
    }

    private init(uncheckedHundredths: Int64) { hundredths = uncheckedHundredths }

    /// Parses a percentage with at most two decimals, without a % sign: "33.33", "50". Refuses negatives.
    public init(parsing text: String) throws(DecimalParseError) {
        hundredths = try Hundredths.parse(text, quantity: "a percent", allowNegative: false)
    }

    /// Parses like `init(parsing:)`, nil when the text is refused.
    public init?(_ description: String) {
        guard let value = try? Percent(parsing: description) else { return nil }
        self = value
    }

    /// The percentage with two decimals and no sign: "33.33".
    public var description: String { Hundredths.format(hundredths) }

    /// Orders by size.
    public static func < (lhs: Percent, rhs: Percent) -> Bool { lhs.hundredths < rhs.hundredths }
}
