-- 030: maintenance fund accounts (住宅专项维修资金, SPEC §6) and agreed cost weights (Civil Code Art. 283).
--
-- The fund is kept per unit (分户账, 办法 Art. 10). What a bank statement or the fund office sends is
-- stored as it is: per-unit deposits, top-ups, interest lines and refunds (fund_deposits), interest
-- posted for a whole compound (fund_interest). Draws are not stored twice: they are the project's
-- maintenance_fund payments (009). How these become per-unit postings and balances (draws apportioned,
-- accounts never below zero, compound interest allocated by balances) is report code in
-- sql/schema/050-fund.sql, which reports and psql users share.
--
-- project_weights (009) holds the weights owners agreed for a project (an elevator's floor coefficients, the
-- ground floor often 0); a project with weights apportions its owners' and fund shares by them instead
-- of by floor area (ledger.project_unit_weights below; the rules are in ledger.check_project_rules, 009).

-- The tables are created with the ones they belong to, before 011 and 012, so the audit (insert batch,
-- triggers, TRUNCATE refused), row-level security and grants reach them as every load kind's table:
-- fund_deposits and fund_interest in 005-compounds (beside units), project_weights in 009-projects
-- (beside funding, with the project-rule triggers). This file holds what builds on them.

-- Usage: SELECT ledger.allocate_weights(100.00, ARRAY[0, 1, 1.2]) → {0.00,45.45,54.55}
CREATE FUNCTION ledger.allocate_weights(amount numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
-- SECURITY DEFINER as ledger.allocate: readers reach it through report views; it reads no table.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN ledger.allocate_checked(amount, weights, true);
COMMENT ON FUNCTION ledger.allocate_weights(numeric, numeric[]) IS
'ledger.allocate for weights that may be 0 (agreed weights, account balances): the §2.3 largest-remainder split '
'exact to the fen, ties in array order, a weight of 0 gets 0.00; the parts sum to the amount. Raises 22023 for '
'no weights, a negative or NULL weight, all weights 0, or more than 2 decimals. '
'Example: SELECT ledger.allocate_weights(0.01, ARRAY[0, 1, 1]) -- {0.00,0.01,0.00}';

-- The weight each unit of a project's scope is apportioned by: its agreed weight when the project has
-- weights (a missing one counts 0 here; the project rules refuse it), else its floor area.
CREATE VIEW ledger.project_unit_weights AS
SELECT u.project_code, u.district_code, u.compound_code, u.building, u.unit_no, u.floor_area_m2,
       w.weight AS agreed_weight,
       CASE WHEN h.has_weights THEN coalesce(w.weight, 0) ELSE u.floor_area_m2 END AS weight
FROM ledger.project_units AS u
CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM ledger.project_weights AS x WHERE x.project_code = u.project_code)
                    AS has_weights OFFSET 0) AS h
LEFT JOIN ledger.project_weights AS w
  ON w.project_code = u.project_code AND w.building = u.building AND w.unit_no = u.unit_no;
COMMENT ON VIEW ledger.project_unit_weights IS
  'Units in a project''s scope with the weight its shares are apportioned by: the agreed weight (project_weights) where the project has any, else the floor area (SPEC §2.3, §6).';

-- The load kinds (022's registry): the fund's two files after payments, weights after them.
INSERT INTO staging.load_kinds (kind, load_order, district_from, district_column, parent_kind, noun_en, noun_zh) VALUES
  ('fund_deposits',   20, 'parent', 'compound_code', 'compounds', 'fund posting',          '维修资金分户账记录'),
  ('fund_interest',   21, 'parent', 'compound_code', 'compounds', 'compound interest',     '维修资金小区增值收益'),
  ('project_weights', 22, 'parent', 'project_code',  'projects',  'apportionment weight',  '分摊系数');

INSERT INTO staging.load_columns (kind, column_name, position, label_zh)
SELECT c.kind, c.column_name, c.position::smallint, c.label_zh
FROM (VALUES
  ('projects', 15, 'emergency', '紧急情况'), ('projects', 16, 'emergency_category', '紧急类别'),
  ('projects', 17, 'emergency_reason', '紧急事由'), ('projects', 18, 'emergency_applicant', '申请人'),
  ('projects', 19, 'emergency_confirmed_by', '确认单位'), ('projects', 20, 'emergency_confirmed_on', '确认日期'),
  ('fund_deposits', 1, 'voucher_no', '凭证号'), ('fund_deposits', 2, 'compound_code', '小区编码'),
  ('fund_deposits', 3, 'building', '楼栋'), ('fund_deposits', 4, 'unit_no', '房号'), ('fund_deposits', 5, 'kind', '类别'),
  ('fund_deposits', 6, 'deposited_on', '交存日期'), ('fund_deposits', 7, 'amount_yuan', '金额'),
  ('fund_interest', 1, 'compound_code', '小区编码'), ('fund_interest', 2, 'posted_on', '记账日期'),
  ('fund_interest', 3, 'amount_yuan', '金额'),
  ('project_weights', 1, 'project_code', '项目编码'), ('project_weights', 2, 'building', '楼栋'),
  ('project_weights', 3, 'unit_no', '房号'), ('project_weights', 4, 'weight', '分摊系数')
) AS c (kind, position, column_name, label_zh);
