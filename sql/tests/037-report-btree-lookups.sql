-- 037: report.clearance_cases finds the verifying period with plain comparisons (btree) instead of
-- daterange overlap (GiST); the verdicts at every boundary are those of SPEC §2.9 as before.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(2);

\ir fixtures/two-districts.sql
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name) VALUES
  ('V1', '320508001001', '320508', '一号'), ('V2', '320508001001', '320508', '二号'),
  ('V3', '320508001001', '320508', '三号'), ('V4', '320508001001', '320508', '四号'),
  ('V5', '320508001001', '320508', '五号'), ('V6', '320508001001', '320508', '六号');
-- Every case resolved on 2024-03-01; the window is 2024-03-01 ..= 2024-03-31.
INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on, resolution, resolved_on) VALUES
  ('V1', '2023-06-01', '320508', '2024-06-30', 'company_takeover', '2024-03-01'),
  ('V2', '2023-06-01', '320508', '2024-06-30', 'company_takeover', '2024-03-01'),
  ('V3', '2023-06-01', '320508', '2024-06-30', 'company_takeover', '2024-03-01'),
  ('V4', '2023-06-01', '320508', '2024-06-30', 'company_takeover', '2024-03-01'),
  ('V5', '2023-06-01', '320508', '2024-06-30', 'self_management', '2024-03-01'),
  ('V6', '2023-06-01', '320508', '2024-06-30', 'company_takeover', '2024-03-01');
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis, end_on) VALUES
  ('V1', '2024-01-01', '320508', 'company', '91350100M000100Y43', 'tender', '2024-03-01'),   -- ends on the day
  ('V2', '2024-03-31', '320508', 'company', '91350100M000100Y43', 'tender', NULL),           -- starts on day 30
  ('V3', '2024-04-01', '320508', 'company', '91350100M000100Y43', 'tender', NULL),           -- day 31: too late
  ('V4', '2020-01-01', '320508', 'company', '91350100M000100Y43', 'tender', NULL),           -- open-ended, from before
  ('V5', '2024-03-05', '320508', 'company', '91350100M000100Y43', 'tender', '2024-03-10'),   -- wrong mode
  ('V5', '2024-03-20', '320508', 'self_managed', NULL, 'owners_vote', NULL),                 -- the right one
  ('V6', '2023-01-01', '320508', 'company', '91350100M000100Y43', 'tender', '2024-02-29');   -- ended the day before

SELECT results_eq(
  $$SELECT compound_code, verified, verifying_period_start_on FROM report.clearance_cases ORDER BY 1$$,
  $$VALUES ('V1'::text, true, '2024-01-01'::date), ('V2', true, '2024-03-31'), ('V3', false, NULL),
           ('V4', true, '2020-01-01'), ('V5', true, '2024-03-20'), ('V6', false, NULL)$$,
  'clearance_cases: a period overlapping resolved_on ..= resolved_on + 30, of the resolution''s mode, verifies');
SELECT results_eq(
  $$SELECT compound_code, verified FROM report.clearance_cases ORDER BY 1$$,
  $$SELECT k.compound_code, EXISTS (SELECT 1 FROM ledger.management AS m WHERE m.compound_code = k.compound_code
             AND m.mode = CASE k.resolution WHEN 'company_takeover' THEN 'company' ELSE 'self_managed' END
             AND daterange(m.start_on, m.end_on, '[]') && daterange(k.resolved_on, k.resolved_on + 30, '[]'))
    FROM ledger.clearance AS k ORDER BY 1$$,
  'the same verdicts as the daterange overlap of 013');

SELECT * FROM finish();
ROLLBACK;
