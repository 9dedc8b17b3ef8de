-- 007: committees (SPEC §2.6, national rules) and party organisations (SPEC §2.7).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(16);

-- Sample geography: 姑苏区 (Suzhou) and 龙岗区 (Shenzhen), one compound each.
\ir fixtures/two-districts.sql

-- The committee rules (SPEC §2.6, §10) are a deferred constraint trigger: check every statement now.
SET CONSTRAINTS ALL IMMEDIATE;

-- 姑苏区 and 龙岗区 fall under the national rules (指导规则 Art. 31–32); the local ones: 013-local-rules.sql.
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members, party_members, public_servant_members)
  VALUES ('GS-PJ-001', '2021-03-01', '320508', 'owners_committee', '2026-03-01', 7, 4, 1)$$,
  'an owners'' committee of 7 members for exactly 5 years is accepted');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('LG-PH-001', '2021-03-01', '440307', 'owners_committee', '2024-02-29', 6)$$, '23514',
  'owners_committee of LG-PH-001 from 2021-03-01 has 6 members; the number must be odd',
  'committees_members_odd refuses 6 members (national)');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('LG-PH-001', '2021-03-01', '440307', 'owners_committee', '2024-02-29', 13)$$, '23514',
  'owners_committee of LG-PH-001 from 2021-03-01 has 13 members; at most 11 are allowed',
  'committees_members_at_most refuses 13 members (national)');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('LG-PH-001', '2021-03-01', '440307', 'owners_committee', '2026-03-02', 5)$$, '23514',
  'owners_committee of LG-PH-001 from 2021-03-01: the term ends on 2026-03-02; at most 5 years are allowed',
  'committees_term_at_most refuses 5 years and a day');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('LG-PH-001', '2021-03-01', '440307', 'owners_committee', NULL, 5)$$, '23514', NULL,
  'committees_term_at_most refuses an owners'' committee with no term end');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('GS-PJ-001', '2026-03-01', '320508', 'owners_committee', '2028-02-28', 5)$$, '23P01', NULL,
  'committees_terms_no_overlap refuses an owners'' committee starting on the last day of the previous one');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('GS-PJ-001', '2026-03-01', '320508', 'management_committee', '2027-02-28', 3)$$, '23514', NULL,
  'committees_terms_no_overlap_across_kinds refuses a management committee overlapping by one day where no handover window applies');
SELECT lives_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('GS-PJ-001', '2026-03-02', '320508', 'management_committee', '2027-03-01', 3)$$,
  'a management committee of 3 starting the next day is accepted (no national size rule for 物管会)');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members, party_members)
  VALUES ('LG-PH-001', '2022-01-01', '440307', 'self_management_group', '2023-12-31', 3, 4)$$, '23514', NULL,
  'committees_party_members_within_members refuses more party members than members');
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members, public_servant_members)
  VALUES ('LG-PH-001', '2022-01-01', '440307', 'self_management_group', '2023-12-31', 3, 4)$$, '23514', NULL,
  'committees_public_servants_within_members refuses more public servants than members');

SELECT lives_ok($$INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
  VALUES ('committee', 'GS-PJ-001', '2021-06-01', '320508', 'branch', 3)$$, 'a branch of 3 formal members is accepted');
SELECT throws_ok($$INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
  VALUES ('company', '91440300MA5F00001A', '2021-06-01', '440307', 'joint_branch', 2)$$, '23514', NULL,
  'party_orgs_formal_members_enough_for_form refuses a joint branch of 2');
SELECT lives_ok($$INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members, dissolved_on)
  VALUES ('company', '91440300MA5F00001A', '2021-06-01', '440307', 'working_group', 1, '2022-12-31')$$,
  'a working group of 1 is accepted');
SELECT throws_ok($$INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
  VALUES ('company', '91440300MA5F00001A', '2022-06-01', '440307', 'branch', 3)$$, '23P01', NULL,
  'party_orgs_one_live_per_host refuses a second live organisation of the same host');
SELECT lives_ok($$INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
  VALUES ('company', '91440300MA5F00001A', '2023-01-01', '440307', 'branch', 3)$$,
  'a branch established after the working group was dissolved is accepted');
SELECT throws_ok($$INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
  VALUES ('company', '91350100M000100Y43', '2021-06-01', '440307', 'branch', 5); SET CONSTRAINTS ALL IMMEDIATE$$, '23503', NULL,
  'party_orgs_host_company_fkey refuses a district_code that is not the host company''s');

SELECT * FROM finish();
ROLLBACK;
