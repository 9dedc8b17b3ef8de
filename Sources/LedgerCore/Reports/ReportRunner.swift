import PostgresClient

/// Why a report request cannot run.
public struct ReportRequestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong and what to do.
    public let description: String
}

/// What the user asked for: a report, its argument, filters and options.
public struct ReportRequest: Sendable {
    /// The report.
    public let definition: ReportDefinition
    /// The positional arguments, in order (project code for apportion, compound code for compound;
    /// compound, building and unit for fund-unit).
    public var arguments: [String] = []
    /// The first positional argument (the only one of most reports).
    public var argument: String? {
        get { arguments.first }
        set { arguments = newValue.map { [$0] } ?? [] }
    }
    /// The day the report describes; `nil` = the server's today.
    public var asOf: PostgresDate?
    /// Filters: district, street and community codes.
    public var district: String?, street: String?, community: String?
    /// `--by`: one of the report's groupings (nil for its default).
    public var by: String?
    /// funding: the approval year.
    public var year: Int?
    /// expiring: the window in days.
    public var days: Int?
    /// recommend: the compound whose district is ranked.
    public var compound: String?
    /// votes: only this project's votes.
    public var project: String?
    /// The language of its refusals (and of the output, which the caller renders).
    public var language: Language = .en

    /// A request for a report with nothing set.
    public init(definition: ReportDefinition) { self.definition = definition }

    /// The options that were given, for checking against what the report accepts.
    var given: [ReportOption] {
        var options: [ReportOption] = []
        if district != nil { options.append(.district) }
        if street != nil { options.append(.street) }
        if community != nil { options.append(.community) }
        if by != nil { options.append(.by) }
        if year != nil { options.append(.year) }
        if days != nil { options.append(.days) }
        if compound != nil { options.append(.compound) }
        if project != nil { options.append(.project) }
        if asOf != nil { options.append(.asOf) }
        return options
    }

    /// Checks the request against the report: options it does not take, a missing argument, malformed codes.
    public func validate() throws(ReportRequestError) {
        let name = definition.name
        func refuse(_ message: Message, _ arguments: [String: String]) -> ReportRequestError {
            ReportRequestError(description: message.render(language, arguments))
        }
        for option in given where !definition.options.contains(option) {
            throw refuse(.reportTakesNoOption, ["name": name, "option": option.rawValue])
        }
        let counted = definition.positionalNames.count
        if let wanted = definition.argument,
           definition.takesPositionalList ? arguments.count < counted : arguments.count != counted {
            let article = counted > 1 || language == .zh ? "" : "a "
            throw refuse(.reportNeedsArgument, ["name": name, "article": article, "wanted": wanted])
        }
        if definition.argument == nil, let argument {
            throw refuse(.reportTakesNoArgument, ["name": name, "argument": argument])
        }
        if definition.options.contains(.compound), compound == nil {
            throw refuse(.reportNeedsCompound, ["name": name])
        }
        for (option, value, digits) in [("district", district, 6), ("street", street, 9), ("community", community, 12)] {
            if let value, value.count != digits || !value.allSatisfy({ $0.isASCII && $0.isNumber }) {
                throw refuse(.reportCodeDigits, ["option": option, "value": value, "digits": String(digits)])
            }
        }
        if let by, definition.grouping(by) == nil {
            let names = definition.groupings.map(\.name)
            let (comma, or) = language == .en ? (", ", " or ") : ("、", " 或 ")
            let choices = names.count > 1 ? names.dropLast().joined(separator: comma) + or + names[names.count - 1] : names.joined()
            throw refuse(.reportUseGrouping, ["by": by, "choices": choices])
        }
        if let days, days < 0 { throw refuse(.reportDaysNegative, ["days": String(days)]) }
        if let year, !(1900...2100).contains(year) { throw refuse(.reportYearRange, ["year": String(year)]) }
    }

    /// The columns of the result (a grouped report's group columns follow --by).
    public var columns: [ReportColumn] { definition.columns(by: by) }

    /// The call of the report's function with the request's values as its arguments (the catalogue's
    /// `ReportDefinition.arguments`): every value is bound as $n, never spliced into the text.
    public var query: SQLQuery {
        let arguments = definition.arguments.map { $0.sql(in: self) }.joined(separator: ", ")
        // The function's name is the catalogue's own text.
        return "SELECT * FROM \(raw: definition.function)(\(arguments))"
    }
}

extension ReportArgument {
    /// The argument as SQL: the request's value bound with its type, or the default when it is not given.
    func sql(in request: ReportRequest) -> SQLQuery {
        switch self {
        case .asOf: return "coalesce(\(request.asOf, as: .date), current_date)"
        case .district: return "\(request.district, as: .text)"
        case .street: return "\(request.street, as: .text)"
        case .community: return "\(request.community, as: .text)"
        case .by: return "\(request.by ?? request.definition.grouping(nil)?.name, as: .text)"
        case .year: return "\(request.year, as: .integer)"
        case .days: return "\(request.days, as: .integer)"
        case .compound: return "\(request.compound, as: .text)"
        case .project: return "\(request.project, as: .text)"
        case .positional(let name):
            let index = request.definition.positionalNames.firstIndex(of: name) ?? 0
            return "\(index < request.arguments.count ? request.arguments[index] : nil, as: .text)"
        case .positionalList(let name):
            // Every remaining argument, each bound as its own $n.
            let index = request.definition.positionalNames.firstIndex(of: name + "…") ?? 0
            let values = request.arguments.dropFirst(index).map { "\($0, as: .text)" as SQLQuery }
            return "ARRAY[\(values.joined(separator: ", "))]::text[]"
        }
    }
}

/// A report's rows as text, ready to render.
public struct ReportResult: Sendable {
    /// The columns.
    public let columns: [ReportColumn]
    /// One array of cells per row, `nil` for NULL, in column order.
    public let rows: [[String?]]
    /// The report's name.
    public let name: String
    /// The day it describes (the server's date when none was asked for).
    public let asOf: String
    /// The filters given, as `--option value` text, for the page heading.
    public let filters: [String]
    /// The chart, if the report has one.
    public let chart: ChartSpec?
    /// The Chinese label of each code of the enumerations its columns show (`ReportColumn.label`), read
    /// from `report.labels`.
    public let labels: [EnumerationSource: [String: String]]
    /// Each column's JSON field name as a string literal and its colon, made once for every row (`jsonObject`).
    let jsonKeys: [String]

    /// Creates a result.
    public init(name: String, columns: [ReportColumn], rows: [[String?]], asOf: String, filters: [String] = [], chart: ChartSpec? = nil,
                labels: [EnumerationSource: [String: String]] = [:]) {
        self.name = name
        self.columns = columns
        self.rows = rows
        self.asOf = asOf
        self.filters = filters
        self.chart = chart
        self.labels = labels
        self.jsonKeys = columns.map { JSON.string($0.key) + ": " }
    }

    /// The totals row (first cell "total"/"合计" unless that column totals), computed exactly over the rows shown — which are
    /// the rows the connecting role may see — or `nil` when no column totals.
    public func totals(_ language: ReportLanguage) -> [String?]? {
        guard columns.contains(where: { $0.total != .none }), !rows.isEmpty else { return nil }
        func column(_ key: String) -> Int? { columns.firstIndex { $0.key == key } }
        func sum(_ index: Int) -> Int64 {
            rows.reduce(0) { $0 + (ExactDecimal.scaled($1[index], places: columns[index].kind.places) ?? 0) }
        }
        var cells: [String?] = columns.enumerated().map { index, col in
            switch col.total {
            case .none: return nil
            case .sum: return ExactDecimal.format(sum(index), places: col.kind.places)
            case .percentOf(let numerators, let denominator):
                guard let den = column(denominator).map(sum), den != 0 else { return nil }
                let num = numerators.compactMap(column).map(sum).reduce(0, +)
                return ExactDecimal.format(ExactDecimal.roundedDivision(num * 1000, den), places: 1)
            }
        }
        // The label in the first column, unless that column has a total of its own (--columns put it first).
        if cells[0] == nil { cells[0] = Message.reportTotal.render(language) }
        return cells
    }
}

/// Exact decimal arithmetic on the text PostgreSQL returns, as whole numbers of 10^-places.
enum ExactDecimal {
    /// The text as an integer count of 10^-places, or `nil` for NULL or unparsable text.
    static func scaled(_ text: String?, places: Int) -> Int64? {
        guard let text, let number = PostgresNumeric(text) else { return nil }
        return number.scaled(by: places)
    }

    /// An integer count of 10^-places written with exactly `places` decimals.
    static func format(_ value: Int64, places: Int) -> String {
        guard places > 0 else { return String(value) }
        let magnitude = String(value.magnitude)
        let padded = String(repeating: "0", count: max(0, places + 1 - magnitude.count)) + magnitude
        return (value < 0 ? "-" : "") + padded.dropLast(places) + "." + padded.suffix(places)
    }

    /// numerator / denominator rounded half away from zero.
    static func roundedDivision(_ numerator: Int64, _ denominator: Int64) -> Int64 {
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        let q = Int64((2 * n + d) / (2 * d))
        return negative ? -q : q
    }
}

/// Runs reports on a connection.
public enum ReportRunner {
    /// Runs a validated request under the connecting role (so row-level security applies).
    public static func run(_ request: ReportRequest, on connection: Connection) throws -> ReportResult {
        let shape = try prepare(request, on: connection)
        let result = try connection.execute(request.query)
        let indexes = try positions(of: request, in: result.columns)
        return shape.with(rows: result.rows.map { row in indexes.map { row.text(at: $0) } })
    }

    /// Runs a validated request as `run` does, but hands its rows over as they arrive from the server (libpq's
    /// single-row mode), so a CSV or JSON of 200,000 rows goes out in flat memory: `begin` gets the result
    /// without rows (its columns, labels and as-of date: what a line is rendered with), then `row` gets each
    /// row's cells in column order.
    public static func stream(_ request: ReportRequest, on connection: Connection,
                              begin: (ReportResult) throws -> Void, row: ([String?]) throws -> Void) throws {
        let shape = try prepare(request, on: connection)
        var indexes: [Int] = []
        try connection.stream(request.query, columns: { names in
            indexes = try positions(of: request, in: names)
            try begin(shape)
        }, row: { result in
            try row(indexes.map { result.text(at: $0) })
        })
    }

    /// What every run does before the report's query: the search path, the filters checked, the as-of date,
    /// the filters as text and the labels of the columns shown. The result has no rows yet.
    static func prepare(_ request: ReportRequest, on connection: Connection) throws -> ReportResult {
        let columns = request.columns
        // Names resolve in pg_catalog only (every report object is schema-qualified), so nothing another
        // role planted in public or elsewhere on a default search_path can be picked up (SPEC §5).
        try connection.execute("SET search_path = pg_catalog, pg_temp")
        try checkFilters(request, on: connection)
        let asOf = try connection.query(SQLQuery("SELECT coalesce(\(request.asOf, as: .date), current_date)::text AS as_of")) {
            try $0.decode("as_of", as: String.self)
        }.first ?? ""
        var filters: [String] = []
        if !request.arguments.isEmpty { filters.append(request.arguments.joined(separator: " ")) }
        for (name, value) in [("district", request.district), ("street", request.street), ("community", request.community),
                              ("by", request.by), ("year", request.year.map(String.init)), ("days", request.days.map(String.init)),
                              ("compound", request.compound), ("project", request.project)] {
            if let value { filters.append("--\(name) \(value)") }
        }
        return ReportResult(name: request.definition.name, columns: columns, rows: [], asOf: asOf, filters: filters,
                            chart: request.definition.chart(by: request.by),
                            labels: try labels(of: Set(columns.flatMap(\.labels)), on: connection))
    }

    /// Where each of the request's columns is among the names the query returned.
    static func positions(of request: ReportRequest, in names: [String]) throws -> [Int] {
        try request.columns.map { column -> Int in
            guard let index = names.firstIndex(of: column.sqlName) else {
                throw PostgresError(kind: .decoding, message: "\(request.definition.function) has no column \"\(column.sqlName)\" (it has: \(names.joined(separator: ", ")))", query: request.query.sql)
            }
            return index
        }
    }

    /// The Chinese labels of the codes of some enumerations, from `report.labels` (the one list, migrations
    /// 025 and 031), read in one query; empty without a query when there are none.
    public static func labels(of sources: Set<EnumerationSource>, on connection: Connection) throws -> [EnumerationSource: [String: String]] {
        if sources.isEmpty { return [:] }
        let ordered = sources.sorted { ($0.kind, $0.column) < ($1.kind, $1.column) }
        // Kinds and columns are names of the registry (lower case, digits, underscores): array literals as they are.
        let kinds = "{" + ordered.map(\.kind).joined(separator: ",") + "}", columns = "{" + ordered.map(\.column).joined(separator: ",") + "}"
        let rows = try connection.query(SQLQuery("""
            SELECT l.kind, l.column_name, l.code, l.label_zh FROM report.labels AS l
            JOIN unnest(\(kinds, as: .textArray), \(columns, as: .textArray)) AS w(kind, column_name)
              ON w.kind = l.kind AND w.column_name = l.column_name
            """)) {
            (EnumerationSource(try $0.decode(at: 0, as: String.self), try $0.decode(at: 1, as: String.self)),
             try $0.decode(at: 2, as: String.self), try $0.decode(at: 3, as: String.self))
        }
        var labels: [EnumerationSource: [String: String]] = [:]
        for (source, code, label) in rows { labels[source, default: [:]][code] = label }
        return labels
    }

    /// A filter naming nothing the user can see is said, never answered with an empty table: an unknown
    /// district, street, community, compound or project (or one outside the user's districts).
    static func checkFilters(_ request: ReportRequest, on connection: Connection) throws {
        let checks: [(String, String?, SQLQuery)] = [
            ("district", request.district, "SELECT EXISTS (SELECT 1 FROM report.districts AS d WHERE d.district_code = \(request.district))"),
            ("street", request.street, "SELECT EXISTS (SELECT 1 FROM report.compounds AS c WHERE c.street_code = \(request.street))"),
            ("community", request.community, "SELECT EXISTS (SELECT 1 FROM report.compounds AS c WHERE c.community_code = \(request.community))"),
            ("compound", request.compound, "SELECT EXISTS (SELECT 1 FROM report.compounds AS c WHERE c.compound_code = \(request.compound))"),
            ("project", request.project, "SELECT EXISTS (SELECT 1 FROM report.projects AS p WHERE p.project_code = \(request.project))"),
        ]
        for (name, value, query) in checks {
            guard let value else { continue }
            let known = try connection.query(query) { try $0.decode(at: 0, as: Bool.self) }.first ?? false
            if known { continue }
            let language = request.language
            var message = Message.reportUnknownFilter.render(language, ["option": name, "value": value])
            if name == "district" {
                let districts = try connection.query("SELECT d.district_code || ' ' || d.name FROM report.districts AS d ORDER BY 1") {
                    try $0.decode(at: 0, as: String.self)
                }
                message = districts.isEmpty ? Message.reportNoDistricts.render(language, ["value": value])
                    : Message.reportUnknownFilterDistricts.render(language, ["value": value, "districts": districts.joined(separator: ", ")])
            }
            throw ReportRequestError(description: message)
        }
    }
}
