// Owners' joint decisions (SPEC §2.2), judged by the law of the day they were held (Property Law Art. 76
// before 2021-01-01, Civil Code Art. 278 from then), in exact integer arithmetic, for `propledger vote
// check`, which needs no database. The ledger's copy is SQL's ledger.vote_evaluate, whose thresholds are
// rows of ledger.rules (run by ledger.votes_evaluated, so by every report and project rule); VoteTests hold
// the two to Cases/votes.csv, to each other on generated tallies, and VoteLaw.all to ledger.vote_laws.

/// What the owners decide on.
public enum VoteMatter: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Using the maintenance fund.
    case useFund = "use_fund"
    /// Raising (topping up) the maintenance fund.
    case raiseFund = "raise_fund"
    /// Renovating or rebuilding buildings and their facilities.
    case renovate = "renovate"
    /// Changing the use of common parts.
    case changeUse = "change_use"
    /// Selecting or dismissing the property management company.
    case selectCompany = "select_company"
    /// Electing the owners' committee.
    case electCommittee = "elect_committee"
    /// Any other matter.
    case other = "other"

    /// The matter of `code` ("use_fund", …), or `VoteError.unknownMatter`.
    public init(code: String) throws(VoteError) {
        guard let matter = VoteMatter(rawValue: code) else { throw .unknownMatter(code) }
        self = matter
    }

    /// The matter's code, e.g. "use_fund".
    public var description: String { rawValue }

    /// The matter as a Chinese clerk reads it: the label of `votes.matter` in the label tables (migration 025,
    /// `report.labels`), copied here because `vote check` runs without a database; VoteTests holds the two equal.
    public var labelZH: String {
        switch self {
        case .useFund: return "使用维修资金"
        case .raiseFund: return "筹集维修资金"
        case .renovate: return "改建重建"
        case .changeUse: return "改变共有部分用途"
        case .selectCompany: return "选聘物业"
        case .electCommittee: return "选举业委会"
        case .other: return "其他"
        }
    }

    /// The matter in a language: its code in English, its label in Chinese.
    public func shown(_ language: Language) -> String { language == .zh ? labelZH : rawValue }
}

/// An exact fraction of non-negative whole numbers (areas in hundredths of a m², or owners).
public struct Fraction: Sendable, Hashable, CustomStringConvertible {
    /// The part.
    public let numerator: Int64
    /// The whole; 0 when nobody took part.
    public let denominator: Int64

    /// `numerator` / `denominator`.
    public init(_ numerator: Int64, _ denominator: Int64) {
        self.numerator = numerator
        self.denominator = denominator
    }

    /// How a percentage is rounded to two decimals.
    public enum Rounding: Sendable {
        /// To the nearest, halves up: 2/3 is "66.67%".
        case halfUp
        /// Towards zero: 2/3 is "66.66%".
        case down
        /// Away from zero: 1/3 is "33.34%".
        case up
    }

    /// The percentage to two decimals by integer arithmetic: "68.42%"; "—" for x/0.
    public func percentText(rounding: Rounding = .halfUp) -> String {
        guard denominator > 0 else { return "—" }
        let (quotient, remainder) = UInt64(denominator)
            .dividingFullWidth(UInt64(numerator).multipliedFullWidth(by: 10_000))
        let roundUp: Bool
        switch rounding {
        case .halfUp: roundUp = remainder >= UInt64(denominator) - remainder
        case .down: roundUp = false
        case .up: roundUp = remainder > 0
        }
        return Hundredths.format(Int64(roundUp ? quotient + 1 : quotient)) + "%"
    }

    /// "numerator/denominator".
    public var description: String { "\(numerator)/\(denominator)" }
}

/// The bar a fraction must clear, written as ledger.rules writes it: `>=2/3` (at least two thirds: "以上"
/// includes the number itself) or `>1/2` (strictly more than half: "过半数").
public struct VoteThreshold: Sendable, Hashable, CustomStringConvertible {
    /// How the fraction is compared with the bar.
    public enum Comparison: String, Sendable, Hashable {
        /// At least.
        case atLeast = ">="
        /// Strictly more than.
        case moreThan = ">"
    }

    /// The comparison.
    public let comparison: Comparison
    /// The bar's numerator.
    public let numerator: Int64
    /// The bar's denominator (> 0).
    public let denominator: Int64

    /// The threshold of a rule value such as `>=2/3`; nil when it is not one.
    public init?(rule: String) {
        let comparison: Comparison = rule.hasPrefix(">=") ? .atLeast : .moreThan
        guard rule.hasPrefix(">") else { return nil }
        let parts = rule.dropFirst(comparison.rawValue.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let numerator = Int64(parts[0]), let denominator = Int64(parts[1]),
              numerator >= 0, denominator > 0 else { return nil }
        self.comparison = comparison
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The rule value, e.g. `>=2/3`.
    public var rule: String { "\(comparison.rawValue)\(numerator)/\(denominator)" }

    /// "at least 2/3", "more than 1/2".
    public var description: String {
        "\(comparison == .atLeast ? "at least" : "more than") \(numerator)/\(denominator)"
    }

    /// Whether `fraction` clears the bar, compared exactly (3·part ≥ 2·whole, …); never for x/0.
    public func isMet(by fraction: Fraction) -> Bool {
        guard fraction.denominator > 0 else { return false }
        let left = UInt64(fraction.numerator).multipliedFullWidth(by: UInt64(denominator))
        let right = UInt64(fraction.denominator).multipliedFullWidth(by: UInt64(numerator))
        let less = left.high != right.high ? left.high < right.high : left.low < right.low
        let equal = left.high == right.high && left.low == right.low
        return comparison == .atLeast ? !less : !less && !equal
    }
}

/// The law owners' votes are judged by from a date (SPEC §2.2, §10): its quorum, the base approval is
/// counted against, and the majorities. These are the national `vote.*` rows of ledger.rules, which
/// `vote check` needs without a database; VoteTests checks every field against ledger.vote_laws.
public struct VoteLaw: Sendable, Hashable {
    /// Against what approval is counted.
    public enum ApprovalBase: String, Sendable, Hashable {
        /// Those who took part (Civil Code Art. 278).
        case participating
        /// All owners and the whole area (Property Law Art. 76).
        case total
    }

    /// The law's code in ledger.rules (`vote.law`).
    public let code: String
    /// The law and article, for the output.
    public let citation: String
    /// The first day it applies (ISO date).
    public let validFrom: String
    /// The quorum on area and owners; nil: none (`vote.quorum`).
    public let quorum: VoteThreshold?
    /// `vote.approval_base`.
    public let approvalBase: ApprovalBase
    /// `vote.special_matters`.
    public let specialMatters: Set<VoteMatter>
    /// `vote.special_approval`.
    public let specialApproval: VoteThreshold
    /// `vote.ordinary_approval`.
    public let ordinaryApproval: VoteThreshold

    /// The approval a matter needs under this law.
    public func approval(for matter: VoteMatter) -> VoteThreshold {
        specialMatters.contains(matter) ? specialApproval : ordinaryApproval
    }

    /// The Property Law (物权法 Art. 76), from 2007-10-01.
    public static let propertyLaw76 = VoteLaw(
        code: "property_law_76", citation: "Property Law Art. 76 (物权法 第七十六条)", validFrom: "2007-10-01",
        quorum: nil, approvalBase: .total, specialMatters: [.raiseFund, .useFund, .renovate],
        specialApproval: VoteThreshold(rule: ">=2/3")!, ordinaryApproval: VoteThreshold(rule: ">1/2")!)
    /// The Civil Code (民法典 Art. 278), from 2021-01-01.
    public static let civilCode278 = VoteLaw(
        code: "civil_code_278", citation: "Civil Code Art. 278 (民法典 第二百七十八条)", validFrom: "2021-01-01",
        quorum: VoteThreshold(rule: ">=2/3")!, approvalBase: .participating, specialMatters: [.raiseFund, .renovate, .changeUse],
        specialApproval: VoteThreshold(rule: ">=3/4")!, ordinaryApproval: VoteThreshold(rule: ">1/2")!)

    /// Every law, oldest first.
    public static let all: [VoteLaw] = [propertyLaw76, civilCode278]

    /// The law in force on an ISO date (`2021-03-01`), or nil before the first.
    public static func inForce(on date: String) -> VoteLaw? {
        all.last { $0.validFrom <= date }
    }
}

/// Which of the four tests of a vote.
public enum VoteTestKind: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Participating area against the total area.
    case quorumArea = "quorum, area"
    /// Participating owners against all owners.
    case quorumOwners = "quorum, owners"
    /// Approving area against the participating area (the total area under the Property Law).
    case approvalArea = "approval, area"
    /// Approving owners against the participating owners (all owners under the Property Law).
    case approvalOwners = "approval, owners"

    /// "quorum, area", …
    public var description: String { rawValue }

    /// True for the two tests counted in m².
    public var countsArea: Bool { self == .quorumArea || self == .approvalArea }
}

/// One test of a vote: its fraction, its threshold, and whether it was met.
public struct VoteTest: Sendable, Hashable {
    /// Which test.
    public let kind: VoteTestKind
    /// The fraction counted (areas in hundredths of a m²).
    public let fraction: Fraction
    /// The bar; nil when the law sets none (no quorum before 2021).
    public let threshold: VoteThreshold?
    /// Whether the fraction clears the bar (always, when there is none).
    public var met: Bool { threshold?.isMet(by: fraction) ?? true }

    /// The fraction as a percentage rounded towards the verdict (up when met, down when not), so the
    /// two decimals never contradict it: 9749.99 of 13000 m² is "74.99%", not met at 3/4.
    public var percentText: String { fraction.percentText(rounding: met ? .up : .down) }
}

/// Why a vote's numbers cannot be evaluated.
public enum VoteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A matter code that is not one of `VoteMatter`.
    case unknownMatter(String)
    /// A negative number in the field named.
    case negative(field: String)
    /// No owners at all.
    case zeroTotalOwners
    /// No exclusive area at all.
    case zeroTotalArea
    /// More area took part than there is.
    case participatingAreaExceedsTotal(participating: Area, total: Area)
    /// More owners took part than there are.
    case participatingOwnersExceedTotal(participating: Int, total: Int)
    /// More area approved than took part.
    case approvingAreaExceedsParticipating(approving: Area, participating: Area)
    /// More owners approved than took part.
    case approvingOwnersExceedParticipating(approving: Int, participating: Int)
    /// No law of votes covers the date (the rules begin with the Property Law on 2007-10-01).
    case noLaw(heldOn: String)

    /// A stable code for the kind of error, as in the `error` column of Cases/votes.csv.
    public var code: String {
        switch self {
        case .unknownMatter: return "unknown_matter"
        case .negative: return "negative"
        case .zeroTotalOwners: return "zero_total_owners"
        case .zeroTotalArea: return "zero_total_area"
        case .participatingAreaExceedsTotal: return "participating_area_exceeds_total"
        case .participatingOwnersExceedTotal: return "participating_owners_exceed_total"
        case .approvingAreaExceedsParticipating: return "approving_area_exceeds_participating"
        case .approvingOwnersExceedParticipating: return "approving_owners_exceed_participating"
        case .noLaw: return "no_law"
        }
    }

    /// A message for the user, in English.
    public var description: String { message(.en) }

    /// A message for the user in a language (the catalogue's).
    public func message(_ language: Language) -> String {
        switch self {
        case .unknownMatter(let matter):
            return Message.voteUnknownMatter.render(language, ["matter": matter, "matters": VoteMatter.allCases.map(\.rawValue).joined(separator: ", ")])
        case .negative(let field):
            let names: [String: Message] = ["total owners": .voteTotalOwners, "participating owners": .voteParticipatingOwners,
                                            "approving owners": .voteApprovingOwners]
            return Message.voteNegative.render(language, ["field": names[field]?.render(language) ?? field])
        case .zeroTotalOwners: return Message.voteZeroOwners.render(language)
        case .zeroTotalArea: return Message.voteZeroArea.render(language)
        case let .participatingAreaExceedsTotal(participating, total):
            return Message.voteParticipatingAreaExceeds.render(language, ["part": "\(participating)", "whole": "\(total)"])
        case let .participatingOwnersExceedTotal(participating, total):
            return Message.voteParticipatingOwnersExceed.render(language, ["part": "\(participating)", "whole": "\(total)"])
        case let .approvingAreaExceedsParticipating(approving, participating):
            return Message.voteApprovingAreaExceeds.render(language, ["part": "\(approving)", "whole": "\(participating)"])
        case let .approvingOwnersExceedParticipating(approving, participating):
            return Message.voteApprovingOwnersExceed.render(language, ["part": "\(approving)", "whole": "\(participating)"])
        case .noLaw(let heldOn):
            return Message.voteNoLaw.render(language, ["date": heldOn, "from": VoteLaw.all[0].validFrom])
        }
    }
}

/// The numbers of an owners' vote.
public struct VoteTally: Sendable, Hashable {
    /// What was decided.
    public let matter: VoteMatter
    /// The exclusive area of all units in scope.
    public let totalArea: Area
    /// All owners (one per unit, or as counted under SPEC §2.2).
    public let totalOwners: Int
    /// The area of the owners who took part.
    public let participatingArea: Area
    /// The owners who took part.
    public let participatingOwners: Int
    /// The area of the owners who approved.
    public let approvingArea: Area
    /// The owners who approved.
    public let approvingOwners: Int

    /// A tally; `evaluate()` checks that the numbers are possible.
    public init(matter: VoteMatter, totalArea: Area, totalOwners: Int, participatingArea: Area,
                participatingOwners: Int, approvingArea: Area, approvingOwners: Int) {
        self.matter = matter
        self.totalArea = totalArea
        self.totalOwners = totalOwners
        self.participatingArea = participatingArea
        self.participatingOwners = participatingOwners
        self.approvingArea = approvingArea
        self.approvingOwners = approvingOwners
    }

    /// Evaluates the vote by the law in force on `heldOn` (an ISO date), refusing impossible numbers:
    /// negative owners, zero owners or area, more participants than the totals, more approvals than
    /// participants; and a date no law covers.
    public func evaluate(heldOn: String) throws(VoteError) -> VoteOutcome {
        for (field, owners) in [("total owners", totalOwners), ("participating owners", participatingOwners),
                                ("approving owners", approvingOwners)] where owners < 0 {
            throw .negative(field: field)
        }
        if totalOwners == 0 { throw .zeroTotalOwners }
        if totalArea == .zero { throw .zeroTotalArea }
        if participatingArea > totalArea {
            throw .participatingAreaExceedsTotal(participating: participatingArea, total: totalArea)
        }
        if participatingOwners > totalOwners {
            throw .participatingOwnersExceedTotal(participating: participatingOwners, total: totalOwners)
        }
        if approvingArea > participatingArea {
            throw .approvingAreaExceedsParticipating(approving: approvingArea, participating: participatingArea)
        }
        if approvingOwners > participatingOwners {
            throw .approvingOwnersExceedParticipating(approving: approvingOwners, participating: participatingOwners)
        }
        guard let law = VoteLaw.inForce(on: heldOn) else { throw .noLaw(heldOn: heldOn) }
        let approval = law.approval(for: matter)
        let (areaBase, ownersBase) = law.approvalBase == .participating
            ? (participatingArea.hundredths, Int64(participatingOwners)) : (totalArea.hundredths, Int64(totalOwners))
        return VoteOutcome(tally: self, law: law, heldOn: heldOn, tests: [
            VoteTest(kind: .quorumArea, fraction: Fraction(participatingArea.hundredths, totalArea.hundredths),
                     threshold: law.quorum),
            VoteTest(kind: .quorumOwners, fraction: Fraction(Int64(participatingOwners), Int64(totalOwners)),
                     threshold: law.quorum),
            VoteTest(kind: .approvalArea, fraction: Fraction(approvingArea.hundredths, areaBase), threshold: approval),
            VoteTest(kind: .approvalOwners, fraction: Fraction(Int64(approvingOwners), ownersBase), threshold: approval),
        ])
    }
}

/// The result of a vote: its four tests and the verdict.
public struct VoteOutcome: Sendable, Hashable {
    /// The numbers evaluated.
    public let tally: VoteTally
    /// The law applied.
    public let law: VoteLaw
    /// The day the vote was held (ISO date).
    public let heldOn: String
    /// Quorum by area, quorum by owners, approval by area, approval by owners, in that order.
    public let tests: [VoteTest]

    /// The test of `kind`.
    public func test(_ kind: VoteTestKind) -> VoteTest { tests.first { $0.kind == kind }! }

    /// True when all four tests are met.
    public var passed: Bool { tests.allSatisfy(\.met) }
}
