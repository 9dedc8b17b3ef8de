-- The fund's postings kept, not recomputed on every report (issues 16 and 17).
--
-- report.fund_postings (sql/schema/050-fund.sql) computes every posting of a compound's unit accounts from
-- its deposits, draws and interest in date order; at 200,000 units that takes tens of seconds, and the fund
-- report, the anomalies and the notices all read it. Here the postings are kept per compound:
--
--   staging.fund_postings_kept  every posting of every compound whose kept postings are current, dated, so
--                              that any --as-of reads the postings dated on or before it (the computation
--                              is date-ordered: the postings up to a day never depend on a later fact);
--   staging.fund_stale          the compounds whose kept postings are out of date: a statement that changes a
--                              fact the postings are computed from marks its compounds here (statement-level
--                              triggers with transition tables, so a million-row load marks set-wise).
--
-- The kept rows are never trusted blindly: report.fund_postings reads the kept postings of compounds that
-- are not stale and computes the stale ones as before, so a report is right whether or not the postings
-- were brought up to date. ledger.fund_refresh() brings them up to date (the loader calls it before it
-- commits; a DBA after changing rows by hand). Only the owner writes either table. They are derived data,
-- not facts: they live in staging beside the project-rule marks (not in ledger, whose tables are load kinds,
-- audited row by row), and every row carries its district for row-level security as the ledger's do.

CREATE TABLE staging.fund_postings_kept (
  compound_code text    NOT NULL,
  seq           integer NOT NULL,
  district_code text    NOT NULL,
  building      text    NOT NULL,
  unit_no       text    NOT NULL,
  posted_on     date    NOT NULL,
  kind          text    NOT NULL,
  reference     text    NOT NULL,
  project_code  text,
  emergency     boolean NOT NULL,
  posted        numeric NOT NULL,
  amount        numeric NOT NULL,
  owed          numeric NOT NULL,
  balance       numeric NOT NULL,
  PRIMARY KEY (compound_code, seq)
);
COMMENT ON TABLE staging.fund_postings_kept IS
  'The postings of report.fund_postings kept per compound (seq counts within the compound); current for every compound not in staging.fund_stale. Written only by ledger.fund_refresh.';
CREATE INDEX fund_postings_kept_district_idx ON staging.fund_postings_kept (district_code);

CREATE TABLE staging.fund_stale (
  compound_code text PRIMARY KEY,
  district_code text NOT NULL,
  marked_at     timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE staging.fund_stale IS
  'Compounds whose kept fund postings are out of date (marked by the triggers of the facts they are computed from); reports compute these live until ledger.fund_refresh.';

-- Readers see the rows of their districts only, as in every district table (012); the owner has a
-- city-wide scope. Nobody but the owner writes: the triggers and the refresh are SECURITY DEFINER.
ALTER TABLE staging.fund_postings_kept ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.fund_postings_kept FORCE ROW LEVEL SECURITY;
ALTER TABLE staging.fund_stale ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.fund_stale FORCE ROW LEVEL SECURITY;
CREATE POLICY fund_postings_kept_district_scope ON staging.fund_postings_kept FOR ALL
  USING ((SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[]))
  WITH CHECK ((SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[]));
CREATE POLICY fund_stale_district_scope ON staging.fund_stale FOR ALL
  USING ((SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[]))
  WITH CHECK ((SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[]));
REVOKE ALL ON staging.fund_postings_kept, staging.fund_stale FROM PUBLIC;

-- Marks the compounds a statement's rows belong to as stale. TG_ARGV[0] says how a row names its compound:
-- 'compound' (a compound_code column) or 'project' (a project_code column, through ledger.projects).
-- Old and new rows both count: a row moved from one compound to another changes both.
CREATE FUNCTION ledger.fund_mark_stale() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  rows_sql text := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
                              WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
                              ELSE 'SELECT * FROM old_rows UNION ALL SELECT * FROM new_rows' END;
BEGIN
  IF TG_ARGV[0] = 'compound' THEN
    EXECUTE format('INSERT INTO staging.fund_stale (compound_code, district_code)
                    SELECT DISTINCT r.compound_code, r.district_code FROM (%s) AS r
                    ON CONFLICT (compound_code) DO NOTHING', rows_sql);
  ELSE
    EXECUTE format('INSERT INTO staging.fund_stale (compound_code, district_code)
                    SELECT DISTINCT p.compound_code, p.district_code
                    FROM (SELECT DISTINCT r.project_code FROM (%s) AS r) AS r
                    JOIN ledger.projects AS p ON p.project_code = r.project_code
                    ON CONFLICT (compound_code) DO NOTHING', rows_sql);
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.fund_mark_stale() IS
  'Statement trigger: marks the compounds of the changed rows (by compound_code, or by project_code through projects) in staging.fund_stale.';

-- The facts the postings are computed from: deposits, compound interest, units (their areas weigh draws),
-- payments (maintenance-fund draws), projects (scope, emergency), agreed weights.
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES ('fund_deposits', 'compound'), ('fund_interest', 'compound'), ('units', 'compound'),
                                 ('projects', 'compound'), ('payments', 'project'), ('project_weights', 'project'))
                         AS x (table_name, by_what) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON ledger.%I REFERENCING NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger.fund_mark_stale(%L)', t.table_name || '_fund_stale_insert', t.table_name, t.by_what);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON ledger.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger.fund_mark_stale(%L)', t.table_name || '_fund_stale_update', t.table_name, t.by_what);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON ledger.%I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger.fund_mark_stale(%L)', t.table_name || '_fund_stale_delete', t.table_name, t.by_what);
  END LOOP;
END
$$;

-- A database migrated before this one has postings to compute: every compound with fund records is stale.
INSERT INTO staging.fund_stale (compound_code, district_code)
SELECT DISTINCT d.compound_code, d.district_code FROM ledger.fund_deposits AS d
ON CONFLICT (compound_code) DO NOTHING;

-- Usage: SELECT ledger.fund_refresh(); → the number of compounds whose postings were recomputed.
-- Recomputes the kept postings of every stale compound (report.fund_postings_compute, as of no end date)
-- and clears their marks, in the caller's transaction. The loader calls it before it commits.
CREATE FUNCTION ledger.fund_refresh() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  stale text[];
BEGIN
  -- The marks taken are locked, so a concurrent refresh waits for this one instead of computing them twice.
  SELECT coalesce(array_agg(s.compound_code), '{}') INTO stale
  FROM (SELECT f.compound_code FROM staging.fund_stale AS f ORDER BY f.compound_code FOR UPDATE) AS s;
  IF cardinality(stale) = 0 THEN
    RETURN 0;
  END IF;
  DELETE FROM staging.fund_postings_kept AS k WHERE k.compound_code = ANY (stale);
  INSERT INTO staging.fund_postings_kept (compound_code, seq, district_code, building, unit_no, posted_on, kind,
                                         reference, project_code, emergency, posted, amount, owed, balance)
  SELECT p.compound_code, p.seq, p.district_code, p.building, p.unit_no, p.posted_on, p.kind, p.reference,
         p.project_code, p.emergency, p.posted, p.amount, p.owed, p.balance
  FROM report.fund_postings_compute('infinity', stale) AS p;
  DELETE FROM staging.fund_stale AS f WHERE f.compound_code = ANY (stale);
  RETURN cardinality(stale);
END
$$;
COMMENT ON FUNCTION ledger.fund_refresh() IS
  'Brings the kept fund postings of every stale compound up to date (staging.fund_postings_kept) and clears the marks; returns how many compounds were recomputed.';
REVOKE ALL ON FUNCTION ledger.fund_refresh() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ledger.fund_refresh() TO propledger_loader;
