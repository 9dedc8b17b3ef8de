-- 004: companies (USCC check character through the table's CHECK) and co-building units.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(25);

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

SELECT lives_ok($$INSERT INTO ledger.companies (uscc, name, ownership, district_code)
  VALUES ('91350100M000100Y43', '苏州平江物业管理有限公司（更名）', 'private', '320508')
  ON CONFLICT (uscc) DO UPDATE SET name = EXCLUDED.name$$, 'the valid USCC 91350100M000100Y43 is accepted (upsert on the key)');

-- Each of the 18 single-character corruptions: the character at position i replaced by the
-- next character of the GB 32100 alphabet (a different, well-formed character).
SELECT throws_ok(
  format($$INSERT INTO ledger.companies (uscc, name, ownership, district_code) VALUES (%L, '某物业公司', 'private', '320508')$$,
         overlay('91350100M000100Y43' PLACING
           substr('0123456789ABCDEFGHJKLMNPQRTUWXY',
                  strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr('91350100M000100Y43', i, 1)) % 31 + 1, 1)
           FROM i FOR 1)),
  '23514', NULL, format('companies_uscc_check_character refuses 91350100M000100Y43 corrupted at position %s', i))
FROM generate_series(1, 18) AS i;

SELECT throws_ok($$INSERT INTO ledger.companies (uscc, name, ownership, district_code)
  VALUES ('91350100M000100Y4', '某物业公司', 'private', '320508')$$, '23514', NULL,
  'companies_uscc_check_character refuses a 17-character code');
SELECT throws_ok($$INSERT INTO ledger.companies (uscc, name, ownership, district_code)
  VALUES ('91350100M000100Y43', '重复', 'private', '320508')$$, '23505', NULL, 'companies_pkey refuses a second row with the same USCC');
SELECT throws_ok($$UPDATE ledger.companies SET ownership = 'collective' WHERE uscc = '91350100M000100Y43'$$,
  '23514', NULL, 'companies_ownership_known refuses an unknown ownership');

SELECT lives_ok($$INSERT INTO ledger.co_building_units (unit_code, name, kind, community_code, district_code, agreed_on)
  VALUES ('GJ-320508-001', '苏州市平江中学', 'school', '320508001001', '320508', '2023-03-01')$$,
  'a co-building unit of a known community is accepted');
SELECT throws_ok($$INSERT INTO ledger.co_building_units (unit_code, name, kind, community_code, district_code)
  VALUES ('GJ-320508-002', '某单位', 'church', '320508001001', '320508')$$, '23514', NULL,
  'co_building_units_kind_known refuses an unknown kind');
SELECT throws_ok($$INSERT INTO ledger.co_building_units (unit_code, name, kind, community_code, district_code)
  VALUES ('GJ-320508-003', '某医院', 'hospital', '320508001001', '440307')$$, '23514', NULL,
  'co_building_units_district_derived refuses a district that is not the community''s');

SELECT * FROM finish();
ROLLBACK;
