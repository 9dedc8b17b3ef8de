import PostgresClient

/// A project rule of SPEC §2.4/§2.5 that a project touched by the load breaks (staging.project_rule_violations).
private struct ProjectRuleViolation {
    let projectCode: String
    let rule: String
    let message: String
    let hint: String?
    /// The message's arguments (a JSON object of text), for the catalogue's words.
    let arguments: String?
}

/// The cross-file project rules, checked after every file is applied: shares sum to the budget from
/// approval on, a maintenance-fund share needs a passing `use_fund` vote (unless an emergency), an owners'
/// share a passing `raise_fund` vote, agreed weights cover the scope (SPEC §6), a vote's tally and its
/// ballots agree (SPEC §7).
extension Loader {
    /// The project rules for every project this load touched, as rejects of the rows involved (the
    /// project, its shares, votes and ballots in this load, and the units and owners its votes count).
    func projectRuleViolations(_ staged: [Staged]) throws -> [RejectedRow] {
        let involved = staged.filter { ["projects", "funding", "votes", "ballots", "project_weights"].contains($0.file.kind.name) }
        // Changed units or owners change the figures of votes that left them blank (counted from the units
        // and owners in scope, SPEC §7), and which ballots come from an owner in scope.
        let units = staged.filter { ["units", "owners"].contains($0.file.kind.name) }
        guard let codes = touchedProjects(involved, units: units) else { return [] }
        let violations = try connection.query(SQLQuery("""
            SELECT v.project_code, v.rule, v.message, v.hint, v.arguments::text AS arguments
            FROM staging.project_rule_violations(ARRAY(\(codes))) AS v
            """)) {
            ProjectRuleViolation(projectCode: try $0.decode("project_code", as: String.self), rule: try $0.decode("rule", as: String.self),
                                 message: try $0.decode("message", as: String.self), hint: try $0.decode("hint", as: String?.self),
                                 arguments: try $0.decode("arguments", as: String?.self))
        }
        return try violations.flatMap { try rowsBreaking($0, involved: involved, units: units) }
    }

    /// The codes of the projects the load touched, once each, as a query; nil when it touched none.
    private func touchedProjects(_ involved: [Staged], units: [Staged]) -> SQLQuery? {
        var sources = involved.map { "SELECT t.project_code FROM \($0.typedTable) AS t" as SQLQuery }
        for file in units {
            sources.append("""
                SELECT p.project_code FROM ledger.projects AS p
                WHERE p.compound_code IN (SELECT t.compound_code FROM \(file.typedTable) AS t)
                  AND EXISTS (SELECT 1 FROM ledger.votes AS v WHERE v.project_code = p.project_code
                              AND (v.total_area_m2 IS NULL OR v.total_owners IS NULL OR v.participating_owners IS NULL))
                """)
        }
        guard !sources.isEmpty else { return nil }
        // DISTINCT: a project named on several rows is checked (and reported) once.
        return "SELECT DISTINCT c.project_code FROM (\(sources.joined(separator: " UNION ALL "))) AS c(project_code)"
    }

    /// The load's rows a broken project rule rejects, each with the rule's sentence.
    private func rowsBreaking(_ violation: ProjectRuleViolation, involved: [Staged], units: [Staged]) throws -> [RejectedRow] {
        var rows: [(kind: String, line: Int, column: String)] = []
        for file in involved {
            let lines = try connection.query(SQLQuery("""
                SELECT t._line FROM \(file.typedTable) AS t
                WHERE t.project_code = \(violation.projectCode) AND \(notRejected(file)) ORDER BY 1
                """)) { try $0.decode("_line", as: Int.self) }
            rows.append(contentsOf: lines.map { (file.file.kind.name, $0, "project_code") })
        }
        for file in units {
            let lines = try connection.query(SQLQuery("""
                SELECT t._line FROM \(file.typedTable) AS t
                WHERE t.compound_code = (SELECT p.compound_code FROM ledger.projects AS p WHERE p.project_code = \(violation.projectCode))
                  AND \(notRejected(file)) ORDER BY 1
                """)) { try $0.decode("_line", as: Int.self) }
            rows.append(contentsOf: lines.map { (file.file.kind.name, $0, "compound_code") })
        }
        let language = options.language
        var reason = projectRuleText(rule: violation.rule, arguments: violation.arguments)
            ?? "\(violation.message) (\(violation.rule))" + (violation.hint.map { "; \($0)" } ?? "")
        // The rule is about the project as a whole, so which of its rows is at fault is not known:
        // say that its rows in this load are kept out together, and which they are.
        if rows.count > 1 {
            let listed = Dictionary(grouping: rows, by: \.kind).sorted { $0.key < $1.key }
                .map { (kind, lines) in
                    (lines.count > 1 ? Message.projectRowsInFileMany : .projectRowsInFile)
                        .render(language, ["file": "\(kind).csv", "lines": lines.map { String($0.line) }.joined(separator: ", ")])
                }
                .joined(separator: "; ")
            reason += Message.projectRowsKeptTogether.render(language, ["count": String(rows.count), "listed": listed])
        }
        return rows.map { RejectedRow(kind: $0.kind, line: $0.line, column: $0.column, reason: reason) }
    }
}
