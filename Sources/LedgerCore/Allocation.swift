// Largest-remainder allocation (SPEC §2.3, §2.4): exact to the fen, parts always sum to the amount.
// SQL has the same rule in ledger.allocate and ledger.split_percent; Cases/*.csv feed both.

/// Why an amount cannot be allocated.
public enum AllocationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No weights, units or percents to allocate over.
    case nothingToAllocateOver
    /// A weight that must be positive is zero (e.g. a unit with zero floor area); `position` is 1-based.
    case zeroWeight(position: Int)
    /// A negative weight; `position` is 1-based.
    case negativeWeight(position: Int)
    /// The weights sum to zero.
    case zeroTotalWeight
    /// The weights sum beyond 64 bits.
    case weightsTooLarge
    /// The tie order is not a permutation of the weights' indices.
    case invalidTieOrder
    /// Percents that do not sum to exactly 100.00; `sum` is what they sum to.
    case percentSum(sum: Int64)
    /// Two units with the same (building, unit_no).
    case duplicateUnit(building: String, unitNo: String)

    /// A message for the user.
    public var description: String {
        switch self {
        case .nothingToAllocateOver: return "nothing to allocate over: no weights"
        case .zeroWeight(let position):
            return "weight \(position) is 0: every weight (floor area) must be positive"
        case .negativeWeight(let position): return "weight \(position) is negative: weights must be positive"
        case .zeroTotalWeight: return "the weights sum to 0"
        case .weightsTooLarge: return "the weights are too large to sum"
        case .invalidTieOrder: return "the tie order must list each index once"
        case .percentSum(let sum):
            let gap = Hundredths.format(abs(10_000 - sum))
            return "percents sum to \(Hundredths.format(sum)), \(gap) \(sum < 10_000 ? "short of" : "over") 100"
        case .duplicateUnit(let building, let unitNo):
            return "unit \(building)/\(unitNo) is listed twice"
        }
    }
}

/// A benefiting unit of an apportionment.
public struct ApportionmentUnit: Sendable, Hashable {
    /// The building ("2", "10栋").
    public let building: String
    /// The unit number within the building ("1单元101").
    public let unitNo: String
    /// The exclusive floor area.
    public let floorArea: Area

    /// A unit of `building` with `unitNo` and `floorArea`.
    public init(building: String, unitNo: String, floorArea: Area) {
        self.building = building
        self.unitNo = unitNo
        self.floorArea = floorArea
    }
}

/// A unit and the amount apportioned to it.
public struct ApportionedUnit: Sendable, Hashable {
    /// The unit.
    public let unit: ApportionmentUnit
    /// Its part of the share.
    public let amount: Money
}

/// Exact allocation of amounts by the largest-remainder rule.
public enum Allocation {
    /// Splits `amount` over non-negative integer `weights` (positive sum): each part is the floor of its
    /// exact share in fen, and the leftover fen go one each to the largest remainders. Equal remainders
    /// go first to the index listed first in `tieOrder` (default: index order). A negative amount gives
    /// the negated parts of its absolute value, so a reversal refunds exactly what was charged.
    /// The parts always sum to `amount`.
    public static func largestRemainder(_ amount: Money, weights: [Int64], tieOrder: [Int]? = nil)
        throws(AllocationError) -> [Money]
    {
        if weights.isEmpty { throw .nothingToAllocateOver }
        if let position = weights.firstIndex(where: { $0 < 0 }) { throw .negativeWeight(position: position + 1) }
        var total: UInt64 = 0
        for weight in weights {
            let (sum, overflow) = total.addingReportingOverflow(UInt64(weight))
            if overflow { throw .weightsTooLarge }
            total = sum
        }
        if total == 0 { throw .zeroTotalWeight }
        var rank = Array(weights.indices)  // rank[i]: how early index i comes in the tie order
        if let tieOrder {
            guard tieOrder.count == weights.count, Set(tieOrder) == Set(weights.indices) else {
                throw .invalidTieOrder
            }
            for (position, index) in tieOrder.enumerated() { rank[index] = position }
        }

        let magnitude = amount.fen.magnitude
        var floors: [UInt64] = []
        var remainders: [UInt64] = []
        for weight in weights {
            // weight ≤ total, so the quotient ≤ magnitude fits in 64 bits.
            let (quotient, remainder) = total.dividingFullWidth(magnitude.multipliedFullWidth(by: UInt64(weight)))
            floors.append(quotient)
            remainders.append(remainder)
        }
        let leftover = magnitude - floors.reduce(0, +)  // < number of weights
        let byRemainder = weights.indices.sorted {
            remainders[$0] != remainders[$1] ? remainders[$0] > remainders[$1] : rank[$0] < rank[$1]
        }
        for index in byRemainder.prefix(Int(leftover)) { floors[index] += 1 }
        return floors.map { part in
            Money(fen: amount.fen < 0 ? Int64(truncatingIfNeeded: 0 &- part) : Int64(part))
        }
    }

    /// Splits `amount` over positive weights (floor areas) in array order, like SQL's `ledger.allocate`.
    public static func allocate(_ amount: Money, weights: [Area]) throws(AllocationError) -> [Money] {
        if weights.isEmpty { throw .nothingToAllocateOver }
        if let position = weights.firstIndex(where: { $0.hundredths == 0 }) { throw .zeroWeight(position: position + 1) }
        return try largestRemainder(amount, weights: weights.map(\.hundredths))
    }

    /// Apportions `share` over `units` in proportion to floor area (SPEC §2.3). Every unit needs a
    /// positive area; equal remainders go by (building, unit_no) in natural order, which is also the
    /// order of the result. The amounts always sum to `share`.
    public static func apportion(_ share: Money, over units: [ApportionmentUnit])
        throws(AllocationError) -> [ApportionedUnit]
    {
        let ordered = units.sorted {
            let (b0, b1) = (NaturalKey($0.building), NaturalKey($1.building))
            return b0 != b1 ? b0 < b1 : NaturalKey($0.unitNo) < NaturalKey($1.unitNo)
        }
        for (previous, next) in zip(ordered, ordered.dropFirst())
        where NaturalKey(previous.building) == NaturalKey(next.building)
            && NaturalKey(previous.unitNo) == NaturalKey(next.unitNo) {
            throw .duplicateUnit(building: next.building, unitNo: next.unitNo)
        }
        let amounts = try allocate(share, weights: ordered.map(\.floorArea))
        return zip(ordered, amounts).map { ApportionedUnit(unit: $0, amount: $1) }
    }

    /// Turns percents (summing to exactly 100.00) into amounts of `amount` by the same rule (SPEC §2.4),
    /// ties in array order; a 0 percent gets 0.00. Like SQL's `ledger.split_percent`.
    public static func splitPercent(_ amount: Money, percents: [Percent]) throws(AllocationError) -> [Money] {
        if percents.isEmpty { throw .nothingToAllocateOver }
        var sum: Int64 = 0
        for percent in percents {
            let (next, overflow) = sum.addingReportingOverflow(percent.hundredths)
            if overflow { throw .weightsTooLarge }
            sum = next
        }
        if sum != Percent.hundred.hundredths { throw .percentSum(sum: sum) }
        return try largestRemainder(amount, weights: percents.map(\.hundredths))
    }
}
