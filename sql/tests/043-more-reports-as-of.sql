-- sql/schema: the other reports that take --as-of, each at dates between two events (issue 12):
-- funding (a project cancelled later still counts before), rectifications (an item closed later is still
-- overdue before), party coverage (an organisation founded later is not counted before), expiring
-- (a term ending in the window), companies (an inspection counts only from its date).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(10);

\ir fixtures/two-districts.sql

-- funding: approved 2026-02-01 with a government share, cancelled 2026-06-01.
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan,
                             proposed_on, approved_on, cancelled_on)
  VALUES ('GS-A-001', 'GS-PJ-001', '320508', 'roof', '屋面防水', 'cancelled', 30000.00, '2026-01-05', '2026-02-01', '2026-06-01');
INSERT INTO ledger.funding (project_code, source, payer, district_code, amount_yuan)
  VALUES ('GS-A-001', 'government', 'street', '320508', 30000.00);
SELECT is((SELECT sum(committed) FROM report.funding_report('2026-03-01', NULL, '320508') WHERE source = 'government'),
  30000.00::numeric, 'funding on 03-01: the project, not yet cancelled, commits 30000.00');
SELECT is((SELECT sum(committed) FROM report.funding_report('2026-07-01', NULL, '320508') WHERE source = 'government'),
  NULL, 'funding on 07-01: cancelled on 06-01, it commits nothing');

-- rectifications: an item due 03-31, closed 05-10.
INSERT INTO ledger.management (compound_code, start_on, district_code, mode, company_uscc, basis)
  VALUES ('GS-PJ-001', '2025-01-01', '320508', 'company', '91350100M000100Y43', 'tender');
INSERT INTO ledger.inspections (inspection_code, compound_code, district_code, company_uscc, inspected_on, score)
  VALUES ('JC-A-001', 'GS-PJ-001', '320508', '91350100M000100Y43', '2026-03-01', 70.00);
INSERT INTO ledger.rectifications (inspection_code, item_no, district_code, issue, deadline, closed_on)
  VALUES ('JC-A-001', 1, '320508', '消防通道堵塞', '2026-03-31', '2026-05-10');
SELECT is((SELECT days_overdue FROM report.rectifications_report('2026-04-10') WHERE inspection = 'JC-A-001'), 10,
  'rectifications on 04-10: 10 days overdue');
SELECT is((SELECT count(*)::int FROM report.rectifications_report('2026-05-20') WHERE inspection = 'JC-A-001'), 0,
  'rectifications on 05-20: closed on 05-10, no longer listed');

-- companies: the inspection of 03-01 counts from then.
SELECT is((SELECT inspections FROM report.company_scores('2026-02-15', ARRAY['91350100M000100Y43'])), 0::bigint,
  'company scores on 02-15: no inspection yet');
SELECT is((SELECT inspections FROM report.company_scores('2026-03-15', ARRAY['91350100M000100Y43'])), 1::bigint,
  'company scores on 03-15: the 03-01 inspection counts');

-- party coverage and expiring: a committee from 2024-06-01 to 2026-05-31 and a branch founded 2025-03-01.
INSERT INTO ledger.committees (compound_code, term_start, district_code, kind, term_end, members)
  VALUES ('GS-PJ-001', '2024-06-01', '320508', 'owners_committee', '2026-05-31', 5);
INSERT INTO ledger.party_orgs (host_type, host_key, established_on, district_code, form, formal_members)
  VALUES ('committee', 'GS-PJ-001', '2025-03-01', '320508', 'branch', 3);
SELECT results_eq($$SELECT committees, with_branch FROM report.party_coverage_report('2025-01-01', '320508')$$,
  $$VALUES (1::bigint, 0::bigint)$$, 'party coverage on 2025-01-01: the committee, no branch yet');
SELECT results_eq($$SELECT committees, with_branch FROM report.party_coverage_report('2025-06-01', '320508')$$,
  $$VALUES (1::bigint, 1::bigint)$$, 'party coverage on 2025-06-01: the branch founded 03-01 counts');
SELECT is((SELECT count(*)::int FROM report.expiring_report('2026-04-01', 90, '320508') WHERE kind = 'committee'), 1,
  'expiring on 2026-04-01: the term ending 05-31 is within 90 days');
SELECT is((SELECT count(*)::int FROM report.expiring_report('2026-01-01', 90, '320508') WHERE kind = 'committee'), 0,
  'expiring on 2026-01-01: 05-31 is more than 90 days away');

SELECT * FROM finish();
ROLLBACK;
