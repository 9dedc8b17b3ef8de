-- 007: owners' organisations (业委会/物管会/自管小组) and Party organisations (党组织).
-- A term or an organisation's life runs start..end inclusive (end NULL = open-ended).

CREATE TABLE ledger.committees (
  compound_code          text NOT NULL,
  term_start             date NOT NULL,
  district_code          text NOT NULL,
  kind                   text NOT NULL,
  term_end               date,
  members                integer NOT NULL,
  party_members          integer NOT NULL DEFAULT 0,
  public_servant_members integer NOT NULL DEFAULT 0,
  CONSTRAINT committees_pkey PRIMARY KEY (compound_code, term_start),
  CONSTRAINT committees_kind_known CHECK (kind IN
    ('owners_committee', 'management_committee', 'self_management_group')),
  CONSTRAINT committees_members_positive CHECK (members >= 1),
  CONSTRAINT committees_term_end_not_before_start CHECK (term_end >= term_start),
  CONSTRAINT committees_party_members_within_members CHECK (party_members BETWEEN 0 AND members),
  CONSTRAINT committees_public_servants_within_members CHECK (public_servant_members BETWEEN 0 AND members),
  -- SPEC §2.6: terms of one compound's committees of one kind never overlap (across kinds:
  -- ledger.committee_rule_violations, which allows a 物管会's handover window).
  CONSTRAINT committees_terms_no_overlap EXCLUDE USING gist
    (compound_code WITH =, kind WITH =, daterange(term_start, term_end, '[]') WITH &&),
  CONSTRAINT committees_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT committees_terms_no_overlap ON ledger.committees IS 'terms of one compound''s committees of one kind never overlap (SPEC §2.6)';
COMMENT ON TABLE ledger.committees IS 'Owners'' organisation of a compound for one term (term_start..term_end inclusive). Load kind: committees.';

-- Size and term of a committee by the rules of its compound's jurisdiction as of its term_start (SPEC
-- §2.6, §10), and terms of different kinds that overlap (allowed only where a 物管会 hands over to the
-- owners' committee that succeeds it, within the jurisdiction's handover window).
--
-- Usage: SELECT * FROM ledger.committee_findings('110105', 'owners_committee', 'GS015', '2021-06-01', '2026-06-01', 3, 80, NULL);
-- The size and term rules one committee breaks: refusal = true for a rule the ledger refuses, false for a
-- limit the text states as 一般 (a warning in `report anomalies`). households and area are the
-- compound's (the registry's, else its units'); a small compound (the exception to the minimum size)
-- needs one of them known: unknown is not small. Reads only ledger.rules, so report views can call it.
CREATE FUNCTION ledger.committee_findings(p_district text, p_kind text, p_compound text, p_term_start date,
                                          p_term_end date, p_members integer, p_households integer, p_area numeric)
RETURNS TABLE (rule text, column_name text, refusal boolean, message text, hint text, source_zh text, source_en text, arguments jsonb)
LANGUAGE plpgsql STABLE
-- SECURITY DEFINER: readers (no USAGE on ledger) reach it through report views; it reads only the
-- rules (public law) and judges the values it is given.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  -- The kind's size and term limits in force on term_start, read in one call (ledger.rules_in_force): parameter →
  -- {value, general, source_zh, source_en}; a parameter that does not apply has no key.
  limits jsonb;
  r jsonb;
  n_min jsonb;
  small boolean;
  years integer;
  what text := format('%s of %s from %s', p_kind, p_compound, p_term_start);
  -- The arguments every message has (the rest are added per rule), for the loader's message catalogue.
  about jsonb := jsonb_build_object('kind', p_kind, 'compound', p_compound, 'start', p_term_start::text);
BEGIN
  IF p_kind NOT IN ('owners_committee', 'management_committee') THEN
    RETURN;
  END IF;
  SELECT jsonb_object_agg(x.parameter, jsonb_build_object('value', x.value, 'general', x.general,
                                                          'source_zh', x.source_zh, 'source_en', x.source_en))
  INTO limits
  FROM ledger.rules_in_force(p_district,
         ARRAY[p_kind || '.members_min', p_kind || '.members_max', p_kind || '.members_odd', p_kind || '.term_max_years',
               p_kind || '.term_min_years']
         || CASE WHEN p_kind = 'owners_committee' THEN ARRAY['owners_committee.small_households_max',
              'owners_committee.small_area_max_m2', 'owners_committee.small_members_min'] ELSE '{}'::text[] END,
         p_term_start) AS x;
  -- Members: the minimum (the small-compound minimum where the compound is small), maximum, odd.
  n_min := limits -> (p_kind || '.members_min');
  small := false;
  IF p_kind = 'owners_committee' THEN
    small := coalesce(p_households <= (limits #>> '{owners_committee.small_households_max,value}')::integer, false)
          OR coalesce(p_area <= (limits #>> '{owners_committee.small_area_max_m2,value}')::numeric, false);
    IF small AND limits #>> '{owners_committee.small_members_min,value}' IS NOT NULL THEN
      n_min := limits -> 'owners_committee.small_members_min';
    END IF;
  END IF;
  IF p_members < (n_min ->> 'value')::integer THEN
    rule := 'committees_members_at_least'; column_name := 'members'; refusal := NOT (n_min ->> 'general')::boolean;
    message := format('%s has %s members; at least %s are required%s', what, p_members, n_min ->> 'value',
                      CASE WHEN p_kind = 'owners_committee' AND NOT small THEN format(' (the compound has %s households, %s m²)',
                           coalesce(p_households::text, 'unknown'), coalesce(p_area::text, 'unknown')) ELSE '' END);
    hint := 'Check members; a small compound''s smaller minimum needs its households or floor area (compounds.csv). propledger rules lists the limits.';
    arguments := about || jsonb_build_object('members', p_members::text, 'limit', n_min ->> 'value')
                 || CASE WHEN p_kind = 'owners_committee' AND NOT small
                         THEN jsonb_build_object('households', p_households::text, 'area', p_area::text, 'size', 'true') ELSE '{}' END;
    source_zh := n_min ->> 'source_zh'; source_en := n_min ->> 'source_en';
    RETURN NEXT;
  END IF;
  r := limits -> (p_kind || '.members_max');
  IF p_members > (r ->> 'value')::integer THEN
    rule := 'committees_members_at_most'; column_name := 'members'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s has %s members; at most %s are allowed', what, p_members, r ->> 'value');
    hint := 'Check members (propledger rules lists the limits of the compound''s jurisdiction).';
    arguments := about || jsonb_build_object('members', p_members::text, 'limit', r ->> 'value');
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
  r := limits -> (p_kind || '.members_odd');
  IF r ->> 'value' = 'true' AND p_members % 2 = 0 THEN
    rule := 'committees_members_odd'; column_name := 'members'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s has %s members; the number must be odd', what, p_members);
    hint := 'Check members.';
    arguments := about || jsonb_build_object('members', p_members::text);
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
  -- Term: at most term_max_years (so it has an end), at least term_min_years. The maximum allows the
  -- end on the anniversary (2021-06-01 to 2026-06-01: Civil Code Art. 201, the first day not counted);
  -- the minimum is met by a term ending the day before it (2021-06-01 to 2024-05-31 is 3 whole years).
  r := limits -> (p_kind || '.term_max_years');
  years := (r ->> 'value')::integer;
  IF years IS NOT NULL AND (p_term_end IS NULL OR p_term_end > p_term_start + make_interval(years => years)) THEN
    rule := 'committees_term_at_most'; column_name := 'term_end'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s: the term %s; at most %s years are allowed', what,
                      CASE WHEN p_term_end IS NULL THEN 'has no end' ELSE 'ends on ' || p_term_end END, years);
    hint := format('Give term_end on or before %s.', (p_term_start + make_interval(years => years))::date);
    arguments := about || jsonb_build_object('end', p_term_end::text, 'years', years::text,
                                             'date', (p_term_start + make_interval(years => years))::date::text);
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
  r := limits -> (p_kind || '.term_min_years');
  years := (r ->> 'value')::integer;
  IF years IS NOT NULL AND p_term_end < (p_term_start + make_interval(years => years))::date - 1 THEN
    rule := 'committees_term_at_least'; column_name := 'term_end'; refusal := NOT (r ->> 'general')::boolean;
    message := format('%s: the term ends on %s; at least %s years are required', what, p_term_end, years);
    hint := format('Give term_end on or after %s.', (p_term_start + make_interval(years => years))::date - 1);
    arguments := about || jsonb_build_object('end', p_term_end::text, 'years', years::text,
                                             'date', ((p_term_start + make_interval(years => years))::date - 1)::text);
    source_zh := r ->> 'source_zh'; source_en := r ->> 'source_en';
    RETURN NEXT;
  END IF;
END
$$;
COMMENT ON FUNCTION ledger.committee_findings(text, text, text, date, date, integer, integer, numeric) IS
  'The size and term rules of its jurisdiction (as of term_start) a committee breaks (SPEC §2.6, §10); refusal false = a 一般 limit exceeded (a warning).';

-- Every committee with each size or term rule it breaks (ledger.committee_findings), its compound's
-- households and floor area taken from the registry, else from its units (unknown is not small): the one
-- place these figures are gathered, read by ledger.committee_rule_violations (the loader and the trigger)
-- and report.committee_findings (anomalies).
CREATE VIEW ledger.committee_checks AS
SELECT m.compound_code, m.district_code, m.term_start, m.kind, m.term_end, m.members,
       f.rule, f.column_name, f.refusal, f.message, f.hint, f.source_zh, f.source_en, f.arguments
FROM ledger.committees AS m
LEFT JOIN ledger.compounds AS k ON k.compound_code = m.compound_code
-- The units are summed only for a compound the registry lacks a figure of (a gate on the outer row: the scan is
-- skipped, not filtered), so a province's committees with complete registry entries read no unit.
LEFT JOIN LATERAL (SELECT count(*)::integer AS units, sum(x.floor_area_m2) AS area
                   FROM ledger.units AS x
                   WHERE (k.households IS NULL OR k.floor_area_m2 IS NULL) AND x.compound_code = m.compound_code) AS u ON true
CROSS JOIN LATERAL ledger.committee_findings(m.district_code, m.kind, m.compound_code, m.term_start, m.term_end,
  m.members, coalesce(k.households, nullif(u.units, 0)), coalesce(k.floor_area_m2, u.area)) AS f;
COMMENT ON VIEW ledger.committee_checks IS 'Each committee with the size and term rules of its jurisdiction it breaks (ledger.committee_findings), the compound''s size from the registry, else its units.';

-- Usage: SELECT * FROM ledger.committee_rule_violations(ARRAY['GS015']);
-- Every broken rule of the committees of the compounds given (NULL: every compound visible to the
-- caller): ledger.committee_findings, and terms of different kinds that overlap beyond the handover
-- window. The loader rejects the refusals of the rows it loads; the deferred constraint trigger below
-- refuses them for anyone else.
-- Planned for its arguments on every call (force_custom_plan) and never JIT-compiled: the loader calls it once
-- with every compound of a file, the deferred trigger below once per committee row with one; a plan cached
-- from the first kind (seq scans and hash joins, `p_compound_codes IS NULL OR … = ANY (…)` unusable by an
-- index) was then reused, JIT-compiled, for each of the second — the province `SET CONSTRAINTS` in LLVM code
-- generation and heap scans under this function (perf, session 9).
CREATE FUNCTION ledger.committee_rule_violations(p_compound_codes text[])
RETURNS TABLE (compound_code text, term_start date, kind text, rule text, column_name text, refusal boolean,
               message text, hint text, source_zh text, source_en text, arguments jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT c.compound_code, c.term_start, c.kind, c.rule, c.column_name, c.refusal, c.message, c.hint, c.source_zh, c.source_en, c.arguments
  FROM ledger.committee_checks AS c
  WHERE p_compound_codes IS NULL OR c.compound_code = ANY (p_compound_codes)
  UNION ALL
  -- Overlaps across kinds: only a 物管会 followed by its successor owners' committee, within the handover
  -- window of the jurisdiction as of the owners' committee's term_start. Reported on both terms.
  SELECT m.compound_code, m.term_start, m.kind, 'committees_terms_no_overlap_across_kinds', 'term_start', true,
         format('%s of %s from %s overlaps the %s from %s by %s; %s', m.kind, m.compound_code, m.term_start, o.kind, o.term_start,
                CASE WHEN w.days IS NULL THEN 'an open-ended term' ELSE w.days || ' days' END,
                CASE WHEN h.value::integer > 0 THEN format('a property management committee may hand over to the owners'' committee that succeeds it within %s days', h.value)
                     ELSE 'terms of one compound''s committees never overlap here' END),
         'Correct term_end of the earlier term or term_start of the later one.',
         coalesce(h.source_zh, 'SPEC §2.6'), coalesce(h.source_en, 'SPEC §2.6'),
         jsonb_build_object('kind', m.kind, 'compound', m.compound_code, 'start', m.term_start::text, 'other', o.kind,
                            'otherstart', o.term_start::text, 'days', w.days::text,
                            'window', CASE WHEN h.value::integer > 0 THEN h.value END)
  FROM ledger.committees AS m
  JOIN ledger.committees AS o ON o.compound_code = m.compound_code AND o.kind <> m.kind
   AND daterange(o.term_start, o.term_end, '[]') && daterange(m.term_start, m.term_end, '[]')
  CROSS JOIN LATERAL (SELECT least(m.term_end, o.term_end) - greatest(m.term_start, o.term_start) + 1 AS days) AS w
  LEFT JOIN LATERAL (
    SELECT r.* FROM ledger.rule_in_force(m.district_code, 'management_committee.handover_days', greatest(m.term_start, o.term_start)) AS r
    WHERE (m.kind, o.kind) IN (('management_committee', 'owners_committee'), ('owners_committee', 'management_committee'))
      AND (CASE WHEN m.kind = 'management_committee' THEN m.term_start < o.term_start ELSE o.term_start < m.term_start END)) AS h ON true
  WHERE (p_compound_codes IS NULL OR m.compound_code = ANY (p_compound_codes))
    AND (w.days IS NULL OR w.days > coalesce(h.value::integer, 0));
END
$$;
COMMENT ON FUNCTION ledger.committee_rule_violations(text[]) IS
  'Broken size, term and overlap rules of the committees of the compounds given (NULL: all the caller sees), by the rules of their jurisdiction as of term_start (SPEC §2.6, §10); refusal false = a 一般 limit exceeded (a warning).';

-- The committee rules are checked once per compound per transaction, as the project rules are (009): the
-- deferred trigger below fires for each committee row, and the loader's pass (staging.committee_rule_violations,
-- 021) has just checked every compound of its file — at province 35,951 rows checked twice, the second time at
-- SET CONSTRAINTS (87 s). A compound found without a refusal is marked in this owner-only table, written only by
-- SECURITY DEFINER code after the check passed, so a session cannot forge a mark. A mark counts only in the
-- transaction that wrote it (xact_id); every statement that changes what the rules read — the committees, the
-- compounds (households, floor area), their units (the size when the registry has none) and the rules — first
-- removes all marks of its transaction (a BEFORE STATEMENT trigger, before the statement's own row events), so a
-- change made after a check is checked again. Marks are rows: a savepoint rolled back takes its marks with it.
CREATE UNLOGGED TABLE staging.committee_rules_checked (
  compound_code text PRIMARY KEY,
  xact_id       xid8 NOT NULL
);
COMMENT ON TABLE staging.committee_rules_checked IS 'Compounds whose committees broke no refused rule (ledger.committee_rule_violations) in transaction xact_id, with no change since to what the rules read; owner-only, written by ledger.committee_rules_trigger and staging.committee_rule_violations, cleared by ledger.committee_rules_reset.';
CREATE INDEX committee_rules_checked_xact_idx ON staging.committee_rules_checked (xact_id);
REVOKE ALL ON staging.committee_rules_checked FROM PUBLIC;

-- Usage: fired by the deferred constraint trigger below; raises 23514 naming the rule as its constraint.
-- The row's own term and the overlaps across kinds are what it refuses (as before the marks); a compound with
-- no refusal at all is marked checked, so the rest of its queued rows are not checked again.
CREATE FUNCTION ledger.committee_rules_trigger() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  v record;
BEGIN
  IF EXISTS (SELECT 1 FROM staging.committee_rules_checked AS m
             WHERE m.compound_code = NEW.compound_code AND m.xact_id = pg_current_xact_id()) THEN
    RETURN NULL;
  END IF;
  -- own: a refusal of this row (its term, or an overlap across kinds), which comes first.
  SELECT x.*, x.term_start = NEW.term_start OR x.rule = 'committees_terms_no_overlap_across_kinds' AS own INTO v
  FROM ledger.committee_rule_violations(ARRAY[NEW.compound_code]) AS x
  WHERE x.refusal
  ORDER BY own DESC, x.term_start, x.rule
  LIMIT 1;
  IF NOT FOUND THEN
    INSERT INTO staging.committee_rules_checked AS m (compound_code, xact_id) VALUES (NEW.compound_code, pg_current_xact_id())
      ON CONFLICT (compound_code) DO UPDATE SET xact_id = EXCLUDED.xact_id;
  ELSIF v.own THEN
    RAISE EXCEPTION '%', v.message
      USING ERRCODE = 'check_violation', CONSTRAINT = v.rule, HINT = v.hint || ' (' || v.source_en || ')',
            DETAIL = jsonb_build_object('arguments', v.arguments, 'source_zh', v.source_zh, 'source_en', v.source_en)::text;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.committee_rules_trigger() IS 'Deferred constraint trigger: the refused committee rules of the row''s term (and overlaps across kinds), once per compound per transaction (staging.committee_rules_checked).';

-- Usage: CREATE TRIGGER … BEFORE INSERT OR UPDATE OR DELETE ON ledger.units FOR EACH STATEMENT
--   EXECUTE FUNCTION ledger.committee_rules_reset(); every change after a check makes the next event check again.
CREATE FUNCTION ledger.committee_rules_reset() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  DELETE FROM staging.committee_rules_checked AS m WHERE m.xact_id = pg_current_xact_id();
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER committees_rules_deferred
  AFTER INSERT OR UPDATE ON ledger.committees
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION ledger.committee_rules_trigger();
-- What the committee rules read (ledger.committee_checks, the overlaps across kinds, ledger.rule_in_force).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['committees', 'compounds', 'units', 'rules'] LOOP
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON ledger.%I FOR EACH STATEMENT '
                   'EXECUTE FUNCTION ledger.committee_rules_reset()', t || '_committee_rules_reset', t);
  END LOOP;
END
$$;

-- host_key is a compound_code (host_type committee: the compound's committee) or a USCC
-- (host_type company). The generated columns host_compound_code / host_company_uscc let
-- ordinary foreign keys check the host and tie district_code to it.
CREATE TABLE ledger.party_orgs (
  host_type          text NOT NULL,
  host_key           text NOT NULL,
  established_on     date NOT NULL,
  district_code      text NOT NULL,
  form               text NOT NULL,
  formal_members     integer NOT NULL,
  dissolved_on       date,
  host_compound_code text GENERATED ALWAYS AS (CASE WHEN host_type = 'committee' THEN host_key END) STORED,
  host_company_uscc  text GENERATED ALWAYS AS (CASE WHEN host_type = 'company' THEN host_key END) STORED,
  CONSTRAINT party_orgs_pkey PRIMARY KEY (host_type, host_key, established_on),
  CONSTRAINT party_orgs_host_type_known CHECK (host_type IN ('committee', 'company')),
  CONSTRAINT party_orgs_form_known CHECK (form IN ('branch', 'joint_branch', 'working_group')),
  -- SPEC §2.7: a branch or joint branch needs >= 3 formal members; a working group >= 1.
  CONSTRAINT party_orgs_formal_members_enough_for_form CHECK
    (formal_members >= CASE WHEN form IN ('branch', 'joint_branch') THEN 3 ELSE 1 END),
  CONSTRAINT party_orgs_dissolved_not_before_established CHECK (dissolved_on >= established_on),
  -- SPEC §2.7: one live party organisation per host at a time (dissolved_on is its last day).
  CONSTRAINT party_orgs_one_live_per_host EXCLUDE USING gist
    (host_type WITH =, host_key WITH =, daterange(established_on, dissolved_on, '[]') WITH &&),
  CONSTRAINT party_orgs_host_compound_fkey FOREIGN KEY (host_compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT party_orgs_host_company_fkey FOREIGN KEY (host_company_uscc, district_code)
    REFERENCES ledger.companies (uscc, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT party_orgs_one_live_per_host ON ledger.party_orgs IS 'one live party organisation per host at a time (SPEC §2.7)';
COMMENT ON TABLE ledger.party_orgs IS 'Party organisation hosted by a compound''s committee (host_key = compound_code) or a company (host_key = USCC); district_code = the host''s district. Load kind: party_orgs.';

-- District filters of the reports read one district (and company_scores one company's surveys).
CREATE INDEX committees_district_idx ON ledger.committees (district_code);
