import Foundation
import PostgresClient

/// The project and committee rules said in the load's language: SQL names the rule (its constraint name,
/// the key here) and gives the message's arguments as a JSON object of text (check_project_rules' DETAIL,
/// committee_findings' `arguments`); the words come from the message catalogue.
extension Loader {
    /// The catalogue's message and hint of each project rule (ledger.check_project_rules).
    static let projectRuleMessages: [String: (message: Message, hint: Message)] = [
        "funding_one_form_per_project": (.ruleFundingOneForm, .ruleFundingOneFormHint),
        "funding_percents_sum_to_100": (.ruleFundingPercentsSum, .ruleFundingPercentsSumHint),
        "votes_tally_known": (.ruleVotesTallyKnown, .ruleVotesTallyKnownHint),
        "ballots_owner_in_scope": (.ruleBallotsOwnerInScope, .ruleBallotsOwnerInScopeHint),
        "votes_ballots_agree": (.ruleVotesBallotsAgree, .ruleVotesBallotsAgreeHint),
        "votes_counts_possible": (.ruleVotesCountsPossible, .ruleVotesCountsPossibleHint),
        "votes_law_known": (.ruleVotesLawKnown, .ruleVotesLawKnownHint),
        "project_emergency_category_in_closed_list": (.ruleEmergencyCategory, .ruleEmergencyCategoryHint),
        "project_weights_cover_scope": (.ruleWeightsCoverScope, .ruleWeightsCoverScopeHint),
        "project_weights_within_scope": (.ruleWeightsWithinScope, .ruleWeightsWithinScopeHint),
        "project_weights_some_positive": (.ruleWeightsSomePositive, .ruleWeightsSomePositiveHint),
        "project_shares_sum_to_budget": (.ruleSharesSumToBudget, .ruleSharesSumToBudgetHint),
        "project_share_scope_has_units": (.ruleShareScopeHasUnits, .ruleShareScopeHasUnitsHint),
        "project_fund_share_needs_use_fund_vote": (.ruleFundShareNeedsVote, .ruleFundShareNeedsVoteHint),
        "project_owners_share_needs_raise_fund_vote": (.ruleOwnersShareNeedsVote, .ruleOwnersShareNeedsVoteHint),
    ]

    /// The catalogue's message and hint of each committee rule (ledger.committee_findings, committee_rule_violations).
    static let committeeRuleMessages: [String: (message: Message, hint: Message)] = [
        "committees_members_at_least": (.committeeMembersAtLeast, .committeeMembersAtLeastHint),
        "committees_members_at_most": (.committeeMembersAtMost, .committeeMembersAtMostHint),
        "committees_members_odd": (.committeeMembersOdd, .committeeMembersOddHint),
        "committees_term_at_most": (.committeeTermAtMost, .committeeTermAtMostHint),
        "committees_term_at_least": (.committeeTermAtLeast, .committeeTermAtLeastHint),
        "committees_terms_no_overlap_across_kinds": (.committeeOverlapAcrossKinds, .committeeOverlapAcrossKindsHint),
    ]

    /// A JSON object of the arguments as text (a JSON null is left out), nil when the text is not one.
    static func ruleArguments(_ json: String?) -> [String: Any]? {
        guard let data = json?.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object
    }

    /// The texts of an arguments object (nulls and non-texts left out).
    private static func texts(_ object: [String: Any]) -> [String: String] {
        object.compactMapValues { $0 as? String }
    }

    /// A project rule in the load's language, with the rule's key: "message (rule); hint"; nil when the rule
    /// or its arguments are not known here.
    func projectRuleText(rule: String, arguments json: String?) -> String? {
        guard let said = Loader.projectRuleMessages[rule], let object = Loader.ruleArguments(json) else { return nil }
        let language = options.language
        var arguments = Loader.texts(object)
        if rule == "project_share_scope_has_units" && arguments["scope"] == nil {
            arguments["scope"] = Message.wholeCompound.render(language)
        }
        return Message.projectRuleReason.render(language, [
            "message": said.message.render(language, arguments), "rule": rule, "hint": said.hint.render(language, arguments)])
    }

    /// A committee rule in the load's language, with the rule's key and its source: "message (rule); hint —
    /// source". The kind of committee is its code in English and its label in Chinese (from the
    /// committees file's labels). Nil when the rule or its arguments are not known here.
    func committeeRuleText(rule: String, arguments json: String?, source: String, kindLabels: [(code: String, label: String)]) -> String? {
        guard let said = Loader.committeeRuleMessages[rule], let object = Loader.ruleArguments(json) else { return nil }
        let language = options.language
        var arguments = Loader.texts(object)
        let label = { (code: String) in language == .zh ? kindLabels.first { $0.code == code }?.label ?? code : code }
        for name in ["kind", "other"] { if let code = arguments[name] { arguments[name] = label(code) } }
        let unknown = Message.unknownValue.render(language)
        arguments["size"] = arguments["size"] == nil ? "" : Message.committeeCompoundSize.render(language, [
            "households": arguments["households"] ?? unknown, "area": arguments["area"] ?? unknown])
        arguments["term"] = arguments["end"].map { Message.committeeTermEndsOn.render(language, ["end": $0]) }
            ?? Message.committeeTermNoEnd.render(language)
        arguments["overlap"] = arguments["days"].map { Message.committeeDays.render(language, ["days": $0]) }
            ?? Message.openEnded.render(language)
        arguments["window"] = arguments["window"].map { Message.committeeHandoverWindow.render(language, ["days": $0]) }
            ?? Message.committeeNoOverlapHere.render(language)
        return Message.committeeRuleReason.render(language, [
            "message": said.message.render(language, arguments), "rule": rule, "hint": said.hint.render(language, arguments), "source": source])
    }

    /// A rule checked at the end of the load (a deferred constraint: a foreign key, a project or committee
    /// rule, the score weights) in the load's language, naming the key or project and what to do.
    func deferredReason(_ error: PostgresError) -> String {
        let language = options.language
        let constraint = error.constraint ?? error.sqlState?.code ?? "rule"
        if let rule = error.constraint, let said = projectRuleText(rule: rule, arguments: error.detail) {
            return said
        }
        if let rule = error.constraint, let detail = Loader.ruleArguments(error.detail),
           let arguments = detail["arguments"] as? [String: Any],
           let data = try? JSONSerialization.data(withJSONObject: arguments),
           let said = committeeRuleText(rule: rule, arguments: String(data: data, encoding: .utf8),
                                        source: (detail[language == .zh ? "source_zh" : "source_en"] as? String) ?? "", kindLabels: []) {
            return said
        }
        // PostgreSQL's own words for a foreign key: Key (a, b)=(x, y) is not present in table "t".
        if error.sqlState == .foreignKeyViolation,
           let match = error.detail?.firstMatch(of: /Key \((.+)\)=\((.*)\) is not present in table "(.+)"/) {
            return Message.deferredReference.render(language, [
                "columns": String(match.output.1), "cell": String(match.output.2), "table": String(match.output.3), "constraint": constraint])
        }
        let said = Message.deferredRule.render(language, ["constraint": constraint])
        // The server speaks English: its sentence is added to the English message only.
        return language == .en ? said + " (\(error.message)" + (error.hint.map { "; \($0)" } ?? "") + ")" : said
    }
}
