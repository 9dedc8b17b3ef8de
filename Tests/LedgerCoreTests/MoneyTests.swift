import Foundation
import LedgerCore
import Testing

@Suite("Money, Area and Percent")
struct MoneyTests {
    @Test("parses yuan with at most two decimals", arguments: [
        ("1234.5", Int64(123_450)), ("1234.50", 123_450), ("-0.01", -1), ("0", 0), ("007.1", 710),
        ("999999999999.99", 99_999_999_999_999),
    ])
    func parses(text: String, fen: Int64) throws {
        #expect(try Money(parsing: text).fen == fen)
    }

    @Test("refuses malformed amounts with a reason", arguments: [
        ("1,234", DecimalParseError.Reason.thousandsSeparator),
        ("1e3", .exponent),
        ("12.345", .tooManyDecimals(3)),
        ("", .empty),
        ("-", .missingDigits),
        (".5", .missingDigits),
        ("12.", .missingDigits),
        ("+5", .invalidCharacter("+", position: 1)),
        ("1 234", .invalidCharacter(" ", position: 2)),
        ("1.2.3", .invalidCharacter(".", position: 4)),
        ("¥12", .invalidCharacter("¥", position: 1)),
        ("92233720368547758.08", .outOfRange),
    ])
    func refuses(text: String, reason: DecimalParseError.Reason) {
        #expect(throws: DecimalParseError(input: text, quantity: "an amount", reason: reason)) {
            try Money(parsing: text)
        }
    }

    @Test("the reason is a message a user can act on")
    func messages() {
        #expect(throws: DecimalParseError.self) { try Money(parsing: "1,234") }
        do {
            _ = try Money(parsing: "12.345")
        } catch {
            #expect(error.description == "\"12.345\" is not an amount: it has 3 decimals, at most 2 are allowed")
        }
        do {
            _ = try Money(parsing: "")
        } catch {
            #expect(error.description == "an empty value is not an amount")
        }
    }

    @Test("formats with two decimals", arguments: [
        (Int64(123_450), "1234.50"), (-1, "-0.01"), (0, "0.00"), (5, "0.05"), (-100, "-1.00"),
        (Int64.min, "-92233720368547758.08"), (Int64.max, "92233720368547758.07"),
    ])
    func formats(fen: Int64, text: String) {
        #expect(Money(fen: fen).description == text)
    }

    @Test("arithmetic is exact and overflow is an error, not a wrap")
    func arithmetic() throws {
        let a = try Money(parsing: "0.10"), b = try Money(parsing: "0.20")
        #expect(try a.adding(b) == Money(parsing: "0.30"))
        #expect(try a.subtracting(b) == Money(parsing: "-0.10"))
        #expect(try a.multiplied(by: 3) == Money(parsing: "0.30"))
        #expect(a + b - b == a)
        #expect(throws: ArithmeticOverflow.self) { try Money(fen: .max).adding(Money(fen: 1)) }
        #expect(throws: ArithmeticOverflow.self) { try Money(fen: .min).subtracting(Money(fen: 1)) }
        #expect(throws: ArithmeticOverflow.self) { try Money(fen: .max / 2 + 1).multiplied(by: 2) }
        #expect(throws: ArithmeticOverflow.self) { try Money.sum([Money(fen: .max), Money(fen: 1)]) }
        #expect(try Money.sum([a, b, -a]) == b)
        #expect(a < b && -b < a)
    }

    @Test("encodes as a JSON string with two decimals and decodes only exact strings")
    func codable() throws {
        let data = try JSONEncoder().encode([Money(fen: 123_450)])
        #expect(String(decoding: data, as: UTF8.self) == "[\"1234.50\"]")
        #expect(try JSONDecoder().decode([Money].self, from: Data("[\"-0.01\"]".utf8)) == [Money(fen: -1)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Money].self, from: Data("[\"1e3\"]".utf8)) }
    }

    @Test("areas and percents parse the same way and are never negative")
    func areasAndPercents() throws {
        #expect(try Area(parsing: "89.5").hundredths == 8950)
        #expect(try Area(parsing: "89.5").description == "89.50")
        #expect(throws: DecimalParseError(input: "-1", quantity: "an area", reason: .negative)) { try Area(parsing: "-1") }
        #expect(throws: DecimalParseError(input: "1.234", quantity: "an area", reason: .tooManyDecimals(3))) {
            try Area(parsing: "1.234")
        }
        #expect(Area(hundredths: -1) == nil)
        #expect(try Percent(parsing: "33.33").hundredths == 3333)
        #expect(Percent.hundred.description == "100.00")
        #expect(throws: DecimalParseError(input: "-5", quantity: "a percent", reason: .negative)) { try Percent(parsing: "-5") }
        #expect(Percent("12.5") == Percent(hundredths: 1250))
        #expect(throws: ArithmeticOverflow.self) { try Area(hundredths: .max)!.adding(Area(hundredths: 1)!) }
    }
}
