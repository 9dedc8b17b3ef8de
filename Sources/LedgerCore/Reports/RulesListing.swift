import PostgresClient

// `propledger rules`: the rules in force for a district on a date (report.rules_in_force, with the chain of
// jurisdictions of report.jurisdiction_chain), or every row of report.rules — read, like the reports, as the
// connecting role from the report schema, and rendered as a table, CSV or JSON in English or Chinese.

/// A jurisdiction whose rules the ledger applies: `national` or a GB/T 2260 code prefix.
public struct Jurisdiction: Equatable, Sendable {
    /// `national`, or the code prefix (`11`, `3301`).
    public let code: String
    /// The Chinese name (北京市).
    public let nameZh: String
    /// The English name (Beijing).
    public let nameEn: String

    /// Creates a jurisdiction.
    public init(code: String, nameZh: String, nameEn: String) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
    }

    /// The name in a language.
    public func name(_ language: ReportLanguage) -> String { language == .en ? nameEn : nameZh }

    /// The name with its code (`杭州市 (3301)`); the national one by name alone.
    public func label(_ language: ReportLanguage) -> String {
        code == "national" ? name(language) : "\(name(language)) (\(code))"
    }
}

/// One row of ledger.rules as a reader sees it (report.rules, report.rules_in_force).
public struct RuleRow: Equatable, Sendable {
    /// The parameter (`owners_committee.members_max`).
    public let parameter: String
    /// The value as stored; `nil`: no such limit here.
    public let value: String?
    /// The text says 一般 (generally): exceeding the limit is a warning, not a refusal.
    public let general: Bool
    /// The jurisdiction whose row it is.
    public let jurisdiction: Jurisdiction
    /// The day from which it applies, YYYY-MM-DD.
    public let effectiveFrom: String
    /// What the parameter means, in English and Chinese.
    public let descriptionEn: String, descriptionZh: String
    /// The article it cites, in Chinese and English.
    public let sourceZh: String, sourceEn: String

    /// The description in a language.
    public func description(_ language: ReportLanguage) -> String { language == .en ? descriptionEn : descriptionZh }
    /// The source in a language.
    public func source(_ language: ReportLanguage) -> String { language == .en ? sourceEn : sourceZh }
}

/// What `propledger rules` was asked for.
public struct RulesRequest: Sendable {
    /// A GB/T 2260 code: a district's 6 digits, or a province's or city's 2 or 4; `nil`: national.
    public var district: String?
    /// The day whose rules are wanted; `nil`: the server's today.
    public var asOf: PostgresDate?
    /// Every row of every jurisdiction and date instead of those in force.
    public var all = false

    /// A request for the national rules in force today.
    public init(district: String? = nil, asOf: PostgresDate? = nil, all: Bool = false) {
        self.district = district
        self.asOf = asOf
        self.all = all
    }

    /// Refuses a code that is not 2, 4 or 6 digits, and `--all` with a district or a date.
    public func validate() throws(ReportRequestError) {
        if let district, ![2, 4, 6].contains(district.count) || !district.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw ReportRequestError(description: "--district \(district): give a GB/T 2260 code of 6 digits (a district; 2 or 4 digits name a province or a city)")
        }
        if all, district != nil || asOf != nil {
            throw ReportRequestError(description: "--all lists every row of every jurisdiction and date: it takes no --district or --as-of")
        }
    }
}

/// The rules a request asked for, ready to render.
public struct RulesListing: Sendable {
    /// The request.
    public let request: RulesRequest
    /// The day (the server's today when none was asked for); empty for `--all`.
    public let asOf: String
    /// The district's name when the ledger knows the district.
    public let districtName: String?
    /// The jurisdictions whose rules reach the district, most specific first, national last (empty for `--all`).
    public let chain: [Jurisdiction]
    /// The rules: one per parameter in force, or every row (`--all`).
    public let rows: [RuleRow]
    /// The Chinese labels of the values that are codes (`valueLabels`), from report.labels.
    public var labels: [EnumerationSource: [String: String]] = [:]

    /// Where the values that are codes have their labels: the rules' own (true, participating, emergency
    /// categories …), the laws and the matters of votes.
    static let valueLabels: [EnumerationSource] = [EnumerationSource("rules", "value"), EnumerationSource("votes", "law"),
                                                    EnumerationSource("votes", "matter")]

    /// Creates a listing (the tests build them by hand).
    public init(request: RulesRequest, asOf: String, districtName: String?, chain: [Jurisdiction], rows: [RuleRow]) {
        self.request = request
        self.asOf = asOf
        self.districtName = districtName
        self.chain = chain
        self.rows = rows
    }

    /// Reads the listing as the connecting role (every object is in the report schema).
    public static func load(_ request: RulesRequest, on connection: Connection) throws -> RulesListing {
        // As ReportRunner: names resolve in pg_catalog only; every object below is schema-qualified.
        try connection.execute("SET search_path = pg_catalog, pg_temp")
        if request.all {
            let rows = try connection.query("""
                SELECT r.parameter, r.value, r.general, r.jurisdiction, j.name_zh AS jurisdiction_zh,
                       j.name_en AS jurisdiction_en, r.effective_from::text AS effective_from,
                       r.description_en, r.description_zh, r.source_zh, r.source_en
                FROM report.rules AS r
                JOIN report.jurisdictions AS j ON j.jurisdiction = r.jurisdiction
                ORDER BY r.jurisdiction <> 'national', length(r.jurisdiction), r.jurisdiction, r.parameter, r.effective_from
                """, ruleRow)
            var listing = RulesListing(request: request, asOf: "", districtName: nil, chain: [], rows: rows)
            listing.labels = try ReportRunner.labels(of: Set(valueLabels), on: connection)
            return listing
        }
        let asOf = try connection.query("SELECT coalesce(\(request.asOf, as: .date), current_date)::text AS as_of") {
            try $0.decode("as_of", as: String.self)
        }[0]
        let districtName = try connection.query("""
            SELECT d.name FROM report.districts AS d WHERE d.district_code = \(request.district, as: .text)
            """) { try $0.decode("name", as: String.self) }.first
        let chain = try connection.query("""
            SELECT c.jurisdiction, c.name_zh, c.name_en
            FROM report.jurisdiction_chain(\(request.district, as: .text)) AS c ORDER BY c.depth
            """) { Jurisdiction(code: try $0.decode("jurisdiction"), nameZh: try $0.decode("name_zh"), nameEn: try $0.decode("name_en")) }
        let rows = try connection.query("""
            SELECT r.parameter, r.value, r.general, r.jurisdiction, r.jurisdiction_zh, r.jurisdiction_en,
                   r.effective_from::text AS effective_from, r.description_en, r.description_zh, r.source_zh, r.source_en
            FROM report.rules_in_force(\(request.district, as: .text), \(asOf, as: .date)) AS r
            ORDER BY r.parameter
            """, ruleRow)
        var listing = RulesListing(request: request, asOf: asOf, districtName: districtName, chain: chain, rows: rows)
        listing.labels = try ReportRunner.labels(of: Set(Self.valueLabels), on: connection)
        return listing
    }

    /// A row of either query.
    static func ruleRow(_ row: Row) throws -> RuleRow {
        RuleRow(parameter: try row.decode("parameter"), value: try row.decode("value", as: String?.self),
                general: try row.decode("general"),
                jurisdiction: Jurisdiction(code: try row.decode("jurisdiction"), nameZh: try row.decode("jurisdiction_zh"),
                                           nameEn: try row.decode("jurisdiction_en")),
                effectiveFrom: try row.decode("effective_from"),
                descriptionEn: try row.decode("description_en"), descriptionZh: try row.decode("description_zh"),
                sourceZh: try row.decode("source_zh"), sourceEn: try row.decode("source_en"))
    }
}

// MARK: rendering

/// The words of the rules listing, in English and Chinese.
enum RulesText {
    /// A NULL value: no such limit.
    static func none(_ language: ReportLanguage) -> String { language == .en ? "none" : "不设" }
    /// The mark of a 一般 limit.
    static func generally(_ language: ReportLanguage) -> String { language == .en ? "generally" : "一般" }

    /// What the marks mean.
    static func legend(_ language: ReportLanguage) -> String {
        language == .en
            ? "value none: no such limit here; generally: the text says 一般 (generally), so exceeding the limit is a warning, not a refusal."
            : "值为“不设”：此处不设该项限制；“一般”：条文规定“一般”，超出时提示警告，不作拒绝。"
    }
}

extension RulesListing {
    /// The listing in a format (table, csv or json) and language; JSON keys are always English.
    public func rendered(_ format: ReportFormat, language: ReportLanguage) -> String {
        switch format {
        case .json: return json()
        case .csv: return result(language).csv(language)
        // rules refuses --format html and xlsx (Rules.swift); they fall back to the table.
        case .table, .html, .xlsx: return heading(language).map { TerminalText.escaped($0) + "\n" }.joined() + "\n" + result(language).table(language)
        }
    }

    /// The lines above the table: which jurisdictions apply (or that every row follows), and what the marks mean.
    public func heading(_ language: ReportLanguage) -> [String] {
        let en = language == .en
        if request.all {
            return [en ? "Every rule row (\(rows.count)), by jurisdiction and effective date. A district follows its longest matching code prefix, then national; a rule applies from its effective date until the next row of the same jurisdiction and parameter."
                       : "全部规则（\(rows.count) 条），按地区和施行日期排列。区县适用代码前缀最长匹配的地区的规则，其次为全国规则；每条规则自施行日期起适用，至同一地区同一参数的下一条规则施行为止。",
                    RulesText.legend(language)]
        }
        guard let district = request.district else {
            return [en ? "National rules in force on \(asOf) (--district CODE shows a district's)."
                       : "\(asOf) 施行的全国规则（--district 区县代码 查看某区县适用的规则）。",
                    RulesText.legend(language)]
        }
        let place = district + (districtName.map { " " + $0 } ?? "")
        let path = ([place] + chain.map { $0.label(language) }).joined(separator: " → ")
        var first = en ? "Rules in force on \(asOf) for \(place): \(path)" : "\(asOf) 适用于 \(place) 的规则：\(path)"
        if !chain.contains(where: { $0.code != "national" }) {
            first += en ? " (no local jurisdiction matches this code: the national rules apply)" : "（没有与此代码匹配的地方规则，适用全国规则）"
        }
        return [first, RulesText.legend(language)]
    }

    /// The rows as a report result, so the table and CSV are the reports' own (escaping, wide
    /// characters, BOM, formula neutralisation).
    func result(_ language: ReportLanguage) -> ReportResult {
        let columns: [ReportColumn] = request.all
            ? [ReportColumn("jurisdiction", "地区", .text), ReportColumn("parameter", "参数", .text),
               ReportColumn("effective_from", "施行日期", .date), ReportColumn("value", "值", .text),
               ReportColumn("general", "一般", .text), ReportColumn("description", "说明", .text),
               ReportColumn("source", "依据", .text)]
            : [ReportColumn("parameter", "参数", .text), ReportColumn("value", "值", .text),
               ReportColumn("general", "一般", .text), ReportColumn("jurisdiction", "适用地区", .text),
               ReportColumn("effective_from", "施行日期", .date), ReportColumn("description", "说明", .text),
               ReportColumn("source", "依据", .text)]
        let cells: [[String?]] = rows.map { rule in
            let value = rule.value.map { shown($0, language) } ?? RulesText.none(language)
            let general = rule.general ? RulesText.generally(language) : ""
            let jurisdiction = rule.jurisdiction.label(language)
            return request.all
                ? [jurisdiction, rule.parameter, rule.effectiveFrom, value, general, rule.description(language), rule.source(language)]
                : [rule.parameter, value, general, jurisdiction, rule.effectiveFrom, rule.description(language), rule.source(language)]
        }
        return ReportResult(name: "rules", columns: columns, rows: cells, asOf: asOf)
    }

    /// A rule's value as shown: in Chinese each code of a list (or the one code) by its label.
    func shown(_ value: String, _ language: Language) -> String {
        guard language == .zh else { return value }
        let codes = value.split(separator: ",").map(String.init)
        return codes.map { code in Self.valueLabels.lazy.compactMap { labels[$0]?[code] }.first ?? code }
            .joined(separator: codes.count > 1 ? "、" : "")
    }

    /// One object: the district, the day and the chain (not for `--all`), and the rules with every field in
    /// both languages; value null = no such limit.
    public func json() -> String {
        func text(_ value: String?) -> String { value.map(JSON.string) ?? "null" }
        let rules = rows.map { rule in
            "    {" + [("parameter", text(rule.parameter)), ("value", text(rule.value)), ("general", rule.general ? "true" : "false"),
                       ("jurisdiction", text(rule.jurisdiction.code)), ("jurisdiction_zh", text(rule.jurisdiction.nameZh)),
                       ("jurisdiction_en", text(rule.jurisdiction.nameEn)), ("effective_from", text(rule.effectiveFrom)),
                       ("description_en", text(rule.descriptionEn)), ("description_zh", text(rule.descriptionZh)),
                       ("source_zh", text(rule.sourceZh)), ("source_en", text(rule.sourceEn))]
                .map { JSON.string($0.0) + ": " + $0.1 }.joined(separator: ", ") + "}"
        }
        let list = rules.isEmpty ? "[]" : "[\n" + rules.joined(separator: ",\n") + "\n  ]"
        if request.all { return "{\n  \"rules\": \(list)\n}\n" }
        let chain = self.chain.map { "{\"jurisdiction\": \(text($0.code)), \"name_zh\": \(text($0.nameZh)), \"name_en\": \(text($0.nameEn))}" }
        return """
            {
              "district": \(text(request.district)),
              "district_name": \(text(districtName)),
              "as_of": \(text(asOf)),
              "chain": [\(chain.joined(separator: ", "))],
              "rules": \(list)
            }

            """
    }
}
