-- Results kept, not recomputed on every report (issues 16, 17 and 18): the fund's postings, the votes'
-- evaluations and the projects' committed and paid amounts per share.
--
-- report.fund_postings (sql/schema/050-fund.sql) computes every posting of a compound's unit accounts from
-- its deposits, draws and interest in date order, and ledger.votes_evaluated (009) counts every vote's
-- owners, areas and ballots (Art. 9); at 200,000 units each takes seconds to minutes, and the fund, votes,
-- projects and anomalies reports and the notices all read them. Here their results are kept:
--
--   staging.fund_postings_kept  every posting of every compound whose kept postings are current (one row per
--                               compound, its postings in an array), dated, so
--                               that any --as-of reads the postings dated on or before it (the computation
--                               applies events in date order: the postings up to a day never depend on a
--                               later fact);
--   staging.votes_kept          every vote as ledger.votes_evaluated gives it, for every project whose kept
--                               votes are current (a vote's evaluation depends on its own day only, so any
--                               --as-of reads the votes held on or before it);
--   staging.shares_kept         every funding share of every current project (source and payer) with what
--                               is committed, what has been paid and the day of its last payment: an
--                               --as-of on or after that day reads the kept paid amount, an earlier one sums
--                               the share's payments up to it;
--   staging.fund_stale,         the compounds, and the projects, whose kept results are out of date: a
--   staging.projects_stale      statement that changes a fact they are computed from marks them
--                               (statement-level triggers with transition tables, so a million-row load
--                               marks set-wise).
--
-- The kept rows are never trusted blindly: the report schema reads the kept results of what is not stale and
-- computes the stale part as before, so a report is right whether or not the results were brought up to
-- date. ledger.refresh_kept() brings them up to date (the loader calls it right after it commits; a DBA
-- after changing rows by hand). Only the owner writes these tables. They are derived data, not facts: they
-- live in staging beside the project-rule marks (not in ledger, whose tables are load kinds, audited row by
-- row), and every row carries its district for row-level security as the ledger's do.

-- One posting of a unit account (report.fund_postings_compute's columns but the compound's): the element
-- of a compound's kept postings.
CREATE TYPE staging.fund_posting AS (
  seq           integer,
  building      text,
  unit_no       text,
  posted_on     date,
  kind          text,
  reference     text,
  project_code  text,
  emergency     boolean,
  posted        numeric,
  amount        numeric,
  owed          numeric,
  balance       numeric
);
COMMENT ON TYPE staging.fund_posting IS
  'One posting to a unit account as report.fund_postings_compute gives it, without its compound and district (seq counts within the compound).';

-- One row per compound, its postings an array in seq order: a province's 44M postings are 50,000 rows that
-- compress well (their units and events repeat), not 44M rows with two index entries each — writing them
-- cost more than computing them (docs/benchmarks.md, session 15). Readers unnest them
-- (report.fund_postings_kept); a compound's postings are read by its key.
CREATE TABLE staging.fund_postings_kept (
  compound_code text    PRIMARY KEY,
  district_code text    NOT NULL,
  postings      staging.fund_posting[] NOT NULL
);
COMMENT ON TABLE staging.fund_postings_kept IS
  'The postings of report.fund_postings kept per compound (one row each, its postings in seq order); current for every compound not in staging.fund_stale. Written only by ledger.refresh_kept.';
CREATE INDEX fund_postings_kept_district_idx ON staging.fund_postings_kept (district_code);

CREATE TABLE staging.fund_stale (
  compound_code text PRIMARY KEY,
  district_code text NOT NULL,
  marked_at     timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE staging.fund_stale IS
  'Compounds whose kept fund postings are out of date (marked by the triggers of the facts they are computed from); reports compute these live until ledger.refresh_kept.';

-- The columns of ledger.votes_evaluated, whatever they are (pgTAP 034 holds the two equal).
CREATE TABLE staging.votes_kept AS SELECT * FROM ledger.votes_evaluated WITH NO DATA;
ALTER TABLE staging.votes_kept ADD PRIMARY KEY (project_code, matter, held_on);
ALTER TABLE staging.votes_kept ALTER COLUMN district_code SET NOT NULL;
CREATE INDEX votes_kept_district_idx ON staging.votes_kept (district_code);
COMMENT ON TABLE staging.votes_kept IS
  'The rows of ledger.votes_evaluated kept per project; current for every project not in staging.projects_stale. Written only by ledger.refresh_kept.';

CREATE TABLE staging.shares_kept (
  project_code  text    NOT NULL,
  district_code text    NOT NULL,
  source        text    NOT NULL,
  payer         text,
  funded        boolean NOT NULL,
  committed     numeric,
  paid          numeric NOT NULL,
  last_paid_on  date,
  CONSTRAINT shares_kept_key UNIQUE NULLS NOT DISTINCT (project_code, source, payer)
);
CREATE INDEX shares_kept_district_idx ON staging.shares_kept (district_code);
COMMENT ON TABLE staging.shares_kept IS
  'Per project, source and payer (report.share_totals): funded (a funding row exists), committed, paid in all and the day of the last payment; current for every project not in staging.projects_stale. Written only by ledger.refresh_kept.';

CREATE TABLE staging.projects_stale (
  project_code  text PRIMARY KEY,
  district_code text NOT NULL,
  marked_at     timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE staging.projects_stale IS
  'Projects whose kept votes and shares are out of date (marked by the triggers of the facts they are computed from); reports compute these live until ledger.refresh_kept.';

-- Usage: SELECT * FROM ledger.votes_of('GS-2024-001');
-- One project's votes as ledger.votes_evaluated gives them: the kept rows when the project is not marked
-- stale, else counted now. ledger.check_project_rules reads its votes here, so a vote counted (and kept) by the
-- load is not counted again by the project rules. The kept rows are written only by the owner's refresh, and
-- every change to what a vote is counted from marks its project stale (the triggers below), so a kept row is
-- never read for a project whose facts changed since.
CREATE FUNCTION ledger.votes_of(p_project_code text) RETURNS SETOF staging.votes_kept
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM staging.projects_stale AS s WHERE s.project_code = p_project_code) THEN
    RETURN QUERY SELECT e.* FROM ledger.votes_evaluated AS e WHERE e.project_code = p_project_code;
  ELSE
    RETURN QUERY SELECT k.* FROM staging.votes_kept AS k WHERE k.project_code = p_project_code;
  END IF;
END
$$;
COMMENT ON FUNCTION ledger.votes_of(text) IS
  'One project''s rows of ledger.votes_evaluated: kept (staging.votes_kept) unless the project is marked stale, else counted now.';

-- Readers see the rows of their districts only, as in every district table (012); the owner has a
-- city-wide scope. Nobody but the owner writes: the triggers and the refresh are SECURITY DEFINER.
DO $$
DECLARE
  t text;
  in_scope constant text := '(SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[])';
BEGIN
  FOREACH t IN ARRAY ARRAY['fund_postings_kept', 'fund_stale', 'votes_kept', 'shares_kept', 'projects_stale'] LOOP
    EXECUTE format('ALTER TABLE staging.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE staging.%I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY %I ON staging.%I FOR ALL USING (%s) WITH CHECK (%s)', t || '_district_scope', t, in_scope, in_scope);
    EXECUTE format('REVOKE ALL ON staging.%I FROM PUBLIC', t);
  END LOOP;
END
$$;

-- Marks what a statement's rows make stale. TG_ARGV[0] names the kept result: 'fund' (compounds, in
-- staging.fund_stale) or 'projects' (the votes and shares of projects, in staging.projects_stale); TG_ARGV[1] says how a row names what it
-- belongs to: 'compound' (a compound_code column) or 'project' (a project_code column). A compound's change
-- reaches its projects, a project's change its compound, through ledger.projects. Old and new rows both
-- count: a row moved from one compound to another changes both.
CREATE FUNCTION ledger.mark_stale() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  rows_sql text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
                              WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
                              ELSE 'SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows' END;
  stale_table constant text := CASE TG_ARGV[0] WHEN 'fund' THEN 'fund_stale' ELSE 'projects_stale' END;
  stale_key constant text := CASE TG_ARGV[0] WHEN 'fund' THEN 'compound_code' ELSE 'project_code' END;
  row_key constant text := TG_ARGV[1] || '_code';
BEGIN
  IF row_key = stale_key THEN
    -- The rows name what is stale themselves (with its district).
    EXECUTE format('INSERT INTO staging.%I (%I, district_code) SELECT DISTINCT r.%I, r.district_code FROM (%s) AS r
                    ON CONFLICT (%I) DO NOTHING', stale_table, stale_key, stale_key, rows_sql, stale_key);
  ELSE
    -- Through the projects: a project's compound, or a compound's projects.
    EXECUTE format('INSERT INTO staging.%I (%I, district_code)
                    SELECT DISTINCT p.%I, p.district_code FROM (SELECT DISTINCT r.%I AS code FROM (%s) AS r) AS r
                    JOIN ledger.projects AS p ON p.%I = r.code
                    ON CONFLICT (%I) DO NOTHING', stale_table, stale_key, stale_key, row_key, rows_sql, row_key, stale_key);
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.mark_stale() IS
  'Statement trigger (fund|projects, compound|project): marks the compounds (staging.fund_stale) or projects (staging.projects_stale) whose kept results the changed rows affect.';

-- The facts each result is computed from. Fund postings: deposits, compound interest, units (their areas
-- weigh draws), projects (scope, emergency), payments (maintenance-fund draws), agreed weights. A project's
-- votes and shares: the votes, their ballots, projects (scope, budget), units (areas, the units in scope),
-- owners (Art. 9 counting), funding, payments.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('fund', 'fund_deposits', 'compound'), ('fund', 'fund_interest', 'compound'),
                                 ('fund', 'units', 'compound'), ('fund', 'projects', 'compound'),
                                 ('fund', 'payments', 'project'), ('fund', 'project_weights', 'project'),
                                 ('projects', 'votes', 'project'), ('projects', 'ballots', 'project'),
                                 ('projects', 'projects', 'project'), ('projects', 'units', 'compound'),
                                 ('projects', 'owners', 'compound'), ('projects', 'funding', 'project'),
                                 ('projects', 'payments', 'project'))
                         AS x (result, table_name, by_what) LOOP
    PERFORM ledger.create_change_triggers(format('ledger.%I', t.table_name)::regclass, t.table_name || '_' || t.result || '_stale',
                                          'ledger.mark_stale', ARRAY[t.result, t.by_what]);
  END LOOP;
END
$$;

-- A database migrated before this one has results to compute: all of them are stale.
INSERT INTO staging.fund_stale (compound_code, district_code)
SELECT DISTINCT d.compound_code, d.district_code FROM ledger.fund_deposits AS d
ON CONFLICT (compound_code) DO NOTHING;
INSERT INTO staging.projects_stale (project_code, district_code)
SELECT p.project_code, p.district_code FROM ledger.projects AS p
ON CONFLICT (project_code) DO NOTHING;

-- ledger.refresh_kept(), which recomputes what is stale, is defined in 036-fund-totals-kept (it keeps the fund's
-- unit and compound totals too).
