-- 004: companies (USCC check character through the table's CHECK) and co-building units.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(25);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

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
