-- Helpers the report functions need, callable by readers (repeatable: sql/schema/README.md).
--
-- Readers may touch only the report schema (001), but the reports need a few pure functions
-- of ledger (natural order, largest-remainder allocation, the §3 source order). These
-- wrappers are SECURITY DEFINER so a reader may call them without USAGE on ledger; they read
-- no table, so running them with the owner's rights shows nothing a reader may not see.

-- Usage: SELECT report.natural_key('10栋');
CREATE FUNCTION report.natural_key(label text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN ledger.natural_key(label);
COMMENT ON FUNCTION report.natural_key(text) IS 'ledger.natural_key for readers: digits compare as numbers (''2'' < ''10'').';

-- Usage: SELECT * FROM report.natural_keys(ARRAY['10栋', '2栋', '2栋']);
-- The natural keys of a set of labels, one row per distinct label: a sort over many units computes the key
-- of each distinct building and unit number once (a district's 200,000 units have a few dozen), not per row.
CREATE FUNCTION report.natural_keys(labels text[]) RETURNS TABLE (label text, key text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT l.label, ledger.natural_key(l.label) FROM (SELECT DISTINCT x AS label FROM unnest(labels) AS x WHERE x IS NOT NULL) AS l;
END;
COMMENT ON FUNCTION report.natural_keys(text[]) IS 'ledger.natural_key of each distinct label given, once each (for sorting many units by building and unit number).';

-- Usage: SELECT report.rule_value('320508', 'party_org.branch_min_formal_members', DATE '2026-11-30');
-- ledger.rule_value for the report functions written in PL/pgSQL, which resolve names as the reader runs
-- them (readers have no USAGE on ledger); a SQL-standard body resolves it once, here.
CREATE FUNCTION report.rule_value(p_district text, p_parameter text, p_as_of date) RETURNS text
LANGUAGE sql STABLE
RETURN ledger.rule_value(p_district, p_parameter, p_as_of);
COMMENT ON FUNCTION report.rule_value(text, text, date) IS 'ledger.rule_value for readers: a rule parameter''s value for a district on a date (SPEC §10).';

-- Usage: SELECT report.allocate(100.00, ARRAY[1, 2]);
CREATE FUNCTION report.allocate(amount numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN ledger.allocate(amount, weights);
COMMENT ON FUNCTION report.allocate(numeric, numeric[]) IS 'ledger.allocate for readers: SPEC §2.3 largest-remainder split, exact to the fen.';

-- Usage: SELECT report.funding_source_rank('owners') -- 4
CREATE FUNCTION report.funding_source_rank(source text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN ledger.funding_source_rank(source);
COMMENT ON FUNCTION report.funding_source_rank(text) IS 'The §3 order of funding sources (government 1 … community_fund 6), for sorting report rows.';

-- Usage: SELECT report.setting('score_weight_service') -- 0.4
-- The reports read weights through this, so a missing key is an error, never a silent 0.
CREATE FUNCTION report.setting(p_key text) RETURNS numeric
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  found_value numeric;
BEGIN
  SELECT s.value INTO found_value FROM report.settings AS s WHERE s.key = p_key;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'setting "%" is missing', p_key
      USING ERRCODE = '22023', HINT = 'Restore it with propledger settings set KEY VALUE (see settings list).';
  END IF;
  RETURN found_value;
END
$$;
COMMENT ON FUNCTION report.setting(text) IS 'The value of one report setting (ledger.settings); raises 22023 when the key is missing.';

-- Usage: SELECT * FROM report.district_rule_integer('committee.reelection_lead_days', DATE '2026-11-30');
-- Each district's value of an integer rule parameter of its jurisdiction on a date (the re-election lead
-- time, a branch's least formal Party members, …): read once per district by the reports that apply it to
-- many rows, not once per row.
CREATE FUNCTION report.district_rule_integer(p_parameter text, p_as_of date DEFAULT current_date)
RETURNS TABLE (district_code text, value integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT d.district_code, ledger.rule_value(d.district_code, p_parameter, p_as_of)::integer
  FROM report.districts AS d;
END;
COMMENT ON FUNCTION report.district_rule_integer(text, date) IS 'Each district''s value of an integer rule parameter (SPEC §10) on a date.';

-- Words a report shows are never written in SQL (issue 14, docs/reports.md "Language"): a sentence is a
-- message of the catalogue (Sources/LedgerCore/Messages.swift) with its arguments, as jsonb
-- {"message": KEY, ARGUMENT: value, …} (a list of them is joined as one line), which the CLI renders in the
-- language asked for. An argument that is a code goes as report.coded: its code for English, its Chinese label
-- (report.labels) for Chinese.

-- Usage: SELECT report.coded('clearance', 'resolution', 'company_takeover') -- {"en": "company_takeover", "zh": "物业接管"}
CREATE FUNCTION report.coded(p_kind text, p_column text, p_code text) RETURNS jsonb
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN jsonb_build_object('en', p_code, 'zh', coalesce((SELECT l.label_zh FROM report.labels AS l
                                                       WHERE l.kind = p_kind AND l.column_name = p_column AND l.code = p_code), p_code));
COMMENT ON FUNCTION report.coded(text, text, text) IS 'A code as a message argument: {"en": code, "zh": its label in report.labels, else the code}.';

-- Usage: SELECT report.said('anomalyOverdueCase', jsonb_build_object('target', '2026-09-30'))
CREATE FUNCTION report.said(p_message text, p_arguments jsonb DEFAULT '{}') RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
RETURN jsonb_build_object('message', p_message) || coalesce(p_arguments, '{}');
COMMENT ON FUNCTION report.said(text, jsonb) IS 'A message of the catalogue (Messages.swift) with its arguments, for the CLI to render in the language asked for.';
