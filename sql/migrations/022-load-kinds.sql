-- 022: the registry of load kinds (SPEC §3): the files `propledger load` takes, the order in which
-- `load --dir` loads them, each file's columns in SPEC order with the Chinese header label of each, and
-- how a row finds its district. The loader reads it once at the start of every load (LoadKind.registry);
-- docs/load-formats.md and ops/gen.py are tested against it (Tests/PropLedgerCLITests/LoadKindRegistryTests).
--
-- What the ledger table itself says is not repeated here: keys, types, NOT NULL, CHECK rules, foreign
-- keys, unique indexes and rules of periods (EXCLUDE) are read from the catalogue (TableCatalog).
-- sql/tests/022-load-kinds.sql checks the registry against that catalogue: every registered column is a
-- column of ledger.<kind>, and every column of ledger.<kind> is registered except the derived ones
-- (generated columns, and district_code where the district is not the row's own column).
--
-- The Chinese labels of the enumerations' values (issue 13) belong beside load_columns, keyed by
-- (kind, column_name).

CREATE TABLE staging.load_kinds (
  kind            text NOT NULL,
  load_order      smallint NOT NULL,
  district_from   text NOT NULL,
  district_column text NOT NULL,
  parent_kind     text,
  noun_en         text NOT NULL,
  noun_zh         text NOT NULL,
  CONSTRAINT load_kinds_pkey PRIMARY KEY (kind),
  CONSTRAINT load_kinds_load_order_key UNIQUE (load_order),
  CONSTRAINT load_kinds_kind_is_a_name CHECK (kind ~ '^[a-z][a-z0-9_]*$'),
  CONSTRAINT load_kinds_load_order_positive CHECK (load_order >= 1),
  CONSTRAINT load_kinds_district_from_known CHECK (district_from IN ('column', 'code_prefix', 'parent', 'party_host')),
  CONSTRAINT load_kinds_parent_when_from_parent CHECK ((district_from = 'parent') = (parent_kind IS NOT NULL)),
  CONSTRAINT load_kinds_nouns_not_blank CHECK (btrim(noun_en) <> '' AND btrim(noun_zh) <> ''),
  CONSTRAINT load_kinds_parent_fkey FOREIGN KEY (parent_kind) REFERENCES staging.load_kinds (kind)
);
COMMENT ON TABLE staging.load_kinds IS
  'The kinds of file `propledger load` takes (SPEC §3): kind = file name without .csv = ledger table name; '
  'load_order = the order of `load --dir`. Keys and rules come from the ledger table, not from here.';
COMMENT ON COLUMN staging.load_kinds.district_from IS
  'How a row finds its district: column = district_column is the district code; code_prefix = the first six '
  'digits of district_column; parent = the district of the parent_kind row whose district_column (its key) the '
  'row names; party_host = the host compound (host_type committee) or company (host_type company) named in host_key.';
COMMENT ON COLUMN staging.load_kinds.district_column IS
  'The column of the file that leads to the district; messages about the district name it.';
COMMENT ON COLUMN staging.load_kinds.parent_kind IS
  'For district_from = parent: the kind whose row holds the district, found by district_column (its key).';
COMMENT ON COLUMN staging.load_kinds.noun_en IS 'One row of the kind, for messages in English ("unknown compound").';
COMMENT ON COLUMN staging.load_kinds.noun_zh IS 'One row of the kind, for messages in Chinese.';

CREATE TABLE staging.load_columns (
  kind        text NOT NULL,
  column_name text NOT NULL,
  position    smallint NOT NULL,
  label_zh    text NOT NULL,
  CONSTRAINT load_columns_pkey PRIMARY KEY (kind, column_name),
  CONSTRAINT load_columns_position_key UNIQUE (kind, position),
  CONSTRAINT load_columns_label_zh_key UNIQUE (kind, label_zh),
  CONSTRAINT load_columns_name_is_a_name CHECK (column_name ~ '^[a-z][a-z0-9_]*$'),
  CONSTRAINT load_columns_position_positive CHECK (position >= 1),
  CONSTRAINT load_columns_label_zh_trimmed CHECK (label_zh <> '' AND label_zh = btrim(label_zh)),
  CONSTRAINT load_columns_kind_fkey FOREIGN KEY (kind) REFERENCES staging.load_kinds (kind)
);
COMMENT ON TABLE staging.load_columns IS
  'The columns of each kind of file, in SPEC §3 order (position 1, 2, …): the English name is the ledger column '
  'name; label_zh is the Chinese header a file may use instead. Which columns are the key or required is the '
  'ledger table''s (primary key, NOT NULL).';
COMMENT ON COLUMN staging.load_columns.label_zh IS 'The Chinese header of the column (中文别名), unique within its kind.';

-- The district column is one of the kind's columns (checked at the end of the transaction that writes both).
ALTER TABLE staging.load_kinds ADD CONSTRAINT load_kinds_district_column_fkey FOREIGN KEY (kind, district_column)
  REFERENCES staging.load_columns (kind, column_name) DEFERRABLE INITIALLY DEFERRED;

INSERT INTO staging.load_kinds (kind, load_order, district_from, district_column, parent_kind, noun_en, noun_zh) VALUES
  ('districts',          1, 'column',      'district_code',   NULL,          'district',             '区县'),
  ('streets',            2, 'column',      'district_code',   NULL,          'street',               '街道'),
  ('communities',        3, 'code_prefix', 'community_code',  NULL,          'community',            '社区'),
  ('companies',          4, 'column',      'district_code',   NULL,          'company',              '物业服务企业'),
  ('co_building_units',  5, 'code_prefix', 'community_code',  NULL,          'co-building unit',     '共建单位'),
  ('compounds',          6, 'code_prefix', 'community_code',  NULL,          'compound',             '小区'),
  ('units',              7, 'parent',      'compound_code',   'compounds',   'unit',                 '房屋'),
  ('management',         8, 'parent',      'compound_code',   'compounds',   'management period',    '管理期'),
  ('committees',         9, 'parent',      'compound_code',   'compounds',   'committee term',       '业主组织任期'),
  ('party_orgs',        10, 'party_host',  'host_key',        NULL,          'party organisation',   '党组织'),
  ('clearance',         11, 'parent',      'compound_code',   'compounds',   'clearance case',       '摸排整治'),
  ('projects',          12, 'parent',      'compound_code',   'compounds',   'project',              '项目'),
  ('funding',           13, 'parent',      'project_code',    'projects',    'funding share',        '资金份额'),
  ('votes',             14, 'parent',      'project_code',    'projects',    'vote',                 '表决'),
  ('payments',          15, 'parent',      'project_code',    'projects',    'payment',              '支付'),
  ('inspections',       16, 'parent',      'compound_code',   'compounds',   'inspection',           '检查'),
  ('rectifications',    17, 'parent',      'inspection_code', 'inspections', 'rectification item',   '整改事项'),
  ('complaints',        18, 'parent',      'compound_code',   'compounds',   'complaint',            '投诉'),
  ('surveys',           19, 'parent',      'compound_code',   'compounds',   'survey',               '满意度调查');

INSERT INTO staging.load_columns (kind, column_name, position, label_zh)
SELECT c.kind, c.column_name, c.position::smallint, c.label_zh
FROM (VALUES
  ('districts', 1, 'district_code', '区县代码'), ('districts', 2, 'name', '名称'),
  ('streets', 1, 'street_code', '街道代码'), ('streets', 2, 'district_code', '区县代码'), ('streets', 3, 'name', '名称'),
  ('communities', 1, 'community_code', '社区代码'), ('communities', 2, 'street_code', '街道代码'),
  ('communities', 3, 'name', '名称'), ('communities', 4, 'community_type', '社区类型'),
  ('companies', 1, 'uscc', '统一社会信用代码'), ('companies', 2, 'name', '企业名称'), ('companies', 3, 'ownership', '企业性质'),
  ('companies', 4, 'district_code', '区县代码'),
  ('co_building_units', 1, 'unit_code', '共建单位编码'), ('co_building_units', 2, 'name', '名称'),
  ('co_building_units', 3, 'kind', '类别'), ('co_building_units', 4, 'community_code', '社区代码'),
  ('co_building_units', 5, 'agreed_on', '签约日期'),
  ('compounds', 1, 'compound_code', '小区编码'), ('compounds', 2, 'community_code', '社区代码'),
  ('compounds', 3, 'name', '小区名称'), ('compounds', 4, 'address', '地址'), ('compounds', 5, 'housing_type', '房屋类型'),
  ('compounds', 6, 'built_year', '建成年份'), ('compounds', 7, 'buildings', '楼栋数'), ('compounds', 8, 'households', '户数'),
  ('compounds', 9, 'floor_area_m2', '建筑面积'),
  ('units', 1, 'compound_code', '小区编码'), ('units', 2, 'building', '楼栋'), ('units', 3, 'unit_no', '房号'),
  ('units', 4, 'floor_area_m2', '建筑面积'),
  ('management', 1, 'compound_code', '小区编码'), ('management', 2, 'start_on', '起始日期'), ('management', 3, 'mode', '管理方式'),
  ('management', 4, 'company_uscc', '统一社会信用代码'), ('management', 5, 'basis', '选聘方式'),
  ('management', 6, 'fee_yuan_per_m2_month', '物业费标准'), ('management', 7, 'end_on', '终止日期'),
  ('committees', 1, 'compound_code', '小区编码'), ('committees', 2, 'term_start', '任期开始'), ('committees', 3, 'kind', '类别'),
  ('committees', 4, 'term_end', '任期结束'), ('committees', 5, 'members', '委员人数'),
  ('committees', 6, 'party_members', '党员人数'), ('committees', 7, 'public_servant_members', '公职人员人数'),
  ('party_orgs', 1, 'host_type', '依托类型'), ('party_orgs', 2, 'host_key', '依托编码'),
  ('party_orgs', 3, 'established_on', '成立日期'), ('party_orgs', 4, 'form', '组织形式'),
  ('party_orgs', 5, 'formal_members', '正式党员数'), ('party_orgs', 6, 'dissolved_on', '撤销日期'),
  ('clearance', 1, 'compound_code', '小区编码'), ('clearance', 2, 'identified_on', '摸排日期'),
  ('clearance', 3, 'target_on', '目标日期'), ('clearance', 4, 'resolution', '解决方式'),
  ('clearance', 5, 'resolved_on', '解决日期'), ('clearance', 6, 'note', '备注'),
  ('projects', 1, 'project_code', '项目编码'), ('projects', 2, 'compound_code', '小区编码'), ('projects', 3, 'category', '类别'),
  ('projects', 4, 'title', '项目名称'), ('projects', 5, 'scope_buildings', '涉及楼栋'), ('projects', 6, 'status', '状态'),
  ('projects', 7, 'budget_yuan', '预算金额'), ('projects', 8, 'final_cost_yuan', '决算金额'),
  ('projects', 9, 'proposed_on', '立项日期'), ('projects', 10, 'approved_on', '批准日期'),
  ('projects', 11, 'started_on', '开工日期'), ('projects', 12, 'completed_on', '完工日期'),
  ('projects', 13, 'accepted_on', '验收日期'), ('projects', 14, 'cancelled_on', '撤销日期'),
  ('funding', 1, 'project_code', '项目编码'), ('funding', 2, 'source', '资金来源'), ('funding', 3, 'payer', '出资方'),
  ('funding', 4, 'amount_yuan', '金额'), ('funding', 5, 'percent', '比例'),
  ('votes', 1, 'project_code', '项目编码'), ('votes', 2, 'matter', '表决事项'), ('votes', 3, 'held_on', '表决日期'),
  ('votes', 4, 'total_area_m2', '总面积'), ('votes', 5, 'total_owners', '总户数'),
  ('votes', 6, 'participating_area_m2', '参与面积'), ('votes', 7, 'participating_owners', '参与户数'),
  ('votes', 8, 'approving_area_m2', '同意面积'), ('votes', 9, 'approving_owners', '同意户数'),
  ('payments', 1, 'voucher_no', '凭证号'), ('payments', 2, 'project_code', '项目编码'), ('payments', 3, 'source', '资金来源'),
  ('payments', 4, 'payer', '出资方'), ('payments', 5, 'paid_on', '支付日期'), ('payments', 6, 'amount_yuan', '金额'),
  ('inspections', 1, 'inspection_code', '检查编号'), ('inspections', 2, 'compound_code', '小区编码'),
  ('inspections', 3, 'company_uscc', '统一社会信用代码'), ('inspections', 4, 'inspected_on', '检查日期'),
  ('inspections', 5, 'inspector', '检查单位'), ('inspections', 6, 'score', '得分'),
  ('rectifications', 1, 'inspection_code', '检查编号'), ('rectifications', 2, 'item_no', '序号'),
  ('rectifications', 3, 'issue', '问题'), ('rectifications', 4, 'deadline', '整改期限'), ('rectifications', 5, 'closed_on', '销号日期'),
  ('complaints', 1, 'complaint_code', '投诉编号'), ('complaints', 2, 'compound_code', '小区编码'),
  ('complaints', 3, 'company_uscc', '统一社会信用代码'), ('complaints', 4, 'received_on', '受理日期'),
  ('complaints', 5, 'category', '类别'), ('complaints', 6, 'resolved_on', '办结日期'),
  ('surveys', 1, 'compound_code', '小区编码'), ('surveys', 2, 'period', '期间'), ('surveys', 3, 'company_uscc', '统一社会信用代码'),
  ('surveys', 4, 'respondents', '参评户数'), ('surveys', 5, 'satisfied', '满意户数')
) AS c (kind, position, column_name, label_zh);

-- Read by every load (loaders). Readers keep to the report schema (SPEC §5): when reports need the
-- Chinese labels, a report view exposes them. Nobody but the owner writes them.
REVOKE ALL ON staging.load_kinds, staging.load_columns FROM PUBLIC;
GRANT SELECT ON staging.load_kinds, staging.load_columns TO propledger_loader;
