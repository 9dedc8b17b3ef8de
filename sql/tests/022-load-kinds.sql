-- 022: the registry of load kinds agrees with the catalogue of the ledger tables it names, and only
-- the owner writes it.
--
-- Derived columns (never in a file, so never registered): generated columns (party_orgs.host_compound_code,
-- funding.payer_company_uscc, …) and district_code of every kind whose district is not its own column
-- (the loader fills it from a code prefix, a parent row or the party organisation's host).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(32);

SELECT has_table('staging', 'load_kinds', 'the registry of load kinds exists');
SELECT has_table('staging', 'load_columns', 'and of their columns');
SELECT table_owner_is('staging', 'load_kinds', 'propledger_owner', 'the owner owns load_kinds');
SELECT table_owner_is('staging', 'load_columns', 'propledger_owner', 'the owner owns load_columns');
SELECT col_is_pk('staging', 'load_columns', ARRAY['kind', 'column_name'], 'a column is registered once per kind');
SELECT fk_ok('staging', 'load_columns', ARRAY['kind'], 'staging', 'load_kinds', ARRAY['kind'],
  'a registered column belongs to a registered kind');

-- 1. Kinds are ledger tables.
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k
           WHERE pg_catalog.to_regclass('ledger.' || pg_catalog.quote_ident(k.kind)) IS NULL),
  NULL, 'every kind is a table of the ledger schema');
SELECT set_eq($$SELECT kind FROM staging.load_kinds$$,
  $$SELECT c.relname::text FROM pg_catalog.pg_class AS c
    WHERE c.relnamespace = 'ledger'::regnamespace AND c.relkind = 'r' AND c.relname <> 'staff_scope'
      AND EXISTS (SELECT 1 FROM pg_catalog.pg_attribute AS a
                  WHERE a.attrelid = c.oid AND a.attname = 'district_code' AND NOT a.attisdropped)$$,
  'the kinds are the ledger tables with a district_code column (those 012 scopes and lets loaders write)');

-- 2. Columns: each registered column is a column of its table, and each column a file supplies is registered.
CREATE TEMP TABLE ledger_columns ON COMMIT DROP AS
  SELECT k.kind, a.attname::text AS column_name, a.attnum, a.attgenerated <> '' AS generated,
         a.attname = 'district_code' AND k.district_from <> 'column' AS derived_district
  FROM staging.load_kinds AS k
  JOIN pg_catalog.pg_attribute AS a ON a.attrelid = pg_catalog.to_regclass('ledger.' || pg_catalog.quote_ident(k.kind))
  WHERE a.attnum > 0 AND NOT a.attisdropped;
SELECT is((SELECT string_agg(c.kind || '.' || c.column_name, ', ' ORDER BY c.kind, c.position) FROM staging.load_columns AS c
           WHERE NOT EXISTS (SELECT 1 FROM ledger_columns AS l WHERE l.kind = c.kind AND l.column_name = c.column_name)),
  NULL, 'every registered column is a column of ledger.<kind> with that name');
SELECT is((SELECT string_agg(l.kind || '.' || l.column_name, ', ' ORDER BY l.kind, l.attnum) FROM ledger_columns AS l
           JOIN staging.load_columns AS c USING (kind, column_name) WHERE l.generated OR l.derived_district),
  NULL, 'no registered column is generated, nor a district_code the loader derives');
SELECT is((SELECT string_agg(l.kind || '.' || l.column_name, ', ' ORDER BY l.kind, l.attnum) FROM ledger_columns AS l
           WHERE NOT l.generated AND NOT l.derived_district
             AND l.column_name <> 'insert_batch_id'  -- set by the audit (011), never by a file
             AND NOT EXISTS (SELECT 1 FROM staging.load_columns AS c WHERE c.kind = l.kind AND c.column_name = l.column_name)),
  NULL, 'every other column of ledger.<kind> is registered (a file can supply it)');
SELECT is((SELECT count(*)::int FROM ledger_columns WHERE derived_district),
  (SELECT count(*)::int FROM staging.load_kinds WHERE district_from <> 'column'),
  'district_code is derived for every kind whose district is not its own column');
SELECT is((SELECT string_agg(l.kind || '.' || l.column_name, ', ') FROM ledger_columns AS l
           JOIN pg_catalog.pg_index AS i ON i.indrelid = pg_catalog.to_regclass('ledger.' || l.kind) AND i.indisprimary
           WHERE l.attnum = ANY (i.indkey::int2[])
             AND NOT EXISTS (SELECT 1 FROM staging.load_columns AS c WHERE c.kind = l.kind AND c.column_name = l.column_name)),
  NULL, 'every key column is in the file');

-- 3. Positions are 1..n within each kind (SPEC order); Chinese labels are unique within a kind.
SELECT is((SELECT string_agg(DISTINCT p.kind, ', ') FROM (
             SELECT c.kind, c.position, pg_catalog.row_number() OVER (PARTITION BY c.kind ORDER BY c.position) AS n
             FROM staging.load_columns AS c) AS p WHERE p.position <> p.n),
  NULL, 'positions are dense: 1, 2, … within each kind');
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k
           WHERE NOT EXISTS (SELECT 1 FROM staging.load_columns AS c WHERE c.kind = k.kind)),
  NULL, 'every kind has columns');
SELECT is((SELECT string_agg(d.kind || ' ' || d.label_zh, ', ') FROM (
             SELECT c.kind, c.label_zh FROM staging.load_columns AS c GROUP BY 1, 2 HAVING count(*) > 1) AS d),
  NULL, 'Chinese labels are unique within each kind');
SELECT throws_ok($$INSERT INTO staging.load_columns (kind, column_name, position, label_zh) VALUES ('units', 'unit_no_2', 5, '房号')$$,
  '23505', NULL, 'a second column with the same Chinese label is refused');
SELECT is((SELECT string_agg(c.kind || '.' || c.column_name, ', ') FROM staging.load_columns AS c
           WHERE c.label_zh !~ '^[\u3400-\u9fff]+$'),
  NULL, 'every label is Chinese characters only');

-- 4. How a row finds its district agrees with the table's constraints.
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k
           WHERE k.district_from = 'column' AND k.district_column <> 'district_code'),
  NULL, 'a kind that names its district does so in district_code');
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k
           WHERE k.district_from = 'code_prefix' AND NOT EXISTS (
             SELECT 1 FROM pg_catalog.pg_constraint AS c
             WHERE c.conrelid = pg_catalog.to_regclass('ledger.' || k.kind) AND c.contype = 'c'
               AND pg_catalog.pg_get_constraintdef(c.oid) = format('CHECK ((district_code = "left"(%s, 6)))', k.district_column))),
  NULL, 'a code-prefix kind has the CHECK district_code = left(<code>, 6)');
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k
           WHERE k.district_from = 'parent' AND NOT EXISTS (
             SELECT 1 FROM pg_catalog.pg_constraint AS f
             WHERE f.contype = 'f' AND f.conrelid = pg_catalog.to_regclass('ledger.' || k.kind)
               AND f.confrelid = pg_catalog.to_regclass('ledger.' || k.parent_kind)
               AND ARRAY(SELECT a.attname::text FROM unnest(f.conkey) AS n JOIN pg_catalog.pg_attribute AS a
                         ON a.attrelid = f.conrelid AND a.attnum = n ORDER BY 1)
                   = ARRAY(SELECT x FROM unnest(ARRAY[k.district_column, 'district_code']) AS x ORDER BY 1))),
  NULL, 'a child kind has a foreign key (<parent key>, district_code) to its parent kind');
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k
           JOIN pg_catalog.pg_index AS i ON i.indrelid = pg_catalog.to_regclass('ledger.' || k.parent_kind) AND i.indisprimary
           WHERE ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) AS n JOIN pg_catalog.pg_attribute AS a
                       ON a.attrelid = i.indrelid AND a.attnum = n) <> ARRAY[k.district_column]),
  NULL, 'the parent is found by its whole primary key (the child''s district column)');
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k
           WHERE k.district_from = 'party_host' AND NOT (k.district_column = 'host_key' AND EXISTS (
             SELECT 1 FROM staging.load_columns AS c WHERE c.kind = k.kind AND c.column_name = 'host_type'))),
  NULL, 'a party-host kind has host_type and host_key');
SET CONSTRAINTS staging.load_kinds_district_column_fkey IMMEDIATE;
SELECT throws_ok($$UPDATE staging.load_kinds SET district_column = 'no_such_column' WHERE kind = 'units'$$,
  '23503', NULL, 'the district column is one of the kind''s registered columns');

-- 5. Load order: a kind loads after every kind its table references.
SELECT is((SELECT string_agg(format('%s (%s) before %s (%s)', a.kind, a.load_order, b.kind, b.load_order), ', ')
           FROM pg_catalog.pg_constraint AS f
           JOIN staging.load_kinds AS a ON pg_catalog.to_regclass('ledger.' || a.kind) = f.conrelid
           JOIN staging.load_kinds AS b ON pg_catalog.to_regclass('ledger.' || b.kind) = f.confrelid
           WHERE f.contype = 'f' AND a.kind <> b.kind AND a.load_order <= b.load_order),
  NULL, 'every kind loads after the kinds it references');
SELECT is((SELECT string_agg(k.kind, ', ') FROM staging.load_kinds AS k JOIN staging.load_kinds AS p ON p.kind = k.parent_kind
           WHERE k.load_order <= p.load_order),
  NULL, 'and after its parent kind');

-- 6. Loaders read the registry; only the owner writes it; readers keep to the report schema.
SELECT is((SELECT string_agg(format('%s %s %s', r, t, p), ', ') FROM
             unnest(ARRAY['propledger_loader', 'propledger_reader']) AS r,
             unnest(ARRAY['staging.load_kinds', 'staging.load_columns']) AS t,
             unnest(ARRAY['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) AS p
           WHERE pg_catalog.has_table_privilege(r, t, p)),
  NULL, 'no loader or reader may write the registry');
SELECT is((SELECT string_agg(format('%s %s %s', r, t, pg_catalog.has_table_privilege(r, t, 'SELECT')::text), ', ') FROM
             unnest(ARRAY['propledger_loader', 'propledger_reader']) AS r,
             unnest(ARRAY['staging.load_kinds', 'staging.load_columns']) AS t),
  'propledger_loader staging.load_kinds true, propledger_loader staging.load_columns true, propledger_reader staging.load_kinds false, propledger_reader staging.load_columns false',
  'loaders may read it; readers (no USAGE on staging) may not');
CREATE ROLE pl_test_kinds_loader NOLOGIN IN ROLE propledger_loader;
CREATE ROLE pl_test_kinds_nobody NOLOGIN;
SET LOCAL ROLE pl_test_kinds_loader;
SELECT throws_ok($$UPDATE staging.load_columns SET label_zh = '门牌号' WHERE kind = 'units' AND column_name = 'unit_no'$$,
  '42501', NULL, 'a loader cannot change a label');
SELECT is((SELECT count(*)::int FROM staging.load_columns WHERE kind = 'units'), 4, 'but reads the columns of units');
RESET ROLE;
SET LOCAL ROLE pl_test_kinds_nobody;
SELECT throws_ok($$SELECT count(*) FROM staging.load_kinds$$, '42501', NULL, 'a login with no PropLedger role cannot read it');
RESET ROLE;

-- 7. The fixture that claims a row per district in every district table has one for every kind.
\ir fixtures/every-district-table.sql
SELECT is((SELECT string_agg(k.kind, ', ' ORDER BY k.load_order) FROM staging.load_kinds AS k
           WHERE (xpath('/row/n/text()', query_to_xml(format('SELECT count(DISTINCT district_code) AS n FROM ledger.%I', k.kind),
                                                      false, true, '')))[1]::text::int < 2),
  NULL, 'fixtures/every-district-table.sql has rows of both districts for every kind');

SELECT * FROM finish();
ROLLBACK;
