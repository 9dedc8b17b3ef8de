-- 003: districts, streets, communities and their code-prefix rules.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(12);

SELECT has_table('ledger', 'districts', 'ledger.districts exists');
SELECT has_table('ledger', 'streets', 'ledger.streets exists');
SELECT has_table('ledger', 'communities', 'ledger.communities exists');

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

SELECT lives_ok($$INSERT INTO ledger.districts VALUES ('320505', '虎丘区')$$, 'a 6-digit district is accepted');
SELECT lives_ok($$INSERT INTO ledger.streets (street_code, district_code, name) VALUES ('320508002', '320508', '观前街道')$$,
  'a street coded district + 3 digits is accepted');
SELECT lives_ok($$INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type)
  VALUES ('320508002001', '320508002', '320508', '观前社区', 'business_district')$$, 'a community coded street + 3 digits is accepted');
SELECT throws_ok($$INSERT INTO ledger.districts VALUES ('32050', '短码')$$, '23514', NULL,
  'districts_code_is_6_digits refuses a 5-digit code');
SELECT throws_ok($$INSERT INTO ledger.streets (street_code, district_code, name) VALUES ('440307009', '320508', '错街道')$$,
  '23514', NULL, 'streets_code_starts_with_district refuses a street outside its district');
SELECT throws_ok($$INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type)
  VALUES ('320508002009', '320508001', '320508', '错社区', 'mixed')$$, '23514', NULL,
  'communities_code_starts_with_street refuses a community outside its street');
SELECT throws_ok($$INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type)
  VALUES ('320508001009', '320508001', '320508', '某社区', 'suburb')$$, '23514', NULL,
  'communities_type_known refuses an unknown community type');
SELECT throws_ok($$INSERT INTO ledger.communities (community_code, street_code, district_code, name, community_type)
  VALUES ('320508001008', '320508001', '440307', '某社区', 'mixed')$$, '23514', NULL,
  'communities_district_derived refuses a district_code that is not the code''s prefix');
SELECT throws_ok($$INSERT INTO ledger.streets (street_code, district_code, name) VALUES ('110101001', '110101', '东华门街道');
  SET CONSTRAINTS ALL IMMEDIATE$$, '23503', NULL, 'streets_district_fkey refuses a street of an unknown district (at commit)');

SELECT * FROM finish();
ROLLBACK;
