import CLibPQ
import Foundation

/// A five-character SQLSTATE code, such as `23505`.
///
/// A `SQLState.Class` matches every code of its class, so
/// `case SQLState.Class.integrityConstraintViolation` catches `23505`, `23514`, `23P01` …
public struct SQLState: Hashable, Sendable, CustomStringConvertible {
    /// The five characters of the code.
    public let code: String

    /// Wraps a code as PostgreSQL reports it.
    public init(_ code: String) { self.code = code }

    /// The two-character class of the code.
    public var classCode: String { String(code.prefix(2)) }

    public var description: String { code }

    /// A whole SQLSTATE class (the first two characters).
    public struct Class: Hashable, Sendable {
        /// The two characters of the class.
        public let code: String
        /// Wraps a two-character class code.
        public init(_ code: String) { self.code = code }

        /// Class 08.
        public static let connectionException = Class("08")
        /// Class 22.
        public static let dataException = Class("22")
        /// Class 23: unique, foreign key, check, exclusion and not-null violations.
        public static let integrityConstraintViolation = Class("23")
        /// Class 25.
        public static let invalidTransactionState = Class("25")
        /// Class 40: serialization failures and deadlocks.
        public static let transactionRollback = Class("40")
        /// Class 42: syntax errors and access rule violations.
        public static let syntaxErrorOrAccessRuleViolation = Class("42")
        /// Class 55: for example a lock not available.
        public static let objectNotInPrerequisiteState = Class("55")
        /// Class 57: for example a cancelled query.
        public static let operatorIntervention = Class("57")
        /// Class 53: out of disk, memory or connections.
        public static let insufficientResources = Class("53")
        /// Class 28: the login was refused.
        public static let invalidAuthorizationSpecification = Class("28")
    }

    /// 23505.
    public static let uniqueViolation = SQLState("23505")
    /// 23503.
    public static let foreignKeyViolation = SQLState("23503")
    /// 23514.
    public static let checkViolation = SQLState("23514")
    /// 23P01.
    public static let exclusionViolation = SQLState("23P01")
    /// 23502.
    public static let notNullViolation = SQLState("23502")
    /// 22023.
    public static let invalidParameterValue = SQLState("22023")
    /// 22P02.
    public static let invalidTextRepresentation = SQLState("22P02")
    /// 55P03.
    public static let lockNotAvailable = SQLState("55P03")
    /// 42501: a role lacks a grant (or a row-level security policy refused a row).
    public static let insufficientPrivilege = SQLState("42501")
    /// 57014: the statement was cancelled (statement_timeout, or a cancel request).
    public static let queryCanceled = SQLState("57014")
    /// 57P01: the server is shutting down, or an administrator terminated the session.
    public static let adminShutdown = SQLState("57P01")
    /// 57P02: the server crashed and is restarting.
    public static let crashShutdown = SQLState("57P02")
    /// 57P03: the server is starting up or shutting down.
    public static let cannotConnectNow = SQLState("57P03")
    /// 57P04: the database was dropped.
    public static let databaseDropped = SQLState("57P04")
    /// 57P05: the session was idle longer than idle_session_timeout.
    public static let idleSessionTimeout = SQLState("57P05")
    /// 25P03: the transaction was idle longer than idle_in_transaction_session_timeout.
    public static let idleInTransactionSessionTimeout = SQLState("25P03")
    /// 42704: an object named does not exist (a role, a type …).
    public static let undefinedObject = SQLState("42704")
    /// P0002: PL/pgSQL's no_data_found (a report's project or compound is not in view).
    public static let noDataFound = SQLState("P0002")
    /// 40001.
    public static let serializationFailure = SQLState("40001")
    /// 40P01.
    public static let deadlockDetected = SQLState("40P01")

    /// Matches a code against its class.
    public static func ~= (pattern: Class, value: SQLState) -> Bool { value.classCode == pattern.code }
}

/// Matches an optional SQLSTATE (as `PostgresError.sqlState` holds it) against a class.
public func ~= (pattern: SQLState.Class, value: SQLState?) -> Bool {
    value.map { $0.classCode == pattern.code } ?? false
}

/// Everything that can go wrong talking to PostgreSQL.
///
/// `description` is short and safe to show a user; `debugDescription` adds the query text and
/// the server's context. Bound parameter values and passwords never appear in either. A server
/// message may quote a cell's value as it is (control characters, any length): a program that shows
/// it on a terminal cuts and escapes it there (the CLI does, with LedgerCore's `TerminalText.message`).
public struct PostgresError: Error, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Sendable, Equatable {
        /// The server could not be reached or the session broke.
        case connection
        /// The server reported an error for a statement.
        case server
        /// A value could not be decoded into the wanted Swift type.
        case decoding
        /// The client library or the protocol misbehaved (for example a COPY call failed).
        case client
    }

    /// What kind of failure this is.
    public var kind: Kind
    /// The SQLSTATE, when the server gave one.
    public var sqlState: SQLState?
    /// The severity the server gave (ERROR, FATAL …).
    public var severity: String?
    /// The primary message.
    public var message: String
    /// The server's detail line.
    public var detail: String?
    /// The server's hint line.
    public var hint: String?
    /// The constraint that was violated, if any.
    public var constraint: String?
    /// The schema of the object involved, if any.
    public var schema: String?
    /// The table involved, if any.
    public var table: String?
    /// The column involved, if any.
    public var column: String?
    /// Where in the server's processing the error arose (for COPY: the line number).
    public var context: String?
    /// The SQL text of the statement (never its bound values).
    public var query: String?

    /// Makes an error from its parts.
    public init(kind: Kind, message: String, sqlState: SQLState? = nil, detail: String? = nil, hint: String? = nil,
                constraint: String? = nil, query: String? = nil) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.constraint = constraint
        self.query = query
    }

    public var description: String {
        var text = message
        if let sqlState { text = "\(text) (SQLSTATE \(sqlState))" }
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        return text
    }

    public var debugDescription: String {
        var text = description
        if let constraint { text += "\nCONSTRAINT: \(constraint)" }
        if let context { text += "\nCONTEXT: \(context)" }
        if let query { text += "\nQUERY: \(query)" }
        return text
    }

    /// True when the session is gone or going: kind `.connection`, SQLSTATE class 08, or a server
    /// shutting down, crashed, dropping the database or ending an idle session (57P01…57P05, 25P03).
    public var isConnectionLoss: Bool {
        if kind == .connection { return true }
        switch sqlState {
        case SQLState.adminShutdown?, SQLState.crashShutdown?, SQLState.cannotConnectNow?, SQLState.databaseDropped?,
             SQLState.idleSessionTimeout?, SQLState.idleInTransactionSessionTimeout?:
            return true
        default:
            return SQLState.Class.connectionException ~= sqlState
        }
    }

    /// Builds an error from a failed result's diagnostic fields, with every secret the session knows
    /// of taken out of the texts.
    init(result: OpaquePointer, query: String?, redactor: Redactor = Redactor()) {
        func field(_ code: UInt8) -> String? {
            guard let raw = PQresultErrorField(result, Int32(code)) else { return nil }
            return redactor.redact(String(cString: raw))
        }
        let primary = field(UInt8(ascii: "M"))
            ?? redactor.redact(PostgresError.trimmed(String(cString: PQresultErrorMessage(result))))
        self.init(kind: .server, message: primary, sqlState: field(UInt8(ascii: "C")).map(SQLState.init),
                  detail: field(UInt8(ascii: "D")), hint: field(UInt8(ascii: "H")),
                  constraint: field(UInt8(ascii: "n")), query: query)
        severity = field(UInt8(ascii: "V"))
        schema = field(UInt8(ascii: "s"))
        table = field(UInt8(ascii: "t"))
        column = field(UInt8(ascii: "c"))
        context = field(UInt8(ascii: "W"))
        if SQLState.Class.connectionException ~= sqlState { kind = .connection }
        // libpq's own results for a dead socket carry no SQLSTATE.
        if sqlState == nil && PostgresError.saysConnectionLost(message) { kind = .connection }
    }

    /// Builds an error from the connection's last message, with every secret the session knows of
    /// taken out. A connection libpq reports as broken makes the error a `.connection` one whatever
    /// `kind` was asked for.
    static func fromConnection(_ connection: OpaquePointer?, kind: Kind, query: String? = nil,
                               redactor: Redactor = Redactor()) -> PostgresError {
        let raw = connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) } ?? "out of memory"
        var error = PostgresError(kind: kind, message: redactor.redact(trimmed(raw)), query: query)
        if let connection, PQstatus(connection) != CONNECTION_OK { error.kind = .connection }
        if saysConnectionLost(error.message) { error.kind = .connection }
        return error
    }

    /// libpq's words for a session that is gone.
    static func saysConnectionLost(_ message: String) -> Bool {
        ["server closed the connection unexpectedly", "no connection to the server", "connection not open",
         "could not receive data from server", "could not send data to server", "SSL SYSCALL error: EOF detected",
         "terminating connection"].contains { message.contains($0) }
    }

    static func trimmed(_ text: String) -> String {
        var text = text
        while text.last?.isWhitespace == true { text.removeLast() }
        return text
    }
}

/// Keeps passwords out of messages.
///
/// libpq quotes pieces of a conninfo it cannot use (`invalid percent-encoded token: "Abc%!123"`), and
/// takes a URI password holding `@` or `/` for a host or a database name that it then names
/// (`could not translate host name "ss"`). A `Redactor` knows the secrets of one connection — the
/// password libpq used, `PGPASSWORD`, and in a URI everything between the user name's `:` and the last
/// `@`, raw and percent-decoded — and takes out of a message every quoted part that is a piece of one,
/// and every run of four or more characters (or a whole secret shorter than that) that is one.
/// Patterns of `password=…` and `scheme://user:…@` are taken out as well, secrets known or not.
struct Redactor: Sendable {
    /// The secrets, as scalars; none is empty.
    private(set) var secrets: [[Unicode.Scalar]] = []

    /// A redactor that knows no secrets yet (it still takes out the patterns).
    init() {}

    /// Adds a secret (and its percent-decoded form); empty ones are ignored.
    mutating func add(_ secret: String?) {
        guard let secret, !secret.isEmpty else { return }
        for form in [secret, secret.removingPercentEncoding ?? secret] where !form.isEmpty {
            let scalars = Array(form.unicodeScalars)
            if !secrets.contains(scalars) { secrets.append(scalars) }
        }
    }

    /// Adds the secret parts of a conninfo or URI as a person wrote it (see the type's comment).
    mutating func add(conninfo: String) {
        for prefix in ["postgresql://", "postgres://"] where conninfo.hasPrefix(prefix) {
            let rest = conninfo.dropFirst(prefix.count)
            // The userinfo as a person meant it: up to the last "@" before the query string if there is
            // one there, else the last "@" of all (a password may hold "?", "/" and "@").
            let query = rest.firstIndex(of: "?") ?? rest.endIndex
            guard let at = rest[..<query].lastIndex(of: "@") ?? rest.lastIndex(of: "@") else { return }
            let userinfo = rest[..<at]
            if let colon = userinfo.firstIndex(of: ":") { add(String(userinfo[userinfo.index(after: colon)...])) }
            return
        }
    }

    /// The text with every secret, and every pattern that looks like one, replaced by `***`.
    func redact(_ text: String) -> String {
        var out = Redactor.redactPatterns(text)
        guard !secrets.isEmpty else { return out }
        out = redactQuoted(out)
        return redactRuns(out)
    }

    /// Quoted parts ("…") of a message that are pieces of a secret, whatever their length.
    private func redactQuoted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            out.append(scalars[index])
            guard scalars[index] == "\"", let close = scalars[(index + 1)...].firstIndex(of: "\"") else {
                index += 1
                continue
            }
            let quoted = Array(scalars[(index + 1)..<close])
            if !quoted.isEmpty && secrets.contains(where: { Redactor.contains($0, quoted) }) {
                out.append(contentsOf: "***".unicodeScalars)
            } else {
                out.append(contentsOf: quoted)
            }
            out.append("\"")
            index = close + 1
        }
        return String(out)
    }

    /// Runs of four or more characters that occur in a secret (or a whole secret shorter than four).
    private func redactRuns(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            var longest = 0
            for secret in secrets {
                let length = Redactor.longestMatch(of: secret, at: index, in: scalars)
                if length >= min(4, secret.count) { longest = max(longest, length) }
            }
            if longest > 0 {
                out.append(contentsOf: "***".unicodeScalars)
                index += longest
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// The length of the longest piece of `secret` that `text` holds at `start`.
    private static func longestMatch(of secret: [Unicode.Scalar], at start: Int, in text: [Unicode.Scalar]) -> Int {
        var best = 0
        for offset in secret.indices where secret[offset] == text[start] {
            var length = 0
            while offset + length < secret.count && start + length < text.count && secret[offset + length] == text[start + length] {
                length += 1
            }
            best = max(best, length)
        }
        return best
    }

    /// True when `piece` occurs in `whole`.
    private static func contains(_ whole: [Unicode.Scalar], _ piece: [Unicode.Scalar]) -> Bool {
        guard piece.count <= whole.count else { return false }
        return (0...(whole.count - piece.count)).contains { start in whole[start..<(start + piece.count)].elementsEqual(piece) }
    }

    /// Replaces `password=…` values and the password part of `postgresql://user:password@host` URIs.
    static func redactPatterns(_ text: String) -> String {
        var out = text.replacing(/(?i)(password\s*=\s*)('([^'\\]|\\.)*'|\S+)/) { match in "\(match.output.1)***" }
        out = out.replacing(/(?i)(postgres(?:ql)?:\/\/[^:\/@\s]*:)[^@\s]*@/) { match in "\(match.output.1)***@" }
        return out
    }
}
