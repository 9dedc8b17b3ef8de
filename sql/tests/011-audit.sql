-- 011: the audit trail (statement-level triggers into audit.changes).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(8);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

SELECT is((SELECT count(*)::integer FROM audit.changes WHERE table_name = 'units' AND operation = 'INSERT'), 8,
  'outside a load batch, one INSERT change per inserted unit, written by one statement-level trigger');
SELECT is((SELECT key FROM audit.changes WHERE table_name = 'units' AND new_row->>'building' = '10' AND new_row->>'unit_no' = '101'),
  '{"compound_code": "GS-PJ-001", "building": "10", "unit_no": "101"}'::jsonb, 'the key holds the table''s key columns');
CREATE TEMP TABLE batch ON COMMIT DROP AS
  SELECT audit.begin_batch('compounds', 'compounds.csv', repeat('a', 64), 2) AS id;
UPDATE ledger.compounds SET name = '平江新村（一期）' WHERE compound_code = 'GS-PJ-001';
SELECT results_eq($$SELECT old_row->>'name', new_row->>'name', load_batch_id = (SELECT id FROM batch), db_user = session_user::text
  FROM audit.changes WHERE table_name = 'compounds' AND operation = 'UPDATE'$$,
  $$VALUES ('平江新村', '平江新村（一期）', true, true)$$,
  'an update keeps the old values beside the new, with the load batch and the user');
SELECT is((SELECT count(*)::integer FROM audit.changes WHERE table_name = 'compounds' AND operation = 'UPDATE'), 1,
  'only the changed compound was recorded, not the unchanged one');
UPDATE ledger.compounds SET name = name;
SELECT is((SELECT count(*)::integer FROM audit.changes WHERE table_name = 'compounds' AND operation = 'UPDATE'), 1, 'a no-op UPDATE writes nothing');
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
  VALUES ('GS-PJ-001', '1', '101', '320508', 60.00), ('GS-PJ-001', '1', '102', '320508', 81.00)
  ON CONFLICT (compound_code, building, unit_no) DO UPDATE SET floor_area_m2 = EXCLUDED.floor_area_m2;
SELECT results_eq($$SELECT key->>'unit_no', old_row->>'floor_area_m2', new_row->>'floor_area_m2' FROM audit.changes
  WHERE table_name = 'units' AND operation = 'UPDATE'$$, $$VALUES ('102', '80.00', '81.00')$$,
  'an upsert of the same file records only the row that changed');
DELETE FROM ledger.units WHERE compound_code = 'LG-PH-001' AND unit_no = '102';
SELECT results_eq($$SELECT operation, old_row->>'floor_area_m2', new_row IS NULL FROM audit.changes WHERE table_name = 'units' AND operation = 'DELETE'$$,
  $$VALUES ('DELETE', '90.00', true)$$, 'a delete keeps the old row');
SELECT is((SELECT count(*)::integer FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
  WHERE c.relnamespace = 'ledger'::regnamespace AND t.tgname LIKE '%\_audit\_%' AND NOT t.tgisinternal),
  (SELECT count(*)::integer * 3 FROM pg_catalog.pg_class AS c WHERE c.relnamespace = 'ledger'::regnamespace AND c.relkind = 'r'),
  'every ledger table (the load kinds, settings, staff_scope, the rules) has its insert, update and delete audit triggers');

SELECT * FROM finish();
ROLLBACK;
