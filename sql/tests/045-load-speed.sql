-- 045 (issue 16): the load made cheaper, its results unchanged. The cheap per-cell readers: staging.excel_date, staging.excel_number and ledger.is_citizen_id answer
-- the common cells in SQL that the planner inlines (no function call per cell or row), every Excel form is
-- still read as 025 reads it, and every refusal stays a NULL or false, never an error.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(50);

\ir fixtures/plan-of.sql
CREATE TEMP TABLE cells (c text);

-- 1. Inlined: the plan of a statement over a table of cells names no reader for the common forms.
SELECT doesnt_match(pg_temp.plan_of($$SELECT staging.excel_date(c) FROM cells$$, true), 'staging\.excel_date\(',
  'excel_date is inlined into the statement');
SELECT matches(pg_temp.plan_of($$SELECT staging.excel_date(c) FROM cells$$, true), 'staging\.excel_date_forms\(c\)',
  'and calls the Excel forms only in its other arm');
SELECT doesnt_match(pg_temp.plan_of($$SELECT staging.excel_number(c, '{元}') FROM cells$$, true), 'staging\.excel_number\(',
  'excel_number is inlined into the statement');
SELECT doesnt_match(pg_temp.plan_of($$SELECT staging.excel_number(c, '{元}') FROM cells$$, true), 'units_end_numbers',
  'and its test of the unit words is computed once, when planned');
SELECT doesnt_match(pg_temp.plan_of($$SELECT ledger.is_citizen_id(c) FROM cells$$, true), 'is_citizen_id',
  'is_citizen_id is inlined into the statement');
SELECT doesnt_match(pg_temp.plan_of($$SELECT staging.parse_date(c) FROM cells$$, true), 'parse_date|calendar_day',
  'parse_date and calendar_day are inlined into the statement');

-- 2. Dates: the plain ISO form and every Excel form.
SELECT is(staging.excel_date('2026-03-05'), '2026-03-05'::date, 'a plain YYYY-MM-DD');
SELECT is(staging.excel_date('2026-02-30'), NULL, 'an impossible ISO day is NULL, not an error');
SELECT is(staging.excel_date('2023-02-29'), NULL, '2023 is no leap year');
SELECT is(staging.excel_date('2024-02-29'), '2024-02-29'::date, '2024 is one');
SELECT is(staging.excel_date('1900-02-29'), NULL, '1900 is none (a century)');
SELECT is(staging.excel_date('2000-02-29'), '2000-02-29'::date, '2000 is one (a fourth century)');
SELECT is(staging.excel_date('2026-04-31'), NULL, 'April has 30 days');
SELECT is(staging.excel_date('2026-13-01'), NULL, 'there is no month 13');
SELECT is(staging.excel_date('0000-01-01'), NULL, 'nor a year 0');
SELECT is(staging.excel_date('2026-3-5'), NULL, 'YYYY-M-D is refused (dashes need two digits)');
SELECT is(staging.excel_date('２０２６－０３－０５'), '2026-03-05'::date, 'full-width YYYY-MM-DD');
SELECT is(staging.excel_date('２０２６－０２－３０'), NULL, 'full-width and impossible: NULL');
SELECT is(staging.excel_date(' 2026-03-05 '), '2026-03-05'::date, 'blanks around a date');
SELECT is(staging.excel_date('2026年3月5日'), '2026-03-05'::date, 'YYYY年M月D日');
SELECT is(staging.excel_date('2026 年 3 月 5 日'), '2026-03-05'::date, 'with blanks between');
SELECT is(staging.excel_date('2026年2月30日'), NULL, 'an impossible 年月日 day is NULL');
SELECT is(staging.excel_date('2026.3.5'), '2026-03-05'::date, 'YYYY.M.D');
SELECT is(staging.excel_date('2026/3/5'), '2026-03-05'::date, 'YYYY/M/D');
SELECT is(staging.excel_date(NULL), NULL, 'an empty cell is NULL');
SELECT is(staging.date_form('2026-02-30'), 'impossible', 'date_form still names an impossible ISO day');
SELECT is(staging.date_form('2026-03-05'), NULL, 'and nothing for a good one');

-- The calendar against PostgreSQL's own: every year, month and day around the edges, without an error.
CREATE FUNCTION pg_temp.postgres_day(y integer, m integer, d integer) RETURNS date LANGUAGE plpgsql AS $$
BEGIN
  RETURN make_date(y, m, d);
EXCEPTION WHEN datetime_field_overflow THEN
  RETURN NULL;
END $$;
SELECT is((SELECT count(*)::integer FROM generate_series(1895, 2105) AS y, generate_series(0, 13) AS m, generate_series(0, 32) AS d
           WHERE ledger.calendar_day(y, m, d) IS DISTINCT FROM (CASE WHEN y >= 1 THEN pg_temp.postgres_day(y, m, d) END)), 0,
  'calendar_day has exactly the days PostgreSQL has, 1895–2105');
SELECT is(ledger.calendar_day(0, 1, 1), NULL, 'calendar_day refuses year 0 without an error');
SELECT is(ledger.calendar_day(-5, 1, 1), NULL, 'and a negative year');

-- 3. Numbers: the plain decimal and every Excel form.
SELECT is(staging.excel_number('39600.00', '{元}'), '39600.00', 'a plain decimal is its own reading');
SELECT is(staging.excel_number('-12', '{}'), '-12', 'with a sign');
SELECT is(staging.excel_number('39,600.00', '{元}'), '39600.00', 'thousands separators are removed');
SELECT is(staging.excel_number('1,23.00', '{}'), '1,23.00', 'commas that do not group by three stay');
SELECT is(staging.excel_number('３９６００．００', '{}'), '39600.00', 'full-width digits and point');
SELECT is(staging.excel_number('￥1,000.50元', '{元}'), '1000.50', '¥ before and 元 after an amount');
SELECT is(staging.excel_number('80㎡', '{平方米,平米,㎡,m²,m2}'), '80', 'an area unit');
SELECT is(staging.excel_number('80m2', '{平方米,平米,㎡,m²,m2}'), '80', 'm2, whose 2 is no digit of the number');
SELECT is(staging.excel_number('12', '{2}'), '1', 'a unit word of digits is still stripped as 025 strips it');
SELECT is(staging.excel_number(' 12 ', '{}'), '12', 'blanks around a number');
SELECT is(staging.excel_number(NULL, '{元}'), NULL, 'an empty cell is NULL');
SELECT is(staging.excel_number('12', NULL), NULL, 'no unit list: NULL, as before');

-- 4. Citizen ID numbers.
SELECT ok(ledger.is_citizen_id('11010519491231002X') AND ledger.is_citizen_id('11010519491231002x')
          AND ledger.is_citizen_id('440524188001010014'), 'an 18-character ID number with its check character (X in either case)');
SELECT is((SELECT count(*)::integer FROM (
             SELECT p FROM (SELECT lpad((random() * 1e17)::bigint::text, 17, '0') AS p FROM generate_series(1, 500)) AS s
             CROSS JOIN LATERAL regexp_split_to_table('0123456789X', '') AS k(c)
             GROUP BY p HAVING count(*) FILTER (WHERE ledger.is_citizen_id(p || k.c)) <> 1) AS wrong), 0,
  'exactly one check character of eleven makes 17 digits an ID number');
SELECT ok(ledger.is_citizen_id('110105960229002') AND NOT ledger.is_citizen_id('110105970229002')
          AND NOT ledger.is_citizen_id('110105000229002') AND NOT ledger.is_citizen_id('110105491331002'),
  'an old 15-digit number has a real 19YY birth day (1996-02-29 yes; 1997-02-29, 1900-02-29, month 13 no)');
SELECT is(ledger.is_citizen_id(NULL), NULL, 'NULL is NULL, as before');
SELECT throws_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
                   VALUES ('C1', '1', '101', '11010519491231002X', '440305', 'person', '2024-01-01')$$,
  '23514', NULL, 'the owners CHECK still refuses an ID number');

-- 5. ledger.owners' one owner at a time: keys are compared as texts, not as one joined text.
SELECT lives_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on) VALUES
    ('CX|1', '2', '3', 'K-1', '440305', 'person', '2024-01-01'), ('CX', '1|2', '3', 'K-2', '440305', 'person', '2024-01-01')$$,
  'two units whose joined keys read alike are two units: both have an owner the same days');
SELECT throws_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on, until_on) VALUES
    ('CX', '1|2', '3', 'K-3', '440305', 'person', '2023-01-01', '2024-01-01')$$,
  '23P01', 'conflicting key value violates exclusion constraint "owners_one_owner_at_a_time"',
  'a second owner of a unit on a day it has one is refused under the rule''s name');
SELECT lives_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on, until_on) VALUES
    ('CX', '1|2', '3', 'K-3', '440305', 'person', '2023-01-01', '2023-12-31')$$,
  'an owner until the day before is no overlap');

SELECT * FROM finish();
ROLLBACK;
