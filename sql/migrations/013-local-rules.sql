-- 013: the local rules verified so far (SPEC §10): 北京, 上海, 杭州, and 浙江 as a jurisdiction of its own.
--
-- This file is the example of adding a jurisdiction: a data change with its citations, no code. A new
-- city gets a migration like this one: its ledger.jurisdictions row (code = the GB/T 2260 prefix its
-- districts share) and one ledger.rules row per parameter that differs from the wider jurisdiction
-- (a parameter left out follows it; value NULL says "no such limit here"). `general` marks a limit the
-- text states as 一般 (generally): exceeding it is a warning in `report anomalies`, not a refusal.
-- docs/rules.md lists every row; the effective dates of the 上海 and 杭州 texts are those of the
-- versions cited (see docs/rules.md on confirming them against the official gazette).

INSERT INTO ledger.jurisdictions (jurisdiction, name_zh, name_en) VALUES
  ('11', '北京市', 'Beijing'),
  ('31', '上海市', 'Shanghai'),
  ('33', '浙江省', 'Zhejiang'),
  ('3301', '杭州市', 'Hangzhou');

INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, general, source_zh, source_en)
SELECT r.jurisdiction, r.parameter, r.effective_from::date, p.value_type, r.value, r.general, r.source_zh, r.source_en
FROM (VALUES
  -- 北京市物业管理条例 (2020-05-01; amended 2024)
  ('11', 'owners_committee.members_min', '2020-05-01', '5', false, '北京市物业管理条例 第三十九条', 'Beijing Property Management Regulations, Art. 39'),
  ('11', 'owners_committee.members_max', '2020-05-01', NULL, false, '北京市物业管理条例 第三十九条（五人以上单数，不设上限）', 'Beijing Regulations, Art. 39 (an odd number from 5, no upper limit)'),
  ('11', 'owners_committee.small_members_min', '2020-05-01', '3', false, '北京市物业管理条例 第三十九条', 'Beijing Regulations, Art. 39'),
  ('11', 'owners_committee.small_households_max', '2020-05-01', '100', false, '北京市物业管理条例 第三十九条（户数不超过一百户的）', 'Beijing Regulations, Art. 39 (at most 100 households)'),
  ('11', 'owners_committee.term_max_years', '2020-05-01', '5', false, '北京市物业管理条例 第四十一条', 'Beijing Regulations, Art. 41'),
  ('11', 'management_committee.members_min', '2020-05-01', '7', false, '北京市物业管理条例 第五十四条', 'Beijing Regulations, Art. 54'),
  ('11', 'management_committee.members_odd', '2020-05-01', 'true', false, '北京市物业管理条例 第五十四条', 'Beijing Regulations, Art. 54'),
  ('11', 'management_committee.owner_members_share', '2020-05-01', '>=1/2', false, '北京市物业管理条例 第五十四条（业主代表不少于半数）', 'Beijing Regulations, Art. 54 (owner representatives at least half)'),
  ('11', 'management_committee.term_max_years', '2020-05-01', '3', true, '北京市物业管理条例 第五十八条（一般不超过三年）', 'Beijing Regulations, Art. 58 (generally at most 3 years)'),
  ('11', 'management_committee.handover_days', '2020-05-01', '60', false, '北京市物业管理条例 第五十八条（物管会与业主委员会交接）', 'Beijing Regulations, Art. 58 (handover to the owners'' committee)'),
  ('11', 'committee.reelection_lead_days', '2020-05-01', '180', false, '北京市物业管理条例 第四十九条', 'Beijing Regulations, Art. 49'),
  ('11', 'notice.decision_days', '2020-05-01', '3', false, '北京市物业管理条例 第三十七条', 'Beijing Regulations, Art. 37'),
  ('11', 'notice.management_committee_decision_working_days', '2020-05-01', '10', false, '北京市物业管理条例 第五十七条', 'Beijing Regulations, Art. 57'),
  ('11', 'notice.meeting_days', '2020-05-01', '15', false, '北京市物业管理条例 第三十五条', 'Beijing Regulations, Art. 35'),
  -- 上海市住宅物业管理规定 (2020 amendment)
  ('31', 'owners_committee.members_min', '2021-05-01', '5', false, '上海市住宅物业管理规定 第二十条', 'Shanghai Residential Property Management Provisions, Art. 20'),
  ('31', 'owners_committee.members_max', '2021-05-01', NULL, false, '上海市住宅物业管理规定 第二十条（五人以上单数，不设上限）', 'Shanghai Provisions, Art. 20 (an odd number from 5, no upper limit)'),
  ('31', 'owners_committee.small_members_min', '2021-05-01', '3', false, '上海市住宅物业管理规定 第二十条', 'Shanghai Provisions, Art. 20'),
  ('31', 'owners_committee.small_area_max_m2', '2021-05-01', '10000', false, '上海市住宅物业管理规定 第二十条（建筑面积一万平方米以下）', 'Shanghai Provisions, Art. 20 (floor area under 10,000 m²)'),
  ('31', 'owners_committee.term_min_years', '2021-05-01', '3', false, '上海市住宅物业管理规定 第二十条（任期三至五年）', 'Shanghai Provisions, Art. 20 (a term of 3 to 5 years)'),
  ('31', 'owners_committee.term_max_years', '2021-05-01', '5', false, '上海市住宅物业管理规定 第二十条（任期三至五年）', 'Shanghai Provisions, Art. 20 (a term of 3 to 5 years)'),
  ('31', 'committee.reelection_lead_days', '2021-05-01', '150', false, '上海市住宅物业管理规定 第二十八条', 'Shanghai Provisions, Art. 28'),
  ('31', 'fund.topup_default_target', '2021-05-01', '>=1/2', false, '上海市住宅物业管理规定 第六十五条（九十日内未作决定的，续筹至首期的50%）', 'Shanghai Provisions, Art. 65 (no decision within 90 days: top up to 50 %)'),
  ('31', 'fund.topup_default_after_days', '2021-05-01', '90', false, '上海市住宅物业管理规定 第六十五条', 'Shanghai Provisions, Art. 65'),
  ('31', 'fund.emergency_categories', '2021-05-01',
   'water_supply_failure,elevator_stopped,fire_facility_failure,roof_or_wall_leak,falling_hazard', false,
   '上海市住宅物业管理规定 第七十三条（五类紧急情况）', 'Shanghai Provisions, Art. 73 (five kinds of emergency)'),
  -- 杭州市物业管理条例 (2021 revision)
  ('3301', 'owners_committee.members_min', '2022-03-01', '5', false, '杭州市物业管理条例 第二十七条', 'Hangzhou Property Management Regulations, Art. 27'),
  ('3301', 'owners_committee.members_max', '2022-03-01', '11', false, '杭州市物业管理条例 第二十七条', 'Hangzhou Regulations, Art. 27'),
  ('3301', 'owners_committee.small_members_min', '2022-03-01', '3', false, '杭州市物业管理条例 第二十七条', 'Hangzhou Regulations, Art. 27'),
  ('3301', 'owners_committee.small_households_max', '2022-03-01', '100', false, '杭州市物业管理条例 第二十七条（一百户以下）', 'Hangzhou Regulations, Art. 27 (at most 100 households)'),
  ('3301', 'owners_committee.term_min_years', '2022-03-01', '3', false, '杭州市物业管理条例 第三十三条（任期三至五年）', 'Hangzhou Regulations, Art. 33 (a term of 3 to 5 years)'),
  ('3301', 'owners_committee.term_max_years', '2022-03-01', '5', false, '杭州市物业管理条例 第三十三条（任期三至五年）', 'Hangzhou Regulations, Art. 33 (a term of 3 to 5 years)'),
  ('3301', 'management_committee.members_min', '2022-03-01', '7', false, '杭州市物业管理条例 第三十九条', 'Hangzhou Regulations, Art. 39'),
  ('3301', 'management_committee.members_max', '2022-03-01', '11', false, '杭州市物业管理条例 第三十九条', 'Hangzhou Regulations, Art. 39'),
  ('3301', 'management_committee.members_odd', '2022-03-01', 'true', false, '杭州市物业管理条例 第三十九条', 'Hangzhou Regulations, Art. 39'),
  ('3301', 'management_committee.owner_members_share', '2022-03-01', '>=1/2', false, '杭州市物业管理条例 第三十九条（业主代表不少于半数）', 'Hangzhou Regulations, Art. 39 (owner representatives at least half)'),
  ('3301', 'management_committee.term_max_years', '2022-03-01', '2', true, '杭州市物业管理条例 第四十一条（一般不超过二年）', 'Hangzhou Regulations, Art. 41 (generally at most 2 years)'),
  ('3301', 'committee.reelection_lead_days', '2022-03-01', '90', false, '杭州市物业管理条例 第三十三条、第三十四条', 'Hangzhou Regulations, Art. 33–34'),
  ('3301', 'fund.topup_base', '2022-03-01', 'principal_and_interest', false, '杭州市物业管理条例 第七十一条（本息余额不足首期30%）', 'Hangzhou Regulations, Art. 71 (principal and interest below 30 %)'),
  ('3301', 'fund.emergency_categories', '2022-03-01',
   'water_supply_failure,elevator_stopped,fire_facility_failure,roof_or_wall_leak,falling_hazard,drainage_blocked', false,
   '杭州市物业管理条例 第七十三条（六类紧急情况）', 'Hangzhou Regulations, Art. 73 (six kinds of emergency)')
) AS r (jurisdiction, parameter, effective_from, value, general, source_zh, source_en)
LEFT JOIN ledger.rule_parameters AS p ON p.parameter = r.parameter;  -- a misspelt parameter leaves value_type NULL: refused
