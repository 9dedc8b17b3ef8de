-- 036: the fund's unit and compound totals kept (issues 16, 17), with the top-up judgement and the rules it
-- was judged by; the threshold parsed once (ledger.threshold_parts) and compared inline (ledger.meets_parts).
-- report.fund_units and report.fund_report read the kept totals where they are the answer (compound not
-- stale, --as-of on or after its last posting, the same rules in force) and compute the rest, so they always
-- equal the computation with every compound stale. Checked on random histories.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(27);

\ir fixtures/every-district-table.sql

-- The comparison: ledger.meets and ledger.meets_parts over ledger.threshold_parts agree, case by case.
SELECT results_eq($$SELECT * FROM ledger.threshold_parts('<3/10')$$, $$VALUES ('<'::text, 3::numeric, 10::numeric)$$,
  'threshold_parts splits <3/10');
SELECT results_eq(
  $$SELECT ledger.meets(part, whole, t), ledger.meets_parts(part, whole, (ledger.threshold_parts(t)).op,
                                                           (ledger.threshold_parts(t)).a, (ledger.threshold_parts(t)).b)
    FROM (VALUES (1, 200::numeric, 300::numeric, '>=2/3'), (2, 199.99, 300, '>=2/3'), (3, 150, 300, '>1/2'),
                 (4, 150.01, 300, '>1/2'), (5, 90, 300, '<3/10'), (6, 89.99, 300, '<3/10'), (7, 150, 300, '<=1/2'),
                 (8, 150.01, 300, '<=1/2'), (9, 0, 0, '<3/10'), (10, 5, -1, '>=0/1'), (11, NULL, 300, '<3/10'),
                 (12, 1, NULL, '<3/10'), (13, 1, 300, NULL), (14, 0, 300, '>=0/7')) AS c (n, part, whole, t)
    ORDER BY n$$,
  $$VALUES (true, true), (false, false), (false, false), (true, true), (false, false), (true, true), (true, true),
           (false, false), (false, false), (false, false), (NULL::boolean, NULL::boolean), (NULL, NULL), (NULL, NULL),
           (true, true)$$,
  'meets and meets_parts agree: the boundaries of >=, >, <, <=, a whole of zero or less, NULLs');
SELECT throws_ok($$SELECT ledger.meets(1, 3, 'abc')$$, '22023', 'not a threshold: "abc"', 'meets refuses what is not a threshold');
SELECT throws_ok($$SELECT ledger.meets(1, 0, '>1/0')$$, '22023', NULL, 'nor a fraction over zero (even when the whole is 0)');
SELECT throws_ok($$SELECT * FROM ledger.threshold_parts('=1/2')$$, '22023', NULL, 'threshold_parts refuses = (not a threshold)');
SELECT is(ledger.meets(NULL, 3, 'abc'), NULL, 'a NULL part is NULL before the threshold is read');
\ir fixtures/plan-of.sql
SELECT doesnt_match(pg_temp.plan_of($$SELECT report.fund_below_threshold(g, 0, 100, '<', 3, 10, 'first_deposit')
                                      FROM generate_series(1, 3) AS g$$, true),
  'meets|below_threshold', 'the per-unit judgement is inlined: no function call per unit');

-- The computation: the reports with every compound stale (the marks added for it are removed after).
CREATE FUNCTION pg_temp.all_stale(q text) RETURNS SETOF record LANGUAGE plpgsql AS $$
DECLARE
  added text[];
BEGIN
  WITH ins AS (INSERT INTO staging.fund_stale (compound_code, district_code)
               SELECT DISTINCT d.compound_code, d.district_code FROM ledger.fund_deposits AS d
               ON CONFLICT (compound_code) DO NOTHING RETURNING compound_code)
  SELECT coalesce(array_agg(compound_code), '{}') INTO added FROM ins;
  RETURN QUERY EXECUTE q;
  DELETE FROM staging.fund_stale WHERE compound_code = ANY (added);
END
$$;
-- The rows (in their order) of the fund reports as read, kept where current, that differ from the computation.
CREATE FUNCTION pg_temp.mismatches(d date) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  bad bigint := 0;
  n bigint;
  q text;
BEGIN
  FOREACH q IN ARRAY ARRAY[
    format('SELECT row_number() OVER (), u::text FROM report.fund_units(%L) AS u', d),
    format('SELECT row_number() OVER (), u::text FROM report.fund_units(%L, %L) AS u', d, '320508'),
    format('SELECT row_number() OVER (), u::text FROM report.fund_report(%L, %L) AS u', d, 'compound'),
    format('SELECT row_number() OVER (), u::text FROM report.fund_report(%L, %L, %L) AS u', d, 'compound', '440307'),
    format('SELECT row_number() OVER (), u::text FROM report.fund_report(%L, %L) AS u', d, 'building'),
    format('SELECT row_number() OVER (), u::text FROM report.fund_report(%L, %L) AS u', d, 'unit'),
    format('SELECT row_number() OVER (), u::text FROM report.anomalies_report(%L) AS u WHERE u.kind LIKE %L', d, 'fund%')] LOOP
    EXECUTE format('CREATE TEMP TABLE expected AS SELECT * FROM pg_temp.all_stale(%L) AS b (n bigint, r text)', q);
    EXECUTE format('SELECT count(*) FROM ((SELECT * FROM (%s) AS a EXCEPT ALL SELECT * FROM expected)
                                          UNION ALL (SELECT * FROM expected EXCEPT ALL SELECT * FROM (%s) AS a)) AS x', q, q)
      INTO n;
    DROP TABLE expected;
    bad := bad + n;
  END LOOP;
  RETURN bad;
END
$$;
-- The fund figures of the reports at a date, for the checks below that the kept rows are what is read.
CREATE FUNCTION pg_temp.balance_of(d date, b text, u text) RETURNS numeric LANGUAGE sql AS $$
  SELECT f.balance FROM report.fund_units(d) AS f WHERE f.compound_code = 'GS-PJ-001' AND f.building = b AND f.unit_no = u
$$;

SELECT results_eq($$SELECT compound_code FROM report.fund_stale ORDER BY 1$$, $$VALUES ('GS-PJ-001'), ('LG-PH-001')$$,
  'the fixture leaves both compounds with fund records stale');
SELECT is(pg_temp.mismatches('2024-12-31'), 0::bigint, 'stale: the reports are the computation');
SELECT is(ledger.refresh_kept(), 4, 'refresh_kept recomputes the two compounds and two projects');
SELECT bag_eq($$SELECT compound_code, district_code, building, unit_no, pos, last_posted_on, first_deposits, top_ups, refunds,
                       interest, draws, owed, balance, emergency_draws, below_threshold, below_since, topped_up,
                       topup_threshold, topup_base, topup_default_target FROM report.fund_units_kept$$,
              $$SELECT * FROM report.fund_units_compute('infinity', NULL, current_date)$$,
  'the kept unit totals are the computation with no end date, judged by today''s rules');
SELECT results_eq($$SELECT compound_code, last_posted_on, units_below_threshold, units_owing, topup_threshold, topup_base
                    FROM report.fund_compounds_kept ORDER BY 1$$,
  $$SELECT compound_code, max(last_posted_on), count(*) FILTER (WHERE below_threshold), count(*) FILTER (WHERE owed > 0),
           min(topup_threshold), min(topup_base)
    FROM report.fund_units_compute('infinity', NULL, current_date) GROUP BY 1 ORDER BY 1$$,
  'the kept compound rows count their units below the threshold and owing, with the rules they were judged by');
SELECT is(pg_temp.mismatches('2024-12-31') + pg_temp.mismatches('2026-12-31') + pg_temp.mismatches('2024-06-30')
          + pg_temp.mismatches('2024-03-01'), 0::bigint,
  'kept: the reports equal the computation after, on and before the last posting');

-- The kept rows are what is read where current, and only there: a kept balance changed by hand shows on and
-- after the compound's last posting, not before it, not once the compound is stale, not under other rules.
SELECT is((SELECT max(last_posted_on) FROM report.fund_compounds_kept WHERE compound_code = 'GS-PJ-001'), DATE '2024-06-30',
  'GS-PJ-001''s last posting is on 2024-06-30');
CREATE TEMP TABLE read_before AS
SELECT d, pg_temp.balance_of(d, '1', '101') AS balance
FROM unnest(ARRAY[DATE '2024-06-29', '2024-06-30', '2024-12-31', '2025-01-01']) AS d;
-- How each date's balance of unit 1-101 moved since read_before.
CREATE FUNCTION pg_temp.moved() RETURNS numeric[] LANGUAGE sql AS $$
  SELECT array_agg(pg_temp.balance_of(d, '1', '101') - balance ORDER BY d) FROM read_before
$$;
SAVEPOINT tampered;
UPDATE staging.fund_units_kept SET balance = balance + 1000 WHERE compound_code = 'GS-PJ-001' AND building = '1' AND unit_no = '101';
SELECT is(pg_temp.moved(), ARRAY[0, 1000, 1000, 1000]::numeric[],
  'on and after the last posting the kept totals are read; before it they are computed');
INSERT INTO ledger.jurisdictions VALUES ('3205', '苏州市', 'Suzhou (test)');
INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en)
VALUES ('3205', 'fund.topup_threshold', '2025-01-01', 'threshold', '<1/2', '测试', 'test');
SELECT is(pg_temp.moved(), ARRAY[0, 1000, 1000, 0]::numeric[],
  'under rules other than those it was judged by (from 2025-01-01), a compound is computed');
UPDATE ledger.fund_deposits SET amount_yuan = amount_yuan WHERE voucher_no = (SELECT min(voucher_no) FROM ledger.fund_deposits WHERE compound_code = 'GS-PJ-001');
SELECT is(pg_temp.moved(), ARRAY[0, 0, 0, 0]::numeric[], 'a stale compound is computed');
ROLLBACK TO SAVEPOINT tampered;

-- Without its stale mark a change is missed: the equality fails.
SAVEPOINT unmarked;
INSERT INTO ledger.fund_deposits (voucher_no, compound_code, building, unit_no, district_code, kind, deposited_on, amount_yuan)
VALUES ('UNMARKED', 'GS-PJ-001', '1', '101', '320508', 'top_up', '2024-06-30', 100.00);
DELETE FROM staging.fund_stale WHERE compound_code = 'GS-PJ-001';
SELECT cmp_ok(pg_temp.mismatches('2024-12-31'), '>', 0::bigint, 'a deposit whose stale mark is removed makes the kept path differ');
ROLLBACK TO SAVEPOINT unmarked;

-- A rule changed after the refresh: the compounds it judged are computed until refresh_kept judges them again.
INSERT INTO ledger.jurisdictions VALUES ('3205', '苏州市', 'Suzhou (test)');
INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en)
VALUES ('3205', 'fund.topup_threshold', '2024-01-01', 'threshold', '<1/2', '测试', 'test'),
       ('3205', 'fund.topup_default_target', '2024-01-01', 'threshold', '>=3/4', '测试', 'test'),
       ('3205', 'fund.topup_default_after_days', '2024-01-01', 'integer', '30', '测试', 'test');
SELECT is(pg_temp.mismatches('2024-12-31'), 0::bigint, 'a district''s new rules: its compounds are computed');
SELECT is(ledger.refresh_kept(), 1, 'refresh_kept judges again the one compound of that district');
SELECT results_eq($$SELECT topup_threshold, topup_default_target FROM report.fund_compounds_kept WHERE compound_code = 'GS-PJ-001'$$,
  $$VALUES ('<1/2'::text, '>=3/4'::text)$$, 'with the new rules, which it records');
SELECT is(pg_temp.mismatches('2024-12-31') + pg_temp.mismatches('2024-03-01'), 0::bigint, 'and the reports still equal the computation');

-- Only the owner writes the kept totals.
CREATE ROLE pl_test_totals_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_totals_loader', '320508');
SET LOCAL ROLE pl_test_totals_loader;
SELECT throws_ok($$DELETE FROM staging.fund_units_kept$$, '42501', NULL, 'a loader cannot write kept unit totals');
SELECT throws_ok($$DELETE FROM staging.fund_compounds_kept$$, '42501', NULL, 'nor kept compound totals');
RESET ROLE;

-- Random histories: deposits of every kind, draws, compound interest, deleted lines, new areas, rules added,
-- changed or removed for a district, refreshes now and then; after each step the fund reports, at a random
-- --as-of before or after the last postings, equal the computation.
SELECT setseed(0.36);
CREATE FUNCTION pg_temp.random_history(steps integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  bad bigint := 0;
  u record;
  pick double precision;
  day date;
BEGIN
  INSERT INTO ledger.jurisdictions VALUES ('4403', '深圳市', 'Shenzhen (test)') ON CONFLICT DO NOTHING;
  FOR i IN 1 .. steps LOOP
    SELECT * INTO u FROM ledger.units WHERE compound_code IN ('GS-PJ-001', 'LG-PH-001') ORDER BY random() LIMIT 1;
    day := DATE '2024-01-01' + (random() * 700)::integer;
    pick := random();
    IF pick < 0.35 THEN
      INSERT INTO ledger.fund_deposits (voucher_no, compound_code, building, unit_no, district_code, kind, deposited_on, amount_yuan)
      SELECT 'R' || i, u.compound_code, u.building, u.unit_no, u.district_code, k.kind, day,
             CASE WHEN k.kind = 'refund' THEN -1 ELSE 1 END * (1 + floor(random() * 500000)) / 100.0
      FROM (SELECT (ARRAY['first_deposit', 'top_up', 'interest', 'refund'])[1 + floor(random() * 4)::integer] AS kind) AS k;
    ELSIF pick < 0.50 THEN
      INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, paid_on, amount_yuan)
      SELECT 'RP' || i, p.project_code, p.district_code, 'maintenance_fund', day, (1 + (random() * 300000)::integer) / 100.0
      FROM ledger.projects AS p WHERE p.compound_code = u.compound_code;
    ELSIF pick < 0.58 THEN
      INSERT INTO ledger.fund_interest (compound_code, posted_on, district_code, amount_yuan)
      VALUES (u.compound_code, day, u.district_code, (1 + (random() * 10000)::integer) / 100.0)
      ON CONFLICT DO NOTHING;
    ELSIF pick < 0.65 THEN
      DELETE FROM ledger.fund_deposits WHERE voucher_no = (SELECT voucher_no FROM ledger.fund_deposits ORDER BY random() LIMIT 1);
    ELSIF pick < 0.70 THEN
      UPDATE ledger.units SET floor_area_m2 = (1000 + (random() * 15000)::integer) / 100.0
      WHERE compound_code = u.compound_code AND building = u.building AND unit_no = u.unit_no;
    ELSIF pick < 0.85 THEN
      -- a rule of the unit's city, in force from a random day, is set or removed
      IF random() < 0.8 THEN
        INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en)
        SELECT left(u.district_code, 4), r.parameter, day, r.value_type,
               r.vals[1 + floor(random() * cardinality(r.vals))::integer], '测试', 'test'
        FROM (SELECT * FROM (VALUES ('fund.topup_threshold', 'threshold', ARRAY['<3/10', '<1/2', '<=2/5', '<9/10']),
                                    ('fund.topup_base', 'text', ARRAY['first_deposit', 'principal_and_interest']),
                                    ('fund.topup_default_target', 'threshold', ARRAY['>=1/2', '>3/5', NULL]),
                                    ('fund.topup_default_after_days', 'integer', ARRAY['0', '30', '90']))
                      AS x (parameter, value_type, vals) ORDER BY random() LIMIT 1) AS r
        ON CONFLICT (jurisdiction, parameter, effective_from) DO UPDATE SET value = excluded.value;
      ELSE
        DELETE FROM ledger.rules WHERE (jurisdiction, parameter, effective_from) =
          (SELECT jurisdiction, parameter, effective_from FROM ledger.rules WHERE jurisdiction IN ('3205', '4403')
           ORDER BY random() LIMIT 1);
      END IF;
    ELSE
      PERFORM ledger.refresh_kept();
    END IF;
    bad := bad + pg_temp.mismatches(DATE '2024-01-01' + (random() * 760)::integer);
  END LOOP;
  PERFORM ledger.refresh_kept();
  RETURN bad + pg_temp.mismatches(current_date) + pg_temp.mismatches('2024-06-30');
END
$$;
SELECT is(pg_temp.random_history(60), 0::bigint,
  'over a random history of 60 changes (rules too) and refreshes, fund_units, fund_report and the fund anomalies always equal the computation');

-- report.fund_postings is inlined into its caller (a plain SQL function without SET): the kept postings are
-- scanned by the caller's query, not copied into a function's result store first (docs/benchmarks.md).
SELECT ok(plan ~ 'on fund_postings_kept' AND plan !~ 'Function Scan on fund_postings ',
  'report.fund_postings is inlined: its caller scans the kept postings itself')
FROM pg_temp.plan_of($$SELECT count(*) FROM report.fund_postings(current_date, ARRAY['GS001'])$$) AS p (plan);
-- Called with a sub-select argument it is not inlined and plans generically (the array unknown): the compounds
-- given are still found through the kept postings' key, never by comparing every posting with every code.
SET LOCAL plan_cache_mode = force_generic_plan;
SET LOCAL enable_seqscan = off;
PREPARE postings_of(text[]) AS SELECT count(*) FROM report.fund_postings(current_date, $1);
SELECT doesnt_match(pg_temp.plan_of($$EXECUTE postings_of(ARRAY['GS001'])$$), 'Seq Scan on fund_postings_kept',
  'report.fund_postings planned for an unknown array reads the compounds given by the kept postings'' key');
RESET plan_cache_mode;
RESET enable_seqscan;

SELECT * FROM finish();
ROLLBACK;
