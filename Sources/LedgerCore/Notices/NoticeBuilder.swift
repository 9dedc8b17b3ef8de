import PostgresClient

/// Why a notice cannot be made.
public enum NoticeError: Error, Equatable, CustomStringConvertible {
    /// The vote, project or compound is not there, or not in the user's districts.
    case notFound(String)
    /// SQL and Vote.swift judged the vote differently: a bug.
    case disagreement(String)

    public var description: String {
        switch self {
        case .notFound(let what): return "\(what) not found (a district user sees only their districts); check the code and date"
        case .disagreement(let what): return what
        }
    }
}

/// What every notice takes besides its subject.
public struct NoticeOptions: Sendable {
    /// The issuing unit; nil: the district's housing authority.
    public var issuer: String?
    /// The date of issue (YYYY-MM-DD).
    public var issuedOn: String
    /// The publication period in days, overriding the jurisdiction's.
    public var days: Int?

    public init(issuer: String? = nil, issuedOn: String, days: Int? = nil) {
        self.issuer = issuer
        self.issuedOn = issuedOn
        self.days = days
    }
}

/// The notices of SPEC §8, read through the report schema (so they run as the connecting role and a
/// district user reaches only their districts): `vote`, `project`, `fund`.
public enum NoticeBuilder {
    // MARK: vote

    /// The result of one vote: the figures, the exact fractions with the thresholds of the law applied
    /// (the law of the day it was held), the verdict, and the decision-notice period of the jurisdiction.
    public static func vote(project: String, matter: String, heldOn: String, options: NoticeOptions,
                            on connection: Connection) throws -> Notice {
        let rows = try connection.query(SQLQuery("""
            SELECT v.total_area_m2::text AS total_area, v.total_owners, v.participating_area_m2::text AS participating_area,
                   v.participating_owners, v.approving_area_m2::text AS approving_area, v.approving_owners,
                   v.counted_from, v.passed, p.title, p.compound_name, p.district_code, d.name AS district_name,
                   l.source_zh AS law_zh
            FROM report.votes AS v
            JOIN report.projects AS p ON p.project_code = v.project_code
            JOIN report.districts AS d ON d.district_code = p.district_code
            LEFT JOIN report.vote_laws AS l ON l.valid_from <= v.held_on AND (l.valid_until IS NULL OR v.held_on < l.valid_until)
            WHERE v.project_code = \(project) AND v.matter = \(matter) AND v.held_on = \(heldOn, as: .date)
            """)) { $0 }
        guard let row = rows.first else { throw NoticeError.notFound("the \(matter) vote of project \(project) held on \(heldOn)") }
        let tally = try VoteTally(
            matter: VoteMatter(code: matter),
            totalArea: try area(row.decode("total_area")), totalOwners: try row.decode("total_owners"),
            participatingArea: try area(row.decode("participating_area")), participatingOwners: try row.decode("participating_owners"),
            approvingArea: try area(row.decode("approving_area")), approvingOwners: try row.decode("approving_owners"))
        let outcome = try tally.evaluate(heldOn: heldOn)
        let passed: Bool? = try row.decode("passed")
        guard passed == outcome.passed else {
            throw NoticeError.disagreement("the ledger judges the vote \(passed.map(String.init) ?? "unknown") but vote check \(outcome.passed): a bug")
        }
        let district: String = try row.decode("district_code")
        let countedFrom: String = try row.decode("counted_from")
        let base = outcome.law.approvalBase == .participating ? "参与表决" : "全体业主"
        let tests = outcome.tests.map { test -> [String] in
            let label: String
            switch test.kind {
            case .quorumArea: label = "参与表决的专有部分面积"
            case .quorumOwners: label = "参与表决的业主人数"
            case .approvalArea: label = "同意的专有部分面积（占\(base)）"
            case .approvalOwners: label = "同意的业主人数（占\(base)）"
            }
            let counted = test.kind.countsArea
                ? "\(Area(hundredths: test.fraction.numerator)!) / \(Area(hundredths: test.fraction.denominator)!) 平方米"
                : "\(test.fraction.numerator) / \(test.fraction.denominator) 人"
            return [label, counted, test.percentText, threshold(test.threshold), test.met ? "达到" : "未达到"]
        }
        let compound: String = try row.decode("compound_name")
        let title: String = try row.decode("title")
        let districtName: String = try row.decode("district_name")
        let law = "《" + (try row.decode("law_zh", as: String.self)).replacingOccurrences(of: " ", with: "》")
        let matters = try ReportRunner.labels(of: [Labels.matter, Labels.countedFrom], on: connection)
        return Notice(
            title: "\(compound)业主共同决定表决结果公示",
            facts: [("项目", "\(title)（\(project)）"), ("表决事项", Labels.shown(matter, Labels.matter, matters)), ("表决日期", Notice.chineseDate(heldOn)),
                    ("适用法律", law),
                    ("总数", "专有部分面积 \(tally.totalArea) 平方米，业主 \(tally.totalOwners) 人（\(Labels.shown(countedFrom, Labels.countedFrom, matters))）"),
                    ("表决结果", outcome.passed ? "通过" : "未通过")],
            tables: [Notice.Table(caption: "表决情况（精确比例）", headers: ["项目", "计数", "比例", "法定要求", "结论"],
                                  numeric: [false, true, true, false, false], rows: tests)],
            basis: [law, "《民法典》第二百八十条（业主大会或者业主委员会的决定）"],
            period: try period(district: district, on: heldOn, parameter: "notice.decision_days",
                               sentence: { "应于表决结果作出之日起\($0)日内公告" }, options: options, on: connection),
            issuer: options.issuer ?? IssuingUnit.of(districts: [districtName]), issuedOn: options.issuedOn)
    }

    // MARK: project

    /// A project's accounts: budget and final cost, the cost split, payments made by as-of, and each
    /// benefiting unit's share (the apportionment the ledger computes).
    public static func project(_ code: String, asOf: String, options: NoticeOptions, on connection: Connection) throws -> Notice {
        let rows = try connection.query(SQLQuery("""
            SELECT p.title, p.compound_name, p.category, p.status, p.budget_yuan::text AS budget, p.final_cost_yuan::text AS final_cost,
                   p.approved_on::text AS approved_on, p.district_code, d.name AS district_name
            FROM report.projects AS p JOIN report.districts AS d ON d.district_code = p.district_code
            WHERE p.project_code = \(code)
            """)) { $0 }
        guard let row = rows.first else { throw NoticeError.notFound("project \(code)") }
        let shares = try connection.query(SQLQuery("""
            SELECT f.source, coalesce(f.payer, ''), coalesce(f.committed_yuan::text, '') FROM report.funding_committed AS f
            WHERE f.project_code = \(code) ORDER BY report.funding_source_rank(f.source), f.payer
            """)) { [try $0.decode(at: 0, as: String.self), try $0.decode(at: 1, as: String.self), try $0.decode(at: 2, as: String.self)] }
        // Each list is read once, its total beside every row (the total row of the notice's table).
        let paymentRows = try connection.query(SQLQuery("""
            SELECT y.voucher_no, y.paid_on::text, y.source, coalesce(y.payer, ''), y.amount_yuan::text,
                   (sum(y.amount_yuan) OVER ())::numeric(14,2)::text
            FROM report.payments AS y
            WHERE y.project_code = \(code) AND y.paid_on <= \(asOf, as: .date) ORDER BY y.paid_on, y.voucher_no
            """)) { row in try (0..<6).map { try row.decode(at: $0, as: String.self) } }
        let payments = paymentRows.map { Array($0.prefix(5)) }
        let paid = paymentRows.first?[5] ?? "0.00"
        let unitRows = try connection.query(SQLQuery("""
            SELECT a.building, a.unit_no, a.floor_area_m2::text, coalesce(a.weight::text, ''), a.amount::text,
                   (sum(a.amount) OVER ())::numeric(14,2)::text
            FROM report.apportion_report(\(code)) WITH ORDINALITY AS a(building, unit_no, floor_area_m2, weight, amount, n)
            ORDER BY a.n
            """)) { row in try (0..<6).map { try row.decode(at: $0, as: String.self) } }
        let units = unitRows.map { Array($0.prefix(5)) }
        let apportioned = unitRows.first?[5] ?? "0.00"
        let labels = try ReportRunner.labels(of: [Labels.category, Labels.status, Labels.source, Labels.payer], on: connection)
        // The source and payer cells of a row of shares or payments as their labels (a company payer stays its USCC).
        func sourceLabelled(_ row: [String], at index: Int) -> [String] {
            var row = row
            row[index] = Labels.shown(row[index], Labels.source, labels)
            row[index + 1] = Labels.shown(row[index + 1], Labels.payer, labels)
            return row
        }
        let compound: String = try row.decode("compound_name")
        let title: String = try row.decode("title")
        let finalCost: String? = try row.decode("final_cost")
        let district: String = try row.decode("district_code")
        let districtName: String = try row.decode("district_name")
        return Notice(
            title: "\(compound)\(title)项目费用公示",
            facts: [("项目", "\(title)（\(code)）"), ("类别", Labels.shown(try row.decode("category"), Labels.category, labels)),
                    ("状态", Labels.shown(try row.decode("status"), Labels.status, labels)),
                    ("预算", "\(try row.decode("budget", as: String.self)) 元"), ("决算", finalCost.map { "\($0) 元" } ?? "尚未决算"),
                    ("截至", Notice.chineseDate(asOf)), ("已支付", "\(paid) 元")],
            tables: [
                Notice.Table(caption: "资金来源", headers: ["来源", "出资方", "金额（元）"], numeric: [false, false, true],
                             rows: shares.map { sourceLabelled($0, at: 0) }),
                Notice.Table(caption: "支付情况", headers: ["凭证号", "支付日期", "来源", "出资方", "金额（元）"],
                             numeric: [false, false, false, false, true],
                             rows: payments.map { sourceLabelled($0, at: 2) }, total: ["合计", "", "", "", paid]),
                Notice.Table(caption: "业主分摊（分户）", headers: ["楼栋", "房号", "建筑面积（平方米）", "分摊系数", "分摊金额（元）"],
                             numeric: [false, false, true, true, true], rows: units, total: ["合计", "", "", "", apportioned]),
            ],
            basis: ["《民法典》第二百八十一条第一款（维修资金的筹集、使用情况应当定期公布）"],
            period: try period(district: district, on: asOf, parameter: nil, sentence: { _ in "" }, options: options, on: connection),
            issuer: options.issuer ?? IssuingUnit.of(districts: [districtName]), issuedOn: options.issuedOn)
    }

    // MARK: fund

    /// A compound's maintenance fund: every unit's account (办法 Art. 30: deposits, use, interest, balance)
    /// and the draws on it, as of as-of.
    public static func fund(_ compound: String, asOf: String, options: NoticeOptions, on connection: Connection) throws -> Notice {
        let rows = try connection.query(SQLQuery("""
            SELECT c.name, c.district_code, d.name AS district_name FROM report.compounds AS c
            JOIN report.districts AS d ON d.district_code = c.district_code WHERE c.compound_code = \(compound)
            """)) { $0 }
        guard let row = rows.first else { throw NoticeError.notFound("compound \(compound)") }
        let district: String = try row.decode("district_code")
        // The accounts are computed once (report.fund_report by unit); the compound's totals are their sums.
        let accountRows = try connection.query(SQLQuery("""
            SELECT f.building, f.unit_no, f.first_deposits::text, f.top_ups::text, f.refunds::text, f.interest::text,
                   f.draws::text, f.owed::text, f.balance::text,
                   (sum(f.first_deposits) OVER ())::text, (sum(f.top_ups) OVER ())::text, (sum(f.refunds) OVER ())::text,
                   (sum(f.interest) OVER ())::text, (sum(f.draws) OVER ())::text, (sum(f.owed) OVER ())::text,
                   (sum(f.balance) OVER ())::text
            FROM report.fund_report(\(asOf, as: .date), 'unit', \(district)) WITH ORDINALITY
                 AS f(compound_code, compound_name, building, unit_no, first_deposits, top_ups, refunds, interest, draws,
                      owed, balance, units_below_threshold, units_owing, emergency_draws, n)
            WHERE f.compound_code = \(compound)
            ORDER BY f.n
            """)) { row in try (0..<16).map { try row.decode(at: $0, as: String.self) } }
        let accounts = accountRows.map { Array($0.prefix(9)) }
        let totals = accountRows.first.map { Array($0.suffix(7)) }
        let draws = try connection.query(SQLQuery("""
            SELECT y.voucher_no, y.paid_on::text, y.project_code, y.amount_yuan::text, CASE WHEN y.emergency THEN '是' ELSE '否' END
            FROM report.fund_draws AS y WHERE y.compound_code = \(compound) AND y.paid_on <= \(asOf, as: .date)
            ORDER BY y.paid_on, y.voucher_no
            """)) { row in try (0..<5).map { try row.decode(at: $0, as: String.self) } }
        let name: String = try row.decode("name")
        let districtName: String = try row.decode("district_name")
        return Notice(
            title: "\(name)住宅专项维修资金公示",
            facts: [("小区", "\(name)（\(compound)）"), ("截至", Notice.chineseDate(asOf)),
                    ("结存", totals.map { "\($0[6]) 元" } ?? "尚无维修资金记录")],
            tables: [
                Notice.Table(caption: "分户账", headers: ["楼栋", "房号", "首期交存", "续交", "退还", "增值收益", "分摊使用", "欠缴", "结存"],
                             numeric: [false, false, true, true, true, true, true, true, true], rows: accounts,
                             total: totals.map { ["合计", ""] + $0 }),
                Notice.Table(caption: "使用情况", headers: ["凭证号", "支付日期", "项目编码", "金额（元）", "应急使用"],
                             numeric: [false, false, false, true, false], rows: draws),
            ],
            basis: ["《民法典》第二百八十一条第一款", "《住宅专项维修资金管理办法》第三十条（每年至少一次公布交存、使用、增值收益和结存情况及业主分户账）"],
            period: try period(district: district, on: asOf, parameter: nil, sentence: { _ in "" }, options: options, on: connection),
            issuer: options.issuer ?? IssuingUnit.of(districts: [districtName]), issuedOn: options.issuedOn)
    }

    // MARK: helpers

    /// The enumerations a notice names, shown by their labels from `report.labels` (the reports' one list).
    enum Labels {
        static let matter = EnumerationSource("votes", "matter")
        static let countedFrom = EnumerationSource("votes", "counted_from")
        static let category = EnumerationSource("projects", "category")
        static let status = EnumerationSource("projects", "status")
        static let source = EnumerationSource("funding", "source")
        static let payer = EnumerationSource("funding", "payer")

        /// The label of a code, or the text itself when it is no code of the enumeration.
        static func shown(_ code: String, _ source: EnumerationSource, _ labels: [EnumerationSource: [String: String]]) -> String {
            labels[source]?[code] ?? code
        }
    }

    /// The publication period: `--days` when given, else the jurisdiction's rule (as of the date of the
    /// fact) with its source, else nil.
    static func period(district: String, on date: String, parameter: String?, sentence: (String) -> String,
                       options: NoticeOptions, on connection: Connection) throws -> String? {
        if let days = options.days {
            let end = try connection.query(SQLQuery("SELECT (\(options.issuedOn, as: .date) + \(days, as: .integer) - 1)::text")) {
                try $0.decode(at: 0, as: String.self)
            }.first ?? ""
            return "公示期：\(Notice.chineseDate(options.issuedOn))至\(Notice.chineseDate(end))，共\(days)日。"
        }
        guard let parameter else { return nil }
        let rule = try connection.query(SQLQuery("""
            SELECT r.value, r.source_zh FROM report.rules_in_force(\(district), \(date, as: .date)) AS r WHERE r.parameter = \(parameter)
            """)) { (try $0.decode(at: 0, as: String?.self), try $0.decode(at: 1, as: String.self)) }.first
        guard let rule, let value = rule.0 else { return nil }
        return "依据\(rule.1)，\(sentence(value))。"
    }

    /// "≥ 2/3", "> 1/2", or "无" (no quorum).
    static func threshold(_ threshold: VoteThreshold?) -> String {
        guard let threshold else { return "无（不设参与比例）" }
        return (threshold.comparison == .atLeast ? "≥ " : "> ") + "\(threshold.numerator)/\(threshold.denominator)"
    }

    static func area(_ text: String) throws -> Area {
        do { return try Area(parsing: text) } catch { throw NoticeError.disagreement("area \(text): \(error)") }
    }
}
