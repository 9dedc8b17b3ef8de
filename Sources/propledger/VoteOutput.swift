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
    static func lines(_ outcome: VoteOutcome, _ language: Language = .en) -> [String] {
        let header = Message.voteHeader.render(language).split(separator: "|").map(String.init)
        let rows = outcome.tests.map { test -> [String] in
            [name(test.kind, language), counted(test, language), test.percentText,
             test.threshold.map { threshold($0, language) } ?? Message.voteNone.render(language),
             (test.met ? Message.voteMet : .voteNotMet).render(language)]
        }
        let widths = header.indices.map { column in ([header] + rows).map { DisplayWidth.of($0[column]) }.max()! }
        let approval = threshold(outcome.law.approval(for: outcome.tally.matter), language)
        let base = (outcome.law.approvalBase == .participating ? Message.voteBaseParticipating : .voteBaseTotal).render(language)
        let failing = outcome.tests.filter { !$0.met }.map { name($0.kind, language) }
        let law = language == .en ? outcome.law.citation : String(outcome.law.citation.drop { $0 != "(" }.dropFirst().dropLast())
        return [Message.voteLaw.render(language, ["law": law, "date": outcome.heldOn]),
                Message.voteMatter.render(language, ["matter": outcome.tally.matter.shown(language), "approval": approval, "base": base]), ""]
            + [aligned(header, widths)] + rows.map { aligned($0, widths) } + [""]
            + [outcome.passed ? Message.votePassed.render(language)
                : Message.voteFailed.render(language, ["failing": failing.joined(separator: language == .en ? "; " : "；")])]
    }

    /// A test's name in a language.
    private static func name(_ kind: VoteTestKind, _ language: Language) -> String {
        let message: Message = switch kind {
        case .quorumArea: .voteQuorumArea
        case .quorumOwners: .voteQuorumOwners
        case .approvalArea: .voteApprovalArea
        case .approvalOwners: .voteApprovalOwners
        }
        return message.render(language)
    }

    /// "at least 2/3" (不低于 2/3).
    private static func threshold(_ threshold: VoteThreshold, _ language: Language) -> String {
        (threshold.comparison == .atLeast ? Message.voteAtLeast : .voteMoreThan)
            .render(language, ["fraction": "\(threshold.numerator)/\(threshold.denominator)"])
    }

    private static func counted(_ test: VoteTest, _ language: Language) -> String {
        let (part, whole) = (test.fraction.numerator, test.fraction.denominator)
        guard test.kind.countsArea else { return Message.voteCountedOwners.render(language, ["part": "\(part)", "whole": "\(whole)"]) }
        return Message.voteCountedArea.render(language, ["part": area(part), "whole": area(whole)])
    }

    private static func area(_ hundredths: Int64) -> String {
        Area(hundredths: hundredths).map(String.init(describing:)) ?? String(hundredths)
    }

    /// One line of cells, each padded to its column's width; the share column is right-aligned so the
    /// decimal points line up.
    private static func aligned(_ cells: [String], _ widths: [Int]) -> String {
        var text = ""
        for (column, cell) in cells.enumerated() {
            let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
            text += column == 2 ? padding + cell : cell + (column == cells.count - 1 ? "" : padding)
            if column < cells.count - 1 { text += "  " }
        }
        return text
    }
}
