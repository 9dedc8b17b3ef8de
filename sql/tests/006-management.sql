-- 006: management periods (SPEC §2.8).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(8);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

SELECT lives_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis,
    fee_yuan_per_m2_month, end_on)
  VALUES ('GS-PJ-001', '2021-01-01', '320508', 'company', '91350100M000100Y43', 'tender', 0.85, '2023-12-31')$$,
  'a company period naming a known company is accepted');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, end_on)
  VALUES ('GS-PJ-001', '2023-06-01', '320508', 'fallback', '2024-05-31')$$, '23P01', NULL,
  'management_periods_no_overlap refuses a period overlapping another of the same compound');
SELECT lives_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode)
  VALUES ('GS-PJ-001', '2024-01-01', '320508', 'self_managed')$$,
  'a period starting the day after the previous one ends is accepted');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'company')$$, '23514', NULL,
  'management_company_matches_mode refuses a company period without a company');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'self_managed', '91440300MA5F00001A')$$, '23514', NULL,
  'management_company_matches_mode refuses a self_managed period naming a company');
SELECT throws_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, fee_yuan_per_m2_month)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'company', '91440300MA5F00001A', 185)$$, '23514', NULL,
  'management_fee_plausible refuses 185 yuan per m² per month (fen typed as yuan)');
SELECT lives_ok($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, fee_yuan_per_m2_month)
  VALUES ('LG-PH-001', '2024-01-01', '440307', 'company', '91440300MA5F00001A', 3.20)$$,
  'a fee of 3.20 yuan per m² per month is accepted');
SELECT throws_ok(format($$INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, end_on)
  VALUES ('LG-PH-001', '2020-01-01', '440307', 'company', %L, '2020-12-31'); SET CONSTRAINTS ALL IMMEDIATE$$,
  '91440300MA5F00002' || ledger.uscc_check_char('91440300MA5F00002')),
  '23503', NULL, 'management_company_fkey refuses a company period naming a valid but unknown USCC (at commit)');

SELECT * FROM finish();
ROLLBACK;
