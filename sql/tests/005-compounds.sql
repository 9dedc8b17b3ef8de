-- 005: compounds and units.
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

SELECT lives_ok($$INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type)
  VALUES ('GS-PJ-002', '320508001001', '320508', '大儒巷小区', 'resettlement')$$, 'a compound of a known community is accepted');
SELECT throws_ok($$INSERT INTO ledger.compounds (compound_code, community_code, district_code, name)
  VALUES ('GS-PJ-003', '320508001001', '440307', '错区小区')$$, '23514', NULL,
  'compounds_district_derived refuses a district_code that is not the community''s');
SELECT throws_ok($$INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type)
  VALUES ('GS-PJ-004', '320508001001', '320508', '某小区', 'villa')$$, '23514', NULL,
  'compounds_housing_type_known refuses an unknown housing type');
SELECT throws_ok($$INSERT INTO ledger.compounds (compound_code, community_code, district_code, name)
  VALUES ('GS-PJ-001', '320508001001', '320508', '重复')$$, '23505', NULL, 'compounds_pkey keeps compound codes unique');
SELECT lives_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
  VALUES ('GS-PJ-002', '3', '201', '320508', 75.50)$$, 'a unit of a known compound is accepted');
SELECT throws_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
  VALUES ('GS-PJ-002', '3', '202', '320508', 0)$$, '23514', NULL, 'units_floor_area_positive refuses a zero area');
SELECT throws_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
  VALUES ('GS-PJ-002', '3', '203', '440307', 70); SET CONSTRAINTS ALL IMMEDIATE$$, '23503', NULL,
  'units_compound_fkey refuses a unit whose district_code disagrees with its compound');
SELECT throws_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
  VALUES ('GS-PJ-002', '3', '201', '320508', 75.50)$$, '23505', NULL, 'units_pkey keeps (compound, building, unit_no) unique');

SELECT * FROM finish();
ROLLBACK;
