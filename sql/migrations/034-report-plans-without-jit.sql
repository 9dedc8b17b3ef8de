-- 034: the report functions run their query without JIT and planned for the filters given.
--
-- Same signatures, columns, rows and order as 031; only how the statement is planned changes
-- (docs/reports.md "Performance").
--
-- JIT. The reports' cost estimates are large (tens of thousands at city scale, ten times that at
-- province scale) while the queries run in milliseconds, so PostgreSQL's default jit_above_cost
-- (100000) and jit_optimize_above_cost (500000) had it compile the plans with LLVM: 2.5 s for
-- projects, 2.6 s for clearance, 5 s for compound, at city scale, for queries that need tens of
-- milliseconds. The estimates grow with the data, so fixing them cannot keep them under the
-- thresholds at province scale: every report function now carries SET jit = off.
--
-- A SET clause stops an SQL function from being inlined into its caller, and a non-inlined SQL
-- function is planned once for any argument values (generic plan): `p_district IS NULL OR
-- c.district_code = p_district` could then not use the district index. So the reports that were
-- LANGUAGE sql become PL/pgSQL running the very same statement with RETURN QUERY: PL/pgSQL plans it
-- with the argument values (a custom plan, one per call of the CLI), so a NULL filter drops out and
-- a district filter becomes district_code = '320508'. `#variable_conflict use_column` keeps the SQL
-- rule that a column name wins over a parameter or output column of the same name. The helpers they
-- call (report.compounds_filtered, report.project_shares_as_of, report.company_scores, ...) stay SQL
-- and are inlined into that statement as before.

CREATE OR REPLACE FUNCTION report.party_coverage_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                             p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (district_code text, district text, committees bigint, with_branch bigint,
               with_working_group bigint, without_party_org bigint, coverage_pct numeric,
               branch_eligible bigint, companies bigint, companies_with_party_org bigint)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH c AS (
    SELECT * FROM report.compounds_filtered(p_district, p_street, p_community)
  ), k AS (
    SELECT c.district_code, k.party_org_form AS form, k.party_members
    FROM report.committees_in_force(p_as_of) AS k JOIN c ON c.compound_code = k.compound_code
  ), committee_counts AS (
    SELECT k.district_code, count(*) AS committees,
           count(*) FILTER (WHERE k.form IN ('branch', 'joint_branch')) AS with_branch,
           count(*) FILTER (WHERE k.form = 'working_group') AS with_working_group,
           count(*) FILTER (WHERE k.form IS NULL) AS without_party_org,
           count(*) FILTER (WHERE (k.form IS NULL OR k.form = 'working_group') AND k.party_members >= 3)
             AS branch_eligible
    FROM k GROUP BY k.district_code
  ), managing AS (
    -- The companies overseen in a district: those managing one of its compounds on as_of.
    SELECT DISTINCT c.district_code, s.company_uscc
    FROM report.management_status(p_as_of) AS s JOIN c ON c.compound_code = s.compound_code
    WHERE s.mode = 'company'
  ), company_counts AS (
    SELECT m.district_code, count(*) AS companies,
           count(*) FILTER (WHERE EXISTS (SELECT 1 FROM report.party_orgs_in_force(p_as_of) AS o
                                          WHERE o.host_type = 'company' AND o.host_key = m.company_uscc))
             AS companies_with_party_org
    FROM managing AS m GROUP BY m.district_code
  ), groups AS (
    SELECT DISTINCT c.district_code, c.district_name FROM c
  )
  SELECT g.district_code, g.district_name,
         coalesce(n.committees, 0), coalesce(n.with_branch, 0), coalesce(n.with_working_group, 0),
         coalesce(n.without_party_org, 0),
         round(100.0 * (n.with_branch + n.with_working_group) / nullif(n.committees, 0), 1),
         coalesce(n.branch_eligible, 0), coalesce(m.companies, 0), coalesce(m.companies_with_party_org, 0)
  FROM groups AS g
  LEFT JOIN committee_counts AS n ON n.district_code = g.district_code
  LEFT JOIN company_counts AS m ON m.district_code = g.district_code
  ORDER BY g.district_code;
END
$$;

CREATE OR REPLACE FUNCTION report.projects_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                       p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (project_code text, compound text, compound_name text, category text, status text,
               budget numeric, committed_government numeric, committed_company numeric,
               committed_maintenance_fund numeric, committed_owners numeric, committed_co_building numeric,
               committed_community_fund numeric, committed numeric, paid numeric, outstanding numeric,
               overrun numeric, vote_status text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
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
    FROM report.project_shares_as_of(p_as_of) AS x GROUP BY x.project_code
  )
  SELECT p.project_code, p.compound_code, p.compound_name, p.category, p.status, p.budget_yuan,
         coalesce(s.government, 0)::numeric(14,2), coalesce(s.company, 0)::numeric(14,2),
         coalesce(s.maintenance_fund, 0)::numeric(14,2), coalesce(s.owners, 0)::numeric(14,2),
         coalesce(s.co_building, 0)::numeric(14,2), coalesce(s.community_fund, 0)::numeric(14,2),
         coalesce(s.committed, 0)::numeric(14,2), coalesce(s.paid, 0)::numeric(14,2),
         coalesce(s.outstanding, 0)::numeric(14,2), coalesce(s.overrun, 0)::numeric(14,2), p.vote_status
  FROM report.projects AS p
  JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = p.compound_code
  LEFT JOIN s ON s.project_code = p.project_code
  WHERE p.proposed_on <= p_as_of
  ORDER BY p.project_code;
END
$$;

CREATE OR REPLACE FUNCTION report.funding_report(p_as_of date DEFAULT current_date, p_year integer DEFAULT NULL,
                                      p_district text DEFAULT NULL, p_street text DEFAULT NULL,
                                      p_community text DEFAULT NULL)
RETURNS TABLE (district_code text, district text, source text, committed numeric, paid numeric,
               outstanding numeric, overrun numeric)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT c.district_code, c.district_name, x.source,
         sum(x.committed)::numeric(14,2), sum(x.paid)::numeric(14,2),
         sum(x.outstanding)::numeric(14,2), sum(x.overrun)::numeric(14,2)
  FROM report.project_shares_as_of(p_as_of) AS x
  JOIN report.projects AS p ON p.project_code = x.project_code
  JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = p.compound_code
  WHERE p.approved_on <= p_as_of AND p.status <> 'cancelled'
    AND (p_year IS NULL OR extract(year FROM p.approved_on) = p_year)
  GROUP BY c.district_code, c.district_name, x.source
  ORDER BY c.district_code, report.funding_source_rank(x.source);
END
$$;

CREATE OR REPLACE FUNCTION report.companies_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                        p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (uscc text, company text, compounds bigint, households bigint, service numeric,
               satisfaction_pct numeric, complaints_per_1000 numeric, party integer,
               overdue_rectifications bigint, score numeric, no_inspections boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT s.uscc, s.company, s.compounds, s.households, round(s.service, 2), round(s.satisfaction_pct, 1),
         round(s.complaints_per_1000, 2), s.party, s.overdue_rectifications, round(s.score, 2), s.no_inspections
  FROM report.company_scores(p_as_of) AS s
  WHERE EXISTS (SELECT 1 FROM report.management_status(p_as_of) AS m
                JOIN report.compounds_filtered(p_district, p_street, p_community) AS c
                  ON c.compound_code = m.compound_code
                WHERE m.company_uscc = s.uscc)
  ORDER BY s.score DESC, s.uscc;
END
$$;

CREATE OR REPLACE FUNCTION report.rectifications_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                             p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (inspection text, item_no integer, compound text, compound_name text, company text,
               issue text, deadline date, days_overdue integer)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT r.inspection_code, r.item_no, r.compound_code, c.name, co.name, r.issue, r.deadline,
         p_as_of - r.deadline
  FROM report.rectifications AS r
  JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = r.compound_code
  LEFT JOIN report.companies AS co ON co.uscc = r.company_uscc
  WHERE r.deadline < p_as_of AND (r.closed_on IS NULL OR r.closed_on > p_as_of)
  ORDER BY p_as_of - r.deadline DESC, r.inspection_code, r.item_no;
END
$$;

CREATE OR REPLACE FUNCTION report.expiring_report(p_as_of date DEFAULT current_date, p_days integer DEFAULT 90,
                                       p_district text DEFAULT NULL, p_street text DEFAULT NULL,
                                       p_community text DEFAULT NULL)
RETURNS TABLE (kind text, compound text, compound_name text, party text, ends_on date, successor boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH c AS (SELECT * FROM report.compounds_filtered(p_district, p_street, p_community))
  SELECT x.kind, x.compound_code, c.name, x.party, x.ends_on, x.successor
  FROM (
    SELECT 'management' AS kind, m.compound_code, coalesce(m.company_name, m.mode) AS party, m.end_on AS ends_on,
           EXISTS (SELECT 1 FROM report.management_periods AS n
                   WHERE n.compound_code = m.compound_code AND n.start_on > m.end_on) AS successor
    FROM report.management_periods AS m
    UNION ALL
    SELECT 'committee', k.compound_code, k.kind, k.term_end,
           EXISTS (SELECT 1 FROM report.committees AS n
                   WHERE n.compound_code = k.compound_code AND n.term_start > k.term_end)
    FROM report.committees AS k
  ) AS x
  JOIN c ON c.compound_code = x.compound_code
  WHERE x.ends_on BETWEEN p_as_of AND p_as_of + p_days
  ORDER BY x.kind DESC, x.compound_code, x.ends_on;
END
$$;

CREATE OR REPLACE FUNCTION report.anomalies_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                        p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (kind text, key text, district_code text, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH c AS (SELECT * FROM report.compounds_filtered(p_district, p_street, p_community)),
  status AS (SELECT s.* FROM report.management_status(p_as_of) AS s JOIN c USING (compound_code)),
  cases AS (SELECT k.* FROM report.clearance_cases AS k JOIN c USING (compound_code) WHERE k.identified_on <= p_as_of)
  SELECT x.kind, x.key, x.district_code, x.detail FROM (
    SELECT 1 AS o, 'unverified_resolution' AS kind, k.compound_code || ' ' || k.identified_on AS key, k.district_code,
           'claimed ' || k.resolution || ' on ' || k.resolved_on || ', but no ' || k.expected_mode
           || ' period is in force then or within 30 days after' AS detail
    FROM cases AS k WHERE k.resolved_on <= p_as_of AND NOT k.verified
    UNION ALL
    SELECT 2, 'unmanaged_without_case', s.compound_code, s.district_code,
           s.compound_name || ': no management period in force on ' || p_as_of || ' and no open clearance case'
    FROM status AS s
    WHERE NOT s.managed AND NOT EXISTS (SELECT 1 FROM cases AS k WHERE k.compound_code = s.compound_code
                                        AND (k.resolved_on IS NULL OR k.resolved_on > p_as_of))
    UNION ALL
    SELECT 3, 'relapsed', k.compound_code || ' ' || k.identified_on, k.district_code,
           'resolved by ' || k.resolution || ' on ' || k.resolved_on || ' (verified), but nobody manages it on ' || p_as_of
    FROM cases AS k JOIN status AS s ON s.compound_code = k.compound_code
    WHERE k.resolved_on <= p_as_of AND k.verified AND NOT s.managed
    UNION ALL
    SELECT 4, 'overdue_case', k.compound_code || ' ' || k.identified_on, k.district_code,
           'open clearance case past its target ' || k.target_on
    FROM cases AS k WHERE (k.resolved_on IS NULL OR k.resolved_on > p_as_of) AND k.target_on < p_as_of
    UNION ALL
    SELECT 5, 'inspection_company_not_managing', i.inspection_code, i.district_code,
           'names company ' || i.company_uscc || ', which does not manage ' || i.compound_code || ' on ' || i.inspected_on
    FROM report.inspections AS i JOIN c USING (compound_code)
    WHERE i.company_uscc IS NOT NULL AND i.inspected_on <= p_as_of
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = i.compound_code AND m.company_uscc = i.company_uscc
                        AND i.inspected_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 6, 'complaint_company_not_managing', k.complaint_code, k.district_code,
           'names company ' || k.company_uscc || ', which does not manage ' || k.compound_code || ' on ' || k.received_on
    FROM report.complaints AS k JOIN c USING (compound_code)
    WHERE k.company_uscc IS NOT NULL AND k.received_on <= p_as_of
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = k.compound_code AND m.company_uscc = k.company_uscc
                        AND k.received_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 7, 'overrun', x.project_code || ' ' || x.source || coalesce(' ' || x.payer, ''), x.district_code,
           'paid ' || x.paid || ' against a committed ' || x.committed || ': overrun ' || x.overrun
    FROM report.project_shares_as_of(p_as_of) AS x
    JOIN report.projects AS p ON p.project_code = x.project_code JOIN c ON c.compound_code = p.compound_code
    WHERE x.overrun > 0
    UNION ALL
    SELECT 8, 'final_cost_over_budget', p.project_code, p.district_code,
           'final cost ' || p.final_cost_yuan || ' exceeds the budget ' || p.budget_yuan
    FROM report.projects AS p JOIN c ON c.compound_code = p.compound_code
    WHERE p.final_cost_yuan > p.budget_yuan
    UNION ALL
    SELECT 9, 'payment_outside_approval', y.voucher_no, y.district_code,
           'paid ' || y.paid_on || ' on project ' || p.project_code || ' (' || p.status || ', approved '
           || coalesce(p.approved_on::text, 'never') || ')'
    FROM report.payments AS y JOIN report.projects AS p ON p.project_code = y.project_code
    JOIN c ON c.compound_code = p.compound_code
    WHERE y.paid_on <= p_as_of AND (p.approved_on IS NULL OR y.paid_on < p.approved_on)
  ) AS x
  ORDER BY x.o, x.key;
END
$$;

CREATE OR REPLACE FUNCTION report.loads_report()
RETURNS TABLE ("when" timestamptz, who text, kind text, file text, sha256 text, "rows" bigint, inserted bigint,
               updated bigint, unchanged bigint, rejected bigint, status text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT b.started_at, b.db_user, b.kind, b.file_name, b.sha256, b.rows, b.inserted, b.updated, b.unchanged,
         b.rejected, b.status
  FROM report.load_batches AS b
  ORDER BY b.started_at, b.id;
END
$$;

-- The reports that were PL/pgSQL already keep their bodies; they only lose JIT.
ALTER FUNCTION report.clearance_report(date, text, text, text, text) SET jit = off;
ALTER FUNCTION report.apportion_report(text) SET jit = off;
ALTER FUNCTION report.recommend_report(text, date) SET jit = off;
ALTER FUNCTION report.compound_report(text, date) SET jit = off;
