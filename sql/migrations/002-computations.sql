-- 002: the exact computations the ledger's rules are built on (SPEC §2.1–§2.4, §2.10).
--
-- USCC check characters, owners' votes, largest-remainder allocation, percent
-- splits and a natural sort key. Pure functions: no tables. Runs as
-- propledger_owner inside the runner's transaction.
--
-- These are the rules' one implementation (Swift keeps only Vote.swift for `vote check` without a
-- database); the case files in Tests/LedgerCoreTests/Cases/ run against them (the *SQLTests suites,
-- beside independent reference checks in Tests/LedgerCoreTests/Reference/, and sql/tests/002-computations.sql).
-- Bad input raises SQLSTATE 22023 (invalid_parameter_value) with a message that
-- says what was wrong; no float ever touches money, areas or percents.

-- §2.1 USCC ------------------------------------------------------------------

CREATE FUNCTION ledger.uscc_check_char(code text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  WITH chars AS (
    SELECT i, strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(code, i, 1)) - 1 AS value
    FROM pg_catalog.generate_series(1, 17) AS i
  )
  SELECT CASE
    WHEN pg_catalog.char_length(code) NOT IN (17, 18) THEN NULL
    WHEN pg_catalog.bool_or(value < 0) THEN NULL
    -- weights 3^(i-1) mod 31, written out
    ELSE substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                (31 - (sum(value * ('{1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28}'::int[])[i]) % 31)::int) % 31 + 1, 1)
  END
  FROM chars
$$;

COMMENT ON FUNCTION ledger.uscc_check_char(text) IS
'The GB 32100-2015 check character of a unified social credit code, computed from its first 17 '
'characters; the code may have 17 or 18 characters (an 18th is ignored). NULL when the length is '
'wrong or one of the first 17 is outside 0-9A-HJ-NPQRTUWXY (upper case only). '
'Example: SELECT ledger.uscc_check_char(''91350100M000100Y4'') -- ''3''';

CREATE FUNCTION ledger.uscc_is_valid(code text) RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT pg_catalog.char_length(code) = 18
     AND coalesce(ledger.uscc_check_char(code) = substr(code, 18, 1), false)
$$;

COMMENT ON FUNCTION ledger.uscc_is_valid(text) IS
'True when the text is an 18-character USCC whose check character is right (GB 32100-2015, SPEC §2.1). '
'Use in CHECK constraints: CHECK (ledger.uscc_is_valid(uscc)). '
'Example: SELECT ledger.uscc_is_valid(''91350100M000100Y43'') -- true';

-- §2.2 Owners' votes ---------------------------------------------------------

CREATE FUNCTION ledger.vote_evaluate(
  matter text,
  total_area numeric, total_owners integer,
  participating_area numeric, participating_owners integer,
  approving_area numeric, approving_owners integer,
  OUT quorum_area_met boolean, OUT quorum_owners_met boolean,
  OUT approval_area_met boolean, OUT approval_owners_met boolean,
  OUT passed boolean)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  special boolean;
BEGIN
  IF matter IN ('raise_fund', 'renovate', 'change_use') THEN
    special := true;
  ELSIF matter IN ('use_fund', 'select_company', 'elect_committee', 'other') THEN
    special := false;
  ELSE
    RAISE EXCEPTION 'unknown vote matter "%"', matter
      USING ERRCODE = '22023',
            HINT = 'Use one of use_fund, raise_fund, renovate, change_use, select_company, elect_committee, other.';
  END IF;

  IF least(total_area, participating_area, approving_area) < 0
     OR least(total_owners, participating_owners, approving_owners) < 0 THEN
    RAISE EXCEPTION 'vote numbers must not be negative (areas %, %, %; owners %, %, %)',
      total_area, participating_area, approving_area, total_owners, participating_owners, approving_owners
      USING ERRCODE = '22023';
  END IF;
  IF total_owners = 0 THEN
    RAISE EXCEPTION 'total owners is zero: a vote needs at least one owner' USING ERRCODE = '22023';
  END IF;
  IF total_area = 0 THEN
    RAISE EXCEPTION 'total area is zero: a vote needs the exclusive area of the compound' USING ERRCODE = '22023';
  END IF;
  IF participating_area > total_area THEN
    RAISE EXCEPTION 'participating area % exceeds total area %', participating_area, total_area
      USING ERRCODE = '22023';
  END IF;
  IF participating_owners > total_owners THEN
    RAISE EXCEPTION 'participating owners % exceed total owners %', participating_owners, total_owners
      USING ERRCODE = '22023';
  END IF;
  IF approving_area > participating_area THEN
    RAISE EXCEPTION 'approving area % exceeds participating area %', approving_area, participating_area
      USING ERRCODE = '22023';
  END IF;
  IF approving_owners > participating_owners THEN
    RAISE EXCEPTION 'approving owners % exceed participating owners %', approving_owners, participating_owners
      USING ERRCODE = '22023';
  END IF;

  -- "以上" includes the number itself: at least two thirds, in exact arithmetic.
  quorum_area_met := 3 * participating_area >= 2 * total_area;
  quorum_owners_met := 3::bigint * participating_owners >= 2::bigint * total_owners;
  IF special THEN
    -- At least three quarters of those who took part; nobody taking part approves nothing.
    approval_area_met := participating_area > 0 AND 4 * approving_area >= 3 * participating_area;
    approval_owners_met := participating_owners > 0
                           AND 4::bigint * approving_owners >= 3::bigint * participating_owners;
  ELSE
    -- Strictly more than half of those who took part.
    approval_area_met := 2 * approving_area > participating_area;
    approval_owners_met := 2::bigint * approving_owners > participating_owners;
  END IF;
  passed := quorum_area_met AND quorum_owners_met AND approval_area_met AND approval_owners_met;
END
$$;

COMMENT ON FUNCTION ledger.vote_evaluate(text, numeric, integer, numeric, integer, numeric, integer) IS
'Evaluates an owners'' joint decision (Civil Code Art. 278, SPEC §2.2): quorum is at least 2/3 of the '
'area and of the owners; raise_fund, renovate and change_use need at least 3/4 of the participating '
'area and owners, every other matter more than 1/2 of them. Exact comparisons, no rounding. '
'Raises 22023 for an unknown matter, negative numbers, zero total owners or area, participants above '
'the totals, or approvals above the participants. '
'Example: SELECT * FROM ledger.vote_evaluate(''use_fund'', 10000, 120, 8000, 100, 6000, 70)';

CREATE FUNCTION ledger.vote_passes(
  matter text,
  total_area numeric, total_owners integer,
  participating_area numeric, participating_owners integer,
  approving_area numeric, approving_owners integer)
RETURNS boolean
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT (ledger.vote_evaluate(matter, total_area, total_owners, participating_area,
                               participating_owners, approving_area, approving_owners)).passed
$$;

COMMENT ON FUNCTION ledger.vote_passes(text, numeric, integer, numeric, integer, numeric, integer) IS
'True when the vote passes under ledger.vote_evaluate (same arguments, same errors). '
'Example: SELECT ledger.vote_passes(''raise_fund'', 1000, 40, 800, 40, 600, 30)';

-- §2.3–§2.4 Allocation ---------------------------------------------------------

CREATE FUNCTION ledger.largest_remainder(amount_fen numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  WITH w AS (
    SELECT ord, weight FROM unnest(weights) WITH ORDINALITY AS u(weight, ord)
  ), total AS (
    SELECT sum(weight) AS total FROM w
  ), parts AS (
    -- div and mod on numeric are exact: no rounding before the floor.
    SELECT ord, div(amount_fen * weight, total) AS floor_fen, mod(amount_fen * weight, total) AS remainder
    FROM w, total
  ), leftover AS (
    SELECT amount_fen - sum(floor_fen) AS fen FROM parts
  ), ranked AS (
    SELECT ord, floor_fen, row_number() OVER (ORDER BY remainder DESC, ord) AS rank FROM parts
  )
  SELECT array_agg(floor_fen + CASE WHEN rank <= leftover.fen THEN 1 ELSE 0 END ORDER BY ord)
  FROM ranked, leftover
$$;

COMMENT ON FUNCTION ledger.largest_remainder(numeric, numeric[]) IS
'Building block of ledger.allocate and ledger.split_percent; unchecked, prefer those. Splits a '
'non-negative whole number of fen over non-negative weights with a positive sum: each part is the '
'floor of its exact share, the leftover fen go one each to the largest remainders, ties by array order.';

CREATE FUNCTION ledger.allocate(amount numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
-- SECURITY DEFINER: readers (no USAGE on ledger) reach it through report views over
-- ledger.funding_amounts; it reads no table, so the owner's rights reveal nothing.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  i integer;
BEGIN
  IF coalesce(array_length(weights, 1), 0) = 0 THEN
    RAISE EXCEPTION 'nothing to allocate % over: no weights', amount USING ERRCODE = '22023';
  END IF;
  IF amount <> trunc(amount, 2) THEN
    RAISE EXCEPTION 'amount % has more than 2 decimals: money is exact to the fen', amount
      USING ERRCODE = '22023';
  END IF;
  FOR i IN array_lower(weights, 1) .. array_upper(weights, 1) LOOP
    IF weights[i] IS NULL OR weights[i] <= 0 THEN
      RAISE EXCEPTION 'weight % is %: every weight (floor area) must be positive',
        i - array_lower(weights, 1) + 1, coalesce(weights[i]::text, 'NULL')
        USING ERRCODE = '22023',
              HINT = 'A unit with zero floor area cannot be apportioned; fix its area or leave it out of the scope.';
    END IF;
  END LOOP;
  -- A negative amount (a refund, a correction) is the mirror image of the positive one,
  -- so reversing an apportionment gives every unit back exactly what it was charged.
  RETURN (SELECT array_agg(sign(amount) * fen * 0.01 ORDER BY ord)
          FROM unnest(ledger.largest_remainder(abs(amount) * 100, weights)) WITH ORDINALITY AS p(fen, ord));
END
$$;

COMMENT ON FUNCTION ledger.allocate(numeric, numeric[]) IS
'Splits an amount (yuan, at most 2 decimals) over positive weights exactly to the fen (SPEC §2.3): '
'each part is the floor of its exact share, the leftover fen go one each to the largest remainders, '
'ties in array order; the parts always sum to the amount. A negative amount gives the negated parts '
'of its absolute value. Raises 22023 for no weights, a zero, negative or NULL weight, or more than '
'2 decimals. For apportionment pass the floor areas ordered by (ledger.natural_key(building), '
'ledger.natural_key(unit_no)). Example: SELECT ledger.allocate(0.01, ARRAY[50, 50, 50]) -- {0.01,0.00,0.00}';

CREATE FUNCTION ledger.split_percent(amount numeric, percents numeric[]) RETURNS numeric[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
-- SECURITY DEFINER: readers (no USAGE on ledger) reach it through report views over
-- ledger.funding_amounts; it reads no table, so the owner's rights reveal nothing.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  i integer;
  total numeric := 0;
BEGIN
  IF coalesce(array_length(percents, 1), 0) = 0 THEN
    RAISE EXCEPTION 'nothing to split % over: no percents', amount USING ERRCODE = '22023';
  END IF;
  FOR i IN array_lower(percents, 1) .. array_upper(percents, 1) LOOP
    IF percents[i] IS NULL OR percents[i] < 0 THEN
      RAISE EXCEPTION 'percent % is %: percents must be 0 or more',
        i - array_lower(percents, 1) + 1, coalesce(percents[i]::text, 'NULL')
        USING ERRCODE = '22023';
    END IF;
    IF percents[i] <> trunc(percents[i], 2) THEN
      RAISE EXCEPTION 'percent % is %: percents have at most 2 decimals',
        i - array_lower(percents, 1) + 1, percents[i]
        USING ERRCODE = '22023';
    END IF;
    total := total + percents[i];
  END LOOP;
  IF total <> 100 THEN
    RAISE EXCEPTION 'percents sum to %, % %', round(total, 2), abs(round(100 - total, 2)),
      CASE WHEN total < 100 THEN 'short of 100' ELSE 'over 100' END
      USING ERRCODE = '22023';
  END IF;
  IF amount <> trunc(amount, 2) THEN
    RAISE EXCEPTION 'amount % has more than 2 decimals: money is exact to the fen', amount
      USING ERRCODE = '22023';
  END IF;
  RETURN (SELECT array_agg(sign(amount) * fen * 0.01 ORDER BY ord)
          FROM unnest(ledger.largest_remainder(abs(amount) * 100, percents)) WITH ORDINALITY AS p(fen, ord));
END
$$;

COMMENT ON FUNCTION ledger.split_percent(numeric, numeric[]) IS
'Turns percentages (0 or more, at most 2 decimals, summing to exactly 100) into amounts by the '
'largest-remainder rule of ledger.allocate (SPEC §2.4), ties in array order; a 0 percent gets 0.00. '
'Raises 22023 naming the gap when the sum is off, e.g. "percents sum to 99.99, 0.01 short of 100". '
'Example: SELECT ledger.split_percent(100, ARRAY[33.33, 33.33, 33.34]) -- {33.33,33.33,33.34}';

-- Natural order -----------------------------------------------------------------

CREATE FUNCTION ledger.natural_key(label text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  -- Each character becomes 6 hex digits of its code point; a run of ASCII digits sorts where
  -- '0' does, then by length without leading zeros, then its digits, then its count of leading
  -- zeros (so '1' < '01'). The key holds only 0-9a-f: any collation orders it the same way.
  SELECT coalesce(string_agg(
    CASE WHEN m[1] IS NOT NULL THEN
      '000030'
      || lpad(to_hex(char_length(coalesce(nullif(ltrim(m[1], '0'), ''), '0'))), 8, '0')
      || coalesce(nullif(ltrim(m[1], '0'), ''), '0')
      || lpad(to_hex(char_length(m[1]) - char_length(coalesce(nullif(ltrim(m[1], '0'), ''), '0'))), 8, '0')
    ELSE lpad(to_hex(ascii(m[2])), 6, '0')
    END, '' ORDER BY n), '')
  FROM regexp_matches(label, '([0-9]+)|([^0-9])', 'g') WITH ORDINALITY AS t(m, n)
$$;

COMMENT ON FUNCTION ledger.natural_key(text) IS
'A sort key in which runs of digits compare as numbers: ''2'' < ''10'', ''A2'' < ''A10'', ''2栋'' < ''10栋''; '
'other characters compare by code point, ''1'' < ''01''. Distinct labels get distinct keys. '
'Apportionment ties (SPEC §2.3) go by '
'ORDER BY ledger.natural_key(building), ledger.natural_key(unit_no).';
