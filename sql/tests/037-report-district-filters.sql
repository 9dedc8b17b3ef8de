-- 037: the project reports filter by district before the work (shares, payments, votes), and give
-- the rows the unfiltered report gives for that district.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(13);

\ir fixtures/every-district-table.sql
-- Approved projects with percent shares in each district (split by largest remainder), and a
-- second payment in 320508.
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on, approved_on) VALUES
  ('GS-2024-002', 'GS-PJ-001', '320508', 'roof', '平江新村屋面', 'approved', 100.00, '2024-05-01', '2024-06-01'),
  ('LG-2024-002', 'LG-PH-001', '440307', 'elevator', '平湖花园电梯', 'approved', 100.01, '2024-05-01', '2024-06-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, percent) VALUES
  ('GS-2024-002', 'government', 'city', '320508', 33.33), ('GS-2024-002', 'government', 'district', '320508', 33.33),
  ('GS-2024-002', 'government', 'street', '320508', 33.34),
  ('LG-2024-002', 'government', 'city', '440307', 50.00), ('LG-2024-002', 'government', 'district', '440307', 50.00);
INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, payer, paid_on, amount_yuan) VALUES
  ('PZ-GS-0002', 'GS-2024-002', '320508', 'government', 'city', '2024-07-01', 33.33);

SELECT results_eq(
  $$SELECT project_code, source, payer, committed_yuan FROM ledger.funding_amounts WHERE district_code = '440307' ORDER BY 1, 2, 3$$,
  $$SELECT project_code, source, payer, committed_yuan FROM (SELECT * FROM ledger.funding_amounts OFFSET 0) AS a
    WHERE district_code = '440307' ORDER BY 1, 2, 3$$,
  'funding_amounts filtered by district splits exactly as unfiltered');

-- The district filter reaches the scan of ledger.funding (it is a column of every window partition).
\ir fixtures/plan-of.sql
SET LOCAL enable_seqscan = off;
SELECT matches(pg_temp.plan_of($$SELECT * FROM ledger.funding_amounts WHERE district_code = '440307'$$),
  'funding_district_idx', 'a district filter on funding_amounts uses the district index of ledger.funding');
SELECT matches(pg_temp.plan_of($$SELECT * FROM report.project_shares_as_of('2024-12-31', '440307')$$),
  'shares_kept_district_idx', 'project_shares_as_of reads the kept shares of the district only');
-- Either index of ledger.payments may serve it (which one is the planner's choice on a small table); what
-- matters is that the district condition is applied at the scan of payments, not after the sums.
SELECT matches(pg_temp.plan_of($$SELECT * FROM report.share_totals('2024-12-31', '440307')$$),
  'on payments \w+(\n[^\n]*){1,3}district_code = ''440307''',
  'and the computation of the stale ones (share_totals) the payments of the district only');
RESET enable_seqscan;

SELECT results_eq(
  $$SELECT * FROM report.project_shares_as_of('2024-12-31', '440307') ORDER BY 1, 3, 4$$,
  $$SELECT * FROM report.project_shares_as_of('2024-12-31') WHERE district_code = '440307' ORDER BY 1, 3, 4$$,
  'project_shares_as_of with a district gives that district''s rows of the unfiltered call');
SELECT results_eq(
  $$SELECT * FROM report.projects_report('2024-12-31', '320508')$$,
  $$SELECT r.* FROM report.projects_report('2024-12-31') AS r JOIN ledger.projects AS p USING (project_code)
    WHERE p.district_code = '320508' ORDER BY r.project_code$$,
  'projects_report with a district gives that district''s rows of the unfiltered report');
-- A street or community filter keeps the rows of the projects of its compounds (a semi-join, not a join).
SELECT results_eq(
  $$SELECT * FROM report.projects_report('2024-12-31', NULL, (SELECT street_code FROM ledger.compounds AS c
      JOIN ledger.communities AS m USING (community_code) WHERE c.compound_code = 'GS-PJ-001'))$$,
  $$SELECT r.* FROM report.projects_report('2024-12-31') AS r JOIN ledger.projects AS p USING (project_code)
    WHERE p.compound_code IN (SELECT c.compound_code FROM ledger.compounds AS c JOIN ledger.communities AS m USING (community_code)
                              WHERE m.street_code = (SELECT street_code FROM ledger.communities AS m2 JOIN ledger.compounds AS c2
                                                     USING (community_code) WHERE c2.compound_code = 'GS-PJ-001'))
    ORDER BY r.project_code$$,
  'projects_report with a street gives the rows of its compounds'' projects');
SELECT results_eq(
  $$SELECT * FROM report.votes_report('2024-12-31', NULL, NULL, (SELECT community_code FROM ledger.compounds WHERE compound_code = 'LG-PH-001'))$$,
  $$SELECT r.* FROM report.votes_report('2024-12-31') AS r JOIN ledger.projects AS p USING (project_code)
    WHERE p.compound_code IN (SELECT c.compound_code FROM ledger.compounds AS c
                              WHERE c.community_code = (SELECT community_code FROM ledger.compounds WHERE compound_code = 'LG-PH-001'))
    ORDER BY r.held_on, r.project_code, r.matter$$,
  'votes_report with a community gives the votes of its compounds'' projects');
SELECT results_eq(
  $$SELECT project_code, vote_status FROM report.projects_report('2024-12-31')$$,
  $$SELECT project_code, vote_status FROM report.projects ORDER BY project_code$$,
  'projects_report''s vote_status is report.projects'' (passed / none)');
SELECT results_eq(
  $$SELECT * FROM report.funding_report('2024-12-31', NULL, '440307')$$,
  $$SELECT * FROM report.funding_report('2024-12-31') WHERE district_code = '440307'$$,
  'funding_report with a district gives that district''s rows of the unfiltered report');
-- A street filter is a semi-join on its compounds (the district's name read from the project's district).
SELECT results_eq(
  $$SELECT * FROM report.funding_report('2024-12-31', NULL, NULL, (SELECT street_code FROM ledger.compounds AS c
      JOIN ledger.communities AS m USING (community_code) WHERE c.compound_code = 'GS-PJ-001'))$$,
  $$SELECT * FROM report.funding_report('2024-12-31') WHERE district_code = '320508'$$,
  'funding_report with a street gives the rows of its compounds'' projects (here all of 320508''s)');
SELECT is_empty(
  $$SELECT * FROM report.funding_report('2024-12-31', NULL, NULL, NULL, '440307009009')$$,
  'funding_report with a community that holds no compound gives no row');
SELECT results_eq(
  $$SELECT * FROM report.anomalies_report('2024-12-31', '440307')$$,
  $$SELECT * FROM report.anomalies_report('2024-12-31') WHERE district_code = '440307'$$,
  'anomalies_report with a district gives that district''s rows (the overrun included)');

SELECT * FROM finish();
ROLLBACK;
