-- 002: the rules the ledger applies, by jurisdiction and date (SPEC §10), and the exact computations
-- built on them (SPEC §2.1–§2.4, §2.10).
--
-- ledger.rules holds every rule parameter (committee sizes and terms, vote thresholds and the law by
-- date, fund thresholds, notice periods, lead times), each row citing its article; the functions below
-- and the checks of later migrations read it. Then USCC check characters, owners' votes,
-- largest-remainder allocation, percent splits and a natural sort key. Runs as propledger_owner inside
-- the runner's transaction.
--
-- These are the rules' one implementation (Swift keeps only Vote.swift for `vote check` without a
-- database, its thresholds checked against ledger.rules by a test); the case files in
-- Tests/LedgerCoreTests/Cases/ run against them (the *SQLTests suites, beside independent reference
-- checks in Tests/LedgerCoreTests/Reference/, and sql/tests/002-computations.sql).
-- Bad input raises SQLSTATE 22023 (invalid_parameter_value) with a message that
-- says what was wrong; no float ever touches money, areas or percents.

-- Triggers ---------------------------------------------------------------------
--
-- Usage (in a migration): SELECT ledger.create_change_triggers('ledger.units', 'units_audit', 'audit.record_changes', ARRAY['compound_code']);
-- The three AFTER … FOR EACH STATEMENT triggers of one function on one table, each with its statement's
-- transition tables (new_rows after INSERT, old_rows and new_rows after UPDATE, old_rows after DELETE: a
-- trigger with transition tables serves one event), named PREFIX_insert, PREFIX_update and PREFIX_delete, each
-- calling FUNCTION(ARGS). The project-rule queue (009), the audit (011) and the stale marks of the kept results
-- (034) are made by it.
CREATE FUNCTION ledger.create_change_triggers(p_table regclass, p_prefix text, p_function regproc, p_args text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  args constant text := coalesce((SELECT string_agg(quote_literal(a), ', ' ORDER BY n)
                                  FROM unnest(p_args) WITH ORDINALITY AS u(a, n)), '');
BEGIN
  EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION %s(%s)', p_prefix || '_insert', p_table, p_function, args);
  EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION %s(%s)', p_prefix || '_update', p_table, p_function, args);
  EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
                  FOR EACH STATEMENT EXECUTE FUNCTION %s(%s)', p_prefix || '_delete', p_table, p_function, args);
END
$$;
COMMENT ON FUNCTION ledger.create_change_triggers(regclass, text, regproc, text[]) IS
  'For migrations: the AFTER INSERT, UPDATE and DELETE statement triggers PREFIX_insert|update|delete of a function on a table, with transition tables new_rows/old_rows.';
REVOKE ALL ON FUNCTION ledger.create_change_triggers(regclass, text, regproc, text[]) FROM PUBLIC;

-- §10 Rules by jurisdiction and date ----------------------------------------------
--
-- Every parameter a rule of the ledger depends on (committee sizes and terms, vote thresholds, fund
-- thresholds, notice periods, lead times, emergency categories) is a row of ledger.rules, keyed by
-- jurisdiction and the date from which it applies, citing its article. Nothing else in SQL or Swift
-- states these numbers (a Swift test lists the parameters the code reads and checks each is here).
--
-- A district falls under every jurisdiction whose code is a prefix of its GB/T 2260 code (3301 杭州,
-- then 33 浙江) and finally `national`. A parameter is read as of the date of the fact (a committee's
-- term_start, a vote's held_on): the most specific jurisdiction with a row in force on that date wins.
-- A row whose value is NULL says "no such limit here" and overrides a wider jurisdiction's value;
-- a jurisdiction with no row for a parameter follows the wider one ("as national").
-- Adding a jurisdiction is a data change: a migration inserting its ledger.jurisdictions row and its
-- ledger.rules rows, each with its citation (013-local-rules.sql is the example; docs/rules.md says how).

CREATE TABLE ledger.jurisdictions (
  jurisdiction  text PRIMARY KEY,
  name_zh       text NOT NULL,
  name_en       text NOT NULL,
  CONSTRAINT jurisdictions_code_form CHECK (jurisdiction = 'national' OR jurisdiction ~ '^([0-9]{2}){1,3}$')
);
COMMENT ON TABLE ledger.jurisdictions IS
  'A jurisdiction whose rules the ledger applies: national, or a GB/T 2260 code prefix (11 北京, 31 上海, 3301 杭州, 33 浙江) matching its districts'' codes.';

-- What each parameter means and how its value is written:
--   integer, number (a decimal), boolean (true/false), text (a code), list (codes separated by commas),
--   threshold: a comparison with an exact fraction, `>=2/3`, `>1/2`, `<3/10` (part against whole).
CREATE TABLE ledger.rule_parameters (
  parameter      text PRIMARY KEY,
  value_type     text NOT NULL,
  description_en text NOT NULL,
  description_zh text NOT NULL,
  CONSTRAINT rule_parameters_name_form CHECK (parameter ~ '^[a-z_]+\.[a-z0-9_]+$'),
  CONSTRAINT rule_parameters_value_type_known CHECK
    (value_type IN ('integer', 'number', 'boolean', 'text', 'list', 'threshold')),
  CONSTRAINT rule_parameters_value_type_key UNIQUE (parameter, value_type)
);
COMMENT ON TABLE ledger.rule_parameters IS 'Every rule parameter the ledger reads from ledger.rules, with its value type and meaning.';

-- Usage: SELECT ledger.rule_value_fits('threshold', '>=2/3'); → true
CREATE FUNCTION ledger.rule_value_fits(value_type text, value text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN value IS NULL OR CASE value_type
  WHEN 'integer' THEN value ~ '^[0-9]{1,9}$'
  WHEN 'number' THEN value ~ '^[0-9]{1,12}(\.[0-9]{1,4})?$'
  WHEN 'boolean' THEN value IN ('true', 'false')
  WHEN 'text' THEN value ~ '^[a-z0-9_]+$'
  WHEN 'list' THEN value ~ '^[a-z0-9_]+(,[a-z0-9_]+)*$'
  WHEN 'threshold' THEN value ~ '^(>=|>|<=|<)[0-9]{1,4}/[1-9][0-9]{0,3}$'
  ELSE false END;
COMMENT ON FUNCTION ledger.rule_value_fits(text, text) IS
  'True when a rule value is written as its type requires (NULL fits every type: no such limit).';

CREATE TABLE ledger.rules (
  jurisdiction   text NOT NULL,
  parameter      text NOT NULL,
  effective_from date NOT NULL,
  value_type     text NOT NULL,
  value          text,
  general        boolean NOT NULL DEFAULT false,
  source_zh      text NOT NULL,
  source_en      text NOT NULL,
  CONSTRAINT rules_pkey PRIMARY KEY (jurisdiction, parameter, effective_from),
  CONSTRAINT rules_jurisdiction_fkey FOREIGN KEY (jurisdiction) REFERENCES ledger.jurisdictions (jurisdiction),
  CONSTRAINT rules_parameter_fkey FOREIGN KEY (parameter, value_type)
    REFERENCES ledger.rule_parameters (parameter, value_type),
  CONSTRAINT rules_value_fits_type CHECK (ledger.rule_value_fits(value_type, value)),
  CONSTRAINT rules_source_given CHECK (source_zh <> '' AND source_en <> '')
);
COMMENT ON TABLE ledger.rules IS
  'Rule parameters by jurisdiction and effective date, each citing its article (SPEC §10). value NULL = no such limit here; general = the text says 一般 (generally): exceeding it is a warning, not a refusal.';
COMMENT ON COLUMN ledger.rules.value_type IS 'The parameter''s value type (ledger.rule_parameters), repeated so the CHECK can read it.';

-- Usage: SELECT * FROM ledger.jurisdiction_chain('330106'); → (3301, 1), (33, 2), (national, 3)
-- The jurisdictions a district falls under, most specific first; NULL district: national only.
-- PL/pgSQL running one statement, as ledger.largest_remainder: called from ledger.rule_in_force's PL/pgSQL,
-- a SQL function was planned again on every call (36 → 10 µs a call; every rule look-up goes through it).
CREATE FUNCTION ledger.jurisdiction_chain(p_district text)
RETURNS TABLE (jurisdiction text, depth integer)
LANGUAGE plpgsql STABLE PARALLEL SAFE
-- SECURITY DEFINER: readers (no USAGE on ledger) reach the rules through report views; the rules are
-- public law, with no district rows to protect.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY
  SELECT j.jurisdiction,
         (row_number() OVER (ORDER BY j.jurisdiction = 'national', length(j.jurisdiction) DESC))::integer
  FROM ledger.jurisdictions AS j
  WHERE j.jurisdiction = 'national' OR starts_with(p_district, j.jurisdiction);
END
$$;
COMMENT ON FUNCTION ledger.jurisdiction_chain(text) IS
  'The jurisdictions whose rules reach a district (longest GB/T 2260 code prefix first, national last).';

-- Usage: SELECT ledger.jurisdiction_of('110105'); → '11'
CREATE FUNCTION ledger.jurisdiction_of(p_district text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT c.jurisdiction FROM ledger.jurisdiction_chain(p_district) AS c WHERE c.depth = 1);
COMMENT ON FUNCTION ledger.jurisdiction_of(text) IS 'The most specific jurisdiction of a district (national when no prefix matches).';

-- Usage: SELECT * FROM ledger.rules_in_force('310104', ARRAY['owners_committee.members_min', 'owners_committee.term_min_years'], '2022-01-01');
-- The rows of the parameters given in force for a district on a date, one per parameter that applies: of the
-- jurisdictions reaching the district, the most specific one that has a row of it effective on that date, and
-- its latest such row. No row for a parameter: it does not apply there and then. An unknown parameter raises
-- 22023, so a misspelt name in code fails loudly instead of reading as "no rule". The one definition of "in
-- force": ledger.rule_in_force is this for one parameter; a caller needing several (a committee's size and term
-- limits) reads them in one call.
CREATE FUNCTION ledger.rules_in_force(p_district text, p_parameters text[], p_on date)
RETURNS TABLE (jurisdiction text, parameter text, effective_from date, value text, general boolean,
               source_zh text, source_en text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SECURITY DEFINER  -- as ledger.jurisdiction_chain
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  unknown text := (SELECT g.p FROM unnest(p_parameters) AS g (p)
                   WHERE NOT EXISTS (SELECT 1 FROM ledger.rule_parameters AS k WHERE k.parameter = g.p) LIMIT 1);
BEGIN
  IF unknown IS NOT NULL OR array_position(p_parameters, NULL) IS NOT NULL THEN
    RAISE EXCEPTION 'unknown rule parameter "%"', unknown
      USING ERRCODE = '22023', HINT = 'The parameters are the rows of ledger.rule_parameters (propledger rules lists them).';
  END IF;
  RETURN QUERY
    SELECT DISTINCT ON (r.parameter) r.jurisdiction, r.parameter, r.effective_from, r.value, r.general, r.source_zh, r.source_en
    FROM ledger.jurisdiction_chain(p_district) AS c
    JOIN ledger.rules AS r ON r.jurisdiction = c.jurisdiction AND r.parameter = ANY (p_parameters)
                          AND r.effective_from <= p_on
    ORDER BY r.parameter, c.depth, r.effective_from DESC;
END
$$;
COMMENT ON FUNCTION ledger.rules_in_force(text, text[], date) IS
  'The ledger.rules rows of the parameters given in force for a district (NULL: national only) on a date, one per parameter that applies. Raises 22023 for an unknown parameter.';

-- Usage: SELECT * FROM ledger.rule_in_force('310104', 'owners_committee.term_min_years', '2022-01-01');
-- ledger.rules_in_force of one parameter: its row in force for a district on a date, or no row.
CREATE FUNCTION ledger.rule_in_force(p_district text, p_parameter text, p_on date)
RETURNS TABLE (jurisdiction text, parameter text, effective_from date, value text, general boolean,
               source_zh text, source_en text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SECURITY DEFINER  -- as ledger.jurisdiction_chain
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN QUERY SELECT * FROM ledger.rules_in_force(p_district, ARRAY[p_parameter], p_on);
END
$$;
COMMENT ON FUNCTION ledger.rule_in_force(text, text, date) IS
  'The ledger.rules row of a parameter in force for a district (NULL: national only) on a date; no row when none applies. Raises 22023 for an unknown parameter.';

-- Usage: SELECT ledger.rule_value('110105', 'owners_committee.members_max', '2024-01-01'); → NULL (no upper limit)
CREATE FUNCTION ledger.rule_value(p_district text, p_parameter text, p_on date) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN (SELECT r.value FROM ledger.rule_in_force(p_district, p_parameter, p_on) AS r);
COMMENT ON FUNCTION ledger.rule_value(text, text, date) IS
  'The value (text, as stored) of a parameter in force for a district on a date; NULL when no limit or no rule applies.';

-- Usage: SELECT * FROM ledger.threshold_parts('<3/10'); → ('<', 3, 10)
-- A threshold parsed once, so that a query comparing many rows against it (the fund's top-up threshold per
-- unit) compares them with ledger.meets_parts, plain SQL, instead of calling ledger.meets per row.
CREATE FUNCTION ledger.threshold_parts(threshold text, OUT op text, OUT a numeric, OUT b numeric)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m text[] := regexp_match(threshold, '^(>=|>|<=|<)([0-9]+)/([0-9]+)$');
BEGIN
  IF m IS NULL OR m[3]::numeric = 0 THEN
    RAISE EXCEPTION 'not a threshold: "%"', threshold
      USING ERRCODE = '22023', HINT = 'Write a threshold as >=2/3, >1/2, <3/10 or <=1/2.';
  END IF;
  op := m[1];
  a := m[2]::numeric;
  b := m[3]::numeric;
END
$$;
COMMENT ON FUNCTION ledger.threshold_parts(text) IS
  'A threshold such as >=2/3, >1/2, <3/10 or <=1/2 parsed: its comparison and the fraction a/b. Raises 22023 for anything else (or b = 0); NULLs for NULL.';

-- Usage: SELECT ledger.meets_parts(200, 300, '>=', 2, 3); → true
-- part/whole ? a/b  ⇔  b·part ? a·whole (exact). A whole of zero or less meets nothing. No SET clause and one
-- SQL expression: it is inlined into the query that calls it once per row.
CREATE FUNCTION ledger.meets_parts(part numeric, whole numeric, op text, a numeric, b numeric) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN part IS NULL OR whole IS NULL OR op IS NULL THEN NULL
            WHEN whole <= 0 THEN false
            WHEN op = '>=' THEN b * part >= a * whole
            WHEN op = '>' THEN b * part > a * whole
            WHEN op = '<=' THEN b * part <= a * whole
            ELSE b * part < a * whole END;
COMMENT ON FUNCTION ledger.meets_parts(numeric, numeric, text, numeric, numeric) IS
  'Whether part/whole satisfies the threshold parsed by ledger.threshold_parts (op, a, b), in exact arithmetic; false when whole <= 0; NULL when part, whole or op is NULL.';

-- Usage: SELECT ledger.meets(200, 300, '>=2/3'); → true
-- Whether part/whole satisfies a threshold, compared exactly (3·part >= 2·whole). A whole of zero or
-- less meets nothing (nobody taking part approves nothing). NULL when part, whole or threshold is NULL.
CREATE FUNCTION ledger.meets(part numeric, whole numeric, threshold text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  t record;
BEGIN
  IF part IS NULL OR whole IS NULL OR threshold IS NULL THEN
    RETURN NULL;
  END IF;
  t := ledger.threshold_parts(threshold);
  RETURN ledger.meets_parts(part, whole, t.op, t.a, t.b);
END
$$;
COMMENT ON FUNCTION ledger.meets(numeric, numeric, text) IS
  'Whether part/whole satisfies a threshold such as >=2/3, >1/2 or <3/10, in exact arithmetic; false when whole <= 0 (ledger.threshold_parts, ledger.meets_parts).';

-- The national rows (the local ones are in 013-local-rules.sql). Each parameter is read by the code
-- named in its description; docs/rules.md prints this table.
INSERT INTO ledger.jurisdictions (jurisdiction, name_zh, name_en) VALUES ('national', '全国', 'national');

INSERT INTO ledger.rule_parameters (parameter, value_type, description_en, description_zh) VALUES
  ('owners_committee.members_min', 'integer', 'owners'' committee: fewest members', '业主委员会委员人数下限'),
  ('owners_committee.members_max', 'integer', 'owners'' committee: most members (none: no upper limit)', '业主委员会委员人数上限（空：不设上限）'),
  ('owners_committee.members_odd', 'boolean', 'owners'' committee: an odd number of members', '业主委员会委员人数为单数'),
  ('owners_committee.small_members_min', 'integer', 'owners'' committee of a small compound: fewest members', '规模较小的小区业主委员会委员人数下限'),
  ('owners_committee.small_households_max', 'integer', 'a compound is small with at most this many households', '户数不超过此数的小区为规模较小'),
  ('owners_committee.small_area_max_m2', 'number', 'a compound is small with at most this floor area (m²)', '建筑面积不超过此数（平方米）的小区为规模较小'),
  ('owners_committee.term_min_years', 'integer', 'owners'' committee: shortest term (years)', '业主委员会任期下限（年）'),
  ('owners_committee.term_max_years', 'integer', 'owners'' committee: longest term (years)', '业主委员会任期上限（年）'),
  ('management_committee.members_min', 'integer', 'property management committee (物管会): fewest members', '物业管理委员会委员人数下限'),
  ('management_committee.members_max', 'integer', 'property management committee: most members', '物业管理委员会委员人数上限'),
  ('management_committee.members_odd', 'boolean', 'property management committee: an odd number of members', '物业管理委员会委员人数为单数'),
  ('management_committee.owner_members_share', 'threshold', 'property management committee: share of owner representatives', '物业管理委员会中业主代表所占比例'),
  ('management_committee.term_min_years', 'integer', 'property management committee: shortest term (years)', '物业管理委员会任期下限（年）'),
  ('management_committee.term_max_years', 'integer', 'property management committee: longest term (years)', '物业管理委员会任期上限（年）'),
  ('management_committee.handover_days', 'integer', 'days a property management committee may overlap the owners'' committee that succeeds it', '物业管理委员会与其后成立的业主委员会可交接重叠的天数'),
  ('committee.reelection_lead_days', 'integer', 'days before a term ends that re-election is due (committees --days)', '任期届满前应启动换届的天数'),
  ('vote.law', 'text', 'the law owners'' votes are judged by', '业主共同决定适用的法律'),
  ('vote.quorum', 'threshold', 'quorum: share of the area and of the owners taking part (none: no quorum)', '参与表决的专有部分面积和人数比例（空：无参与门槛）'),
  ('vote.approval_base', 'text', 'approval is counted against the participating or the total area and owners', '同意比例的计算基数：参与表决者（participating）或全体业主（total）'),
  ('vote.special_matters', 'list', 'matters that need the special majority', '须经特别多数同意的事项'),
  ('vote.special_approval', 'threshold', 'approval needed for the special matters', '特别事项的同意比例'),
  ('vote.ordinary_approval', 'threshold', 'approval needed for every other matter', '其他事项的同意比例'),
  ('fund.topup_threshold', 'threshold', 'a unit must top up its fund account when its balance against the base is', '分户账余额与基数之比达到此条件时应续交'),
  ('fund.topup_base', 'text', 'the base of the top-up threshold (first_deposit, or principal_and_interest)', '续交比例的基数：首期交存额（first_deposit）或本息（principal_and_interest）'),
  ('fund.topup_default_target', 'threshold', 'without an owners'' decision, top up to this share of the first deposit', '业主未作决定时续交至首期交存额的比例'),
  ('fund.topup_default_after_days', 'integer', 'days without a decision after which the default top-up applies', '未作续交决定的天数，超过后按默认比例续交'),
  ('fund.emergency_categories', 'list', 'the closed list of emergencies that allow fund use without a vote (none: open)', '可不经表决使用维修资金的紧急情况（空：不设封闭清单）'),
  ('notice.decision_days', 'integer', 'days within which the owners'' assembly''s or committee''s decisions are published', '业主大会、业主委员会决定的公告期限（日）'),
  ('notice.management_committee_decision_working_days', 'integer', 'working days within which a property management committee''s decisions are published', '物业管理委员会决定的公示期限（工作日）'),
  ('notice.meeting_days', 'integer', 'days before an owners'' assembly meeting that it is announced', '业主大会会议召开前通知的天数'),
  ('party_org.branch_min_formal_members', 'integer', 'formal Party members needed to form a branch', '成立党支部所需正式党员人数');

-- National rows. value NULL: no such limit.
INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, general, source_zh, source_en)
SELECT r.jurisdiction, r.parameter, r.effective_from::date, p.value_type, r.value, r.general, r.source_zh, r.source_en
FROM (VALUES
  ('national', 'owners_committee.members_min', '2010-01-01', '5', false, '业主大会和业主委员会指导规则 第三十一条', 'Guidance rules for owners'' assemblies and committees, Art. 31'),
  ('national', 'owners_committee.members_max', '2010-01-01', '11', false, '业主大会和业主委员会指导规则 第三十一条', 'Guidance rules, Art. 31'),
  ('national', 'owners_committee.members_odd', '2010-01-01', 'true', false, '业主大会和业主委员会指导规则 第三十一条', 'Guidance rules, Art. 31'),
  ('national', 'owners_committee.term_max_years', '2010-01-01', '5', false, '业主大会和业主委员会指导规则 第三十二条', 'Guidance rules, Art. 32'),
  ('national', 'committee.reelection_lead_days', '2010-01-01', '90', false, '业主大会和业主委员会指导规则 第四十条（任期届满前三个月组织换届）', 'Guidance rules, Art. 40 (re-election organised three months before the term ends)'),
  ('national', 'vote.law', '2007-10-01', 'property_law_76', false, '物权法 第七十六条', 'Property Law, Art. 76'),
  ('national', 'vote.quorum', '2007-10-01', NULL, false, '物权法 第七十六条（无参与门槛）', 'Property Law, Art. 76 (no quorum)'),
  ('national', 'vote.approval_base', '2007-10-01', 'total', false, '物权法 第七十六条；建筑物区分所有权司法解释 第七条', 'Property Law, Art. 76; SPC interpretation on building ownership, Art. 7'),
  ('national', 'vote.special_matters', '2007-10-01', 'raise_fund,use_fund,renovate', false, '物权法 第七十六条第二款', 'Property Law, Art. 76 ¶2'),
  ('national', 'vote.special_approval', '2007-10-01', '>=2/3', false, '物权法 第七十六条第二款（三分之二以上）', 'Property Law, Art. 76 ¶2 (two thirds or more)'),
  ('national', 'vote.ordinary_approval', '2007-10-01', '>1/2', false, '物权法 第七十六条第二款（过半数）', 'Property Law, Art. 76 ¶2 (more than half)'),
  ('national', 'vote.law', '2021-01-01', 'civil_code_278', false, '民法典 第二百七十八条', 'Civil Code, Art. 278'),
  ('national', 'vote.quorum', '2021-01-01', '>=2/3', false, '民法典 第二百七十八条第二款', 'Civil Code, Art. 278 ¶2'),
  ('national', 'vote.approval_base', '2021-01-01', 'participating', false, '民法典 第二百七十八条第二款', 'Civil Code, Art. 278 ¶2'),
  ('national', 'vote.special_matters', '2021-01-01', 'raise_fund,renovate,change_use', false, '民法典 第二百七十八条第一款第六至八项', 'Civil Code, Art. 278 ¶1 items 6–8'),
  ('national', 'vote.special_approval', '2021-01-01', '>=3/4', false, '民法典 第二百七十八条第二款（四分之三以上）', 'Civil Code, Art. 278 ¶2 (three quarters or more)'),
  ('national', 'vote.ordinary_approval', '2021-01-01', '>1/2', false, '民法典 第二百七十八条第二款（过半数）', 'Civil Code, Art. 278 ¶2 (more than half)'),
  ('national', 'fund.topup_threshold', '2008-02-01', '<3/10', false, '住宅专项维修资金管理办法 第十七条（余额不足首期交存额30%）', 'Measures on the maintenance fund, Art. 17 (balance below 30 % of the first deposit)'),
  ('national', 'fund.topup_base', '2008-02-01', 'first_deposit', false, '住宅专项维修资金管理办法 第十七条', 'Measures on the maintenance fund, Art. 17'),
  ('national', 'fund.emergency_categories', '2008-02-01', NULL, false, '住宅专项维修资金管理办法 第二十四条（未设封闭清单）', 'Measures on the maintenance fund, Art. 24 (no closed list)'),
  ('national', 'notice.meeting_days', '2003-09-01', '15', false, '物业管理条例 第十四条', 'Property Management Regulations, Art. 14'),
  -- Also the constant of the CHECK party_orgs_formal_members_enough_for_form (007), which cannot read a
  -- table; sql/tests/007-committees.sql holds the two equal.
  ('national', 'party_org.branch_min_formal_members', '1982-09-06', '3', false, '中国共产党章程 第三十条（正式党员三人以上的，应当成立党的基层组织）', 'Constitution of the Communist Party of China, Art. 30 (three or more formal members form a primary organisation)')
) AS r (jurisdiction, parameter, effective_from, value, general, source_zh, source_en)
LEFT JOIN ledger.rule_parameters AS p ON p.parameter = r.parameter;  -- a misspelt parameter leaves value_type NULL: refused

-- §2.1 USCC ------------------------------------------------------------------

CREATE FUNCTION ledger.uscc_check_char(code text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  WITH chars AS (
    SELECT i, strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, i, 1)) - 1 AS value
    FROM pg_catalog.generate_series(1, 17) AS i
  )
  SELECT CASE
    WHEN pg_catalog.char_length(code) NOT IN (17, 18) THEN NULL
    WHEN pg_catalog.bool_or(value < 0) THEN NULL
    -- weights 3^(i-1) mod 31, written out
    ELSE substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                (31 - (sum(value * ('{1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28}'::int[])[i]) % 31)::int) % 31 + 1, 1)
  END
  FROM chars
$$;

COMMENT ON FUNCTION ledger.uscc_check_char(text) IS
'The GB 32100-2015 check character of a unified social credit code, computed from its first 17 '
'characters; the code may have 17 or 18 characters (an 18th is ignored). NULL when the length is '
'wrong or one of the first 17 is outside 0-9A-HJ-NPQRTUWXY (upper case only). '
'Example: SELECT ledger.uscc_check_char(''91350100M000100Y4'') -- ''3''';

CREATE FUNCTION ledger.uscc_is_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT pg_catalog.char_length(code) = 18
     AND coalesce(ledger.uscc_check_char(code) = substr(code, 18, 1), false)
$$;

COMMENT ON FUNCTION ledger.uscc_is_valid(text) IS
'True when the text is an 18-character USCC whose check character is right (GB 32100-2015, SPEC §2.1). '
'Use in CHECK constraints: CHECK (ledger.uscc_is_valid(uscc)). '
'Example: SELECT ledger.uscc_is_valid(''91350100M000100Y43'') -- true';

-- §2.2 Owners' votes ---------------------------------------------------------

-- Usage: SELECT * FROM ledger.vote_evaluate_under('use_fund', '>=2/3', 'participating', 'raise_fund,renovate,change_use', '>=3/4', '>1/2', 10000, 120, 8000, 100, 6000, 70);
-- Evaluates a vote under the thresholds of a law (a row of ledger.vote_laws): quorum (NULL = none) on the
-- participating area and owners against the totals; approval against the participating or the total
-- area and owners (approval_base); special_matters need special_approval, the rest ordinary_approval.
CREATE FUNCTION ledger.vote_evaluate_under(
  matter text, quorum text, approval_base text, special_matters text, special_approval text, ordinary_approval text,
  total_area numeric, total_owners integer,
  participating_area numeric, participating_owners integer,
  approving_area numeric, approving_owners integer,
  OUT quorum_area_met boolean, OUT quorum_owners_met boolean,
  OUT approval_area_met boolean, OUT approval_owners_met boolean,
  OUT passed boolean)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
-- SECURITY DEFINER: readers (no USAGE on ledger) reach it through report.votes; it reads no table.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  approval text;
BEGIN
  IF matter IS NULL OR matter NOT IN ('use_fund', 'raise_fund', 'renovate', 'change_use', 'select_company', 'elect_committee', 'other') THEN
    RAISE EXCEPTION 'unknown vote matter "%"', matter
      USING ERRCODE = '22023',
            HINT = 'Use one of use_fund, raise_fund, renovate, change_use, select_company, elect_committee, other.';
  END IF;
  IF approval_base IS NULL OR approval_base NOT IN ('participating', 'total') OR special_approval IS NULL OR ordinary_approval IS NULL THEN
    RAISE EXCEPTION 'incomplete vote law: approval base %, special approval %, ordinary approval %',
      approval_base, special_approval, ordinary_approval USING ERRCODE = '22023';
  END IF;
  IF num_nulls(total_area, total_owners, participating_area, participating_owners, approving_area, approving_owners) > 0 THEN
    RAISE EXCEPTION 'a vote needs all six numbers' USING ERRCODE = '22023';
  END IF;
  IF least(total_area, participating_area, approving_area) < 0
     OR least(total_owners, participating_owners, approving_owners) < 0 THEN
    RAISE EXCEPTION 'vote numbers must not be negative (areas %, %, %; owners %, %, %)',
      total_area, participating_area, approving_area, total_owners, participating_owners, approving_owners
      USING ERRCODE = '22023';
  END IF;
  IF total_owners = 0 THEN
    RAISE EXCEPTION 'total owners is zero: a vote needs at least one owner' USING ERRCODE = '22023';
  END IF;
  IF total_area = 0 THEN
    RAISE EXCEPTION 'total area is zero: a vote needs the exclusive area of the compound' USING ERRCODE = '22023';
  END IF;
  IF participating_area > total_area THEN
    RAISE EXCEPTION 'participating area % exceeds total area %', participating_area, total_area
      USING ERRCODE = '22023';
  END IF;
  IF participating_owners > total_owners THEN
    RAISE EXCEPTION 'participating owners % exceed total owners %', participating_owners, total_owners
      USING ERRCODE = '22023';
  END IF;
  IF approving_area > participating_area THEN
    RAISE EXCEPTION 'approving area % exceeds participating area %', approving_area, participating_area
      USING ERRCODE = '22023';
  END IF;
  IF approving_owners > participating_owners THEN
    RAISE EXCEPTION 'approving owners % exceed participating owners %', approving_owners, participating_owners
      USING ERRCODE = '22023';
  END IF;

  -- "以上" includes the number itself (>=); "过半数" is strictly more (>). Exact: ledger.meets.
  quorum_area_met := quorum IS NULL OR ledger.meets(participating_area, total_area, quorum);
  quorum_owners_met := quorum IS NULL OR ledger.meets(participating_owners, total_owners, quorum);
  approval := CASE WHEN matter = ANY (string_to_array(special_matters, ',')) THEN special_approval ELSE ordinary_approval END;
  IF approval_base = 'participating' THEN
    approval_area_met := ledger.meets(approving_area, participating_area, approval);
    approval_owners_met := ledger.meets(approving_owners, participating_owners, approval);
  ELSE
    approval_area_met := ledger.meets(approving_area, total_area, approval);
    approval_owners_met := ledger.meets(approving_owners, total_owners, approval);
  END IF;
  passed := quorum_area_met AND quorum_owners_met AND approval_area_met AND approval_owners_met;
END
$$;
COMMENT ON FUNCTION ledger.vote_evaluate_under(text, text, text, text, text, text, numeric, integer, numeric, integer, numeric, integer) IS
'Evaluates an owners'' joint decision under the thresholds of one law (a row of ledger.vote_laws). Exact '
'comparisons (ledger.meets). Raises 22023 for an unknown matter, an incomplete law, negative numbers, zero '
'total owners or area, participants above the totals, or approvals above the participants.';

-- The laws owners' votes are judged by, one row per period, pivoted from the national vote.* rows of
-- ledger.rules: the Property Law (Art. 76) from 2007-10-01, the Civil Code (Art. 278) from 2021-01-01.
-- Kept (issues 16, 18): every project check reads ledger.vote_laws once through ledger.votes_evaluated, and the
-- pivot makes 16 rule look-ups (~2.5 ms: half of ledger.check_project_rules; 2,000 projects at city 2.4 s →
-- 1.1 s read from a table). So the pivot is ledger.vote_laws_compute(), its rows are kept in
-- staging.vote_laws_kept, rewritten by a statement trigger whenever ledger.rules changes (the later migrations'
-- rules too), and ledger.vote_laws reads them (pgTAP 047-vote-laws-kept changes the rules and compares).

-- Usage: SELECT * FROM ledger.vote_laws_compute();
-- The law of owners' votes by period, from the national vote.* rows of ledger.rules: the Property Law (Art. 76)
-- from 2007-10-01, the Civil Code (Art. 278) from 2021-01-01.
CREATE FUNCTION ledger.vote_laws_compute()
RETURNS TABLE (valid_from date, valid_until date, law text, quorum text, approval_base text, special_matters text,
               special_approval text, ordinary_approval text, source_zh text, source_en text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT d.valid_from,
         lead(d.valid_from) OVER (ORDER BY d.valid_from),
         ledger.rule_value(NULL, 'vote.law', d.valid_from),
         ledger.rule_value(NULL, 'vote.quorum', d.valid_from),
         ledger.rule_value(NULL, 'vote.approval_base', d.valid_from),
         ledger.rule_value(NULL, 'vote.special_matters', d.valid_from),
         ledger.rule_value(NULL, 'vote.special_approval', d.valid_from),
         ledger.rule_value(NULL, 'vote.ordinary_approval', d.valid_from),
         l.source_zh, l.source_en
  FROM (SELECT DISTINCT r.effective_from AS valid_from FROM ledger.rules AS r
        WHERE r.jurisdiction = 'national' AND r.parameter LIKE 'vote.%') AS d
  LEFT JOIN LATERAL ledger.rule_in_force(NULL, 'vote.law', d.valid_from) AS l ON true
$$;
COMMENT ON FUNCTION ledger.vote_laws_compute() IS
  'The law of owners'' votes in force from valid_from until (not including) valid_until, with its thresholds, pivoted from ledger.rules (SPEC §2.2, §10); kept in staging.vote_laws_kept, read as ledger.vote_laws.';

CREATE TABLE staging.vote_laws_kept (
  valid_from        date PRIMARY KEY,
  valid_until       date,
  law               text,
  quorum            text,
  approval_base     text,
  special_matters   text,
  special_approval  text,
  ordinary_approval text,
  source_zh         text,
  source_en         text
);
COMMENT ON TABLE staging.vote_laws_kept IS
  'The rows of ledger.vote_laws_compute(), rewritten by the statement trigger rules_keep_vote_laws whenever ledger.rules changes; read as ledger.vote_laws. Owner-written; the laws are public.';

-- Rewrites the kept laws from ledger.rules (the owner's rights: whoever may change the rules, the kept rows
-- follow).
CREATE FUNCTION ledger.keep_vote_laws() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  DELETE FROM staging.vote_laws_kept;
  INSERT INTO staging.vote_laws_kept SELECT * FROM ledger.vote_laws_compute();
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.keep_vote_laws() IS 'Statement trigger on ledger.rules: rewrites staging.vote_laws_kept from ledger.vote_laws_compute().';
REVOKE ALL ON FUNCTION ledger.keep_vote_laws() FROM PUBLIC;

CREATE TRIGGER rules_keep_vote_laws AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ledger.rules
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.keep_vote_laws();
-- ALWAYS: the kept laws follow the rules even in a session that turns triggers off (session_replication_role).
ALTER TABLE ledger.rules ENABLE ALWAYS TRIGGER rules_keep_vote_laws;

INSERT INTO staging.vote_laws_kept SELECT * FROM ledger.vote_laws_compute();

CREATE VIEW ledger.vote_laws AS
SELECT k.valid_from, k.valid_until, k.law, k.quorum, k.approval_base, k.special_matters, k.special_approval,
       k.ordinary_approval, k.source_zh, k.source_en
FROM staging.vote_laws_kept AS k;
COMMENT ON VIEW ledger.vote_laws IS
  'The law of owners'' votes in force from valid_from until (not including) valid_until, with its thresholds, from ledger.rules (SPEC §2.2, §10; kept: ledger.vote_laws_compute).';

-- Usage: SELECT * FROM ledger.vote_evaluate('use_fund', '2021-03-01', 10000, 120, 8000, 100, 6000, 70);
-- Evaluates a vote held on a date by the law in force that day (ledger.vote_laws).
CREATE FUNCTION ledger.vote_evaluate(
  matter text, held_on date,
  total_area numeric, total_owners integer,
  participating_area numeric, participating_owners integer,
  approving_area numeric, approving_owners integer,
  OUT law text,
  OUT quorum_area_met boolean, OUT quorum_owners_met boolean,
  OUT approval_area_met boolean, OUT approval_owners_met boolean,
  OUT passed boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  l ledger.vote_laws%ROWTYPE;
BEGIN
  SELECT * INTO l FROM ledger.vote_laws AS v
  WHERE v.valid_from <= held_on AND (v.valid_until IS NULL OR held_on < v.valid_until);
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no law of owners'' votes in ledger.rules covers %', coalesce(held_on::text, 'a vote with no date')
      USING ERRCODE = '22023',
            HINT = 'The rules start with the Property Law on 2007-10-01; check held_on.';
  END IF;
  law := l.law;
  SELECT e.quorum_area_met, e.quorum_owners_met, e.approval_area_met, e.approval_owners_met, e.passed
    INTO quorum_area_met, quorum_owners_met, approval_area_met, approval_owners_met, passed
  FROM ledger.vote_evaluate_under(matter, l.quorum, l.approval_base, l.special_matters, l.special_approval,
                                  l.ordinary_approval, total_area, total_owners, participating_area,
                                  participating_owners, approving_area, approving_owners) AS e;
END
$$;

COMMENT ON FUNCTION ledger.vote_evaluate(text, date, numeric, integer, numeric, integer, numeric, integer) IS
'Evaluates an owners'' joint decision by the law in force on held_on (SPEC §2.2, §10): before 2021-01-01 the '
'Property Law Art. 76 (no quorum; raise_fund, use_fund and renovate need at least 2/3 of the total area and '
'owners, other matters more than half of the totals), from then Civil Code Art. 278 (quorum at least 2/3 of '
'the area and of the owners; raise_fund, renovate and change_use at least 3/4 of the participating area and '
'owners, every other matter more than 1/2 of them). Exact comparisons, no rounding. Raises 22023 for an '
'unknown matter, a date no law covers, negative numbers, zero total owners or area, participants above the '
'totals, or approvals above the participants. '
'Example: SELECT * FROM ledger.vote_evaluate(''use_fund'', ''2021-03-01'', 10000, 120, 8000, 100, 6000, 70)';

CREATE FUNCTION ledger.vote_passes(
  matter text, held_on date,
  total_area numeric, total_owners integer,
  participating_area numeric, participating_owners integer,
  approving_area numeric, approving_owners integer)
RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT (ledger.vote_evaluate(matter, held_on, total_area, total_owners, participating_area,
                               participating_owners, approving_area, approving_owners)).passed
$$;

COMMENT ON FUNCTION ledger.vote_passes(text, date, numeric, integer, numeric, integer, numeric, integer) IS
'True when the vote passes under ledger.vote_evaluate (same arguments, same errors). '
'Example: SELECT ledger.vote_passes(''raise_fund'', ''2021-03-01'', 1000, 40, 800, 40, 600, 30)';

-- §2.3–§2.4 Allocation ---------------------------------------------------------

-- PL/pgSQL running one statement: called from the PL/pgSQL of ledger.allocate_checked and
-- ledger.split_percent, a SQL function (not inlinable: a WITH query) was parsed and planned again on every call,
-- since each run of their statement starts a new executor; PL/pgSQL keeps the plan for the session. At 5
-- weights that was two thirds of a call (137 → 45 µs through report.allocate_weights).
CREATE FUNCTION ledger.largest_remainder(amount_fen numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  RETURN (
  WITH w AS (
    SELECT ord, weight FROM unnest(weights) WITH ORDINALITY AS u(weight, ord)
  ), total AS (
    SELECT sum(weight) AS total FROM w
  ), parts AS (
    -- div and mod on numeric are exact: no rounding before the floor.
    SELECT ord, div(amount_fen * weight, total) AS floor_fen, mod(amount_fen * weight, total) AS remainder
    FROM w, total
  ), leftover AS (
    SELECT amount_fen - sum(floor_fen) AS fen FROM parts
  ), ranked AS (
    SELECT ord, floor_fen, row_number() OVER (ORDER BY remainder DESC, ord) AS rank FROM parts
  )
  SELECT array_agg(floor_fen + CASE WHEN rank <= leftover.fen THEN 1 ELSE 0 END ORDER BY ord)
  FROM ranked, leftover);
END
$$;

COMMENT ON FUNCTION ledger.largest_remainder(numeric, numeric[]) IS
'Building block of ledger.allocate and ledger.split_percent; unchecked, prefer those. Splits a '
'non-negative whole number of fen over non-negative weights with a positive sum: each part is the '
'floor of its exact share, the leftover fen go one each to the largest remainders, ties by array order.';

-- Usage: SELECT ledger.allocate_checked(0.01, ARRAY[0, 1, 1], true); → {0.00,0.01,0.00}
-- The §2.3 split with its checks, the one implementation behind ledger.allocate (floor areas: every
-- weight > 0) and ledger.allocate_weights (030: agreed weights and balances, 0 allowed, one > 0).
CREATE FUNCTION ledger.allocate_checked(amount numeric, weights numeric[], zero_allowed boolean) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
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
    RAISE EXCEPTION 'amount % has more than 2 decimals: money is exact to the fen', amount
      USING ERRCODE = '22023';
  END IF;
  FOR i IN array_lower(weights, 1) .. array_upper(weights, 1) LOOP
    IF zero_allowed AND (weights[i] IS NULL OR weights[i] < 0) THEN
      RAISE EXCEPTION 'weight % is %: every weight must be 0 or more', i - array_lower(weights, 1) + 1,
        coalesce(weights[i]::text, 'NULL') USING ERRCODE = '22023';
    ELSIF NOT zero_allowed AND (weights[i] IS NULL OR weights[i] <= 0) THEN
      RAISE EXCEPTION 'weight % is %: every weight (floor area) must be positive',
        i - array_lower(weights, 1) + 1, coalesce(weights[i]::text, 'NULL')
        USING ERRCODE = '22023',
              HINT = 'A unit with zero floor area cannot be apportioned; fix its area or leave it out of the scope.';
    END IF;
    total := total + weights[i];
  END LOOP;
  IF total = 0 THEN
    RAISE EXCEPTION 'every weight is 0: nothing to allocate % by', amount
      USING ERRCODE = '22023', HINT = 'Give at least one weight above 0.';
  END IF;
  -- A negative amount (a refund, a correction) is the mirror image of the positive one, so reversing an
  -- apportionment gives every unit back exactly what it was charged. A weight of 0 has no remainder, so it
  -- ranks after every positive one and never receives a leftover fen.
  RETURN (SELECT array_agg(sign(amount) * fen * 0.01 ORDER BY ord)
          FROM unnest(ledger.largest_remainder(abs(amount) * 100, weights)) WITH ORDINALITY AS p(fen, ord));
END
$$;
COMMENT ON FUNCTION ledger.allocate_checked(numeric, numeric[], boolean) IS
'The checks and the largest-remainder split shared by ledger.allocate (zero_allowed false) and '
'ledger.allocate_weights (true); prefer those. Raises 22023 as they say.';

CREATE FUNCTION ledger.allocate(amount numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
-- SECURITY DEFINER: readers (no USAGE on ledger) reach it through report views over
-- ledger.funding_amounts; it reads no table, so the owner's rights reveal nothing.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN ledger.allocate_checked(amount, weights, false);

COMMENT ON FUNCTION ledger.allocate(numeric, numeric[]) IS
'Splits an amount (yuan, at most 2 decimals) over positive weights exactly to the fen (SPEC §2.3): '
'each part is the floor of its exact share, the leftover fen go one each to the largest remainders, '
'ties in array order; the parts always sum to the amount. A negative amount gives the negated parts '
'of its absolute value. Raises 22023 for no weights, a zero, negative or NULL weight, or more than '
'2 decimals. For apportionment pass the floor areas ordered by (ledger.natural_key(building), '
'ledger.natural_key(unit_no)). Example: SELECT ledger.allocate(0.01, ARRAY[50, 50, 50]) -- {0.01,0.00,0.00}';

CREATE FUNCTION ledger.split_percent(amount numeric, percents numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
-- SECURITY DEFINER: readers (no USAGE on ledger) reach it through report views over
-- ledger.funding_amounts; it reads no table, so the owner's rights reveal nothing.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  i integer;
  total numeric := 0;
BEGIN
  IF coalesce(array_length(percents, 1), 0) = 0 THEN
    RAISE EXCEPTION 'nothing to split % over: no percents', amount USING ERRCODE = '22023';
  END IF;
  FOR i IN array_lower(percents, 1) .. array_upper(percents, 1) LOOP
    IF percents[i] IS NULL OR percents[i] < 0 THEN
      RAISE EXCEPTION 'percent % is %: percents must be 0 or more',
        i - array_lower(percents, 1) + 1, coalesce(percents[i]::text, 'NULL')
        USING ERRCODE = '22023';
    END IF;
    IF percents[i] <> trunc(percents[i], 2) THEN
      RAISE EXCEPTION 'percent % is %: percents have at most 2 decimals',
        i - array_lower(percents, 1) + 1, percents[i]
        USING ERRCODE = '22023';
    END IF;
    total := total + percents[i];
  END LOOP;
  IF total <> 100 THEN
    RAISE EXCEPTION 'percents sum to %, % %', round(total, 2), abs(round(100 - total, 2)),
      CASE WHEN total < 100 THEN 'short of 100' ELSE 'over 100' END
      USING ERRCODE = '22023';
  END IF;
  IF amount <> trunc(amount, 2) THEN
    RAISE EXCEPTION 'amount % has more than 2 decimals: money is exact to the fen', amount
      USING ERRCODE = '22023';
  END IF;
  RETURN (SELECT array_agg(sign(amount) * fen * 0.01 ORDER BY ord)
          FROM unnest(ledger.largest_remainder(abs(amount) * 100, percents)) WITH ORDINALITY AS p(fen, ord));
END
$$;

COMMENT ON FUNCTION ledger.split_percent(numeric, numeric[]) IS
'Turns percentages (0 or more, at most 2 decimals, summing to exactly 100) into amounts by the '
'largest-remainder rule of ledger.allocate (SPEC §2.4), ties in array order; a 0 percent gets 0.00. '
'Raises 22023 naming the gap when the sum is off, e.g. "percents sum to 99.99, 0.01 short of 100". '
'Example: SELECT ledger.split_percent(100, ARRAY[33.33, 33.33, 33.34]) -- {33.33,33.33,33.34}';

-- Natural order -----------------------------------------------------------------

CREATE FUNCTION ledger.natural_key(label text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  -- Each character becomes 6 hex digits of its code point; a run of ASCII digits sorts where
  -- '0' does, then by length without leading zeros, then its digits, then its count of leading
  -- zeros (so '1' < '01'). The key holds only 0-9a-f: any collation orders it the same way.
  SELECT coalesce(string_agg(
    CASE WHEN m[1] IS NOT NULL THEN
      '000030'
      || lpad(to_hex(char_length(coalesce(nullif(ltrim(m[1], '0'), ''), '0'))), 8, '0')
      || coalesce(nullif(ltrim(m[1], '0'), ''), '0')
      || lpad(to_hex(char_length(m[1]) - char_length(coalesce(nullif(ltrim(m[1], '0'), ''), '0'))), 8, '0')
    ELSE lpad(to_hex(ascii(m[2])), 6, '0')
    END, '' ORDER BY n), '')
  FROM regexp_matches(label, '([0-9]+)|([^0-9])', 'g') WITH ORDINALITY AS t(m, n)
$$;

COMMENT ON FUNCTION ledger.natural_key(text) IS
'A sort key in which runs of digits compare as numbers: ''2'' < ''10'', ''A2'' < ''A10'', ''2栋'' < ''10栋''; '
'other characters compare by code point, ''1'' < ''01''. Distinct labels get distinct keys. '
'Apportionment ties (SPEC §2.3) go by '
'ORDER BY ledger.natural_key(building), ledger.natural_key(unit_no).';

-- §7 Citizen ID numbers (never an owner_key) ---------------------------------------

-- Usage: SELECT ledger.calendar_day(2026, 2, 30) → NULL; (2026, 3, 5) → 2026-03-05. The day the calendar
-- has (proleptic Gregorian, year 1 or later), NULL for any other year, month or day — never an error.
-- The one calendar rule of staging.parse_date (hence every date cell) and of ledger.is_citizen_id's old
-- 15-digit numbers. Plain SQL, not STRICT: the planner inlines it into the statements that call it.
CREATE FUNCTION ledger.calendar_day(y integer, m integer, d integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN y >= 1 AND m BETWEEN 1 AND 12
       AND d BETWEEN 1 AND CASE WHEN m = 2 THEN CASE WHEN y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) THEN 29 ELSE 28 END
                                WHEN m IN (4, 6, 9, 11) THEN 30
                                ELSE 31 END
    THEN pg_catalog.make_date(y, m, d)
END;
COMMENT ON FUNCTION ledger.calendar_day(integer, integer, integer) IS
  'The date of year, month and day when the calendar has that day, else NULL (never an error). Example: SELECT ledger.calendar_day(2024, 2, 29) -- 2024-02-29';

-- Usage: SELECT ledger.is_citizen_id('11010519491231002X'); → true
-- True when a text is a resident identity card number: 18 characters, 17 digits and a GB 11643-1999 check
-- character (weights 2^(17-i) mod 11 = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check = "10X98765432"[sum mod
-- 11]), or an old 15-digit number whose digits 7–12 are a real date (YYMMDD, 19YY). An owner_key must never
-- be one (SPEC §7: PIPL Art. 6, 51). Plain SQL, not STRICT (NULL gives NULL by its first arm) and without
-- SET: the planner inlines it into the CHECK constraints of owners and ballots, no call per row (issue 16).
CREATE FUNCTION ledger.is_citizen_id(key text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN key IS NULL THEN NULL
  WHEN key ~ '^[0-9]{17}[0-9Xx]$' THEN
    upper(substr(key, 18, 1)) = substr('10X98765432', (
        substr(key, 1, 1)::integer * 7 + substr(key, 2, 1)::integer * 9 + substr(key, 3, 1)::integer * 10
      + substr(key, 4, 1)::integer * 5 + substr(key, 5, 1)::integer * 8 + substr(key, 6, 1)::integer * 4
      + substr(key, 7, 1)::integer * 2 + substr(key, 8, 1)::integer * 1 + substr(key, 9, 1)::integer * 6
      + substr(key, 10, 1)::integer * 3 + substr(key, 11, 1)::integer * 7 + substr(key, 12, 1)::integer * 9
      + substr(key, 13, 1)::integer * 10 + substr(key, 14, 1)::integer * 5 + substr(key, 15, 1)::integer * 8
      + substr(key, 16, 1)::integer * 4 + substr(key, 17, 1)::integer * 2) % 11 + 1, 1)
  WHEN key ~ '^[0-9]{15}$' THEN
    ledger.calendar_day(1900 + substr(key, 7, 2)::integer, substr(key, 9, 2)::integer, substr(key, 11, 2)::integer) IS NOT NULL
  ELSE false
END;

COMMENT ON FUNCTION ledger.is_citizen_id(text) IS
'True for an 18-character resident ID number with a valid GB 11643 check character, or a 15-digit old one '
'with a real birth date; used to refuse such an owner_key (SPEC §7). '
'Example: SELECT ledger.is_citizen_id(''11010519491231002X'') -- true';
