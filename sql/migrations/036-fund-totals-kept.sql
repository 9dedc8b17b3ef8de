-- Each unit's fund account totals kept, with the top-up judgement and the rules it was judged by (issues 16
-- and 17): `fund` and `anomalies` no longer sum every kept posting per unit and judge every unit on each run.
--
-- Migration 034 keeps the postings (staging.fund_postings_kept); the reports still summed them per unit and
-- judged each unit against the top-up threshold (now parsed once per district by ledger.threshold_parts and
-- compared inline by ledger.meets_parts, both in 002). Here:
--
--   staging.fund_units_kept  per unit of every compound whose kept postings are current: its totals, the day
--                            of its compound's last posting, the judgement (below the threshold, the day its
--                            spell below began, whether it was topped up since) and the rule values it was
--                            judged by (threshold, base, default target);
--   staging.fund_compounds_kept  per compound: the sums and the counts of units below the threshold and owing,
--                            with the same rule values, so `fund --by compound` reads one row per compound;
--   ledger.refresh_kept()    recomputes every kept result (034's and these).
--
-- The report schema (sql/schema/050-fund.sql) reads a compound's kept totals only where they are the answer:
-- the compound is not stale, --as-of is on or after its last posting, and the rules in force on --as-of are
-- those it was judged by; everything else is computed from the postings as before. ledger.refresh_kept()
-- writes them for the compounds it refreshes and re-judges the compounds whose district's rules have changed
-- since (rules as of the day it runs).

CREATE TABLE staging.fund_units_kept (
  compound_code   text    NOT NULL,
  building        text    NOT NULL,
  unit_no         text    NOT NULL,
  district_code   text    NOT NULL,
  pos             integer NOT NULL,
  last_posted_on  date    NOT NULL,
  first_deposits  numeric NOT NULL,
  top_ups         numeric NOT NULL,
  refunds         numeric NOT NULL,
  interest        numeric NOT NULL,
  draws           numeric NOT NULL,
  owed            numeric NOT NULL,
  balance         numeric NOT NULL,
  emergency_draws numeric NOT NULL,
  below_threshold boolean NOT NULL,
  below_since     date,
  topped_up       boolean,
  topup_threshold text,
  topup_base      text,
  topup_default_target text,
  PRIMARY KEY (compound_code, building, unit_no)
);
COMMENT ON TABLE staging.fund_units_kept IS
  'Per unit of every compound with kept postings: the totals of report.fund_units_compute (pos: natural order within the compound), the compound''s last posting day, the top-up judgement and the rule values it was judged by; current for every compound not in staging.fund_stale. Written only by ledger.refresh_kept.';
CREATE INDEX fund_units_kept_district_idx ON staging.fund_units_kept (district_code);
-- The units the anomalies list (below the threshold or owing), without reading the others.
CREATE INDEX fund_units_kept_flagged_idx ON staging.fund_units_kept (compound_code) WHERE below_threshold OR owed > 0;

CREATE TABLE staging.fund_compounds_kept (
  compound_code   text    PRIMARY KEY,
  district_code   text    NOT NULL,
  last_posted_on  date    NOT NULL,
  first_deposits  numeric NOT NULL,
  top_ups         numeric NOT NULL,
  refunds         numeric NOT NULL,
  interest        numeric NOT NULL,
  draws           numeric NOT NULL,
  owed            numeric NOT NULL,
  balance         numeric NOT NULL,
  units_below_threshold bigint NOT NULL,
  units_owing     bigint  NOT NULL,
  emergency_draws numeric NOT NULL,
  topup_threshold text,
  topup_base      text,
  topup_default_target text
);
COMMENT ON TABLE staging.fund_compounds_kept IS
  'Per compound with kept postings: the sums of its staging.fund_units_kept rows, the units below the threshold and owing, and the rule values they were judged by; current for every compound not in staging.fund_stale. Written only by ledger.refresh_kept.';
CREATE INDEX fund_compounds_kept_district_idx ON staging.fund_compounds_kept (district_code);

-- The row-level security of 034: readers see their districts' rows; nobody but the owner writes.
DO $$
DECLARE
  t text;
  in_scope constant text := '(SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[])';
BEGIN
  FOREACH t IN ARRAY ARRAY['fund_units_kept', 'fund_compounds_kept'] LOOP
    EXECUTE format('ALTER TABLE staging.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE staging.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON staging.%I FOR ALL USING (%s) WITH CHECK (%s)', t || '_district_scope', t, in_scope, in_scope);
    EXECUTE format('REVOKE ALL ON staging.%I FROM PUBLIC', t);
  END LOOP;
END
$$;

-- The compounds whose postings are kept have no kept totals yet: they are computed at the next refresh.
INSERT INTO staging.fund_stale (compound_code, district_code)
SELECT DISTINCT k.compound_code, k.district_code FROM staging.fund_postings_kept AS k
ON CONFLICT (compound_code) DO NOTHING;

-- Usage: SELECT ledger.refresh_projects_kept(ARRAY['GS-2024-001']); → how many projects were recomputed.
-- The kept votes and shares (034) of the projects given (NULL = all) that are marked stale, computed again
-- (ledger.votes_evaluated, report.share_totals), and their marks cleared (which rewrites their kept totals,
-- 037). The marks taken are locked, so a concurrent refresh waits instead of computing them twice.
-- ledger.refresh_kept runs it for every stale project; the load's project-rule pass for the projects it
-- checks, before checking them, so each vote is counted once per load (staging.project_rule_violations, 021).
CREATE FUNCTION ledger.refresh_projects_kept(p_projects text[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  projects text[];
BEGIN
  SELECT coalesce(array_agg(s.project_code), '{}') INTO projects
  FROM (SELECT v.project_code FROM staging.projects_stale AS v
        WHERE p_projects IS NULL OR v.project_code = ANY (p_projects)
        ORDER BY v.project_code FOR UPDATE) AS s;
  IF cardinality(projects) > 0 THEN
    DELETE FROM staging.votes_kept AS k WHERE k.project_code = ANY (projects);
    INSERT INTO staging.votes_kept SELECT e.* FROM ledger.votes_evaluated AS e WHERE e.project_code = ANY (projects);
    DELETE FROM staging.shares_kept AS k WHERE k.project_code = ANY (projects);
    INSERT INTO staging.shares_kept (project_code, district_code, source, payer, funded, committed, paid, last_paid_on)
    SELECT t.project_code, t.district_code, t.source, t.payer, t.funded, t.committed, t.paid, t.last_paid_on
    FROM report.share_totals('infinity', NULL, projects) AS t;
    DELETE FROM staging.projects_stale AS v WHERE v.project_code = ANY (projects);
  END IF;
  RETURN cardinality(projects);
END
$$;
COMMENT ON FUNCTION ledger.refresh_projects_kept(text[]) IS
  'Recomputes the kept votes and shares of the stale projects among those given (NULL = all stale) and clears their marks; returns how many.';
REVOKE ALL ON FUNCTION ledger.refresh_projects_kept(text[]) FROM PUBLIC;

-- Usage: SELECT ledger.refresh_share_of('GS015', 2); → which of 2 shares the compound or project GS015 falls in (1 or 2).
-- How the kept results are split between sessions that refresh them side by side (ledger.refresh_kept_share(share,
-- shares)): by a hash of the compound or project code, so every session computes the same split of whatever is
-- stale when it looks, and no two take the same compound.
CREATE FUNCTION ledger.refresh_share_of(p_code text, p_shares integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ((hashtext(p_code)::bigint % p_shares + p_shares) % p_shares + 1)::integer;
COMMENT ON FUNCTION ledger.refresh_share_of(text, integer) IS
  'The share (1..shares) of the kept results a compound or project code falls in when that many sessions refresh them side by side.';

-- Usage: SELECT ledger.refresh_kept_share(1, 2); in one session and SELECT ledger.refresh_kept_share(2, 2); in another, at once.
-- As in 034, and for the fund: the totals and judgement of every unit and compound of the compounds
-- refreshed (report.fund_units_compute: postings with no end date, the rules in force today), and of the
-- kept compounds whose district's rules in force today differ from those they were judged by. Only the
-- compounds and projects of share p_share of p_shares (ledger.refresh_share_of): sessions refreshing the
-- shares 1..p_shares side by side do the work of one refresh on as many server processes (the loader runs two
-- after each load, `load --refresh-sessions`; the fund postings are a PL/pgSQL computation, one process each).
CREATE FUNCTION ledger.refresh_kept_share(p_share integer, p_shares integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  compounds text[];
  judged text[];
  chunk_start integer;
BEGIN
  IF p_shares IS NULL OR p_shares < 1 OR p_share IS NULL OR p_share NOT BETWEEN 1 AND p_shares THEN
    RAISE EXCEPTION 'refresh share % of % does not exist', p_share, p_shares
      USING ERRCODE = '22023', HINT = 'Give a share from 1 to the number of shares (at least 1).';
  END IF;
  -- The marks taken are locked, so a concurrent refresh waits for this one instead of computing them twice.
  SELECT coalesce(array_agg(s.compound_code), '{}') INTO compounds
  FROM (SELECT f.compound_code FROM staging.fund_stale AS f
        WHERE p_shares = 1 OR ledger.refresh_share_of(f.compound_code, p_shares) = p_share
        ORDER BY f.compound_code FOR UPDATE) AS s;
  -- The compounds to judge again: the stale ones and those judged by rules no longer in force.
  SELECT coalesce(array_agg(x.compound_code), '{}') INTO judged
  FROM (SELECT unnest(compounds) AS compound_code
        UNION
        SELECT k.compound_code FROM staging.fund_compounds_kept AS k
        JOIN report.fund_rules(current_date) AS r ON r.district_code = k.district_code
        WHERE (k.topup_threshold, k.topup_base, k.topup_default_target)
              IS DISTINCT FROM (r.topup_threshold, r.topup_base, r.topup_default_target)
          AND (p_shares = 1 OR ledger.refresh_share_of(k.compound_code, p_shares) = p_share)) AS x;
  IF cardinality(compounds) > 0 THEN
    DELETE FROM staging.fund_postings_kept AS k WHERE k.compound_code = ANY (compounds);
    -- Computed 1,000 compounds at a time: a computation's result (~100 kB of postings a compound) is held until
    -- the insert reads it, and a share's 25,000 compounds at once spilled 2.5 GB to disk at province.
    FOR chunk_start IN 1 .. cardinality(compounds) BY 1000 LOOP
      INSERT INTO staging.fund_postings_kept (compound_code, district_code, postings)
      SELECT a.compound_code, a.district_code, a.postings
      FROM report.fund_accounts_compute('infinity', compounds[chunk_start : chunk_start + 999]) AS a;
    END LOOP;
    DELETE FROM staging.fund_stale AS f WHERE f.compound_code = ANY (compounds);
  END IF;
  IF cardinality(judged) > 0 THEN
    -- The postings of these compounds are current now: the totals are computed from the kept ones.
    DELETE FROM staging.fund_units_kept AS k WHERE k.compound_code = ANY (judged);
    DELETE FROM staging.fund_compounds_kept AS k WHERE k.compound_code = ANY (judged);
    INSERT INTO staging.fund_units_kept (compound_code, building, unit_no, district_code, pos, last_posted_on,
                                         first_deposits, top_ups, refunds, interest, draws, owed, balance,
                                         emergency_draws, below_threshold, below_since, topped_up, topup_threshold,
                                         topup_base, topup_default_target)
    SELECT u.compound_code, u.building, u.unit_no, u.district_code, u.pos, u.last_posted_on, u.first_deposits,
           u.top_ups, u.refunds, u.interest, u.draws, u.owed, u.balance, u.emergency_draws, u.below_threshold,
           u.below_since, u.topped_up, u.topup_threshold, u.topup_base, u.topup_default_target
    FROM report.fund_units_compute('infinity', judged, current_date) AS u;
    INSERT INTO staging.fund_compounds_kept (compound_code, district_code, last_posted_on, first_deposits, top_ups,
                                             refunds, interest, draws, owed, balance, units_below_threshold,
                                             units_owing, emergency_draws, topup_threshold, topup_base,
                                             topup_default_target)
    SELECT u.compound_code, min(u.district_code), max(u.last_posted_on), sum(u.first_deposits), sum(u.top_ups),
           sum(u.refunds), sum(u.interest), sum(u.draws), sum(u.owed), sum(u.balance),
           count(*) FILTER (WHERE u.below_threshold), count(*) FILTER (WHERE u.owed > 0), sum(u.emergency_draws),
           min(u.topup_threshold), min(u.topup_base), min(u.topup_default_target)
    FROM staging.fund_units_kept AS u WHERE u.compound_code = ANY (judged)
    GROUP BY u.compound_code;
  END IF;
  RETURN cardinality(judged)
       + ledger.refresh_projects_kept(CASE WHEN p_shares > 1 THEN ARRAY(
           SELECT v.project_code FROM staging.projects_stale AS v
           WHERE ledger.refresh_share_of(v.project_code, p_shares) = p_share) END);
END
$$;
COMMENT ON FUNCTION ledger.refresh_kept_share(integer, integer) IS
  'Brings the kept results of share share of shares (ledger.refresh_share_of) up to date: the fund postings of its stale compounds (staging.fund_postings_kept), the unit and compound totals of those and of its compounds judged by rules no longer in force (staging.fund_units_kept, staging.fund_compounds_kept), the votes and shares of its stale projects (staging.votes_kept, staging.shares_kept); clears their marks; returns how many compounds and projects were recomputed.';

-- Usage: SELECT ledger.refresh_kept(); → how many compounds and projects were recomputed.
-- Everything stale, in this session: ledger.refresh_kept_share(1, 1).
CREATE FUNCTION ledger.refresh_kept() RETURNS integer
LANGUAGE sql
SET search_path = pg_catalog, pg_temp
RETURN ledger.refresh_kept_share(1, 1);
COMMENT ON FUNCTION ledger.refresh_kept() IS
  'Brings every kept result up to date (ledger.refresh_kept_share(1, 1)): the fund postings of every stale compound, the unit and compound totals of those and of the compounds judged by rules no longer in force, the votes and shares of every stale project; clears their marks; returns how many compounds and projects were recomputed.';
REVOKE ALL ON FUNCTION ledger.refresh_kept(), ledger.refresh_kept_share(integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger.refresh_kept(), ledger.refresh_kept_share(integer, integer) TO propledger_loader;
