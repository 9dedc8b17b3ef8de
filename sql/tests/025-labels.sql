-- 025: the labels of the enumerated values agree with the ledger's CHECK rules, each spelling means one
-- code of its column, and Excel's numbers and dates are read exactly (SPEC §3.1).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(40);

SELECT has_table('staging', 'value_labels', 'the labels of enumerated values exist');
SELECT has_table('staging', 'value_synonyms', 'and their synonyms');
SELECT col_is_pk('staging', 'value_labels', ARRAY['kind', 'column_name', 'code'], 'a value is labelled once per column');
SELECT col_is_pk('staging', 'value_synonyms', ARRAY['kind', 'column_name', 'synonym'], 'a synonym means one code of its column');
SELECT fk_ok('staging', 'value_labels', ARRAY['kind', 'column_name'], 'staging', 'load_columns', ARRAY['kind', 'column_name'],
  'a labelled column is a registered column of its kind');
SELECT fk_ok('staging', 'value_synonyms', ARRAY['kind', 'column_name', 'code'], 'staging', 'value_labels', ARRAY['kind', 'column_name', 'code'],
  'a synonym names a labelled value');

-- The enumerations: every CHECK of a ledger table that is exactly `column = ANY (ARRAY[...])`, plus the
-- funding sources (ledger.funding_source_rank) and every `column = ANY (ARRAY[...])` inside another rule
-- (the government payer levels, the statuses of the date rules).
CREATE TEMP TABLE enumerations AS
SELECT k.kind, m[1] AS column_name, v[1] AS code, pg_get_expr(c.conbin, c.conrelid) ~ '^\(\w+ = ANY \(ARRAY\[[^]]*\]\)\)$' AS whole
FROM pg_catalog.pg_constraint AS c
JOIN staging.load_kinds AS k ON c.conrelid = ('ledger.' || k.kind)::regclass
CROSS JOIN LATERAL regexp_matches(pg_get_expr(c.conbin, c.conrelid), '(\w+) = ANY \(ARRAY\[([^]]*)\]\)', 'g') AS m
CROSS JOIN LATERAL regexp_matches(m[2], '''((?:[^'']|'''')*)''', 'g') AS v
WHERE c.contype = 'c';
INSERT INTO enumerations
SELECT k.kind, 'source', s.code, true
FROM (VALUES ('funding'), ('payments')) AS k(kind)
CROSS JOIN LATERAL regexp_matches(pg_get_functiondef('ledger.funding_source_rank(text)'::regprocedure),
                                  'ARRAY\[([^]]*)\]') AS a
CROSS JOIN LATERAL regexp_matches(a[1], '''(\w+)''', 'g') AS v
CROSS JOIN LATERAL (SELECT v[1]) AS s(code);

SELECT ok((SELECT count(DISTINCT (kind, column_name)) FROM enumerations WHERE whole) >= 14,
  'the CHECK enumerations are found in the catalogue (community_type, housing_type, ownership, mode, basis, …)');
SELECT is((SELECT count(*)::int FROM enumerations WHERE kind = 'funding' AND column_name = 'source'), 6,
  'the six funding sources are read from ledger.funding_source_rank');

-- 1. Every value of every whole enumeration has exactly one label, and every labelled column is such an
--    enumeration with no more codes than it allows.
SELECT set_eq(
  $$SELECT kind, column_name, code FROM enumerations WHERE whole$$,
  $$SELECT l.kind, l.column_name, l.code FROM staging.value_labels AS l
    WHERE (l.kind, l.column_name) IN (SELECT kind, column_name FROM enumerations WHERE whole)$$,
  'every value of every CHECK enumeration is labelled, and no label names a value the rule refuses');
SELECT is_empty(
  $$SELECT l.kind, l.column_name, l.code FROM staging.value_labels AS l
    WHERE NOT EXISTS (SELECT 1 FROM enumerations AS e WHERE (e.kind, e.column_name, e.code) = (l.kind, l.column_name, l.code))$$,
  'every labelled code is a value a rule of its table names (payer levels included)');
SELECT is_empty(
  $$SELECT kind, column_name, code FROM enumerations GROUP BY 1, 2, 3
    EXCEPT SELECT kind, column_name, code FROM staging.value_labels$$,
  'every value any rule names (the government payer levels, the statuses of the date rules) is labelled');
SELECT is_empty(
  $$SELECT kind, column_name, code FROM staging.value_labels GROUP BY 1, 2, 3 HAVING count(*) > 1$$,
  'exactly one label per value');

-- 2. Spellings are unambiguous per column: a code, a label and a synonym never collide across values.
SELECT is_empty(
  $$SELECT kind, column_name, spelling FROM staging.value_spellings GROUP BY 1, 2, 3 HAVING count(DISTINCT code) > 1$$,
  'no spelling (code, label or synonym) means two codes of one column');
SELECT is_empty(
  $$SELECT s.kind, s.column_name, s.synonym FROM staging.value_synonyms AS s
    JOIN staging.value_labels AS l USING (kind, column_name) WHERE s.synonym IN (l.code, l.label_zh)$$,
  'a synonym repeats no code or label of its column');
SELECT is_empty(
  $$SELECT kind, column_name, spelling FROM staging.value_spellings WHERE spelling <> btrim(spelling) OR spelling = ''$$,
  'every spelling is trimmed and not empty (cells are trimmed before matching)');
SELECT is((SELECT code FROM staging.value_spellings WHERE kind = 'compounds' AND column_name = 'housing_type' AND spelling = '商品房'),
  'commodity', 'SPEC §3.1: 商品房 = commodity');
SELECT set_eq($$SELECT spelling FROM staging.value_spellings WHERE kind = 'companies' AND code = 'state_owned'$$,
  $$VALUES ('state_owned'), ('国有'), ('国企'), ('国有企业'), ('国有控股')$$, 'SPEC §3.1: 国有 / 国企 = state_owned');
SELECT is((SELECT code FROM staging.value_spellings WHERE kind = 'party_orgs' AND column_name = 'form' AND spelling = '党支部'),
  'branch', 'SPEC §3.1: 党支部 = branch');
SELECT set_eq($$SELECT spelling FROM staging.value_spellings WHERE kind = 'funding' AND column_name = 'source' AND spelling IN ('政府', '财政', '维修资金')$$,
  $$VALUES ('政府'), ('财政'), ('维修资金')$$, 'SPEC §3.1: 政府 / 财政 / 维修资金 are funding sources');
SELECT is((SELECT code FROM staging.value_spellings WHERE kind = 'projects' AND column_name = 'status' AND spelling = '已验收'),
  'accepted', 'SPEC §3.1: 已验收 = accepted');

-- 3. Readers see the labels through the report schema; only the owner writes them.
SELECT has_view('report', 'labels', 'report.labels shows the labels to readers (--lang zh output)');
SELECT is((SELECT label_zh FROM report.labels WHERE kind = 'votes' AND column_name = 'matter' AND code = 'use_fund'),
  '使用维修资金', 'report.labels gives a value''s label');
SET LOCAL ROLE propledger_loader;
SELECT throws_ok($$INSERT INTO staging.value_synonyms VALUES ('compounds', 'housing_type', '别墅', 'commodity')$$,
  '42501', NULL, 'a loader may not add a synonym');
RESET ROLE;

-- 4. Numbers as Excel writes them, read exactly.
SELECT is(staging.excel_number('39,600.00', '{元}'), '39600.00', 'thousands separators are removed');
SELECT is(staging.excel_number('１２３．４５', '{}'), '123.45', 'full-width digits and point become ASCII');
SELECT is(staging.excel_number('100元', '{元}'), '100', 'a trailing 元 is dropped from an amount');
SELECT is(staging.excel_number('￥1,000.50', '{元}'), '1000.50', 'a leading ￥ too');
SELECT is(staging.excel_number('50%', '{%}'), '50', 'a trailing % is dropped from a percentage');
SELECT is(staging.excel_number('50%', '{}'), '50%', 'but not from a column that is no percentage');
SELECT is(staging.excel_number('1998年', '{年}'), '1998', 'a trailing 年 is dropped from a year');
SELECT is(staging.excel_number('1,23.00', '{}'), '1,23.00', 'commas that do not group by three stay (and the cell is refused)');
SELECT is(staging.excel_number('12345678901234567890.12', '{}')::numeric, 12345678901234567890.12, 'no floating point: every digit kept');
SELECT is(staging.number_form('3.20508E+11'), 'exponent', 'Excel''s scientific notation is named as such');
SELECT is(staging.number_form('1.5万'), 'chinese_unit', 'a Chinese unit is named as such');
SELECT is(staging.number_form('abc'), NULL, 'other text has no special hint');

-- 5. Dates.
SELECT is(staging.excel_date('2026年3月5日'), '2026-03-05'::date, 'YYYY年M月D日');
SELECT is(staging.excel_date('２０２６．３．５'), '2026-03-05'::date, 'YYYY.M.D in full-width digits');
SELECT is(staging.excel_date('2026/3/5'), '2026-03-05'::date, 'YYYY/M/D');
SELECT is(staging.date_form('2026-02-30'), 'impossible', 'an impossible day is refused as impossible');
SELECT is(staging.date_form('46086'), 'serial', 'an Excel day number is named as such');

SELECT * FROM finish();
ROLLBACK;
