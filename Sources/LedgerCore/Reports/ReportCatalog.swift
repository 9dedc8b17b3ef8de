import PostgresClient

/// The language of headers and labels: the one switch of every command (`Language`, Messages.swift).
public typealias ReportLanguage = Language

/// How a column's values are typed, aligned and written.
public enum ColumnKind: Equatable, Sendable {
    /// Text, left-aligned; a JSON string.
    case text
    /// A whole number, right-aligned; a JSON number.
    case integer
    /// Yuan with two decimals, right-aligned; a JSON *string* (SPEC §4).
    case money
    /// A decimal with this many places (percentages: 1), right-aligned; a JSON number.
    case decimal(Int)
    /// A date, YYYY-MM-DD; a JSON string.
    case date
    /// A timestamp as the server writes it; a JSON string.
    case timestamp
    /// yes / no (是 / 否); a JSON boolean.
    case boolean
    /// A sentence the SQL function made as a message of the catalogue with its arguments (jsonb, `report.said`),
    /// shown in the language asked for (`ReportMessageText`); a JSON string.
    case message

    /// True for kinds written right-aligned.
    public var isNumeric: Bool {
        switch self {
        case .integer, .money, .decimal: return true
        default: return false
        }
    }

    /// Decimal places of a numeric kind.
    var places: Int {
        switch self {
        case .money: return 2
        case .decimal(let places): return places
        default: return 0
        }
    }
}

/// What the totals row shows in a column.
public enum TotalRule: Equatable, Sendable {
    /// Nothing.
    case none
    /// The exact sum of the column.
    case sum
    /// 100 × Σ numerators / Σ denominator, to 1 decimal (a percentage of the totals, not a sum of percentages).
    case percentOf(numerators: [String], denominator: String)
}

/// Which enumeration a column shows: a column of a load kind in the registry, whose values have their
/// Chinese labels in `report.labels` (migrations 025, 031). The one list of labels is SQL's.
public struct EnumerationSource: Hashable, Sendable {
    /// The load kind (`report.labels.kind`), e.g. `projects`.
    public let kind: String
    /// Its column (`report.labels.column_name`), e.g. `status`.
    public let column: String

    /// Names a column of a kind of the registry.
    public init(_ kind: String, _ column: String) {
        self.kind = kind
        self.column = column
    }
}

/// One column of a report: its §4 field name (the JSON key), headers and kind.
public struct ReportColumn: Equatable, Sendable {
    /// The field name of SPEC §4 (the JSON key and the SQL column, unless `sqlName` differs).
    public let key: String
    /// The column of the SQL function's result that fills it.
    public let sqlName: String
    /// The Chinese header.
    public let zh: String
    /// The kind of values.
    public let kind: ColumnKind
    /// What the totals row shows.
    public let total: TotalRule
    /// The enumerations whose codes the column holds, shown by their labels in Chinese (codes in JSON), the
    /// first that has the code; a value that is not one of their codes (a company's name in expiring's party)
    /// is shown as it is.
    public let labels: [EnumerationSource]
    /// The first of `labels`.
    public var label: EnumerationSource? { labels.first }

    /// Creates a column; `label` names the enumeration (kind and column of report.labels) it shows, `orLabel`
    /// a second one for the codes the first does not have (fund-unit's draws beside the deposits' kinds).
    public init(_ key: String, _ zh: String, _ kind: ColumnKind, total: TotalRule = .none, sql: String? = nil,
                label: (kind: String, column: String)? = nil, orLabel: (kind: String, column: String)? = nil) {
        self.key = key
        self.zh = zh
        self.kind = kind
        self.total = total
        self.sqlName = sql ?? key
        self.labels = [label, orLabel].compactMap { $0.map { EnumerationSource($0.kind, $0.column) } }
    }

    /// The header in a language: the field name in English, the Chinese header in Chinese.
    public func header(_ language: ReportLanguage) -> String { language == .en ? key : zh }
}

/// A filter or option a report accepts.
public enum ReportOption: String, CaseIterable, Sendable {
    /// `--district CODE`.
    case district
    /// `--street CODE`.
    case street
    /// `--community CODE`.
    case community
    /// `--by GROUPING`: one of the report's `groupings` (clearance: street or community_type).
    case by
    /// `--year YYYY` (funding).
    case year
    /// `--days N` (expiring).
    case days
    /// `--compound CODE` (recommend).
    case compound
    /// `--project CODE` (votes: one project's votes).
    case project
    /// `--as-of DATE`.
    case asOf = "as-of"
}

/// One argument of a report's SQL function, in the function's order: what fills it, and its SQL type.
public enum ReportArgument: Equatable, Sendable {
    /// `--as-of`, the server's `current_date` when not given: `p_as_of date`.
    case asOf
    /// `--district`: `p_district text`, NULL for every district.
    case district
    /// `--street`: `p_street text`, NULL for every street.
    case street
    /// `--community`: `p_community text`, NULL for every community.
    case community
    /// `--by`, the report's first grouping when not given: `p_by text`.
    case by
    /// `--year`: `p_year integer`, NULL for every year.
    case year
    /// `--days`: `p_days integer`, NULL when not given (the function's default window).
    case days
    /// `--compound`, required: `p_compound text`.
    case compound
    /// `--project`: `p_project text`, NULL for every project.
    case project
    /// The positional argument, required, named in usage as given (`PROJECT`, `CODE`): text.
    case positional(String)
    /// The last positional arguments, one or more, named in usage as given with `…` (`KEY…`): `text[]`.
    case positionalList(String)

    /// The command-line option that fills it (nil for the positional argument).
    public var option: ReportOption? {
        switch self {
        case .asOf: return .asOf
        case .district: return .district
        case .street: return .street
        case .community: return .community
        case .by: return .by
        case .year: return .year
        case .days: return .days
        case .compound: return .compound
        case .project: return .project
        case .positional, .positionalList: return nil
        }
    }

    /// The three area filters, in the functions' order.
    static let filters: [ReportArgument] = [.district, .street, .community]
}

/// A chart for the HTML page: horizontal bars, one bar (or group of bars) per distinct label.
public struct ChartSpec: Equatable, Sendable {
    /// What the bars measure.
    public enum Measure: Equatable, Sendable {
        /// The columns stacked in one bar per label, in order (the parts of a whole: verified, unverified, open).
        case stacked([String])
        /// One bar per column, side by side under each label (figures that overlap: compounds, with a committee, …).
        case grouped([String])
        /// The number of rows with each label (a list summarised: anomalies by kind).
        case count
    }

    /// The columns whose values, joined by a space, label the bars (rows with the same label are added up).
    public let labelColumns: [String]
    /// What the bars measure.
    public let measure: Measure
    /// The chart's title in English and Chinese.
    public let title: (en: String, zh: String)

    /// A chart labelled by some columns.
    public init(labelColumns: [String], measure: Measure, title: (en: String, zh: String)) {
        precondition(!labelColumns.isEmpty, "a chart's bars are labelled by at least one column")
        self.labelColumns = labelColumns
        self.measure = measure
        self.title = title
    }

    /// A stacked chart labelled by one column.
    public init(labelColumn: String, series: [String], title: (en: String, zh: String)) {
        self.init(labelColumns: [labelColumn], measure: .stacked(series), title: title)
    }

    /// The last label column (the group's name).
    public var labelColumn: String { labelColumns[labelColumns.count - 1] }

    /// The columns the bars measure, in order (none for a count).
    public var series: [String] {
        switch measure {
        case .stacked(let columns), .grouped(let columns): return columns
        case .count: return []
        }
    }

    /// The same chart with its bars labelled by other columns.
    func labelled(by columns: [String]) -> ChartSpec { ChartSpec(labelColumns: columns, measure: measure, title: title) }

    /// Same labels, measure and titles.
    public static func == (lhs: ChartSpec, rhs: ChartSpec) -> Bool {
        lhs.labelColumns == rhs.labelColumns && lhs.measure == rhs.measure && lhs.title == rhs.title
    }
}

/// One way `--by` groups a report's rows: the value of `--by`, and the columns that name a group, which
/// come first in each row (the SQL function returns them as `group_code` and `group_name`).
public struct ReportGrouping: Sendable {
    /// The value given to `--by`, e.g. `street`.
    public let name: String
    /// The columns that name a group, before the report's other columns.
    public let columns: [ReportColumn]

    /// Creates a grouping.
    public init(_ name: String, _ columns: [ReportColumn]) {
        precondition(!columns.isEmpty, "a grouping names its groups in at least one column")
        self.name = name
        self.columns = columns
    }

    /// The column whose values label the chart's bars: the last group column (the group's name, or its
    /// code when it has no name).
    public var labelColumn: String { columns[columns.count - 1].key }

    /// The columns that label the chart's bars: the group's name where it has one (`group_name`), else every
    /// group column, so that buildings of different compounds (fund --by building) stay apart.
    public var labelColumns: [String] {
        let names = columns.filter { $0.sqlName == "group_name" }.map(\.key)
        return names.isEmpty ? columns.map(\.key) : names
    }
}

/// One report of SPEC §4: its name, what it answers, the SQL function behind it and that function's
/// arguments, and its columns.
public struct ReportDefinition: Sendable {
    /// The name given to `propledger report`.
    public let name: String
    /// What one row is (English, Chinese).
    public let rowIs: (en: String, zh: String)
    /// The question it answers (English, Chinese).
    public let summary: (en: String, zh: String)
    /// The SQL function of schema report, schema-qualified.
    public let function: String
    /// The function's arguments, in its order: they say which options the report accepts.
    public let arguments: [ReportArgument]
    /// The groupings `--by` chooses from, the default first; empty for a report that takes no `--by`.
    public let groupings: [ReportGrouping]
    /// The columns that follow the group columns (every column, for a report without groupings).
    let ungroupedColumns: [ReportColumn]
    /// The HTML chart, where one helps (for a grouped report, its bars are labelled by the grouping).
    let chart: ChartSpec?

    /// Creates a report; `columns` are those after the group columns of `groupings`, if it has any.
    init(name: String, rowIs: (en: String, zh: String), summary: (en: String, zh: String), function: String, arguments: [ReportArgument],
         groupings: [ReportGrouping] = [], columns: [ReportColumn], chart: ChartSpec?) {
        precondition(groupings.isEmpty != arguments.contains(.by), "a report takes --by exactly when it has groupings")
        self.name = name
        self.rowIs = rowIs
        self.summary = summary
        self.function = function
        self.arguments = arguments
        self.groupings = groupings
        self.ungroupedColumns = columns
        self.chart = chart
    }

    /// The grouping `--by` names, or the default one when `by` is nil; nil for a report without groupings
    /// or a name that is not one of them.
    public func grouping(_ by: String?) -> ReportGrouping? {
        guard let by else { return groupings.first }
        return groupings.first { $0.name == by }
    }

    /// The columns, in order, with the default grouping's.
    public var columns: [ReportColumn] { columns(by: nil) }

    /// The columns, in order, when grouped by `by` (the default grouping when nil).
    public func columns(by: String?) -> [ReportColumn] { (grouping(by)?.columns ?? []) + ungroupedColumns }

    /// The HTML chart when grouped by `by`: a grouped report's bars are labelled by the grouping's label column.
    public func chart(by: String?) -> ChartSpec? {
        guard let chart, let grouping = grouping(by) else { return chart }
        return chart.labelled(by: grouping.labelColumns)
    }

    /// The positional arguments it needs, in order (e.g. ["PROJECT"]; fund-unit: COMPOUND, BUILDING, UNIT).
    public var positionalNames: [String] {
        arguments.compactMap {
            switch $0 {
            case .positional(let name): return name
            case .positionalList(let name): return name + "…"
            default: return nil
            }
        }
    }

    /// True when the last positional argument takes one or more values (history's KEY…).
    public var takesPositionalList: Bool { arguments.contains { if case .positionalList = $0 { true } else { false } } }

    /// The positional arguments it needs as usage shows them (e.g. "PROJECT"), if any.
    public var argument: String? { positionalNames.isEmpty ? nil : positionalNames.joined(separator: " ") }

    /// The options it accepts beyond --format, --lang and -o.
    public var options: Set<ReportOption> { Set(arguments.compactMap(\.option)) }

    /// True when a totals row makes sense.
    public var hasTotals: Bool { columns.contains { $0.total != .none } }
}

/// Every report of SPEC §4, in the order `report --list` shows them.
public enum ReportCatalog {
    /// The arguments of most reports: the day, then the area filters.
    static let asOfAndFilters: [ReportArgument] = [.asOf] + ReportArgument.filters
    static let percent = ColumnKind.decimal(1)

    /// The groupings of clearance for `--by`, the default first (report.clearance_report's `p_by`).
    static let clearanceGroupings: [ReportGrouping] = [
        ReportGrouping("district", [ReportColumn("district_code", "区县代码", .text, sql: "group_code"),
                                    ReportColumn("district", "区县", .text, sql: "group_name")]),
        ReportGrouping("street", [ReportColumn("street_code", "街道代码", .text, sql: "group_code"),
                                  ReportColumn("street", "街道", .text, sql: "group_name")]),
        ReportGrouping("community_type", [ReportColumn("community_type", "社区类型", .text, sql: "group_code",
                                                          label: ("communities", "community_type"))]),
    ]

    static let clearanceFigures: [ReportColumn] = [
        ReportColumn("identified", "摸排数", .integer, total: .sum),
        ReportColumn("resolved_verified", "已核实解决", .integer, total: .sum),
        ReportColumn("resolved_unverified", "解决未核实", .integer, total: .sum),
        ReportColumn("open", "未解决", .integer, total: .sum),
        ReportColumn("overdue", "逾期", .integer, total: .sum),
        ReportColumn("company_takeover", "物业接管", .integer, total: .sum),
        ReportColumn("self_management", "业主自管", .integer, total: .sum),
        ReportColumn("community_fallback", "社区兜底", .integer, total: .sum),
        ReportColumn("cleared_pct", "清零率(%)", percent, total: .percentOf(numerators: ["resolved_verified"], denominator: "identified")),
        ReportColumn("unmanaged_now", "当前无物业", .integer, total: .sum),
        ReportColumn("unmanaged_without_case", "无物业未入台账", .integer, total: .sum),
        ReportColumn("relapsed", "反弹", .integer, total: .sum),
    ]

    static let scoreColumns: [ReportColumn] = [
        ReportColumn("uscc", "统一社会信用代码", .text),
        ReportColumn("company", "企业名称", .text),
        ReportColumn("compounds", "在管小区", .integer),
        ReportColumn("households", "在管户数", .integer),
        ReportColumn("service", "检查均分", .decimal(2)),
        ReportColumn("satisfaction_pct", "满意度(%)", percent),
        ReportColumn("complaints_per_1000", "千户投诉", .decimal(2)),
        ReportColumn("party", "党建分", .integer),
        ReportColumn("overdue_rectifications", "逾期整改", .integer),
        ReportColumn("score", "综合得分", .decimal(2)),
        ReportColumn("no_inspections", "期内无检查", .boolean),
        ReportColumn("households_unknown", "户数不详", .boolean),
    ]

    /// The groupings of fund for `--by`, the default first (report.fund_report's `p_by`).
    static let fundGroupings: [ReportGrouping] = [
        ReportGrouping("compound", [ReportColumn("compound_code", "小区编码", .text)]),
        ReportGrouping("building", [ReportColumn("compound_code", "小区编码", .text), ReportColumn("building", "楼栋", .text)]),
        ReportGrouping("unit", [ReportColumn("compound_code", "小区编码", .text), ReportColumn("building", "楼栋", .text),
                                ReportColumn("unit_no", "房号", .text)]),
    ]

    /// The figures of fund (SPEC §6): balance = first deposits + top-ups + interest + refunds − (draws − owed).
    static let fundFigures: [ReportColumn] = [
        ReportColumn("first_deposits", "首期交存", .money, total: .sum),
        ReportColumn("top_ups", "续交", .money, total: .sum),
        ReportColumn("refunds", "返还", .money, total: .sum),
        ReportColumn("interest", "增值收益", .money, total: .sum),
        ReportColumn("draws", "使用分摊", .money, total: .sum),
        ReportColumn("owed", "业主欠缴", .money, total: .sum),
        ReportColumn("balance", "余额", .money, total: .sum),
        ReportColumn("units_below_threshold", "应续交户数", .integer, total: .sum),
        ReportColumn("units_owing", "欠缴户数", .integer, total: .sum),
        ReportColumn("emergency_draws", "应急使用", .money, total: .sum),
    ]

    /// The reports.
    public static let all: [ReportDefinition] = [
        ReportDefinition(
            name: "clearance", rowIs: ("district (or --by street | community_type)", "区县（或 --by street | community_type）"),
            summary: ("Where the campaign to clear unmanaged compounds stands; claimed resolutions are checked against management periods.",
                      "无物业小区清零进展；核实每一项解决是否有实际管理安排。"),
            function: "report.clearance_report", arguments: [.asOf, .by] + ReportArgument.filters,
            groupings: clearanceGroupings, columns: clearanceFigures,
            chart: ChartSpec(labelColumn: "district", series: ["resolved_verified", "resolved_unverified", "open"],
                             title: ("Clearance cases", "清零台账"))),
        ReportDefinition(
            name: "party-coverage", rowIs: ("district", "区县"),
            summary: ("How many committees in force host a Party branch or working group, and how many companies have one.",
                      "业委会（物管会、自管小组）和物业企业党组织覆盖情况。"),
            function: "report.party_coverage_report", arguments: asOfAndFilters,
            columns: [
                ReportColumn("district_code", "区县代码", .text), ReportColumn("district", "区县", .text),
                ReportColumn("committees", "在任组织数", .integer, total: .sum),
                ReportColumn("with_branch", "建立党支部", .integer, total: .sum),
                ReportColumn("with_working_group", "建立党的工作小组", .integer, total: .sum),
                ReportColumn("without_party_org", "未建党组织", .integer, total: .sum),
                ReportColumn("coverage_pct", "覆盖率(%)", percent,
                             total: .percentOf(numerators: ["with_branch", "with_working_group"], denominator: "committees")),
                ReportColumn("branch_eligible", "具备建支部条件", .integer, total: .sum),
                ReportColumn("companies", "物业企业", .integer, total: .sum),
                ReportColumn("companies_with_party_org", "建立党组织企业", .integer, total: .sum),
            ], chart: ChartSpec(labelColumns: ["district"], measure: .stacked(["with_branch", "with_working_group", "without_party_org"]),
                                title: ("Committees in force by Party organisation", "在任业主组织的党组织覆盖"))),
        ReportDefinition(
            name: "projects", rowIs: ("project", "项目"),
            summary: ("Each project's budget, what each source committed, what was paid, what is outstanding or overrun, and its vote.",
                      "项目预算、各来源出资、已付、未付、超付及表决情况。"),
            function: "report.projects_report", arguments: asOfAndFilters,
            columns: [
                ReportColumn("project_code", "项目编码", .text), ReportColumn("compound", "小区编码", .text),
                ReportColumn("compound_name", "小区名称", .text), ReportColumn("category", "类别", .text, label: ("projects", "category")),
                ReportColumn("status", "状态", .text, label: ("projects", "status")), ReportColumn("budget", "预算", .money, total: .sum),
                ReportColumn("committed_government", "政府", .money, total: .sum),
                ReportColumn("committed_company", "企业", .money, total: .sum),
                ReportColumn("committed_maintenance_fund", "维修资金", .money, total: .sum),
                ReportColumn("committed_owners", "业主自筹", .money, total: .sum),
                ReportColumn("committed_co_building", "共建单位", .money, total: .sum),
                ReportColumn("committed_community_fund", "社区资金", .money, total: .sum),
                ReportColumn("committed", "承诺合计", .money, total: .sum),
                ReportColumn("paid", "已付", .money, total: .sum),
                ReportColumn("outstanding", "未付", .money, total: .sum),
                ReportColumn("overrun", "超付", .money, total: .sum),
                ReportColumn("vote_status", "表决", .text, label: ("projects", "vote_status")),
            ], chart: ChartSpec(labelColumns: ["category"], measure: .stacked(["paid", "outstanding"]),
                                title: ("Paid and outstanding by category", "各类别项目已付与未付"))),
        ReportDefinition(
            name: "funding", rowIs: ("district × source", "区县 × 资金来源"),
            summary: ("Money committed, paid and outstanding per district and funding source (--year: approval year).",
                      "各区县、各资金来源的承诺、已付和未付金额（--year 按批准年度）。"),
            function: "report.funding_report", arguments: [.asOf, .year] + ReportArgument.filters,
            columns: [
                ReportColumn("district_code", "区县代码", .text), ReportColumn("district", "区县", .text),
                ReportColumn("source", "资金来源", .text, label: ("funding", "source")),
                ReportColumn("committed", "承诺金额", .money, total: .sum),
                ReportColumn("paid", "已付金额", .money, total: .sum),
                ReportColumn("outstanding", "未付金额", .money, total: .sum),
                ReportColumn("overrun", "超付金额", .money, total: .sum),
            ],
            chart: ChartSpec(labelColumn: "source", series: ["paid", "outstanding"], title: ("Funding by source", "按资金来源"))),
        ReportDefinition(
            name: "apportion", rowIs: ("unit", "房屋"),
            summary: ("What each benefiting unit owes of a project's owners' and maintenance-fund share, by agreed weight or floor area, exact to the fen.",
                      "业主自筹和维修资金部分按约定分摊系数（无约定按建筑面积）分摊到户，精确到分。"),
            function: "report.apportion_report", arguments: [.positional("PROJECT")],
            columns: [
                ReportColumn("building", "楼栋", .text), ReportColumn("unit_no", "房号", .text),
                ReportColumn("floor_area_m2", "建筑面积(m²)", .decimal(2), total: .sum),
                ReportColumn("weight", "分摊系数", .decimal(4)),
                ReportColumn("amount", "分摊金额", .money, total: .sum),
            ], chart: ChartSpec(labelColumns: ["building"], measure: .stacked(["amount"]),
                                title: ("Amount apportioned by building", "各楼栋分摊金额"))),
        ReportDefinition(
            name: "fund", rowIs: ("compound (or --by building | unit)", "小区（或 --by building | unit）"),
            summary: ("The maintenance fund accounts: deposits, interest, draws, what owners owe, balances, who must top up (SPEC §6).",
                      "住宅专项维修资金分户账：交存、增值收益、使用分摊、业主欠缴、余额及应续交户数。"),
            function: "report.fund_report", arguments: [.asOf, .by] + ReportArgument.filters,
            groupings: fundGroupings, columns: fundFigures,
            chart: ChartSpec(labelColumn: "compound_code", series: ["balance", "owed"], title: ("Fund balances and debts", "维修资金余额与欠缴"))),
        ReportDefinition(
            name: "fund-unit", rowIs: ("posting to the unit's account", "分户账的一笔记账"),
            summary: ("One unit's fund statement: every posting in order with its running balance.",
                      "一户维修资金分户账明细：逐笔记账及余额。"),
            function: "report.fund_unit_report",
            arguments: [.positional("COMPOUND"), .positional("BUILDING"), .positional("UNIT"), .asOf],
            columns: [
                ReportColumn("posted_on", "记账日期", .date), ReportColumn("kind", "类别", .text, label: ("fund_deposits", "kind"), orLabel: ("fund-unit", "kind")),
                ReportColumn("reference", "凭证号", .text), ReportColumn("project_code", "项目编码", .text),
                ReportColumn("amount", "发生额", .money), ReportColumn("owed", "欠缴", .money),
                ReportColumn("balance", "余额", .money),
            ], chart: nil),
        ReportDefinition(
            name: "companies", rowIs: ("company", "企业"),
            summary: ("The company scorecard: service, satisfaction, Party organisation and complaints, weighted (settings list).",
                      "物业服务企业综合评分：检查、满意度、党建、投诉加权（权重见 settings list）。"),
            function: "report.companies_report", arguments: asOfAndFilters, columns: scoreColumns,
            chart: ChartSpec(labelColumns: ["company"], measure: .stacked(["score"]), title: ("Company scores", "企业综合得分"))),
        ReportDefinition(
            name: "recommend", rowIs: ("company", "企业"),
            summary: ("Companies of a compound's district ranked by score, leaving out those with overdue rectifications.",
                      "按综合得分为小区所在区县推荐物业企业，排除有逾期整改的企业。"),
            function: "report.recommend_report", arguments: [.compound, .asOf],
            columns: [ReportColumn("rank", "排名", .integer)] + scoreColumns,
            chart: ChartSpec(labelColumns: ["company"], measure: .stacked(["score"]), title: ("Scores of the companies recommended", "推荐企业综合得分"))),
        ReportDefinition(
            name: "rectifications", rowIs: ("open rectification item past its deadline", "逾期未销号的整改事项"),
            summary: ("Rectification items still open after their deadline.", "逾期未销号的整改事项。"),
            function: "report.rectifications_report", arguments: asOfAndFilters,
            columns: [
                ReportColumn("inspection", "检查编号", .text), ReportColumn("item_no", "序号", .integer),
                ReportColumn("compound", "小区编码", .text), ReportColumn("compound_name", "小区名称", .text),
                ReportColumn("company", "企业名称", .text), ReportColumn("issue", "问题", .text),
                ReportColumn("deadline", "整改期限", .date), ReportColumn("days_overdue", "逾期天数", .integer),
            ], chart: ChartSpec(labelColumns: ["company"], measure: .count, title: ("Overdue items by company", "各企业逾期整改事项数"))),
        ReportDefinition(
            name: "expiring", rowIs: ("contract or committee term", "合同或业主组织任期"),
            summary: ("Management contracts and committee terms ending within --days (default: 90 days for contracts, the jurisdiction's re-election lead time for committees), and whether a successor is recorded.",
                      "即将到期的物业合同和业委会任期（--days；默认合同 90 天，业委会按所在地换届提前期）及是否已有接续。"),
            function: "report.expiring_report", arguments: [.asOf, .days] + ReportArgument.filters,
            columns: [
                ReportColumn("kind", "类别", .text, label: ("expiring", "kind")), ReportColumn("compound", "小区编码", .text),
                ReportColumn("compound_name", "小区名称", .text),
                // A company's name for a contract, the kind of committee for a term.
                ReportColumn("party", "对象", .text, label: ("committees", "kind")),
                ReportColumn("ends_on", "到期日", .date), ReportColumn("successor", "已有接续", .boolean),
            ], chart: ChartSpec(labelColumns: ["kind"], measure: .count, title: ("Terms ending, by kind", "即将到期（按类别）"))),
        ReportDefinition(
            name: "committees", rowIs: ("district (or --by street | community; --list: compound)", "区县（或 --by street | community；--list：小区）"),
            summary: ("Committee oversight: compounds with a committee in force, terms expired with none in force (超期未换届), terms ending within --days (default: the jurisdiction's re-election lead time), committees eligible for a Party branch without one.",
                      "业委会监督：已成立业主组织的小区、超期未换届、即将到期（--days，默认所在地换届提前期）、具备条件未建党组织的业委会。"),
            function: "report.committees_report", arguments: [.asOf, .days, .by] + ReportArgument.filters,
            groupings: [
                ReportGrouping("district", [ReportColumn("district_code", "区县代码", .text, sql: "group_code"),
                                            ReportColumn("district", "区县", .text, sql: "group_name")]),
                ReportGrouping("street", [ReportColumn("street_code", "街道代码", .text, sql: "group_code"),
                                          ReportColumn("street", "街道", .text, sql: "group_name")]),
                ReportGrouping("community", [ReportColumn("community_code", "社区代码", .text, sql: "group_code"),
                                             ReportColumn("community", "社区", .text, sql: "group_name")]),
                ReportGrouping("compound", [ReportColumn("compound_code", "小区编码", .text, sql: "group_code"),
                                            ReportColumn("compound", "小区名称", .text, sql: "group_name")]),
            ],
            columns: [
                ReportColumn("compounds", "小区数", .integer, total: .sum),
                ReportColumn("with_committee", "已成立", .integer, total: .sum),
                ReportColumn("formation_pct", "组建率(%)", percent, total: .percentOf(numerators: ["with_committee"], denominator: "compounds")),
                ReportColumn("expired_no_successor", "超期未换届", .integer, total: .sum),
                ReportColumn("ending_soon", "即将到期", .integer, total: .sum),
                ReportColumn("party_eligible_without_org", "具备条件未建党组织", .integer, total: .sum),
            ], chart: ChartSpec(labelColumns: ["district"], measure: .grouped(["compounds", "with_committee", "expired_no_successor", "ending_soon"]),
                                title: ("Committees formed, lapsed and ending", "业主组织组建、超期与即将到期"))),
        ReportDefinition(
            name: "votes", rowIs: ("vote", "表决"),
            summary: ("Owners' votes held by as-of: the figures used (typed, or counted from units, the owners register or ballots), the law applied, the four tests and the verdict.",
                      "截至统计日的业主表决：所用数字（填报，或按房屋、业主登记、表决票计算）、适用法律、四项检验及结果。"),
            function: "report.votes_report", arguments: [.asOf] + ReportArgument.filters + [.project],
            columns: [
                ReportColumn("project_code", "项目编码", .text), ReportColumn("matter", "表决事项", .text, label: ("votes", "matter")),
                ReportColumn("held_on", "表决日期", .date),
                ReportColumn("total_area_m2", "总面积(m²)", .decimal(2)), ReportColumn("total_owners", "总人数", .integer),
                ReportColumn("participating_area_m2", "参与面积(m²)", .decimal(2)), ReportColumn("participating_owners", "参与人数", .integer),
                ReportColumn("approving_area_m2", "同意面积(m²)", .decimal(2)), ReportColumn("approving_owners", "同意人数", .integer),
                ReportColumn("counted_from", "计数来源", .text, label: ("votes", "counted_from")),
                ReportColumn("law", "适用法律", .text, label: ("votes", "law")),
                ReportColumn("quorum_area_met", "面积参与达标", .boolean), ReportColumn("quorum_owners_met", "人数参与达标", .boolean),
                ReportColumn("approval_area_met", "面积同意达标", .boolean), ReportColumn("approval_owners_met", "人数同意达标", .boolean),
                ReportColumn("passed", "通过", .boolean),
            ], chart: ChartSpec(labelColumns: ["passed"], measure: .count, title: ("Votes passed and failed", "表决通过与未通过"))),
        ReportDefinition(
            name: "compound", rowIs: ("line of the dossier", "档案的一项"),
            summary: ("Everything the ledger knows of one compound.", "一个小区的全部台账信息。"),
            function: "report.compound_report", arguments: [.positional("CODE"), .asOf],
            columns: [ReportColumn("section", "栏目", .text, label: ("compound", "section")), ReportColumn("item", "项目", .message),
                      ReportColumn("detail", "内容", .message)],
            chart: nil),
        ReportDefinition(
            name: "anomalies", rowIs: ("finding", "异常"),
            summary: ("Findings for the oversight desk: unverified claims, unmanaged compounds without a case, relapses, overruns, …",
                      "需要核查的异常：未核实的解决、无物业未入台账、反弹、超付等。"),
            function: "report.anomalies_report", arguments: asOfAndFilters,
            columns: [
                ReportColumn("kind", "类别", .text, label: ("anomalies", "kind")), ReportColumn("key", "对象", .text),
                ReportColumn("district_code", "区县代码", .text), ReportColumn("detail", "说明", .message),
            ], chart: ChartSpec(labelColumns: ["kind"], measure: .count, title: ("Findings by kind", "各类异常数量"))),
        ReportDefinition(
            name: "history", rowIs: ("change (one per changed column of an update)", "变更（更新时每个改动的字段一行）"),
            summary: ("Who changed a ledger row, when, in which load (file, SHA-256), from what to what (SPEC §5).",
                      "台账记录的变更历史：何人、何时、哪次导入（文件、SHA-256）、由何值改为何值。"),
            function: "report.history_report", arguments: [.positional("TABLE"), .positionalList("KEY")],
            columns: [
                ReportColumn("changed_at", "时间", .timestamp), ReportColumn("operation", "操作", .text, label: ("history", "operation")),
                ReportColumn("db_user", "操作人", .text), ReportColumn("batch_id", "导入批次", .integer),
                ReportColumn("file_name", "文件", .text), ReportColumn("sha256", "SHA-256", .text),
                ReportColumn("column_name", "字段", .text), ReportColumn("old_value", "原值", .text),
                ReportColumn("new_value", "新值", .text),
            ], chart: nil),
        ReportDefinition(
            name: "loads", rowIs: ("load batch", "导入批次"),
            summary: ("Every CSV load: when, who, which file, and its row counts.", "每次数据导入的时间、操作人、文件和行数。"),
            function: "report.loads_report", arguments: [],
            columns: [
                ReportColumn("when", "时间", .timestamp), ReportColumn("who", "操作人", .text),
                ReportColumn("kind", "类别", .text, label: ("loads", "kind")), ReportColumn("file", "文件", .text),
                ReportColumn("sha256", "SHA-256", .text),
                ReportColumn("rows", "行数", .integer, total: .sum), ReportColumn("inserted", "新增", .integer, total: .sum),
                ReportColumn("updated", "更新", .integer, total: .sum), ReportColumn("unchanged", "未变", .integer, total: .sum),
                ReportColumn("rejected", "拒绝", .integer, total: .sum), ReportColumn("deleted", "删除", .integer, total: .sum),
                ReportColumn("status", "状态", .text, label: ("loads", "status")),
            ], chart: ChartSpec(labelColumns: ["kind"], measure: .stacked(["inserted", "updated", "unchanged", "rejected", "deleted"]),
                                title: ("Rows loaded by kind", "各类数据导入行数"))),
    ]

    /// The report of a name, if there is one.
    public static func named(_ name: String) -> ReportDefinition? { all.first { $0.name == name } }

    /// The text of `propledger report --list`.
    public static func listing(_ language: ReportLanguage) -> String {
        let width = all.map { DisplayWidth.of(usage($0)) }.max() ?? 0
        return all.map { report in
            let summary = language == .en ? report.summary.en : report.summary.zh
            return DisplayWidth.pad(usage(report), to: width) + "  " + summary + "\n"
                + String(repeating: " ", count: width + 2)
                + Message.reportListingRow.render(language, ["row": language == .en ? report.rowIs.en : report.rowIs.zh,
                                                              "fields": report.columns.map(\.key).joined(separator: ", ")])
        }.joined(separator: "\n") + "\n"
    }

    static func usage(_ report: ReportDefinition) -> String {
        report.name + (report.argument.map { " " + $0 } ?? "") + (report.options.contains(.compound) ? " --compound CODE" : "")
    }
}
