-- sql/schema: "a clearance case as of a date" has one home, report.clearance_as_of, and the four places
-- that show it — report clearance, report anomalies, the compound dossier and clearance_as_of itself —
-- agree on every case of this table, on dates around the 30-day window (SPEC §2.9, issue 12).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(14);

\ir fixtures/two-districts.sql

-- One compound per case, all in 姑苏区 320508, managed by 91350100M000100Y43 when a period says so.
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name)
SELECT code, '320508001001', '320508', '清零' || code
FROM unnest(ARRAY['CA', 'CB', 'CC', 'CD', 'CE', 'CF']) AS code;
INSERT INTO ledger.management (compound_code, start_on, end_on, district_code, mode, company_uscc, basis) VALUES
  -- CA: resolved 03-01; the company period starts 03-31, inside the window but after 03-15.
  ('CA', '2026-03-31', NULL, '320508', 'company', '91350100M000100Y43', 'tender'),
  -- CB: resolved 03-01; a company period in force since 02-20.
  ('CB', '2026-02-20', NULL, '320508', 'company', '91350100M000100Y43', 'tender'),
  -- CC: resolved 03-01; the period starts 04-05, 35 days after: outside the window.
  ('CC', '2026-04-05', NULL, '320508', 'company', '91350100M000100Y43', 'tender'),
  -- CE: resolved 02-01 by a period that ended 02-28: verified, then unmanaged again (relapsed).
  ('CE', '2026-02-01', '2026-02-28', '320508', 'company', '91350100M000100Y43', 'tender');
INSERT INTO ledger.clearance (compound_code, identified_on, district_code, target_on, resolution, resolved_on) VALUES
  ('CA', '2026-01-10', '320508', '2026-06-30', 'company_takeover', '2026-03-01'),
  ('CB', '2026-01-10', '320508', '2026-06-30', 'company_takeover', '2026-03-01'),
  ('CC', '2026-01-10', '320508', '2026-06-30', 'company_takeover', '2026-03-01'),
  -- CD: open, past its target on 03-15.
  ('CD', '2026-01-10', '320508', '2026-03-10', NULL, NULL),
  ('CE', '2026-01-10', '320508', '2026-06-30', 'company_takeover', '2026-02-01'),
  -- CF: resolved 03-20, after 03-15 (open then); never verified.
  ('CF', '2026-01-10', '320508', '2026-06-30', 'company_takeover', '2026-03-20');

-- The truth, written out: each case's state on each date.
CREATE TEMP TABLE expected (as_of date, compound_code text, state text) ON COMMIT DROP;
INSERT INTO expected VALUES
  ('2026-03-15', 'CA', 'resolved_unverified'), ('2026-04-15', 'CA', 'resolved_verified'),
  ('2026-03-15', 'CB', 'resolved_verified'),   ('2026-04-15', 'CB', 'resolved_verified'),
  ('2026-03-15', 'CC', 'resolved_unverified'), ('2026-04-15', 'CC', 'resolved_unverified'),
  ('2026-03-15', 'CD', 'open'),                ('2026-04-15', 'CD', 'open'),
  ('2026-03-15', 'CE', 'resolved_verified'),   ('2026-04-15', 'CE', 'resolved_verified'),
  ('2026-03-15', 'CF', 'open'),                ('2026-04-15', 'CF', 'resolved_unverified');
CREATE TEMP TABLE dates ON COMMIT DROP AS SELECT DISTINCT as_of FROM expected;

-- 1. clearance_as_of states each case as the table says.
SELECT results_eq(
  format($$SELECT compound_code, state FROM report.clearance_as_of(%L) WHERE compound_code LIKE 'C_' ORDER BY 1$$, d.as_of),
  format($$SELECT compound_code, state FROM expected WHERE as_of = %L ORDER BY 1$$, d.as_of),
  format('clearance_as_of(%s) gives each case its state', d.as_of))
FROM dates AS d ORDER BY d.as_of;

-- 2. report clearance counts the same states (its 320508 row covers these cases and GS-PJ-001's none).
SELECT results_eq(
  format($$SELECT resolved_verified, resolved_unverified, open FROM report.clearance_report(%L, 'district', '320508')$$, d.as_of),
  format($$SELECT count(*) FILTER (WHERE state = 'resolved_verified'), count(*) FILTER (WHERE state = 'resolved_unverified'),
                  count(*) FILTER (WHERE state = 'open') FROM expected WHERE as_of = %L$$, d.as_of),
  format('report clearance on %s counts verified, unverified and open cases as clearance_as_of does', d.as_of))
FROM dates AS d ORDER BY d.as_of;
SELECT results_eq(
  format($$SELECT relapsed, overdue FROM report.clearance_report(%L, 'district', '320508')$$, d.as_of),
  format($$SELECT count(*) FILTER (WHERE e.state = 'resolved_verified' AND NOT s.managed),
                  count(*) FILTER (WHERE e.state = 'open' AND k.target_on < %L)
           FROM expected AS e JOIN report.management_status(%L) AS s USING (compound_code)
           JOIN ledger.clearance AS k USING (compound_code) WHERE e.as_of = %L$$, d.as_of, d.as_of, d.as_of),
  format('report clearance on %s: relapsed = verified but unmanaged, overdue = open past target', d.as_of))
FROM dates AS d ORDER BY d.as_of;

-- 3. report anomalies flags the unverified resolutions and the relapses of the same table.
SELECT set_eq(
  format($$SELECT split_part(key, ' ', 1) FROM report.anomalies_report(%L) WHERE kind = 'unverified_resolution' AND key LIKE 'C_ %%'$$, d.as_of),
  format($$SELECT compound_code FROM expected WHERE as_of = %L AND state = 'resolved_unverified'$$, d.as_of),
  format('report anomalies on %s: unverified resolutions are the resolved_unverified cases', d.as_of))
FROM dates AS d ORDER BY d.as_of;
SELECT set_eq(
  format($$SELECT split_part(key, ' ', 1) FROM report.anomalies_report(%L) WHERE kind = 'relapsed' AND key LIKE 'C_ %%'$$, d.as_of),
  format($$SELECT e.compound_code FROM expected AS e JOIN report.management_status(%L) AS s USING (compound_code)
           WHERE e.as_of = %L AND e.state = 'resolved_verified' AND NOT s.managed$$, d.as_of, d.as_of),
  format('report anomalies on %s: relapsed are the verified cases nobody manages (CA is not relapsed before its period)', d.as_of))
FROM dates AS d ORDER BY d.as_of;

-- 4. the compound dossier says verified / unverified / open as clearance_as_of does.
SELECT results_eq(
  format($$SELECT c.code, CASE r.detail->1->>'message' WHEN 'dossierResolvedVerified' THEN 'resolved_verified'
                               WHEN 'dossierResolvedUnverified' THEN 'resolved_unverified'
                               WHEN 'dossierOpen' THEN 'open' END
           FROM unnest(ARRAY['CA', 'CB', 'CC', 'CD', 'CE', 'CF']) AS c(code)
           CROSS JOIN LATERAL report.compound_report(c.code, %L) AS r WHERE r.section = 'clearance' ORDER BY 1$$, d.as_of),
  format($$SELECT compound_code, state FROM expected WHERE as_of = %L ORDER BY 1$$, d.as_of),
  format('the compound dossier on %s shows each case''s state', d.as_of))
FROM dates AS d ORDER BY d.as_of;

-- The case the issue found: CA on 03-15 (resolved 03-01, period from 03-31) is unverified everywhere.
SELECT is((SELECT state FROM report.clearance_as_of('2026-03-15') WHERE compound_code = 'CA'), 'resolved_unverified',
  'a resolution whose verifying period starts after the date is not yet verified');
SELECT is((SELECT count(*)::int FROM report.anomalies_report('2026-03-15') WHERE kind = 'relapsed' AND key LIKE 'CA %'), 0,
  'and is not called relapsed');

SELECT * FROM finish();
ROLLBACK;
