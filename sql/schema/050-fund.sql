-- Maintenance fund accounts (住宅专项维修资金, SPEC §6): per-unit postings and balances, and the
-- `fund` and `fund-unit` reports (repeatable: sql/schema/README.md).
--
-- The one computation of the accounts is report.fund_postings: every report, anomaly and psql user
-- reads the postings it gives. Per compound, in date order (on one day: deposits, then draws, then
-- interest; within a class by voucher), it keeps every unit's balance:
--   - a deposit line (first_deposit, top_up, interest, refund) is posted to its unit; a refund takes at
--     most the balance (an account is a bank sub-account and never goes below zero);
--   - a draw (a maintenance_fund payment of a project) is apportioned to the project's scope units by
--     ledger.project_unit_weights (agreed weights, else floor area; §2.3 largest remainder, ties in
--     natural (building, unit_no) order); each unit's share takes at most its balance, and the rest is
--     recorded as owed by its owner;
--   - compound interest (fund_interest) is allocated in proportion to the balances at the end of the day
--     before, by the same largest-remainder rule; units whose balance then is zero receive none.
-- A compound's accounts are kept once the ledger holds a deposit line of it (fund_deposits); the draws on
-- a compound without any are not turned into debts of all its units.
-- So for every unit: balance = first deposits + top-ups + interest + refunds − (draws − owed) ≥ 0.
-- Functions are SECURITY INVOKER over report views: row-level security applies to whoever runs them.

CREATE VIEW report.fund_deposits AS
SELECT d.voucher_no, d.compound_code, d.building, d.unit_no, d.district_code, d.kind, d.deposited_on, d.amount_yuan
FROM ledger.fund_deposits AS d;
COMMENT ON VIEW report.fund_deposits IS 'Per-unit fund postings as loaded (fund_deposits).';

CREATE VIEW report.fund_interest AS
SELECT i.compound_code, i.posted_on, i.district_code, i.amount_yuan FROM ledger.fund_interest AS i;
COMMENT ON VIEW report.fund_interest IS 'Compound-level interest as loaded (fund_interest).';

CREATE VIEW report.project_unit_weights AS
SELECT w.project_code, w.district_code, w.compound_code, w.building, w.unit_no, w.floor_area_m2, w.agreed_weight, w.weight
FROM ledger.project_unit_weights AS w;
COMMENT ON VIEW report.project_unit_weights IS 'Units in each project''s scope with the weight its shares are apportioned by (agreed weight, else floor area).';

-- The draws on the fund: maintenance_fund payments, with their project's emergency record.
CREATE VIEW report.fund_draws AS
SELECT y.voucher_no, y.project_code, y.district_code, p.compound_code, y.paid_on, y.amount_yuan,
       p.emergency, p.emergency_category, p.emergency_reason, p.emergency_applicant, p.emergency_confirmed_by,
       p.emergency_confirmed_on
FROM ledger.payments AS y
JOIN ledger.projects AS p ON p.project_code = y.project_code
WHERE y.source = 'maintenance_fund';
COMMENT ON VIEW report.fund_draws IS 'Maintenance-fund payments (draws on the fund) with their project''s compound and emergency record.';

-- Usage: SELECT report.allocate_weights(100.00, ARRAY[0, 1, 1]);
CREATE FUNCTION report.allocate_weights(amount numeric, weights numeric[]) RETURNS numeric[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
RETURN ledger.allocate_weights(amount, weights);
COMMENT ON FUNCTION report.allocate_weights(numeric, numeric[]) IS 'ledger.allocate_weights for readers: the §2.3 split over weights that may be 0.';

-- Usage: SELECT * FROM report.fund_rules(DATE '2026-11-30');
-- Each district's top-up rules on a date (SPEC §10: fund.topup_threshold against fund.topup_base; where the
-- jurisdiction has one, the default top-up without an owners' decision: 上海 Art. 65, to >=1/2 after 90 days).
CREATE FUNCTION report.fund_rules(p_as_of date)
RETURNS TABLE (district_code text, topup_threshold text, topup_base text, topup_default_target text,
               topup_default_after_days integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT d.district_code, ledger.rule_value(d.district_code, 'fund.topup_threshold', p_as_of),
         ledger.rule_value(d.district_code, 'fund.topup_base', p_as_of),
         ledger.rule_value(d.district_code, 'fund.topup_default_target', p_as_of),
         ledger.rule_value(d.district_code, 'fund.topup_default_after_days', p_as_of)::integer
  FROM report.districts AS d;
END;
COMMENT ON FUNCTION report.fund_rules(date) IS 'Each district''s fund top-up threshold and its base, and the default top-up target and delay where its jurisdiction has them (SPEC §10), on a date.';

-- Usage: SELECT report.fund_base_amount(1050.00, 50.00, 'first_deposit'); → 1000.00
-- What the top-up rules compare with the first deposits: first_deposit (national) the principal still in
-- the account (the balance without the interest it earned), principal_and_interest (杭州 Art. 71) the balance.
-- (No SET clause on this and fund_below_threshold: a plain SQL expression is inlined into the query that
-- calls it once per unit; every name in them is schema-qualified.)
CREATE FUNCTION report.fund_base_amount(balance numeric, interest numeric, base text) RETURNS numeric
LANGUAGE sql IMMUTABLE
RETURN CASE base WHEN 'principal_and_interest' THEN balance ELSE greatest(balance - interest, 0) END;
COMMENT ON FUNCTION report.fund_base_amount(numeric, numeric, text) IS
  'The amount the top-up rules compare with the first deposits: the balance less its interest (base first_deposit) or the whole balance (principal_and_interest).';

-- Usage: SELECT * FROM report.fund_rules_parsed(DATE '2026-11-30');
-- report.fund_rules with each district's threshold parsed once (ledger.threshold_parts: op, a, b), so that
-- the comparison per unit is plain SQL (report.fund_below_threshold).
CREATE FUNCTION report.fund_rules_parsed(p_as_of date)
RETURNS TABLE (district_code text, topup_threshold text, threshold_op text, threshold_a numeric, threshold_b numeric,
               topup_base text, topup_default_target text, topup_default_after_days integer)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT r.district_code, r.topup_threshold, t.op, t.a, t.b, r.topup_base, r.topup_default_target, r.topup_default_after_days
  FROM report.fund_rules(p_as_of) AS r
  LEFT JOIN LATERAL ledger.threshold_parts(r.topup_threshold) AS t ON true;
END;
COMMENT ON FUNCTION report.fund_rules_parsed(date) IS 'report.fund_rules with the top-up threshold parsed (ledger.threshold_parts: op, a, b).';

-- Usage: SELECT report.fund_below_threshold(250.00, 10.00, 1000.00, '<', 3, 10, 'first_deposit'); → true
-- The top-up warning (SPEC §6, 办法 Art. 17: "不足" = strictly below). The whole is the unit's first
-- deposits; the part is what the base names (report.fund_base_amount); the threshold comes parsed
-- (report.fund_rules_parsed). A unit with no first deposit has nothing to fall below.
CREATE FUNCTION report.fund_below_threshold(balance numeric, interest numeric, first_deposits numeric,
                                            op text, a numeric, b numeric, base text) RETURNS boolean
LANGUAGE sql IMMUTABLE
RETURN first_deposits > 0 AND ledger.meets_parts(report.fund_base_amount(balance, interest, base), first_deposits, op, a, b);
COMMENT ON FUNCTION report.fund_below_threshold(numeric, numeric, numeric, text, numeric, numeric, text) IS
  'True when a unit must top up: its balance (principal only for base first_deposit, principal and interest for principal_and_interest) meets the threshold parsed as op a/b (e.g. < 3/10) against its first deposits.';

-- Usage: SELECT report.fund_topup_due(1000.00, 5000.00, '>=1/2'); → 1500.00
-- The default top-up (上海 Art. 65: "续筹至首期的50%"): the least whole-fen amount that brings the base
-- amount to the target against the first deposits (0.00 when it is there already).
CREATE FUNCTION report.fund_topup_due(base_amount numeric, first_deposits numeric, target text) RETURNS numeric
LANGUAGE plpgsql IMMUTABLE
-- SECURITY DEFINER: PL/pgSQL resolves ledger.meets_parts as it runs, and readers have no USAGE on ledger; it reads
-- no table, so the owner's rights reveal nothing.
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  m text[] := regexp_match(target, '^(>=|>)([0-9]+)/([0-9]+)$');
  due numeric;
BEGIN
  IF base_amount IS NULL OR first_deposits IS NULL OR target IS NULL THEN
    RETURN NULL;
  END IF;
  IF m IS NULL OR m[3]::numeric = 0 THEN
    RAISE EXCEPTION 'not a top-up target: "%"', target
      USING ERRCODE = '22023', HINT = 'Write a top-up target as >=1/2 or >1/2 (a share of the first deposits to reach).';
  END IF;
  due := greatest(ceil((first_deposits * m[2]::numeric / m[3]::numeric - base_amount) * 100) / 100, 0);
  IF NOT ledger.meets_parts(base_amount + due, first_deposits, m[1], m[2]::numeric, m[3]::numeric) THEN
    due := due + 0.01;  -- ">" is strict: exactly the target is not enough
  END IF;
  RETURN due::numeric(14,2);
END
$$;
COMMENT ON FUNCTION report.fund_topup_due(numeric, numeric, text) IS
  'The least amount (whole fen, >= 0) that brings a unit''s base amount to a top-up target such as >=1/2 of its first deposits. Raises 22023 for a target that is not >=a/b or >a/b.';

-- Usage: SELECT (report.fund_posting(1, '1', '101', DATE '2026-03-01', 'first_deposit', 'V1', NULL, false, 100, 100, 0, 100)).balance;
-- One posting as the element of a compound's postings (staging.fund_posting), made in SQL: its body names the type
-- when it is made, so a reader without access to the schema staging calls it, and it is inlined where it is used.
-- report.fund_accounts_compute builds each posting with it: assigning a ROW(...) to an element of the postings in
-- PL/pgSQL converted it through its text form (record_out, then record_in and numeric_in per field), a quarter of
-- the computation at province (docs/benchmarks.md, session 16).
CREATE FUNCTION report.fund_posting(seq integer, building text, unit_no text, posted_on date, kind text, reference text,
                                    project_code text, emergency boolean, posted numeric, amount numeric, owed numeric,
                                    balance numeric)
RETURNS staging.fund_posting
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT ROW(seq, building, unit_no, posted_on, kind, reference, project_code, emergency, posted, amount, owed,
             balance)::staging.fund_posting;
END;
COMMENT ON FUNCTION report.fund_posting(integer, text, text, date, text, text, text, boolean, numeric, numeric, numeric, numeric) IS
  'One posting (staging.fund_posting) from its fields, for report.fund_accounts_compute.';

-- Usage: SELECT compound_code, cardinality(postings) FROM report.fund_accounts_compute(DATE '2026-11-30', ARRAY['GS001']);
-- The computation of the postings (read them with report.fund_postings, which keeps them; row by row with
-- report.fund_postings_compute): every posting to every unit account of the compounds given (NULL = every
-- compound in view), up to and including p_as_of, in the order they apply, one row per compound with
-- postings: its district and its postings in seq order (staging.fund_posting: seq counted within the
-- compound). kind: first_deposit, top_up, interest, refund, draw. posted = the amount as recorded (a draw:
-- minus the unit's share); amount = what the account moved (a draw or refund: at most the balance); owed =
-- the part of a draw's share the balance did not cover; balance = after the posting. The postings dated on
-- or before a day are the same whatever p_as_of after it (events apply in date order), which is what lets
-- ledger.refresh_kept keep them — as these rows, one per compound (staging.fund_postings_kept).
CREATE FUNCTION report.fund_accounts_compute(p_as_of date DEFAULT current_date, p_compounds text[] DEFAULT NULL)
RETURNS TABLE (compound_code text, district_code text, postings staging.fund_posting[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
-- The events read for the compounds given, planned for them on every call (ledger.refresh_kept_share calls it for a
-- thousand compounds at a time: a plan cached for an unknown list could read every unit of the province each time).
SET plan_cache_mode = force_custom_plan
AS $$
#variable_conflict use_column
DECLARE
  ev record;
  current_day date;
  buildings text[];
  unit_nos text[];
  balances numeric[];
  day_before numeric[];
  parts numeric[];
  k integer;
  pos integer;
  taken numeric;
  counter integer := 0;
  posted numeric;
  amount numeric;
  owed numeric;
  compound_district text;
BEGIN
  IF cardinality(p_compounds) = 0 THEN
    RETURN;  -- no compound given (NULL is every compound)
  END IF;
  FOR ev IN
    -- A compound has accounts once its fund records are loaded (a deposit line): draws on a compound the
    -- ledger holds no fund records of are not turned into debts of every unit.
    WITH accounts AS (
      SELECT DISTINCT d.compound_code FROM report.fund_deposits AS d
      WHERE p_compounds IS NULL OR d.compound_code = ANY (p_compounds)
    ), scoped AS (
      SELECT u.compound_code, u.building, u.unit_no FROM report.units AS u
      WHERE u.compound_code IN (SELECT a.compound_code FROM accounts AS a)
    ), keys AS (
      SELECT k.label, k.key FROM report.natural_keys(ARRAY(SELECT s.building FROM scoped AS s UNION
                                                           SELECT s.unit_no FROM scoped AS s)) AS k
    ), draws AS (
      -- The draws on these compounds up to as_of: split below, and their projects' scopes read once each.
      SELECT y.* FROM report.fund_draws AS y
      WHERE y.paid_on <= p_as_of AND y.compound_code IN (SELECT a.compound_code FROM accounts AS a)
    ), units AS (
      SELECT u.compound_code, u.building, u.unit_no,
             (row_number() OVER (PARTITION BY u.compound_code ORDER BY kb.key, ku.key))::integer AS pos
      FROM scoped AS u
      JOIN keys AS kb ON kb.label = u.building
      JOIN keys AS ku ON ku.label = u.unit_no
    ), events AS (
      -- Class 0, first of each compound: its units in natural order (their keys computed once, here).
      SELECT u.compound_code, NULL::text AS district_code, '-infinity'::date AS day, 0 AS class, ''::text AS reference,
             'accounts'::text AS kind, NULL::text AS project_code, false AS emergency, NULL::integer[] AS positions,
             NULL::numeric[] AS parts, array_agg(u.building ORDER BY u.pos) AS unit_buildings,
             array_agg(u.unit_no ORDER BY u.pos) AS unit_nos
      FROM units AS u GROUP BY u.compound_code
      UNION ALL
      SELECT d.compound_code, d.district_code, d.deposited_on, 1, d.voucher_no, d.kind,
             NULL, false, ARRAY[u.pos], ARRAY[d.amount_yuan], NULL, NULL
      FROM report.fund_deposits AS d
      JOIN units AS u ON u.compound_code = d.compound_code AND u.building = d.building AND u.unit_no = d.unit_no
      WHERE d.deposited_on <= p_as_of AND d.compound_code IN (SELECT a.compound_code FROM accounts AS a)
      UNION ALL
      -- Each draw split over its project's scope units, whose weights are gathered once per project (a project
      -- drawing several times reads its scope once), and only for the projects that draw on these compounds.
      SELECT y.compound_code, y.district_code, y.paid_on, 2, y.voucher_no, 'draw', y.project_code, y.emergency,
             s.positions, report.allocate_weights(y.amount_yuan, s.weights), NULL, NULL
      FROM draws AS y
      JOIN (SELECT dp.project_code, array_agg(u.pos ORDER BY u.pos) AS positions,
                   array_agg(w.weight ORDER BY u.pos) AS weights
            FROM (SELECT DISTINCT d.project_code FROM draws AS d) AS dp
            -- OFFSET 0: each project's scope read by its key (not pulled up into a join with every unit)
            CROSS JOIN LATERAL (SELECT x.compound_code, x.building, x.unit_no, x.weight
                                FROM report.project_unit_weights AS x WHERE x.project_code = dp.project_code
                                OFFSET 0) AS w
            JOIN units AS u ON u.compound_code = w.compound_code AND u.building = w.building AND u.unit_no = w.unit_no
            GROUP BY dp.project_code) AS s ON s.project_code = y.project_code
      UNION ALL
      SELECT i.compound_code, i.district_code, i.posted_on, 3, 'compound', 'interest', NULL, false, NULL, ARRAY[i.amount_yuan],
             NULL, NULL
      FROM report.fund_interest AS i
      WHERE i.posted_on <= p_as_of AND i.compound_code IN (SELECT a.compound_code FROM accounts AS a)
    )
    SELECT e.* FROM events AS e ORDER BY e.compound_code, e.day, e.class, e.reference
  LOOP
    IF ev.class = 0 THEN
      -- The compound before, if it had postings; a new compound: its accounts start at zero, its postings are
      -- counted from 1.
      -- (The postings are gathered in the output column itself: its type is named where the function is made, so a
      -- reader without access to the schema staging runs it.)
      IF counter > 0 THEN
        district_code := compound_district;
        RETURN NEXT;
      END IF;
      compound_code := ev.compound_code;
      postings := '{}';
      current_day := NULL;
      counter := 0;
      buildings := ev.unit_buildings;
      unit_nos := ev.unit_nos;
      balances := array_fill(0::numeric, ARRAY[cardinality(buildings)]);
      CONTINUE;
    END IF;
    IF ev.day IS DISTINCT FROM current_day THEN
      day_before := balances;  -- nothing was posted between the last posting day and this one
      current_day := ev.day;
    END IF;
    compound_district := ev.district_code;
    IF ev.class = 3 THEN
      -- Compound interest: by the balances at the end of the day before; none to allocate over, none posted.
      IF coalesce((SELECT sum(b) FROM unnest(day_before) AS b), 0) = 0 THEN
        CONTINUE;
      END IF;
      parts := report.allocate_weights(ev.parts[1], day_before);
      FOR pos IN 1 .. cardinality(parts) LOOP
        CONTINUE WHEN parts[pos] = 0;
        balances[pos] := balances[pos] + parts[pos];
        counter := counter + 1;
        postings[counter] := report.fund_posting(counter, buildings[pos], unit_nos[pos], ev.day, ev.kind, ev.reference,
                                                 ev.project_code, ev.emergency, parts[pos], parts[pos], 0, balances[pos]);
      END LOOP;
    ELSE
      FOR k IN 1 .. cardinality(ev.positions) LOOP
        pos := ev.positions[k];
        CONTINUE WHEN ev.parts[k] = 0;
        IF ev.class = 2 THEN
          taken := least(ev.parts[k], balances[pos]);
          posted := -ev.parts[k]; amount := -taken; owed := ev.parts[k] - taken;
        ELSIF ev.kind = 'refund' THEN
          taken := least(-ev.parts[k], balances[pos]);
          posted := ev.parts[k]; amount := -taken; owed := 0;
        ELSE
          posted := ev.parts[k]; amount := ev.parts[k]; owed := 0;
        END IF;
        balances[pos] := balances[pos] + amount;
        counter := counter + 1;
        postings[counter] := report.fund_posting(counter, buildings[pos], unit_nos[pos], ev.day, ev.kind, ev.reference,
                                                 ev.project_code, ev.emergency, posted, amount, owed, balances[pos]);
      END LOOP;
    END IF;
  END LOOP;
  IF counter > 0 THEN
    district_code := compound_district;
    RETURN NEXT;
  END IF;
END
$$;
COMMENT ON FUNCTION report.fund_accounts_compute(date, text[]) IS
'SPEC §6, computed: per compound of those given (NULL = all in view) with postings up to as_of, its district and '
'every posting to its unit accounts in order (staging.fund_posting, seq within the compound): deposits, draws '
'apportioned by weight or area (ledger.project_unit_weights, §2.3), compound interest by the balances of the day '
'before. posted = as recorded (draw: minus the share); amount = the account''s movement (never below zero); owed = '
'the uncovered part of a draw''s share; balance = after it. Read report.fund_postings instead: it gives the same '
'postings, row by row, from the kept ones.';

-- Usage: SELECT * FROM report.fund_postings_compute(DATE '2026-11-30', ARRAY['GS001']);
-- report.fund_accounts_compute row by row: every posting with its compound and district (the columns of
-- report.fund_postings). Plain SQL, inlined into the query that calls it; every name schema-qualified.
CREATE FUNCTION report.fund_postings_compute(p_as_of date DEFAULT current_date, p_compounds text[] DEFAULT NULL)
RETURNS TABLE (seq integer, compound_code text, district_code text, building text, unit_no text, posted_on date,
               kind text, reference text, project_code text, emergency boolean,
               posted numeric, amount numeric, owed numeric, balance numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT p.seq, a.compound_code, a.district_code, p.building, p.unit_no, p.posted_on, p.kind, p.reference,
         p.project_code, p.emergency, p.posted, p.amount, p.owed, p.balance
  FROM report.fund_accounts_compute(p_as_of, p_compounds) AS a
  CROSS JOIN LATERAL pg_catalog.unnest(a.postings) AS p;
END;
COMMENT ON FUNCTION report.fund_postings_compute(date, text[]) IS
'SPEC §6, computed: every posting to the unit accounts of the given compounds (NULL = all in view) up to as_of, in '
'order (seq within the compound): report.fund_accounts_compute row by row. Read report.fund_postings instead: it '
'gives the same rows from the kept postings.';

CREATE VIEW report.fund_postings_kept AS
SELECT k.compound_code, p.seq, k.district_code, p.building, p.unit_no, p.posted_on, p.kind, p.reference,
       p.project_code, p.emergency, p.posted, p.amount, p.owed, p.balance
FROM staging.fund_postings_kept AS k
CROSS JOIN LATERAL pg_catalog.unnest(k.postings) AS p;
COMMENT ON VIEW report.fund_postings_kept IS 'The kept fund postings (migration 034), current for every compound not in report.fund_stale.';

CREATE VIEW report.fund_stale AS
SELECT f.compound_code, f.district_code, f.marked_at FROM staging.fund_stale AS f;
COMMENT ON VIEW report.fund_stale IS 'Compounds whose kept fund postings are out of date (computed live by report.fund_postings until ledger.refresh_kept).';
GRANT SELECT ON report.fund_postings_kept, report.fund_stale TO propledger_reader;

-- Usage: SELECT * FROM report.fund_postings(DATE '2026-11-30', ARRAY['GS001']);
-- Every posting to every unit account of the compounds given (NULL = every compound in view) up to and
-- including p_as_of: the columns of report.fund_postings_compute, read from the kept postings of the
-- compounds whose postings are current and computed for the stale ones (migration 034), so the answer
-- never depends on whether the postings were refreshed.
-- A plain SQL query with no SET clause, so the planner inlines it into the query that calls it: a caller
-- reading every kept posting (report.fund_units_compute, 44M postings at province) scans and aggregates them
-- in one pass instead of copying them into a function's result store first (216 s → docs/benchmarks.md).
-- Every name in it is schema-qualified.
CREATE FUNCTION report.fund_postings(p_as_of date DEFAULT current_date, p_compounds text[] DEFAULT NULL)
RETURNS TABLE (seq integer, compound_code text, district_code text, building text, unit_no text, posted_on date,
               kind text, reference text, project_code text, emergency boolean,
               posted numeric, amount numeric, owed numeric, balance numeric)
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT k.seq, k.compound_code, k.district_code, k.building, k.unit_no, k.posted_on, k.kind, k.reference,
         k.project_code, k.emergency, k.posted, k.amount, k.owed, k.balance
  FROM report.fund_postings_kept AS k
  WHERE p_compounds IS NULL AND k.posted_on <= p_as_of
    AND NOT EXISTS (SELECT 1 FROM report.fund_stale AS f WHERE f.compound_code = k.compound_code)
  UNION ALL
  -- The compounds given are joined, not tested with = ANY: called with a sub-select argument the function is
  -- not inlined and runs with a generic plan, where = ANY would compare every kept posting with every code.
  SELECT k.seq, k.compound_code, k.district_code, k.building, k.unit_no, k.posted_on, k.kind, k.reference,
         k.project_code, k.emergency, k.posted, k.amount, k.owed, k.balance
  FROM (SELECT DISTINCT g.code FROM unnest(p_compounds) AS g (code)) AS g
  JOIN report.fund_postings_kept AS k ON k.compound_code = g.code
  WHERE k.posted_on <= p_as_of
    AND NOT EXISTS (SELECT 1 FROM report.fund_stale AS f WHERE f.compound_code = k.compound_code)
  UNION ALL
  SELECT c.seq, c.compound_code, c.district_code, c.building, c.unit_no, c.posted_on, c.kind, c.reference,
         c.project_code, c.emergency, c.posted, c.amount, c.owed, c.balance
  -- The stale compounds among those given (none: the computation returns at once).
  FROM report.fund_postings_compute(p_as_of, ARRAY(SELECT f.compound_code FROM report.fund_stale AS f
                                                   WHERE p_compounds IS NULL OR f.compound_code = ANY (p_compounds))) AS c;
END;
COMMENT ON FUNCTION report.fund_postings(date, text[]) IS
'SPEC §6: every posting to the unit accounts of the given compounds (NULL = all in view) up to as_of (seq orders '
'them within a compound): deposits, draws apportioned by weight or area (ledger.project_unit_weights, §2.3), '
'compound interest by the balances of the day before. posted = as recorded (draw: minus the share); amount = the '
'account''s movement (never below zero); owed = the uncovered part of a draw''s share; balance = after it. Kept '
'postings for current compounds, computed for stale ones (report.fund_postings_compute).';

-- Usage: SELECT * FROM report.fund_units_compute(DATE '2026-11-30', ARRAY['GS001']);
-- The computation of the unit totals (read them with report.fund_units, which keeps them): one row per
-- unit of the compounds given (NULL = every compound in view) that have a fund posting by as_of, summed from
-- report.fund_postings, and judged by the rules in force on p_rules_on (default: as_of), which it returns
-- with the judgement: below_threshold (must top up; nothing owed), below_since (the day of the posting that
-- began its current spell below the threshold, where the jurisdiction has a default top-up; else NULL) and
-- topped_up (a top-up since then). pos = the unit's place in natural (building, unit_no) order in its
-- compound; last_posted_on = the compound's last posting day. ledger.refresh_kept keeps these rows
-- (postings with no end date, today's rules) in staging.fund_units_kept.
CREATE FUNCTION report.fund_units_compute(p_as_of date DEFAULT current_date, p_compounds text[] DEFAULT NULL,
                                          p_rules_on date DEFAULT NULL)
RETURNS TABLE (compound_code text, district_code text, building text, unit_no text, pos integer, last_posted_on date,
               first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric,
               owed numeric, balance numeric, emergency_draws numeric, below_threshold boolean,
               below_since date, topped_up boolean, topup_threshold text, topup_base text, topup_default_target text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
-- No merge joins: the planner takes the CTE per_unit for 200 rows whatever the compounds given, and joined the
-- units to it by a merge on compound_code alone, testing building and unit_no on every pair of a compound's units
-- (200 x 200 per compound; province, 10,000 compounds: 164.7 s, with hash joins 39.7 s -> docs/benchmarks.md).
SET enable_mergejoin = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH rules AS (SELECT * FROM report.fund_rules_parsed(coalesce(p_rules_on, p_as_of))),
  -- report.fund_postings is inlined: the totals are one scan and one aggregation of the kept postings (a CTE
  -- of the postings read three times would copy all of them first), the spells a second scan of those of the
  -- districts with a default top-up only.
  per_unit AS (
    SELECT p.compound_code, p.building, p.unit_no, max(p.posted_on) AS last_posted_on,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'first_deposit'), 0) AS first_deposits,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'top_up'), 0) AS top_ups,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'refund'), 0) AS refunds,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'interest'), 0) AS interest,
           coalesce(-sum(p.posted) FILTER (WHERE p.kind = 'draw'), 0) AS draws,
           coalesce(sum(p.owed), 0) AS owed,
           coalesce(sum(p.amount), 0) AS balance,
           coalesce(-sum(p.posted) FILTER (WHERE p.kind = 'draw' AND p.emergency), 0) AS emergency_draws
    FROM report.fund_postings(p_as_of, p_compounds) AS p GROUP BY p.compound_code, p.building, p.unit_no
  ),
  last_day AS (SELECT x.compound_code, max(x.last_posted_on) AS last_posted_on FROM per_unit AS x GROUP BY x.compound_code),
  -- After each posting: the unit's running totals, then whether they are below the threshold. The last run
  -- of postings that leave it below is its current spell below the threshold; it started on the day of the
  -- first of them.
  sums AS (
    SELECT p.compound_code, p.building, p.unit_no, p.seq, p.posted_on, p.kind, r.threshold_op, r.threshold_a,
           r.threshold_b, r.topup_base, sum(p.amount) OVER w AS balance,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'interest') OVER w, 0) AS interest,
           coalesce(sum(p.amount) FILTER (WHERE p.kind = 'first_deposit') OVER w, 0) AS first_deposits
    FROM report.fund_postings(p_as_of, p_compounds) AS p JOIN rules AS r ON r.district_code = p.district_code
    WHERE r.topup_default_target IS NOT NULL
    WINDOW w AS (PARTITION BY p.compound_code, p.building, p.unit_no ORDER BY p.seq)
  ),
  running AS (
    SELECT m.compound_code, m.building, m.unit_no, m.seq, m.posted_on, m.kind,
           coalesce(report.fund_below_threshold(m.balance, m.interest, m.first_deposits, m.threshold_op, m.threshold_a,
                                                m.threshold_b, m.topup_base), false) AS below
    FROM sums AS m
  ),
  marked AS (
    SELECT m.*, max(m.seq) FILTER (WHERE NOT m.below) OVER (PARTITION BY m.compound_code, m.building, m.unit_no) AS last_above
    FROM running AS m
  ),
  spells AS (
    SELECT m.compound_code, m.building, m.unit_no, min(m.posted_on) AS below_since, bool_or(m.kind = 'top_up') AS topped_up
    FROM marked AS m WHERE m.seq > coalesce(m.last_above, 0)
    GROUP BY m.compound_code, m.building, m.unit_no
  ),
  units AS (
    SELECT u.compound_code, u.district_code, u.building, u.unit_no, l.last_posted_on,
           coalesce(x.first_deposits, 0)::numeric(14,2) AS first_deposits, coalesce(x.top_ups, 0)::numeric(14,2) AS top_ups,
           coalesce(x.refunds, 0)::numeric(14,2) AS refunds, coalesce(x.interest, 0)::numeric(14,2) AS interest,
           coalesce(x.draws, 0)::numeric(14,2) AS draws, coalesce(x.owed, 0)::numeric(14,2) AS owed,
           coalesce(x.balance, 0)::numeric(14,2) AS balance, coalesce(x.emergency_draws, 0)::numeric(14,2) AS emergency_draws,
           coalesce(x.owed, 0) = 0 AND coalesce(report.fund_below_threshold(x.balance, x.interest, x.first_deposits,
                                                                            r.threshold_op, r.threshold_a, r.threshold_b,
                                                                            r.topup_base), false) AS below_threshold,
           r.topup_threshold, r.topup_base, r.topup_default_target
    FROM report.units AS u
    JOIN last_day AS l ON l.compound_code = u.compound_code
    JOIN rules AS r ON r.district_code = u.district_code
    LEFT JOIN per_unit AS x ON x.compound_code = u.compound_code AND x.building = u.building AND x.unit_no = u.unit_no
  ), keys AS (
    SELECT k.label, k.key FROM report.natural_keys(ARRAY(SELECT x.building FROM units AS x UNION SELECT x.unit_no FROM units AS x)) AS k
  )
  SELECT u.compound_code, u.district_code, u.building, u.unit_no,
         (row_number() OVER (PARTITION BY u.compound_code ORDER BY kb.key, ku.key))::integer, u.last_posted_on,
         u.first_deposits, u.top_ups, u.refunds, u.interest, u.draws, u.owed, u.balance, u.emergency_draws,
         u.below_threshold, CASE WHEN u.below_threshold THEN s.below_since END, s.topped_up,
         u.topup_threshold, u.topup_base, u.topup_default_target
  FROM units AS u
  LEFT JOIN spells AS s ON s.compound_code = u.compound_code AND s.building = u.building AND s.unit_no = u.unit_no
  JOIN keys AS kb ON kb.label = u.building
  JOIN keys AS ku ON ku.label = u.unit_no;
END
$$;
COMMENT ON FUNCTION report.fund_units_compute(date, text[], date) IS
'SPEC §6, computed: per unit of the given compounds (NULL = all in view) with fund postings by as_of, its totals '
'(report.fund_postings) and its top-up judgement by the rules in force on rules_on (default as_of), which it names; '
'pos = natural order in the compound, last_posted_on = the compound''s last posting day. Read report.fund_units '
'instead: it gives the same judgement from the kept totals (staging.fund_units_kept) where they are current.';

CREATE VIEW report.fund_units_kept AS
SELECT k.compound_code, k.building, k.unit_no, k.district_code, k.pos, k.last_posted_on, k.first_deposits, k.top_ups,
       k.refunds, k.interest, k.draws, k.owed, k.balance, k.emergency_draws, k.below_threshold, k.below_since,
       k.topped_up, k.topup_threshold, k.topup_base, k.topup_default_target
FROM staging.fund_units_kept AS k;
COMMENT ON VIEW report.fund_units_kept IS 'The kept unit totals and judgements (migration 036); current where report.fund_kept_current says so.';

CREATE VIEW report.fund_compounds_kept AS
SELECT k.compound_code, k.district_code, k.last_posted_on, k.first_deposits, k.top_ups, k.refunds, k.interest, k.draws,
       k.owed, k.balance, k.units_below_threshold, k.units_owing, k.emergency_draws, k.topup_threshold, k.topup_base,
       k.topup_default_target
FROM staging.fund_compounds_kept AS k;
COMMENT ON VIEW report.fund_compounds_kept IS 'The kept compound totals (sums of report.fund_units_kept, units below the threshold and owing; migration 036).';
GRANT SELECT ON report.fund_units_kept, report.fund_compounds_kept TO propledger_reader;

-- Usage: SELECT * FROM report.fund_kept_split(DATE '2026-11-30', NULL);
-- Which compounds (of those given; NULL = all in view) the kept totals answer for as of a day, and which must
-- be computed. A compound's kept totals are the answer when it is not stale, as_of is on or after its last
-- posting (the postings by as_of are all of them) and the rules in force on as_of are the rules it was judged
-- by. computed = the stale compounds and the kept ones that are not current; when nothing kept is current it
-- is the compounds given themselves (NULL: every compound, as the computation reads them). A compound in
-- neither list has no fund posting.
CREATE FUNCTION report.fund_kept_split(p_as_of date, p_compounds text[], OUT kept text[], OUT computed text[])
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  SELECT coalesce(array_agg(k.compound_code) FILTER (WHERE k.current), '{}'),
         coalesce(array_agg(k.compound_code) FILTER (WHERE NOT k.current), '{}')
  INTO kept, computed
  FROM (SELECT k.compound_code,
               k.last_posted_on <= p_as_of
               AND NOT EXISTS (SELECT 1 FROM report.fund_stale AS f WHERE f.compound_code = k.compound_code)
               AND r.district_code IS NOT NULL
               AND (k.topup_threshold, k.topup_base, k.topup_default_target)
                   IS NOT DISTINCT FROM (r.topup_threshold, r.topup_base, r.topup_default_target) AS current
        FROM report.fund_compounds_kept AS k
        LEFT JOIN report.fund_rules(p_as_of) AS r ON r.district_code = k.district_code
        WHERE p_compounds IS NULL OR k.compound_code IN (SELECT unnest(p_compounds))) AS k;
  IF cardinality(kept) = 0 THEN
    computed := p_compounds;
  ELSE
    computed := computed || ARRAY(SELECT f.compound_code FROM report.fund_stale AS f
                                  WHERE p_compounds IS NULL OR f.compound_code = ANY (p_compounds));
  END IF;
END
$$;
COMMENT ON FUNCTION report.fund_kept_split(date, text[]) IS
  'The compounds (of those given, NULL = all) whose kept fund totals are the answer as of a day (not stale, as_of on or after their last posting, judged by the rules in force on as_of), and those to compute (NULL = all).';

-- Usage: SELECT * FROM report.fund_units_of(DATE '2026-11-30', ARRAY['GS001']);
-- report.fund_units for the compounds given (NULL = all in view), unordered, with pos (natural order in the
-- compound): the kept totals where report.fund_kept_split says they are current, the computation for the rest.
-- p_flagged_only: only the units below the threshold or owing (anomalies; the kept ones by a partial index).
CREATE FUNCTION report.fund_units_of(p_as_of date, p_compounds text[], p_flagged_only boolean DEFAULT false)
RETURNS TABLE (compound_code text, district_code text, building text, unit_no text,
               first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric,
               owed numeric, balance numeric, emergency_draws numeric, below_threshold boolean, owing boolean,
               below_since date, topup_default_due numeric, pos integer)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
  split record := report.fund_kept_split(p_as_of, p_compounds);
BEGIN
  RETURN QUERY
  WITH x AS (
    SELECT k.compound_code, k.district_code, k.building, k.unit_no, k.pos, k.first_deposits, k.top_ups, k.refunds,
           k.interest, k.draws, k.owed, k.balance, k.emergency_draws, k.below_threshold, k.below_since, k.topped_up
    FROM report.fund_units_kept AS k
    WHERE cardinality(split.kept) > 0 AND k.compound_code IN (SELECT unnest(split.kept))
      AND (NOT p_flagged_only OR k.below_threshold OR k.owed > 0)
    UNION ALL
    SELECT c.compound_code, c.district_code, c.building, c.unit_no, c.pos, c.first_deposits, c.top_ups, c.refunds,
           c.interest, c.draws, c.owed, c.balance, c.emergency_draws, c.below_threshold, c.below_since, c.topped_up
    FROM report.fund_units_compute(p_as_of, split.computed) AS c
    WHERE (split.computed IS NULL OR cardinality(split.computed) > 0)
      AND (NOT p_flagged_only OR c.below_threshold OR c.owed > 0)
  )
  -- The default top-up is owed when the unit has been below the threshold for more than the delay on as_of
  -- with no top-up since it fell below (a top-up is the owners' decision being carried out).
  SELECT x.compound_code, x.district_code, x.building, x.unit_no, x.first_deposits, x.top_ups, x.refunds, x.interest,
         x.draws, x.owed, x.balance, x.emergency_draws, x.below_threshold, x.owed > 0, x.below_since,
         CASE WHEN x.below_threshold AND NOT x.topped_up AND p_as_of - x.below_since > r.topup_default_after_days
              THEN report.fund_topup_due(report.fund_base_amount(x.balance, x.interest, r.topup_base), x.first_deposits,
                                         r.topup_default_target) END,
         x.pos
  FROM x JOIN report.fund_rules(p_as_of) AS r ON r.district_code = x.district_code;
END
$$;
COMMENT ON FUNCTION report.fund_units_of(date, text[], boolean) IS
  'report.fund_units for the given compounds (NULL = all in view), unordered, with pos: kept totals where current (report.fund_kept_split), computed (report.fund_units_compute) elsewhere; flagged_only: only the units below the threshold or owing.';

-- Usage: SELECT * FROM report.fund_units(DATE '2026-11-30', '320508');
-- One row per unit of every compound in view with any fund posting by as_of: its totals, balance and
-- warnings. draws = the unit's shares of draws; owed = the part of them its balance did not cover.
-- Where the jurisdiction has a default top-up: below_since = the day of the posting that took the unit
-- below the top-up threshold (NULL when it is not below), and topup_default_due = where the jurisdiction has a default top-up (上海 Art. 65), the amount the
-- unit must top up to reach the default target because it has been below the threshold for more than
-- fund.topup_default_after_days days with no top-up since it fell below (a top-up is the owners' decision
-- being carried out); else NULL. The rules are those in force on as_of. Read from the kept totals where
-- they are current (report.fund_units_of), so the answer never depends on whether they were refreshed.
CREATE FUNCTION report.fund_units(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                  p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (compound_code text, district_code text, building text, unit_no text,
               first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric,
               owed numeric, balance numeric, emergency_draws numeric, below_threshold boolean, owing boolean,
               below_since date, topup_default_due numeric)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT u.compound_code, u.district_code, u.building, u.unit_no, u.first_deposits, u.top_ups, u.refunds, u.interest,
         u.draws, u.owed, u.balance, u.emergency_draws, u.below_threshold, u.owing, u.below_since, u.topup_default_due
  FROM report.fund_units_of(p_as_of, report.fund_compounds_selected(p_district, p_street, p_community)) AS u
  ORDER BY u.compound_code, u.pos;
END
$$;
COMMENT ON FUNCTION report.fund_units(date, text, text, text) IS
'SPEC §6: per unit of every compound in view with fund postings by as_of: first deposits, top-ups, refunds, '
'interest, draws (its shares), owed, balance, emergency draws, below_threshold (must top up; nothing owed), owing; '
'where the jurisdiction has a default top-up (上海 Art. 65), below_since and topup_default_due (below the threshold '
'for more than fund.topup_default_after_days days with no top-up since: the amount that reaches the default target).';

-- Usage: SELECT report.fund_compounds_selected('320508', NULL, NULL);
-- The compounds the filters select (NULL when there is no filter: every compound in view).
CREATE FUNCTION report.fund_compounds_selected(p_district text, p_street text, p_community text) RETURNS text[]
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT CASE WHEN p_district IS NOT NULL OR p_street IS NOT NULL OR p_community IS NOT NULL
              THEN ARRAY(SELECT c.compound_code FROM report.compounds_filtered(p_district, p_street, p_community) AS c) END;
END;
COMMENT ON FUNCTION report.fund_compounds_selected(text, text, text) IS
  'The compounds selected by the district, street and community filters (NULL: no filter, every compound in view).';

-- fund ----------------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.fund_report(DATE '2026-11-30', 'compound');
CREATE FUNCTION report.fund_report(p_as_of date DEFAULT current_date, p_by text DEFAULT 'compound',
                                   p_district text DEFAULT NULL, p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (compound_code text, compound_name text, building text, unit_no text,
               first_deposits numeric, top_ups numeric, refunds numeric, interest numeric, draws numeric,
               owed numeric, balance numeric, units_below_threshold bigint, units_owing bigint, emergency_draws numeric)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
  split record;
BEGIN
  IF p_by IS NULL OR p_by NOT IN ('compound', 'building', 'unit') THEN
    RAISE EXCEPTION 'fund report: --by % is not compound, building or unit', coalesce(p_by, 'NULL') USING ERRCODE = '22023';
  END IF;
  IF p_by = 'compound' THEN
    -- One row per compound: the kept compound totals where they are current (report.fund_kept_split), the
    -- sums of the units of the others.
    split := report.fund_kept_split(p_as_of, report.fund_compounds_selected(p_district, p_street, p_community));
    RETURN QUERY
    WITH g AS (
      SELECT k.compound_code, k.first_deposits, k.top_ups, k.refunds, k.interest, k.draws, k.owed, k.balance,
             k.units_below_threshold AS units_below, k.units_owing, k.emergency_draws
      FROM report.fund_compounds_kept AS k
      WHERE cardinality(split.kept) > 0 AND k.compound_code IN (SELECT unnest(split.kept))
      UNION ALL
      SELECT f.compound_code, sum(f.first_deposits), sum(f.top_ups), sum(f.refunds), sum(f.interest), sum(f.draws),
             sum(f.owed), sum(f.balance), count(*) FILTER (WHERE f.below_threshold), count(*) FILTER (WHERE f.owing),
             sum(f.emergency_draws)
      FROM report.fund_units_of(p_as_of, split.computed) AS f
      WHERE split.computed IS NULL OR cardinality(split.computed) > 0
      GROUP BY f.compound_code
    )
    SELECT g.compound_code, c.name, NULL::text, NULL::text, g.first_deposits, g.top_ups, g.refunds, g.interest,
           g.draws, g.owed, g.balance, g.units_below, g.units_owing, g.emergency_draws
    FROM g JOIN report.compounds AS c ON c.compound_code = g.compound_code
    ORDER BY g.compound_code;
    RETURN;
  END IF;
  RETURN QUERY
  WITH g AS (
    SELECT f.compound_code, c.name,
           CASE WHEN p_by IN ('building', 'unit') THEN f.building END AS g_building,
           CASE WHEN p_by = 'unit' THEN f.unit_no END AS g_unit_no,
           sum(f.first_deposits) AS first_deposits, sum(f.top_ups) AS top_ups, sum(f.refunds) AS refunds,
           sum(f.interest) AS interest, sum(f.draws) AS draws, sum(f.owed) AS owed, sum(f.balance) AS balance,
           count(*) FILTER (WHERE f.below_threshold) AS units_below, count(*) FILTER (WHERE f.owing) AS units_owing,
           sum(f.emergency_draws) AS emergency_draws, min(f.building) AS first_building, min(f.unit_no) AS first_unit_no
    FROM report.fund_units(p_as_of, p_district, p_street, p_community) AS f
    JOIN report.compounds AS c ON c.compound_code = f.compound_code
    GROUP BY f.compound_code, c.name, g_building, g_unit_no
  ), keys AS (
    SELECT k.label, k.key FROM report.natural_keys(ARRAY(SELECT g.first_building FROM g UNION SELECT g.first_unit_no FROM g)) AS k
  )
  SELECT g.compound_code, g.name, g.g_building, g.g_unit_no, g.first_deposits, g.top_ups, g.refunds, g.interest,
         g.draws, g.owed, g.balance, g.units_below, g.units_owing, g.emergency_draws
  FROM g
  JOIN keys AS kb ON kb.label = g.first_building
  JOIN keys AS ku ON ku.label = g.first_unit_no
  ORDER BY g.compound_code, kb.key, ku.key;
END
$$;
COMMENT ON FUNCTION report.fund_report(date, text, text, text, text) IS
'SPEC §6 fund: per compound (p_by compound), building or unit, the fund accounts as of as_of (postings dated on or '
'before it): first_deposits, top_ups, refunds, interest, draws, owed, balance = first_deposits + top_ups + interest + '
'refunds − (draws − owed), units_below_threshold, units_owing, emergency_draws.';

-- fund-unit -----------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.fund_unit_report('GS001', '1', '101', DATE '2026-11-30');
CREATE FUNCTION report.fund_unit_report(p_compound text, p_building text, p_unit_no text, p_as_of date DEFAULT current_date)
RETURNS TABLE (posted_on date, kind text, reference text, project_code text, amount numeric, owed numeric, balance numeric)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report.units AS u
                 WHERE u.compound_code = p_compound AND u.building = p_building AND u.unit_no = p_unit_no) THEN
    RAISE EXCEPTION 'unit % % of compound "%" not found', p_building, p_unit_no, p_compound
      USING ERRCODE = 'P0002', HINT = 'Check the compound, building and unit number with propledger report fund --by unit (a district user sees only their districts).';
  END IF;
  RETURN QUERY
  SELECT p.posted_on, p.kind, p.reference, p.project_code,
         -- A draw shows the unit's whole share; what its balance could not cover is in owed.
         (CASE WHEN p.kind = 'draw' THEN p.posted ELSE p.amount END)::numeric(14,2),
         p.owed::numeric(14,2), p.balance::numeric(14,2)
  FROM report.fund_postings(p_as_of, ARRAY[p_compound]) AS p
  WHERE p.building = p_building AND p.unit_no = p_unit_no
  ORDER BY p.seq;
END
$$;
COMMENT ON FUNCTION report.fund_unit_report(text, text, text, date) IS
'SPEC §6 fund-unit: one unit''s statement up to as_of, every posting in the order it applies with the running '
'balance (a draw: amount = minus its share, owed = the part the balance did not cover). Raises P0002 when the unit '
'is not in view.';
