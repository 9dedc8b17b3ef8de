import Foundation

/// The language of the words a person reads: messages of loads now, reports' labels later (issue 14 uses
/// the same switch). Codes, column names and JSON keys stay English in both.
public enum Language: String, Sendable, CaseIterable {
    /// English.
    case en
    /// Chinese (简体中文).
    case zh

    /// The language asked for: `--lang` when given, else `PROPLEDGER_LANG`, else the locale (`LC_ALL`,
    /// `LC_MESSAGES`, `LANG`: the first set; `zh_CN.UTF-8` and the like are Chinese); English otherwise.
    public static func resolve(option: Language?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Language {
        if let option { return option }
        if let named = environment["PROPLEDGER_LANG"], let language = Language(rawValue: named.lowercased()) { return language }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let locale = environment[variable], !locale.isEmpty else { continue }
            return locale.lowercased().hasPrefix("zh") ? .zh : .en
        }
        return .en
    }
}

/// The message catalogue: every sentence a load says to a person, in English and Chinese, keyed by what it
/// says. A template names its arguments in braces (`{cell}`); `render` fills them. A template meant for SQL's
/// `format()` is made by `sqlTemplate`, which leaves `{cell}` as `%s` and doubles every other `%`.
public enum Message: String, CaseIterable, Sendable {
    // Cells that are not of their column's type.
    case required, notWholeNumber, notAmount, notArea, notPercent, notNumber, numberExponent, numberChineseUnit
    case notDate, dateImpossible, dateSerial, notBoolean
    // Rules of the ledger table.
    case notOneOf, breaksRule, unknownReference
    // Rows that cannot be staged.
    case totalsRow, valueUnderUnnamedColumn, codeExponent, nulCharacter, keyTooLong, invisibleCharacters, wrongCellCount
    // The header.
    case columnHasNoName, unknownColumn, columnTwice, missingColumn, missingColumns, expectedColumns
    // Summaries and progress.
    case partialNothing, partialSome, writtenTo, rejectedNothing, dryRun, dryRunValid, dryRunProblems
    case summaryLine, phaseReading, phaseChecking, phaseWriting, phaseProjectRules
    // Kept results brought up to date after a load (migration 034).
    case phaseKeptResults, keptResultsNotRefreshed
    // Delete loads (SPEC §8, corrections).
    case deleteNotInLedger, deleteNotInYourDistricts, deleteOutsideDistricts, deleteStillReferenced, deleteReferenceCount
    case deleteSummaryLine, deleteWouldGo, deleteDryRunValid, deleteHiddenReference, deleteRejectedNothing
    // Reports and CLI (issue 14, session 5): the sentences SQL makes as report.said (the compound dossier,
    // anomalies), report --list, a report's refusals.
    case dossierValue, dossierPlace, dossierCommunity, dossierUnits, dossierManagedOn, dossierManagedBy, dossierManagedByCompany
    case dossierUnmanaged, dossierPeriod, dossierCompany, dossierFee, dossierCommittee, dossierPartyOrg, dossierTarget, dossierOpen
    case dossierResolvedVerified, dossierResolvedUnverified, dossierBudget, dossierCommitted, dossierPaid, dossierVote
    case dossierScore, dossierCompanyCode, dossierDeadline, dossierClosed, dossierResolvedOn, dossierSatisfied
    case anomalyUnverified, anomalyUnmanaged, anomalyRelapsed, anomalyOverdueCase, anomalyCompanyNotManaging, anomalyOverrun
    case anomalyFinalCost, anomalyPaymentUnapproved, anomalyPaymentBeforeApproval, anomalyCommitteeRule, anomalyFundOwing
    case anomalyFundTopupDefault, anomalyFundBelowThreshold, anomalyEmergencyDraw, anomalyRefundCutShort, anomalyInterestUnallocated
    case reportListingRow, reportNoRows, reportTotal, reportAsOf, reportRecord, reportUnknown, reportUnknownColumn
    case reportTakesNoOption, reportNeedsArgument, reportTakesNoArgument, reportNeedsCompound, reportCodeDigits, reportUseGrouping
    case reportDaysNegative, reportYearRange, reportUnknownFilter, reportUnknownFilterDistricts, reportNoDistricts
    case reportNameOne, reportListNotTaken, reportListOrBy, languageUnknown, formatUnknown, recordsUnknown, outputNeedsName
    case voteLaw, voteMatter, voteHeader, voteCountedOwners, voteCountedArea, voteMet, voteNotMet, voteNone
    case votePassed, voteFailed, voteBaseParticipating, voteBaseTotal, separatorList, didYouMean
    case voteQuorumArea, voteQuorumOwners, voteApprovalArea, voteApprovalOwners, voteAtLeast, voteMoreThan
    case voteUnknownMatter, voteNegative, voteZeroOwners, voteZeroArea, voteParticipatingAreaExceeds, voteParticipatingOwnersExceed
    case voteApprovingAreaExceeds, voteApprovingOwnersExceed, voteNoLaw, voteTotalOwners, voteParticipatingOwners, voteApprovingOwners
    case quantityArea, decimalEmpty, decimalThousands, decimalExponent, decimalDecimals, decimalCharacter, decimalDigits
    case decimalNegative, decimalRange
    case optionDistrict, optionStreet, optionCommunity, optionBy, optionYear, optionDays, optionCompound, optionProject, optionAsOf, optionFormat, optionColumns
    case optionRecords, optionList, optionReportName, optionReportArgument, optionLang, optionOutput, optionRulesDistrict, optionRulesAsOf, optionRulesFormat, optionRulesAll, optionDb
    case reportNotFound, reportAsOfProblem, reportDaysRange, dateNotDate, dateNoMonth, dateNoYear, dateMonthDays
    case cliNotACommand, cliPasswordVisible, cliCannotConnect, cliWarning, cliHint, cliWantsPassword, cliPrivateCluster, cliNoDatabaseNamed
    case cliServerRunning, cliNeedsReader, cliNeedsLoader, cliNeedsOwner, cliNeedsSuperuser, cliSessionLost, cliGaveUp, cliPasswordPrompt
    case accessDistrictOrAll, accessOwnerScope, accessDistrictDigits, settingsPairs, settingsNotDecimal
    case templateFormat, templateNotForTerminal, templateUnknownKind, rulesFormat
    case helpPropLedger, helpPropLedgerDiscussion, helpMigrate, helpDoctor, helpVote, helpVoteCheck, helpReport, helpReportDiscussion, helpReportPack, helpRules, helpSettings
    case helpSettingsList, helpSettingsSet, helpAccess, helpAccessGrant, helpAccessRevoke, helpAccessList, helpTemplate
    // xlsx export (issue 14, session 5): the title block, the report titles of sheets, usage.
    case xlsxFilters, xlsxNoFilters, xlsxAsOf, xlsxIssuer, xlsxGeneratedAt, xlsxLegalBasis, xlsxPeriod, xlsxIssuedOn
    case xlsxNeedsOutput, xlsxIssuerWithoutXLSX, xlsxPackWritten, xlsxPackSkipped, xlsxPackNeedsDirectory, issuingUnit
    case xlsxTitleClearance, xlsxTitlePartyCoverage, xlsxTitleProjects, xlsxTitleFunding, xlsxTitleApportion, xlsxTitleFund
    case xlsxTitleFundUnit, xlsxTitleCompanies, xlsxTitleRecommend, xlsxTitleRectifications, xlsxTitleExpiring
    case xlsxTitleCommittees, xlsxTitleVotes, xlsxTitleCompound, xlsxTitleAnomalies, xlsxTitleHistory, xlsxTitleLoads
    // HTML (issue 14, session 5): the words of a report's page and its printed margins.
    // (The filters, as-of, issuer and generated-at lines are the xlsx title block's.)
    case htmlPage, htmlNoRows, htmlChartLargest
    // Loader (issue 13, session 5): district and scope, keys and periods, project and committee rules, rules
    // checked at commit, files that cannot be read, per-file progress of a load.
    case unknownParentCity, unknownParentScoped, unknownHostCity, unknownHostScoped, outsideDistricts, registryOtherDistrict, noDistrict
    case keyUsedOutsideDistricts, rowOutsideDistricts, rowRefused
    case duplicateKey, uniqueWithinFile, uniqueInLedger, overlapWithinFile, overlapInLedger, openEnded
    case ruleFundingOneForm, ruleFundingPercentsSum, ruleVotesTallyKnown, ruleBallotsOwnerInScope, ruleVotesBallotsAgree
    case ruleVotesCountsPossible, ruleVotesLawKnown, ruleEmergencyCategory, ruleWeightsCoverScope, ruleWeightsWithinScope
    case ruleWeightsSomePositive, ruleSharesSumToBudget, ruleShareScopeHasUnits, ruleFundShareNeedsVote, ruleOwnersShareNeedsVote
    case ruleFundingOneFormHint, ruleFundingPercentsSumHint, ruleVotesTallyKnownHint, ruleBallotsOwnerInScopeHint, ruleVotesBallotsAgreeHint
    case ruleVotesCountsPossibleHint, ruleVotesLawKnownHint, ruleEmergencyCategoryHint, ruleWeightsCoverScopeHint, ruleWeightsWithinScopeHint
    case ruleWeightsSomePositiveHint, ruleSharesSumToBudgetHint, ruleShareScopeHasUnitsHint, ruleFundShareNeedsVoteHint, ruleOwnersShareNeedsVoteHint
    case wholeCompound, projectRuleReason, projectRowsKeptTogether, projectRowsInFile, projectRowsInFileMany, passesRanOut
    case committeeMembersAtLeast, committeeCompoundSize, committeeMembersAtMost, committeeMembersOdd, committeeTermAtMost
    case committeeTermAtLeast, committeeTermNoEnd, committeeTermEndsOn, committeeOverlapAcrossKinds, committeeHandoverWindow
    case committeeNoOverlapHere, committeeDays, committeeRuleReason, unknownValue
    case committeeMembersAtLeastHint, committeeMembersAtMostHint, committeeMembersOddHint, committeeTermAtMostHint, committeeTermAtLeastHint
    case committeeOverlapAcrossKindsHint
    case deferredReference, deferredRule
    case fileMissing, fileEmpty, cannotOpen, notRegularFile, isDirectory, isDevice, isPipe, isSocket, isNotAFile, readFailed
    case bomButGB18030, quoteNeverClosed, notUTF8, encodingBothChinese, encodingReadingsDiffer, encodingNotChineseGB
    case encodingNeither, noGB18030Converter, notGB18030, gb18030Truncated, headerProblem, rowProblem
    case strayQuote, textAfterClosingQuote, cellTooLong, tooManyCells, cellCutInRejects
    case notWorkbook, notZipArchive, noWorkbookPart, workbookNoSheets, noSuchSheet, sheetMissing, workbookDamaged, legacySpreadsheet
    case sameKindTwice, deleteOneFileAtATime, bothFormatsInDirectory
    case moreProblems, moreProblemsIn, fileChecked, loadCommitted, loadCommittedPartial, loadRolledBack, loadDryRunEnded
    case mayNotLoad, loadHeldBy, loadRunning, loadWaiting, loadStillRunning, rejectsRefused, rejectsCannotWrite, noSuchDirectory, noKindFiles

    /// The template in a language.
    public func template(_ language: Language) -> String {
        let (en, zh) = Message.texts[self]!
        return language == .zh ? zh : en
    }

    // One entry per case (MessagesTests checks none is missing and both languages name the same arguments).
    static let texts: [Message: (en: String, zh: String)] = [
        .required: ("is required, but the cell is empty", "必填，但单元格为空"),
        .notWholeNumber: ("'{cell}' is not a whole number", "“{cell}”不是整数"),
        .notAmount: ("'{cell}' is not an amount in yuan with at most {scale} decimals (write 1234.50; 39,600.00 and 100元 are read too)",
                     "“{cell}”不是金额：以元为单位，最多 {scale} 位小数（如 1234.50；39,600.00、100元 也可以）"),
        .notArea: ("'{cell}' is not an area in m² with at most {scale} decimals", "“{cell}”不是面积：以平方米为单位，最多 {scale} 位小数"),
        .notPercent: ("'{cell}' is not a percentage with at most {scale} decimals (write 33.33 or 33.33%)",
                      "“{cell}”不是百分比：最多 {scale} 位小数（如 33.33 或 33.33%）"),
        .notNumber: ("'{cell}' is not a number with at most {scale} decimals", "“{cell}”不是数字（最多 {scale} 位小数）"),
        .numberExponent: ("'{cell}' is in Excel's scientific notation, which has lost digits: in Excel format the column as a number with its decimals (or as text), retype the values and save again",
                          "“{cell}”是 Excel 的科学计数法，数字已丢失：请在 Excel 中把该列设置为数值（保留小数位）或文本格式，重新输入后再保存"),
        .numberChineseUnit: ("'{cell}' uses a Chinese unit (万, 亿 …) that multiplies the number: write amounts in yuan, e.g. 15000 for 1.5万",
                             "“{cell}”带有“万”“亿”等数量单位：请以元为单位填写，如 1.5万 写作 15000"),
        .notDate: ("'{cell}' is not a date: write YYYY-MM-DD, YYYY/M/D, YYYY.M.D or YYYY年M月D日",
                   "“{cell}”不是日期：请写作 YYYY-MM-DD、YYYY/M/D、YYYY.M.D 或 YYYY年M月D日"),
        .dateImpossible: ("'{cell}' is not a day of the calendar (no such day in that month); check the date",
                          "“{cell}”不是真实存在的日期（该月没有这一天）；请核对日期"),
        .dateSerial: ("'{cell}' is Excel's day number, not a date: in Excel format the column as a date (YYYY-MM-DD) and save again",
                      "“{cell}”是 Excel 的日期序号而不是日期：请在 Excel 中把该列设置为日期格式（YYYY-MM-DD）后再保存"),
        .notBoolean: ("'{cell}' is not a yes/no value: write true/false, yes/no, 1/0 or 是/否", "“{cell}”不是是/否值：请写 是/否、true/false、yes/no 或 1/0"),
        .notOneOf: ("'{cell}' is not one of: {values}", "“{cell}”不是可选的值：{values}"),
        .breaksRule: ("'{cell}' breaks the rule: {rule}", "“{cell}”不符合规则：{rule}"),
        .unknownReference: ("no {noun} '{cell}' is in the ledger; load {file} first, or check the code",
                            "台账中没有{noun}“{cell}”；请先导入 {file}，或核对编码"),
        .totalsRow: ("is a totals row ('{cell}'): delete it from the file (the ledger computes its own totals) and load again",
                     "是合计行（“{cell}”）：请从文件中删除该行（台账会自行汇总）后重新导入"),
        .valueUnderUnnamedColumn: ("'{cell}' is under a column with no header: name the column or delete the value",
                                   "“{cell}”所在的列没有表头：请填写列名或删除该值"),
        .codeExponent: ("'{cell}' is a code Excel turned into a number in scientific notation (its last digits are lost): in Excel format the column as text, retype the codes and save again",
                        "“{cell}”是被 Excel 转成科学计数法的编码（末尾数字已丢失）：请在 Excel 中把该列设置为文本格式，重新输入编码后再保存"),
        .nulCharacter: ("'{cell}' contains a NUL character, which a text cell cannot hold; remove it", "“{cell}”含有 NUL 字符，单元格不能保存它；请删除"),
        .keyTooLong: ("'{cell}' has {length} characters; a key or code has at most {limit}", "“{cell}”有 {length} 个字符；编码最多 {limit} 个字符"),
        .invisibleCharacters: ("'{cell}' contains invisible characters ({named}), which a key or code may not hold (they would make a second key that prints like the first); delete them and retype the code",
                               "“{cell}”含有不可见字符（{named}），编码中不能有（会形成看起来相同的另一个编码）；请删除后重新输入编码"),
        .wrongCellCount: ("has {count} cells but the header has {width}; check for a stray comma or a missing quote",
                          "有 {count} 个单元格，而表头有 {width} 列；请检查多余的逗号或缺少的引号"),
        .columnHasNoName: ("column {number} has no name", "第 {number} 列没有列名"),
        .unknownColumn: ("unknown column \"{name}\"", "未知的列“{name}”"),
        .columnTwice: ("column {name} appears twice", "列 {name} 出现了两次"),
        .missingColumn: ("missing required column {names}", "缺少必填列 {names}"),
        .missingColumns: ("missing required columns {names}", "缺少必填列 {names}"),
        .expectedColumns: ("Expected columns (* = key, required): {columns}", "应有的列（* 为主键，必填）：{columns}"),
        .partialNothing: ("nothing loaded: every row was rejected; {problems} problems in {rows} rows", "未导入任何数据：所有行都被退回；{rows} 行共 {problems} 个问题"),
        .partialSome: ("loaded {kept} good rows; rejected {rows} rows with {problems} problems", "已导入 {kept} 行正确数据；退回 {rows} 行，共 {problems} 个问题"),
        .writtenTo: (" (written to {file})", "（已写入 {file}）"),
        .rejectedNothing: ("nothing loaded: fix the rows above and load again, or use --partial to load the good rows",
                           "未导入任何数据：请改正上面列出的行后重新导入，或使用 --partial 只导入正确的行"),
        .dryRun: ("dry run: nothing written", "试运行：未写入任何数据"),
        .dryRunValid: ("; every row is valid", "；所有行均正确"),
        .dryRunProblems: ("; {problems} problems", "；共 {problems} 个问题"),
        .phaseReading: ("{file}: reading: {percent}% read, {rows} rows, {rate} rows/s", "{file}：读取中：已读 {percent}%，{rows} 行，每秒 {rate} 行"),
        .phaseChecking: ("{file}: checking {rows} rows", "{file}：正在检查 {rows} 行"),
        .phaseWriting: ("{file}: writing {rows} rows", "{file}：正在写入 {rows} 行"),
        .phaseProjectRules: ("checking project and committee rules over {files} file(s)", "正在检查项目和业主组织规则（{files} 个文件）"),
        .phaseKeptResults: ("committed; bringing the kept fund postings, votes and shares up to date",
                            "已提交；正在更新维修资金分户账、表决结果和出资汇总"),
        .keptResultsNotRefreshed: ("warning: the load is committed, but the kept fund postings, votes and shares could not be brought up to date ({why}); reports compute them until the next load, or run SELECT ledger.refresh_kept(); as the owner",
                                   "提示：数据已导入，但维修资金分户账、表决结果和出资汇总未能更新（{why}）；在下次导入前报表会当场计算，也可由数据库所有者执行 SELECT ledger.refresh_kept(); 更新"),
        .deleteNotInLedger: ("no {noun} '{cell}' is in the ledger, so there is nothing to delete; check the key",
                             "台账中没有{noun}“{cell}”，无可删除；请核对主键"),
        .deleteNotInYourDistricts: ("no {noun} '{cell}' is in the ledger within your districts ({districts}), so there is nothing to delete; check the key, or send the row to the office of the district it belongs to",
                                    "您所辖区县（{districts}）的台账中没有{noun}“{cell}”，无可删除；请核对主键，或将该行交给所属区县办理"),
        .deleteOutsideDistricts: ("{noun} '{cell}' belongs to district {district}, outside your districts ({districts}); send the row to that district's office, or ask for access with propledger access grant",
                                  "{noun}“{cell}”属于区县 {district}，不在您所辖区县（{districts}）内；请将该行交给该区县办理，或通过 propledger access grant 申请权限"),
        .deleteStillReferenced: ("{noun} '{cell}' is still referenced by {references}: delete those first",
                                 "{noun}“{cell}”仍被{references}引用：请先删除这些记录"),
        .deleteReferenceCount: ("{count} {noun} ({file})", "{count} 条{noun}（{file}）"),
        .deleteHiddenReference: ("a row of this file is still referenced by rows outside your districts ({districts}), which you cannot see: nothing was deleted; ask the office of the district concerned, or city staff, to delete those first",
                                 "本文件中有记录仍被您所辖区县（{districts}）以外、您无权查看的记录引用：未删除任何数据；请联系相关区县或市级人员先删除那些记录"),
        .deleteSummaryLine: ("{file}: {rows} rows: {deleted} deleted, {rejected} rejected", "{file}：{rows} 行：删除 {deleted}，退回 {rejected}"),
        .deleteWouldGo: ("{file}:{line}: would delete the {kind} row ({key})", "{file}:{line}：将删除 {kind} 中的记录（{key}）"),
        .deleteRejectedNothing: ("nothing deleted: fix the rows above and run the delete again", "未删除任何数据：请改正上面列出的行后重新删除"),
        .deleteDryRunValid: ("; every row can be deleted", "；所有行均可删除"),
        // Reports and CLI (issue 14, session 5).
        .dossierValue: ("{value}", "{value}"),
        .dossierPlace: ("{code} {name}", "{code} {name}"),
        .dossierCommunity: ("{code} {name} ({type})", "{code} {name}（{type}）"),
        .dossierUnits: ("{count} units, {area} m²", "{count} 套，{area} m²"),
        .dossierManagedOn: ("managed on {date}", "{date} 管理情况"),
        .dossierManagedBy: ("{mode} since {start}", "{mode}，自 {start} 起"),
        .dossierManagedByCompany: ("{mode} {company} since {start}", "{mode}：{company}，自 {start} 起"),
        .dossierUnmanaged: ("nobody (no management period in force)", "无人管理（没有有效的管理期）"),
        .dossierPeriod: ("{start} .. {end}", "{start} 至 {end}"),
        .dossierCompany: ("{mode} {company} ({uscc})", "{mode}：{company}（{uscc}）"),
        .dossierFee: ("fee {fee} yuan/m²/month", "物业费 {fee} 元/m²/月"),
        .dossierCommittee: ("{kind}, {members} members, {party} Party members, {servants} public servants",
                            "{kind}，委员 {members} 人，其中党员 {party} 人、公职人员 {servants} 人"),
        .dossierPartyOrg: ("{form}, {members} formal members", "{form}，正式党员 {members} 名"),
        .dossierTarget: ("target {date}", "目标日期 {date}"),
        .dossierOpen: ("open", "未解决"),
        .dossierResolvedVerified: ("{resolution} {date} (verified)", "{date} {resolution}（已核实）"),
        .dossierResolvedUnverified: ("{resolution} {date} (unverified)", "{date} {resolution}（未核实）"),
        .dossierBudget: ("budget {amount}", "预算 {amount}"),
        .dossierCommitted: ("committed {amount}", "承诺 {amount}"),
        .dossierPaid: ("paid {amount}", "已付 {amount}"),
        .dossierVote: ("vote {status}", "表决 {status}"),
        .dossierScore: ("score {score}", "得分 {score}"),
        .dossierCompanyCode: ("company {uscc}", "企业 {uscc}"),
        .dossierDeadline: ("deadline {date}", "整改期限 {date}"),
        .dossierClosed: ("closed {date}", "{date} 销号"),
        .dossierResolvedOn: ("resolved {date}", "{date} 办结"),
        .dossierSatisfied: ("{satisfied} of {respondents} satisfied", "{respondents} 户中 {satisfied} 户满意"),
        .anomalyUnverified: ("claimed {resolution} on {resolved}, but no {mode} period in force then or within 30 days after has started by {asof}",
                             "称已于 {resolved} 以“{resolution}”方式解决，但截至 {asof}，当时及其后 30 天内都没有开始的“{mode}”管理期"),
        .anomalyUnmanaged: ("{compound}: no management period in force on {asof} and no open clearance case",
                            "{compound}：{asof} 没有有效的管理期，也没有未解决的清零案例"),
        .anomalyRelapsed: ("resolved by {resolution} on {resolved} (verified), but nobody manages it on {asof}",
                           "已于 {resolved} 以“{resolution}”方式解决（已核实），但 {asof} 无人管理"),
        .anomalyOverdueCase: ("open clearance case past its target {target}", "清零案例未解决，已过目标日期 {target}"),
        .anomalyCompanyNotManaging: ("names company {uscc}, which does not manage {compound} on {date}",
                                     "所列企业 {uscc} 在 {date} 并未管理小区 {compound}"),
        .anomalyOverrun: ("paid {paid} against a committed {committed}: overrun {overrun}", "承诺 {committed}，已付 {paid}：超付 {overrun}"),
        .anomalyFinalCost: ("final cost {cost} exceeds the budget {budget}", "决算 {cost} 超过预算 {budget}"),
        .anomalyPaymentUnapproved: ("paid {paid} on project {project} ({status}, approved never)", "{paid} 向项目 {project} 付款（{status}，从未批准）"),
        .anomalyPaymentBeforeApproval: ("paid {paid} on project {project} ({status}, approved {approved})",
                                        "{paid} 向项目 {project} 付款（{status}，{approved} 才批准）"),
        .anomalyCommitteeRule: ("{finding} ({source})", "{finding}（{source}）"),
        .anomalyFundOwing: ("owes {owed} of its shares of draws that its fund balance did not cover",
                            "使用分摊中有 {owed} 元维修资金余额不足支付，应补缴"),
        .anomalyFundTopupDefault: ("fund balance {balance} below the top-up threshold since {since} and no top-up for more than {days} days: the default top-up is {due} (to {target} of first deposits of {first})",
                                   "维修资金余额 {balance} 自 {since} 起低于续交线，超过 {days} 天未续交：应续交 {due}（补足至首期交存 {first} 的 {target}）"),
        .anomalyFundBelowThreshold: ("fund balance {balance} against first deposits of {first}: below the top-up threshold",
                                     "维修资金余额 {balance}（首期交存 {first}）：低于续交线"),
        .anomalyEmergencyDraw: ("drew {amount} on {date} for emergency project {project} without a vote ({category}: {reason}; applied by {applicant}, confirmed by {confirmer} on {confirmed})",
                                "{date} 未经表决为应急项目 {project} 使用维修资金 {amount}（{category}：{reason}；申请方 {applicant}，{confirmed} 经 {confirmer} 确认）"),
        .anomalyRefundCutShort: ("refund of {refund} to unit {building} {unit} of {compound} on {date} took only {taken}: the balance before it",
                                 "{date} 向 {compound} {building} 栋 {unit} 退还 {refund}，只退出 {taken}（退还前的余额）"),
        .anomalyInterestUnallocated: ("compound interest of {amount} on {date} was allocated to no unit: every balance was zero at the end of the day before",
                                      "{date} 的小区增值收益 {amount} 未分配到任何房屋：前一日终了时各户余额均为零"),
        .reportListingRow: ("one row per {row}; fields: {fields}", "每行一个{row}；字段：{fields}"),
        .reportNoRows: ("(no rows)", "（无数据）"),
        .reportTotal: ("total", "合计"),
        .reportAsOf: ("as of", "截至"),
        .reportRecord: ("RECORD {number}", "第 {number} 条"),
        .reportUnknown: ("Unknown report \"{name}\".{guess} Reports: {names}.", "没有报表“{name}”。{guess}报表：{names}。"),
        .reportUnknownColumn: ("--columns: report {report} has no field \"{name}\".{guess} Fields: {names}.",
                               "--columns：报表 {report} 没有字段“{name}”。{guess}字段：{names}。"),
        .reportTakesNoOption: ("report {name} does not take --{option}", "报表 {name} 不接受 --{option}"),
        .reportNeedsArgument: ("report {name} needs {article}{wanted}: propledger report {name} {wanted}", "报表 {name} 需要{article} {wanted}：propledger report {name} {wanted}"),
        .reportTakesNoArgument: ("report {name} takes no argument (got \"{argument}\")", "报表 {name} 不接受参数（收到“{argument}”）"),
        .reportNeedsCompound: ("report {name} needs --compound CODE", "报表 {name} 需要 --compound 小区编码"),
        .reportCodeDigits: ("--{option} {value}: a {option} code has {digits} digits", "--{option} {value}：代码应为 {digits} 位数字"),
        .reportUseGrouping: ("--by {by}: use {choices}", "--by {by}：请使用 {choices}"),
        .reportDaysNegative: ("--days {days}: give 0 or more days", "--days {days}：天数应为 0 或以上"),
        .reportYearRange: ("--year {year}: give a year such as 2026", "--year {year}：请给出年份，如 2026"),
        .reportUnknownFilter: ("--{option} {value}: no {option} with this code has compounds in the ledger (or it is outside your districts)",
                               "--{option} {value}：台账中没有该代码下的小区（或不在您所辖区县内）"),
        .reportUnknownFilterDistricts: ("--district {value}: no district with this code is in the ledger (or it is outside your districts); your districts: {districts}",
                                        "--district {value}：台账中没有该区县（或不在您所辖区县内）；您可查看的区县：{districts}"),
        .reportNoDistricts: ("--district {value}: no district with this code is in the ledger (or it is outside your districts); the ledger has no districts yet",
                             "--district {value}：台账中没有该区县（或不在您所辖区县内）；台账中还没有区县"),
        .reportNameOne: ("Name a report, or give --list to see them.", "请给出报表名称，或用 --list 查看所有报表。"),
        .reportListNotTaken: ("report {name} does not take --list (propledger report --list, without a name, describes the reports)",
                              "报表 {name} 不接受 --list（不带报表名称的 propledger report --list 列出所有报表）"),
        .reportListOrBy: ("give --list or --by, not both: --list is --by compound", "--list 与 --by 只能给一个：--list 即 --by compound"),
        .languageUnknown: ("--lang {value}: use en or zh.", "--lang {value}：请使用 en 或 zh。"),
        .formatUnknown: ("--format {value}: use {choices}.", "--format {value}：请使用 {choices}。"),
        .recordsUnknown: ("--records {value}: use auto, on or off.", "--records {value}：请使用 auto、on 或 off。"),
        .outputNeedsName: ("-o needs a file name.", "-o 需要文件名。"),
        .voteLaw: ("law: {law}, for a vote held on {date}", "适用法律：{law}（表决日期 {date}）"),
        .voteMatter: ("matter: {matter} (approval needs {approval} of {base})", "表决事项：{matter}（同意须达到{base}的 {approval}）"),
        .voteHeader: ("test|counted|share|threshold|result", "检验|计数|比例|门槛|结果"),
        .voteCountedOwners: ("{part} of {whole} owners", "{whole} 人中 {part} 人"),
        .voteCountedArea: ("{part} of {whole} m²", "{whole} m² 中 {part} m²"),
        .voteMet: ("met", "达到"),
        .voteNotMet: ("NOT MET", "未达到"),
        .voteNone: ("none", "不设"),
        .votePassed: ("verdict: PASSED", "结果：通过"),
        .voteFailed: ("verdict: FAILED (not met: {failing})", "结果：未通过（未达到：{failing}）"),
        .voteBaseParticipating: ("those taking part", "参与表决者"),
        .voteBaseTotal: ("all owners and the whole area", "全体业主及总面积"),
        .separatorList: (", ", "，"),
        .voteUnknownMatter: ("unknown vote matter \"{matter}\": use one of {matters}", "没有表决事项“{matter}”：请使用 {matters} 之一"),
        .voteNegative: ("{field} must not be negative", "{field}不能为负数"),
        .voteZeroOwners: ("total owners is zero: a vote needs at least one owner", "总人数为零：表决至少要有一名业主"),
        .voteZeroArea: ("total area is zero: a vote needs the exclusive area of the compound", "总面积为零：表决需要小区的专有部分面积"),
        .voteParticipatingAreaExceeds: ("participating area {part} exceeds total area {whole}", "参与面积 {part} 超过总面积 {whole}"),
        .voteParticipatingOwnersExceed: ("participating owners {part} exceed total owners {whole}", "参与人数 {part} 超过总人数 {whole}"),
        .voteApprovingAreaExceeds: ("approving area {part} exceeds participating area {whole}", "同意面积 {part} 超过参与面积 {whole}"),
        .voteApprovingOwnersExceed: ("approving owners {part} exceed participating owners {whole}", "同意人数 {part} 超过参与人数 {whole}"),
        .voteNoLaw: ("no law of owners' votes covers {date}: the rules begin with the Property Law on {from}",
                     "没有适用于 {date} 的业主表决法律：规则自 {from} 物权法施行起"),
        .voteTotalOwners: ("total owners", "总人数"),
        .voteParticipatingOwners: ("participating owners", "参与人数"),
        .voteApprovingOwners: ("approving owners", "同意人数"),
        .quantityArea: ("an area", "面积"),
        .decimalEmpty: ("an empty value is not {quantity}", "空值不是{quantity}"),
        .decimalThousands: ("\"{input}\" is not {quantity}: leave out the thousands separators (write 1234.50, not 1,234.50)",
                            "“{input}”不是{quantity}：请去掉千位分隔符（写 1234.50，不写 1,234.50）"),
        .decimalExponent: ("\"{input}\" is not {quantity}: write the digits out, without an exponent", "“{input}”不是{quantity}：请写出全部数字，不用科学计数法"),
        .decimalDecimals: ("\"{input}\" is not {quantity}: it has {count} decimals, at most 2 are allowed", "“{input}”不是{quantity}：有 {count} 位小数，最多 2 位"),
        .decimalCharacter: ("\"{input}\" is not {quantity}: unexpected \"{character}\" at position {position}",
                            "“{input}”不是{quantity}：第 {position} 个字符“{character}”不应出现"),
        .decimalDigits: ("\"{input}\" is not {quantity}: digits are missing (write e.g. 0.50 or 12)", "“{input}”不是{quantity}：缺少数字（如 0.50 或 12）"),
        .decimalNegative: ("\"{input}\" is not {quantity}: it cannot be negative", "“{input}”不是{quantity}：不能为负数"),
        .decimalRange: ("\"{input}\" is not {quantity}: it is too large", "“{input}”不是{quantity}：数值过大"),
        .optionDistrict: ("Only this district (6-digit code).", "只看该区县（6 位代码）。"),
        .optionStreet: ("Only this street (9-digit code).", "只看该街道（9 位代码）。"),
        .optionCommunity: ("Only this community (12-digit code).", "只看该社区（12 位代码）。"),
        .optionBy: ("clearance: one row per district, street or community_type; committees: district, street, community or compound.", "clearance：按 district、street 或 community_type 分行；committees：按 district、street、community 或 compound 分行。"),
        .optionYear: ("funding: only projects approved in this year.", "funding：只看该年度批准的项目。"),
        .optionDays: ("expiring: the window in days (default: 90 for contracts, the jurisdiction's re-election lead time for committees).", "expiring：到期窗口天数（默认：合同 90 天，业主组织按所在地换届提前期）。"),
        .optionCompound: ("recommend: the compound whose district is ranked.", "recommend：按该小区所在区县排名。"),
        .optionProject: ("votes: only this project's votes.", "votes：只看该项目的表决。"),
        .optionAsOf: ("The day the report describes, YYYY-MM-DD (default: today).", "报表的统计日，YYYY-MM-DD（默认：今天）。"),
        .optionFormat: ("table, csv, json, html or xlsx (a workbook: needs -o FILE).", "table、csv、json、html 或 xlsx（工作簿：须给出 -o 文件）。"),
        .optionColumns: ("Only these fields, in this order (the JSON field names, separated by commas; report --list names them).", "只输出这些字段并按此顺序（JSON 字段名，逗号分隔；见 report --list）。"),
        .optionRecords: ("table: one record per block (on), columns (off), or records when the table is wider than the terminal (auto: COLUMNS, else the terminal's width).", "table：每条记录一块（on）、按列（off），或表格比终端宽时每条记录一块（auto：COLUMNS，否则终端宽度）。"),
        .optionList: ("Without a report name: describe every report and exit. With committees: the compounds behind each count (--by compound).", "不带报表名称：列出所有报表。与 committees 一起：列出每项计数对应的小区（--by compound）。"),
        .optionReportName: ("The report.", "报表名称。"),
        .optionReportArgument: ("apportion: the project code; compound: the compound code; fund-unit: compound, building and unit.", "apportion：项目编码；compound：小区编码；fund-unit：小区、楼栋和房号。"),
        .optionLang: ("Language of headers, labels and messages: en or zh (default: PROPLEDGER_LANG, else the locale).", "表头、名称和提示的语言：en 或 zh（默认：PROPLEDGER_LANG，否则按区域设置）。"),
        .optionOutput: ("Write to this file instead of standard output (a new file, or a regular file replaced whole; exit 73 otherwise).", "写入该文件而不是标准输出（新文件，或整体替换已有的普通文件；否则退出码 73）。"),
        .optionRulesDistrict: ("The district (6-digit GB/T 2260 code; 2 or 4 digits for a province or city). Default: the national rules.", "区县（6 位 GB/T 2260 代码；省、市为 2 或 4 位）。默认：全国规则。"),
        .optionRulesAsOf: ("The day whose rules apply, YYYY-MM-DD (default: today).", "适用规则的日期，YYYY-MM-DD（默认：今天）。"),
        .optionRulesFormat: ("table, csv or json.", "table、csv 或 json。"),
        .optionRulesAll: ("Every rule row of every jurisdiction and date instead of those in force.", "列出所有地区、所有日期的规则，而不只是现行的。"),
        .optionDb: ("A libpq conninfo string or URI (default: $DATABASE_URL, else the PG* variables).", "libpq 连接串或 URI（默认：$DATABASE_URL，否则按 PG* 环境变量）。"),
        .reportNotFound: ("report {name} {arguments}: nothing with this code is in the ledger (or it is outside your districts)",
                          "报表 {name} {arguments}：台账中没有该编码（或不在您所辖区县内）"),
        .reportAsOfProblem: ("--as-of {problem}.", "--as-of {problem}。"),
        .reportDaysRange: ("--days {days}: give a window of 1 to 36500 days (100 years).", "--days {days}：天数应在 1 至 36500（100 年）之间。"),
        .dateNotDate: ("{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-05", "{text} 不是日期：请写作 YYYY-MM-DD，如 2026-03-05"),
        .dateNoMonth: ("{text} is not a day: there is no month {month}", "{text} 不是真实的日期：没有 {month} 月"),
        .dateNoYear: ("{text} is not a day: there is no year {year}", "{text} 不是真实的日期：没有 {year} 年"),
        .dateMonthDays: ("{text} is not a day: {month} {year} has {days} days (not {day})", "{text} 不是真实的日期：{year} 年 {month} 月只有 {days} 天（没有 {day} 日）"),
        .cliNotACommand: ("Error: \"{first}\" is not a command of propledger.{guess} Commands: {names}.",
                          "错误：“{first}”不是 propledger 的命令。{guess}命令：{names}。"),
        .cliPasswordVisible: ("propledger: warning: the password in --db is visible to every user of this machine in the process list (ps); put it in ~/.pgpass (or the file PGPASSFILE names), or leave it out and type it when propledger asks on a terminal.",
                              "propledger：警告：--db 中的密码在进程列表（ps）中对本机所有用户可见；请写入 ~/.pgpass（或 PGPASSFILE 指定的文件），或不写密码，在终端上按提示输入。"),
        .cliCannotConnect: ("cannot connect to the database: ", "无法连接数据库："),
        .cliWarning: ("warning: ", "警告："),
        .cliHint: ("hint: ", "提示："),
        .cliWantsPassword: ("the server wants a password: put it in ~/.pgpass (or the file PGPASSFILE names), or run propledger on a terminal to be asked for it.",
                            "服务器要求密码：请写入 ~/.pgpass（或 PGPASSFILE 指定的文件），或在终端上运行 propledger 按提示输入。"),
        .cliPrivateCluster: ("this checkout's private cluster: ops/pg status tells whether it runs (ops/pg start starts it); eval \"$(ops/pg env)\" points propledger at it.",
                             "本检出目录的私有集群：ops/pg status 查看是否在运行（ops/pg start 启动）；eval \"$(ops/pg env)\" 让 propledger 连接它。"),
        .cliNoDatabaseNamed: ("no database was named: give --db 'postgresql://USER@HOST/DATABASE' (or set DATABASE_URL), or set PGHOST and PGDATABASE; see man propledger.",
                              "未指定数据库：请给出 --db 'postgresql://USER@HOST/DATABASE'（或设置 DATABASE_URL），或设置 PGHOST 和 PGDATABASE；见 man propledger。"),
        .cliServerRunning: ("is the server running, and are the host and port right? The database administrator knows where PropLedger's database is.",
                            "服务器是否在运行？主机和端口是否正确？数据库管理员知道 PropLedger 数据库的位置。"),
        .cliNeedsReader: ("this needs membership in propledger_reader (propledger_loader includes it); ask an administrator: GRANT propledger_reader TO {you}",
                          "需要 propledger_reader 角色（propledger_loader 已包含）；请联系管理员：GRANT propledger_reader TO {you}"),
        .cliNeedsLoader: ("this needs membership in propledger_loader (or propledger_reader for reports); ask an administrator: GRANT propledger_loader TO {you}",
                          "需要 propledger_loader 角色（查看报表需 propledger_reader）；请联系管理员：GRANT propledger_loader TO {you}"),
        .cliNeedsOwner: ("this needs membership in propledger_owner, the role that administers PropLedger; ask an administrator: GRANT propledger_owner TO {you}",
                         "需要 propledger_owner 角色（PropLedger 的管理角色）；请联系管理员：GRANT propledger_owner TO {you}"),
        .cliNeedsSuperuser: ("migrate needs a superuser (or a role with CREATEROLE and BYPASSRLS that may create in the database); run it as the database administrator",
                             "migrate 需要超级用户（或具有 CREATEROLE 和 BYPASSRLS 并可在数据库中建对象的角色）；请以数据库管理员身份运行"),
        .cliSessionLost: ("the session with the database was lost (the server went away, restarted or ended it); what was not committed was not kept: run the command again when the server is back.",
                          "与数据库的会话已中断（服务器停止、重启或终止了会话）；未提交的内容没有保存：请在服务器恢复后重新运行命令。"),
        .cliGaveUp: ("the server stopped the statement: a timeout, a cancel (an administrator's pg_cancel_backend), a lock held by another session, or a conflict; nothing of it was kept: run the command again later.",
                     "服务器中止了该语句：超时、被管理员取消（pg_cancel_backend）、其他会话持有锁或发生冲突；该语句未保存任何内容：请稍后重新运行命令。"),
        .cliPasswordPrompt: ("Password for user {user}: ", "用户 {user} 的密码："),
        .accessDistrictOrAll: ("Give a DISTRICT or --all, not both.", "DISTRICT 与 --all 只能给一个。"),
        .accessOwnerScope: ("propledger_owner's scope cannot be revoked: it is what lets the administrators see the ledger, and without it they would see nothing. Revoke scopes of staff roles only.",
                            "不能收回 propledger_owner 的范围：管理员靠它查看台账，收回后将什么也看不到。只能收回工作人员角色的范围。"),
        .accessDistrictDigits: ("{district}: a district code has 6 digits (e.g. 320508).", "{district}：区县代码为 6 位数字（如 320508）。"),
        .settingsPairs: ("give pairs of KEY VALUE, e.g. settings set score_weight_service 0.5 score_weight_complaints 0",
                         "请成对给出 KEY VALUE，如 settings set score_weight_service 0.5 score_weight_complaints 0"),
        .settingsNotDecimal: ("{value} is not a decimal number (write e.g. 0.35).", "{value} 不是小数（如 0.35）。"),
        .templateFormat: ("--format {value}: use csv or xlsx.", "--format {value}：请使用 csv 或 xlsx。"),
        .templateNotForTerminal: ("an .xlsx workbook is not for a terminal: give -o FILE.xlsx", ".xlsx 工作簿不能输出到终端：请给出 -o 文件.xlsx"),
        .templateUnknownKind: ("Error: unknown kind '{kind}'; expected one of: {kinds}", "错误：没有文件类别“{kind}”；应为以下之一：{kinds}"),
        .rulesFormat: ("--format {value}: use table, csv or json.", "--format {value}：请使用 table、csv 或 json。"),
        .helpPropLedger: ("The property-service oversight and facilities ledger of a housing bureau.", "住房主管部门的物业服务监管与设施台账。"),
        .helpPropLedgerDiscussion: ("Connects with a libpq conninfo string or URI given by --db or DATABASE_URL, otherwise with the PG* variables, the service file and .pgpass.",
                                    "用 --db 或 DATABASE_URL 给出的 libpq 连接串或 URI 连接数据库，否则用 PG* 环境变量、服务文件和 .pgpass。"),
        .helpMigrate: ("Apply the pending migrations built into propledger, or list them with --status.", "执行 propledger 内置的待执行迁移，或用 --status 列出。"),
        .helpDoctor: ("Show the server reached, its version, the migrations, the PropLedger roles and what you may do.",
                      "显示所连服务器、版本、迁移、PropLedger 角色及您可执行的操作。"),
        .helpVote: ("Owners' joint decisions (Civil Code Art. 278; Property Law Art. 76 before 2021).", "业主共同决定（民法典第二百七十八条；2021 年前为物权法第七十六条）。"),
        .helpVoteCheck: ("Check whether a vote's numbers meet the quorum and approval thresholds.", "检验表决的数字是否达到参与和同意的法定比例。"),
        .helpReport: ("Print a bureau report (SPEC §4) as a table, CSV, JSON or HTML, or write it as .xlsx.", "以表格、CSV、JSON 或 HTML 输出主管部门报表（SPEC §4），或写成 .xlsx。"),
        .helpReportPack: ("`--format xlsx -o FILE` writes a workbook (title block, typed cells, totals); `propledger report pack DIR [--as-of DATE] [--lang zh] [filters]` writes every report that needs no argument into DIR/propledger-YYYY-MM-DD.xlsx, a sheet each.",
                          "`--format xlsx -o 文件` 写出工作簿（标题栏、带类型的单元格、合计）；`propledger report pack 目录 [--as-of 日期] [--lang zh] [筛选]` 把所有无需参数的报表写入 目录/propledger-YYYY-MM-DD.xlsx，每个报表一张工作表。"),
        .helpReportDiscussion: ("Reports run as the connecting role, so a district user sees (and totals) only their districts. The reports:",
                                "报表以连接的角色运行，区县用户只看到（并汇总）所辖区县。报表："),
        .helpRules: ("Print the rules in force for a district on a date, with their sources (SPEC §10).", "列出某区县某日适用的规则及其依据（SPEC §10）。"),
        .helpSettings: ("List or change the report settings (the company score weights).", "查看或修改报表设置（物业企业评分权重）。"),
        .helpSettingsList: ("List every setting with its value and purpose.", "列出所有设置及其值和用途。"),
        .helpSettingsSet: ("Change settings, e.g. `settings set score_weight_service 0.5 score_weight_complaints 0`.",
                           "修改设置，如 `settings set score_weight_service 0.5 score_weight_complaints 0`。"),
        .helpAccess: ("Grant, revoke and list the districts staff roles may see and load.", "授予、收回和列出工作人员角色可查看和导入的区县。"),
        .helpAccessGrant: ("Give a role a district (or, without DISTRICT, the whole city).", "授予角色一个区县（不给 DISTRICT 则为全市）。"),
        .helpAccessRevoke: ("Take a district (or the city-wide scope, or with --all every scope) from a role.", "收回角色的一个区县（或全市范围，--all 收回全部）。"),
        .helpAccessList: ("List the granted scopes (of one role, if given).", "列出已授予的范围（给出角色时只列该角色）。"),
        .helpTemplate: ("Write an empty file of a load kind for an office to fill in (SPEC §3.1).", "生成某类导入文件的空白模板，供街道办填写（SPEC §3.1）。"),
        .voteQuorumArea: ("quorum, area", "参与面积"),
        .voteQuorumOwners: ("quorum, owners", "参与人数"),
        .voteApprovalArea: ("approval, area", "同意面积"),
        .voteApprovalOwners: ("approval, owners", "同意人数"),
        .voteAtLeast: ("at least {fraction}", "不低于 {fraction}"),
        .voteMoreThan: ("more than {fraction}", "超过 {fraction}"),
        .didYouMean: (" Did you mean \"{name}\"?", "您要的是“{name}”吗？"),
        .summaryLine: ("{file}: {rows} rows: {inserted} inserted, {updated} updated, {unchanged} unchanged, {rejected} rejected",
                       "{file}：{rows} 行：新增 {inserted}，更新 {updated}，未变 {unchanged}，退回 {rejected}"),
        // xlsx export (issue 14, session 5)
        .xlsxFilters: ("Filters: {filters}", "筛选条件：{filters}"),
        .xlsxNoFilters: ("Filters: none (every district you may see)", "筛选条件：无（您可查看的全部区县）"),
        .xlsxAsOf: ("As of: {date}", "截至：{date}"),
        .xlsxIssuer: ("Issued by: {issuer}", "发布单位：{issuer}"),
        .xlsxGeneratedAt: ("Generated at: {time}", "生成时间：{time}"),
        .xlsxLegalBasis: ("Legal basis: {basis}", "依据：{basis}"),
        .xlsxPeriod: ("Publication: {period}", "公示期：{period}"),
        .xlsxIssuedOn: ("Date of issue: {date}", "发布日期：{date}"),
        .issuingUnit: ("the housing authority of {districts}", "{districts}住房和城乡建设主管部门"),
        .xlsxNeedsOutput: ("--format xlsx writes a workbook, not text: give -o FILE.xlsx", "--format xlsx 生成的是工作簿而不是文本：请用 -o 文件名.xlsx 指定输出文件"),
        .xlsxIssuerWithoutXLSX: ("--issuer names the issuing unit of an .xlsx title block or a printed HTML page: give it with --format xlsx -o FILE or --format html, or to report pack",
                                 "--issuer 指定 xlsx 标题区或 HTML 打印页中的发布单位：请与 --format xlsx -o 文件名 或 --format html 一起使用，或用于 report pack"),
        .xlsxPackWritten: ("{file}: {sheets} sheets ({reports})", "{file}：{sheets} 个工作表（{reports}）"),
        .xlsxPackSkipped: ("not in the pack (each needs a project, compound, unit or key): {reports}", "未收入（需指定项目、小区、房屋或主键的报表）：{reports}"),
        .xlsxPackNeedsDirectory: ("report pack writes one workbook into a directory: propledger report pack DIR [--as-of DATE] [--lang zh] [filters]",
                                  "report pack 把一个工作簿写入目录：propledger report pack 目录 [--as-of 日期] [--lang zh] [筛选条件]"),
        .xlsxTitleClearance: ("Clearing unmanaged compounds", "无物业小区清零"),
        .xlsxTitlePartyCoverage: ("Party organisation coverage", "党组织覆盖"),
        .xlsxTitleProjects: ("Repair projects", "维修改造项目"),
        .xlsxTitleFunding: ("Funding by source", "资金来源"),
        .xlsxTitleApportion: ("Apportionment to units", "分户分摊"),
        .xlsxTitleFund: ("Maintenance fund", "住宅专项维修资金"),
        .xlsxTitleFundUnit: ("A unit's fund account", "维修资金分户账"),
        .xlsxTitleCompanies: ("Company scorecard", "物业企业综合评分"),
        .xlsxTitleRecommend: ("Recommended companies", "物业企业推荐"),
        .xlsxTitleRectifications: ("Overdue rectifications", "逾期整改"),
        .xlsxTitleExpiring: ("Contracts and terms expiring", "合同与任期到期"),
        .xlsxTitleCommittees: ("Committee oversight", "业主组织监督"),
        .xlsxTitleVotes: ("Owners' votes", "业主表决"),
        .xlsxTitleCompound: ("Compound dossier", "小区档案"),
        .xlsxTitleAnomalies: ("Anomalies", "异常核查"),
        .xlsxTitleHistory: ("Change history", "变更历史"),
        .xlsxTitleLoads: ("Data loads", "数据导入记录"),
        // HTML (issue 14, session 5)
        .htmlPage: ("page {page} of {pages}", "第 {page} 页 / 共 {pages} 页"),
        .htmlNoRows: ("(no rows)", "（无数据）"),
        .htmlChartLargest: ("the {shown} largest of {count}, largest first", "按数值从大到小显示前 {shown} 项（共 {count} 项）"),
        // Loader (issue 13, session 5).
        .unknownParentCity: ("unknown {noun} '{cell}': it is not in the ledger; if it is new, load {file} first, or check the code",
                             "未知的{noun}“{cell}”：台账中没有；如是新的，请先导入 {file}，或核对编码"),
        .unknownParentScoped: ("unknown {noun} '{cell}': it is not in the ledger within your districts ({districts}); if it is new, load {file} first; if it is another district's, send the row to that district's office",
                               "未知的{noun}“{cell}”：您所辖区县（{districts}）的台账中没有；如是新的，请先导入 {file}；如属其他区县，请将该行交给该区县办理"),
        .unknownHostCity: ("unknown host '{cell}' for host_type {type}: it is not in the ledger; a committee is hosted by a compound (compound_code), a company by its USCC; load it first",
                           "依托类型为 {type} 的依托编码“{cell}”未知：台账中没有；业主委员会以小区编码为依托，企业以统一社会信用代码为依托；请先导入"),
        .unknownHostScoped: ("unknown host '{cell}' for host_type {type}: it is not in the ledger within your districts ({districts}); a committee is hosted by a compound (compound_code), a company by its USCC; load it first",
                             "依托类型为 {type} 的依托编码“{cell}”未知：您所辖区县（{districts}）的台账中没有；业主委员会以小区编码为依托，企业以统一社会信用代码为依托；请先导入"),
        .outsideDistricts: ("belongs to district {cell}, outside your districts ({districts}); send it to that district's office, or ask for access with propledger access grant",
                            "属于区县 {cell}，不在您所辖区县（{districts}）内；请交给该区县办理，或通过 propledger access grant 申请权限"),
        .registryOtherDistrict: ("is in the ledger under district {cell}, outside your districts ({districts}); send it to that district's office, or ask for access with propledger access grant",
                                 "台账中登记在区县 {cell} 下，不在您所辖区县（{districts}）内；请交给该区县办理，或通过 propledger access grant 申请权限"),
        .noDistrict: ("none", "无"),
        .keyUsedOutsideDistricts: ("this key is already used outside your districts ({districts}); check the code, or send the row to the office of the district it belongs to",
                                   "该编码已在您所辖区县（{districts}）以外使用；请核对编码，或将该行交给所属区县办理"),
        .rowOutsideDistricts: ("the row would be outside your districts ({districts}); give its district, or send it to that district's office",
                               "该行将落在您所辖区县（{districts}）以外；请填写其区县，或交给该区县办理"),
        .rowRefused: ("the ledger refused the row ({constraint}): {rule}; correct it and load again", "台账拒绝了该行（{constraint}）：{rule}；请改正后重新导入"),
        .duplicateKey: ("duplicate key ({columns}) = ({cell}): also on line {lines}; keep one row per key",
                        "主键（{columns}）=（{cell}）重复：第 {lines} 行也有；每个主键只保留一行"),
        .uniqueWithinFile: ("({cell}) conflicts with line {lines}: only one row may have these values ({rule})",
                            "（{cell}）与第 {lines} 行冲突：只能有一行取这些值（{rule}）"),
        .uniqueInLedger: ("({cell}) conflicts with a row already in the ledger: only one row may have these values ({rule}); close or change that row first",
                          "（{cell}）与台账中已有的一行冲突：只能有一行取这些值（{rule}）；请先关闭或修改那一行"),
        .overlapWithinFile: ("overlaps line {lines}: {rule}", "与第 {lines} 行的期间重叠：{rule}"),
        .overlapInLedger: ("overlaps the one from {start} to {end} already in the ledger: {rule}", "与台账中已有的 {start} 至 {end} 的期间重叠：{rule}"),
        .openEnded: ("open-ended", "长期"),
        .ruleFundingOneForm: ("project {project}: funding shares mix amounts and percentages",
                "项目 {project}：资金份额中金额和比例混用"),
        .ruleFundingOneFormHint: ("Give every share of one project as amount_yuan, or every share as percent.",
                "同一项目的份额请全部填写金额，或全部填写比例。"),
        .ruleFundingPercentsSum: ("project {project}: funding percentages sum to {sum}, not 100",
                "项目 {project}：资金比例合计为 {sum}，不是 100"),
        .ruleFundingPercentsSumHint: ("Correct the percent column so the project's shares sum to exactly 100.",
                "请改正比例列，使该项目各份额合计恰为 100。"),
        .ruleVotesTallyKnown: ("project {project}: the vote held on {held} has neither a tally nor ballots",
                "项目 {project}：{held} 的表决既无计票结果也无表决票"),
        .ruleVotesTallyKnownHint: ("Give participating_area_m2, participating_owners, approving_area_m2 and approving_owners, or load the vote's ballots.",
                "请填写参与面积、参与户数、同意面积、同意户数，或导入该表决的表决票。"),
        .ruleBallotsOwnerInScope: ("project {project}: the ballot of {owner} on the {matter} vote of {held} is from no owner of a unit in the project's scope that day",
                "项目 {project}：{owner} 在 {held} 的 {matter} 表决中的表决票，不是当天项目范围内房屋的业主所投"),
        .ruleBallotsOwnerInScopeHint: ("Check owner_key against owners.csv (the owner on held_on of a unit in scope_buildings).",
                "请对照 owners.csv 核对业主标识（表决日期当天涉及楼栋内房屋的业主）。"),
        .ruleVotesBallotsAgree: ("project {project}: the {matter} vote of {held} was typed as {parea} m² and {powners} owners taking part, {aarea} m² and {aowners} owners approving, but its ballots give {bparea} m², {bpowners}, {baarea} m², {baowners}",
                "项目 {project}：{held} 的 {matter} 表决填写为参与 {parea} 平方米、{powners} 户，同意 {aarea} 平方米、{aowners} 户，但表决票计得 {bparea} 平方米、{bpowners} 户，{baarea} 平方米、{baowners} 户"),
        .ruleVotesBallotsAgreeHint: ("Correct the typed tally or the ballots; or leave the tally blank to count it from the ballots.",
                "请改正填写的计票结果或表决票，或将计票结果留空按表决票计算。"),
        .ruleVotesCountsPossible: ("project {project}: a vote has more participants than owners in scope, or more approvals than participants",
                "项目 {project}：有表决的参与人数多于范围内的业主，或同意人数多于参与人数"),
        .ruleVotesCountsPossibleHint: ("Check the vote counts, or give total_area_m2 and total_owners explicitly.",
                "请核对表决数字，或明确填写总面积和总户数。"),
        .ruleVotesLawKnown: ("project {project}: a vote held on {held} predates every law of owners' votes in the ledger's rules",
                "项目 {project}：{held} 的表决早于台账规则中所有业主表决的法律"),
        .ruleVotesLawKnownHint: ("The rules start with the Property Law on 2007-10-01 (propledger rules lists them); check held_on.",
                "规则自 2007-10-01 物权法起（propledger rules 可列出）；请核对表决日期。"),
        .ruleEmergencyCategory: ("project {project}: emergency category {category} is not one of the emergencies its jurisdiction admits on {confirmed} ({categories})",
                "项目 {project}：应急类别 {category} 不在其所属地区 {confirmed} 认可的应急情形之内（{categories}）"),
        .ruleEmergencyCategoryHint: ("Use one of the listed categories (propledger rules --district {district} shows the list and its article), or load the project as no emergency with its use_fund vote.",
                "请使用所列类别之一（propledger rules --district {district} 列出清单及条款），或按非应急项目连同其使用维修资金的表决一并导入。"),
        .ruleWeightsCoverScope: ("project {project}: {count} unit(s) of its scope have no agreed weight (e.g. {example})",
                "项目 {project}：范围内有 {count} 套房屋没有约定的分摊系数（如 {example}）"),
        .ruleWeightsCoverScopeHint: ("A project with weights gives every unit of its scope one (0 for a unit that pays nothing, e.g. the ground floor of an elevator).",
                "有分摊系数的项目须为范围内每套房屋填写（不分摊的填 0，如电梯项目的一楼）。"),
        .ruleWeightsWithinScope: ("project {project}: {count} weight(s) name a unit outside its scope (e.g. {example})",
                "项目 {project}：有 {count} 个分摊系数对应的房屋不在项目范围内（如 {example}）"),
        .ruleWeightsWithinScopeHint: ("Check building and unit_no against units.csv and the project's scope_buildings.",
                "请对照 units.csv 和项目的涉及楼栋核对楼栋和房号。"),
        .ruleWeightsSomePositive: ("project {project}: every agreed weight is 0, so nothing can be apportioned",
                "项目 {project}：约定的分摊系数全为 0，无法分摊"),
        .ruleWeightsSomePositiveHint: ("Give at least one unit a weight above 0.",
                "请至少为一套房屋填写大于 0 的系数。"),
        .ruleSharesSumToBudget: ("project {project}: funding shares sum to {committed} yuan but the budget is {budget} yuan",
                "项目 {project}：资金份额合计 {committed} 元，但预算为 {budget} 元"),
        .ruleSharesSumToBudgetHint: ("From approval on the shares must sum exactly to budget_yuan: fix the funding rows or the budget.",
                "项目批准后各份额合计须恰好等于预算金额：请改正资金行或预算。"),
        .ruleShareScopeHasUnits: ("project {project}: its owners' or maintenance-fund share cannot be apportioned: no unit of {compound} is in its scope ({scope})",
                "项目 {project}：业主自筹或维修资金份额无法分摊：小区 {compound} 没有房屋在其范围内（{scope}）"),
        .ruleShareScopeHasUnitsHint: ("Check scope_buildings against the building column of units.csv (separate buildings with ;), or load the units first.",
                "请对照 units.csv 的楼栋列核对涉及楼栋（多个楼栋用 ; 分隔），或先导入房屋。"),
        .ruleFundShareNeedsVote: ("project {project}: a maintenance-fund share needs a passing use_fund vote held on or before {approved} (approved_on)",
                "项目 {project}：维修资金份额需要在 {approved}（批准日期）或之前通过的使用维修资金表决"),
        .ruleFundShareNeedsVoteHint: ("Load the passing use_fund vote, keep the project proposed until it is held, or, for an emergency (办法 Art. 24), record emergency with its category, reason, applicant and confirmation.",
                "请导入通过的表决，在表决前保持项目为已立项，或对应急项目（办法第二十四条）填写应急类别、理由、申请方和确认。"),
        .ruleOwnersShareNeedsVote: ("project {project}: an owners (self-raised) share needs a passing raise_fund vote",
                "项目 {project}：业主自筹份额需要通过的筹集资金表决"),
        .ruleOwnersShareNeedsVoteHint: ("Load the passing raise_fund vote, or keep the project proposed until it is held.",
                "请导入通过的表决，或在表决前保持项目为已立项。"),
        .wholeCompound: ("the whole compound", "整个小区"),
        .projectRuleReason: ("{message} ({rule}); {hint}", "{message}（{rule}）；{hint}"),
        .projectRowsKeptTogether: (" — the rule concerns the whole project, so its {count} rows in this load are kept out together ({listed}): correct the one at fault and load them again",
                                   "——该规则针对整个项目，因此本次导入中该项目的 {count} 行一并退回（{listed}）：请改正出错的一行后一起重新导入"),
        .projectRowsInFile: ("{file} line {lines}", "{file} 第 {lines} 行"),
        .projectRowsInFileMany: ("{file} lines {lines}", "{file} 第 {lines} 行"),
        .passesRanOut: ("the project or committee rules still failed after {passes} passes, each leaving out the rows that broke them (which can break another project's rule); nothing was loaded: correct the rows listed and load again",
                        "经过 {passes} 轮（每轮排除违反规则的行，这可能使其他项目违反规则）后，项目或业主组织规则仍未满足；未导入任何数据：请改正所列的行后重新导入"),
        .committeeMembersAtLeast: ("{kind} of {compound} from {start} has {members} members; at least {limit} are required{size}",
                                   "小区 {compound} 自 {start} 起的{kind}有 {members} 名委员，至少应有 {limit} 名{size}"),
        .committeeMembersAtLeastHint: ("Check members; a small compound's smaller minimum needs its households or floor area (compounds.csv). propledger rules lists the limits.",
                                       "请核对委员人数；小规模小区的较低下限需要其户数或建筑面积（compounds.csv）。propledger rules 列出各项限额。"),
        .committeeCompoundSize: (" (the compound has {households} households, {area} m²)", "（该小区 {households} 户，{area} 平方米）"),
        .committeeMembersAtMost: ("{kind} of {compound} from {start} has {members} members; at most {limit} are allowed",
                                  "小区 {compound} 自 {start} 起的{kind}有 {members} 名委员，最多 {limit} 名"),
        .committeeMembersAtMostHint: ("Check members (propledger rules lists the limits of the compound's jurisdiction).",
                                      "请核对委员人数（propledger rules 列出该小区所属地区的限额）。"),
        .committeeMembersOdd: ("{kind} of {compound} from {start} has {members} members; the number must be odd",
                               "小区 {compound} 自 {start} 起的{kind}有 {members} 名委员，人数应为单数"),
        .committeeMembersOddHint: ("Check members.", "请核对委员人数。"),
        .committeeTermAtMost: ("{kind} of {compound} from {start}: the term {term}; at most {years} years are allowed",
                               "小区 {compound} 自 {start} 起的{kind}：任期{term}，最长 {years} 年"),
        .committeeTermAtMostHint: ("Give term_end on or before {date}.", "请将任期结束填为 {date} 或之前。"),
        .committeeTermAtLeast: ("{kind} of {compound} from {start}: the term ends on {end}; at least {years} years are required",
                                "小区 {compound} 自 {start} 起的{kind}：任期至 {end} 结束，至少应为 {years} 年"),
        .committeeTermAtLeastHint: ("Give term_end on or after {date}.", "请将任期结束填为 {date} 或之后。"),
        .committeeTermNoEnd: ("has no end", "没有结束日期"),
        .committeeTermEndsOn: ("ends on {end}", "至 {end} 结束"),
        .committeeOverlapAcrossKinds: ("{kind} of {compound} from {start} overlaps the {other} from {otherstart} by {overlap}; {window}",
                                       "小区 {compound} 自 {start} 起的{kind}与自 {otherstart} 起的{other}重叠 {overlap}；{window}"),
        .committeeOverlapAcrossKindsHint: ("Correct term_end of the earlier term or term_start of the later one.", "请改正前一任期的任期结束或后一任期的任期开始。"),
        .committeeHandoverWindow: ("a property management committee may hand over to the owners' committee that succeeds it within {days} days",
                                   "物业管理委员会可在 {days} 天内向接任的业主委员会移交"),
        .committeeNoOverlapHere: ("terms of one compound's committees never overlap here", "本地同一小区的业主组织任期不得重叠"),
        .committeeDays: ("{days} days", "{days} 天"),
        .committeeRuleReason: ("{message} ({rule}); {hint} — {source}", "{message}（{rule}）；{hint}——{source}"),
        .unknownValue: ("unknown", "未知"),
        .deferredReference: ("{columns} = ({cell}) is not in {table} ({constraint}), checked at the end of the load; load the rows it refers to first, or check the codes; nothing was loaded",
                             "{columns} =（{cell}）不在 {table} 中（{constraint}，导入结束时检查）；请先导入其引用的记录，或核对编码；未导入任何数据"),
        .deferredRule: ("the rule {constraint}, checked at the end of the load, is broken; nothing was loaded: correct the rows concerned and load again",
                        "导入结束时检查的规则 {constraint} 未满足；未导入任何数据：请改正相关的行后重新导入"),
        .fileMissing: ("{file}: no such file, or it cannot be read; check the path", "{file}：文件不存在或无法读取；请检查路径"),
        .fileEmpty: ("{file}: the file is empty; expected a header row with: {columns}", "{file}：文件为空；应有表头行，包含：{columns}"),
        .cannotOpen: ("{file}: cannot open the file for reading ({reason})", "{file}：无法打开文件读取（{reason}）"),
        .notRegularFile: ("{file}: not a regular file (it is {what}); give the path of a CSV file", "{file}：不是普通文件（而是{what}）；请给出 CSV 文件的路径"),
        .isDirectory: ("a directory", "目录"),
        .isDevice: ("a device", "设备"),
        .isPipe: ("a pipe (FIFO)", "管道（FIFO）"),
        .isSocket: ("a socket", "套接字"),
        .isNotAFile: ("not a file", "非文件"),
        .readFailed: ("{file}: reading the file failed ({reason})", "{file}：读取文件失败（{reason}）"),
        .bomButGB18030: ("{file}: the file starts with a UTF-8 byte-order mark but --encoding gb18030 was given; use --encoding utf8 or auto",
                         "{file}：文件以 UTF-8 字节顺序标记开头，但指定了 --encoding gb18030；请使用 --encoding utf8 或 auto"),
        .quoteNeverClosed: ("{file}:{line}: a quoted cell opened on this line is never closed; check the quote marks",
                            "{file}:{line}：本行开始的带引号单元格没有结束引号；请检查引号"),
        .notUTF8: ("{file}:{line}: the text is not valid UTF-8; if the file came from Excel on Chinese Windows, load it with --encoding gb18030",
                   "{file}:{line}：文本不是有效的 UTF-8；如文件来自中文 Windows 上的 Excel，请用 --encoding gb18030 导入"),
        .encodingBothChinese: ("{file}:{line}: cannot tell whether the file is UTF-8 or GB18030 (from this line both readings are Chinese text); load it with --encoding utf8 or --encoding gb18030",
                               "{file}:{line}：无法判断文件是 UTF-8 还是 GB18030（从本行起两种读法都是中文）；请用 --encoding utf8 或 --encoding gb18030 导入"),
        .encodingReadingsDiffer: ("{file}:{line}: cannot tell whether the file is UTF-8 or GB18030 (from this line the two readings differ and neither is clearly right); load it with --encoding utf8 or --encoding gb18030",
                                  "{file}:{line}：无法判断文件是 UTF-8 还是 GB18030（从本行起两种读法不同，且都不能确定正确）；请用 --encoding utf8 或 --encoding gb18030 导入"),
        .encodingNotChineseGB: ("{file}:{line}: bytes that are not UTF-8, and read as GB18030 the file is not Chinese text; check the file's encoding (in Excel, save it as \"CSV UTF-8\"), or load it with --encoding gb18030 if it is GB18030",
                                "{file}:{line}：有不是 UTF-8 的字节，按 GB18030 读也不是中文；请检查文件编码（在 Excel 中另存为“CSV UTF-8”），如确为 GB18030 请用 --encoding gb18030 导入"),
        .encodingNeither: ("{file}:{line}: bytes that are neither UTF-8 nor GB18030 (before this line the file reads as {reading}); check the file's encoding (in Excel, save it as \"CSV UTF-8\")",
                           "{file}:{line}：有既不是 UTF-8 也不是 GB18030 的字节（本行之前按 {reading} 可读）；请检查文件编码（在 Excel 中另存为“CSV UTF-8”）"),
        .noGB18030Converter: ("{file}: this system cannot convert GB18030 (iconv has no converter for it)", "{file}：本系统无法转换 GB18030（iconv 没有该编码的转换器）"),
        .notGB18030: ("{file}:{line}: bytes that are not GB18030; check the file's encoding (for a UTF-8 file, load it with --encoding utf8)",
                      "{file}:{line}：有不是 GB18030 的字节；请检查文件编码（UTF-8 文件请用 --encoding utf8 导入）"),
        .gb18030Truncated: ("{file}:{line}: the file ends in the middle of a GB18030 character", "{file}:{line}：文件在一个 GB18030 字符的中间结束"),
        .rowProblem: ("{file}:{line}: {problem}", "{file}:{line}：{problem}"),
        .headerProblem: ("{file}:{line}: column {column}: {problem}", "{file}:{line}：第 {column} 列：{problem}"),
        .strayQuote: ("a quote mark inside a cell that is not quoted: put the whole cell in quotes and double the quote (\"\")",
                      "未加引号的单元格中有引号：请将整个单元格放在引号中，并把其中的引号写两次（\"\"）"),
        .textAfterClosingQuote: ("text after the closing quote of a quoted cell: put the whole cell in quotes and double every quote inside it (\"\")",
                                 "带引号单元格的结束引号后还有文字：请将整个单元格放在引号中，并把其中的每个引号写两次（\"\"）"),
        .cellTooLong: ("the cell has {count} characters; at most {limit} are allowed: shorten it", "单元格有 {count} 个字符，最多 {limit} 个：请缩短"),
        .tooManyCells: ("the row has {count} cells; at most {limit} are read: check for stray commas", "该行有 {count} 个单元格，最多读取 {limit} 个：请检查多余的逗号"),
        .cellCutInRejects: (" (the cell is cut to its first {limit} characters in a --rejects file)", "（在 --rejects 文件中该单元格只保留前 {limit} 个字符）"),
        .notWorkbook: ("{file}: not an .xlsx workbook ({why}); save it from Excel or WPS as \"Excel 工作簿 (*.xlsx)\", or as CSV",
                       "{file}：不是 .xlsx 工作簿（{why}）；请在 Excel 或 WPS 中另存为“Excel 工作簿 (*.xlsx)”或 CSV"),
        .notZipArchive: ("it is not a ZIP archive", "不是 ZIP 压缩文件"),
        .noWorkbookPart: ("it has no workbook part", "缺少工作簿部件"),
        .workbookNoSheets: ("{file}: the workbook has no sheets", "{file}：工作簿中没有工作表"),
        .noSuchSheet: ("{file}: no sheet named \"{sheet}\"; its sheets are: {sheets}; give one with --sheet NAME",
                       "{file}：没有名为“{sheet}”的工作表；工作表有：{sheets}；请用 --sheet 名称 指定其一"),
        .sheetMissing: ("{file}: the sheet \"{sheet}\" is missing from the workbook ({part}); save the workbook again from Excel or WPS",
                        "{file}：工作簿中缺少工作表“{sheet}”（{part}）；请在 Excel 或 WPS 中重新保存工作簿"),
        .workbookDamaged: ("{file}: the workbook is damaged ({why}); save it again from Excel or WPS", "{file}：工作簿已损坏（{why}）；请在 Excel 或 WPS 中重新保存"),
        .legacySpreadsheet: ("{file}: {format} files cannot be loaded (PropLedger reads .xlsx, .xlsm and CSV): open it in Excel or WPS and save it as \"Excel 工作簿 (*.xlsx)\" or as \"CSV UTF-8\", then load that file",
                             "{file}：不能导入 {format} 文件（PropLedger 读取 .xlsx、.xlsm 和 CSV）：请在 Excel 或 WPS 中打开，另存为 .xlsx（“Excel 工作簿 (*.xlsx)”）或“CSV UTF-8”后导入该文件"),
        .sameKindTwice: ("the same kind is given twice; load one file per kind at a time", "同一类别给出了两次；每次每个类别只导入一个文件"),
        .deleteOneFileAtATime: ("--delete takes one KIND FILE at a time (delete the rows that refer to a row before the row itself)",
                                "--delete 每次只处理一个 KIND FILE（先删除引用某行的记录，再删除该行）"),
        .bothFormatsInDirectory: ("{dir}: both {first} and {second} are here; keep the one to load and move the other away",
                                  "{dir}：同时有 {first} 和 {second}；请保留要导入的一个，移走另一个"),
        .moreProblems: ("… and {count} more; write them all with --rejects OUT.csv", "…… 另有 {count} 个问题；可用 --rejects OUT.csv 全部写出"),
        .moreProblemsIn: ("… and {count} more in {file}", "…… 另有 {count} 个问题，见 {file}"),
        .fileChecked: ("{file}: {rows} rows checked: {inserted} to insert, {updated} to update, {unchanged} unchanged, {rejected} rejected",
                       "{file}：已检查 {rows} 行：待新增 {inserted}，待更新 {updated}，未变 {unchanged}，退回 {rejected}"),
        .loadCommitted: ("committed: every file above is loaded (one transaction)", "已提交：以上所有文件均已导入（同一事务）"),
        .loadCommittedPartial: ("committed: the good rows of every file above are loaded, the rejected ones are not (one transaction)",
                                "已提交：以上各文件的正确行均已导入，退回的行未导入（同一事务）"),
        .loadRolledBack: ("rolled back: nothing was kept from any file above (one transaction)", "已回滚：以上所有文件的数据均未保留（同一事务）"),
        .mayNotLoad: ("role {role} may not load: loading needs membership in propledger_loader; ask an administrator to run GRANT propledger_loader TO {role}, and propledger access grant {role} DISTRICT",
                      "角色 {role} 不能导入：导入需要是 propledger_loader 的成员；请管理员执行 GRANT propledger_loader TO {role}，以及 propledger access grant {role} 区县代码"),
        .loadHeldBy: (" by {who}", "（{who}）"),
        .loadRunning: ("another load is running{who}; try again when it has finished, or leave out --no-wait to wait for it",
                       "另一个导入正在进行{who}；请等其结束后再试，或去掉 --no-wait 以等待"),
        .loadWaiting: ("waiting for another load to finish{who}… (at most {seconds} s, --lock-timeout)", "正在等待另一个导入结束{who}……（最多 {seconds} 秒，--lock-timeout）"),
        .loadStillRunning: ("another load{who} was still running after {seconds} s (--lock-timeout); nothing was loaded: try again later",
                            "另一个导入{who}在 {seconds} 秒后仍在进行（--lock-timeout）；未导入任何数据：请稍后再试"),
        .rejectsRefused: ("--rejects: {why}; nothing was loaded", "--rejects：{why}；未导入任何数据"),
        .rejectsCannotWrite: ("cannot write the rejected rows to {file}: {why}; nothing was loaded. Give --rejects a path in a directory you may write to",
                              "无法把退回的行写入 {file}：{why}；未导入任何数据。请给 --rejects 一个您可写入的目录中的路径"),
        .noSuchDirectory: ("{dir}: no such directory", "{dir}：没有这个目录"),
        .noKindFiles: ("{dir}: no KIND.csv, KIND.xlsx or KIND.xlsm files here (expected names like compounds.csv, units.xlsx)",
                       "{dir}：这里没有 KIND.csv、KIND.xlsx 或 KIND.xlsm 文件（文件名应如 compounds.csv、units.xlsx）"),
        .loadDryRunEnded: ("rolled back: a dry run keeps nothing", "已回滚：试运行不保留任何数据"),
    ]

    /// The message in a language with its arguments filled in.
    public func render(_ language: Language, _ arguments: [String: String] = [:]) -> String {
        Message.fill(template(language), arguments)
    }

    /// The message as a SQL `format()` template: `{cell}` becomes `%s` (the cell, bound by the query and cut by
    /// staging.cell_excerpt), every other `%` is doubled, the other arguments are filled in.
    public func sqlTemplate(_ language: Language, _ arguments: [String: String] = [:]) -> String {
        let parts = template(language).components(separatedBy: "{cell}")
        return parts.map { Message.fill($0, arguments).replacingOccurrences(of: "%", with: "%%") }.joined(separator: "%s")
    }

    /// The message as a SQL `format()` template whose per-row values are `format()`'s arguments: each name of
    /// `positional` becomes `%n$s` (n its place in the list, so a language may order them as it likes), every
    /// other `%` is doubled, the other arguments are filled in.
    public func sqlTemplate(_ language: Language, _ arguments: [String: String] = [:], positional: [String]) -> String {
        var text = template(language)
        var marks: [String: String] = [:]
        for (index, name) in positional.enumerated() {
            let mark = "\u{1}\(index)\u{2}"
            marks[mark] = "%\(index + 1)$s"
            text = text.replacingOccurrences(of: "{\(name)}", with: mark)
        }
        text = Message.fill(text, arguments).replacingOccurrences(of: "%", with: "%%")
        for (mark, specifier) in marks { text = text.replacingOccurrences(of: mark, with: specifier) }
        return text
    }

    /// The argument names a template uses, in order of appearance.
    static func argumentNames(_ template: String) -> [String] {
        template.matches(of: /\{([a-z]+)\}/).map { String($0.output.1) }
    }

    private static func fill(_ template: String, _ arguments: [String: String]) -> String {
        var text = template
        for (name, value) in arguments { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }
}

/// The ledger's CHECK rules in words (SPEC §3.1: no SQL in a message), keyed by constraint name. A rule
/// missing here is said by its constraint's comment, else its name in words; OfficeInputTests checks that every
/// CHECK of every loadable table that is not an enumeration has its words here.
public enum RuleWords {
    /// The words of a rule in a language, if the catalogue has them.
    public static func words(_ constraint: String, _ language: Language) -> String? {
        rules[constraint].map { language == .zh ? $0.zh : $0.en }
    }

    /// Every rule's words.
    public static let rules: [String: (en: String, zh: String)] = [
        "districts_code_is_6_digits": ("a district code is 6 digits (GB/T 2260)", "区县代码为 6 位数字（GB/T 2260）"),
        "districts_name_not_blank": ("the name may not be blank", "名称不能为空"),
        "streets_code_is_9_digits": ("a street code is 9 digits", "街道代码为 9 位数字"),
        "streets_code_starts_with_district": ("a street code starts with its district's 6 digits", "街道代码的前 6 位应为所属区县代码"),
        "streets_name_not_blank": ("the name may not be blank", "名称不能为空"),
        "communities_code_is_12_digits": ("a community code is 12 digits", "社区代码为 12 位数字"),
        "communities_code_starts_with_street": ("a community code starts with its street's 9 digits", "社区代码的前 9 位应为所属街道代码"),
        "communities_district_derived": ("the district is the first 6 digits of the community code", "区县代码应为社区代码的前 6 位"),
        "communities_name_not_blank": ("the name may not be blank", "名称不能为空"),
        "companies_name_not_blank": ("the name may not be blank", "企业名称不能为空"),
        "companies_uscc_check_character": ("a unified social credit code has 18 characters and a valid check character (GB 32100-2015); check the code", "统一社会信用代码应为 18 位且校验位正确（GB 32100-2015）；请核对代码"),
        "co_building_units_district_derived": ("the district is the first 6 digits of the community code", "区县代码应为社区代码的前 6 位"),
        "co_building_units_name_not_blank": ("the name may not be blank", "名称不能为空"),
        "compounds_buildings_not_negative": ("the number of buildings cannot be negative", "楼栋数不能为负数"),
        "compounds_built_year_plausible": ("the year built is between 1900 and 2100", "建成年份应在 1900 至 2100 之间"),
        "compounds_code_not_blank": ("the compound code may not be blank", "小区编码不能为空"),
        "compounds_district_derived": ("the district is the first 6 digits of the community code", "区县代码应为社区代码的前 6 位"),
        "compounds_floor_area_not_negative": ("the floor area cannot be negative", "建筑面积不能为负数"),
        "compounds_households_not_negative": ("the number of households cannot be negative", "户数不能为负数"),
        "compounds_name_not_blank": ("the name may not be blank", "小区名称不能为空"),
        "units_building_not_blank": ("the building may not be blank", "楼栋不能为空"),
        "units_floor_area_positive": ("a unit's floor area is more than 0", "房屋的建筑面积应大于 0"),
        "units_unit_no_not_blank": ("the unit number may not be blank", "房号不能为空"),
        "management_company_matches_mode": ("a company period names the company's USCC; a self-managed or fallback period names none", "管理方式为物业服务企业时须填统一社会信用代码；业主自管或社区兜底时不填"),
        "management_end_not_before_start": ("the end date is not before the start date", "终止日期不能早于起始日期"),
        "management_fee_plausible": ("the fee is from 0 to 30 yuan per m² a month (a larger number is a unit mistake: fen, or per year)", "物业费标准应在每月每平方米 0 至 30 元之间（更大的数通常是单位错误：分或按年）"),
        "committees_members_positive": ("a committee has at least 1 member", "委员人数至少为 1"),
        "committees_party_members_within_members": ("party members are from 0 to the number of members", "党员人数应在 0 至委员人数之间"),
        "committees_public_servants_within_members": ("public-servant members are from 0 to the number of members", "公职人员人数应在 0 至委员人数之间"),
        "committees_term_end_not_before_start": ("the term ends on or after its start", "任期结束不能早于任期开始"),
        "party_orgs_dissolved_not_before_established": ("dissolved on or after the day established", "撤销日期不能早于成立日期"),
        "party_orgs_formal_members_enough_for_form": ("a branch or joint branch needs at least 3 formal members, a working group at least 1 (Party Constitution)", "党支部、联合党支部至少有 3 名正式党员，党的工作小组至少 1 名（党章）"),
        "clearance_resolution_and_date_together": ("a resolved case has both the resolution and the date resolved, an open case neither", "已解决的案例须同时填写解决方式和解决日期，未解决的两者都不填"),
        "clearance_resolved_not_before_identified": ("resolved on or after the day identified", "解决日期不能早于摸排日期"),
        "clearance_target_not_before_identified": ("the target date is on or after the day identified", "目标日期不能早于摸排日期"),
        "projects_accepted_needs_final_cost": ("an accepted project has its final cost", "已验收的项目须填写决算金额"),
        "projects_accepted_on_matches_status": ("the acceptance date is given exactly when the status is accepted", "状态为已验收时须填写验收日期，其他状态不填"),
        "projects_approved_needs_budget": ("an approved project has its budget", "已批准的项目须填写预算金额"),
        "projects_approved_on_matches_status": ("the approval date is given exactly when the status is approved or later", "状态为已批准及以后时须填写批准日期，之前的状态不填"),
        "projects_budget_not_negative": ("the budget cannot be negative", "预算金额不能为负数"),
        "projects_cancelled_on_matches_status": ("the cancellation date is given exactly when the status is cancelled", "状态为已撤销时须填写撤销日期，其他状态不填"),
        "projects_completed_on_matches_status": ("the completion date is given exactly when the status is completed or accepted", "状态为已完工或已验收时须填写完工日期，其他状态不填"),
        "projects_dates_in_status_order": ("the dates follow the status order: proposed ≤ approved ≤ started ≤ completed ≤ accepted (and cancelled after all of them)", "日期应按状态顺序：立项 ≤ 批准 ≤ 开工 ≤ 完工 ≤ 验收（撤销日期在这些日期之后）"),
        "projects_final_cost_not_negative": ("the final cost cannot be negative", "决算金额不能为负数"),
        "projects_scope_buildings_not_blank": ("the buildings are left empty for the whole compound, or listed separated by ;", "涉及楼栋留空表示整个小区，否则用 ; 分隔列出"),
        "projects_stage_dates_without_gaps": ("a start date needs an approval date, a completion date a start date", "有开工日期须有批准日期，有完工日期须有开工日期"),
        "projects_started_on_matches_status": ("the start date is given exactly when the status is in progress or later", "状态为施工中及以后时须填写开工日期，之前的状态不填"),
        "projects_title_not_blank": ("the title may not be blank", "项目名称不能为空"),
        "funding_amount_not_negative": ("the amount cannot be negative", "金额不能为负数"),
        "funding_amount_xor_percent": ("a share gives exactly one of the amount and the percentage", "金额和比例须填且只填其中一项"),
        "funding_percent_0_to_100": ("a percentage is from 0 to 100", "比例应在 0 至 100 之间"),
        "funding_payer_matches_source": ("the payer is the company's USCC for a company, the unit's code for a co-building unit, city/district/street (or empty) for the government, and empty otherwise", "出资方：物业企业填统一社会信用代码，共建单位填单位编码，政府填市级/区级/街道（或留空），其他来源留空"),
        "votes_approving_within_participating": ("approving area and owners are not more than those taking part", "同意面积和同意户数不能超过参与面积和参与户数"),
        "votes_counts_not_negative": ("the totals are positive and no count or area is negative", "总面积、总户数应大于 0，其他面积和户数不能为负数"),
        "votes_participating_within_total": ("participating area and owners are not more than the totals", "参与面积和参与户数不能超过总面积和总户数"),
        "payments_amount_positive": ("a payment's amount is more than 0", "支付金额应大于 0"),
        "payments_payer_matches_source": ("the payer is the company's USCC for a company, the unit's code for a co-building unit, city/district/street (or empty) for the government, and empty otherwise", "出资方：物业企业填统一社会信用代码，共建单位填单位编码，政府填市级/区级/街道（或留空），其他来源留空"),
        "payments_voucher_not_blank": ("the voucher number may not be blank", "凭证号不能为空"),
        "inspections_score_0_to_100": ("a score is from 0 to 100", "得分应在 0 至 100 之间"),
        "rectifications_issue_not_blank": ("the issue may not be blank", "问题不能为空"),
        "rectifications_item_no_positive": ("an item number is 1 or more", "序号至少为 1"),
        "complaints_resolved_not_before_received": ("resolved on or after the day received", "办结日期不能早于受理日期"),
        "surveys_period_year_or_quarter": ("a period is a year (2026) or a quarter (2026-Q3)", "期间应为年份（2026）或季度（2026-Q3）"),
        "surveys_respondents_positive": ("a survey has at least 1 respondent", "参评户数至少为 1"),
        "surveys_satisfied_within_respondents": ("satisfied households are from 0 to the respondents", "满意户数应在 0 至参评户数之间"),
        // SPEC §7: owners and ballots.
        "owners_owner_key_not_a_citizen_id": ("an owner key is never a citizen ID number (PIPL Art. 6, 51): use the property-certificate number or a pseudonym", "业主标识不得使用居民身份证号码（个人信息保护法第六条、第五十一条）：请使用不动产权证号或化名编号"),
        "ballots_owner_key_not_a_citizen_id": ("an owner key is never a citizen ID number (PIPL Art. 6, 51): use the key of owners.csv", "业主标识不得使用居民身份证号码（个人信息保护法第六条、第五十一条）：请使用业主登记中的标识"),
        "owners_owner_key_not_blank": ("the owner key may not be blank", "业主标识不能为空"),
        "owners_until_not_before_since": ("the end date is not before the start date", "终止日期不能早于起始日期"),
        "votes_tally_whole_or_blank": ("give all four tally figures (participating and approving area and owners), or none to count them from the ballots", "参与、同意的面积和人数四项须全部填写，或全部留空按表决票计算"),
        // SPEC §6: the maintenance fund and emergencies.
        "fund_deposits_amount_sign_matches_kind": ("a refund is negative; a first deposit, top-up or interest is positive", "退还金额为负数；首期交存、续交、增值收益为正数"),
        "fund_deposits_voucher_not_blank": ("the voucher number may not be blank", "凭证号不能为空"),
        "fund_interest_amount_positive": ("the interest is more than 0", "增值收益应大于 0"),
        "project_weights_weight_not_negative": ("a weight is 0 or more", "分摊系数不能为负数"),
        "projects_emergency_category_is_a_code": ("the emergency category is a code such as roof_or_wall_leak (propledger rules lists a jurisdiction's closed list)", "应急类别应为代码，如 roof_or_wall_leak（propledger rules 列出各地的封闭清单）"),
        "projects_emergency_confirmed_by_not_blank": ("who confirmed the emergency may not be blank", "应急确认单位不能为空"),
        "projects_emergency_fields_only_for_emergency": ("the emergency columns are filled only when emergency is true", "仅应急项目填写应急各列"),
        "projects_emergency_needs_applicant_and_confirmation": ("an emergency needs who applied and who confirmed it, and when", "应急项目须填写申请方、确认单位和确认日期"),
        "projects_emergency_needs_category_and_reason": ("an emergency needs its category and reason", "应急项目须填写应急类别和理由"),
        "projects_emergency_reason_not_blank": ("the emergency reason may not be blank", "应急理由不能为空"),
        // Loader (issue 13, session 5): rules of periods (EXCLUDE constraints).
        "owners_one_owner_at_a_time": ("a unit has one owner at a time: co-owners share one owner_key (SPEC §7)", "一套房屋同一时间只有一个业主：共有人共用一个业主标识（SPEC §7）"),
        "management_periods_no_overlap": ("management periods of one compound never overlap (SPEC §2.8)", "同一小区的管理期间不得重叠（SPEC §2.8）"),
        "committees_terms_no_overlap": ("terms of one compound's committees of one kind never overlap (SPEC §2.6)", "同一小区同一类别业主组织的任期不得重叠（SPEC §2.6）"),
        "party_orgs_one_live_per_host": ("one live party organisation per host at a time (SPEC §2.7)", "同一依托同一时间只有一个存续的党组织（SPEC §2.7）"),
    ]
}
