-- 052: the kept results refreshed in shares (ledger.refresh_kept_share(part, parts), migration 036), as the loader does
-- in two sessions side by side after a load: each share refreshes only its compounds and projects
-- (ledger.refresh_kept_share), the shares together refresh everything, and what they keep is the computation.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(15);

\ir fixtures/every-district-table.sql

SELECT is_empty($$SELECT p, c FROM generate_series(1, 5) AS p, generate_series(1, 500) AS g, LATERAL (SELECT 'C' || g AS c) AS x
                  WHERE ledger.refresh_share_of(c, p) NOT BETWEEN 1 AND p$$,
  'a code falls in one of the shares 1..parts');
SELECT is((SELECT count(DISTINCT ledger.refresh_share_of('C' || g, 4))::integer FROM generate_series(1, 500) AS g), 4,
  'and 500 codes fill all four of four shares');
SELECT is(ledger.refresh_share_of('GS-PJ-001', 1), 1, 'with one share, everything is in it');

-- The fixture's two compounds with fund records and its two projects are stale. In four shares they fall in shares
-- 1 and 3 (one compound and one project in each; the hash is PostgreSQL's hashtext), so share 1 of 4 refreshes
-- half of them.
CREATE TEMP TABLE stale_before ON COMMIT DROP AS
SELECT 'compound' AS what, f.compound_code AS code, ledger.refresh_share_of(f.compound_code, 4) AS share FROM staging.fund_stale AS f
UNION ALL
SELECT 'project', v.project_code, ledger.refresh_share_of(v.project_code, 4) FROM staging.projects_stale AS v;
SELECT is((SELECT count(*)::integer FROM stale_before WHERE share = 1), 2, 'two compounds and two projects are stale, two of them in share 1 of 4');
SELECT is(ledger.refresh_kept_share(1, 4), 2, 'share 1 of 4 recomputes the stale compound and project that fall in it');
SELECT set_eq($$SELECT 'compound', compound_code FROM staging.fund_stale UNION ALL SELECT 'project', project_code FROM staging.projects_stale$$,
  $$SELECT what, code FROM stale_before WHERE share <> 1$$,
  'and leaves the others stale');
SELECT is(ledger.refresh_kept_share(2, 4) + ledger.refresh_kept_share(3, 4) + ledger.refresh_kept_share(4, 4), 2, 'shares 2 to 4 of 4 recompute the rest');
SELECT ok(NOT EXISTS (SELECT 1 FROM staging.fund_stale) AND NOT EXISTS (SELECT 1 FROM staging.projects_stale),
  'nothing is stale after every share');
SELECT bag_eq($$SELECT compound_code, district_code, postings FROM staging.fund_postings_kept$$,
              $$SELECT compound_code, district_code, postings FROM report.fund_accounts_compute('infinity', NULL)$$,
  'the postings the shares kept are the computation');
SELECT bag_eq($$SELECT compound_code, district_code, building, unit_no, pos, last_posted_on, first_deposits, top_ups, refunds,
                       interest, draws, owed, balance, emergency_draws, below_threshold, below_since, topped_up,
                       topup_threshold, topup_base, topup_default_target FROM report.fund_units_kept$$,
              $$SELECT * FROM report.fund_units_compute('infinity', NULL, current_date)$$,
  'so are the unit totals');
SELECT bag_eq($$SELECT * FROM staging.votes_kept$$, $$SELECT * FROM ledger.votes_evaluated$$, 'and the votes');

-- More stale compounds than one computation takes (1,000 at a time): 1,201 more, one unit and one deposit each, all
-- computed and kept.
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type)
SELECT 'GS-N' || lpad(g::text, 4, '0'), '320508001001', '320508', '新村' || g, 'commodity' FROM generate_series(1, 1201) AS g;
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
SELECT 'GS-N' || lpad(g::text, 4, '0'), '1', '101', '320508', 50.00 + g FROM generate_series(1, 1201) AS g;
INSERT INTO ledger.fund_deposits (voucher_no, compound_code, building, unit_no, district_code, kind, deposited_on, amount_yuan)
SELECT 'FN-' || g, 'GS-N' || lpad(g::text, 4, '0'), '1', '101', '320508', 'first_deposit', DATE '2024-01-01', 1000.00 + g
FROM generate_series(1, 1201) AS g;
SELECT is(ledger.refresh_kept_share(1, 1), 1201, 'a refresh of 1,201 stale compounds computes every one of them');
SELECT is_empty($$SELECT compound_code FROM staging.fund_stale$$, 'and clears their marks');
SELECT bag_eq($$SELECT compound_code, district_code, postings FROM staging.fund_postings_kept$$,
              $$SELECT compound_code, district_code, postings FROM report.fund_accounts_compute('infinity', NULL)$$,
  'and keeps the postings of all of them, as computed at once');

SELECT throws_ok($$SELECT ledger.refresh_kept_share(3, 2)$$, '22023', 'refresh share 3 of 2 does not exist',
  'a share outside 1..parts is refused');

SELECT * FROM finish();
ROLLBACK;
