import LedgerCore

/// How `propledger vote check` prints a vote's outcome.
enum VoteOutput {
    /// The outcome as aligned plain text, one line per test and the verdict, e.g.
    ///
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
            [test.kind.description, counted(test), test.percentText, test.threshold.description, test.met ? "met" : "NOT MET"]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max()! }
        let approval = outcome.test(.approvalArea).threshold.description
        let failing = outcome.tests.filter { !$0.met }.map(\.kind.description)
        return ["matter: \(outcome.tally.matter) (approval needs \(approval) of those taking part)", ""]
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
