-- 033: the Chinese labels of the codes reports make (issue 14, SPEC §4 "--lang zh is complete"): values no
-- file loads — a project's vote status, where a vote's figures were counted from, the kinds of anomalies and
-- of expiring things, a history operation, a load's status, the sections and fields of the compound dossier,
-- the fund statement's draws. Same shape as staging.value_labels (025), which keeps the enumerations a load
-- accepts; report.labels (sql/schema/020) shows both, plus the load kinds' nouns and the laws of votes, so
-- `--lang zh` reads one list. Codes stay codes in SQL and JSON; English output shows the code.
--
-- The values of rules (propledger rules) that are codes are labelled as kind 'rules', column 'value' (the laws and
-- matters of votes have theirs already).
--
-- kind is the report's name (or the load kind whose column a report shows with more values), column_name
-- the report's field.

-- The shape, keys and checks of staging.value_labels (LIKE copies no foreign key: these codes are no load's).
CREATE TABLE staging.output_labels (LIKE staging.value_labels INCLUDING ALL);
COMMENT ON TABLE staging.output_labels IS
  'The Chinese label of each code a report makes (not loaded from a file): what `--lang zh` shows instead of the code.';

INSERT INTO staging.output_labels (kind, column_name, code, position, label_zh) VALUES
  ('projects', 'vote_status', 'none', 1, '未表决'),
  ('projects', 'vote_status', 'passed', 2, '已通过'),
  ('projects', 'vote_status', 'failed', 3, '未通过'),
  ('votes', 'counted_from', 'typed', 1, '填报'),
  ('votes', 'counted_from', 'units', 2, '按房屋套数'),
  ('votes', 'counted_from', 'owners', 3, '按业主登记（一人多套计一人，建设单位未售房屋计一人）'),
  ('votes', 'counted_from', 'ballots', 4, '按表决票'),
  ('expiring', 'kind', 'management', 1, '物业服务合同'),
  ('expiring', 'kind', 'committee', 2, '业主组织任期'),
  ('history', 'operation', 'INSERT', 1, '新增'),
  ('history', 'operation', 'UPDATE', 2, '修改'),
  ('history', 'operation', 'DELETE', 3, '删除'),
  ('loads', 'status', 'running', 1, '进行中'),
  ('loads', 'status', 'committed', 2, '已导入'),
  ('loads', 'status', 'partial', 3, '部分导入'),
  ('loads', 'status', 'rejected', 4, '已退回'),
  ('loads', 'status', 'dry_run', 5, '试运行'),
  ('loads', 'status', 'failed', 6, '失败'),
  ('fund-unit', 'kind', 'draw', 1, '使用分摊'),
  ('anomalies', 'kind', 'unverified_resolution', 1, '解决未核实'),
  ('anomalies', 'kind', 'unmanaged_without_case', 2, '无物业未入台账'),
  ('anomalies', 'kind', 'relapsed', 3, '反弹'),
  ('anomalies', 'kind', 'overdue_case', 4, '逾期未解决'),
  ('anomalies', 'kind', 'inspection_company_not_managing', 5, '检查所列企业未在管'),
  ('anomalies', 'kind', 'complaint_company_not_managing', 6, '投诉所列企业未在管'),
  ('anomalies', 'kind', 'overrun', 7, '超付'),
  ('anomalies', 'kind', 'final_cost_over_budget', 8, '决算超预算'),
  ('anomalies', 'kind', 'payment_outside_approval', 9, '批准前支付'),
  ('anomalies', 'kind', 'committee_breaks_rule', 10, '业主组织违反规定'),
  ('anomalies', 'kind', 'committee_over_general_limit', 11, '业主组织超出一般限额'),
  ('anomalies', 'kind', 'fund_owing', 12, '维修资金欠缴'),
  ('anomalies', 'kind', 'fund_topup_default', 13, '维修资金逾期未续交'),
  ('anomalies', 'kind', 'fund_below_threshold', 14, '维修资金低于续交线'),
  ('anomalies', 'kind', 'fund_emergency_draw', 15, '应急使用维修资金'),
  ('anomalies', 'kind', 'fund_refund_cut_short', 16, '维修资金退还不足'),
  ('anomalies', 'kind', 'fund_interest_unallocated', 17, '增值收益未分配'),
  ('anomalies', 'rule', 'committees_members_at_least', 1, '委员人数少于下限'),
  ('anomalies', 'rule', 'committees_members_at_most', 2, '委员人数多于上限'),
  ('anomalies', 'rule', 'committees_members_odd', 3, '委员人数应为单数'),
  ('anomalies', 'rule', 'committees_term_at_least', 4, '任期短于下限'),
  ('anomalies', 'rule', 'committees_term_at_most', 5, '任期长于上限'),
  ('compound', 'section', 'compound', 1, '小区'),
  ('compound', 'section', 'status', 2, '管理状态'),
  ('compound', 'section', 'management', 3, '物业管理'),
  ('compound', 'section', 'committee', 4, '业主组织'),
  ('compound', 'section', 'party_org', 5, '党组织'),
  ('compound', 'section', 'clearance', 6, '无物业清零'),
  ('compound', 'section', 'project', 7, '项目'),
  ('compound', 'section', 'inspection', 8, '检查'),
  ('compound', 'section', 'rectification', 9, '整改'),
  ('compound', 'section', 'complaint', 10, '投诉'),
  ('compound', 'section', 'survey', 11, '满意度调查'),
  ('compound', 'item', 'code', 1, '小区编码'),
  ('compound', 'item', 'name', 2, '小区名称'),
  ('compound', 'item', 'address', 3, '地址'),
  ('compound', 'item', 'housing_type', 4, '房屋类型'),
  ('compound', 'item', 'built_year', 5, '建成年份'),
  ('compound', 'item', 'buildings', 6, '楼栋数'),
  ('compound', 'item', 'households', 7, '户数'),
  ('compound', 'item', 'floor_area_m2', 8, '建筑面积(m²)'),
  ('compound', 'item', 'community', 9, '社区'),
  ('compound', 'item', 'street', 10, '街道'),
  ('compound', 'item', 'district', 11, '区县'),
  ('compound', 'item', 'units', 12, '房屋'),
  ('rules', 'value', 'true', 1, '是'),
  ('rules', 'value', 'false', 2, '否'),
  ('rules', 'value', 'participating', 3, '参与表决者'),
  ('rules', 'value', 'total', 4, '全体业主'),
  ('rules', 'value', 'first_deposit', 5, '首期交存额'),
  ('rules', 'value', 'principal_and_interest', 6, '本金及增值收益'),
  ('rules', 'value', 'water_supply_failure', 7, '供水设施故障'),
  ('rules', 'value', 'elevator_stopped', 8, '电梯故障停运'),
  ('rules', 'value', 'fire_facility_failure', 9, '消防设施故障'),
  ('rules', 'value', 'roof_or_wall_leak', 10, '屋面或外墙渗漏'),
  ('rules', 'value', 'falling_hazard', 11, '坠落危险'),
  ('rules', 'value', 'drainage_blocked', 12, '排水设施堵塞');
