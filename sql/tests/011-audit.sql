-- 011: the audit trail (statement-level triggers into audit.changes).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(8);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
INSERT INTO ledger.districts (district_code, name) VALUES ('320508', '姑苏区'), ('440307', '龙岗区');
INSERT INTO ledger.streets (street_code, district_code, name) VALUES
  ('320508001', '320508', '平江街道'), ('440307001', '440307', '平湖街道');
INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type) VALUES
  ('320508001001', '320508001', '320508', '平江路社区', 'old_village'),
  ('440307001001', '440307001', '440307', '平湖社区', 'commodity');
INSERT INTO ledger.companies (uscc, name, ownership, district_code) VALUES
  ('91350100M000100Y43', '苏州平江物业管理有限公司', 'private', '320508'),
  ('91440300MA5F00001A', '深圳平湖物业服务有限公司', 'state_owned', '440307');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, address, housing_type,
    built_year, buildings, households, floor_area_m2) VALUES
  ('GS-PJ-001', '320508001001', '320508', '平江新村', '平江路 88 号', 'old_village', 1988, 3, 6, 480.00),
  ('LG-PH-001', '440307001001', '440307', '平湖花园', '平湖大街 1 号', 'commodity', 2005, 1, 2, 180.00);
-- Six units in buildings 1, 2 and 10: 480 m² in all.
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('GS-PJ-001', '1', '101', '320508', 60.00), ('GS-PJ-001', '1', '102', '320508', 80.00),
  ('GS-PJ-001', '2', '101', '320508', 60.00), ('GS-PJ-001', '2', '102', '320508', 80.00),
  ('GS-PJ-001', '10', '101', '320508', 100.00), ('GS-PJ-001', '10', '102', '320508', 100.00),
  ('LG-PH-001', 'A', '101', '440307', 90.00), ('LG-PH-001', 'A', '102', '440307', 90.00);

SELECT is((SELECT count(*)::integer FROM audit.changes WHERE table_name = 'units' AND operation = 'INSERT'), 8,
  'one INSERT change per inserted unit, written by one statement-level trigger');
SELECT is((SELECT key FROM audit.changes WHERE table_name = 'units' AND new_row->>'building' = '10' AND new_row->>'unit_no' = '101'),
  '{"compound_code": "GS-PJ-001", "building": "10", "unit_no": "101"}'::jsonb, 'the key holds the table''s key columns');
SET LOCAL propledger.load_batch = '42';
UPDATE ledger.compounds SET name = '平江新村（一期）' WHERE compound_code = 'GS-PJ-001';
SELECT results_eq($$SELECT old_row->>'name', new_row->>'name', load_batch_id, db_user = current_user::text
  FROM audit.changes WHERE table_name = 'compounds' AND operation = 'UPDATE'$$,
  $$VALUES ('平江新村', '平江新村（一期）', 42::bigint, true)$$,
  'an update keeps the old values beside the new, with the load batch and the user');
SELECT is((SELECT count(*)::integer FROM audit.changes WHERE table_name = 'compounds' AND operation = 'UPDATE'), 1,
  'only the changed compound was recorded, not the unchanged one');
UPDATE ledger.compounds SET name = name;
SELECT is((SELECT count(*)::integer FROM audit.changes WHERE operation = 'UPDATE'), 1, 'a no-op UPDATE writes nothing');
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
  WHERE c.relnamespace = 'ledger'::regnamespace AND t.tgname LIKE '%\_audit\_%' AND NOT t.tgisinternal), 21 * 3,
  'every ledger table (19 kinds, settings, staff_scope) has its insert, update and delete audit triggers');

SELECT * FROM finish();
ROLLBACK;
