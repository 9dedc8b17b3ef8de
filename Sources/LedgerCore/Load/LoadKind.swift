/// One kind of CSV file of SPEC §3: its columns (English name and Chinese alias), its key, and how
/// each row finds the district it belongs to. Types, required columns and row rules come from the
/// ledger table itself (the database catalog), so a rule is written once, in SQL.
public struct LoadKind: Sendable, Equatable {
    /// A column of the file.
    public struct Column: Sendable, Equatable {
        /// The English name, also the ledger column name.
        public let name: String
        /// The Chinese alias accepted in headers.
        public let alias: String
    }

    /// How a row's district is found (for row-level security and for the district_code column).
    public enum District: Sendable, Equatable {
        /// The row is a district, or names its district in a column.
        case column(String)
        /// The district is the first six digits of a code column (a community code).
        case prefix(String)
        /// The district is that of a parent row, looked up by a key column in the parent's ledger table
        /// (`directory`), read under row-level security: a scoped loader finds only its own districts' rows.
        case parent(column: String, directory: String, directoryKey: String, parent: String, parentFile: String)
        /// Party organisations: the host is a compound's committee (`host_type = committee`) or a company.
        case partyHost
    }

    /// An exclusion rule (periods that must not overlap), checked before the upsert so both rows are named.
    /// Read from the table's EXCLUDE constraint (TableCatalog), the rule's one statement.
    public struct Overlap: Sendable, Equatable {
        /// The columns that must be equal for two rows to clash (e.g. compound_code).
        public let group: [String]
        /// The first day column.
        public let start: String
        /// The last day column (NULL = open-ended), inclusive.
        public let end: String
        /// The exclusion constraint that is the authority for this rule.
        public let constraint: String
        /// What the rule says, for the message.
        public let rule: String
    }

    /// The kind's name, also the file name without `.csv` and the ledger table name.
    public let name: String
    /// The file's columns in SPEC order.
    public let columns: [Column]
    /// How a row's district is found.
    public let district: District

    /// The ledger table, schema-qualified.
    public var table: String { "ledger.\(name)" }

    init(_ name: String, _ columns: [(String, String)], district: District) {
        self.name = name
        self.columns = columns.map { Column(name: $0.0, alias: $0.1) }
        self.district = district
    }

    /// Key and code columns: besides the cell limits every column has, a cell here is at most 200
    /// characters and holds no invisible characters (a zero-width space would make a second key that
    /// prints like the first).
    public func codeColumns(key: [String]) -> Set<String> {
        Set(key).union(columns.map(\.name).filter { $0.hasSuffix("_code") || $0.hasSuffix("uscc") || $0 == "host_key" || $0 == "voucher_no" })
    }

    /// The column a header cell names (English, any case, or the Chinese alias), if any.
    public func column(forHeader header: String) -> Column? {
        let wanted = header.lowercased()
        return columns.first { $0.name == wanted || $0.alias == header }
    }

    /// The expected columns, for messages: `compound_code* (小区编码), building* (楼栋), …` (the key is
    /// the table's, from the catalogue).
    public func expectedColumns(key: [String]) -> String {
        columns.map { "\($0.name)\(key.contains($0.name) ? "*" : "") (\($0.alias))" }.joined(separator: ", ")
    }

    /// Looks a kind up by name.
    public static func named(_ name: String) -> LoadKind? { all.first { $0.name == name } }

    /// Every kind, in the order `load --dir` loads them (SPEC §3).
    public static let all: [LoadKind] = [
        LoadKind("districts", [("district_code", "区县代码"), ("name", "名称")], district: .column("district_code")),
        LoadKind("streets", [("street_code", "街道代码"), ("district_code", "区县代码"), ("name", "名称")], district: .column("district_code")),
        LoadKind("communities", [("community_code", "社区代码"), ("street_code", "街道代码"), ("name", "名称"),
                                 ("community_type", "社区类型")], district: .prefix("community_code")),
        LoadKind("companies", [("uscc", "统一社会信用代码"), ("name", "企业名称"), ("ownership", "企业性质"),
                               ("district_code", "区县代码")], district: .column("district_code")),
        LoadKind("co_building_units", [("unit_code", "共建单位编码"), ("name", "名称"), ("kind", "类别"),
                                       ("community_code", "社区代码"), ("agreed_on", "签约日期")], district: .prefix("community_code")),
        LoadKind("compounds", [("compound_code", "小区编码"), ("community_code", "社区代码"), ("name", "小区名称"),
                               ("address", "地址"), ("housing_type", "房屋类型"), ("built_year", "建成年份"),
                               ("buildings", "楼栋数"), ("households", "户数"), ("floor_area_m2", "建筑面积")], district: .prefix("community_code")),
        LoadKind("units", [("compound_code", "小区编码"), ("building", "楼栋"), ("unit_no", "房号"),
                           ("floor_area_m2", "建筑面积")], district: .compound),
        LoadKind("management", [("compound_code", "小区编码"), ("start_on", "起始日期"), ("mode", "管理方式"),
                                ("company_uscc", "统一社会信用代码"), ("basis", "选聘方式"),
                                ("fee_yuan_per_m2_month", "物业费标准"), ("end_on", "终止日期")], district: .compound),
        LoadKind("committees", [("compound_code", "小区编码"), ("term_start", "任期开始"), ("kind", "类别"),
                                ("term_end", "任期结束"), ("members", "委员人数"), ("party_members", "党员人数"),
                                ("public_servant_members", "公职人员人数")], district: .compound),
        LoadKind("party_orgs", [("host_type", "依托类型"), ("host_key", "依托编码"), ("established_on", "成立日期"),
                                ("form", "组织形式"), ("formal_members", "正式党员数"), ("dissolved_on", "撤销日期")], district: .partyHost),
        LoadKind("clearance", [("compound_code", "小区编码"), ("identified_on", "摸排日期"), ("target_on", "目标日期"),
                               ("resolution", "解决方式"), ("resolved_on", "解决日期"), ("note", "备注")], district: .compound),
        LoadKind("projects", [("project_code", "项目编码"), ("compound_code", "小区编码"), ("category", "类别"),
                              ("title", "项目名称"), ("scope_buildings", "涉及楼栋"), ("status", "状态"),
                              ("budget_yuan", "预算金额"), ("final_cost_yuan", "决算金额"), ("proposed_on", "立项日期"),
                              ("approved_on", "批准日期"), ("started_on", "开工日期"), ("completed_on", "完工日期"),
                              ("accepted_on", "验收日期"), ("cancelled_on", "撤销日期")], district: .compound),
        LoadKind("funding", [("project_code", "项目编码"), ("source", "资金来源"), ("payer", "出资方"),
                             ("amount_yuan", "金额"), ("percent", "比例")], district: .project),
        LoadKind("votes", [("project_code", "项目编码"), ("matter", "表决事项"), ("held_on", "表决日期"),
                           ("total_area_m2", "总面积"), ("total_owners", "总户数"), ("participating_area_m2", "参与面积"),
                           ("participating_owners", "参与户数"), ("approving_area_m2", "同意面积"),
                           ("approving_owners", "同意户数")], district: .project),
        LoadKind("payments", [("voucher_no", "凭证号"), ("project_code", "项目编码"), ("source", "资金来源"),
                              ("payer", "出资方"), ("paid_on", "支付日期"), ("amount_yuan", "金额")], district: .project),
        LoadKind("inspections", [("inspection_code", "检查编号"), ("compound_code", "小区编码"),
                                 ("company_uscc", "统一社会信用代码"), ("inspected_on", "检查日期"),
                                 ("inspector", "检查单位"), ("score", "得分")], district: .compound),
        LoadKind("rectifications", [("inspection_code", "检查编号"), ("item_no", "序号"), ("issue", "问题"),
                                    ("deadline", "整改期限"), ("closed_on", "销号日期")],
                 district: .parent(column: "inspection_code", directory: "ledger.inspections",
                                   directoryKey: "inspection_code", parent: "inspection", parentFile: "inspections.csv")),
        LoadKind("complaints", [("complaint_code", "投诉编号"), ("compound_code", "小区编码"),
                                ("company_uscc", "统一社会信用代码"), ("received_on", "受理日期"), ("category", "类别"),
                                ("resolved_on", "办结日期")], district: .compound),
        LoadKind("surveys", [("compound_code", "小区编码"), ("period", "期间"), ("company_uscc", "统一社会信用代码"),
                             ("respondents", "参评户数"), ("satisfied", "满意户数")], district: .compound),
    ]
}

extension LoadKind.District {
    /// The district of the compound named in `compound_code`.
    static let compound = LoadKind.District.parent(column: "compound_code", directory: "ledger.compounds",
                                                   directoryKey: "compound_code", parent: "compound", parentFile: "compounds.csv")
    /// The district of the project named in `project_code`.
    static let project = LoadKind.District.parent(column: "project_code", directory: "ledger.projects",
                                                  directoryKey: "project_code", parent: "project", parentFile: "projects.csv")
}
