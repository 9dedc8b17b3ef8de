import CLibPQ
import Foundation

/// What libpq makes of a conninfo string or URI, without connecting (`PQconninfoParse`).
public enum Conninfo {
    /// The options a conninfo sets, or why libpq cannot parse it.
    public enum Parsed: Sendable {
        /// The keywords given, with their values (a URI's password percent-decoded).
        case success([String: String])
        /// libpq's reason with every quoted piece of the conninfo left out (it may be a password).
        case failure(String)
    }

    /// The conninfo a session uses: the one given when it is not empty, else a non-empty `DATABASE_URL`; nil
    /// leaves libpq to its `PG*` variables, service file and `.pgpass`.
    public static func effective(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        given.flatMap { $0.isEmpty ? nil : $0 } ?? environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// True when the conninfo a session would use (`effective`) is one libpq cannot parse: a usage error
    /// (exit 64), not an unreachable server.
    public static func isMalformed(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let target = effective(given, environment: environment), case .failure = parse(target) else { return false }
        return true
    }

    /// True when libpq reads the text as a conninfo string or URI (it starts with `postgresql://` or
    /// `postgres://`, or holds an `=`); anything else is a database name.
    public static func isConninfo(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") || text.contains("=")
    }

    /// Parses a conninfo string or URI as libpq will when connecting; a plain database name gives `dbname`.
    public static func parse(_ text: String) -> Parsed {
        guard isConninfo(text) else { return .success(["dbname": text]) }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            return .failure(withoutQuotedPieces(reason))
        }
        defer { PQconninfoFree(options) }
        var given: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { given[String(cString: keyword)] = String(cString: value) }
            option = option.advanced(by: 1)
        }
        return .success(given)
    }

    /// True when a conninfo or URI carries a password (`password=…`, `user:password@`, `?password=…`).
    /// Text libpq cannot parse counts when it looks as if it does.
    public static func containsPassword(_ text: String) -> Bool {
        switch parse(text) {
        case .success(let options):
            return !(options["password"] ?? "").isEmpty
        case .failure:
            var redactor = Redactor()
            redactor.add(conninfo: text)
            return !redactor.secrets.isEmpty || text.range(of: "password", options: .caseInsensitive) != nil
        }
    }

    /// libpq's parse error with every quoted piece (`"Abc%!123"`) replaced by `"…"`, except a lone
    /// `=`, `:`, `/` or `]` that names the separator it expected, and the trailing `: "…"` dropped.
    static func withoutQuotedPieces(_ message: String) -> String {
        var out = message.replacing(/"([^"]*)"/) { match in
            ["=", ":", "/", "]"].contains(String(match.output.1)) ? String(match.output.0) : "\"…\""
        }
        while out.last?.isWhitespace == true || out.last == "." { out.removeLast() }
        if out.hasSuffix(": \"…\"") { out.removeLast(5) }
        return out
    }
}
