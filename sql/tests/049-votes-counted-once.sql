-- 049: a load counts each vote once (issue 18 at province: the project gates counted every vote, and the
-- refresh after the load counted them all again). The load's project-rule pass keeps the votes of the projects
-- it checks first (ledger.refresh_projects_kept) and the rules read them (ledger.votes_of): the kept counts of a
-- project that is not stale, the counting itself for one that is. Every way round is still caught: a change
-- after the pass marks its project stale (counted again, so a broken vote is refused at the deferred check),
-- and a loader can neither write the kept counts nor clear a stale mark nor run the refresh.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(13);

\ir fixtures/two-districts.sql
\ir fixtures/fund-scenario.sql
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;
SELECT ledger.refresh_kept();

-- A change to F1's vote (its totals are counted from the units in scope) marks F1 stale.
UPDATE ledger.votes SET approving_owners = approving_owners WHERE project_code = 'F1';
SELECT ok(EXISTS (SELECT 1 FROM staging.projects_stale WHERE project_code = 'F1'), 'a change to a vote marks its project stale');

-- The load's pass: F1 is sound, and its votes are kept before they are checked.
SELECT is_empty($$SELECT * FROM staging.project_rule_violations(ARRAY['F1'])$$, 'F1 passes the project-rule pass');
SELECT ok(NOT EXISTS (SELECT 1 FROM staging.projects_stale WHERE project_code = 'F1'),
  'the pass kept F1''s votes and cleared its mark');
SELECT results_eq($$SELECT * FROM staging.votes_kept WHERE project_code = 'F1' ORDER BY matter, held_on$$,
  $$SELECT * FROM ledger.votes_evaluated WHERE project_code = 'F1' ORDER BY matter, held_on$$,
  'the kept rows are the counting''s (totals from the 4 units in scope)');
SELECT is(ledger.refresh_projects_kept(ARRAY['F1']), 0, 'so the refresh after the load has nothing left to count for F1');

-- With nothing stale the reports read the kept counts only: report.votes' counting branch never runs (not a
-- scan of ledger.votes), whatever the planner guesses of the stale table (ledger.keep_project_totals, right
-- after the pass cleared every mark, counted every vote of a province load again without the one-time test).
CREATE FUNCTION pg_temp.ledger_votes_scans(query text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE plan jsonb;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, VERBOSE, FORMAT JSON) ' || query INTO plan;
  RETURN (SELECT coalesce(sum(n::bigint), 0) FROM jsonb_path_query(plan,
            'strict $.**? (@."Relation Name" == "votes" && @."Schema" == "ledger")."Actual Loops"') AS n);
END
$$;
SET LOCAL enable_hashjoin = off;  -- the plan that counts first and tests the marks after, as at province
SELECT is(pg_temp.ledger_votes_scans('SELECT * FROM report.votes'), 0::bigint,
  'with nothing stale, report.votes reads the kept counts and never counts a vote');
RESET enable_hashjoin;

-- The rules read the kept counts of a project that is not stale (shown by altering them as the owner can) ...
UPDATE staging.votes_kept SET passed = false WHERE project_code = 'F1' AND matter = 'use_fund';
SELECT throws_ok($$SELECT ledger.check_project_rules('F1')$$, '23514', NULL,
  'check_project_rules reads the kept counts of a project that is not stale');
-- ... and count again once a change marks it stale: the altered kept row is not read.
UPDATE ledger.votes SET approving_owners = approving_owners WHERE project_code = 'F1';
SELECT lives_ok($$SELECT ledger.check_project_rules('F1')$$, 'a project marked stale is counted, not read from the kept rows');
SELECT ledger.refresh_projects_kept(ARRAY['F1']);

-- A vote broken after the pass is refused at the deferred check: its change marks the project stale.
SELECT is_empty($$SELECT * FROM staging.project_rule_violations(ARRAY['F1'])$$, 'the pass again: F1 sound and kept');
UPDATE ledger.votes SET approving_area_m2 = 0.00, approving_owners = 0 WHERE project_code = 'F1' AND matter = 'use_fund';
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'a vote that fails after the pass is caught: the fund share needs a passing use_fund vote');
SET CONSTRAINTS ALL DEFERRED;

-- A loader can neither write the kept counts, nor clear a mark, nor run the refresh.
CREATE ROLE pl_test_049_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_049_loader', '320508');
SET LOCAL ROLE pl_test_049_loader;
SELECT throws_ok($$UPDATE staging.votes_kept SET passed = true$$, '42501', NULL, 'a loader cannot write the kept counts');
SELECT throws_ok($$DELETE FROM staging.projects_stale$$, '42501', NULL, 'nor clear a stale mark');
SELECT throws_ok($$SELECT ledger.refresh_projects_kept(NULL)$$, '42501', NULL, 'nor run the refresh (the load''s pass runs it as the owner)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
