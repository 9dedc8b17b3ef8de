-- 012 (deletes): corrections (SPEC §8). A delete load removes rows by key as a district loader: only its districts'
-- rows (row-level security: another district's row is neither deleted nor seen), never a row something
-- else still references (the deferred foreign keys refuse it at the end of the load), each deletion audited
-- with the row's old values and the load batch, counted in the load history.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(11);

\ir fixtures/two-districts.sql

CREATE ROLE pl_test_del_gusu NOLOGIN IN ROLE propledger_loader;
SELECT ledger.access_grant('pl_test_del_gusu', '320508');

SELECT ok(has_table_privilege('propledger_loader', 'ledger.units', 'DELETE'), 'a loader may delete ledger rows (of a load kind)');
SELECT ok(NOT has_table_privilege('propledger_loader', 'ledger.staff_scope', 'DELETE'), 'but never staff scopes');

SET LOCAL ROLE pl_test_del_gusu;
CREATE TEMP TABLE batch ON COMMIT DROP AS SELECT audit.begin_batch('units', 'units.csv', repeat('d', 64), 2) AS id;

-- Row-level security: the Longgang unit is neither deleted nor visible.
WITH gone AS (DELETE FROM ledger.units WHERE compound_code = 'LG-PH-001' RETURNING 1)
SELECT is(count(*)::int, 0, 'a Gusu loader deletes no row of Longgang (row-level security)') FROM gone;
WITH gone AS (DELETE FROM ledger.companies WHERE uscc = '91440300MA5F00001A' RETURNING 1)
SELECT is(count(*)::int, 0, 'nor a company registered in Longgang, though it can read it') FROM gone;

-- A unit of its own district goes; the audit keeps its old values and the batch.
WITH gone AS (DELETE FROM ledger.units WHERE compound_code = 'GS-PJ-001' AND building = '10' AND unit_no = '102' RETURNING 1)
SELECT is(count(*)::int, 1, 'a Gusu loader deletes a Gusu unit') FROM gone;
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$, 'an unreferenced unit leaves no broken foreign key');
SELECT audit.finish_batch((SELECT id FROM batch), 2, 0, 0, 0, 1, 'committed', 1);
RESET ROLE;

SELECT results_eq($$SELECT operation, old_row->>'floor_area_m2', old_row->>'district_code', load_batch_id, new_row IS NULL FROM audit.changes
                    WHERE table_name = 'units' AND operation = 'DELETE' AND key = '{"compound_code": "GS-PJ-001", "building": "10", "unit_no": "102"}'$$,
  $$VALUES ('DELETE'::text, '100.00'::text, '320508'::text, (SELECT id FROM batch), true)$$,
  'the deletion is audited with the old values and its load batch');
SELECT results_eq($$SELECT status, rows, deleted, rejected, inserted + updated + unchanged FROM audit.load_batches WHERE id = (SELECT id FROM batch)$$,
  $$VALUES ('committed'::text, 2::bigint, 1::bigint, 1::bigint, 0::bigint)$$,
  'the load history counts the rows deleted (audit.finish_batch''s p_deleted)');
-- A compound its units still reference: the deferred foreign key refuses the delete at the end of the load
-- (here at once: the constraints were made immediate above).
SET LOCAL ROLE pl_test_del_gusu;
SELECT throws_ok($$DELETE FROM ledger.compounds WHERE compound_code = 'GS-PJ-001'$$, '23503', NULL,
  'a compound its units reference cannot be deleted');
SELECT throws_ok($$SELECT audit.finish_batch((SELECT id FROM batch), 2, 0, 0, 0, 1, 'committed', 1)$$, '42501', NULL,
  'a finished batch cannot be finished again');
RESET ROLE;
SELECT throws_ok($$SELECT audit.finish_batch(-1, 1, 0, 0, 0, 0, 'committed', 1)$$, '42501', NULL, 'nor a batch this transaction did not begin');

SELECT * FROM finish();
ROLLBACK;
