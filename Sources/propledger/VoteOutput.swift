import LedgerCore

/// How `propledger vote check` prints a vote's outcome.
enum VoteOutput {
    /// The outcome as aligned plain text, one line per test and the verdict, e.g.
    ///
    ///     law: Civil Code Art. 278 (民法典 第二百七十八条), for a vote held on 2026-03-01
    ///     matter: use_fund (approval needs more than 1/2 of those taking part)
    ///
    ///     test              counted                  share  threshold      result
    ///     quorum, area      8000.00 of 10000.00 m²  80.00%  at least 2/3   met
    ///     …
    ///
    ///     verdict: PASSED
    static func lines(_ outcome: VoteOutcome) -> [String] {
        let header = ["test", "counted", "share", "threshold", "result"]
        let rows = outcome.tests.map { test -> [String] in
            [test.kind.description, counted(test), test.percentText, test.threshold?.description ?? "none", test.met ? "met" : "NOT MET"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        let approval = outcome.law.approval(for: outcome.tally.matter).description
        let base = outcome.law.approvalBase == .participating ? "those taking part" : "all owners and the whole area"
        let failing = outcome.tests.filter { !$0.met }.map(\.kind.description)
        return ["law: \(outcome.law.citation), for a vote held on \(outcome.heldOn)",
                "matter: \(outcome.tally.matter) (approval needs \(approval) of \(base))", ""]
            + [aligned(header, widths)] + rows.map { aligned($0, widths) } + [""]
            + [outcome.passed ? "verdict: PASSED" : "verdict: FAILED (not met: \(failing.joined(separator: "; ")))"]
    }

    /// What a test counted: areas in m² (from hundredths), or owners.
    private static func counted(_ test: VoteTest) -> String {
        let (part, whole) = (test.fraction.numerator, test.fraction.denominator)
        guard test.kind.countsArea else { return "\(part) of \(whole) owners" }
        return "\(area(part)) of \(area(whole)) m²"
    }

    /// Hundredths of a m² with two decimals; a tally's areas are never negative.
    private static func area(_ hundredths: Int64) -> String {
        Area(hundredths: hundredths).map(String.init(describing:)) ?? String(hundredths)
    }

    /// One line of cells, each padded to its column's width; the share column is right-aligned so the
    /// decimal points line up.
    private static func aligned(_ cells: [String], _ widths: [Int]) -> String {
        var text = ""
        for (column, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: widths[column] - cell.count)
            text += column == 2 ? padding + cell : cell + (column == cells.count - 1 ? "" : padding)
            if column < cells.count - 1 { text += "  " }
        }
        return text
    }
}
