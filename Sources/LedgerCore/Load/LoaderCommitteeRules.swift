import PostgresClient

/// The committee rules of SPEC §2.6 and §10 — size and term by the rules of the compound's jurisdiction as
/// of term_start, and terms of different kinds that overlap beyond a 物管会's handover window — checked
/// after the files are applied (they read the compound's households and the compound's other terms, which
/// the same load may have changed), by `ledger.committee_rule_violations`, the rules' one implementation, through
/// `staging.committee_rule_violations`: the loader's scope only, and each sound compound marked checked so the
/// deferred trigger does not check its rows a second time at `SET CONSTRAINTS` (migration 007).
extension Loader {
    /// The committee rows of the load that break a rule the ledger refuses (a 一般 limit is only a warning,
    /// shown by `report anomalies`), each with the rule, what to do and its source.
    func committeeRuleViolations(_ staged: [Staged]) throws -> [RejectedRow] {
        guard let file = staged.first(where: { $0.file.kind.name == "committees" }) else { return [] }
        let kind = file.file.kind.name
        let language = options.language
        let kindLabels = file.labels["kind"] ?? []
        return try connection.query(SQLQuery("""
            SELECT t._line, v.column_name, v.rule, v.message || ' (' || v.rule || '); ' || v.hint AS english, v.arguments::text AS arguments,
                   v.source_zh, v.source_en
            FROM \(file.typedTable) AS t
            JOIN staging.committee_rule_violations(ARRAY(SELECT DISTINCT t.compound_code FROM \(file.typedTable) AS t)) AS v
              ON v.compound_code = t.compound_code AND v.term_start = t.term_start
            WHERE v.refusal AND \(notRejected(file))
            ORDER BY t._line, v.rule
            """)) {
            let rule = try $0.decode("rule", as: String.self)
            let english = try $0.decode("english", as: String.self)
            let source = try $0.decode(language == .zh ? "source_zh" : "source_en", as: String.self)
            let reason = committeeRuleText(rule: rule, arguments: try $0.decode("arguments", as: String?.self), source: source, kindLabels: kindLabels)
                ?? "\(english) — \(source)"
            return RejectedRow(kind: kind, line: try $0.decode("_line", as: Int.self), column: try $0.decode("column_name", as: String.self),
                               reason: reason)
        }
    }
}
