-- The load made cheaper (issue 16). Per-cell reading: the loader reads every date and number cell through
-- staging.excel_date / staging.excel_number, and every owner and ballot row is checked by
-- ledger.is_citizen_id: PL/pgSQL, called once per cell or row (a city load: 8.2M dates, 128 s;
-- docs/benchmarks.md). The common cells — a plain ASCII YYYY-MM-DD, a plain ASCII decimal — are now answered
-- by plain-SQL expressions that the planner inlines into the loader's statements (no function call per
-- cell); only the other forms go on to the PL/pgSQL readers of 025, renamed *_forms. Results and refusals
-- are those of 025 and 002, unchanged (pgTAP 037-load-speed).
--
-- Inlining wants SQL functions that are IMMUTABLE over IMMUTABLE parts only, not STRICT (their CASE is not
-- strict) and without SET: a NULL cell still gives NULL, through the STRICT *_forms readers or an explicit
-- arm. Their bodies are SQL-standard (RETURN …): names are bound when created, so no search_path applies.

-- Usage: SELECT ledger.calendar_day(2026, 2, 30) → NULL; (2026, 3, 5) → 2026-03-05. The day the calendar
-- has (proleptic Gregorian, year 1 or later), NULL for any other year, month or day — never an error.
-- The one calendar rule of staging.parse_date (hence every date cell) and of ledger.is_citizen_id's old
-- 15-digit numbers.
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

-- staging.parse_date (021): the same two forms, in SQL. YYYY-MM-DD (two-digit month and day) or YYYY/M/D;
-- NULL for anything else or a day the calendar does not have.
CREATE OR REPLACE FUNCTION staging.parse_date(v text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
    THEN ledger.calendar_day(substr(v, 1, 4)::integer, substr(v, 6, 2)::integer, substr(v, 9, 2)::integer)
  WHEN v ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$'
    THEN ledger.calendar_day(split_part(v, '/', 1)::integer, split_part(v, '/', 2)::integer, split_part(v, '/', 3)::integer)
END;

-- staging.excel_date (025): what parse_date reads as it stands is answered in SQL; every other form (full
-- width, YYYY.M.D, 年月日, blanks around) and every cell parse_date refuses goes to the Excel forms. A cell
-- parse_date reads is one excel_date_forms reads the same way (its forms include parse_date's, and it
-- translates and trims nothing in plain ASCII), so the answer is the one of 025.
ALTER FUNCTION staging.excel_date(text) RENAME TO excel_date_forms;
COMMENT ON FUNCTION staging.excel_date_forms(text) IS
  'The Excel date forms of staging.excel_date (025), in PL/pgSQL: full-width digits, YYYY.M.D, YYYY年M月D日, blanks around; call staging.excel_date.';

-- Usage: SELECT staging.excel_date('2026年3月5日') → 2026-03-05 (as 025 says).
CREATE FUNCTION staging.excel_date(v text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(staging.parse_date(v), staging.excel_date_forms(v));

-- staging.excel_number (025): a plain ASCII decimal is its own reading — nothing to translate, trim or
-- ungroup, no ¥ before it — unless a unit word of the column could end it (a unit of digits, signs and
-- points only, which 025 would strip). Every other cell goes to the Excel forms.
ALTER FUNCTION staging.excel_number(text, text[]) RENAME TO excel_number_forms;
COMMENT ON FUNCTION staging.excel_number_forms(text, text[]) IS
  'The Excel number forms of staging.excel_number (025), in PL/pgSQL: full width, units, ¥, thousands separators; call staging.excel_number.';

-- Usage: SELECT staging.units_end_numbers('{元}') → false. True when one of the unit words is made of
-- digits, signs and points only, so it could be the end of a plain number. Constant over a load's
-- statement: the planner computes it once (an IMMUTABLE function of a constant array).
CREATE FUNCTION staging.units_end_numbers(units text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN EXISTS (SELECT FROM unnest(units) AS u(word) WHERE u.word ~ '^[-+.0-9]*$');

-- Usage: SELECT staging.excel_number('３９,６００．００元', '{元}') → '39600.00' (as 025 says).
CREATE FUNCTION staging.excel_number(v text, units text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN v ~ '^[+-]?[0-9]+(\.[0-9]+)?$' AND NOT staging.units_end_numbers(units) THEN v
  ELSE staging.excel_number_forms(v, units)
END;

GRANT EXECUTE ON FUNCTION ledger.calendar_day(integer, integer, integer), staging.excel_date(text),
  staging.units_end_numbers(text[]), staging.excel_number(text, text[]) TO propledger_loader;

-- ledger.is_citizen_id (002), the same rule in SQL (no subtransaction per row for its EXCEPTION block, and
-- inlined into the CHECK constraints of owners and ballots): 18 characters, 17 digits and the GB 11643-1999
-- check character — weights 2^(17-i) mod 11 = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check =
-- "10X98765432"[sum mod 11] — or an old 15-digit number whose digits 7–12 are a real date (YYMMDD, 19YY).
CREATE OR REPLACE FUNCTION ledger.is_citizen_id(key text) RETURNS boolean
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

-- ledger.check_project_rules (009) read a project's evaluated votes twice — once for its aggregates, once
-- more for the first vote whose ballots disagree with its typed tally — and each read counts every vote
-- from the owner register and ballots again (a third of the check's time on a 2,000-project load). It now
-- reads them once; every rule, message, DETAIL and HINT is the one of 009.
CREATE OR REPLACE FUNCTION ledger.check_project_rules(p_project_code text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  prj ledger.projects%ROWTYPE;
  amount_rows integer;
  percent_rows integer;
  amount_sum numeric;
  percent_sum numeric;
  has_fund_share boolean;
  has_owners_share boolean;
  committed numeric;
  impossible_vote boolean;
  lawless_vote date;
  votes_read record;
  disagreeing record;
  untallied date;
  stray_ballot record;
  use_fund_passed boolean;
  raise_fund_passed boolean;
  emergency_categories text;
  weights_missing bigint;
  weights_outside bigint;
  weight_example text;
BEGIN
  SELECT count(f.amount_yuan), count(f.percent), coalesce(sum(f.amount_yuan), 0), coalesce(sum(f.percent), 0),
         coalesce(bool_or(f.source = 'maintenance_fund' AND coalesce(f.amount_yuan, f.percent) > 0), false),
         coalesce(bool_or(f.source = 'owners' AND coalesce(f.amount_yuan, f.percent) > 0), false)
    INTO amount_rows, percent_rows, amount_sum, percent_sum, has_fund_share, has_owners_share
    FROM ledger.funding AS f WHERE f.project_code = p_project_code;
  SELECT * INTO prj FROM ledger.projects AS p WHERE p.project_code = p_project_code;
  -- One read of the project's votes (each vote is counted from its units, owners or ballots): the rules
  -- below take what they need from it, the first vote whose ballots disagree with its typed tally too.
  SELECT coalesce(bool_or(NOT v.counts_possible), false) AS impossible,
         coalesce(bool_or(v.matter = 'use_fund' AND v.passed AND v.held_on <= prj.approved_on), false) AS use_fund,
         coalesce(bool_or(v.matter = 'raise_fund' AND v.passed), false) AS raise_fund,
         min(v.held_on) FILTER (WHERE v.law IS NULL) AS lawless,
         bool_or(v.ballots_disagree) AS any_disagree,
         (array_agg(v ORDER BY v.held_on, v.matter) FILTER (WHERE v.ballots_disagree))[1] AS disagreeing
    INTO votes_read
    FROM ledger.votes_evaluated AS v WHERE v.project_code = p_project_code;
  impossible_vote := votes_read.impossible;
  use_fund_passed := votes_read.use_fund;
  raise_fund_passed := votes_read.raise_fund;
  lawless_vote := votes_read.lawless;
  SELECT min(v.held_on) INTO untallied
    FROM ledger.votes AS v WHERE v.project_code = p_project_code AND v.participating_owners IS NULL
     AND NOT EXISTS (SELECT 1 FROM ledger.ballots AS b WHERE b.project_code = v.project_code
                     AND b.matter = v.matter AND b.held_on = v.held_on);

  IF amount_rows > 0 AND percent_rows > 0 THEN
    RAISE EXCEPTION 'project %: funding shares mix amounts and percentages', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_one_form_per_project',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Give every share of one project as amount_yuan, or every share as percent.';
  END IF;
  IF percent_rows > 0 AND percent_sum <> 100 THEN
    RAISE EXCEPTION 'project %: funding percentages sum to %, not 100', p_project_code, percent_sum
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_percents_sum_to_100',
            DETAIL = json_build_object('project', p_project_code, 'sum', percent_sum::text)::text,
            HINT = 'Correct the percent column so the project''s shares sum to exactly 100.';
  END IF;
  IF untallied IS NOT NULL THEN
    RAISE EXCEPTION 'project %: the vote held on % has neither a tally nor ballots', p_project_code, untallied
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_tally_known',
            DETAIL = json_build_object('project', p_project_code, 'held', untallied::text)::text,
            HINT = 'Give participating_area_m2, participating_owners, approving_area_m2 and approving_owners, or load the vote''s ballots.';
  END IF;
  -- SPEC §7: ballots count only owners of a unit in the project's scope on the day of the vote.
  SELECT b.matter, b.held_on, b.owner_key INTO stray_ballot
    FROM ledger.ballots AS b
    WHERE b.project_code = p_project_code
      AND NOT EXISTS (SELECT 1 FROM ledger.owners AS o JOIN ledger.project_units AS u
                        ON u.compound_code = o.compound_code AND u.building = o.building AND u.unit_no = o.unit_no
                      WHERE u.project_code = p_project_code AND o.owner_key = b.owner_key
                        AND b.held_on BETWEEN o.since_on AND coalesce(o.until_on, 'infinity'))
    ORDER BY b.held_on, b.matter, b.owner_key LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'project %: the ballot of % on the % vote of % is from no owner of a unit in the project''s scope that day',
      p_project_code, stray_ballot.owner_key, stray_ballot.matter, stray_ballot.held_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ballots_owner_in_scope',
            DETAIL = json_build_object('project', p_project_code, 'owner', stray_ballot.owner_key, 'matter', stray_ballot.matter, 'held', stray_ballot.held_on::text)::text,
            HINT = 'Check owner_key against owners.csv (the owner on held_on of a unit in scope_buildings).';
  END IF;
  IF votes_read.any_disagree THEN
    disagreeing := votes_read.disagreeing;
    RAISE EXCEPTION 'project %: the % vote of % was typed as % m² and % owners taking part, % m² and % owners approving, but its ballots give % m², %, % m², %',
      p_project_code, disagreeing.matter, disagreeing.held_on, disagreeing.participating_area_m2, disagreeing.participating_owners,
      disagreeing.approving_area_m2, disagreeing.approving_owners, disagreeing.ballot_participating_area,
      disagreeing.ballot_participating_owners, disagreeing.ballot_approving_area, disagreeing.ballot_approving_owners
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_ballots_agree',
            DETAIL = json_build_object('project', p_project_code, 'matter', disagreeing.matter, 'held', disagreeing.held_on::text,
                'parea', disagreeing.participating_area_m2::text, 'powners', disagreeing.participating_owners::text,
                'aarea', disagreeing.approving_area_m2::text, 'aowners', disagreeing.approving_owners::text,
                'bparea', disagreeing.ballot_participating_area::text, 'bpowners', disagreeing.ballot_participating_owners::text,
                'baarea', disagreeing.ballot_approving_area::text, 'baowners', disagreeing.ballot_approving_owners::text)::text,
            HINT = 'Correct the typed tally or the ballots; or leave the tally blank to count it from the ballots.';
  END IF;
  IF impossible_vote THEN
    RAISE EXCEPTION 'project %: a vote has more participants than owners in scope, or more approvals than participants', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_counts_possible',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Check the vote counts, or give total_area_m2 and total_owners explicitly.';
  END IF;

  IF lawless_vote IS NOT NULL THEN
    RAISE EXCEPTION 'project %: a vote held on % predates every law of owners'' votes in the ledger''s rules', p_project_code, lawless_vote
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_law_known',
            DETAIL = json_build_object('project', p_project_code, 'held', lawless_vote::text)::text,
            HINT = 'The rules start with the Property Law on 2007-10-01 (propledger rules lists them); check held_on.';
  END IF;

  -- SPEC §6: an emergency's category comes from its jurisdiction's closed list where it has one, as of
  -- the day it was confirmed (fund.emergency_categories; NULL = an open list, any code with its reason).
  IF prj.emergency THEN
    emergency_categories := ledger.rule_value(prj.district_code, 'fund.emergency_categories', prj.emergency_confirmed_on);
    IF emergency_categories IS NOT NULL
       AND NOT prj.emergency_category = ANY (string_to_array(emergency_categories, ',')) THEN
      RAISE EXCEPTION 'project %: emergency category % is not one of the emergencies its jurisdiction admits on % (%)',
        p_project_code, prj.emergency_category, prj.emergency_confirmed_on, replace(emergency_categories, ',', ', ')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_emergency_category_in_closed_list',
            DETAIL = json_build_object('project', p_project_code, 'category', prj.emergency_category,
                  'confirmed', prj.emergency_confirmed_on::text, 'categories', replace(emergency_categories, ',', ', '), 'district', prj.district_code)::text,
              HINT = 'Use one of the listed categories (propledger rules --district ' || prj.district_code
                     || ' shows the list and its article), or load the project as no emergency with its use_fund vote.';
    END IF;
  END IF;

  -- SPEC §6 / Civil Code Art. 283: a project with agreed weights gives every unit of its scope one, names
  -- no unit outside it, and gives at least one unit a weight above zero (ledger.project_weights, 030).
  IF prj.project_code IS NOT NULL AND EXISTS (SELECT 1 FROM ledger.project_weights AS w WHERE w.project_code = p_project_code) THEN
    SELECT count(*) FILTER (WHERE w.project_code IS NULL), min(u.building || ' ' || u.unit_no) FILTER (WHERE w.project_code IS NULL)
      INTO weights_missing, weight_example
      FROM ledger.project_units AS u
      LEFT JOIN ledger.project_weights AS w
        ON w.project_code = u.project_code AND w.building = u.building AND w.unit_no = u.unit_no
     WHERE u.project_code = p_project_code;
    IF weights_missing > 0 THEN
      RAISE EXCEPTION 'project %: % unit(s) of its scope have no agreed weight (e.g. %)', p_project_code, weights_missing, weight_example
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_cover_scope',
            DETAIL = json_build_object('project', p_project_code, 'count', weights_missing::text, 'example', weight_example)::text,
              HINT = 'A project with weights gives every unit of its scope one (0 for a unit that pays nothing, e.g. the ground floor of an elevator).';
    END IF;
    SELECT count(*), min(w.building || ' ' || w.unit_no)
      INTO weights_outside, weight_example
      FROM ledger.project_weights AS w
     WHERE w.project_code = p_project_code
       AND NOT EXISTS (SELECT 1 FROM ledger.project_units AS u WHERE u.project_code = w.project_code
                         AND u.building = w.building AND u.unit_no = w.unit_no);
    IF weights_outside > 0 THEN
      RAISE EXCEPTION 'project %: % weight(s) name a unit outside its scope (e.g. %)', p_project_code, weights_outside, weight_example
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_within_scope',
            DETAIL = json_build_object('project', p_project_code, 'count', weights_outside::text, 'example', weight_example)::text,
              HINT = 'Check building and unit_no against units.csv and the project''s scope_buildings.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ledger.project_weights AS w WHERE w.project_code = p_project_code AND w.weight > 0) THEN
      RAISE EXCEPTION 'project %: every agreed weight is 0, so nothing can be apportioned', p_project_code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_some_positive',
            DETAIL = json_build_object('project', p_project_code)::text,
              HINT = 'Give at least one unit a weight above 0.';
    END IF;
  END IF;

  IF prj.project_code IS NULL OR prj.status NOT IN ('approved', 'in_progress', 'completed', 'accepted') THEN
    RETURN;  -- a missing project is reported by the deferred foreign keys
  END IF;

  committed := CASE WHEN percent_rows > 0 THEN prj.budget_yuan ELSE amount_sum END;
  IF committed IS DISTINCT FROM prj.budget_yuan THEN
    RAISE EXCEPTION 'project %: funding shares sum to % yuan but the budget is % yuan', p_project_code, committed, prj.budget_yuan
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_shares_sum_to_budget',
            DETAIL = json_build_object('project', p_project_code, 'committed', committed::text, 'budget', prj.budget_yuan::text)::text,
            HINT = 'From approval on the shares must sum exactly to budget_yuan: fix the funding rows or the budget.';
  END IF;
  IF (has_fund_share OR has_owners_share)
     AND NOT EXISTS (SELECT 1 FROM ledger.project_units AS u WHERE u.project_code = p_project_code) THEN
    RAISE EXCEPTION 'project %: its owners'' or maintenance-fund share cannot be apportioned: no unit of % is in its scope (%)',
      p_project_code, prj.compound_code, coalesce(prj.scope_buildings, 'the whole compound')
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_share_scope_has_units',
            DETAIL = json_build_object('project', p_project_code, 'compound', prj.compound_code, 'scope', prj.scope_buildings)::text,
            HINT = 'Check scope_buildings against the building column of units.csv (separate buildings with ;), or load the units first.';
  END IF;
  -- SPEC §2.5/§6: no vote is needed for an emergency (its category, reason, applicant and confirmation
  -- are recorded: the projects_emergency_* CHECKs).
  IF has_fund_share AND NOT use_fund_passed AND NOT prj.emergency THEN
    RAISE EXCEPTION 'project %: a maintenance-fund share needs a passing use_fund vote held on or before % (approved_on)', p_project_code, prj.approved_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_fund_share_needs_use_fund_vote',
            DETAIL = json_build_object('project', p_project_code, 'approved', prj.approved_on::text)::text,
            HINT = 'Load the passing use_fund vote, keep the project proposed until it is held, or, for an emergency (办法 Art. 24), record emergency with its category, reason, applicant and confirmation.';
  END IF;
  IF has_owners_share AND NOT raise_fund_passed THEN
    RAISE EXCEPTION 'project %: an owners (self-raised) share needs a passing raise_fund vote', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_owners_share_needs_raise_fund_vote',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Load the passing raise_fund vote, or keep the project proposed until it is held.';
  END IF;
END
$$;

-- ledger.owners' one-owner-at-a-time rule (005), the same rule with a cheaper index: a GiST index whose
-- first columns are btree_gist texts (compound_code, building, unit_no) spreads codes with long common
-- prefixes badly, and each inserted row paid ≈95 µs searching it (half of a city load's 182 s owners
-- insert). A leading hash of the unit's key guides the tree (≈45 µs a row); the three texts stay in the
-- constraint, so it is exactly the rule of 005 (two units whose keys hash alike are still told apart),
-- under its name and comment. The loader's set-wise overlap check reads the rule from this definition
-- (TableCatalog.overlap skips the hash: it follows from the texts' equality).
ALTER TABLE ledger.owners DROP CONSTRAINT owners_one_owner_at_a_time,
  ADD CONSTRAINT owners_one_owner_at_a_time EXCLUDE USING gist
    (hashtextextended(compound_code || '|' || building || '|' || unit_no, 0) WITH =,
     compound_code WITH =, building WITH =, unit_no WITH =, daterange(since_on, until_on, '[]') WITH &&);
COMMENT ON CONSTRAINT owners_one_owner_at_a_time ON ledger.owners IS 'a unit has one owner at a time: co-owners share one owner_key (SPEC §7)';
