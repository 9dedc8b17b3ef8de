// Owners' joint decisions (Civil Code Art. 278, SPEC §2.2), in exact integer arithmetic, for
// `propledger vote check`, which needs no database. The ledger's copy is SQL's ledger.vote_evaluate (run by
// ledger.votes_evaluated, so by every report and project rule); VoteTests hold the two to Cases/votes.csv
// and to each other on generated tallies.

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

    /// True for the matters that need 3/4 of the participants (raise_fund, renovate, change_use).
    public var needsThreeQuarters: Bool { self == .raiseFund || self == .renovate || self == .changeUse }

    /// The matter of `code` ("use_fund", …), or `VoteError.unknownMatter`.
    public init(code: String) throws(VoteError) {
        guard let matter = VoteMatter(rawValue: code) else { throw .unknownMatter(code) }
        self = matter
    }

    /// The matter's code, e.g. "use_fund".
    public var description: String { rawValue }
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

/// The bar a fraction must clear.
public enum VoteThreshold: Sendable, Hashable, CustomStringConvertible {
    /// At least two thirds ("以上" includes the number itself).
    case atLeastTwoThirds
    /// At least three quarters.
    case atLeastThreeQuarters
    /// Strictly more than half.
    case moreThanHalf

    /// "at least 2/3", "at least 3/4", "more than 1/2".
    public var description: String {
        switch self {
        case .atLeastTwoThirds: return "at least 2/3"
        case .atLeastThreeQuarters: return "at least 3/4"
        case .moreThanHalf: return "more than 1/2"
        }
    }

    /// Whether `fraction` clears the bar, compared exactly (3·part ≥ 2·whole, …); never for x/0.
    public func isMet(by fraction: Fraction) -> Bool {
        guard fraction.denominator > 0 else { return false }
        let (part, whole) = (fraction.numerator, fraction.denominator)
        switch self {
        case .atLeastTwoThirds: return !Self.less(part, times: 3, than: whole, times: 2)
        case .atLeastThreeQuarters: return !Self.less(part, times: 4, than: whole, times: 3)
        case .moreThanHalf: return Self.less(whole, times: 1, than: part, times: 2)
        }
    }

    /// a·m < b·n for non-negative numbers, without overflow.
    private static func less(_ a: Int64, times m: Int64, than b: Int64, times n: Int64) -> Bool {
        let left = UInt64(a).multipliedFullWidth(by: UInt64(m))
        let right = UInt64(b).multipliedFullWidth(by: UInt64(n))
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }
}

/// Which of the four tests of a vote.
public enum VoteTestKind: String, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Participating area against the total area.
    case quorumArea = "quorum, area"
    /// Participating owners against all owners.
    case quorumOwners = "quorum, owners"
    /// Approving area against the participating area.
    case approvalArea = "approval, area"
    /// Approving owners against the participating owners.
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
    /// The bar.
    public let threshold: VoteThreshold
    /// Whether the fraction clears the bar.
    public var met: Bool { threshold.isMet(by: fraction) }

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
        }
    }

    /// A message for the user.
    public var description: String {
        switch self {
        case .unknownMatter(let matter):
            return "unknown vote matter \"\(matter)\": use one of "
                + VoteMatter.allCases.map(\.rawValue).joined(separator: ", ")
        case .negative(let field): return "\(field) must not be negative"
        case .zeroTotalOwners: return "total owners is zero: a vote needs at least one owner"
        case .zeroTotalArea: return "total area is zero: a vote needs the exclusive area of the compound"
        case let .participatingAreaExceedsTotal(participating, total):
            return "participating area \(participating) exceeds total area \(total)"
        case let .participatingOwnersExceedTotal(participating, total):
            return "participating owners \(participating) exceed total owners \(total)"
        case let .approvingAreaExceedsParticipating(approving, participating):
            return "approving area \(approving) exceeds participating area \(participating)"
        case let .approvingOwnersExceedParticipating(approving, participating):
            return "approving owners \(approving) exceed participating owners \(participating)"
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

    /// Evaluates the vote, refusing impossible numbers: negative owners, zero owners or area, more
    /// participants than the totals, more approvals than participants.
    public func evaluate() throws(VoteError) -> VoteOutcome {
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
        let approval: VoteThreshold = matter.needsThreeQuarters ? .atLeastThreeQuarters : .moreThanHalf
        return VoteOutcome(tally: self, tests: [
            VoteTest(kind: .quorumArea, fraction: Fraction(participatingArea.hundredths, totalArea.hundredths),
                     threshold: .atLeastTwoThirds),
            VoteTest(kind: .quorumOwners, fraction: Fraction(Int64(participatingOwners), Int64(totalOwners)),
                     threshold: .atLeastTwoThirds),
            VoteTest(kind: .approvalArea, fraction: Fraction(approvingArea.hundredths, participatingArea.hundredths),
                     threshold: approval),
            VoteTest(kind: .approvalOwners, fraction: Fraction(Int64(approvingOwners), Int64(participatingOwners)),
                     threshold: approval),
        ])
    }
}

/// The result of a vote: its four tests and the verdict.
public struct VoteOutcome: Sendable, Hashable {
    /// The numbers evaluated.
    public let tally: VoteTally
    /// Quorum by area, quorum by owners, approval by area, approval by owners, in that order.
    public let tests: [VoteTest]

    /// The test of `kind`.
    public func test(_ kind: VoteTestKind) -> VoteTest { tests.first { $0.kind == kind }! }

    /// True when all four tests are met.
    public var passed: Bool { tests.allSatisfy(\.met) }
}
