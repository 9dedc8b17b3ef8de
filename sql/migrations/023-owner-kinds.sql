-- 023: the load kinds of SPEC §7 in the registry (022): owners (ledger.owners, 005) and ballots
-- (ledger.ballots, 009). They load after every kind of SPEC §3: owners after units, ballots after votes
-- and owners (load_order 40, 41: room is left for the kinds of other sections).

INSERT INTO staging.load_kinds (kind, load_order, district_from, district_column, parent_kind, noun_en, noun_zh) VALUES
  ('owners',  40, 'parent', 'compound_code', 'compounds', 'owner period', '业主登记'),
  ('ballots', 41, 'parent', 'project_code',  'projects',  'ballot',       '表决票');

INSERT INTO staging.load_columns (kind, column_name, position, label_zh)
SELECT c.kind, c.column_name, c.position::smallint, c.label_zh
FROM (VALUES
  ('owners', 1, 'compound_code', '小区编码'), ('owners', 2, 'building', '楼栋'), ('owners', 3, 'unit_no', '房号'),
  ('owners', 4, 'owner_key', '业主标识'), ('owners', 5, 'owner_kind', '业主类别'), ('owners', 6, 'since_on', '起始日期'),
  ('owners', 7, 'until_on', '终止日期'),
  ('ballots', 1, 'project_code', '项目编码'), ('ballots', 2, 'matter', '表决事项'), ('ballots', 3, 'held_on', '表决日期'),
  ('ballots', 4, 'owner_key', '业主标识'), ('ballots', 5, 'choice', '表决意见')
) AS c (kind, position, column_name, label_zh);
