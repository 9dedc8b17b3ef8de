-- 030: maintenance fund accounts (住宅专项维修资金, SPEC §6) and agreed cost weights (Civil Code Art. 283).
--
-- The fund is kept per unit (分户账, 办法 Art. 10). What a bank statement or the fund office sends is
-- stored as it is: per-unit deposits, top-ups, interest lines and refunds (fund_deposits), interest
-- posted for a whole compound (fund_interest). Draws are not stored twice: they are the project's
-- maintenance_fund payments (009). How these become per-unit postings and balances (draws apportioned,
-- accounts never below zero, compound interest allocated by balances) is report code in
-- sql/schema/050-fund.sql, which reports and psql users share.
--
-- project_weights holds the weights owners agreed for a project (an elevator's floor coefficients, the
-- ground floor often 0); a project with weights apportions its owners' and fund shares by them instead
-- of by floor area (ledger.project_unit_weights below; the rules are in ledger.check_project_rules, 009).

CREATE TABLE ledger.fund_deposits (
  voucher_no    text NOT NULL,
  compound_code text NOT NULL,
  building      text NOT NULL,
  unit_no       text NOT NULL,
  district_code text NOT NULL,
  kind          text NOT NULL,
  deposited_on  date NOT NULL,
  amount_yuan   numeric(14,2) NOT NULL,
  CONSTRAINT fund_deposits_pkey PRIMARY KEY (voucher_no),
  CONSTRAINT fund_deposits_voucher_not_blank CHECK (btrim(voucher_no) <> ''),
  -- first_deposit 首期交存 (办法 Art. 7), top_up 续交 (Art. 17), interest 增值收益 (Art. 27), refund 返还 (Art. 29).
  CONSTRAINT fund_deposits_kind_known CHECK (kind IN ('first_deposit', 'top_up', 'interest', 'refund')),
  -- A refund takes money out of the account (negative); everything else puts it in.
  CONSTRAINT fund_deposits_amount_sign_matches_kind CHECK (CASE WHEN kind = 'refund' THEN amount_yuan < 0 ELSE amount_yuan > 0 END),
  CONSTRAINT fund_deposits_unit_fkey FOREIGN KEY (compound_code, building, unit_no)
    REFERENCES ledger.units (compound_code, building, unit_no) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT fund_deposits_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.fund_deposits IS 'A posting to one unit''s fund account (分户账): first deposit, top-up, interest line of a bank statement, or refund of a demolished unit (negative). Load kind: fund_deposits.';
CREATE INDEX fund_deposits_unit_idx ON ledger.fund_deposits (compound_code, building, unit_no);
CREATE INDEX fund_deposits_district_idx ON ledger.fund_deposits (district_code);

CREATE TABLE ledger.fund_interest (
  compound_code text NOT NULL,
  posted_on     date NOT NULL,
  district_code text NOT NULL,
  amount_yuan   numeric(14,2) NOT NULL,
  CONSTRAINT fund_interest_pkey PRIMARY KEY (compound_code, posted_on),
  CONSTRAINT fund_interest_amount_positive CHECK (amount_yuan > 0),
  CONSTRAINT fund_interest_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.fund_interest IS 'Interest posted for a whole compound when the bank gives no per-unit lines; allocated to its units by their balances at the end of the day before (SPEC §6; a fallback, not a national rule). Load kind: fund_interest.';
CREATE INDEX fund_interest_district_idx ON ledger.fund_interest (district_code);

CREATE TABLE ledger.project_weights (
  project_code  text NOT NULL,
  building      text NOT NULL,
  unit_no       text NOT NULL,
  district_code text NOT NULL,
  weight        numeric(12,4) NOT NULL,
  CONSTRAINT project_weights_pkey PRIMARY KEY (project_code, building, unit_no),
  CONSTRAINT project_weights_weight_not_negative CHECK (weight >= 0),
  CONSTRAINT project_weights_project_fkey FOREIGN KEY (project_code, district_code)
    REFERENCES ledger.projects (project_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.project_weights IS 'Agreed weight of a unit in a project''s apportionment (Civil Code Art. 283: a floor coefficient, an agreed share; 0 pays nothing). A project with weights gives every unit of its scope one, at least one > 0. Load kind: project_weights.';
CREATE INDEX project_weights_district_idx ON ledger.project_weights (district_code);

-- The project rules (009) run for weights as for shares and votes.
CREATE CONSTRAINT TRIGGER project_weights_project_rules_deferred
  AFTER INSERT OR UPDATE OR DELETE ON ledger.project_weights
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.project_rules_trigger();

-- Scope, grants and audit as 011 and 012 give every load kind's table (they read the catalogue when they
-- run, before these tables existed): district policies, loader INSERT/UPDATE, audit triggers keyed by the
-- primary key, TRUNCATE refused.
DO $$
DECLARE
  t text;
  args text;
  in_scope constant text := '(SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[])';
BEGIN
  FOREACH t IN ARRAY ARRAY['fund_deposits', 'fund_interest', 'project_weights'] LOOP
    EXECUTE format('ALTER TABLE ledger.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE ledger.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON ledger.%I FOR ALL USING (%s) WITH CHECK (%s)', t || '_district_scope', t, in_scope, in_scope);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE ON ledger.%I TO propledger_loader', t);
    SELECT string_agg(quote_literal(a.attname), ', ' ORDER BY k.n) INTO args
    FROM pg_catalog.pg_index AS i
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
    JOIN pg_catalog.pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = format('ledger.%I', t)::regclass AND i.indisprimary;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON ledger.%I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%s)', t || '_audit_insert', t, args);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON ledger.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%s)', t || '_audit_update', t, args);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON ledger.%I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION audit.record_changes(%s)', t || '_audit_delete', t, args);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON ledger.%I FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_truncate()',
                   t || '_refuse_truncate', t);
  END LOOP;
END
$$;

-- Usage: SELECT ledger.allocate_weights(100.00, ARRAY[0, 1, 1.2]) → {0.00,45.45,54.55}
CREATE FUNCTION ledger.allocate_weights(amount numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
-- SECURITY DEFINER as ledger.allocate: readers reach it through report views; it reads no table.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  i integer;
  total numeric := 0;
BEGIN
  IF coalesce(array_length(weights, 1), 0) = 0 THEN
    RAISE EXCEPTION 'nothing to allocate % over: no weights', amount USING ERRCODE = '22023';
  END IF;
  IF amount <> trunc(amount, 2) THEN
    RAISE EXCEPTION 'amount % has more than 2 decimals: money is exact to the fen', amount USING ERRCODE = '22023';
  END IF;
  FOR i IN array_lower(weights, 1) .. array_upper(weights, 1) LOOP
    IF weights[i] IS NULL OR weights[i] < 0 THEN
      RAISE EXCEPTION 'weight % is %: every weight must be 0 or more', i - array_lower(weights, 1) + 1,
        coalesce(weights[i]::text, 'NULL') USING ERRCODE = '22023';
    END IF;
    total := total + weights[i];
  END LOOP;
  IF total = 0 THEN
    RAISE EXCEPTION 'every weight is 0: nothing to allocate % by', amount
      USING ERRCODE = '22023', HINT = 'Give at least one weight above 0.';
  END IF;
  -- The §2.3 rule itself (ledger.largest_remainder, as ledger.allocate): a weight of 0 has no
  -- remainder, so it ranks after every positive one and never receives a leftover fen.
  RETURN (SELECT array_agg(sign(amount) * fen * 0.01 ORDER BY ord)
          FROM unnest(ledger.largest_remainder(abs(amount) * 100, weights)) WITH ORDINALITY AS p(fen, ord));
END
$$;
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
