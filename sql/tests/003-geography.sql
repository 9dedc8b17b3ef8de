-- 003: districts, streets, communities and their code-prefix rules.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(12);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

SELECT has_table('ledger', 'districts', 'ledger.districts exists');
SELECT has_table('ledger', 'streets', 'ledger.streets exists');
SELECT has_table('ledger', 'communities', 'ledger.communities exists');

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
