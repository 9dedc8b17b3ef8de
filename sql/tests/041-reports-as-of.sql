-- sql/schema: every report that takes --as-of shows the world as it was on that date (issue 12):
-- a project's status from its status dates, the votes held by then, the payments made by then; the
-- compound dossier likewise for votes, payments, complaints, rectifications and surveys. Each is run at
-- dates between the events below.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(14);

\ir fixtures/two-districts.sql

-- GS-PJ-001's wiring project: proposed 01-05, vote held 02-15, approved 03-01, started 04-01, paid 04-10.
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan,
                             proposed_on, approved_on, started_on)
  VALUES ('GS-T-001', 'GS-PJ-001', '320508', 'wiring', '平江新村线路改造', 'in_progress', 50000.00,
          '2026-01-05', '2026-03-01', '2026-04-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan)
  VALUES ('GS-T-001', 'government', 'district', '320508', 50000.00);
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, total_area_m2, total_owners,
                          participating_area_m2, participating_owners, approving_area_m2, approving_owners)
  VALUES ('GS-T-001', 'renovate', '2026-02-15', '320508', 480.00, 6, 480.00, 6, 480.00, 6);
INSERT INTO ledger.payments (voucher_no, project_code, district_code, source, payer, paid_on, amount_yuan)
  VALUES ('PZ-T-001', 'GS-T-001', '320508', 'government', 'district', '2026-04-10', 20000.00);
-- A complaint received 02-01 and resolved 03-10; a survey of 2026-Q1.
INSERT INTO ledger.complaints (complaint_code, compound_code, district_code, received_on, category, resolved_on)
  VALUES ('TS-T-001', 'GS-PJ-001', '320508', '2026-02-01', 'repairs', '2026-03-10');
INSERT INTO ledger.surveys (compound_code, period, district_code, respondents, satisfied)
  VALUES ('GS-PJ-001', '2026-Q1', '320508', 6, 5);

-- report projects
SELECT results_eq($$SELECT status, vote_status, paid FROM report.projects_report('2026-02-01') WHERE project_code = 'GS-T-001'$$,
  $$VALUES ('proposed'::text, 'none'::text, 0.00::numeric)$$, 'projects on 02-01: proposed, no vote held yet, nothing paid');
SELECT results_eq($$SELECT status, vote_status, paid FROM report.projects_report('2026-03-15') WHERE project_code = 'GS-T-001'$$,
  $$VALUES ('approved'::text, 'passed'::text, 0.00::numeric)$$, 'projects on 03-15: approved, its vote passed, nothing paid');
SELECT results_eq($$SELECT status, vote_status, paid FROM report.projects_report('2026-05-01') WHERE project_code = 'GS-T-001'$$,
  $$VALUES ('in_progress'::text, 'passed'::text, 20000.00::numeric)$$, 'projects on 05-01: in progress, paid 20000.00');
SELECT is((SELECT count(*)::int FROM report.projects_report('2026-01-01') WHERE project_code = 'GS-T-001'), 0,
  'projects on 01-01: not yet proposed, not listed');

-- report funding and anomalies follow the payments made by then
SELECT is((SELECT sum(paid) FROM report.project_shares_as_of('2026-04-09') WHERE project_code = 'GS-T-001'), 0.00::numeric,
  'shares on 04-09: the 04-10 payment is not made yet');
SELECT is((SELECT sum(paid) FROM report.project_shares_as_of('2026-04-10') WHERE project_code = 'GS-T-001'), 20000.00::numeric,
  'shares on 04-10: paid');

-- the compound dossier
-- The arguments of a message of the dossier (report.said), in English, for comparing: a list joined by ', ',
-- a message as its arguments' values by argument name (its key when it has none), a code as its code.
CREATE FUNCTION pg_temp.said(j jsonb) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE jsonb_typeof(j)
    WHEN 'array' THEN (SELECT string_agg(pg_temp.said(e), ', ' ORDER BY n) FROM jsonb_array_elements(j) WITH ORDINALITY AS a(e, n))
    WHEN 'object' THEN CASE WHEN j ? 'en' THEN j->>'en'
                            ELSE coalesce((SELECT string_agg(pg_temp.said(v), ' ' ORDER BY k) FROM jsonb_each(j - 'message') AS a(k, v)),
                                          j->>'message') END
    ELSE j #>> '{}' END $$;
CREATE FUNCTION pg_temp.dossier(p_section text, p_as_of date) RETURNS text LANGUAGE sql AS
  $$ SELECT string_agg(pg_temp.said(item) || ': ' || pg_temp.said(detail), ' | ' ORDER BY pg_temp.said(item))
     FROM report.compound_report('GS-PJ-001', p_as_of) WHERE section = p_section $$;
SELECT is(pg_temp.dossier('project', '2026-02-01'),
  'GS-T-001: 平江新村线路改造, wiring, proposed, 50000.00, 50000.00, 0.00, none',
  'dossier on 02-01: the project as proposed, no vote, nothing paid');
SELECT is(pg_temp.dossier('project', '2026-05-01'),
  'GS-T-001: 平江新村线路改造, wiring, in_progress, 50000.00, 50000.00, 20000.00, passed',
  'dossier on 05-01: in progress, the vote passed, 20000.00 paid');
SELECT is(pg_temp.dossier('project', '2026-01-01'), NULL, 'dossier on 01-01: no project yet');
SELECT is(pg_temp.dossier('complaint', '2026-01-20'), NULL, 'dossier on 01-20: the complaint is not received yet');
SELECT is(pg_temp.dossier('complaint', '2026-02-20'), 'TS-T-001: 2026-02-01, repairs, dossierOpen', 'dossier on 02-20: the complaint is open');
SELECT is(pg_temp.dossier('complaint', '2026-03-20'), 'TS-T-001: 2026-02-01, repairs, 2026-03-10',
  'dossier on 03-20: resolved');
SELECT is(pg_temp.dossier('survey', '2026-03-30'), NULL, 'dossier on 03-30: the Q1 survey period has not ended');
SELECT is(pg_temp.dossier('survey', '2026-04-01'), '2026-Q1: 6 5', 'dossier on 04-01: the Q1 survey counts');

SELECT * FROM finish();
ROLLBACK;
