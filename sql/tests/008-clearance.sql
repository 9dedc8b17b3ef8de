-- 008: clearance cases (SPEC §2.9).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(6);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

SELECT lives_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on)
  VALUES ('GS-PJ-001', '2023-03-15', '320508', '2023-12-31')$$, 'an open case is accepted');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, resolution)
  VALUES ('LG-PH-001', '2023-03-15', '440307', 'company_takeover')$$, '23514', NULL,
  'clearance_resolution_and_date_together refuses a resolution without resolved_on');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, resolved_on)
  VALUES ('LG-PH-001', '2023-03-15', '440307', '2023-09-01')$$, '23514', NULL,
  'clearance_resolution_and_date_together refuses resolved_on without a resolution');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code)
  VALUES ('GS-PJ-001', '2023-04-01', '320508')$$, '23505', NULL,
  'clearance_one_open_case_per_compound refuses a second open case');
SELECT lives_ok($$UPDATE ledger.clearance SET resolution = 'self_management', resolved_on = '2023-08-01'
  WHERE compound_code = 'GS-PJ-001';
  INSERT INTO ledger.clearance (compound_code, identified_on, district_code) VALUES ('GS-PJ-001', '2024-04-01', '320508')$$,
  'once the first case is resolved, a new open case is accepted');
SELECT throws_ok($$INSERT INTO ledger.clearance (compound_code, identified_on, district_code, resolution, resolved_on)
  VALUES ('LG-PH-001', '2023-03-15', '440307', 'community_fallback', '2023-03-01')$$, '23514', NULL,
  'clearance_resolved_not_before_identified refuses a case resolved before it was found');

SELECT * FROM finish();
ROLLBACK;
