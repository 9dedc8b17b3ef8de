-- The report schema's views — the building blocks the reports read (repeatable: sql/schema/README.md).
--
-- Views are owned by propledger_owner and read the ledger with its rights, so a reader needs
-- nothing outside this schema; the ledger tables FORCE row-level security and their policies
-- test current_user (the reader), so each reader still sees only the districts of its scope.
-- Functions taking as_of are plain SQL (SECURITY INVOKER) over these views.

CREATE VIEW report.districts AS
SELECT d.district_code, d.name FROM ledger.districts AS d;
COMMENT ON VIEW report.districts IS 'Districts (reference registry, readable city-wide).';

CREATE VIEW report.compounds AS
SELECT c.compound_code, c.name, c.address, c.housing_type, c.built_year, c.buildings, c.households,
       c.floor_area_m2, c.community_code, cm.name AS community_name, cm.community_type,
       cm.street_code, s.name AS street_name, c.district_code, d.name AS district_name
FROM ledger.compounds AS c
JOIN ledger.communities AS cm ON cm.community_code = c.community_code
JOIN ledger.streets AS s ON s.street_code = cm.street_code
JOIN ledger.districts AS d ON d.district_code = c.district_code;
COMMENT ON VIEW report.compounds IS 'Compounds with their community (and type), street and district.';

CREATE VIEW report.companies AS
SELECT co.uscc, co.name, co.ownership, co.district_code FROM ledger.companies AS co;
COMMENT ON VIEW report.companies IS 'Companies (reference registry, readable city-wide).';

CREATE VIEW report.units AS
SELECT u.compound_code, u.building, u.unit_no, u.floor_area_m2, u.district_code FROM ledger.units AS u;
COMMENT ON VIEW report.units IS 'Units of the compounds in scope.';

CREATE VIEW report.management_periods AS
SELECT m.compound_code, m.district_code, m.start_on, m.end_on, m.mode, m.company_uscc,
       co.name AS company_name, m.basis, m.fee_yuan_per_m2_month
FROM ledger.management AS m
LEFT JOIN ledger.companies AS co ON co.uscc = m.company_uscc;
COMMENT ON VIEW report.management_periods IS 'Management periods (start_on..end_on inclusive) with the company name.';

-- Usage: SELECT * FROM report.management_status(DATE '2024-06-30');
CREATE FUNCTION report.management_status(as_of date DEFAULT current_date)
RETURNS TABLE (compound_code text, compound_name text, district_code text, street_code text,
               community_code text, community_type text, households integer, managed boolean,
               mode text, company_uscc text, company_name text, basis text,
               fee_yuan_per_m2_month numeric, start_on date, end_on date)
LANGUAGE sql STABLE
AS $$
  SELECT c.compound_code, c.name, c.district_code, c.street_code, c.community_code, c.community_type,
         c.households, m.mode IS NOT NULL, m.mode, m.company_uscc, m.company_name, m.basis,
         m.fee_yuan_per_m2_month, m.start_on, m.end_on
  FROM report.compounds AS c
  LEFT JOIN report.management_periods AS m
    ON m.compound_code = c.compound_code AND as_of BETWEEN m.start_on AND coalesce(m.end_on, 'infinity')
$$;
COMMENT ON FUNCTION report.management_status(date) IS 'Every compound and the management period in force on as_of (managed = false: none).';

-- SPEC §2.9: verified when a period of the matching mode is in force on resolved_on or within
-- 30 days after it.
CREATE VIEW report.clearance_cases AS
SELECT k.compound_code, k.identified_on, k.district_code, c.street_code, c.community_code, c.community_type,
       k.target_on, k.resolution, k.resolved_on, k.note, e.mode AS expected_mode,
       CASE WHEN k.resolution IS NOT NULL THEN v.start_on IS NOT NULL END AS verified,
       v.start_on AS verifying_period_start_on
FROM ledger.clearance AS k
JOIN report.compounds AS c ON c.compound_code = k.compound_code
-- The management mode a resolution claims (the one place this mapping is written).
CROSS JOIN LATERAL (SELECT CASE k.resolution WHEN 'company_takeover' THEN 'company' WHEN 'self_management' THEN 'self_managed'
                                             WHEN 'community_fallback' THEN 'fallback' END AS mode) AS e
LEFT JOIN LATERAL (
  SELECT m.start_on FROM ledger.management AS m
  -- compound_code = k.compound_code AND start_on <= resolved_on + 30, as one row-comparison range:
  -- only a btree can use a row comparison, so the primary key (compound_code, start_on) answers it, in
  -- start_on order (with a plain equality the planner preferred the GiST index, ~40× slower a probe).
  WHERE (m.compound_code, m.start_on) BETWEEN (k.compound_code, '-infinity'::date) AND (k.compound_code, k.resolved_on + 30)
    AND m.mode = e.mode
    -- with the above: [start_on, end_on] overlaps [resolved_on, resolved_on + 30] (end_on NULL: open-ended)
    AND coalesce(m.end_on, 'infinity') >= k.resolved_on
  ORDER BY m.start_on LIMIT 1) AS v ON true;
COMMENT ON VIEW report.clearance_cases IS 'Clearance cases with verified (true/false; NULL while open) per SPEC §2.9 and the verifying period.';

-- Usage: SELECT state, count(*) FROM report.clearance_as_of(DATE '2024-12-31') GROUP BY state;
-- The one home of "a case as of a date" (issue 12): report clearance, anomalies, the compound dossier and
-- anyone with psql read a case's state here. As of as_of, a case identified by then is open until its
-- resolved_on; once resolved it is verified only when its verifying period (§2.9: in force on resolved_on
-- or within 30 days after) has started by as_of — a period that starts later is not yet known to hold.
CREATE FUNCTION report.clearance_as_of(as_of date DEFAULT current_date)
RETURNS TABLE (compound_code text, identified_on date, district_code text, street_code text,
               community_code text, community_type text, target_on date, resolution text,
               resolved_on date, verified boolean, state text, overdue boolean, expected_mode text, note text)
LANGUAGE sql STABLE
AS $$
  SELECT k.compound_code, k.identified_on, k.district_code, k.street_code, k.community_code, k.community_type,
         k.target_on, r.resolution, r.resolved_on, r.verified,
         CASE WHEN r.resolved_on IS NULL THEN 'open'
              WHEN r.verified THEN 'resolved_verified' ELSE 'resolved_unverified' END,
         r.resolved_on IS NULL AND k.target_on < as_of,
         k.expected_mode, k.note
  FROM report.clearance_cases AS k
  CROSS JOIN LATERAL (SELECT CASE WHEN k.resolved_on <= as_of THEN k.resolution END AS resolution,
                             CASE WHEN k.resolved_on <= as_of THEN k.resolved_on END AS resolved_on,
                             CASE WHEN k.resolved_on <= as_of
                                  THEN coalesce(k.verified AND k.verifying_period_start_on <= as_of, false) END AS verified) AS r
  WHERE k.identified_on <= as_of
$$;
COMMENT ON FUNCTION report.clearance_as_of(date) IS 'Clearance cases identified by as_of: state open / resolved_verified (its verifying period started by as_of) / resolved_unverified, overdue = open past target_on. The one definition every report uses.';

CREATE VIEW report.committees AS
SELECT k.compound_code, k.district_code, k.term_start, k.term_end, k.kind, k.members, k.party_members,
       k.public_servant_members
FROM ledger.committees AS k;
COMMENT ON VIEW report.committees IS 'Owners'' organisations, every term.';

-- The size and term rules each committee breaks by its jurisdiction's rules as of its term_start
-- (ledger.committee_findings): a refusal found only now (a rule row added after the load) or a 一般 limit
-- exceeded (a warning, SPEC §10). report anomalies lists them (by compound: row-level security on the
-- committees applies; the district is the compound's).
CREATE VIEW report.committee_findings AS
SELECT c.compound_code, c.kind, c.term_start, c.term_end, c.members,
       c.rule, c.refusal, c.message, c.source_zh, c.source_en
FROM ledger.committee_checks AS c;
COMMENT ON VIEW report.committee_findings IS 'Committees that break a size or term rule of their jurisdiction as of term_start (refusal) or exceed a 一般 limit (warning).';

CREATE VIEW report.jurisdictions AS
SELECT j.jurisdiction, j.name_zh, j.name_en FROM ledger.jurisdictions AS j;
COMMENT ON VIEW report.jurisdictions IS 'Jurisdictions whose rules the ledger applies (SPEC §10).';

CREATE VIEW report.rules AS
SELECT r.jurisdiction, r.parameter, r.effective_from, r.value, r.general, r.source_zh, r.source_en,
       p.description_en, p.description_zh
FROM ledger.rules AS r JOIN ledger.rule_parameters AS p ON p.parameter = r.parameter;
COMMENT ON VIEW report.rules IS 'Every rule row, by jurisdiction and effective date, with its source (SPEC §10; docs/rules.md).';

CREATE VIEW report.rule_parameters AS
SELECT p.parameter, p.value_type, p.description_en, p.description_zh FROM ledger.rule_parameters AS p;
COMMENT ON VIEW report.rule_parameters IS 'Every rule parameter the ledger reads (SPEC §10).';

-- The rules in force for a district (NULL: national) on a date, one row per parameter, with the
-- jurisdiction that sets it and its source (SPEC §10; propledger rules). value NULL: no such limit.
-- Usage: SELECT * FROM report.rules_in_force('110105', DATE '2026-01-01');
CREATE FUNCTION report.rules_in_force(p_district text DEFAULT NULL, p_as_of date DEFAULT current_date)
RETURNS TABLE (parameter text, value text, general boolean, jurisdiction text, jurisdiction_zh text,
               jurisdiction_en text, effective_from date, description_en text, description_zh text,
               source_zh text, source_en text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT p.parameter, r.value, r.general, r.jurisdiction, j.name_zh, j.name_en, r.effective_from,
         p.description_en, p.description_zh, r.source_zh, r.source_en
  FROM report.rule_parameters AS p
  CROSS JOIN LATERAL ledger.rule_in_force(p_district, p.parameter, p_as_of) AS r
  JOIN report.jurisdictions AS j ON j.jurisdiction = r.jurisdiction
  ORDER BY p.parameter;
END;
COMMENT ON FUNCTION report.rules_in_force(text, date) IS 'SPEC §10: every rule parameter in force for a district (NULL: national) on a date, with its jurisdiction and source.';

-- The jurisdictions whose rules reach a district (NULL: national only), most specific first, with their
-- names: the chain report.rules_in_force walks (SPEC §10; the header of propledger rules).
-- Usage: SELECT * FROM report.jurisdiction_chain('330106'); → (1, 3301, 杭州市, Hangzhou), (2, 33, …), (3, national, …)
CREATE FUNCTION report.jurisdiction_chain(p_district text DEFAULT NULL)
RETURNS TABLE (depth integer, jurisdiction text, name_zh text, name_en text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
  SELECT c.depth, c.jurisdiction, j.name_zh, j.name_en
  FROM ledger.jurisdiction_chain(p_district) AS c
  JOIN report.jurisdictions AS j ON j.jurisdiction = c.jurisdiction
  ORDER BY c.depth;
END;
COMMENT ON FUNCTION report.jurisdiction_chain(text) IS 'SPEC §10: the jurisdictions whose rules reach a district (NULL: national only), most specific first, with their names.';

CREATE VIEW report.party_orgs AS
SELECT o.host_type, o.host_key, o.district_code, o.established_on, o.dissolved_on, o.form, o.formal_members,
       coalesce(c.name, co.name) AS host_name
FROM ledger.party_orgs AS o
LEFT JOIN ledger.compounds AS c ON c.compound_code = o.host_compound_code
LEFT JOIN ledger.companies AS co ON co.uscc = o.host_company_uscc;
COMMENT ON VIEW report.party_orgs IS 'Party organisations, every one, with the host''s name (compound or company).';

-- Usage: SELECT * FROM report.party_orgs_in_force(DATE '2024-06-30');
CREATE FUNCTION report.party_orgs_in_force(as_of date DEFAULT current_date)
RETURNS TABLE (host_type text, host_key text, district_code text, host_name text, form text,
               formal_members integer, established_on date, dissolved_on date)
LANGUAGE sql STABLE
AS $$
  SELECT o.host_type, o.host_key, o.district_code, o.host_name, o.form, o.formal_members,
         o.established_on, o.dissolved_on
  FROM report.party_orgs AS o
  WHERE as_of BETWEEN o.established_on AND coalesce(o.dissolved_on, 'infinity')
$$;
COMMENT ON FUNCTION report.party_orgs_in_force(date) IS 'Party organisations live on as_of (at most one per host).';

-- Usage: SELECT * FROM report.committees_in_force(DATE '2024-06-30');
CREATE FUNCTION report.committees_in_force(as_of date DEFAULT current_date)
RETURNS TABLE (compound_code text, district_code text, kind text, term_start date, term_end date,
               members integer, party_members integer, public_servant_members integer,
               party_org_form text, party_org_formal_members integer)
LANGUAGE sql STABLE
AS $$
  SELECT k.compound_code, k.district_code, k.kind, k.term_start, k.term_end, k.members, k.party_members,
         k.public_servant_members, o.form, o.formal_members
  FROM report.committees AS k
  LEFT JOIN report.party_orgs_in_force(as_of) AS o ON o.host_type = 'committee' AND o.host_key = k.compound_code
  WHERE as_of BETWEEN k.term_start AND coalesce(k.term_end, 'infinity')
$$;
COMMENT ON FUNCTION report.committees_in_force(date) IS 'Committees in their term on as_of, with the party organisation live in them (NULL form: none).';

CREATE VIEW report.funding_committed AS
SELECT f.project_code, f.district_code, f.source, f.payer, f.amount_yuan, f.percent, f.committed_yuan
FROM ledger.funding_amounts AS f;
COMMENT ON VIEW report.funding_committed IS 'Every funding share as an amount (committed_yuan), percent shares split by largest remainder.';

CREATE VIEW report.vote_laws AS
SELECT * FROM ledger.vote_laws;
COMMENT ON VIEW report.vote_laws IS 'The law of owners'' votes by date with its thresholds (SPEC §2.2, §10), as ledger.vote_laws.';

-- The kept results of projects (migration 034) and the projects whose kept results are out of date.
CREATE VIEW report.shares_kept AS
SELECT k.project_code, k.district_code, k.source, k.payer, k.funded, k.committed, k.paid, k.last_paid_on
FROM staging.shares_kept AS k;
COMMENT ON VIEW report.shares_kept IS 'The kept shares (migration 034): per project, source and payer, funded, committed, paid in all and the last payment''s day; current for every project not in report.projects_stale.';
CREATE VIEW report.project_totals_kept AS
SELECT t.project_code, t.district_code, t.government, t.company, t.maintenance_fund, t.owners, t.co_building,
       t.community_fund, t.committed, t.paid, t.outstanding, t.overrun, t.last_paid_on, t.votes, t.passed, t.last_held_on
FROM staging.project_totals_kept AS t;
COMMENT ON VIEW report.project_totals_kept IS 'The kept totals of each project (migration 037): its shares summed (committed per source and in all, paid, outstanding, overrun) and its votes counted, with its last payment''s and last vote''s days; the answer for an --as-of on or after both when the project is not in report.projects_stale.';
CREATE VIEW report.projects_stale AS
SELECT s.project_code, s.district_code, s.marked_at FROM staging.projects_stale AS s;
COMMENT ON VIEW report.projects_stale IS 'Projects whose kept votes and shares are out of date (computed live until ledger.refresh_kept).';

-- The kept evaluations (migration 034) of every project whose votes are current, and ledger.votes_evaluated
-- for the projects marked stale: the same rows either way (pgTAP 034-kept-results).
CREATE VIEW report.votes AS
SELECT k.* FROM staging.votes_kept AS k
WHERE NOT EXISTS (SELECT 1 FROM staging.projects_stale AS s WHERE s.project_code = k.project_code)
UNION ALL
SELECT e.* FROM ledger.votes_evaluated AS e
WHERE EXISTS (SELECT 1 FROM staging.projects_stale AS s WHERE s.project_code = e.project_code)
  -- a one-time test: with nothing stale the counting never runs. Without it the planner, not knowing the
  -- stale table is empty (as right after the load's project pass cleared it), counted every vote and kept
  -- none (ledger.keep_project_totals: 9.3 s at city, all of its time).
  AND EXISTS (SELECT 1 FROM staging.projects_stale);
COMMENT ON VIEW report.votes IS 'Votes with computed totals and the result under the law in force on held_on (law): ledger.votes_evaluated, kept (migration 034).';

CREATE VIEW report.payments AS
SELECT p.voucher_no, p.project_code, p.district_code, p.source, p.payer, p.paid_on, p.amount_yuan
FROM ledger.payments AS p;
COMMENT ON VIEW report.payments IS 'Payments against projects.';

-- Usage: SELECT * FROM report.share_totals(DATE '2026-11-21', NULL, ARRAY['GS2026002']);
-- The computation of the shares (read them with report.project_shares_as_of, which keeps them): per project
-- (of one district, of the projects given; NULL = all), source and payer, whether a funding row names the
-- share (funded), what it commits (a percent share split from the budget by largest remainder), what was
-- paid by as_of and the day of its last payment by then. A payment with no share is all overrun.
CREATE FUNCTION report.share_totals(p_as_of date, p_district text DEFAULT NULL, p_projects text[] DEFAULT NULL)
RETURNS TABLE (project_code text, district_code text, source text, payer text, funded boolean, committed numeric,
               paid numeric, last_paid_on date)
LANGUAGE sql STABLE
AS $$
  WITH committed AS (
    SELECT f.project_code, f.district_code, f.source, f.payer, sum(f.committed_yuan) AS yuan
    FROM report.funding_committed AS f
    WHERE (p_district IS NULL OR f.district_code = p_district) AND (p_projects IS NULL OR f.project_code = ANY (p_projects))
    GROUP BY 1, 2, 3, 4
  ), paid AS (
    SELECT p.project_code, p.district_code, p.source, p.payer, sum(p.amount_yuan) AS yuan, max(p.paid_on) AS last_paid_on
    FROM report.payments AS p
    WHERE p.paid_on <= p_as_of AND (p_district IS NULL OR p.district_code = p_district)
      AND (p_projects IS NULL OR p.project_code = ANY (p_projects))
    GROUP BY 1, 2, 3, 4
  )
  SELECT coalesce(c.project_code, p.project_code), coalesce(c.district_code, p.district_code),
         coalesce(c.source, p.source), coalesce(c.payer, p.payer), c.project_code IS NOT NULL, c.yuan,
         coalesce(p.yuan, 0), p.last_paid_on
  FROM committed AS c
  FULL JOIN paid AS p ON p.project_code = c.project_code AND p.source = c.source
                     AND p.payer IS NOT DISTINCT FROM c.payer
$$;
COMMENT ON FUNCTION report.share_totals(date, text, text[]) IS 'Per project (of one district and of the projects given, or all when NULL), source and payer: funded (a funding row), committed, paid by as_of, the last payment''s day by then. The computation behind the kept shares (migration 034).';

-- Committed and paid (by as_of) per project, source and payer; outstanding and overrun per share.
-- Usage: SELECT * FROM report.project_shares_as_of(DATE '2026-11-21');
-- The kept shares (migration 034) of every project that is not stale: an as_of on or after a share's last
-- payment reads its kept paid amount, an earlier one sums its payments up to as_of; the stale projects'
-- shares are computed (report.share_totals). A share shows when a funding row names it or something was
-- paid to it by as_of — the same rows either way (pgTAP 034-kept-results).
CREATE FUNCTION report.project_shares_as_of(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                            p_projects text[] DEFAULT NULL)
RETURNS TABLE (project_code text, district_code text, source text, payer text, committed numeric,
               paid numeric, outstanding numeric, overrun numeric)
LANGUAGE sql STABLE
AS $$
  WITH kept AS (
    SELECT k.* FROM report.shares_kept AS k
    WHERE (p_district IS NULL OR k.district_code = p_district)
      -- IN (unnest): a hashed look-up, where = ANY would scan the array once per share
      AND (p_projects IS NULL OR k.project_code IN (SELECT unnest(p_projects)))
      -- NOT IN (a hashed subplan; project_code is never NULL): NOT EXISTS was planned as a nested loop over
      -- the stale table, one scan of it per kept share (140 ms for 339,204 shares at province)
      AND k.project_code NOT IN (SELECT s.project_code FROM report.projects_stale AS s)
  ), late AS (
    -- shares paid again after as_of: what was paid by then
    SELECT k.project_code, k.source, k.payer, sum(y.amount_yuan) AS paid
    FROM kept AS k
    JOIN report.payments AS y ON y.project_code = k.project_code AND y.source = k.source
                             AND y.payer IS NOT DISTINCT FROM k.payer AND y.paid_on <= p_as_of
    WHERE k.last_paid_on > p_as_of
    GROUP BY 1, 2, 3
  ), shares AS (
    SELECT k.project_code, k.district_code, k.source, k.payer, k.committed,
           CASE WHEN k.last_paid_on > p_as_of THEN coalesce(l.paid, 0) ELSE k.paid END AS paid
    FROM kept AS k
    LEFT JOIN late AS l ON l.project_code = k.project_code AND l.source = k.source AND l.payer IS NOT DISTINCT FROM k.payer
    WHERE k.funded OR CASE WHEN k.last_paid_on > p_as_of THEN l.paid IS NOT NULL ELSE k.last_paid_on IS NOT NULL END
    UNION ALL
    SELECT t.project_code, t.district_code, t.source, t.payer, t.committed, t.paid
    FROM report.share_totals(p_as_of, p_district, ARRAY(SELECT s.project_code FROM report.projects_stale AS s
                                                         WHERE p_projects IS NULL OR s.project_code IN (SELECT unnest(p_projects)))) AS t
    -- a one-time test: with nothing stale the computation (a scan of every funding row and payment) never runs
    WHERE EXISTS (SELECT 1 FROM report.projects_stale)
  )
  SELECT x.project_code, x.district_code, x.source, x.payer,
         coalesce(x.committed, 0)::numeric(14,2), x.paid::numeric(14,2),
         greatest(coalesce(x.committed, 0) - x.paid, 0)::numeric(14,2),
         greatest(x.paid - coalesce(x.committed, 0), 0)::numeric(14,2)
  FROM shares AS x
$$;
COMMENT ON FUNCTION report.project_shares_as_of(date, text, text[]) IS 'Per project (of one district and of the projects given, or all when NULL), source and payer: committed, paid by as_of, outstanding = max(0, committed - paid), overrun = max(0, paid - committed). Kept shares for current projects, computed for stale ones (migration 034).';

-- Usage: SELECT * FROM report.project_totals_compute(DATE '2026-11-21', NULL, ARRAY['GS-2024-001']);
-- Per project (of one district and of the projects given, or all when NULL): its shares as of p_as_of summed
-- (committed per source and in all, paid, outstanding, overrun; NULL where it has none) and its votes held by
-- then counted. What the projects report shows per project, and what migration 037 keeps (ledger.keep_project_totals,
-- with no end date).
CREATE FUNCTION report.project_totals_compute(p_as_of date, p_district text DEFAULT NULL, p_projects text[] DEFAULT NULL)
RETURNS TABLE (project_code text, government numeric, company numeric, maintenance_fund numeric, owners numeric,
               co_building numeric, community_fund numeric, committed numeric, paid numeric, outstanding numeric,
               overrun numeric, votes bigint, passed bigint)
LANGUAGE sql STABLE
AS $$
  WITH s AS (
    SELECT x.project_code,
           sum(x.committed) FILTER (WHERE x.source = 'government') AS government,
           sum(x.committed) FILTER (WHERE x.source = 'company') AS company,
           sum(x.committed) FILTER (WHERE x.source = 'maintenance_fund') AS maintenance_fund,
           sum(x.committed) FILTER (WHERE x.source = 'owners') AS owners,
           sum(x.committed) FILTER (WHERE x.source = 'co_building') AS co_building,
           sum(x.committed) FILTER (WHERE x.source = 'community_fund') AS community_fund,
           sum(x.committed) AS committed, sum(x.paid) AS paid, sum(x.outstanding) AS outstanding,
           sum(x.overrun) AS overrun
    FROM report.project_shares_as_of(p_as_of, p_district, p_projects) AS x GROUP BY x.project_code
  ), v AS (
    -- the votes held by p_as_of
    SELECT y.project_code, count(*) AS votes, count(*) FILTER (WHERE y.passed) AS passed
    FROM report.votes AS y
    WHERE y.held_on <= p_as_of AND (p_district IS NULL OR y.district_code = p_district)
      AND (p_projects IS NULL OR y.project_code IN (SELECT unnest(p_projects)))
    GROUP BY y.project_code
  )
  SELECT coalesce(s.project_code, v.project_code), s.government, s.company, s.maintenance_fund, s.owners, s.co_building,
         s.community_fund, s.committed, s.paid, s.outstanding, s.overrun, v.votes, v.passed
  FROM s FULL JOIN v ON v.project_code = s.project_code
$$;
COMMENT ON FUNCTION report.project_totals_compute(date, text, text[]) IS 'Per project (of one district and of the projects given, or all when NULL): committed per source and in all, paid by as_of, outstanding and overrun (summed per share), votes held by as_of and how many passed.';

-- Committed and paid per (project, source, payer) with nothing left out by date: the shares of
-- report.project_shares_as_of (kept, stale ones computed).
CREATE VIEW report.project_sources AS
SELECT x.project_code, x.district_code, x.source, x.payer, x.committed::numeric(14,2) AS committed_yuan,
       x.paid::numeric(14,2) AS paid_yuan, x.outstanding::numeric(14,2) AS outstanding_yuan,
       x.overrun::numeric(14,2) AS overrun_yuan
FROM report.project_shares_as_of('infinity') AS x;
COMMENT ON VIEW report.project_sources IS 'Per project, source and payer: committed, paid, outstanding and overrun yuan.';

-- A project's status on a day, from its status dates (SPEC §2.5: they agree with the status): the one
-- reading of "status as of" every report uses.
-- Usage: SELECT report.project_status_as_of(DATE '2026-03-01', approved_on, started_on, completed_on, accepted_on, cancelled_on)
CREATE FUNCTION report.project_status_as_of(as_of date, approved_on date, started_on date, completed_on date,
                                            accepted_on date, cancelled_on date) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN cancelled_on <= as_of THEN 'cancelled' WHEN accepted_on <= as_of THEN 'accepted'
            WHEN completed_on <= as_of THEN 'completed' WHEN started_on <= as_of THEN 'in_progress'
            WHEN approved_on <= as_of THEN 'approved' ELSE 'proposed' END;

-- A project's vote status from its votes (held by the day a report describes): none, passed (any
-- vote passed) or failed. Usage: SELECT report.vote_status(count(*), count(*) FILTER (WHERE passed)).
CREATE FUNCTION report.vote_status(votes bigint, passed bigint) RETURNS text
LANGUAGE sql IMMUTABLE
RETURN CASE WHEN coalesce(votes, 0) = 0 THEN 'none' WHEN passed > 0 THEN 'passed' ELSE 'failed' END;

CREATE VIEW report.projects AS
SELECT p.project_code, p.compound_code, c.name AS compound_name, p.district_code, p.category, p.title,
       p.scope_buildings, p.status, p.budget_yuan, p.final_cost_yuan, p.proposed_on, p.approved_on,
       p.started_on, p.completed_on, p.accepted_on, p.cancelled_on,
       coalesce(s.committed_yuan, 0)::numeric(14,2) AS committed_yuan,
       coalesce(s.paid_yuan, 0)::numeric(14,2) AS paid_yuan,
       coalesce(s.outstanding_yuan, 0)::numeric(14,2) AS outstanding_yuan,
       coalesce(s.overrun_yuan, 0)::numeric(14,2) AS overrun_yuan,
       report.vote_status(v.votes, v.passed) AS vote_status
FROM ledger.projects AS p
JOIN ledger.compounds AS c ON c.compound_code = p.compound_code
LEFT JOIN (SELECT project_code, sum(committed_yuan) AS committed_yuan, sum(paid_yuan) AS paid_yuan,
                  sum(outstanding_yuan) AS outstanding_yuan, sum(overrun_yuan) AS overrun_yuan
           FROM report.project_sources GROUP BY project_code) AS s ON s.project_code = p.project_code
LEFT JOIN (SELECT project_code, count(*) AS votes, count(*) FILTER (WHERE passed) AS passed
           FROM report.votes GROUP BY project_code) AS v ON v.project_code = p.project_code;
COMMENT ON VIEW report.projects IS 'Projects with committed, paid, outstanding and overrun totals and vote_status (none/passed/failed).';

-- SPEC §2.3, §6: the owners' + maintenance-fund share of each project apportioned to the units in
-- scope by agreed weight where the project has weights, else by floor area (ledger.project_unit_weights),
-- exact to the fen; ties go by (building, unit_no) in natural order.
-- A view (not a function body) so a reader needs no rights on the ledger schema.
CREATE VIEW report.apportionment AS
WITH share AS (
  SELECT f.project_code, sum(f.committed_yuan) AS share_yuan FROM ledger.funding_amounts AS f
  WHERE f.source IN ('owners', 'maintenance_fund') GROUP BY f.project_code
), scope AS (
  SELECT u.project_code, u.district_code,
         array_agg(u.building ORDER BY ledger.natural_key(u.building), ledger.natural_key(u.unit_no)) AS buildings,
         array_agg(u.unit_no ORDER BY ledger.natural_key(u.building), ledger.natural_key(u.unit_no)) AS unit_nos,
         array_agg(u.floor_area_m2 ORDER BY ledger.natural_key(u.building), ledger.natural_key(u.unit_no)) AS areas,
         array_agg(u.agreed_weight ORDER BY ledger.natural_key(u.building), ledger.natural_key(u.unit_no)) AS agreed,
         array_agg(u.weight ORDER BY ledger.natural_key(u.building), ledger.natural_key(u.unit_no)) AS weights
  FROM ledger.project_unit_weights AS u GROUP BY u.project_code, u.district_code
)
SELECT s.project_code, s.district_code, x.position, x.building, x.unit_no, x.floor_area_m2, x.weight,
       coalesce(sh.share_yuan, 0)::numeric(14,2) AS share_yuan, x.amount_yuan::numeric(14,2) AS amount_yuan
FROM scope AS s
LEFT JOIN share AS sh ON sh.project_code = s.project_code
CROSS JOIN LATERAL unnest(s.buildings, s.unit_nos, s.areas, s.agreed,
                          ledger.allocate_weights(coalesce(sh.share_yuan, 0), s.weights))
  WITH ORDINALITY AS x(building, unit_no, floor_area_m2, weight, amount_yuan, position);
COMMENT ON VIEW report.apportionment IS 'Per project and unit in scope: the owners'' + maintenance-fund share apportioned by agreed weight (weight; NULL when the project has none) or else floor area, exact to the fen (SPEC §2.3, §6).';

CREATE VIEW report.inspections AS
SELECT i.inspection_code, i.compound_code, i.district_code, i.company_uscc, i.inspected_on, i.inspector, i.score
FROM ledger.inspections AS i;
COMMENT ON VIEW report.inspections IS 'Inspections.';

CREATE VIEW report.rectifications AS
SELECT r.inspection_code, r.item_no, r.district_code, i.compound_code, i.company_uscc, r.issue, r.deadline, r.closed_on
FROM ledger.rectifications AS r
JOIN ledger.inspections AS i ON i.inspection_code = r.inspection_code;
COMMENT ON VIEW report.rectifications IS 'Rectification items with their inspection''s compound and company.';

CREATE VIEW report.complaints AS
SELECT k.complaint_code, k.compound_code, k.district_code, k.company_uscc, k.received_on, k.category, k.resolved_on
FROM ledger.complaints AS k;
COMMENT ON VIEW report.complaints IS 'Complaints.';

-- A survey's period ('2026' or '2026-Q3') as dates: the one reading of a period every report uses.
CREATE VIEW report.surveys AS
SELECT s.compound_code, s.period, s.district_code, s.company_uscc, s.respondents, s.satisfied,
       p.starts AS period_start, (p.starts + p.span - interval '1 day')::date AS period_end
FROM ledger.surveys AS s
CROSS JOIN LATERAL (SELECT make_date(left(s.period, 4)::int, coalesce((substr(s.period, 7, 1)::int - 1) * 3 + 1, 1), 1) AS starts,
                           CASE WHEN length(s.period) = 4 THEN interval '1 year' ELSE interval '3 months' END AS span) AS p;
COMMENT ON VIEW report.surveys IS 'Satisfaction surveys, with the first and last day of their period.';

CREATE VIEW report.settings AS
SELECT s.key, s.value, s.note FROM ledger.settings AS s;
COMMENT ON VIEW report.settings IS 'Report settings (company score weights, …).';

CREATE VIEW report.load_batches AS
SELECT b.id, b.started_at, b.finished_at, b.db_user, b.application_name, b.kind, b.file_name, b.sha256,
       b.rows, b.inserted, b.updated, b.unchanged, b.rejected, b.deleted, b.status
FROM audit.load_batches AS b;
COMMENT ON VIEW report.load_batches IS 'Load batches (propledger report loads).';

GRANT SELECT ON ALL TABLES IN SCHEMA report TO propledger_reader;

-- The Chinese labels of the codes --lang zh shows, for `--lang zh` output and for readers: one row per
-- (kind, column, code) with its label and, for a value a load accepts (migration 025), the other words a load
-- reads as the same value. The one list: the enumerations of the load kinds (025, 031), the codes reports make
-- (033), the load kinds by their nouns (report loads) and the laws of votes by their Chinese names.
CREATE VIEW report.labels AS
SELECT l.kind, l.column_name, l.code, l.position, l.label_zh,
       ARRAY(SELECT s.synonym FROM staging.value_synonyms AS s
             WHERE s.kind = l.kind AND s.column_name = l.column_name AND s.code = l.code ORDER BY s.synonym COLLATE "C") AS synonyms
FROM staging.value_labels AS l
UNION ALL
SELECT o.kind, o.column_name, o.code, o.position, o.label_zh, '{}'::text[] FROM staging.output_labels AS o
UNION ALL
SELECT 'loads', 'kind', k.kind, k.load_order, k.noun_zh, '{}'::text[] FROM staging.load_kinds AS k
UNION ALL
SELECT 'votes', 'law', l.law, (row_number() OVER (ORDER BY l.valid_from))::smallint, l.source_zh, '{}'::text[]
FROM ledger.vote_laws AS l;
COMMENT ON VIEW report.labels IS 'Chinese labels of the codes reports show: the enumerated values of each load kind''s columns (with their synonyms), the codes reports make (staging.output_labels), load kinds and vote laws.';
GRANT SELECT ON report.labels TO propledger_reader;
