import LedgerCore
import Testing

/// The exact areas `propledger vote check` reads (money and percent splits are SQL's: AllocationTests).
@Suite("Area")
struct AreaTests {
    @Test("parses m² with at most two decimals", arguments: [
        ("89.5", Int64(8950)), ("89.50", 8950), ("0", 0), ("007.1", 710), ("2494.55", 249_455),
        ("999999999999.99", 99_999_999_999_999),
    ])
    func parses(text: String, hundredths: Int64) throws {
        #expect(try Area(parsing: text).hundredths == hundredths)
    }

    @Test("refuses malformed areas with a reason", arguments: [
        ("1,234", DecimalParseError.Reason.thousandsSeparator),
        ("1，234", .thousandsSeparator),
        ("1e3", .exponent),
        ("1.234", .tooManyDecimals(3)),
        ("", .empty),
        ("-", .missingDigits),
        (".5", .missingDigits),
        ("12.", .missingDigits),
        ("-1", .negative),
        ("-1.234", .tooManyDecimals(3)),
        ("+5", .invalidCharacter("+", position: 1)),
        ("1 234", .invalidCharacter(" ", position: 2)),
        ("1.2.3", .invalidCharacter(".", position: 4)),
        ("12m²", .invalidCharacter("m", position: 3)),
        ("92233720368547758.08", .outOfRange),
    ])
    func refuses(text: String, reason: DecimalParseError.Reason) {
        #expect(throws: DecimalParseError(input: text, quantity: "an area", reason: reason)) {
            try Area(parsing: text)
        }
    }

    @Test("the reason is a message a user can act on")
    func messages() {
        #expect(DecimalParseError(input: "1.234", quantity: "an area", reason: .tooManyDecimals(3)).description
            == "\"1.234\" is not an area: it has 3 decimals, at most 2 are allowed")
        #expect(DecimalParseError(input: "", quantity: "an area", reason: .empty).description == "an empty value is not an area")
        #expect(DecimalParseError(input: "-1", quantity: "an area", reason: .negative).description
            == "\"-1\" is not an area: it cannot be negative")
    }

    @Test("formats with two decimals and orders by size")
    func formats() throws {
        #expect(try Area(parsing: "89.5").description == "89.50")
        #expect(Area(hundredths: 5)?.description == "0.05")
        #expect(Area.zero.description == "0.00")
        #expect(Area(hundredths: .max)?.description == "92233720368547758.07")
        #expect(Area(hundredths: -1) == nil)
        #expect(Area("12.5") == Area(hundredths: 1250))
        #expect(Area("-12.5") == nil)
        #expect(try Area(parsing: "0.01") < Area(parsing: "0.10"))
    }
}
