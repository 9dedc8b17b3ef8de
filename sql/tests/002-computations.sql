-- 002: the SQL computations against the shared case files (run from the project root:
-- pg_prove -d DB sql/tests/002-computations.sql). The Swift tests read the same files,
-- so the two implementations cannot drift.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(24);

-- Structure -----------------------------------------------------------------------

SELECT has_function('ledger', 'uscc_check_char', ARRAY['text'], 'ledger.uscc_check_char(text) exists');
SELECT has_function('ledger', 'uscc_is_valid', ARRAY['text'], 'ledger.uscc_is_valid(text) exists');
SELECT has_function('ledger', 'vote_evaluate',
  ARRAY['text', 'date', 'numeric', 'integer', 'numeric', 'integer', 'numeric', 'integer'], 'ledger.vote_evaluate(matter, held_on, …) exists');
SELECT has_function('ledger', 'vote_passes',
  ARRAY['text', 'date', 'numeric', 'integer', 'numeric', 'integer', 'numeric', 'integer'], 'ledger.vote_passes(matter, held_on, …) exists');
SELECT has_function('ledger', 'allocate', ARRAY['numeric', 'numeric[]'], 'ledger.allocate(numeric, numeric[]) exists');
SELECT has_function('ledger', 'split_percent', ARRAY['numeric', 'numeric[]'], 'ledger.split_percent(numeric, numeric[]) exists');
SELECT has_function('ledger', 'natural_key', ARRAY['text'], 'ledger.natural_key(text) exists');

SELECT is(
  (SELECT array_agg(p.proname::text ORDER BY p.proname) FROM pg_catalog.pg_proc p
   WHERE p.pronamespace = 'ledger'::regnamespace
     AND p.proname IN ('uscc_check_char', 'uscc_is_valid', 'vote_evaluate_under', 'largest_remainder',
                       'allocate', 'split_percent', 'natural_key', 'meets')
     AND (p.provolatile <> 'i' OR pg_catalog.obj_description(p.oid, 'pg_proc') IS NULL)),
  NULL,
  'every computation is IMMUTABLE and has a usage comment (vote_evaluate and vote_passes read the law of the day: STABLE)');

-- The shared cases ---------------------------------------------------------------

CREATE TEMP TABLE uscc_cases (name text, code text, valid boolean, error text, check_char text);
\copy uscc_cases from 'Tests/LedgerCoreTests/Cases/uscc.csv' csv header
CREATE TEMP TABLE vote_cases (name text, matter text, held_on date, total_area numeric, total_owners integer,
  participating_area numeric, participating_owners integer, approving_area numeric, approving_owners integer,
  quorum_area_met boolean, quorum_owners_met boolean, approval_area_met boolean, approval_owners_met boolean,
  passed boolean, error text, law text);
\copy vote_cases from 'Tests/LedgerCoreTests/Cases/votes.csv' csv header
CREATE TEMP TABLE allocation_cases (name text, amount numeric, weights text, expected text, error text);
\copy allocation_cases from 'Tests/LedgerCoreTests/Cases/allocation.csv' csv header
CREATE TEMP TABLE percent_cases (name text, amount numeric, percents text, expected text, error text, message text);
\copy percent_cases from 'Tests/LedgerCoreTests/Cases/percent_split.csv' csv header
CREATE TEMP TABLE apportion_cases (name text, share numeric, building text, unit_no text, floor_area_m2 numeric,
  expected_amount text, error text);
\copy apportion_cases from 'Tests/LedgerCoreTests/Cases/apportion.csv' csv header
CREATE TEMP TABLE natural_cases (lhs text, rhs text, expected text);
\copy natural_cases from 'Tests/LedgerCoreTests/Cases/natural_order.csv' csv header

SELECT ok((SELECT count(*) FROM uscc_cases) > 0 AND (SELECT count(*) FROM vote_cases) > 0
          AND (SELECT count(*) FROM allocation_cases) > 0 AND (SELECT count(*) FROM percent_cases) > 0
          AND (SELECT count(*) FROM apportion_cases) > 0 AND (SELECT count(*) FROM natural_cases) > 0,
          'every case file was read');

-- csv NULLs: an empty cell in the files means "none"; keep '' for the empty code and label.
UPDATE uscc_cases SET code = coalesce(code, '');
UPDATE natural_cases SET lhs = coalesce(lhs, ''), rhs = coalesce(rhs, '');

-- Each helper returns the result as text, or the SQLSTATE (and message) of the error it raised.
CREATE FUNCTION pg_temp.try_vote(c vote_cases) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  SELECT * INTO r FROM ledger.vote_evaluate(c.matter, c.held_on, c.total_area, c.total_owners, c.participating_area,
    c.participating_owners, c.approving_area, c.approving_owners);
  RETURN concat_ws(',', r.law, r.quorum_area_met, r.quorum_owners_met, r.approval_area_met, r.approval_owners_met, r.passed);
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE;
END $$;

CREATE FUNCTION pg_temp.try_passes(c vote_cases) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN ledger.vote_passes(c.matter, c.held_on, c.total_area, c.total_owners, c.participating_area,
    c.participating_owners, c.approving_area, c.approving_owners)::text;
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE;
END $$;

CREATE FUNCTION pg_temp.try_allocate(amount numeric, weights numeric[]) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN array_to_string(ledger.allocate(amount, weights), ';');
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE;
END $$;

CREATE FUNCTION pg_temp.try_split(amount numeric, percents numeric[]) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN array_to_string(ledger.split_percent(amount, percents), ';');
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- §2.1 USCC
SELECT results_eq(
  'SELECT name, ledger.uscc_is_valid(code) FROM uscc_cases ORDER BY name',
  'SELECT name, valid FROM uscc_cases ORDER BY name',
  'uscc.csv: ledger.uscc_is_valid agrees with every case');
SELECT results_eq(
  'SELECT name, ledger.uscc_check_char(code) FROM uscc_cases ORDER BY name',
  'SELECT name, check_char FROM uscc_cases ORDER BY name',
  'uscc.csv: ledger.uscc_check_char agrees with every case (NULL for a wrong length or character)');
SELECT is(
  (SELECT count(*) FROM uscc_cases WHERE name LIKE 'corrupt_position_%' AND NOT valid),
  18::bigint,
  'uscc.csv: each of the 18 single-character corruptions of 91350100M000100Y43 is a case, and invalid');

-- §2.2 votes
SELECT results_eq(
  'SELECT name, pg_temp.try_vote(c) FROM vote_cases c ORDER BY name',
  $$SELECT name, CASE WHEN coalesce(error, '') <> '' THEN '22023'
      ELSE concat_ws(',', law, quorum_area_met, quorum_owners_met, approval_area_met, approval_owners_met, passed) END
    FROM vote_cases ORDER BY name$$,
  'votes.csv: ledger.vote_evaluate gives every case''s law, four tests and verdict, or 22023 (Property Law before 2021-01-01, Civil Code from then)');
SELECT results_eq(
  'SELECT name, pg_temp.try_passes(c) FROM vote_cases c ORDER BY name',
  $$SELECT name, CASE WHEN coalesce(error, '') <> '' THEN '22023' ELSE passed::text END
    FROM vote_cases ORDER BY name$$,
  'votes.csv: ledger.vote_passes gives every case''s verdict, or 22023');
SELECT throws_ok(
  $$SELECT ledger.vote_passes('use_fund', '2021-03-01', 1000, 10, 1000, 11, 900, 9)$$,
  '22023', 'participating owners 11 exceed total owners 10',
  'participating owners above the total are refused, naming both numbers');

-- §2.3 allocation and apportionment
SELECT results_eq(
  $$SELECT name, pg_temp.try_allocate(amount, coalesce(string_to_array(weights, ';'), '{}')::numeric[])
    FROM allocation_cases ORDER BY name$$,
  $$SELECT name, CASE WHEN coalesce(error, '') <> '' THEN '22023' ELSE expected END
    FROM allocation_cases ORDER BY name$$,
  'allocation.csv: ledger.allocate gives every case''s parts, or 22023');
SELECT is(
  (SELECT array_agg(name) FROM allocation_cases
   WHERE coalesce(error, '') = ''
     AND (SELECT sum(p) FROM unnest(ledger.allocate(amount, string_to_array(weights, ';')::numeric[])) AS p) <> amount),
  NULL,
  'allocation.csv: the parts always sum exactly to the amount');
SELECT results_eq(
  $$WITH per_case AS (
      SELECT name, share,
             array_agg(building ORDER BY ledger.natural_key(building), ledger.natural_key(unit_no)) AS buildings,
             array_agg(unit_no ORDER BY ledger.natural_key(building), ledger.natural_key(unit_no)) AS units,
             pg_temp.try_allocate(share, array_agg(floor_area_m2
               ORDER BY ledger.natural_key(building), ledger.natural_key(unit_no))) AS result
      FROM apportion_cases GROUP BY name, share)
    SELECT name, b, u, CASE WHEN result ~ '^[0-9A-Z]{5}$' THEN result ELSE (string_to_array(result, ';'))[i] END
    FROM per_case, unnest(buildings, units) WITH ORDINALITY AS x(b, u, i)
    ORDER BY name, b, u$$,
  $$SELECT name, building, unit_no, CASE WHEN coalesce(error, '') <> '' THEN '22023' ELSE expected_amount END
    FROM apportion_cases ORDER BY name, building, unit_no$$,
  'apportion.csv: floor areas in (building, unit_no) natural order give every unit its amount, or 22023');
SELECT throws_ok(
  $$SELECT ledger.allocate(100, ARRAY[80, 0, 80])$$,
  '22023', 'weight 2 is 0: every weight (floor area) must be positive',
  'a zero-area unit is refused');
SELECT is(
  ledger.allocate(-0.01, ARRAY[1, 1, 1]),
  ARRAY[-0.01, 0, 0]::numeric[],
  'a negative amount is the mirror image of the positive one');

-- §2.4 percent splits
SELECT results_eq(
  $$SELECT p.name, CASE WHEN coalesce(p.error, '') <> '' AND coalesce(p.message, '') = '' THEN left(r, 5) ELSE r END
    FROM percent_cases p,
         pg_temp.try_split(p.amount, coalesce(string_to_array(p.percents, ';'), '{}')::numeric[]) AS r
    ORDER BY p.name$$,
  $$SELECT name, CASE WHEN coalesce(error, '') = '' THEN expected
                      WHEN coalesce(message, '') = '' THEN '22023'
                      ELSE '22023: ' || message END
    FROM percent_cases ORDER BY name$$,
  'percent_split.csv: ledger.split_percent gives every case''s amounts, or 22023 (with the case''s message)');
SELECT throws_ok(
  $$SELECT ledger.split_percent(100, ARRAY[33.33, 33.33, 33.33])$$,
  '22023', 'percents sum to 99.99, 0.01 short of 100',
  'a split of 33.33 x3 is refused, naming the 0.01 gap');

-- Natural order
SELECT results_eq(
  $$SELECT lhs, rhs, CASE WHEN ledger.natural_key(lhs) COLLATE "C" < ledger.natural_key(rhs) COLLATE "C" THEN '<'
                          WHEN ledger.natural_key(lhs) = ledger.natural_key(rhs) THEN '=' ELSE '>' END
    FROM natural_cases ORDER BY lhs, rhs$$,
  'SELECT lhs, rhs, expected FROM natural_cases ORDER BY lhs, rhs',
  'natural_order.csv: ledger.natural_key orders every pair as expected (C collation)');
SELECT results_eq(
  $$SELECT lhs, rhs, CASE WHEN ledger.natural_key(lhs) < ledger.natural_key(rhs) THEN '<'
                          WHEN ledger.natural_key(lhs) = ledger.natural_key(rhs) THEN '=' ELSE '>' END
    FROM natural_cases ORDER BY lhs, rhs$$,
  'SELECT lhs, rhs, expected FROM natural_cases ORDER BY lhs, rhs',
  'natural_order.csv: the same order under the database''s default collation (keys are 0-9a-f only)');

SELECT * FROM finish();
ROLLBACK;
