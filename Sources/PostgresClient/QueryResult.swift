import CLibPQ

/// The rows of one statement's result. Owns its `PGresult` and frees it when released.
public final class QueryResult {
    let handle: OpaquePointer
    /// The SQL text that produced it (for error messages).
    public let query: String

    init(handle: OpaquePointer, query: String) {
        self.handle = handle
        self.query = query
    }

    deinit { PQclear(handle) }

    /// How many rows the result holds.
    public var count: Int { Int(PQntuples(handle)) }

    /// The column names, in order.
    public var columns: [String] {
        (0..<Int(PQnfields(handle))).map { String(cString: PQfname(handle, Int32($0))) }
    }

    /// The command tag's row count (rows inserted, updated, copied …), or 0.
    public var affectedRows: Int {
        Int(String(cString: PQcmdTuples(handle))) ?? 0
    }

    /// The command tag, such as `INSERT 0 3` or `COMMIT`.
    public var commandStatus: String { String(cString: PQcmdStatus(handle)) }

    /// The row at an index.
    public subscript(row: Int) -> Row {
        precondition(row >= 0 && row < count, "row \(row) out of range 0..<\(count)")
        return Row(result: self, index: Int32(row))
    }

    /// All rows, in order.
    public var rows: [Row] { (0..<count).map { self[$0] } }

    /// The first row, if any.
    public var first: Row? { count > 0 ? self[0] : nil }
}

/// One row of a `QueryResult`; decode its columns by name or index.
public struct Row {
    let result: QueryResult
    let index: Int32

    /// The column's index for a name.
    public func columnIndex(_ name: String) throws -> Int {
        let found = PQfnumber(result.handle, name)
        guard found >= 0 else {
            throw PostgresError(kind: .decoding, message: "the result has no column \"\(name)\" (it has: \(result.columns.joined(separator: ", ")))",
                                query: result.query)
        }
        return Int(found)
    }

    /// Decodes a column by name.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        try decode(at: columnIndex(column), as: type)
    }

    /// Decodes a column by index.
    public func decode<T: PostgresDecodable>(at column: Int, as type: T.Type = T.self) throws -> T {
        let handle = result.handle
        guard column >= 0 && column < Int(PQnfields(handle)) else {
            throw PostgresError(kind: .decoding, message: "column index \(column) is out of range (the result has \(PQnfields(handle)) columns)",
                                query: result.query)
        }
        let name = String(cString: PQfname(handle, Int32(column)))
        if PQgetisnull(handle, index, Int32(column)) == 1 {
            if let null = T.postgresNull { return null }
            throw PostgresError(kind: .decoding, message: "column \"\(name)\" (index \(column)) is NULL, wanted \(T.self)",
                                query: result.query)
        }
        let text = String(cString: PQgetvalue(handle, index, Int32(column)))
        guard let value = T(postgresText: text) else {
            let oid = PQftype(handle, Int32(column))
            throw PostgresError(kind: .decoding,
                                message: "column \"\(name)\" (index \(column), type oid \(oid)) cannot be decoded as \(T.self)",
                                query: result.query)
        }
        return value
    }

    /// The raw text of a column, or `nil` for NULL.
    public func text(at column: Int) -> String? {
        if PQgetisnull(result.handle, index, Int32(column)) == 1 { return nil }
        return String(cString: PQgetvalue(result.handle, index, Int32(column)))
    }

    /// The raw text of every column, `nil` for NULL.
    public var texts: [String?] { (0..<Int(PQnfields(result.handle))).map { text(at: $0) } }
}
