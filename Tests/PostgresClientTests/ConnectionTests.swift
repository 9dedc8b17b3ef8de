import Foundation
@testable import PostgresClient
import Testing
import TestSupport

@Suite("PostgresClient against a real server", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct ConnectionTests {
    let database: ScratchDatabase
    let connection: Connection

    init() throws {
        database = try ScratchDatabase()
        connection = try database.connect()
    }

    @Test("parameters carry Chinese text, quotes and NULL unchanged")
    func parameters() throws {
        let text = "姑苏区 \"康城\" O'Brien's 小区; DROP TABLE x; --"
        let missing: String? = nil
        let row = try connection.execute("""
            SELECT \(text, as: .text) AS t, \(missing, as: .text) IS NULL AS n, length(\(text, as: .text)) AS len
            """)[0]
        #expect(try row.decode("t", as: String.self) == text)
        #expect(try row.decode("n", as: Bool.self))
        #expect(try row.decode("len", as: Int.self) == text.count)
        #expect(try row.decode(at: 0, as: String?.self) == text)
    }

    @Test("stream hands over 200,000 rows one at a time, in order, then the connection goes on")
    func streamRows() throws {
        var names: [String] = []
        var count = 0
        var ordered = true
        var total: Int64 = 0
        try connection.stream(SQLQuery("SELECT g AS n, repeat('栋', g % 7) AS label FROM generate_series(1, \(200_000, as: .integer)) AS g"),
                              columns: { names = $0 }, row: { row in
            count += 1
            let n = try row.decode("n", as: Int.self)
            if n != count { ordered = false }
            total += Int64(n)
        })
        #expect(names == ["n", "label"])
        #expect(count == 200_000 && ordered)
        #expect(total == 200_000 * 200_001 / 2)
        #expect(try connection.execute("SELECT 1 AS one")[0].decode("one", as: Int.self) == 1)
    }

    @Test("stream of no rows still names the columns; an error midway is thrown and the connection stays usable")
    func streamEmptyAndErrors() throws {
        var names: [String] = []
        var rows = 0
        try connection.stream(SQLQuery("SELECT 1 AS a, 2 AS b WHERE false"), columns: { names = $0 }, row: { _ in rows += 1 })
        #expect(names == ["a", "b"] && rows == 0)

        rows = 0
        #expect(throws: PostgresError.self) {
            try connection.stream(SQLQuery("SELECT 100 / (50000 - g) AS x FROM generate_series(1, 100000) AS g"),
                                  columns: { _ in }, row: { _ in rows += 1 })
        }
        #expect(rows < 100_000)
        #expect(try connection.execute("SELECT 2 AS two")[0].decode("two", as: Int.self) == 2)

        struct Stop: Error {}
        rows = 0
        #expect(throws: Stop.self) {
            try connection.stream(SQLQuery("SELECT g FROM generate_series(1, 1000000) AS g"), columns: { _ in }, row: { _ in
                rows += 1
                if rows == 10 { throw Stop() }
            })
        }
        #expect(rows == 10)
        #expect(try connection.execute("SELECT 3 AS three")[0].decode("three", as: Int.self) == 3)
    }

    @Test("numeric stays exact: 0.1 + 0.2 and 14 significant digits")
    func numericExactness() throws {
        let amount = "123456789012.34"
        let row = try connection.execute("""
            SELECT 0.1 + 0.2 AS sum, \(amount)::numeric(14,2) AS big, \(amount)::numeric(14,2) + 0.01 AS bigger
            """)[0]
        #expect(try row.decode("sum", as: PostgresNumeric.self).description == "0.3")
        let big = try row.decode("big", as: PostgresNumeric.self)
        #expect(big.formatted(places: 2) == "123456789012.34")
        #expect(big.scaled(by: 2) == 12_345_678_901_234)
        #expect(try row.decode("bigger", as: PostgresNumeric.self).scaled(by: 2) == 12_345_678_901_235)
        #expect(PostgresNumeric("12.345")?.scaled(by: 2) == nil)
    }

    @Test("dates, timestamps, booleans and jsonb decode")
    func typedRows() throws {
        let row = try connection.execute("""
            SELECT date '2026-02-28' + 1 AS d, timestamptz '2026-11-21 08:30:00.25+08' AS ts,
                   true AS b, '{"区": "姑苏", "n": 3}'::jsonb AS j, 42::int8 AS i
            """)[0]
        #expect(try row.decode("d", as: PostgresDate.self) == PostgresDate(year: 2026, month: 3, day: 1))
        let stamp = try row.decode("ts", as: PostgresTimestamp.self)
        #expect(stamp.date.timeIntervalSince1970 == 1_795_221_000.25)
        #expect(try row.decode("b", as: Bool.self))
        struct Payload: Decodable { let 区: String; let n: Int }
        #expect(try row.decode("j", as: PostgresJSON.self).decode(Payload.self).区 == "姑苏")
        #expect(try row.decode("i", as: Int64.self) == 42)
    }

    @Test("a decode failure names the column, its index and the wanted type")
    func decodeFailure() throws {
        let row = try connection.execute("SELECT 1 AS a, 'x' AS code, NULL::int AS missing")[0]
        let error = try #require(throws: PostgresError.self) { try row.decode("code", as: Int.self) }
        #expect(error.kind == .decoding)
        #expect(error.message.contains("\"code\"") && error.message.contains("index 1") && error.message.contains("Int"))
        let null = try #require(throws: PostgresError.self) { try row.decode("missing", as: Int.self) }
        #expect(null.message.contains("\"missing\" (index 2) is NULL"))
        #expect(try row.decode("missing", as: Int?.self) == nil)
    }

    @Test("several statements of raw text run only through executeScript, which binds nothing")
    func script() throws {
        try connection.executeScript("CREATE TEMP TABLE s (n int); INSERT INTO s VALUES (1), (2);")
        #expect(try connection.execute("SELECT count(*) AS n FROM s")[0].decode("n", as: Int.self) == 2)
        // execute sends one statement with its parameters (the extended protocol): a second one is refused.
        let two = try #require(throws: PostgresError.self) { try connection.execute("INSERT INTO s VALUES (3); DELETE FROM s") }
        #expect(two.sqlState?.code == "42601")
        #expect(try connection.execute("SELECT count(*) AS n FROM s")[0].decode("n", as: Int.self) == 2)
        // A script has no parameters to fill a $1.
        let placeholder = try #require(throws: PostgresError.self) { try connection.executeScript("SELECT $1::text") }
        #expect(placeholder.sqlState?.code == "42P02")
    }

    @Test("a server error keeps SQLSTATE, detail, constraint and query, and matches its class")
    func serverError() throws {
        try connection.execute("CREATE TABLE t (code text CONSTRAINT t_code_key UNIQUE, n int CONSTRAINT t_n_positive CHECK (n > 0))")
        try connection.execute("INSERT INTO t VALUES (\("A"), 1)")
        let error = try #require(throws: PostgresError.self) { try connection.execute("INSERT INTO t VALUES (\("A"), 2)") }
        #expect(error.sqlState == .uniqueViolation)
        #expect(error.constraint == "t_code_key")
        #expect(error.detail == "Key (code)=(A) already exists.")
        #expect(error.query == "INSERT INTO t VALUES ($1, 2)")
        #expect(error.table == "t")
        let matchedClass: Bool
        switch error.sqlState {
        case SQLState.Class.integrityConstraintViolation: matchedClass = true
        default: matchedClass = false
        }
        #expect(matchedClass)
        let check = try #require(throws: PostgresError.self) { try connection.execute("INSERT INTO t VALUES ('B', -1)") }
        #expect(check.sqlState == .checkViolation)
        #expect(check.constraint == "t_n_positive")
        #expect(SQLState.Class.integrityConstraintViolation ~= check.sqlState)
        #expect(!(SQLState.Class.dataException ~= check.sqlState))
    }

    @Test("notices reach the handler")
    func notices() throws {
        nonisolated(unsafe) var seen: [Notice] = []
        connection.noticeHandler = { seen.append($0) }
        try connection.execute("DO $$ BEGIN RAISE WARNING 'check 康城 fees'; END $$")
        #expect(seen.count == 1)
        #expect(seen.first?.severity == "WARNING")
        #expect(seen.first?.message == "check 康城 fees")
    }

    @Test("sibling: a second session of the same user and database, with none of the first one's settings")
    func siblingSession() throws {
        try connection.execute("SET work_mem = '7MB'")
        let sibling = try connection.sibling()
        let facts: SQLQuery = "SELECT current_user AS u, current_database() AS d, pg_backend_pid() AS pid, current_setting('work_mem') AS w"
        let mine = try connection.execute(facts)[0]
        let theirs = try sibling.execute(facts)[0]
        #expect(try theirs.decode("u", as: String.self) == mine.decode("u", as: String.self))
        #expect(try theirs.decode("d", as: String.self) == mine.decode("d", as: String.self))
        #expect(try theirs.decode("pid", as: Int.self) != mine.decode("pid", as: Int.self))
        #expect(try theirs.decode("w", as: String.self) != "7MB")
        #expect(sibling.endpoint.description == connection.endpoint.description)
    }

    @Test("send does not wait: the statement runs on the server while the caller works on another session; receive gives its result")
    func sendAndReceive() throws {
        let sibling = try connection.sibling()
        let siblingPID = try sibling.execute("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self)
        try connection.execute("SELECT pg_advisory_lock(4242)")
        try sibling.send(SQLQuery("SELECT pg_advisory_lock(4242), \(7, as: .integer) AS n"))
        // The sibling is now waiting on the server for the lock this session holds.
        var waiting = false
        for _ in 0..<100 where !waiting {
            waiting = try connection.execute(SQLQuery("""
                SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND pid = \(siblingPID, as: .integer)) AS w
                """))[0].decode("w", as: Bool.self)
            if !waiting { usleep(20_000) }
        }
        #expect(waiting)
        try connection.execute("SELECT pg_advisory_unlock(4242)")
        #expect(try sibling.receive()[0].decode("n", as: Int.self) == 7)
        // An error is thrown by receive, and the session goes on.
        try sibling.send("SELECT 1 / 0")
        #expect(throws: PostgresError.self) { try sibling.receive() }
        #expect(try sibling.execute("SELECT 2 AS two")[0].decode("two", as: Int.self) == 2)
        #expect(throws: PostgresError.self) { try sibling.receive() }
    }

    @Test("COPY FROM STDIN streams 100,000 rows in chunks")
    func copyManyRows() throws {
        try connection.execute("CREATE TABLE units (n int PRIMARY KEY, building text, area numeric(12,2))")
        let copied = try connection.copyIn("COPY units FROM STDIN") { writer in
            var chunk = ""
            for n in 1...100_000 {
                chunk += "\(n)\t\(n % 37)号楼\t\(n % 150).\(n % 10)\(n % 7)\n"
                if chunk.utf8.count > 60_000 { try writer.write(chunk); chunk = "" }
            }
            try writer.write(chunk)
        }
        #expect(copied == 100_000)
        let row = try connection.execute("SELECT count(*) AS c, sum(area) AS s FROM units")[0]
        #expect(try row.decode("c", as: Int.self) == 100_000)
        let expected = (1...100_000).reduce(0) { $0 + ($1 % 150) * 100 + ($1 % 10) * 10 + $1 % 7 }
        #expect(try row.decode("s", as: PostgresNumeric.self).scaled(by: 2) == Int64(expected))
    }

    @Test("a COPY with a bad row N names line N and copies nothing")
    func copyBadRow() throws {
        try connection.execute("CREATE TABLE units (n int PRIMARY KEY, area numeric(12,2))")
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY units FROM STDIN") { writer in
                for n in 1...500 { try writer.write(n == 321 ? "\(n)\tforty\n" : "\(n)\t40.5\n") }
            }
        }
        #expect(error.sqlState == .invalidTextRepresentation)
        #expect(error.context?.contains("line 321") == true)
        #expect(try connection.execute("SELECT count(*) AS c FROM units")[0].decode("c", as: Int.self) == 0)
    }

    @Test("a COPY that cannot start (no such table) throws the server's error, frees its result once, and the session goes on")
    func copyIntoMissingTable() throws {
        // On the old code this aborted the process: free(): double free detected.
        for _ in 1...3 {
            let error = try #require(throws: PostgresError.self) {
                try connection.copyIn("COPY no_such_table FROM STDIN") { _ in Issue.record("the body of a COPY that did not start ran") }
            }
            #expect(error.sqlState?.code == "42P01")
            #expect(error.kind == .server)
        }
        #expect(try connection.execute("SELECT 1 AS one")[0].decode("one", as: Int.self) == 1)
        let notCopy = try #require(throws: PostgresError.self) { try connection.copyIn("SELECT 1") { _ in } }
        #expect(notCopy.kind == .client)
        try connection.execute("CREATE TABLE t (n int)")
        #expect(try connection.copyIn("COPY t FROM STDIN") { try $0.write("1\n2\n") } == 2)
    }

    @Test("a session ended during COPY is a connection error, and so is the next statement")
    func copyConnectionLost() throws {
        try connection.execute("CREATE TABLE units (n int)")
        let pid = try connection.execute("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self)
        let admin = try database.connect()
        let error = try #require(throws: PostgresError.self) {
            try connection.copyIn("COPY units FROM STDIN") { writer in
                try writer.write("1\n")
                #expect(try admin.execute("SELECT pg_terminate_backend(\(pid, as: .integer), 5000) AS gone")[0].decode("gone", as: Bool.self))
                var chunk = ""
                for n in 2...2_000 { chunk += "\(n)\n" }
                for _ in 1...200 { try writer.write(chunk) }
            }
        }
        #expect(error.kind == .connection, "\(error)")
        #expect(error.isConnectionLoss)
        let after = try #require(throws: PostgresError.self) { try connection.execute("SELECT 1") }
        #expect(after.kind == .connection, "\(after)")
    }

    @Test("a thrown error inside a transaction rolls it back")
    func rollbackOnThrow() throws {
        struct Boom: Error {}
        try connection.execute("CREATE TABLE t (n int)")
        #expect(throws: Boom.self) {
            try connection.withTransaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(!connection.inTransaction)
        #expect(try connection.execute("SELECT count(*) AS c FROM t")[0].decode("c", as: Int.self) == 0)
    }

    @Test("a deferred constraint that fails at COMMIT is an error, and nothing is kept")
    func deferredFailureAtCommit() throws {
        try connection.execute("CREATE TABLE parent (id int PRIMARY KEY)")
        try connection.execute("""
            CREATE TABLE child (id int, parent_id int CONSTRAINT child_parent_fk REFERENCES parent DEFERRABLE INITIALLY DEFERRED)
            """)
        let error = try #require(throws: PostgresError.self) {
            try connection.withTransaction {
                try connection.execute("INSERT INTO child VALUES (1, 99)")
            }
        }
        #expect(error.sqlState == .foreignKeyViolation)
        #expect(error.constraint == "child_parent_fk")
        #expect(!connection.inTransaction)
        #expect(try connection.execute("SELECT count(*) AS c FROM child")[0].decode("c", as: Int.self) == 0)
        // The same transaction with its parent commits.
        try connection.withTransaction {
            try connection.execute("INSERT INTO child VALUES (1, 7)")
            try connection.execute("INSERT INTO parent VALUES (7)")
        }
        #expect(try connection.execute("SELECT count(*) AS c FROM child")[0].decode("c", as: Int.self) == 1)
    }

    @Test("a body that swallowed a failed statement cannot commit")
    func swallowedFailure() throws {
        try connection.execute("CREATE TABLE t (n int)")
        #expect(throws: PostgresError.self) {
            try connection.withTransaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                _ = try? connection.execute("SELECT 1/0")
            }
        }
        #expect(try connection.execute("SELECT count(*) AS c FROM t")[0].decode("c", as: Int.self) == 0)
    }

    @Test("the session reports where it is connected")
    func endpoint() throws {
        let endpoint = connection.endpoint
        #expect(endpoint.database == database.name)
        #expect(connection.serverVersion.hasPrefix("15."))
        let name = try connection.execute("SELECT current_setting('application_name') AS a")[0].decode("a", as: String.self)
        #expect(name == "propledger")
    }
}

@Suite("Connection failures")
struct ConnectionFailureTests {
    @Test("an unreachable server is a connection error with libpq's message")
    func unreachable() throws {
        let error = try #require(throws: PostgresError.self) {
            try Connection(conninfo: "host=/nonexistent-propledger-socket dbname=x connect_timeout=2", environment: [:])
        }
        #expect(error.kind == .connection)
        #expect(error.message.contains("/nonexistent-propledger-socket"))
    }

    @Test("a password never appears in an error message")
    func passwordRedacted() throws {
        let error = try #require(throws: PostgresError.self) {
            try Connection(conninfo: "host=/nonexistent-propledger-socket password=s3cret-龙岭 user=bureau bogus", environment: [:])
        }
        #expect(!error.description.contains("s3cret"))
        #expect(!error.debugDescription.contains("s3cret"))
        let uri = try #require(throws: PostgresError.self) {
            try Connection(conninfo: "postgresql://bureau:s3cret@/x?host=/nonexistent-propledger-socket&bogus=1", environment: [:])
        }
        #expect(!uri.debugDescription.contains("s3cret"))
    }

    /// A piece of four characters (or the whole of a shorter secret) of `secret` that `text` holds.
    static func leakedPiece(of secret: String, in text: String) -> String? {
        let characters = Array(secret)
        let length = min(4, characters.count)
        return (0...(characters.count - length)).lazy.map { String(characters[$0..<($0 + length)]) }.first { text.contains($0) }
    }

    /// Conninfo strings and URIs with nasty passwords, and the password each holds.
    static let nasty: [(conninfo: String, password: String)] = [
        ("postgresql://u:Abc%!123@/db?host=/nonexistent-propledger-socket", "Abc%!123"),
        ("postgresql://u:p@ss/w:rd@nonexistent-propledger-host.invalid/db", "p@ss/w:rd"),
        ("postgresql://u:p@ssw0rd9/w:rd@nonexistent-propledger-host.invalid/db", "p@ssw0rd9/w:rd"),
        ("postgresql://u:x'y z@/db?host=/nonexistent-propledger-socket", "x'y z"),
        ("postgresql://bureau:s%40fe%2Fpass@/db?host=/nonexistent-propledger-socket", "s@fe/pass"),
        ("password=secret host=/nonexistent-propledger-socket", "secret"),
        ("password=Sec ret99 host=/nonexistent-propledger-socket", "Sec ret99"),
        ("host=/nonexistent-propledger-socket password='x y\\'z' bogus", "x y'z"),
        ("host=/nonexistent-propledger-socket password=Kx9#qZ!v2 dbname='unterminated", "Kx9#qZ!v2"),
    ]

    @Test("no connection error holds a password or a piece of it (4 characters)", arguments: nasty)
    func nastyPasswords(conninfo: String, password: String) throws {
        let error = try #require(throws: PostgresError.self) { try Connection(conninfo: conninfo, environment: [:]) }
        #expect(error.kind == .connection)
        for text in [error.description, error.debugDescription] {
            #expect(Self.leakedPiece(of: password, in: text) == nil, "\(text)")
            #expect(Self.leakedPiece(of: password.removingPercentEncoding ?? password, in: text) == nil, "\(text)")
        }
    }

    @Test("an unparseable conninfo is not echoed: the error says where it came from and what kind of mistake it is")
    func unparseable() throws {
        let given = try #require(throws: PostgresError.self) {
            try Connection(conninfo: "postgresql://u:Abc%!123@h/db", environment: [:], origin: "--db")
        }
        #expect(given.message == "the connection string in --db cannot be parsed (invalid percent-encoded token); it is not shown, as it may hold a password")
        #expect(given.hint?.contains("%25") == true)
        let fromEnvironment = try #require(throws: PostgresError.self) {
            try Connection(environment: ["DATABASE_URL": "password=Sec ret99 host=/x"])
        }
        #expect(fromEnvironment.message.hasPrefix("the connection string in DATABASE_URL cannot be parsed (missing \"=\" after \"…\""))
    }

    @Test("PGPASSWORD and the password libpq used are redacted too")
    func environmentPassword() throws {
        let error = try #require(throws: PostgresError.self) {
            try Connection(conninfo: "host=/nonexistent-propledger-socket/Tr0ub4dor dbname=x", environment: ["PGPASSWORD": "Tr0ub4dor"])
        }
        #expect(!error.description.contains("Tr0ub4dor"))
        #expect(error.description.contains("***"))
    }

    @Test("Conninfo.containsPassword: key=value, URI userinfo, URI query, unparseable", arguments: [
        ("password=x host=h", true), ("host=h dbname=d", false), ("postgresql://u:pw@h/db", true),
        ("postgresql://u@h/db", false), ("postgresql://h/db?password=pw", true), ("postgresql://u:Abc%!123@h/db", true),
        ("propledger", false), ("password=Sec ret99", true), ("", false),
    ])
    func containsPassword(conninfo: String, expected: Bool) {
        #expect(Conninfo.containsPassword(conninfo) == expected)
    }

    @Test("Redactor: quoted pieces of any length, runs of four, and URI userinfo as a person meant it")
    func redactor() {
        var redactor = Redactor()
        redactor.add(conninfo: "postgresql://bureau:p@ss/w:rd@h/db?application_name=a@b")
        #expect(redactor.redact("could not translate host name \"ss\" to address") == "could not translate host name \"***\" to address")
        #expect(redactor.redact("database \"w:rd@h/db\" does not exist") == "database \"***@h/db\" does not exist")
        #expect(redactor.redact("user \"bureau\" on host \"h\"") == "user \"bureau\" on host \"h\"")
        #expect(redactor.redact("xx p@ss/w yy") == "xx *** yy")
        var plain = Redactor()
        plain.add("ab")
        #expect(plain.redact("cab ab") == "c*** ***")
        #expect(Redactor().redact("password=abc host=x") == "password=*** host=x")
    }
}
