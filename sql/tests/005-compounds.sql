-- 005: compounds and units.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(8);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

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
