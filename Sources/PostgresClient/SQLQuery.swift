/// One SQL statement whose interpolated values travel as bound parameters, never as SQL text.
///
/// Written as a string literal, `"… \(value) …"` binds `value` as the next `$n` parameter
/// (`\(value, as: .bigint)` appends a cast, `$n::bigint`, where the server must know the type, as in a
/// call of an overloaded function). Text is spliced only when asked for by name: `\(ident: name)` as a
/// double-quoted identifier, `\(raw: sql)` as it is. An `SQLQuery` interpolated into another keeps its
/// values bound (they are renumbered), so a statement can be built from fragments:
///
///     let notRejected: SQLQuery = "NOT EXISTS (SELECT 1 FROM pg_temp.load_rejects AS r WHERE r.kind = \(kind))"
///     try connection.execute(SQLQuery("SELECT t._line FROM \(ident: "pg_temp", table) AS t WHERE \(notRejected)"))
///
/// `Connection.execute` and `query` take only an `SQLQuery`, so `connection.execute("… \(value)")` binds
/// `value`. SQL text held in a `String` runs only when asked for by name: spliced with `\(raw:)`, or a whole
/// file of statements with `Connection.executeScript(_:)`.
public struct SQLQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// A piece of the statement: SQL text, or the place of a bound value.
    enum Piece: Sendable, Hashable {
        /// SQL text, as written (or quoted, for identifiers).
        case text(String)
        /// The place of `parameters[index]`, with the cast asked for.
        case parameter(index: Int, cast: SQLType?)
    }

    /// The statement's pieces, in order.
    private(set) var pieces: [Piece]
    /// The bound values in their text form (nil is NULL), in the order of their `$n`.
    public private(set) var parameters: [String?]

    /// An empty statement, to append to.
    public init() {
        pieces = []
        parameters = []
    }

    /// SQL text with no values (a literal without interpolations).
    public init(stringLiteral value: String) {
        pieces = value.isEmpty ? [] : [.text(value)]
        parameters = []
    }

    /// The statement an interpolated literal builds.
    public init(stringInterpolation: StringInterpolation) {
        self = stringInterpolation.query
    }

    /// The SQL text, each bound value's place written `$1`, `$2` … (with its cast, if any).
    public var sql: String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let sql):
                text += sql
            case .parameter(let index, let cast):
                text += "$\(index + 1)" + (cast.map { "::" + $0.name } ?? "")
            }
        }
        return text
    }

    /// The SQL text and the number of bound values; never the values (they may be personal data).
    public var description: String {
        sql + (parameters.isEmpty ? "" : " [\(parameters.count) bound value\(parameters.count == 1 ? "" : "s")]")
    }

    /// True when the statement has no text.
    public var isEmpty: Bool { pieces.isEmpty }

    /// Appends another statement's text, its bound values renumbered after this one's.
    public mutating func append(_ other: SQLQuery) {
        let offset = parameters.count
        for piece in other.pieces {
            switch piece {
            case .text(let sql):
                appendText(sql)
            case .parameter(let index, let cast):
                pieces.append(.parameter(index: index + offset, cast: cast))
            }
        }
        parameters.append(contentsOf: other.parameters)
    }

    /// Binds a value as the next parameter.
    mutating func bind(_ value: some PostgresBindable, as cast: SQLType?) {
        pieces.append(.parameter(index: parameters.count, cast: cast))
        parameters.append(value.postgresParameter)
    }

    /// Appends text, merged with the text before it.
    mutating func appendText(_ text: String) {
        guard !text.isEmpty else { return }
        if case .text(let previous)? = pieces.last {
            pieces[pieces.count - 1] = .text(previous + text)
        } else {
            pieces.append(.text(text))
        }
    }

    /// An identifier, or a qualified name of several (`"ledger"."units"`), double-quoted: any text is
    /// a name, never SQL.
    static func quoted(_ names: [String]) -> String {
        names.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ".")
    }
}

extension SQLQuery {
    /// Builds an `SQLQuery` from a string literal: literal text is SQL, interpolated values are bound.
    public struct StringInterpolation: StringInterpolationProtocol {
        /// The statement so far.
        var query = SQLQuery()

        /// Space for the literal's text and values.
        public init(literalCapacity: Int, interpolationCount: Int) {
            query.pieces.reserveCapacity(2 * interpolationCount + 1)
            query.parameters.reserveCapacity(interpolationCount)
        }

        /// The literal's own text: SQL.
        public mutating func appendLiteral(_ literal: String) {
            query.appendText(literal)
        }

        /// `\(value)`: bound as the next `$n`; `nil` is NULL. The server infers its type from where it stands.
        public mutating func appendInterpolation(_ value: some PostgresBindable) {
            query.bind(value, as: nil)
        }

        /// `\(value, as: .bigint)`: bound as the next `$n`, written `$n::bigint`.
        public mutating func appendInterpolation(_ value: some PostgresBindable, as type: SQLType) {
            query.bind(value, as: type)
        }

        /// `\(optional)`: bound as the next `$n`, NULL when it is nil.
        public mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value?) {
            query.bind(value, as: nil)
        }

        /// `\(optional, as: .date)`: bound as the next `$n`, NULL when it is nil, written `$n::date`.
        public mutating func appendInterpolation<Value: PostgresBindable>(_ value: Value?, as type: SQLType) {
            query.bind(value, as: type)
        }

        /// `\(fragment)`: another statement's text, its values still bound (renumbered).
        public mutating func appendInterpolation(_ fragment: SQLQuery) {
            query.append(fragment)
        }

        /// `\(ident: name)` or `\(ident: schema, name)`: a double-quoted identifier or qualified name.
        public mutating func appendInterpolation(ident names: String...) {
            query.appendText(SQLQuery.quoted(names))
        }

        /// `\(raw: sql)`: text spliced into the statement as it is. Only for SQL the program wrote or the
        /// database catalog gave (a CHECK expression, a `regclass` name), never for data; it must hold no
        /// `$n` of its own.
        public mutating func appendInterpolation(raw sql: String) {
            query.appendText(sql)
        }
    }
}

extension Sequence where Element == SQLQuery {
    /// The statements one after the other with `separator` between them, their values renumbered in order.
    public func joined(separator: SQLQuery = "") -> SQLQuery {
        var result = SQLQuery()
        for (offset, fragment) in enumerated() {
            if offset > 0 { result.append(separator) }
            result.append(fragment)
        }
        return result
    }
}

/// A PostgreSQL type named in a cast (`$1::bigint`); only the program's own names, never text from outside.
public struct SQLType: Sendable, Hashable {
    /// The type's name as SQL writes it, e.g. `bigint` or `text[]`.
    public let name: String

    /// A type by its SQL name; a `StaticString`, so it is always the program's own text.
    public init(_ name: StaticString) { self.name = name.description }

    /// `text`.
    public static let text = SQLType("text")
    /// `bigint` (Swift's `Int` and `Int64`).
    public static let bigint = SQLType("bigint")
    /// `integer` (`Int32`, or an `Int` passed to an `integer` parameter).
    public static let integer = SQLType("integer")
    /// `boolean`.
    public static let boolean = SQLType("boolean")
    /// `date`.
    public static let date = SQLType("date")
    /// `numeric`.
    public static let numeric = SQLType("numeric")
    /// `name` (role names).
    public static let name = SQLType("name")
    /// `text[]`.
    public static let textArray = SQLType("text[]")
    /// `numeric[]`.
    public static let numericArray = SQLType("numeric[]")
    /// `regclass`: a table's name, resolved by the server (an unknown table is an error).
    public static let regclass = SQLType("regclass")
}
