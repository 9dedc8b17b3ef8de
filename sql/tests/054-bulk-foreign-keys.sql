-- 054 (issue 18): a load that more than doubles a table checks the table's foreign keys once, as a set: it
-- drops them (staging.suspend_foreign_keys) and adds them again before its deferred constraints
-- (staging.restore_foreign_keys), every row checked. Only inside a load, only ledger tables, only above the
-- threshold; the same keys come back; a missing reference still fails with the key's own error; and a
-- transaction that does not add the keys again cannot commit.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(24);

\ir fixtures/two-district-geography.sql
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name) VALUES
  ('GS-CL-001', '320508001001', '320508', '沧浪新村');
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('GS-CL-001', '1', '101', '320508', 100.00), ('GS-CL-001', '1', '102', '320508', 100.00);
CREATE ROLE pl_test_bulk_loader NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_bulk_loader', '320508');
COMMENT ON CONSTRAINT owners_unit_fkey ON ledger.owners IS 'a DBA''s note on the key';
CREATE TEMP TABLE keys_before AS
  SELECT k.conname, pg_get_constraintdef(k.oid) AS definition, k.confrelid::regclass::text AS referenced
  FROM pg_constraint AS k WHERE k.conrelid = 'ledger.owners'::regclass AND k.contype = 'f';
GRANT SELECT ON keys_before TO pl_test_bulk_loader;
-- As at the start of a load: no change of this transaction waits for its deferred checks, and the statistics
-- know the units (a table with changes waiting for its deferred checks cannot be altered: 55006).
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;
ANALYZE ledger.units;

-- 1. Only inside a load, only ledger tables, never by the loader's own hand.
SET LOCAL ROLE pl_test_bulk_loader;
SELECT throws_ok($$SELECT staging.suspend_foreign_keys('owners', 1000000)$$, '42501', NULL,
  'a loader outside a load cannot drop a key');
SELECT throws_ok($$SELECT staging.restore_foreign_keys()$$, '42501', NULL, 'nor add keys again');
SELECT throws_ok($$ALTER TABLE ledger.owners DROP CONSTRAINT owners_unit_fkey$$, '42501', NULL,
  'nor drop one itself');
SELECT throws_ok($$DELETE FROM staging.suspended_foreign_keys$$, '42501', NULL,
  'nor touch the list of suspended keys');
SELECT lives_ok($$LOCK TABLE staging.load_lock IN EXCLUSIVE MODE NOWAIT$$, 'a loader takes the load lock');
SELECT throws_ok($$SELECT staging.suspend_foreign_keys('load_lock', 1000000)$$, '42P01', NULL,
  'a table outside the ledger schema is refused');

-- 2. The threshold: at least p_minimum rows, and at least as many as the table holds.
SELECT is(staging.suspend_foreign_keys('owners', 99999), 0, 'fewer rows than the minimum (100,000): the keys stay');
SELECT is(staging.suspend_foreign_keys('units', 1, 1), 0, 'fewer rows than the table holds: the keys stay');
SELECT is((SELECT count(*)::int FROM pg_constraint WHERE conrelid = 'ledger.owners'::regclass AND contype = 'f'), 2,
  'owners keeps its two keys');
SELECT is(staging.suspend_foreign_keys('committees', 1000000, 1), 0,
  'a table with deferred rules of its own (committees) keeps its keys: it could not be altered with their checks waiting');

-- 3. Suspended: the keys are gone and written down; rows go in without a look-up each.
SELECT is(staging.suspend_foreign_keys('owners', 2, 1), 2, 'two rows into an empty owners (minimum 1): two keys dropped');
SELECT is((SELECT count(*)::int FROM pg_constraint WHERE conrelid = 'ledger.owners'::regclass AND contype = 'f'), 0,
  'owners has no foreign key while the load writes');
RESET ROLE;
SELECT set_eq($$SELECT constraint_name, definition FROM staging.suspended_foreign_keys WHERE table_name = 'ledger.owners'$$,
  $$SELECT conname::text, definition FROM keys_before$$, 'each dropped key is written down with its definition');
SET LOCAL ROLE pl_test_bulk_loader;
INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on) VALUES
  ('GS-CL-001', '1', '101', 'O-001', '320508', 'person', '2023-03-01'),
  ('GS-CL-001', '1', '102', 'O-002', '320508', 'person', '2023-03-01');

-- 4. Restored: the same keys, every row checked, the list empty.
SELECT is(staging.restore_foreign_keys(), 2, 'both keys added again');
SELECT set_eq($$SELECT k.conname, pg_get_constraintdef(k.oid), k.confrelid::regclass::text FROM pg_constraint AS k
                WHERE k.conrelid = 'ledger.owners'::regclass AND k.contype = 'f'$$,
  $$SELECT conname, definition, referenced FROM keys_before$$, 'the same keys, deferrable as before');
SELECT is(obj_description((SELECT oid FROM pg_constraint WHERE conname = 'owners_unit_fkey' AND conrelid = 'ledger.owners'::regclass), 'pg_constraint'),
  'a DBA''s note on the key', 'a comment on a key comes back with it');
SELECT is(staging.restore_foreign_keys(), 0, 'nothing left to add');
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'the deferred constraints pass: no key was left out');
SELECT throws_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
  VALUES ('GS-CL-001', '9', '901', 'O-009', '320508', 'person', '2023-03-01')$$, '23503', NULL,
  'the restored key refuses a row with no unit, row by row again');
SELECT throws_ok($$SELECT staging.suspend_foreign_keys('owners', 3, 1)$$, '55000', NULL,
  'with the deferred constraints checked at once, a dropped key is refused at once');
SET CONSTRAINTS ALL DEFERRED;

-- 5. A row without its reference fails the restore with the key's own error; a key not added back stops the commit.
SELECT is(staging.suspend_foreign_keys('owners', 3, 1), 2, 'owners more than doubled again: keys dropped');
INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
  VALUES ('GS-CL-001', '9', '901', 'O-009', '320508', 'person', '2023-03-01');
SELECT throws_ok($$SELECT staging.restore_foreign_keys()$$, '23503',
  'insert or update on table "owners" violates foreign key constraint "owners_unit_fkey"',
  'restoring checks every row: the owner of a unit that does not exist fails as the key itself');
SELECT is((SELECT count(*)::int FROM pg_constraint WHERE conrelid = 'ledger.owners'::regclass AND contype = 'f'), 0,
  'and the keys stay dropped (the failed restore is undone)');
SELECT throws_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, '55000', NULL,
  'a transaction that dropped keys and did not add them again cannot commit');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
