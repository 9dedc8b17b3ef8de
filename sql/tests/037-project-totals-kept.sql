-- 037: per-project totals kept (issue 16). ledger.refresh_kept clears a project's stale mark once its kept
-- votes and shares are written, and the totals follow (one row per current project); report.projects_report
-- reads them where they are the answer (the project current, --as-of on or after its last payment and vote)
-- and computes the rest. Checked: the report through the kept totals equals the report with every project
-- computed, on random histories of payments, shares, budgets, votes and refreshes at random --as-of dates.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(9);

\ir fixtures/every-district-table.sql

-- The projects report as read (kept totals where they are the answer) against the same report with every
-- project marked stale (so computed from its shares and votes), at a date and for a district or all; the
-- marks are undone (a rolled-back block), so the kept totals stay in use afterwards.
CREATE FUNCTION pg_temp.report_mismatches(d date, district text DEFAULT NULL) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  CREATE TEMP TABLE as_read ON COMMIT DROP AS SELECT * FROM report.projects_report(d, district);
  BEGIN
    INSERT INTO staging.projects_stale (project_code, district_code)
    SELECT p.project_code, p.district_code FROM ledger.projects AS p ON CONFLICT DO NOTHING;
    SELECT count(*) INTO n FROM (
      (SELECT * FROM as_read EXCEPT ALL SELECT * FROM report.projects_report(d, district))
      UNION ALL
      (SELECT * FROM report.projects_report(d, district) EXCEPT ALL SELECT * FROM as_read)) AS x;
    RAISE EXCEPTION 'undo the marks' USING ERRCODE = 'P0001';
  EXCEPTION WHEN raise_exception THEN
    NULL;
  END;
  DROP TABLE as_read;
  RETURN n;
END
$$;
-- How many projects the report reads from kept totals at a date.
CREATE FUNCTION pg_temp.read_from_totals(d date) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM report.project_totals_kept AS k
  WHERE coalesce(k.last_paid_on, '-infinity') <= d AND coalesce(k.last_held_on, '-infinity') <= d
    AND NOT EXISTS (SELECT 1 FROM report.projects_stale AS z WHERE z.project_code = k.project_code)
$$;

SELECT is((SELECT count(*) FROM staging.project_totals_kept), 0::bigint, 'stale projects have no kept totals');
SELECT is(pg_temp.report_mismatches('2024-12-31'), 0::bigint, 'stale projects: the report computes them');
SELECT ledger.refresh_kept();
SELECT results_eq($$SELECT project_code, votes, passed, last_held_on FROM staging.project_totals_kept ORDER BY 1$$,
                  $$VALUES ('GS-2024-001', 1::bigint, 1::bigint, DATE '2024-02-01'), ('LG-2024-001', 1::bigint, 1::bigint, DATE '2024-02-01')$$,
  'a refresh keeps one row of totals per project, its votes counted');
SELECT is(pg_temp.read_from_totals('2026-12-31'), 2::bigint, 'after it, a late --as-of reads both projects from their totals');
SELECT is(pg_temp.report_mismatches('2026-12-31') + pg_temp.report_mismatches('2024-01-31') + pg_temp.report_mismatches('2026-12-31', '320508'),
  0::bigint, 'read from the totals, the report equals the computation (all, before the vote, one district)');

-- Only the owner writes them.
CREATE ROLE pl_test_totals_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_totals_loader', '320508');
SET LOCAL ROLE pl_test_totals_loader;
SELECT throws_ok($$UPDATE staging.project_totals_kept SET paid = 0$$, '42501', NULL, 'a loader cannot write kept totals');
SELECT throws_ok($$SELECT ledger.keep_project_totals(ARRAY['GS-2024-001'])$$, '42501', NULL, 'nor rewrite them');
RESET ROLE;

-- Random histories: payments from every source (some after the last vote), deleted payments, changed amounts
-- and budgets, votes added or their figures changed, refreshes now and then; after each step the report at a
-- random --as-of (and for 姑苏区) equals the computation.
SELECT setseed(0.37);
CREATE FUNCTION pg_temp.random_history(steps integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  bad bigint := 0;
  p record;
  pick double precision;
  day date;
BEGIN
  FOR i IN 1 .. steps LOOP
    SELECT * INTO p FROM ledger.projects ORDER BY random() LIMIT 1;
    day := DATE '2024-01-01' + (random() * 700)::integer;
    pick := random();
    IF pick < 0.35 THEN
      INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, payer, paid_on, amount_yuan)
      SELECT 'TP' || i, p.project_code, p.district_code, s.source, CASE WHEN s.source = 'government' THEN 'district' END,
             day, (1 + floor(random() * 500000)) / 100.0
      FROM (SELECT (ARRAY['owners', 'government', 'community_fund'])[1 + floor(random() * 3)::integer] AS source) AS s;
    ELSIF pick < 0.50 THEN
      DELETE FROM ledger.payments WHERE voucher_no = (SELECT voucher_no FROM ledger.payments ORDER BY random() LIMIT 1);
    ELSIF pick < 0.62 THEN
      UPDATE ledger.funding SET amount_yuan = (1 + floor(random() * 2000000)) / 100.0
      WHERE project_code = p.project_code AND amount_yuan IS NOT NULL;
    ELSIF pick < 0.70 THEN
      UPDATE ledger.projects SET budget_yuan = (100000 + floor(random() * 2000000)) / 100.0 WHERE project_code = p.project_code;
    ELSIF pick < 0.80 THEN
      INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners,
                                approving_area_m2, approving_owners)
      SELECT p.project_code, 'other', day, p.district_code, 100.00, 2, (floor(random() * 100))::numeric(12,2), floor(random() * 3)::integer
      ON CONFLICT DO NOTHING;
    ELSIF pick < 0.85 THEN
      UPDATE ledger.votes SET approving_owners = floor(random() * 3)::integer WHERE project_code = p.project_code AND matter = 'other';
    ELSE
      PERFORM ledger.refresh_kept();
    END IF;
    bad := bad + pg_temp.report_mismatches(DATE '2024-01-01' + (random() * 760)::integer)
               + pg_temp.report_mismatches(DATE '2024-01-01' + (random() * 760)::integer, '320508');
  END LOOP;
  PERFORM ledger.refresh_kept();
  RETURN bad + pg_temp.report_mismatches('2026-12-31') + pg_temp.report_mismatches('2024-03-01');
END
$$;
SELECT is(pg_temp.random_history(60), 0::bigint,
  'over a random history of 60 changes and refreshes, the report through the kept totals always equals the computation');
SELECT is(pg_temp.read_from_totals('2026-12-31'), 2::bigint, 'and after the last refresh both projects are read from their totals');

SELECT * FROM finish();
ROLLBACK;
