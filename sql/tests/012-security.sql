-- 001/011/012/021/025: what a hostile district loader, a reader or any other login must not be able to
-- do (SPEC §5, docs/security.md): create objects where loads and reports resolve names, rewrite the
-- audit trail or the load history, truncate the ledger, block loads, or run ANALYZE as the owner.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(43);

\ir fixtures/two-districts.sql

CREATE ROLE pl_test_gusu_loader NOLOGIN IN ROLE propledger_loader;
CREATE ROLE pl_test_gusu_reader NOLOGIN IN ROLE propledger_reader;
CREATE ROLE pl_test_nobody NOLOGIN;
SELECT ledger.access_grant('pl_test_gusu_loader', '320508');
SELECT ledger.access_grant('pl_test_gusu_reader', '320508');

-- 1. Nobody but the owner creates anything in a schema the loader or the reports use.
SELECT is(has_schema_privilege(r, s, 'CREATE'), false, format('%s may not create objects in schema %s', r, s))
FROM unnest(ARRAY['propledger_loader', 'propledger_reader', 'pl_test_nobody']) AS r,
     unnest(ARRAY['ledger', 'staging', 'report', 'audit', 'public']) AS s;

SET LOCAL ROLE pl_test_gusu_loader;
SELECT throws_ok($$CREATE FUNCTION staging.analyze_if_grown(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'$$,
  '42501', NULL, 'a loader cannot plant an overload of a function the loader calls');
SELECT throws_ok($$CREATE FUNCTION public.scope_covers(text) RETURNS boolean LANGUAGE sql AS 'SELECT true'$$,
  '42501', NULL, 'nor a function in public');
SELECT throws_ok($$CREATE TABLE staging.units (x int)$$, '42501', NULL, 'nor a table in staging');
RESET ROLE;

-- Every SECURITY DEFINER function pins its search_path; every function belongs to the owner or an admin.
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_catalog.pg_proc AS p
           WHERE p.pronamespace IN ('ledger'::regnamespace, 'staging'::regnamespace, 'report'::regnamespace, 'audit'::regnamespace)
             AND p.prosecdef
             AND NOT EXISTS (SELECT 1 FROM unnest(p.proconfig) AS c WHERE c LIKE 'search\_path=%')),
  NULL, 'every SECURITY DEFINER function sets its search_path');
SELECT is((SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_catalog.pg_proc AS p
           JOIN pg_catalog.pg_roles AS o ON o.oid = p.proowner
           WHERE p.pronamespace IN ('ledger'::regnamespace, 'staging'::regnamespace, 'report'::regnamespace, 'audit'::regnamespace)
             AND o.rolname <> 'propledger_owner' AND NOT o.rolsuper),
  NULL, 'every function of the four schemas belongs to propledger_owner (or a superuser)');

-- 2. The audit trail and the load history are append-only for everyone but the owner.
-- A batch another transaction began (inserted here by the admin running the tests).
CREATE TEMP TABLE other_batch ON COMMIT DROP AS
  WITH b AS (INSERT INTO audit.load_batches (kind, rows, xact_id, status) VALUES ('units', 0, '1'::xid8, 'running') RETURNING id)
  SELECT id FROM b;
GRANT SELECT ON other_batch TO PUBLIC;
SET LOCAL ROLE pl_test_gusu_loader;
SELECT throws_ok($$INSERT INTO audit.load_batches (kind, rows) VALUES ('units', 1)$$, '42501', NULL,
  'a loader cannot insert a batch record directly');
SELECT throws_ok($$UPDATE audit.load_batches SET status = 'committed'$$, '42501', NULL,
  'a loader cannot update the load history');
SELECT throws_ok($$DELETE FROM audit.load_batches$$, '42501', NULL, 'a loader cannot delete the load history');
SELECT throws_ok($$INSERT INTO audit.changes (table_name, key, operation) VALUES ('units', '{}', 'DELETE')$$, '42501', NULL,
  'a loader cannot forge a change record');
SELECT throws_ok($$UPDATE audit.changes SET db_user = 'someone_else'$$, '42501', NULL, 'nor rewrite one');
SELECT throws_ok($$DELETE FROM audit.changes$$, '42501', NULL, 'nor delete one');
CREATE TEMP TABLE batch ON COMMIT DROP AS SELECT audit.begin_batch('compounds', 'compounds.csv', repeat('b', 64), 1) AS id;
SELECT is((SELECT db_user FROM audit.load_batches WHERE id = (SELECT id FROM batch)), session_user::text,
  'a batch records the login (session_user), not the role it switched to');
UPDATE ledger.compounds SET name = '平江新村（二期）' WHERE compound_code = 'GS-PJ-001';
SELECT lives_ok($$SELECT audit.finish_batch((SELECT id FROM batch), 1, 0, 1, 0, 0, 'committed')$$,
  'the transaction that began a batch finishes it');
SELECT throws_ok($$SELECT audit.finish_batch((SELECT id FROM batch), 1, 0, 1, 0, 0, 'committed')$$, '42501', NULL,
  'a finished batch cannot be rewritten');
SELECT throws_ok($$SELECT audit.finish_batch((SELECT id FROM other_batch), 0, 0, 0, 0, 0, 'committed')$$,
  '42501', NULL, 'nor a batch another transaction began');
SELECT throws_ok($$SELECT audit.record_attempt('units', 'units.csv', NULL, 3, 3, 'committed', NULL)$$, '22023', NULL,
  'an attempt is recorded only as rejected or failed, never as a load that wrote something');
SELECT set_config('propledger.load_batch', (SELECT id FROM other_batch)::text, true);
SELECT throws_ok($$UPDATE ledger.compounds SET name = name || '·' WHERE compound_code = 'GS-PJ-001'$$,
  '42501', NULL, 'a change cannot be labelled with a batch this transaction did not begin');
SELECT set_config('propledger.load_batch', '', true);
RESET ROLE;
SELECT results_eq($$SELECT db_user, load_batch_id = (SELECT id FROM batch) FROM audit.changes WHERE table_name = 'compounds' AND operation = 'UPDATE'$$,
  $$VALUES (session_user::text COLLATE "default", true)$$, 'the audit trigger writes the change as the owner, labelled with the batch and the login');

-- TRUNCATE writes no audit record: refused on every ledger and audit table, even for the admin.
SELECT is((SELECT string_agg(c.relname, ', ') FROM pg_catalog.pg_class AS c
           WHERE c.relnamespace IN ('ledger'::regnamespace, 'audit'::regnamespace) AND c.relkind = 'r'
             AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger AS t WHERE t.tgrelid = c.oid AND (t.tgtype & 32) <> 0)),
  NULL, 'every ledger and audit table refuses TRUNCATE');
SELECT throws_ok($$TRUNCATE ledger.complaints$$, '42501', NULL, 'TRUNCATE ledger.complaints is refused');
SELECT throws_ok($$TRUNCATE audit.changes$$, '42501', NULL, 'TRUNCATE audit.changes is refused');

-- 3. Only loaders and the owner take the load lock; ANALYZE as the owner only inside a load.
SET LOCAL ROLE pl_test_gusu_reader;
SELECT throws_ok($$LOCK TABLE staging.load_lock IN EXCLUSIVE MODE$$, '42501', NULL, 'a reader cannot take the load lock');
RESET ROLE;
SET LOCAL ROLE pl_test_nobody;
SELECT throws_ok($$LOCK TABLE staging.load_lock IN EXCLUSIVE MODE$$, '42501', NULL, 'nor a login with no PropLedger role');
RESET ROLE;
SET LOCAL ROLE pl_test_gusu_loader;
SELECT throws_ok($$SELECT staging.analyze_if_grown('units', 1000000)$$, '42501', NULL,
  'a loader outside a load cannot make the owner ANALYZE');
SELECT lives_ok($$LOCK TABLE staging.load_lock IN EXCLUSIVE MODE NOWAIT$$, 'a loader takes the load lock');
SELECT is(staging.analyze_if_grown('units', 1000000), true, 'and inside its load, the loader''s tables are analyzed');
RESET ROLE;

-- 4. The owner's city-wide scope cannot be revoked (the admin would see nothing).
SELECT throws_ok($$SELECT ledger.access_revoke('propledger_owner')$$, '22023', NULL,
  'access_revoke refuses the owner''s city-wide scope');
SELECT throws_ok($$SELECT ledger.access_revoke_all('propledger_owner')$$, '22023', NULL,
  'access_revoke_all refuses the owner');

SELECT * FROM finish();
ROLLBACK;
