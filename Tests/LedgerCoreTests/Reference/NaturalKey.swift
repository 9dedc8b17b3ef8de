// A second, independent implementation of the natural order of building and unit labels, kept in the
// tests only to check the SQL: the product sorts by report.natural_key / ledger.natural_key (002, 030),
// and nothing else. It was LedgerCore's NaturalOrder until nothing in the binary called it.

/// Independent Swift implementations of rules whose one product implementation is in SQL.
enum Reference {}

extension Reference {
    /// A label in natural order: runs of ASCII digits compare as numbers ("2" < "10", "A2" < "A10",
    /// "2栋" < "10栋"), other characters by Unicode code point.
    ///
    /// A digit run sorts where "0" does among other characters, then by its value, then by its count of
    /// leading zeros ("1" < "01"), so distinct labels never compare equal.
    struct NaturalKey: Sendable, Hashable, Comparable, CustomStringConvertible {
        private enum Token: Sendable, Hashable {
            case scalar(UInt32)
            /// Digits without leading zeros ("0" for zero), and how many leading zeros there were.
            case number(digits: [UInt8], leadingZeros: Int)
        }

        /// The label.
        let label: String
        private let tokens: [Token]

        /// The natural-order key of `label`.
        init(_ label: String) {
            self.label = label
            var tokens: [Token] = []
            var run: [UInt8] = []
            func flush() {
                guard !run.isEmpty else { return }
                let zeros = run.prefix { $0 == 0 }.count
                let digits = zeros == run.count ? [0] : Array(run.dropFirst(zeros))
                tokens.append(.number(digits: digits, leadingZeros: run.count - digits.count))
                run.removeAll()
            }
            for scalar in label.unicodeScalars {
                if scalar.value >= 0x30 && scalar.value <= 0x39 {
                    run.append(UInt8(scalar.value - 0x30))
                } else {
                    flush()
                    tokens.append(.scalar(scalar.value))
                }
            }
            flush()
            self.tokens = tokens
        }

        /// The label itself.
        var description: String { label }

        /// Equal when the labels have the same Unicode scalars.
        static func == (lhs: NaturalKey, rhs: NaturalKey) -> Bool { lhs.tokens == rhs.tokens }

        /// Hashes the scalars of the label.
        func hash(into hasher: inout Hasher) { hasher.combine(tokens) }

        /// Natural order of the labels.
        static func < (lhs: NaturalKey, rhs: NaturalKey) -> Bool { compare(lhs.tokens, rhs.tokens) < 0 }

        /// -1, 0 or 1 as `lhs` sorts before, with, or after `rhs` in natural order.
        static func compare(_ lhs: String, _ rhs: String) -> Int {
            compare(NaturalKey(lhs).tokens, NaturalKey(rhs).tokens)
        }

        private static func compare(_ lhs: [Token], _ rhs: [Token]) -> Int {
            for (a, b) in zip(lhs, rhs) {
                let order = compare(a, b)
                if order != 0 { return order }
            }
            return sign(lhs.count, rhs.count)
        }

        private static func compare(_ a: Token, _ b: Token) -> Int {
            switch (a, b) {
            case let (.scalar(x), .scalar(y)):
                return sign(x, y)
            case let (.scalar(x), .number):
                return sign(x, 0x30)  // never equal: a scalar token is never a digit
            case let (.number, .scalar(y)):
                return sign(0x30, y)
            case let (.number(d1, z1), .number(d2, z2)):
                if d1.count != d2.count { return sign(d1.count, d2.count) }
                for (x, y) in zip(d1, d2) where x != y { return sign(x, y) }
                return sign(z1, z2)
            }
        }

        private static func sign<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }
    }
}
