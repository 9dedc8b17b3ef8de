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
        hundredths = try Hundredths.parse(text, quantity: Message.quantityArea.render(.en))
    }

    /// Parses like `init(parsing:)`, nil when the text is refused.
    public init?(_ description: String) {
        guard let value = try? Area(parsing: description) else { return nil }
        self = value
    }

    /// m² with two decimals: "89.50".
    public var description: String { Hundredths.format(hundredths) }

    /// Orders by size.
    public static func < (lhs: Area, rhs: Area) -> Bool { lhs.hundredths < rhs.hundredths }
}
