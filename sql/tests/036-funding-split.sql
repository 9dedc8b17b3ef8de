-- 036: ledger.funding_amounts splits percent shares on the share rows; every amount must be the one
-- ledger.split_percent gives for the project's percent list (§3 source order, then payer).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(5);

\ir fixtures/two-district-geography.sql
INSERT INTO ledger.companies (uscc, name, ownership, district_code) VALUES
  ('91350100M000100Y43', '苏州平江物业管理有限公司', 'private', '320508');
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households) VALUES
  ('A', '320508001001', '320508', '平江新村', 'old_village', 6);

-- Hand cases: 0.10 over 33.33/33.33/33.34 (the leftover fen to the largest remainder, the last share);
-- 0.01 over 50/50 (a tie: the first share in source order); 0.00; a 0 percent share; a NULL budget
-- (not split); mixed amount and percent rows (not split).
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on) VALUES
  ('H1', 'A', '320508', 'roof', 'h1', 'proposed', 0.10, '2025-01-01'),
  ('H2', 'A', '320508', 'roof', 'h2', 'proposed', 0.01, '2025-01-01'),
  ('H3', 'A', '320508', 'roof', 'h3', 'proposed', 0.00, '2025-01-01'),
  ('H4', 'A', '320508', 'roof', 'h4', 'proposed', 12345.67, '2025-01-01'),
  ('H5', 'A', '320508', 'roof', 'h5', 'proposed', NULL, '2025-01-01'),
  ('H6', 'A', '320508', 'roof', 'h6', 'proposed', 100.00, '2025-01-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent) VALUES
  ('H1', 'owners', NULL, '320508', NULL, 33.34),
  ('H1', 'government', 'city', '320508', NULL, 33.33),
  ('H1', 'government', 'street', '320508', NULL, 33.33),
  ('H2', 'community_fund', NULL, '320508', NULL, 50),
  ('H2', 'company', '91350100M000100Y43', '320508', NULL, 50),
  ('H3', 'owners', NULL, '320508', NULL, 100),
  ('H4', 'government', NULL, '320508', NULL, 0),
  ('H4', 'maintenance_fund', NULL, '320508', NULL, 70.01),
  ('H4', 'owners', NULL, '320508', NULL, 29.99),
  ('H5', 'owners', NULL, '320508', NULL, 100),
  ('H6', 'owners', NULL, '320508', NULL, 40),
  ('H6', 'government', NULL, '320508', 60.00, NULL);

SELECT results_eq($$SELECT project_code, source, payer, committed_yuan FROM ledger.funding_amounts
                    WHERE project_code LIKE 'H%' ORDER BY project_code, ledger.funding_source_rank(source), payer$$,
  $$VALUES ('H1'::text, 'government'::text, 'city'::text, 0.03::numeric), ('H1', 'government', 'street', 0.03),
           ('H1', 'owners', NULL, 0.04),
           ('H2', 'company', '91350100M000100Y43', 0.01), ('H2', 'community_fund', NULL, 0.00),
           ('H3', 'owners', NULL, 0.00),
           ('H4', 'government', NULL, 0.00), ('H4', 'maintenance_fund', NULL, 8643.20), ('H4', 'owners', NULL, 3702.47),
           ('H5', 'owners', NULL, NULL),
           ('H6', 'government', NULL, 60.00), ('H6', 'owners', NULL, NULL)$$,
  'hand cases: leftover fen to the largest remainder, ties in source order, 0 %, no budget, mixed forms');
SELECT is((SELECT sum(committed_yuan) FROM ledger.funding_amounts WHERE project_code = 'H4'), 12345.67::numeric,
  'the split adds up to the budget');

-- Generated cases: 300 projects, 1 to 6 percent shares each (the last takes what is left of 100),
-- budgets with odd fen; compared with ledger.split_percent share by share.
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on)
SELECT 'G' || g, 'A', '320508', 'roof', 'g', 'proposed', round((g * 7919 % 100003) / 7.0, 2), '2025-01-01'
FROM generate_series(1, 300) AS g;
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan, percent)
SELECT 'G' || g, src.source, src.payer, '320508', NULL,
       CASE WHEN src.n = (g % 6) + 1 THEN 100 - (src.n - 1) * round(100.0 / ((g % 6) + 1) - (g % 5) * 0.01, 2)
            ELSE round(100.0 / ((g % 6) + 1) - (g % 5) * 0.01, 2) END
FROM generate_series(1, 300) AS g
CROSS JOIN LATERAL (SELECT * FROM (VALUES (1, 'government', 'city'), (2, 'government', 'district'),
                                          (3, 'maintenance_fund', NULL), (4, 'owners', NULL),
                                          (5, 'community_fund', NULL), (6, 'government', 'street')) AS s(n, source, payer)
                    WHERE s.n <= (g % 6) + 1) AS src;
SELECT is((SELECT count(*)::int FROM (SELECT project_code FROM ledger.funding WHERE project_code LIKE 'G%'
                                      GROUP BY project_code HAVING sum(percent) <> 100) AS x),
  0, 'the generated percentages sum to 100 per project');
SELECT is((SELECT count(*)::int FROM ledger.funding_amounts AS a
           JOIN (SELECT f.project_code, f.source, f.payer,
                        (ledger.split_percent(p.budget_yuan, array_agg(f.percent) OVER w))[row_number() OVER w] AS expected
                 FROM ledger.funding AS f JOIN ledger.projects AS p ON p.project_code = f.project_code
                 WHERE f.project_code LIKE 'G%'
                 WINDOW w AS (PARTITION BY f.project_code ORDER BY ledger.funding_source_rank(f.source), f.payer
                              ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)) AS e
             ON e.project_code = a.project_code AND e.source = a.source AND e.payer IS NOT DISTINCT FROM a.payer
           WHERE a.committed_yuan IS DISTINCT FROM e.expected::numeric(14,2)),
  0, 'every generated share equals ledger.split_percent''s amount');
SELECT is((SELECT count(*)::int FROM ledger.funding_amounts WHERE project_code LIKE 'G%'),
  (SELECT count(*)::int FROM ledger.funding WHERE project_code LIKE 'G%'), 'one amount per share');

SELECT * FROM finish();
ROLLBACK;
