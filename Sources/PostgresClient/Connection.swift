import CLibPQ
import Foundation

/// A message the server sent that is not an error (NOTICE, WARNING, INFO …).
public struct Notice: Sendable {
    /// NOTICE, WARNING, INFO, DEBUG or LOG.
    public let severity: String
    /// The SQLSTATE the server gave.
    public let sqlState: String
    /// The message.
    public let message: String
}

/// Where a session is connected: host or socket directory, port, database and user — never a password.
public struct ServerEndpoint: Sendable, CustomStringConvertible {
    /// The host name, or the socket directory for a Unix-domain socket.
    public let host: String
    /// The port.
    public let port: String
    /// The database name.
    public let database: String
    /// The user name.
    public let user: String
    /// How many hosts the conninfo listed (`host=A,B`): the session reached one of them.
    public var hostsListed = 1

    /// True when `host` is a socket directory.
    public var isSocket: Bool { host.hasPrefix("/") || host.hasPrefix("@") }

    public var description: String {
        (isSocket ? "socket \(host)" : "host \(host)") + (hostsListed > 1 ? " (one of \(hostsListed) hosts listed)" : "")
            + ", port \(port), database \(database), user \(user)"
    }
}

/// One session with PostgreSQL over libpq. Owns its `PGconn` and closes it when released.
///
/// Values always travel as bound parameters (`$1`, `$2` …): an `SQLQuery` binds what is interpolated
/// into it. SQL text with several statements and no parameters must be asked for explicitly with
/// `executeScript(_:)`.
public final class Connection {
    private let handle: OpaquePointer
    /// Takes the session's password (and anything like it) out of every error message.
    private let redactor: Redactor
    /// Receives every NOTICE/WARNING the server sends; by default they are dropped.
    public var noticeHandler: ((Notice) -> Void)?
    /// The statement `send(_:)` sent, until `receive()` has read its result.
    private var pending: String?

    /// Connects with a conninfo string or URI; when it is nil or empty, `DATABASE_URL`, and when that is unset,
    /// libpq's own `PG*` variables, service file and `.pgpass`.
    ///
    /// - Parameters:
    ///   - origin: how an error names where `conninfo` came from (the CLI says `--db`); a conninfo from
    ///     `DATABASE_URL` is named `DATABASE_URL`, one with no origin is "the connection string given".
    ///   - askPassword: called once, with the user name, when the server wants a password that none of
    ///     the sources gave; the connection is tried again with what it returns (nil gives up). Give it
    ///     only when a person is there to answer (a terminal).
    ///
    /// A conninfo libpq cannot parse is never echoed, even in part (it may hold a password): the error
    /// says where it came from and what kind of mistake it is. Every other connection error has the
    /// password taken out (see `Redactor`).
    public convenience init(conninfo: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                            origin: String? = nil, askPassword: ((String) -> String?)? = nil) throws {
        let given = conninfo.flatMap { $0.isEmpty ? nil : $0 }
        let target = Conninfo.effective(conninfo, environment: environment)
        var redactor = Redactor()
        redactor.add(environment["PGPASSWORD"])
        if let target {
            redactor.add(conninfo: target)
            switch Conninfo.parse(target) {
            case .failure(let reason):
                throw PostgresError(
                    kind: .connection,
                    message: "the connection string \(given == nil ? "in DATABASE_URL" : origin.map { "in \($0)" } ?? "given") cannot be parsed (\(reason)); it is not shown, as it may hold a password",
                    hint: "Check its quoting (key='a value') and, in a postgresql:// URI, percent-encode the password's special characters (% as %25, @ as %40, / as %2F, : as %3A, space as %20).")
            case .success(let options):
                redactor.add(options["password"])
            }
        }
        var keywords = ["fallback_application_name", "client_encoding"]
        var values = ["propledger", "UTF8"]
        if let target {
            // Expanded first, so that it cannot override client_encoding, which the decoder relies on.
            keywords.insert("dbname", at: 0)
            values.insert(target, at: 0)
        }
        var conn = Connection.connect(keywords: keywords, values: values)
        if let failed = conn, PQstatus(failed) != CONNECTION_OK, PQconnectionNeedsPassword(failed) == 1, let askPassword,
           let password = askPassword(String(cString: PQuser(failed))) {
            PQfinish(failed)
            redactor.add(password)
            conn = Connection.connect(keywords: keywords + ["password"], values: values + [password])
        }
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            if let conn, let used = PQpass(conn) { redactor.add(String(cString: used)) }
            let error = PostgresError.fromConnection(conn, kind: .connection, redactor: redactor)
            if let conn { PQfinish(conn) }
            throw error
        }
        try self.init(adopting: conn, redactor: redactor)
    }

    /// Takes a connected `PGconn` (finished when this object goes) and sets the session up.
    private init(adopting conn: OpaquePointer, redactor: Redactor) throws {
        handle = conn
        var redactor = redactor
        // The password libpq used, wherever it found it (.pgpass included).
        if let used = PQpass(conn) { redactor.add(String(cString: used)) }
        self.redactor = redactor
        PQsetNoticeReceiver(handle, { context, result in
            guard let context, let result else { return }
            let connection = Unmanaged<Connection>.fromOpaque(context).takeUnretainedValue()
            guard let handler = connection.noticeHandler else { return }
            func field(_ code: UInt8) -> String {
                PQresultErrorField(result, Int32(code)).map { connection.redactor.redact(String(cString: $0)) } ?? ""
            }
            handler(Notice(severity: field(UInt8(ascii: "V")), sqlState: field(UInt8(ascii: "C")),
                           message: field(UInt8(ascii: "M"))))
        }, Unmanaged.passUnretained(self).toOpaque())
        // The text decoders read ISO dates.
        try execute("SET DateStyle = 'ISO, YMD'")
    }

    /// A second session to the server this one reached, as the same user, with the parameters this one was
    /// opened with (libpq's `PQconninfo`: its password too, wherever it came from), asking no one: for work run
    /// side by side on the server. Nothing of this session's state (settings, transaction) carries over.
    public func sibling() throws -> Connection {
        var keywords: [String] = []
        var values: [String] = []
        if let options = PQconninfo(handle) {
            defer { PQconninfoFree(options) }
            var option = options
            while let keyword = option.pointee.keyword {
                let name = String(cString: keyword)
                // The host and port this session reached, not the list it was given (which may name a standby).
                if let value = option.pointee.val, !["host", "hostaddr", "port"].contains(name) {
                    keywords.append(name)
                    values.append(String(cString: value))
                }
                option = option.advanced(by: 1)
            }
        }
        for (name, value) in [("host", PQhost(handle)), ("hostaddr", PQhostaddr(handle)), ("port", PQport(handle))] {
            guard let value, value.pointee != 0 else { continue }
            keywords.append(name)
            values.append(String(cString: value))
        }
        let conn = Connection.connect(keywords: keywords, values: values, expandDatabase: false)
        guard let conn, PQstatus(conn) == CONNECTION_OK else {
            let error = PostgresError.fromConnection(conn, kind: .connection, redactor: redactor)
            if let conn { PQfinish(conn) }
            throw error
        }
        return try Connection(adopting: conn, redactor: redactor)
    }

    private static func connect(keywords: [String], values: [String], expandDatabase: Bool = true) -> OpaquePointer? {
        var keywordPointers = keywords.map { strdup($0) }
        var valuePointers = values.map { strdup($0) }
        defer {
            keywordPointers.forEach { free($0) }
            valuePointers.forEach { free($0) }
        }
        keywordPointers.append(nil)
        valuePointers.append(nil)
        return keywordPointers.withUnsafeBufferPointer { kw in
            valuePointers.withUnsafeBufferPointer { vals in
                kw.withMemoryRebound(to: UnsafePointer<CChar>?.self) { kwc in
                    vals.withMemoryRebound(to: UnsafePointer<CChar>?.self) { valsc in
                        PQconnectdbParams(kwc.baseAddress, valsc.baseAddress, expandDatabase ? 1 : 0)
                    }
                }
            }
        }
    }

    deinit { PQfinish(handle) }

    // MARK: - Session facts

    /// Where this session is connected.
    public var endpoint: ServerEndpoint {
        func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "" }
        // A host listed without its port (postgresql://a,b/db) has an empty one: libpq's default.
        let port = text(PQport(handle))
        var endpoint = ServerEndpoint(host: text(PQhost(handle)), port: port.isEmpty ? "5432" : port,
                                      database: text(PQdb(handle)), user: text(PQuser(handle)))
        if let options = PQconninfo(handle) {
            defer { PQconninfoFree(options) }
            var option = options
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "host", let value = option.pointee.val {
                    endpoint.hostsListed = max(1, String(cString: value).split(separator: ",", omittingEmptySubsequences: false).count)
                }
                option = option.advanced(by: 1)
            }
        }
        return endpoint
    }

    /// The server version as `major.minor`, e.g. `15.18`.
    public var serverVersion: String {
        let number = Int(PQserverVersion(handle))
        return "\(number / 10000).\(number % 10000)"
    }

    /// True while a transaction block is open (including a failed one).
    public var inTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// True when the open transaction block has failed and only ROLLBACK is possible.
    public var transactionFailed: Bool { PQtransactionStatus(handle) == PQTRANS_INERROR }

    // MARK: - Statements

    /// Runs one statement, its interpolated values bound as `$n` parameters (see `SQLQuery`), and returns its result.
    @discardableResult
    public func execute(_ query: SQLQuery) throws -> QueryResult {
        try run(query.sql, query.parameters)
    }

    /// Runs one statement and decodes every row with `transform`.
    public func query<T>(_ query: SQLQuery, _ transform: (Row) throws -> T) throws -> [T] {
        try rows(of: execute(query), transform)
    }

    /// Runs one query and hands its rows to `row` one at a time as they arrive (libpq's single-row mode),
    /// so a result of any size goes through in constant memory; `columns` is called once with the column
    /// names before the first row (also for an empty result). An error (on the server, or thrown by a
    /// handler) ends the query: the rest of its results are read and dropped, the connection stays usable,
    /// and the error is rethrown.
    public func stream(_ query: SQLQuery, columns: ([String]) throws -> Void, row: (Row) throws -> Void) throws {
        let sent = Self.withParameters(query.parameters) { count, values in
            PQsendQueryParams(handle, query.sql, count, nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw PostgresError.fromConnection(handle, kind: .connection, query: query.sql, redactor: redactor) }
        _ = PQsetSingleRowMode(handle)
        var failure: Error?
        var named = false
        // Every result is read to the end (PQgetResult gives nil then), whatever happened on the way.
        while let raw = PQgetResult(handle) {
            let result = QueryResult(handle: raw, query: query.sql)
            guard failure == nil else { continue }
            do {
                switch PQresultStatus(raw) {
                case PGRES_SINGLE_TUPLE:
                    if !named { named = true; try columns(result.columns) }
                    try row(result[0])
                case PGRES_TUPLES_OK:
                    if !named { named = true; try columns(result.columns) }
                default:
                    _ = try check(result)
                }
            } catch {
                failure = error
                // The rows still coming are not wanted: ask the server to stop sending them.
                if let cancel = PQgetCancel(handle) {
                    var buffer = [CChar](repeating: 0, count: 256)
                    _ = PQcancel(cancel, &buffer, Int32(buffer.count))
                    PQfreeCancel(cancel)
                }
            }
        }
        if let failure { throw failure }
        guard named else {
            throw PostgresError(kind: .client, message: "the statement returned no rows to stream", query: query.sql)
        }
    }

    /// Sends one statement without waiting for its result (libpq's `PQsendQueryParams`): the server works on it
    /// while the caller does something else, such as run a statement on another session; `receive()` waits for
    /// the result. Nothing else may run on this session before `receive()`.
    public func send(_ query: SQLQuery) throws {
        precondition(pending == nil, "send: the statement sent before has not been received")
        let sent = Self.withParameters(query.parameters) { count, values in
            PQsendQueryParams(handle, query.sql, count, nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw PostgresError.fromConnection(handle, kind: .connection, query: query.sql, redactor: redactor) }
        pending = query.sql
    }

    /// Waits for the statement `send(_:)` sent and returns its result, or throws its error; every result is
    /// read to the end, so the session is ready for the next statement either way.
    @discardableResult
    public func receive() throws -> QueryResult {
        guard let sql = pending else { throw PostgresError(kind: .client, message: "nothing was sent to receive") }
        pending = nil
        var received: QueryResult?
        var failure: Error?
        while let raw = PQgetResult(handle) {
            let result = QueryResult(handle: raw, query: sql)
            guard received == nil, failure == nil else { continue }
            do { received = try check(result) } catch { failure = error }
        }
        if let failure { throw failure }
        guard let received else { throw PostgresError.fromConnection(handle, kind: .connection, query: sql, redactor: redactor) }
        return received
    }

    /// Sends one statement with its parameters' texts (nil is NULL), in text format with types left to the server.
    private func run(_ sql: String, _ texts: [String?]) throws -> QueryResult {
        let raw = Self.withParameters(texts) { count, values in PQexecParams(handle, sql, count, nil, values, nil, nil, 0) }
        return try check(raw, query: sql)
    }

    /// Calls `body` with the parameters' count and their texts as the C strings libpq takes (nil is NULL),
    /// valid only during the call.
    private static func withParameters<T>(_ texts: [String?],
                                          _ body: (Int32, UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let pointers: [UnsafeMutablePointer<CChar>?] = texts.map { $0.map { strdup($0) } ?? nil }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in body(Int32(texts.count), values.baseAddress) }
        }
    }

    /// Every row of a result, decoded with `transform`.
    private func rows<T>(of result: QueryResult, _ transform: (Row) throws -> T) throws -> [T] {
        try (0..<result.count).map { try transform(result[$0]) }
    }

    /// Runs raw SQL text that may hold several statements, with no parameters (migration and schema files,
    /// test fixtures). The text is sent as it is: the one way to run SQL not written as an `SQLQuery`, so
    /// it is asked for by name; never build it from data.
    @discardableResult
    public func executeScript(_ sql: String) throws -> QueryResult {
        try check(PQexec(handle, sql), query: sql)
    }

    /// Takes ownership of a statement's result (one `QueryResult` per `PGresult`, which frees it) and
    /// returns it, or throws its error.
    private func check(_ raw: OpaquePointer?, query: String) throws -> QueryResult {
        guard let raw else { throw PostgresError.fromConnection(handle, kind: .connection, query: query, redactor: redactor) }
        return try check(QueryResult(handle: raw, query: query))
    }

    /// Returns a result that succeeded, or throws its error (the result stays owned by `result`).
    private func check(_ result: QueryResult) throws -> QueryResult {
        switch PQresultStatus(result.handle) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR:
            throw error(of: result)
        default:
            throw PostgresError(kind: .client, message: "unexpected result status \(String(cString: PQresStatus(PQresultStatus(result.handle))))",
                                query: result.query)
        }
    }

    /// The error a failed result holds; a `.connection` one when the session is broken.
    private func error(of result: QueryResult) -> PostgresError {
        var error = PostgresError(result: result.handle, query: result.query, redactor: redactor)
        if PQstatus(handle) != CONNECTION_OK { error.kind = .connection }
        return error
    }

    // MARK: - Transactions

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// A failed COMMIT (a deferred constraint, a serialization failure) throws; so does a body that
    /// swallowed a failed statement, because its transaction can only roll back.
    public func withTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            if inTransaction { _ = try? execute("ROLLBACK") }
            throw error
        }
        if transactionFailed {
            _ = try? execute("ROLLBACK")
            throw PostgresError(kind: .client, message: "the transaction was aborted by an earlier error and has been rolled back")
        }
        let commit = try execute("COMMIT")
        guard commit.commandStatus == "COMMIT" else {
            throw PostgresError(kind: .client, message: "COMMIT did not commit (the server answered \(commit.commandStatus))")
        }
        return value
    }

    /// Runs `body` inside a savepoint of the open transaction, rolling back to it when `body` throws.
    @discardableResult
    public func withSavepoint<T>(_ name: String = "propledger_savepoint", _ body: () throws -> T) throws -> T {
        precondition(name.allSatisfy { $0.isLetter || $0 == "_" || $0.isNumber }, "savepoint names are identifiers")
        try execute("SAVEPOINT \(ident: name)")
        do {
            let value = try body()
            try execute("RELEASE SAVEPOINT \(ident: name)")
            return value
        } catch {
            _ = try? execute("ROLLBACK TO SAVEPOINT \(ident: name)")
            _ = try? execute("RELEASE SAVEPOINT \(ident: name)")
            throw error
        }
    }

    // MARK: - COPY

    /// `copyIn(_:_:)` with the statement's text (libpq's COPY takes text, and no parameters).
    private func copyIn(sql: String, _ body: (CopyWriter) throws -> Void) throws -> Int {
        guard let raw = PQexec(handle, sql) else {
            throw PostgresError.fromConnection(handle, kind: .connection, query: sql, redactor: redactor)
        }
        // `start` is the only owner of its PGresult: it is freed once, when `start` goes.
        let start = QueryResult(handle: raw, query: sql)
        guard PQresultStatus(raw) == PGRES_COPY_IN else {
            _ = try check(start)  // throws the server's error (a missing table, no privilege …)
            throw PostgresError(kind: .client, message: "the statement did not start COPY FROM STDIN", query: sql)
        }
        let writer = CopyWriter(handle: handle, query: sql, redactor: redactor)
        do {
            try body(writer)
        } catch {
            _ = PQputCopyEnd(handle, "aborted by the client")
            _ = drainResults(query: sql)
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            let error = PostgresError.fromConnection(handle, kind: .client, query: sql, redactor: redactor)
            _ = drainResults(query: sql)
            throw error
        }
        let outcome = drainResults(query: sql)
        if let error = outcome.error { throw error }
        return outcome.rows
    }

    /// Streams data into `COPY … FROM STDIN` written as an `SQLQuery` (identifiers quoted with `\(ident:)`);
    /// `body` writes chunks with the given writer. If `body` throws, the COPY is aborted (the server discards
    /// everything) and the error is rethrown. Returns the number of rows the server copied.
    ///
    /// COPY takes no parameters: a query with bound values is refused before anything is sent.
    @discardableResult
    public func copyIn(_ query: SQLQuery, _ body: (CopyWriter) throws -> Void) throws -> Int {
        guard query.parameters.isEmpty else {
            throw PostgresError(kind: .client, message: "COPY takes no bound values; write names with \\(ident:)", query: query.sql)
        }
        return try copyIn(sql: query.sql, body)
    }

    /// Reads results until libpq returns NULL, keeping the first error and the copied row count.
    private func drainResults(query: String) -> (rows: Int, error: PostgresError?) {
        var rows = 0
        var firstError: PostgresError?
        while let raw = PQgetResult(handle) {
            let result = QueryResult(handle: raw, query: query)
            switch PQresultStatus(raw) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
                rows = result.affectedRows
            case PGRES_COPY_IN:
                // Should not happen after PQputCopyEnd; end it so the loop finishes — or, when even that
                // fails (the session is gone), stop asking.
                if PQputCopyEnd(handle, "unexpected COPY state") != 1 {
                    if firstError == nil { firstError = PostgresError.fromConnection(handle, kind: .client, query: query, redactor: redactor) }
                    return (rows, firstError)
                }
            default:
                if firstError == nil { firstError = error(of: result) }
            }
        }
        if var error = firstError, PQstatus(handle) != CONNECTION_OK {
            error.kind = .connection
            firstError = error
        }
        return (rows, firstError)
    }
}

/// Writes bytes into an open `COPY FROM STDIN`.
public struct CopyWriter {
    let handle: OpaquePointer
    let query: String
    let redactor: Redactor

    /// Sends raw bytes (counted as bytes, never as characters).
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        // PQputCopyData takes an Int32 length; send very large buffers in parts.
        while offset < bytes.count {
            let length = min(bytes.count - offset, 1 << 30)
            let status = PQputCopyData(handle, bytes.baseAddress!.advanced(by: offset).assumingMemoryBound(to: CChar.self), Int32(length))
            guard status == 1 else {
                // A broken session makes this a `.connection` error (fromConnection checks).
                throw PostgresError.fromConnection(handle, kind: .client, query: query, redactor: redactor)
            }
            offset += length
        }
    }

    /// Sends an array of bytes.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Sends a string's UTF-8 bytes.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}
