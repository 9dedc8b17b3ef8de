-- Cheap per-cell reading (issue 16). The loader reads every date and number cell through
-- staging.excel_date / staging.excel_number, and every owner and ballot row is checked by
-- ledger.is_citizen_id: PL/pgSQL, called once per cell or row (a city load: 8.2M dates, 128 s;
-- docs/benchmarks.md). The common cells — a plain ASCII YYYY-MM-DD, a plain ASCII decimal — are now answered
-- by plain-SQL expressions that the planner inlines into the loader's statements (no function call per
-- cell); only the other forms go on to the PL/pgSQL readers of 025, renamed *_forms. Results and refusals
-- are those of 025 and 002, unchanged (pgTAP 037-cheap-cells).
--
-- Inlining wants SQL functions that are IMMUTABLE over IMMUTABLE parts only, not STRICT (their CASE is not
-- strict) and without SET: a NULL cell still gives NULL, through the STRICT *_forms readers or an explicit
-- arm. Their bodies are SQL-standard (RETURN …): names are bound when created, so no search_path applies.

-- Usage: SELECT ledger.calendar_day(2026, 2, 30) → NULL; (2026, 3, 5) → 2026-03-05. The day the calendar
-- has (proleptic Gregorian, year 1 or later), NULL for any other year, month or day — never an error.
-- The one calendar rule of staging.parse_date (hence every date cell) and of ledger.is_citizen_id's old
-- 15-digit numbers.
CREATE FUNCTION ledger.calendar_day(y integer, m integer, d integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN y >= 1 AND m BETWEEN 1 AND 12
       AND d BETWEEN 1 AND CASE WHEN m = 2 THEN CASE WHEN y % 4 = 0 AND (y % 100 <> 0 OR y % 400 = 0) THEN 29 ELSE 28 END
                                WHEN m IN (4, 6, 9, 11) THEN 30
                                ELSE 31 END
    THEN pg_catalog.make_date(y, m, d)
END;
COMMENT ON FUNCTION ledger.calendar_day(integer, integer, integer) IS
  'The date of year, month and day when the calendar has that day, else NULL (never an error). Example: SELECT ledger.calendar_day(2024, 2, 29) -- 2024-02-29';

-- staging.parse_date (021): the same two forms, in SQL. YYYY-MM-DD (two-digit month and day) or YYYY/M/D;
-- NULL for anything else or a day the calendar does not have.
CREATE OR REPLACE FUNCTION staging.parse_date(v text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN v ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
    THEN ledger.calendar_day(substr(v, 1, 4)::integer, substr(v, 6, 2)::integer, substr(v, 9, 2)::integer)
  WHEN v ~ '^[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}$'
    THEN ledger.calendar_day(split_part(v, '/', 1)::integer, split_part(v, '/', 2)::integer, split_part(v, '/', 3)::integer)
END;

-- staging.excel_date (025): what parse_date reads as it stands is answered in SQL; every other form (full
-- width, YYYY.M.D, 年月日, blanks around) and every cell parse_date refuses goes to the Excel forms. A cell
-- parse_date reads is one excel_date_forms reads the same way (its forms include parse_date's, and it
-- translates and trims nothing in plain ASCII), so the answer is the one of 025.
ALTER FUNCTION staging.excel_date(text) RENAME TO excel_date_forms;
COMMENT ON FUNCTION staging.excel_date_forms(text) IS
  'The Excel date forms of staging.excel_date (025), in PL/pgSQL: full-width digits, YYYY.M.D, YYYY年M月D日, blanks around; call staging.excel_date.';

-- Usage: SELECT staging.excel_date('2026年3月5日') → 2026-03-05 (as 025 says).
CREATE FUNCTION staging.excel_date(v text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(staging.parse_date(v), staging.excel_date_forms(v));

-- staging.excel_number (025): a plain ASCII decimal is its own reading — nothing to translate, trim or
-- ungroup, no ¥ before it — unless a unit word of the column could end it (a unit of digits, signs and
-- points only, which 025 would strip). Every other cell goes to the Excel forms.
ALTER FUNCTION staging.excel_number(text, text[]) RENAME TO excel_number_forms;
COMMENT ON FUNCTION staging.excel_number_forms(text, text[]) IS
  'The Excel number forms of staging.excel_number (025), in PL/pgSQL: full width, units, ¥, thousands separators; call staging.excel_number.';

-- Usage: SELECT staging.units_end_numbers('{元}') → false. True when one of the unit words is made of
-- digits, signs and points only, so it could be the end of a plain number. Constant over a load's
-- statement: the planner computes it once (an IMMUTABLE function of a constant array).
CREATE FUNCTION staging.units_end_numbers(units text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN EXISTS (SELECT FROM unnest(units) AS u(word) WHERE u.word ~ '^[-+.0-9]*$');

-- Usage: SELECT staging.excel_number('３９,６００．００元', '{元}') → '39600.00' (as 025 says).
CREATE FUNCTION staging.excel_number(v text, units text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN v ~ '^[+-]?[0-9]+(\.[0-9]+)?$' AND NOT staging.units_end_numbers(units) THEN v
  ELSE staging.excel_number_forms(v, units)
END;

GRANT EXECUTE ON FUNCTION ledger.calendar_day(integer, integer, integer), staging.excel_date(text),
  staging.units_end_numbers(text[]), staging.excel_number(text, text[]) TO propledger_loader;

-- ledger.is_citizen_id (002), the same rule in SQL (no subtransaction per row for its EXCEPTION block, and
-- inlined into the CHECK constraints of owners and ballots): 18 characters, 17 digits and the GB 11643-1999
-- check character — weights 2^(17-i) mod 11 = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, check =
-- "10X98765432"[sum mod 11] — or an old 15-digit number whose digits 7–12 are a real date (YYMMDD, 19YY).
CREATE OR REPLACE FUNCTION ledger.is_citizen_id(key text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN key IS NULL THEN NULL
  WHEN key ~ '^[0-9]{17}[0-9Xx]$' THEN
    upper(substr(key, 18, 1)) = substr('10X98765432', (
        substr(key, 1, 1)::integer * 7 + substr(key, 2, 1)::integer * 9 + substr(key, 3, 1)::integer * 10
      + substr(key, 4, 1)::integer * 5 + substr(key, 5, 1)::integer * 8 + substr(key, 6, 1)::integer * 4
      + substr(key, 7, 1)::integer * 2 + substr(key, 8, 1)::integer * 1 + substr(key, 9, 1)::integer * 6
      + substr(key, 10, 1)::integer * 3 + substr(key, 11, 1)::integer * 7 + substr(key, 12, 1)::integer * 9
      + substr(key, 13, 1)::integer * 10 + substr(key, 14, 1)::integer * 5 + substr(key, 15, 1)::integer * 8
      + substr(key, 16, 1)::integer * 4 + substr(key, 17, 1)::integer * 2) % 11 + 1, 1)
  WHEN key ~ '^[0-9]{15}$' THEN
    ledger.calendar_day(1900 + substr(key, 7, 2)::integer, substr(key, 9, 2)::integer, substr(key, 11, 2)::integer) IS NOT NULL
  ELSE false
END;
