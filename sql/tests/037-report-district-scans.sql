-- 037: with a district filter, clearance, party-coverage, companies, recommend, expiring and
-- anomalies read the district's rows only, and give the rows the unfiltered report gives for it.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(9);

\ir fixtures/every-district-table.sql
-- The 姑苏 company also manages a second 龙岗 compound, so its figures span both districts; the
-- compound's committee term and management contract end soon (expiring).
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households, floor_area_m2) VALUES
  ('LG-PH-002', '440307001001', '440307', '平湖新村', 'commodity', 40, 3200.00);
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis, fee_yuan_per_m2_month, end_on) VALUES
  ('LG-PH-002', '2024-01-01', '440307', 'company', '91350100M000100Y43', 'tender', 1.20, '2025-01-31');
INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members, party_members) VALUES
  ('LG-PH-002', '2022-01-01', '440307', 'owners_committee', '2025-02-15', 5, 4);
INSERT INTO ledger.complaints (complaint_code, compound_code, district_code, company_uscc, received_on, category) VALUES
  ('TS-LG-0002', 'LG-PH-002', '440307', '91350100M000100Y43', '2024-06-01', 'parking');
INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on) VALUES
  ('LG-PH-002', '2023-06-01', '440307', '2023-12-31');

SELECT results_eq($$SELECT * FROM report.clearance_report('2024-12-31', 'district', '440307')$$,
  $$SELECT * FROM report.clearance_report('2024-12-31') WHERE group_code = '440307'$$,
  'clearance by district: the filtered row is the unfiltered one');
SELECT results_eq($$SELECT * FROM report.clearance_report('2024-12-31', 'street', '440307')$$,
  $$SELECT * FROM report.clearance_report('2024-12-31', 'street') WHERE group_code LIKE '440307%'$$,
  'clearance by street: the filtered rows are the unfiltered ones');
SELECT results_eq($$SELECT * FROM report.party_coverage_report('2024-12-31', '440307')$$,
  $$SELECT * FROM report.party_coverage_report('2024-12-31') WHERE district_code = '440307'$$,
  'party coverage: the filtered row is the unfiltered one');
SELECT results_eq($$SELECT * FROM report.companies_report('2024-12-31', '440307')$$,
  $$SELECT * FROM report.companies_report('2024-12-31')
    WHERE uscc IN ('91350100M000100Y43', '91440300MA5F00001A') ORDER BY score DESC, uscc$$,
  'companies in 龙岗: both companies managing there, with the figures of all their compounds');
SELECT results_eq($$SELECT uscc, compounds, households FROM report.companies_report('2024-12-31', '320508')$$,
  $$VALUES ('91350100M000100Y43'::text, 2::bigint, 46::bigint)$$,
  'companies in 姑苏: only the company managing there, its two compounds counted');
SELECT results_eq($$SELECT uscc FROM report.recommend_report('LG-PH-002', '2024-12-31')$$,
  $$SELECT uscc FROM report.companies_report('2024-12-31', '440307') WHERE overdue_rectifications = 0
    ORDER BY score DESC, uscc$$,
  'recommend: the companies of the compound''s district without overdue rectifications, by score');
SELECT results_eq($$SELECT * FROM report.expiring_report('2024-12-31', 90, '440307')$$,
  $$SELECT x.* FROM report.expiring_report('2024-12-31', 90) AS x JOIN ledger.compounds AS c ON c.compound_code = x.compound
    WHERE c.district_code = '440307' ORDER BY x.kind DESC, x.compound, x.ends_on$$,
  'expiring: the filtered rows are the unfiltered ones');
SELECT is((SELECT count(*)::int FROM report.expiring_report('2024-12-31', 90, '440307')), 2,
  'expiring finds the contract and the term ending in 龙岗');
SELECT results_eq($$SELECT * FROM report.anomalies_report('2024-12-31', '440307')$$,
  $$SELECT * FROM report.anomalies_report('2024-12-31') WHERE district_code = '440307'$$,
  'anomalies: the filtered rows are the unfiltered ones');

SELECT * FROM finish();
ROLLBACK;
