-- 034: results kept (issues 16, 17, 18): the fund's postings per compound and the votes' evaluations per
-- project. A statement that changes what they are computed from marks its compounds or projects stale; the
-- report schema reads the kept results of the others and computes the stale ones, so it always equals the
-- computation; ledger.refresh_kept brings them up to date. Checked on random histories of inserts,
-- updates, deletes and refreshes, at random --as-of dates.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(26);

\ir fixtures/every-district-table.sql
\ir fixtures/plan-of.sql

CREATE FUNCTION pg_temp.mismatches(d date) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM (
    (SELECT * FROM report.fund_postings(d) EXCEPT ALL SELECT * FROM report.fund_postings_compute(d))
    UNION ALL
    (SELECT * FROM report.fund_postings_compute(d) EXCEPT ALL SELECT * FROM report.fund_postings(d))) AS x
$$;
-- The votes as the reports read them (report.votes) against the evaluation (ledger.votes_evaluated).
CREATE FUNCTION pg_temp.vote_mismatches() RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM (
    (SELECT * FROM report.votes EXCEPT ALL SELECT * FROM ledger.votes_evaluated)
    UNION ALL
    (SELECT * FROM ledger.votes_evaluated EXCEPT ALL SELECT * FROM report.votes)) AS x
$$;

-- The shares as the reports read them against the computation (report.share_totals), at a date.
CREATE FUNCTION pg_temp.share_mismatches(d date) RETURNS bigint LANGUAGE sql AS $$
  SELECT count(*) FROM (
    (SELECT project_code, source, payer, committed, paid FROM report.project_shares_as_of(d)
     EXCEPT ALL SELECT project_code, source, payer, coalesce(committed, 0)::numeric(14,2), paid::numeric(14,2) FROM report.share_totals(d))
    UNION ALL
    (SELECT project_code, source, payer, coalesce(committed, 0)::numeric(14,2), paid::numeric(14,2) FROM report.share_totals(d)
     EXCEPT ALL SELECT project_code, source, payer, committed, paid FROM report.project_shares_as_of(d))) AS x
$$;

SELECT results_eq($$SELECT column_name::text, data_type::text FROM information_schema.columns
                    WHERE table_schema = 'staging' AND table_name = 'votes_kept' ORDER BY ordinal_position$$,
                  $$SELECT column_name::text, data_type::text FROM information_schema.columns
                    WHERE table_schema = 'ledger' AND table_name = 'votes_evaluated' ORDER BY ordinal_position$$,
  'staging.votes_kept has the columns of ledger.votes_evaluated');
SELECT results_eq($$SELECT project_code FROM staging.projects_stale ORDER BY 1$$, $$VALUES ('GS-2024-001'), ('LG-2024-001')$$,
  'the fixture''s votes and ballots leave their projects stale');
SELECT is(pg_temp.vote_mismatches(), 0::bigint, 'stale projects: report.votes evaluates them');
SELECT is(pg_temp.share_mismatches('2024-12-31') + pg_temp.share_mismatches('2024-02-29'), 0::bigint,
  'stale projects: report.project_shares_as_of computes their shares');

SELECT results_eq($$SELECT compound_code FROM report.fund_stale ORDER BY 1$$, $$VALUES ('GS-PJ-001'), ('LG-PH-001')$$,
  'the loads of the fixture leave both compounds with fund records stale');
SELECT is((SELECT count(*) FROM report.fund_postings_kept), 0::bigint, 'nothing is kept before a refresh');
SELECT is(pg_temp.mismatches('2024-12-31'), 0::bigint, 'stale compounds: report.fund_postings computes them');
SELECT is(ledger.refresh_kept(), 4, 'refresh_kept recomputes the two stale compounds and the two stale projects');
SELECT is((SELECT count(*) FROM report.fund_stale) + (SELECT count(*) FROM staging.projects_stale), 0::bigint, 'and clears their marks');
SELECT bag_eq($$SELECT * FROM staging.votes_kept$$, $$SELECT * FROM ledger.votes_evaluated$$,
  'the kept votes are the evaluation');
SELECT bag_eq($$SELECT project_code, district_code, source, payer, funded, committed, paid, last_paid_on FROM report.shares_kept$$,
              $$SELECT * FROM report.share_totals('infinity')$$, 'the kept shares are the computation with no end date');
SELECT is(pg_temp.share_mismatches('2024-12-31') + pg_temp.share_mismatches('2024-03-01') + pg_temp.share_mismatches('2024-02-29'),
  0::bigint, 'read from the kept shares, any --as-of (before, on and after the last payment) gives the computation');
SELECT bag_eq($$SELECT seq, compound_code, district_code, building, unit_no, posted_on, kind, reference, project_code,
                       emergency, posted, amount, owed, balance FROM report.fund_postings_kept$$,
              $$SELECT * FROM report.fund_postings_compute('infinity')$$,
  'the kept postings are the computation with no end date');
SELECT results_eq($$SELECT compound_code, cardinality(postings), (SELECT array_agg(p.seq ORDER BY o) FROM unnest(postings) WITH ORDINALITY AS p (seq, building, unit_no, posted_on, kind, reference, project_code, emergency, posted, amount, owed, balance, o)) = ARRAY(SELECT generate_series(1, cardinality(postings))) FROM staging.fund_postings_kept ORDER BY 1$$,
                  $$SELECT compound_code, count(*)::integer, true FROM report.fund_postings_compute('infinity') GROUP BY 1 ORDER BY 1$$,
  'one kept row per compound, its postings in seq order');
SELECT is(pg_temp.mismatches('2024-06-29') + pg_temp.mismatches('2024-06-30') + pg_temp.mismatches('2024-03-01'), 0::bigint,
  'read from the kept postings, an earlier --as-of gives the computation as of that day');

UPDATE ledger.units SET floor_area_m2 = floor_area_m2 + 1 WHERE compound_code = 'GS-PJ-001' AND building = '1' AND unit_no = '101';
SELECT results_eq($$SELECT compound_code FROM report.fund_stale$$, $$VALUES ('GS-PJ-001')$$,
  'a unit''s new area marks its compound (areas weigh the draws), and no other');
DELETE FROM ledger.fund_interest WHERE compound_code = 'LG-PH-001' AND posted_on = '2024-06-30';
INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, paid_on, amount_yuan) VALUES
  ('PZ-GS-0099', 'GS-2024-001', '320508', 'maintenance_fund', '2024-07-01', 10.00);
SELECT results_eq($$SELECT compound_code FROM report.fund_stale ORDER BY 1$$, $$VALUES ('GS-PJ-001'), ('LG-PH-001')$$,
  'a deleted interest line marks its compound; a payment marks its project''s compound');
SELECT is(pg_temp.mismatches('2024-12-31'), 0::bigint, 'kept and stale compounds together still give the computation');
SELECT ledger.refresh_kept();
UPDATE ledger.owners SET until_on = '2023-12-31' WHERE compound_code = 'LG-PH-001' AND building = 'A' AND unit_no = '101';
SELECT results_eq($$SELECT project_code FROM staging.projects_stale$$, $$VALUES ('LG-2024-001')$$,
  'an owner''s changed period marks the projects of its compound (Art. 9 counts owners on the day)');
SELECT is(pg_temp.vote_mismatches(), 0::bigint, 'kept and stale projects together still give the evaluation');

-- Only the owner writes them: a loader (even of 姑苏区) neither writes nor clears a mark; it may refresh.
CREATE ROLE pl_test_kept_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_kept_loader', '320508');
SET LOCAL ROLE pl_test_kept_loader;
SELECT throws_ok($$INSERT INTO staging.fund_postings_kept SELECT * FROM staging.fund_postings_kept LIMIT 1$$, '42501', NULL,
  'a loader cannot write kept postings');
SELECT throws_ok($$DELETE FROM staging.fund_stale$$, '42501', NULL, 'nor clear the stale marks');
SELECT is(ledger.refresh_kept(), 1, 'but it may bring them up to date (ledger.refresh_kept: the one stale project)');
RESET ROLE;

-- Random histories: deposits, top-ups, refunds, interest (per unit and per compound), draws, deleted lines, new
-- areas, ballots changed or withdrawn, units changing hands, votes' figures cleared, with a refresh now and
-- then; after each step report.fund_postings (at a random --as-of) and report.votes are compared with the
-- computations.
SELECT setseed(0.34);
CREATE FUNCTION pg_temp.random_history(steps integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  bad bigint := 0;
  u record;
  pick double precision;
  day date;
BEGIN
  FOR i IN 1 .. steps LOOP
    SELECT * INTO u FROM ledger.units WHERE compound_code IN ('GS-PJ-001', 'LG-PH-001') ORDER BY random() LIMIT 1;
    day := DATE '2024-01-01' + (random() * 700)::integer;
    pick := random();
    IF pick < 0.30 THEN
      INSERT INTO ledger.fund_deposits (voucher_no, compound_code, building, unit_no, district_code, kind, deposited_on, amount_yuan)
      SELECT 'R' || i, u.compound_code, u.building, u.unit_no, u.district_code, k.kind, day,
             CASE WHEN k.kind = 'refund' THEN -1 ELSE 1 END * (1 + floor(random() * 500000)) / 100.0
      FROM (SELECT (ARRAY['first_deposit', 'top_up', 'interest', 'refund'])[1 + floor(random() * 4)::integer] AS kind) AS k;
    ELSIF pick < 0.45 THEN
      INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, paid_on, amount_yuan)
      SELECT 'RP' || i, p.project_code, p.district_code, 'maintenance_fund', day, (1 + (random() * 300000)::integer) / 100.0
      FROM ledger.projects AS p WHERE p.compound_code = u.compound_code;
    ELSIF pick < 0.55 THEN
      INSERT INTO ledger.fund_interest (compound_code, posted_on, district_code, amount_yuan)
      VALUES (u.compound_code, day, u.district_code, (1 + (random() * 10000)::integer) / 100.0)
      ON CONFLICT DO NOTHING;
    ELSIF pick < 0.65 THEN
      DELETE FROM ledger.fund_deposits WHERE voucher_no = (SELECT voucher_no FROM ledger.fund_deposits ORDER BY random() LIMIT 1);
    ELSIF pick < 0.72 THEN
      UPDATE ledger.units SET floor_area_m2 = (1000 + (random() * 15000)::integer) / 100.0
      WHERE compound_code = u.compound_code AND building = u.building AND unit_no = u.unit_no;
    ELSIF pick < 0.77 THEN
      -- a ballot changes its choice, or goes
      IF random() < 0.5 THEN
        UPDATE ledger.ballots SET choice = (ARRAY['agree', 'disagree', 'abstain'])[1 + floor(random() * 3)::integer]
        WHERE owner_key = (SELECT owner_key FROM ledger.ballots ORDER BY random() LIMIT 1);
      ELSE
        DELETE FROM ledger.ballots WHERE owner_key = (SELECT owner_key FROM ledger.ballots ORDER BY random() LIMIT 1);
      END IF;
    ELSIF pick < 0.82 THEN
      -- the unit changes hands (the same buyer as another unit: Art. 9 counts them once), or loses its owner
      DELETE FROM ledger.owners WHERE compound_code = u.compound_code AND building = u.building AND unit_no = u.unit_no
        AND NOT EXISTS (SELECT 1 FROM ledger.ballots AS b WHERE b.owner_key = owners.owner_key);
      IF random() < 0.7 THEN
        INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
        SELECT u.compound_code, u.building, u.unit_no, 'BUYER-' || u.compound_code || '-' || floor(random() * 3)::integer,
               u.district_code, (ARRAY['person', 'developer'])[1 + floor(random() * 2)::integer], day
        WHERE NOT EXISTS (SELECT 1 FROM ledger.owners AS o WHERE o.compound_code = u.compound_code
                            AND o.building = u.building AND o.unit_no = u.unit_no);
      END IF;
    ELSIF pick < 0.90 THEN
      -- a payment from another source, a changed share or budget
      IF random() < 0.5 THEN
        INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, payer, paid_on, amount_yuan)
        SELECT 'RQ' || i, p.project_code, p.district_code, s.source, CASE WHEN s.source = 'government' THEN 'district' END,
               day, (1 + floor(random() * 500000)) / 100.0
        FROM ledger.projects AS p
        CROSS JOIN (SELECT (ARRAY['owners', 'government', 'community_fund'])[1 + floor(random() * 3)::integer] AS source) AS s
        WHERE p.compound_code = u.compound_code;
      ELSIF random() < 0.5 THEN
        UPDATE ledger.funding SET amount_yuan = (1 + floor(random() * 2000000)) / 100.0
        WHERE project_code = (SELECT project_code FROM ledger.funding ORDER BY random() LIMIT 1) AND amount_yuan IS NOT NULL;
      ELSE
        DELETE FROM ledger.payments WHERE voucher_no = (SELECT voucher_no FROM ledger.payments ORDER BY random() LIMIT 1);
      END IF;
    ELSIF pick < 0.93 THEN
      -- a vote's typed figures are cleared (counted from units, owners and ballots) or retyped
      UPDATE ledger.votes SET total_area_m2 = NULL, total_owners = NULL
      WHERE project_code = (SELECT project_code FROM ledger.votes ORDER BY random() LIMIT 1);
      IF random() < 0.5 THEN
        UPDATE ledger.votes SET participating_area_m2 = NULL, participating_owners = NULL,
                                approving_area_m2 = NULL, approving_owners = NULL
        WHERE project_code = (SELECT project_code FROM ledger.votes ORDER BY random() LIMIT 1);
      END IF;
    ELSE
      PERFORM ledger.refresh_kept();
    END IF;
    bad := bad + pg_temp.mismatches(DATE '2024-01-01' + (random() * 760)::integer) + pg_temp.vote_mismatches()
               + pg_temp.share_mismatches(DATE '2024-01-01' + (random() * 760)::integer);
  END LOOP;
  PERFORM ledger.refresh_kept();
  RETURN bad + pg_temp.mismatches('2026-12-31') + pg_temp.mismatches('2024-06-30') + pg_temp.vote_mismatches()
             + pg_temp.share_mismatches('2026-12-31') + pg_temp.share_mismatches('2024-03-01');
END
$$;
SELECT is(pg_temp.random_history(80), 0::bigint,
  'over a random history of 80 changes and refreshes, report.fund_postings, report.votes and report.project_shares_as_of always equal the computations');

-- Each posting is made by report.fund_posting, inlined: a typed row, not a ROW(...) converted through its text.
CREATE TEMP TABLE posting_fields AS SELECT 1 AS seq, '1'::text AS b, 100.00::numeric AS amt;
SELECT doesnt_match(pg_temp.plan_of($$SELECT report.fund_posting(seq, b, b, DATE '2026-03-01', 'first_deposit', 'V1', NULL, false, amt, amt, 0, amt) FROM posting_fields$$, true),
  'fund_posting\(', 'report.fund_posting is inlined where it is used (no call per posting)');
SELECT is((SELECT (report.fund_posting(1, '1', '101', DATE '2026-03-01', 'first_deposit', 'V1', NULL, false, 100.00, 100.00, 0, 100.00)).balance),
  100.00, 'and gives the posting its fields');

SELECT * FROM finish();
ROLLBACK;
