import PostgresClient
import Testing
import TestSupport

/// Text a value may hold that would change a statement if it were spliced into it.
private let hostile = "姑苏区 \"康城\" O'Brien's; DROP TABLE x; -- $1 %s"

@Suite("SQLQuery: interpolated values are bound, text is spliced only when asked")
struct SQLQueryTests {
    @Test("values are bound as $1, $2 … in the order they are written; nil is NULL")
    func bindingOrder() {
        let year: Int? = nil
        let query: SQLQuery = "SELECT * FROM report.funding_report(\(PostgresDate("2026-03-01")), \(year), \("320508"), \(42))"
        #expect(query.sql == "SELECT * FROM report.funding_report($1, $2, $3, $4)")
        #expect(query.parameters == ["2026-03-01", nil, "320508", "42"])
    }

    @Test("a value is never spliced into the text, whatever it holds", arguments: [hostile, "'", "\"", "$2", "%s", ""])
    func neverSpliced(value: String) {
        let query: SQLQuery = "SELECT \(value) AS a, \(value, as: .text) AS b"
        #expect(query.sql == "SELECT $1 AS a, $2::text AS b")
        #expect(query.parameters == [value, value])
        // Neither the text nor the description (which errors and logs show) carries a bound value.
        if !value.isEmpty && value != "$2" { #expect(!query.description.contains(value)) }
        #expect(query.description == "SELECT $1 AS a, $2::text AS b [2 bound values]")
    }

    @Test("a cast is appended only when asked for")
    func casts() {
        let query: SQLQuery = "SELECT staging.analyze_if_grown(\("units", as: .text), \(12, as: .bigint)), \(true)"
        #expect(query.sql == "SELECT staging.analyze_if_grown($1::text, $2::bigint), $3")
        #expect(query.parameters == ["units", "12", "true"])
        #expect(SQLQuery("\(3, as: SQLType("smallint"))").sql == "$1::smallint")
    }

    @Test("identifiers are double-quoted, their quotes doubled; a qualified name is quoted part by part")
    func identifiers() {
        #expect(SQLQuery("SELECT t.\(ident: "floor_area_m2") FROM t").sql == "SELECT t.\"floor_area_m2\" FROM t")
        #expect(SQLQuery("\(ident: "a\"; DROP TABLE x; --")").sql == "\"a\"\"; DROP TABLE x; --\"")
        #expect(SQLQuery("\(ident: "pg_temp", "raw_units")").sql == "\"pg_temp\".\"raw_units\"")
        #expect(SQLQuery("\(ident: "ledger", "units")").parameters.isEmpty)
    }

    @Test("raw text only when asked for by name: a String value is bound like any other")
    func rawOnlyWhenAsked() {
        let expression = "now()"
        let bound: SQLQuery = "SELECT \(expression)"
        #expect(bound.sql == "SELECT $1")
        #expect(bound.parameters == ["now()"])
        let raw: SQLQuery = "SELECT \(raw: expression)"
        #expect(raw.sql == "SELECT now()")
        #expect(raw.parameters.isEmpty)
        // A literal without interpolations is SQL text, with nothing bound.
        let plain: SQLQuery = "SELECT 1"
        #expect(plain.sql == "SELECT 1" && plain.parameters.isEmpty)
    }

    @Test("a fragment keeps its values bound, renumbered where it is placed")
    func fragments() {
        let notRejected: SQLQuery = "NOT EXISTS (SELECT 1 FROM r WHERE r.kind = \("units") AND r.line = t._line)"
        let query: SQLQuery = "SELECT \(7, as: .integer) WHERE \(notRejected) AND t.code = \("GS015") AND \(notRejected)"
        #expect(query.sql == "SELECT $1::integer WHERE NOT EXISTS (SELECT 1 FROM r WHERE r.kind = $2 AND r.line = t._line) "
            + "AND t.code = $3 AND NOT EXISTS (SELECT 1 FROM r WHERE r.kind = $4 AND r.line = t._line)")
        #expect(query.parameters == ["7", "units", "GS015", "units"])
    }

    @Test("joined: fragments and separators in order, values renumbered")
    func joined() {
        let columns = ["a", "b\"c"].map { name -> SQLQuery in "\(ident: name) = \(name)" }
        let query = columns.joined(separator: " AND ")
        #expect(query.sql == "\"a\" = $1 AND \"b\"\"c\" = $2")
        #expect(query.parameters == ["a", "b\"c"])
        #expect([SQLQuery]().joined(separator: ", ").isEmpty)
        var appended: SQLQuery = "SELECT \(1)"
        appended.append(" UNION ALL SELECT \(2)")
        #expect(appended.sql == "SELECT $1 UNION ALL SELECT $2")
    }
}

@Suite("SQLQuery against a real server", .enabled(if: TestEnvironment.databaseEnabled, Comment(rawValue: TestEnvironment.skipMessage)))
struct SQLQueryServerTests {
    let database: ScratchDatabase
    let connection: Connection

    init() throws {
        database = try ScratchDatabase()
        connection = try database.connect()
    }

    @Test("a string literal with interpolations given to execute or query binds its values, never splices them")
    func literalsBind() throws {
        // No SQLQuery(...) around the literals: execute and query take only an SQLQuery, so these are SQLQuery.
        let row = try connection.execute("SELECT \(hostile)::text AS t, pg_typeof(\(7)::text)::text AS k")[0]
        #expect(try row.decode("t", as: String.self) == hostile)
        let values = try connection.query("SELECT \(hostile)::text AS t") { try $0.decode("t", as: String.self) }
        #expect(values == [hostile])
        // SQL text held in a String is spliced only when asked for by name; the values around it stay bound.
        let cast = "::text"
        #expect(try connection.execute("SELECT \(hostile)\(raw: cast) AS t")[0].decode("t", as: String.self) == hostile)
    }

    @Test("execute and query send the bound values, which come back unchanged")
    func roundTrip() throws {
        let missing: String? = nil
        let row = try connection.execute(SQLQuery("""
            SELECT \(hostile, as: .text) AS t, \(missing, as: .text) IS NULL AS n, \(41, as: .integer) + 1 AS answer
            """))[0]
        #expect(try row.decode("t", as: String.self) == hostile)
        #expect(try row.decode("n", as: Bool.self))
        #expect(try row.decode("answer", as: Int.self) == 42)
        let table = "odd \"name\""
        try connection.execute(SQLQuery("CREATE TEMP TABLE \(ident: table) (v text)"))
        try connection.execute(SQLQuery("INSERT INTO \(ident: "pg_temp", table) VALUES (\(hostile)), (\("b"))"))
        let values = try connection.query(SQLQuery("SELECT v FROM \(ident: table) WHERE v <> \("b") ORDER BY v")) {
            try $0.decode("v", as: String.self)
        }
        #expect(values == [hostile])
    }

    @Test("an error keeps the statement's text, never its bound values")
    func errorsKeepTextOnly() throws {
        let error = try #require(throws: PostgresError.self) {
            try connection.execute(SQLQuery("SELECT \(hostile, as: .integer)"))
        }
        #expect(error.sqlState == .invalidTextRepresentation)
        #expect(error.query == "SELECT $1::integer")
    }
}
