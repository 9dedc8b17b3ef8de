-- 048: ledger.committee_rule_violations is planned for its arguments on every call and never JIT-compiled
-- (migration 007): the loader's call with every compound of a file must not leave a cached plan that the
-- deferred trigger then reuses, JIT-compiled, once per committee row. And the one-compound call still finds
-- a committee's broken rule.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(2);

SELECT ok((SELECT p.proconfig @> ARRAY['plan_cache_mode=force_custom_plan', 'jit=off']
           FROM pg_catalog.pg_proc AS p WHERE p.oid = 'ledger.committee_rule_violations(text[])'::regprocedure),
  'committee_rule_violations: force_custom_plan and jit off');

\ir fixtures/two-district-geography.sql
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households, floor_area_m2) VALUES
  ('GS-CM-001', '320508001001', '320508', '南园新村', 'commodity', 600, 50000.00),
  ('GS-CM-002', '320508001001', '320508', '北园新村', 'commodity', 600, 50000.00);
SET CONSTRAINTS ALL IMMEDIATE;
-- Called first with both compounds (as the loader does), then five times and more with one.
SELECT count(*) AS both_compounds FROM ledger.committee_rule_violations(ARRAY['GS-CM-001', 'GS-CM-002']);
SELECT count(v.*) FROM generate_series(1, 6) AS g, LATERAL ledger.committee_rule_violations(ARRAY['GS-CM-001']) AS v;
SELECT throws_ok($$INSERT INTO ledger.committees (compound_code, district_code, kind, term_start, term_end, members)
  VALUES ('GS-CM-002', '320508', 'owners_committee', '2024-01-01', '2028-12-31', 4)$$,
  '23514', NULL, 'the deferred check (immediate here) still refuses a committee below the members minimum');

SELECT * FROM finish();
ROLLBACK;
