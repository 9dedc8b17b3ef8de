-- The reports of SPEC §4, one set-returning function each (`propledger report NAME`) (repeatable: sql/schema/README.md).
--
-- Every function is SECURITY INVOKER (the default) and reads only the report schema, so
-- row-level security applies to whoever connects: a district-scoped role gets rows (and
-- totals) of its districts only. Filters are arguments: as_of, district / street /
-- community codes (NULL = all). The columns carry the field names of SPEC §4. Arithmetic is
-- exact numeric; the outermost SELECT rounds percentages to 1 decimal and scores to 2 for
-- display, while rankings use the exact values.
--
-- Every report function carries SET jit = off: at province scale the planner's cost estimates
-- crossed PostgreSQL's JIT thresholds while the queries run in milliseconds, and compiling the
-- plans with LLVM cost seconds per report (docs/benchmarks.md). A SET clause also stops an SQL
-- function from being inlined, so the bodies are written as PL/pgSQL RETURN QUERY, planned for
-- their arguments.

-- The compounds a filter selects (NULL filter = no restriction).
-- Usage: SELECT * FROM report.compounds_filtered(district => '320508');
CREATE FUNCTION report.compounds_filtered(district text DEFAULT NULL, street text DEFAULT NULL,
                                          community text DEFAULT NULL)
RETURNS SETOF report.compounds
LANGUAGE sql STABLE
AS $$
  SELECT c.* FROM report.compounds AS c
  WHERE ($1 IS NULL OR c.district_code = $1)
    AND ($2 IS NULL OR c.street_code = $2)
    AND ($3 IS NULL OR c.community_code = $3)
$$;
COMMENT ON FUNCTION report.compounds_filtered(text, text, text) IS 'report.compounds restricted by district, street and community code (NULL = any).';

-- clearance ---------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.clearance_report(DATE '2026-11-21', 'district');
-- One row per district (by = 'district'), street or community_type that has a compound in view.
-- A case counts when identified_on <= as_of; it is resolved when resolved_on <= as_of, and
-- verified when in addition its verifying period (§2.9) has started by as_of.
CREATE FUNCTION report.clearance_report(p_as_of date DEFAULT current_date, p_by text DEFAULT 'district',
                                        p_district text DEFAULT NULL, p_street text DEFAULT NULL,
                                        p_community text DEFAULT NULL)
RETURNS TABLE (group_code text, group_name text, identified bigint, resolved_verified bigint,
               resolved_unverified bigint, open bigint, overdue bigint, company_takeover bigint,
               self_management bigint, community_fallback bigint, cleared_pct numeric,
               unmanaged_now bigint, unmanaged_without_case bigint, relapsed bigint)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
  IF p_by IS NULL OR p_by NOT IN ('district', 'street', 'community_type') THEN
    RAISE EXCEPTION 'cannot group clearance by "%"', p_by
      USING ERRCODE = '22023', HINT = 'Use district, street or community_type.';
  END IF;
  RETURN QUERY
  WITH c AS (
    SELECT f.*,
           CASE p_by WHEN 'district' THEN f.district_code WHEN 'street' THEN f.street_code
                     ELSE f.community_type END AS g_code,
           CASE p_by WHEN 'district' THEN f.district_name WHEN 'street' THEN f.street_name
                     ELSE f.community_type END AS g_name
    FROM report.compounds_filtered(p_district, p_street, p_community) AS f
  ), status AS (
    SELECT s.compound_code, s.managed FROM report.management_status(p_as_of) AS s
    WHERE p_district IS NULL OR s.district_code = p_district
  ), cases AS (
    -- A case's state as of p_as_of has one definition: report.clearance_as_of.
    SELECT c.g_code, k.compound_code, k.target_on, k.resolution,
           CASE k.state WHEN 'resolved_verified' THEN 'verified' WHEN 'resolved_unverified' THEN 'unverified'
                        ELSE 'open' END AS state
    FROM report.clearance_as_of(p_as_of) AS k JOIN c ON c.compound_code = k.compound_code
    WHERE p_district IS NULL OR k.district_code = p_district
  ), case_counts AS (
    SELECT x.g_code,
           count(*) AS identified,
           count(*) FILTER (WHERE x.state = 'verified') AS verified,
           count(*) FILTER (WHERE x.state = 'unverified') AS unverified,
           count(*) FILTER (WHERE x.state = 'open') AS open_cases,
           count(*) FILTER (WHERE x.state = 'open' AND x.target_on < p_as_of) AS overdue,
           count(*) FILTER (WHERE x.state = 'verified' AND x.resolution = 'company_takeover') AS company_takeover,
           count(*) FILTER (WHERE x.state = 'verified' AND x.resolution = 'self_management') AS self_management,
           count(*) FILTER (WHERE x.state = 'verified' AND x.resolution = 'community_fallback') AS community_fallback,
           count(*) FILTER (WHERE x.state = 'verified' AND NOT s.managed) AS relapsed
    FROM cases AS x JOIN status AS s ON s.compound_code = x.compound_code
    GROUP BY x.g_code
  ), unmanaged AS (
    SELECT c.g_code, count(*) AS unmanaged_now,
           -- "without case": no case open on as_of (a compound whose case was resolved and
           -- which is unmanaged again counts as relapsed and as without case).
           count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM cases AS x
                                              WHERE x.compound_code = c.compound_code AND x.state = 'open'))
             AS without_case
    FROM c JOIN status AS s ON s.compound_code = c.compound_code
    WHERE NOT s.managed
    GROUP BY c.g_code
  ), groups AS (
    SELECT DISTINCT c.g_code, c.g_name FROM c
  )
  SELECT g.g_code, g.g_name,
         coalesce(n.identified, 0), coalesce(n.verified, 0), coalesce(n.unverified, 0),
         coalesce(n.open_cases, 0), coalesce(n.overdue, 0), coalesce(n.company_takeover, 0),
         coalesce(n.self_management, 0), coalesce(n.community_fallback, 0),
         round(100.0 * n.verified / nullif(n.identified, 0), 1),
         coalesce(u.unmanaged_now, 0), coalesce(u.without_case, 0), coalesce(n.relapsed, 0)
  FROM groups AS g
  LEFT JOIN case_counts AS n ON n.g_code = g.g_code
  LEFT JOIN unmanaged AS u ON u.g_code = g.g_code
  ORDER BY g.g_code;
END
$$;
COMMENT ON FUNCTION report.clearance_report(date, text, text, text, text) IS
'SPEC §4 clearance: per district (p_by district | street | community_type) the cases identified by as_of, '
'verified / unverified resolutions, open and overdue cases, verified resolutions by path, cleared_pct = '
'verified / identified (1 decimal), compounds unmanaged on as_of, those without an open case, and relapsed '
'verified cases. Raises 22023 for another p_by.';

-- party-coverage ----------------------------------------------------------------------------

-- Usage: SELECT * FROM report.party_coverage_report(DATE '2026-11-21');
CREATE FUNCTION report.party_coverage_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
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
    WHERE p_district IS NULL OR k.district_code = p_district
  ), committee_counts AS (
    SELECT k.district_code, count(*) AS committees,
           count(*) FILTER (WHERE k.form IN ('branch', 'joint_branch')) AS with_branch,
           count(*) FILTER (WHERE k.form = 'working_group') AS with_working_group,
           count(*) FILTER (WHERE k.form IS NULL) AS without_party_org,
           count(*) FILTER (WHERE (k.form IS NULL OR k.form = 'working_group') AND k.party_members >= b.value)
             AS branch_eligible
    -- the rule once per district, not once per committee
    FROM k JOIN report.district_rule_integer('party_org.branch_min_formal_members', p_as_of) AS b
      ON b.district_code = k.district_code GROUP BY k.district_code
  ), managing AS (
    -- The companies overseen in a district: those managing one of its compounds on as_of.
    SELECT DISTINCT c.district_code, s.company_uscc
    FROM report.management_status(p_as_of) AS s JOIN c ON c.compound_code = s.compound_code
    WHERE s.mode = 'company' AND (p_district IS NULL OR s.district_code = p_district)
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
COMMENT ON FUNCTION report.party_coverage_report(date, text, text, text) IS
'SPEC §4 party-coverage: per district the committees in force on as_of (all kinds), how many host a live '
'branch / joint branch or working group or none, coverage_pct = (branch + working group) / committees, '
'branch_eligible (working group or none but enough Party members for a branch: party_org.branch_min_formal_members, 3), the companies managing there on as_of '
'and how many of them host a live Party organisation.';

-- projects ----------------------------------------------------------------------------------

-- report.share_totals and report.project_shares_as_of are in 020-report-views.sql (report.project_sources reads them).

-- Usage: SELECT * FROM report.projects_report(DATE '2026-11-21', '320508');
CREATE FUNCTION report.projects_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
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
  WITH t AS (
    -- the kept totals (migration 037) where they are the answer: the project is current and --as-of is on
    -- or after its last payment and its last vote
    SELECT k.* FROM report.project_totals_kept AS k
    WHERE (p_district IS NULL OR k.district_code = p_district)
      AND coalesce(k.last_paid_on, '-infinity') <= p_as_of AND coalesce(k.last_held_on, '-infinity') <= p_as_of
      AND NOT EXISTS (SELECT 1 FROM report.projects_stale AS z WHERE z.project_code = k.project_code)
  ), computed AS (
    -- the others, summed from their shares and votes; a one-time test: when every project has its totals
    -- kept, nothing is computed
    SELECT p.project_code FROM report.projects AS p
    WHERE (p_district IS NULL OR p.district_code = p_district) AND p.proposed_on <= p_as_of
      AND NOT EXISTS (SELECT 1 FROM t WHERE t.project_code = p.project_code)
  ), s AS (
    SELECT x.* FROM report.project_totals_compute(p_as_of, p_district, ARRAY(SELECT c.project_code FROM computed AS c)) AS x
    WHERE EXISTS (SELECT 1 FROM computed)
  )
  SELECT p.project_code, p.compound_code, p.compound_name, p.category,
         report.project_status_as_of(p_as_of, p.approved_on, p.started_on, p.completed_on, p.accepted_on, p.cancelled_on),
         p.budget_yuan,
         coalesce(t.government, s.government, 0)::numeric(14,2), coalesce(t.company, s.company, 0)::numeric(14,2),
         coalesce(t.maintenance_fund, s.maintenance_fund, 0)::numeric(14,2), coalesce(t.owners, s.owners, 0)::numeric(14,2),
         coalesce(t.co_building, s.co_building, 0)::numeric(14,2), coalesce(t.community_fund, s.community_fund, 0)::numeric(14,2),
         coalesce(t.committed, s.committed, 0)::numeric(14,2), coalesce(t.paid, s.paid, 0)::numeric(14,2),
         coalesce(t.outstanding, s.outstanding, 0)::numeric(14,2), coalesce(t.overrun, s.overrun, 0)::numeric(14,2),
         report.vote_status(coalesce(t.votes, s.votes), coalesce(t.passed, s.passed))
  FROM report.projects AS p
  LEFT JOIN t ON t.project_code = p.project_code
  LEFT JOIN s ON s.project_code = p.project_code
  WHERE p.proposed_on <= p_as_of AND (p_district IS NULL OR p.district_code = p_district)
    -- a street or community filter keeps the projects of its compounds (a one-time test without one)
    AND ((p_street IS NULL AND p_community IS NULL)
         OR p.compound_code IN (SELECT c.compound_code FROM report.compounds_filtered(p_district, p_street, p_community) AS c))
  ORDER BY p.project_code;
END
$$;
COMMENT ON FUNCTION report.projects_report(date, text, text, text) IS
'SPEC §4 projects: per project proposed by as_of, the budget, committed per source and in all, paid by as_of, '
'outstanding and overrun (summed per share) and vote_status (none / passed / failed).';

-- funding -----------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.funding_report(DATE '2026-11-21', 2026);
-- Projects approved by as_of and not cancelled; p_year keeps those approved in that year.
CREATE FUNCTION report.funding_report(p_as_of date DEFAULT current_date, p_year integer DEFAULT NULL,
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
  -- A project's district is its compound's (projects_compound_fkey); a street or community filter is a
  -- semi-join on the compounds, and without one no compound is joined (province: 339,204 shares, two hash
  -- joins fewer).
  SELECT p.district_code, d.name, x.source,
         sum(x.committed)::numeric(14,2), sum(x.paid)::numeric(14,2),
         sum(x.outstanding)::numeric(14,2), sum(x.overrun)::numeric(14,2)
  FROM report.project_shares_as_of(p_as_of, p_district) AS x
  JOIN report.projects AS p ON p.project_code = x.project_code
  JOIN report.districts AS d ON d.district_code = p.district_code
  WHERE p.approved_on <= p_as_of
    AND report.project_status_as_of(p_as_of, p.approved_on, p.started_on, p.completed_on, p.accepted_on, p.cancelled_on) <> 'cancelled'
    AND (p_district IS NULL OR p.district_code = p_district)
    AND (p_year IS NULL OR extract(year FROM p.approved_on) = p_year)
    AND ((p_street IS NULL AND p_community IS NULL)
         OR p.compound_code IN (SELECT c.compound_code FROM report.compounds_filtered(p_district, p_street, p_community) AS c))
  GROUP BY p.district_code, d.name, x.source
  ORDER BY p.district_code, report.funding_source_rank(x.source);
END
$$;
COMMENT ON FUNCTION report.funding_report(date, integer, text, text, text) IS
'SPEC §4 funding: per district and source, over projects approved by as_of (and in p_year, if given) and not '
'cancelled: committed, paid by as_of, outstanding = sum over shares of max(0, committed - paid), overrun.';

-- apportion ---------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.apportion_report('GS2026002');
CREATE FUNCTION report.apportion_report(p_project_code text)
RETURNS TABLE (building text, unit_no text, floor_area_m2 numeric, weight numeric, amount numeric)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report.projects AS p WHERE p.project_code = p_project_code) THEN
    RAISE EXCEPTION 'project "%" not found', p_project_code
      USING ERRCODE = 'P0002', HINT = 'Check the code with propledger report projects (a district user sees only their districts).';
  END IF;
  -- The apportionment rule has one home, the view report.apportionment (SPEC §2.3; its scope is
  -- ledger.project_units, its split ledger.allocate).
  RETURN QUERY
  SELECT a.building, a.unit_no, a.floor_area_m2, a.weight, a.amount_yuan
  FROM report.apportionment AS a WHERE a.project_code = p_project_code
  ORDER BY a.position;
END
$$;
COMMENT ON FUNCTION report.apportion_report(text) IS
'SPEC §4 apportion: the owners'' + maintenance-fund share of a project over the units in its scope by agreed '
'weight where the project has weights (weight), else by floor area, exact to the fen (§2.3, ties in natural (building, unit_no) order); the amounts sum to the share. '
'Raises P0002 when the project is not in view.';

-- companies and recommend -----------------------------------------------------------------

-- The exact scorecard of every company managing a compound in view on as_of.
-- Usage: SELECT * FROM report.company_scores(DATE '2026-11-21');
CREATE FUNCTION report.company_scores(p_as_of date DEFAULT current_date, p_companies text[] DEFAULT NULL)
RETURNS TABLE (uscc text, company text, compounds bigint, households bigint, inspections bigint,
               service numeric, satisfaction_pct numeric, complaints bigint, complaints_per_1000 numeric,
               party integer, overdue_rectifications bigint, score numeric, no_inspections boolean,
               households_unknown boolean)
LANGUAGE sql STABLE
AS $$
  WITH win AS (
    -- last 12 months: as_of - 12 months ..= as_of; last 4 quarters: the four complete quarters
    -- ending on or before as_of.
    SELECT (p_as_of - interval '12 months')::date AS from_on,
           (date_trunc('quarter', p_as_of + 1) - interval '12 months')::date AS q_from,
           (date_trunc('quarter', p_as_of + 1) - interval '1 day')::date AS q_to
  ), managed AS (
    -- Households per compound: the registry's figure, else the units loaded for it; a compound with
    -- neither is unknown, and a company with no known household gets no complaint points (missing data
    -- is never rewarded: with no denominator the rate would read as zero complaints).
    SELECT s.company_uscc, count(*) AS compounds, coalesce(sum(h.n), 0) AS households,
           bool_or(h.n IS NULL) AS households_unknown
    FROM report.management_status(p_as_of) AS s
    CROSS JOIN LATERAL (SELECT coalesce(s.households::bigint,
                                        nullif((SELECT count(*) FROM report.units AS u WHERE u.compound_code = s.compound_code), 0)) AS n) AS h
    WHERE s.mode = 'company' AND (p_companies IS NULL OR s.company_uscc = ANY (p_companies))
    GROUP BY s.company_uscc
  ), insp AS (
    SELECT i.company_uscc, count(*) AS n, avg(i.score) AS service
    FROM report.inspections AS i, win WHERE i.inspected_on BETWEEN win.from_on AND p_as_of
      AND (p_companies IS NULL OR i.company_uscc = ANY (p_companies))
    GROUP BY i.company_uscc
  ), surv AS (
    SELECT s.company_uscc, 100 * sum(s.satisfied)::numeric / sum(s.respondents) AS pct
    FROM report.surveys AS s, win
    WHERE s.period_start >= win.q_from AND s.period_end <= win.q_to
      AND (p_companies IS NULL OR s.company_uscc = ANY (p_companies))
    GROUP BY s.company_uscc
  ), compl AS (
    SELECT k.company_uscc, count(*) AS n
    FROM report.complaints AS k, win WHERE k.received_on BETWEEN win.from_on AND p_as_of
      AND (p_companies IS NULL OR k.company_uscc = ANY (p_companies))
    GROUP BY k.company_uscc
  ), party AS (
    SELECT o.host_key AS company_uscc,
           max(CASE WHEN o.form IN ('branch', 'joint_branch') THEN 100 WHEN o.form = 'working_group' THEN 60 ELSE 0 END) AS points
    FROM report.party_orgs_in_force(p_as_of) AS o
    WHERE o.host_type = 'company' AND (p_companies IS NULL OR o.host_key = ANY (p_companies))
    GROUP BY o.host_key
  ), rect AS (
    SELECT r.company_uscc, count(*) AS n
    FROM report.rectifications AS r
    WHERE r.deadline < p_as_of AND (r.closed_on IS NULL OR r.closed_on > p_as_of)
      AND (p_companies IS NULL OR r.company_uscc = ANY (p_companies))
    GROUP BY r.company_uscc
  ), parts AS (
    SELECT co.uscc, co.name, m.compounds, m.households, coalesce(i.n, 0) AS inspections,
           coalesce(i.service, 0) AS service, sv.pct AS satisfaction_pct, coalesce(k.n, 0) AS complaints,
           1000.0 * coalesce(k.n, 0) / nullif(m.households, 0) AS per_1000,
           coalesce(pt.points, 0) AS party, coalesce(r.n, 0) AS overdue, i.n IS NULL AS no_inspections,
           m.households_unknown
    FROM managed AS m
    JOIN report.companies AS co ON co.uscc = m.company_uscc
    LEFT JOIN insp AS i ON i.company_uscc = m.company_uscc
    LEFT JOIN surv AS sv ON sv.company_uscc = m.company_uscc
    LEFT JOIN compl AS k ON k.company_uscc = m.company_uscc
    LEFT JOIN party AS pt ON pt.company_uscc = m.company_uscc
    LEFT JOIN rect AS r ON r.company_uscc = m.company_uscc
  )
  SELECT p.uscc, p.name, p.compounds, p.households, p.inspections, p.service, p.satisfaction_pct,
         p.complaints, p.per_1000, p.party, p.overdue,
         report.setting('score_weight_service') * p.service
         + report.setting('score_weight_satisfaction') * coalesce(p.satisfaction_pct, 0)
         + report.setting('score_weight_party') * p.party
         + report.setting('score_weight_complaints') * CASE WHEN p.households > 0 THEN greatest(0, 100 - 10 * p.per_1000) ELSE 0 END,
         p.no_inspections, p.households_unknown
  FROM parts AS p
$$;
COMMENT ON FUNCTION report.company_scores(date, text[]) IS
'Exact company scorecard (SPEC §4) of every company (or of those in p_companies) managing a compound in view on as_of: service = mean '
'inspection score over as_of - 12 months ..= as_of (0 and no_inspections when none), satisfaction_pct = '
'sum satisfied / sum respondents over the four complete quarters ending by as_of, complaints_per_1000 = '
'complaints in the 12 months per 1000 households managed on as_of, party 100 / 60 / 0, overdue '
'rectifications on as_of, score = weighted sum with the weights of ledger.settings.';

-- Usage: SELECT * FROM report.companies_report(DATE '2026-11-21', '320508');
-- A company is listed when it manages, on as_of, a compound the filters select; its figures
-- cover every compound in view that it manages, not only the filtered ones.
CREATE FUNCTION report.companies_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                        p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (uscc text, company text, compounds bigint, households bigint, service numeric,
               satisfaction_pct numeric, complaints_per_1000 numeric, party integer,
               overdue_rectifications bigint, score numeric, no_inspections boolean, households_unknown boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
DECLARE
  listed text[];
BEGIN
  -- With a filter: the companies managing, on as_of, a compound it selects; only their scores are
  -- computed. Without one, company_scores' own list (every company managing a compound in view).
  IF p_district IS NOT NULL OR p_street IS NOT NULL OR p_community IS NOT NULL THEN
    SELECT coalesce(array_agg(DISTINCT m.company_uscc), '{}') INTO listed
    FROM report.management_status(p_as_of) AS m
    JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = m.compound_code
    WHERE m.company_uscc IS NOT NULL AND (p_district IS NULL OR m.district_code = p_district);
  END IF;
  RETURN QUERY
  SELECT s.uscc, s.company, s.compounds, s.households, round(s.service, 2), round(s.satisfaction_pct, 1),
         round(s.complaints_per_1000, 2), s.party, s.overdue_rectifications, round(s.score, 2), s.no_inspections,
         s.households_unknown
  FROM report.company_scores(p_as_of, listed) AS s
  WHERE listed IS NULL OR s.uscc = ANY (listed)
  ORDER BY s.score DESC, s.uscc;
END
$$;
COMMENT ON FUNCTION report.companies_report(date, text, text, text) IS
'SPEC §4 companies: the scorecard of report.company_scores for the companies managing a selected compound on '
'as_of, best score first (service and score to 2 decimals, percentages to 1).';

-- Usage: SELECT * FROM report.recommend_report('GS009', DATE '2026-11-21');
CREATE FUNCTION report.recommend_report(p_compound text, p_as_of date DEFAULT current_date)
RETURNS TABLE ("rank" bigint, uscc text, company text, compounds bigint, households bigint, service numeric,
               satisfaction_pct numeric, complaints_per_1000 numeric, party integer,
               overdue_rectifications bigint, score numeric, no_inspections boolean, households_unknown boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
  home text;
  listed text[];
BEGIN
  SELECT c.district_code INTO home FROM report.compounds AS c WHERE c.compound_code = p_compound;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'compound "%" not found', p_compound
      USING ERRCODE = 'P0002', HINT = 'Check the code (a district user sees only their districts).';
  END IF;
  SELECT coalesce(array_agg(DISTINCT m.company_uscc), '{}') INTO listed
  FROM report.management_status(p_as_of) AS m
  WHERE m.company_uscc IS NOT NULL AND m.district_code = home;
  RETURN QUERY
  SELECT row_number() OVER (ORDER BY s.score DESC, s.uscc), s.uscc, s.company, s.compounds, s.households,
         round(s.service, 2), round(s.satisfaction_pct, 1), round(s.complaints_per_1000, 2), s.party,
         s.overdue_rectifications, round(s.score, 2), s.no_inspections, s.households_unknown
  FROM report.company_scores(p_as_of, listed) AS s
  WHERE s.overdue_rectifications = 0 AND s.uscc = ANY (listed)
  ORDER BY s.score DESC, s.uscc;
END
$$;
COMMENT ON FUNCTION report.recommend_report(text, date) IS
'SPEC §4 recommend: the companies managing in the compound''s district on as_of, ranked by exact score, '
'leaving out those with overdue rectifications. Raises P0002 when the compound is not in view.';

-- rectifications, expiring ------------------------------------------------------------------

-- Usage: SELECT * FROM report.rectifications_report(DATE '2026-11-21');
CREATE FUNCTION report.rectifications_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
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
COMMENT ON FUNCTION report.rectifications_report(date, text, text, text) IS
'SPEC §4 rectifications: items open on as_of whose deadline (the last allowed day) has passed, most overdue first.';

-- Usage: SELECT * FROM report.expiring_report(DATE '2026-11-21', 90);
-- p_days NULL: contracts within 90 days, committee terms within the re-election lead time of the
-- compound's jurisdiction (committee.reelection_lead_days, SPEC §10: 北京 180, 上海 150, else 90).
CREATE FUNCTION report.expiring_report(p_as_of date DEFAULT current_date, p_days integer DEFAULT NULL,
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
                   WHERE n.compound_code = m.compound_code AND n.start_on > m.end_on) AS successor,
           coalesce(p_days, 90) AS window_days
    FROM report.management_periods AS m WHERE p_district IS NULL OR m.district_code = p_district
    UNION ALL
    SELECT 'committee', k.compound_code, k.kind, k.term_end,
           EXISTS (SELECT 1 FROM report.committees AS n
                   WHERE n.compound_code = k.compound_code AND n.term_start > k.term_end),
           coalesce(p_days, l.value)
    FROM report.committees AS k
    JOIN report.district_rule_integer('committee.reelection_lead_days', p_as_of) AS l ON l.district_code = k.district_code
    WHERE p_district IS NULL OR k.district_code = p_district
  ) AS x
  JOIN c ON c.compound_code = x.compound_code
  WHERE x.ends_on BETWEEN p_as_of AND p_as_of + x.window_days
  ORDER BY x.kind DESC, x.compound_code, x.ends_on;
END
$$;
COMMENT ON FUNCTION report.expiring_report(date, integer, text, text, text) IS
'SPEC §4 expiring: management contracts and committee terms ending on as_of ..= as_of + p_days (NULL: 90 days for '
'contracts, the jurisdiction''s re-election lead time for committees), and whether a later period or term is '
'already recorded (successor).';

-- compound dossier --------------------------------------------------------------------------

-- Usage: SELECT * FROM report.compound_report('GS003', DATE '2026-11-21');
CREATE FUNCTION report.compound_report(p_compound text, p_as_of date DEFAULT current_date)
RETURNS TABLE (section text, item jsonb, detail jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report.compounds AS c WHERE c.compound_code = p_compound) THEN
    RAISE EXCEPTION 'compound "%" not found', p_compound
      USING ERRCODE = 'P0002', HINT = 'Check the code (a district user sees only their districts).';
  END IF;
  -- item and detail are messages (report.said; a list is one line), rendered by the CLI in the language asked for.
  RETURN QUERY
  SELECT x.section, x.item, x.detail FROM (
    SELECT 1 AS s, v.o::bigint AS o, 'compound' AS section, report.coded('compound', 'item', v.k) AS item, v.d AS detail
    FROM report.compounds AS c,
    LATERAL (VALUES (1, 'code', report.said('dossierValue', jsonb_build_object('value', c.compound_code))),
                    (2, 'name', report.said('dossierValue', jsonb_build_object('value', c.name))),
                    (3, 'address', report.said('dossierValue', jsonb_build_object('value', c.address))),
                    (4, 'housing_type', report.said('dossierValue', jsonb_build_object('value', report.coded('compounds', 'housing_type', c.housing_type)))),
                    (5, 'built_year', report.said('dossierValue', jsonb_build_object('value', c.built_year::text))),
                    (6, 'buildings', report.said('dossierValue', jsonb_build_object('value', c.buildings::text))),
                    (7, 'households', report.said('dossierValue', jsonb_build_object('value', c.households::text))),
                    (8, 'floor_area_m2', report.said('dossierValue', jsonb_build_object('value', c.floor_area_m2::text))),
                    (9, 'community', report.said('dossierCommunity', jsonb_build_object('code', c.community_code, 'name', c.community_name,
                                                 'type', report.coded('communities', 'community_type', c.community_type)))),
                    (10, 'street', report.said('dossierPlace', jsonb_build_object('code', c.street_code, 'name', c.street_name))),
                    (11, 'district', report.said('dossierPlace', jsonb_build_object('code', c.district_code, 'name', c.district_name))),
                    (12, 'units', (SELECT report.said('dossierUnits', jsonb_build_object('count', count(*)::text,
                                                     'area', coalesce(sum(u.floor_area_m2), 0)::text))
                               FROM report.units AS u WHERE u.compound_code = c.compound_code))) AS v(o, k, d)
    WHERE c.compound_code = p_compound
    UNION ALL
    SELECT 2, 0, 'status', report.said('dossierManagedOn', jsonb_build_object('date', p_as_of::text)),
           CASE WHEN NOT s.managed THEN report.said('dossierUnmanaged')
                WHEN s.company_name IS NULL THEN report.said('dossierManagedBy', jsonb_build_object(
                  'mode', report.coded('management', 'mode', s.mode), 'start', s.start_on::text))
                ELSE report.said('dossierManagedByCompany', jsonb_build_object(
                  'mode', report.coded('management', 'mode', s.mode), 'company', s.company_name, 'start', s.start_on::text)) END
    FROM report.management_status(p_as_of) AS s WHERE s.compound_code = p_compound
    UNION ALL
    SELECT 3, row_number() OVER (ORDER BY m.start_on), 'management',
           report.said('dossierPeriod', jsonb_build_object('start', m.start_on::text, 'end', coalesce(m.end_on::text, ''))),
           jsonb_path_query_array(jsonb_build_array(
             CASE WHEN m.company_name IS NULL THEN report.said('dossierValue', jsonb_build_object('value', report.coded('management', 'mode', m.mode)))
                  ELSE report.said('dossierCompany', jsonb_build_object('mode', report.coded('management', 'mode', m.mode),
                                                                       'company', m.company_name, 'uscc', m.company_uscc)) END,
             CASE WHEN m.basis IS NOT NULL THEN report.said('dossierValue', jsonb_build_object('value', report.coded('management', 'basis', m.basis))) END,
             CASE WHEN m.fee_yuan_per_m2_month IS NOT NULL THEN report.said('dossierFee', jsonb_build_object('fee', m.fee_yuan_per_m2_month::text)) END),
             '$[*] ? (@ != null)')
    FROM report.management_periods AS m WHERE m.compound_code = p_compound AND m.start_on <= p_as_of
    UNION ALL
    SELECT 4, row_number() OVER (ORDER BY k.term_start), 'committee',
           report.said('dossierPeriod', jsonb_build_object('start', k.term_start::text, 'end', coalesce(k.term_end::text, ''))),
           report.said('dossierCommittee', jsonb_build_object('kind', report.coded('committees', 'kind', k.kind), 'members', k.members::text,
                                                             'party', k.party_members::text, 'servants', k.public_servant_members::text))
    FROM report.committees AS k WHERE k.compound_code = p_compound AND k.term_start <= p_as_of
    UNION ALL
    SELECT 5, row_number() OVER (ORDER BY o.established_on), 'party_org',
           report.said('dossierPeriod', jsonb_build_object('start', o.established_on::text,
                                                          'end', coalesce(CASE WHEN o.dissolved_on <= p_as_of THEN o.dissolved_on::text END, ''))),
           report.said('dossierPartyOrg', jsonb_build_object('form', report.coded('party_orgs', 'form', o.form), 'members', o.formal_members::text))
    FROM report.party_orgs AS o WHERE o.host_type = 'committee' AND o.host_key = p_compound AND o.established_on <= p_as_of
    UNION ALL
    SELECT 6, row_number() OVER (ORDER BY k.identified_on), 'clearance',
           report.said('dossierValue', jsonb_build_object('value', k.identified_on::text)),
           jsonb_path_query_array(jsonb_build_array(
             report.said('dossierTarget', jsonb_build_object('date', coalesce(k.target_on::text, '-'))),
             CASE WHEN k.resolution IS NULL THEN report.said('dossierOpen')
                  ELSE report.said(CASE WHEN k.verified THEN 'dossierResolvedVerified' ELSE 'dossierResolvedUnverified' END,
                                   jsonb_build_object('resolution', report.coded('clearance', 'resolution', k.resolution),
                                                      'date', k.resolved_on::text)) END,
             CASE WHEN k.note IS NOT NULL THEN report.said('dossierValue', jsonb_build_object('value', k.note)) END),
             '$[*] ? (@ != null)')
    FROM report.clearance_as_of(p_as_of) AS k WHERE k.compound_code = p_compound
    UNION ALL
    -- The compound's projects proposed by p_as_of, as they stood then: status from the status dates,
    -- committed and paid by then (report.project_shares_as_of), votes held by then.
    SELECT 7, row_number() OVER (ORDER BY p.project_code), 'project',
           report.said('dossierValue', jsonb_build_object('value', p.project_code)),
           jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', p.title)),
             report.said('dossierValue', jsonb_build_object('value', report.coded('projects', 'category', p.category))),
             report.said('dossierValue', jsonb_build_object('value', report.coded('projects', 'status',
               report.project_status_as_of(p_as_of, p.approved_on, p.started_on, p.completed_on, p.accepted_on, p.cancelled_on)))),
             report.said('dossierBudget', jsonb_build_object('amount', coalesce(p.budget_yuan::text, '-'))),
             report.said('dossierCommitted', jsonb_build_object('amount', m.committed_yuan::text)),
             report.said('dossierPaid', jsonb_build_object('amount', m.paid_yuan::text)),
             report.said('dossierVote', jsonb_build_object('status', report.coded('projects', 'vote_status', t.vote_status))))
    FROM (SELECT q.project_code, q.district_code, q.title, q.category, q.budget_yuan, q.approved_on, q.started_on,
                 q.completed_on, q.accepted_on, q.cancelled_on
          FROM report.projects AS q WHERE q.compound_code = p_compound AND q.proposed_on <= p_as_of) AS p
    CROSS JOIN LATERAL (
      SELECT coalesce(sum(x.committed), 0)::numeric(14,2) AS committed_yuan, coalesce(sum(x.paid), 0)::numeric(14,2) AS paid_yuan
      FROM report.project_shares_as_of(p_as_of, p.district_code) AS x WHERE x.project_code = p.project_code) AS m
    CROSS JOIN LATERAL (
      SELECT report.vote_status(count(*), count(*) FILTER (WHERE v.passed)) AS vote_status
      FROM report.votes AS v WHERE v.project_code = p.project_code AND v.held_on <= p_as_of) AS t
    UNION ALL
    SELECT 8, row_number() OVER (ORDER BY i.inspected_on, i.inspection_code), 'inspection',
           report.said('dossierValue', jsonb_build_object('value', i.inspection_code)),
           jsonb_path_query_array(jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', i.inspected_on::text)),
             report.said('dossierScore', jsonb_build_object('score', i.score::text)),
             CASE WHEN i.inspector IS NOT NULL THEN report.said('dossierValue', jsonb_build_object('value', i.inspector)) END,
             CASE WHEN i.company_uscc IS NOT NULL THEN report.said('dossierCompanyCode', jsonb_build_object('uscc', i.company_uscc)) END),
             '$[*] ? (@ != null)')
    FROM report.inspections AS i WHERE i.compound_code = p_compound AND i.inspected_on <= p_as_of
    UNION ALL
    SELECT 9, row_number() OVER (ORDER BY r.inspection_code, r.item_no), 'rectification',
           report.said('dossierValue', jsonb_build_object('value', r.inspection_code || '/' || r.item_no)),
           jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', r.issue)),
             report.said('dossierDeadline', jsonb_build_object('date', r.deadline::text)),
             CASE WHEN r.closed_on <= p_as_of THEN report.said('dossierClosed', jsonb_build_object('date', r.closed_on::text))
                  ELSE report.said('dossierOpen') END)
    FROM report.rectifications AS r JOIN report.inspections AS i ON i.inspection_code = r.inspection_code
    WHERE r.compound_code = p_compound AND i.inspected_on <= p_as_of
    UNION ALL
    SELECT 10, row_number() OVER (ORDER BY k.received_on, k.complaint_code), 'complaint',
           report.said('dossierValue', jsonb_build_object('value', k.complaint_code)),
           jsonb_build_array(
             report.said('dossierValue', jsonb_build_object('value', k.received_on::text)),
             report.said('dossierValue', jsonb_build_object('value', report.coded('complaints', 'category', k.category))),
             CASE WHEN k.resolved_on <= p_as_of THEN report.said('dossierResolvedOn', jsonb_build_object('date', k.resolved_on::text))
                  ELSE report.said('dossierOpen') END)
    FROM report.complaints AS k WHERE k.compound_code = p_compound AND k.received_on <= p_as_of
    UNION ALL
    -- Surveys of periods that had ended by p_as_of (as the company score counts them).
    SELECT 11, row_number() OVER (ORDER BY s.period), 'survey',
           report.said('dossierValue', jsonb_build_object('value', s.period)),
           jsonb_path_query_array(jsonb_build_array(
             report.said('dossierSatisfied', jsonb_build_object('satisfied', s.satisfied::text, 'respondents', s.respondents::text)),
             CASE WHEN s.company_uscc IS NOT NULL THEN report.said('dossierCompanyCode', jsonb_build_object('uscc', s.company_uscc)) END),
             '$[*] ? (@ != null)')
    FROM report.surveys AS s WHERE s.compound_code = p_compound AND s.period_end <= p_as_of
  ) AS x
  ORDER BY x.s, x.o;
END
$$;
COMMENT ON FUNCTION report.compound_report(text, date) IS
'SPEC §4 compound: the dossier of one compound as (section, item, detail) rows: its registry entry, status on '
'as_of, management periods, committees, Party organisations, clearance cases, projects, inspections, '
'rectifications, complaints and surveys. Raises P0002 when the compound is not in view.';

-- anomalies ---------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.anomalies_report(DATE '2026-11-21');
CREATE FUNCTION report.anomalies_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                        p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (kind text, key text, district_code text, detail jsonb)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  WITH c AS (SELECT * FROM report.compounds_filtered(p_district, p_street, p_community)),
  status AS (SELECT s.* FROM report.management_status(p_as_of) AS s JOIN c USING (compound_code)
             WHERE p_district IS NULL OR s.district_code = p_district),
  -- A case's state as of p_as_of has one definition: report.clearance_as_of.
  cases AS (SELECT k.* FROM report.clearance_as_of(p_as_of) AS k JOIN c USING (compound_code)
            WHERE p_district IS NULL OR k.district_code = p_district),
  -- The fund postings of the compounds where a refund may have been cut short or compound interest may have
  -- found no balance (read twice below). Only those: a compound whose deposits exceed its draws up to the
  -- day before an interest posting has some positive balance then (an account moves by at most what was
  -- posted), and one without refunds cuts none short — so the simulation runs for few compounds.
  fund AS (SELECT f.* FROM report.fund_postings(p_as_of, ARRAY(
             SELECT k.compound_code FROM c AS k
             WHERE EXISTS (SELECT 1 FROM report.fund_deposits AS d
                           WHERE d.compound_code = k.compound_code AND d.kind = 'refund' AND d.deposited_on <= p_as_of)
                OR EXISTS (SELECT 1 FROM report.fund_interest AS i
                           WHERE i.compound_code = k.compound_code AND i.posted_on <= p_as_of
                             AND coalesce((SELECT sum(d.amount_yuan) FROM report.fund_deposits AS d
                                           WHERE d.compound_code = k.compound_code AND d.deposited_on < i.posted_on), 0)
                                 <= coalesce((SELECT sum(y.amount_yuan) FROM report.fund_draws AS y
                                              WHERE y.compound_code = k.compound_code AND y.paid_on < i.posted_on), 0)))) AS f)
  SELECT x.kind, x.key, x.district_code, x.detail FROM (
    SELECT 1 AS o, 'unverified_resolution' AS kind, k.compound_code || ' ' || k.identified_on AS key, k.district_code,
           report.said('anomalyUnverified', jsonb_build_object(
             'resolution', report.coded('clearance', 'resolution', k.resolution), 'resolved', k.resolved_on::text,
             'mode', report.coded('management', 'mode', k.expected_mode), 'asof', p_as_of::text)) AS detail
    FROM cases AS k WHERE k.state = 'resolved_unverified'
    UNION ALL
    SELECT 2, 'unmanaged_without_case', s.compound_code, s.district_code,
           report.said('anomalyUnmanaged', jsonb_build_object('compound', s.compound_name, 'asof', p_as_of::text))
    FROM status AS s
    WHERE NOT s.managed AND NOT EXISTS (SELECT 1 FROM cases AS k WHERE k.compound_code = s.compound_code
                                        AND k.state = 'open')
    UNION ALL
    SELECT 3, 'relapsed', k.compound_code || ' ' || k.identified_on, k.district_code,
           report.said('anomalyRelapsed', jsonb_build_object(
             'resolution', report.coded('clearance', 'resolution', k.resolution), 'resolved', k.resolved_on::text, 'asof', p_as_of::text))
    FROM cases AS k JOIN status AS s ON s.compound_code = k.compound_code
    WHERE k.state = 'resolved_verified' AND NOT s.managed
    UNION ALL
    SELECT 4, 'overdue_case', k.compound_code || ' ' || k.identified_on, k.district_code,
           report.said('anomalyOverdueCase', jsonb_build_object('target', k.target_on::text))
    FROM cases AS k WHERE k.overdue
    UNION ALL
    SELECT 5, 'inspection_company_not_managing', i.inspection_code, i.district_code,
           report.said('anomalyCompanyNotManaging', jsonb_build_object('uscc', i.company_uscc, 'compound', i.compound_code,
                                                                        'date', i.inspected_on::text))
    FROM report.inspections AS i JOIN c USING (compound_code)
    WHERE i.company_uscc IS NOT NULL AND i.inspected_on <= p_as_of AND (p_district IS NULL OR i.district_code = p_district)
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = i.compound_code AND m.company_uscc = i.company_uscc
                        AND i.inspected_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 6, 'complaint_company_not_managing', k.complaint_code, k.district_code,
           report.said('anomalyCompanyNotManaging', jsonb_build_object('uscc', k.company_uscc, 'compound', k.compound_code,
                                                                        'date', k.received_on::text))
    FROM report.complaints AS k JOIN c USING (compound_code)
    WHERE k.company_uscc IS NOT NULL AND k.received_on <= p_as_of AND (p_district IS NULL OR k.district_code = p_district)
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = k.compound_code AND m.company_uscc = k.company_uscc
                        AND k.received_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 7, 'overrun', x.project_code || ' ' || x.source || coalesce(' ' || x.payer, ''), x.district_code,
           report.said('anomalyOverrun', jsonb_build_object('paid', x.paid::text, 'committed', x.committed::text, 'overrun', x.overrun::text))
    FROM report.project_shares_as_of(p_as_of, p_district) AS x
    JOIN report.projects AS p ON p.project_code = x.project_code JOIN c ON c.compound_code = p.compound_code
    WHERE x.overrun > 0 AND (p_district IS NULL OR p.district_code = p_district)
    UNION ALL
    SELECT 8, 'final_cost_over_budget', p.project_code, p.district_code,
           report.said('anomalyFinalCost', jsonb_build_object('cost', p.final_cost_yuan::text, 'budget', p.budget_yuan::text))
    FROM report.projects AS p JOIN c ON c.compound_code = p.compound_code
    WHERE p.final_cost_yuan > p.budget_yuan AND (p_district IS NULL OR p.district_code = p_district)
    UNION ALL
    SELECT 9, 'payment_outside_approval', y.voucher_no, y.district_code,
           report.said(CASE WHEN p.approved_on IS NULL THEN 'anomalyPaymentUnapproved' ELSE 'anomalyPaymentBeforeApproval' END,
                       jsonb_build_object('paid', y.paid_on::text, 'project', p.project_code,
                                          'status', report.coded('projects', 'status', p.status), 'approved', p.approved_on::text))
    FROM report.payments AS y JOIN report.projects AS p ON p.project_code = y.project_code
    JOIN c ON c.compound_code = p.compound_code
    WHERE y.paid_on <= p_as_of AND (p.approved_on IS NULL OR y.paid_on < p.approved_on)
      AND (p_district IS NULL OR y.district_code = p_district)
    UNION ALL
    -- SPEC §10: a committee over a 一般 limit of its jurisdiction (a warning), or breaking a rule added
    -- after it was loaded (a refusal found now).
    SELECT 10, CASE WHEN f.refusal THEN 'committee_breaks_rule' ELSE 'committee_over_general_limit' END,
           f.compound_code || ' ' || f.term_start, c.district_code,
           -- the finding's sentence in English (ledger.committee_findings, the loader's), its rule's label in Chinese
           report.said('anomalyCommitteeRule', jsonb_build_object(
             'finding', jsonb_build_object('en', f.message, 'zh', report.coded('anomalies', 'rule', f.rule) ->> 'zh'),
             'source', jsonb_build_object('en', f.source_en, 'zh', f.source_zh)))
    FROM report.committee_findings AS f JOIN c USING (compound_code)
    WHERE f.term_start <= p_as_of
    UNION ALL
    -- SPEC §6 (sql/schema/050-fund.sql): owing units, units that must top up (or, past the default delay of
    -- their jurisdiction, owe the default top-up), draws without a vote.
    SELECT 11, CASE WHEN u.owing THEN 'fund_owing' WHEN u.topup_default_due IS NOT NULL THEN 'fund_topup_default'
                    ELSE 'fund_below_threshold' END,
           u.compound_code || ' ' || u.building || ' ' || u.unit_no, u.district_code,
           CASE WHEN u.owing THEN report.said('anomalyFundOwing', jsonb_build_object('owed', u.owed::text))
                WHEN u.topup_default_due IS NOT NULL
                THEN report.said('anomalyFundTopupDefault', jsonb_build_object(
                       'balance', u.balance::text, 'since', u.below_since::text,
                       'days', r.topup_default_after_days::text,
                       'due', u.topup_default_due::text,
                       'target', r.topup_default_target,
                       'first', u.first_deposits::text))
                ELSE report.said('anomalyFundBelowThreshold', jsonb_build_object('balance', u.balance::text, 'first', u.first_deposits::text)) END
    FROM report.fund_units_of(p_as_of, report.fund_compounds_selected(p_district, p_street, p_community), true) AS u
    LEFT JOIN report.fund_rules(p_as_of) AS r ON r.district_code = u.district_code
    UNION ALL
    SELECT 12, 'fund_emergency_draw', y.voucher_no, y.district_code,
           report.said('anomalyEmergencyDraw', jsonb_build_object(
             'amount', y.amount_yuan::text, 'date', y.paid_on::text, 'project', y.project_code, 'category', report.coded('rules', 'value', y.emergency_category),
             'reason', y.emergency_reason, 'applicant', report.coded('projects', 'emergency_applicant', y.emergency_applicant),
             'confirmer', y.emergency_confirmed_by, 'confirmed', y.emergency_confirmed_on::text))
    FROM report.fund_draws AS y JOIN c USING (compound_code)
    WHERE y.emergency AND y.paid_on <= p_as_of AND (p_district IS NULL OR y.district_code = p_district)
    UNION ALL
    -- A refund the balance could not cover in full (the account never goes below zero): the bank paid out
    -- less than the voucher says, or a draw came first.
    SELECT 13, 'fund_refund_cut_short', f.reference, f.district_code,
           report.said('anomalyRefundCutShort', jsonb_build_object(
             'refund', (-f.posted)::text, 'building', f.building, 'unit', f.unit_no, 'compound', f.compound_code,
             'date', f.posted_on::text, 'taken', (-f.amount)::text))
    FROM fund AS f
    WHERE f.kind = 'refund' AND f.amount > f.posted
    UNION ALL
    -- Compound interest posted when every unit's balance at the end of the day before was zero: there is
    -- nothing to allocate it by, so no account received it.
    SELECT 14, 'fund_interest_unallocated', i.compound_code || ' ' || i.posted_on, i.district_code,
           report.said('anomalyInterestUnallocated', jsonb_build_object('amount', i.amount_yuan::text, 'date', i.posted_on::text))
    FROM report.fund_interest AS i JOIN c USING (compound_code)
    WHERE i.posted_on <= p_as_of AND (p_district IS NULL OR i.district_code = p_district)
      -- a compound with accounts among those simulated (the others had a positive balance), and no allocation of
      -- that day's interest among its postings. IN and NOT IN (hashed subplans; the columns are never NULL): NOT
      -- EXISTS was planned as a nested loop reading the simulated postings once per interest row (province: 377
      -- rows × 743,782 postings, 21.6 s).
      AND i.compound_code IN (SELECT f.compound_code FROM fund AS f)
      AND (i.compound_code, i.posted_on) NOT IN (SELECT f.compound_code, f.posted_on FROM fund AS f
                                                 WHERE f.kind = 'interest' AND f.reference = 'compound')
  ) AS x
  ORDER BY x.o, x.key;
END
$$;
COMMENT ON FUNCTION report.anomalies_report(date, text, text, text) IS
'SPEC §4 anomalies: findings for the oversight desk — unverified resolutions, unmanaged compounds without an open '
'case, relapsed compounds, overdue cases, inspections and complaints naming a company that does not manage the '
'compound on that date, overruns, final cost over budget, payments before approval, committees over a 一般 limit '
'of their jurisdiction or breaking a rule added later; fund units owing, below the top-up threshold or owing '
'their jurisdiction''s default top-up, emergency draws on the fund, refunds cut short by the balance, compound '
'interest allocated to no unit (SPEC §6).';

-- votes ---------------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.votes_report(DATE '2026-11-21');
-- SPEC §7: one row per vote held on or before as_of: the figures used (typed, or counted from the units
-- in scope, the owners register under Interpretation Art. 9, or the ballots), where the owner figures
-- came from, the law applied, the four tests and the verdict — ledger.votes_evaluated, the same
-- computation the projects report and the project gates read.
CREATE FUNCTION report.votes_report(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL,
                                    p_street text DEFAULT NULL, p_community text DEFAULT NULL,
                                    p_project text DEFAULT NULL)
RETURNS TABLE (project_code text, matter text, held_on date, total_area_m2 numeric, total_owners integer,
               participating_area_m2 numeric, participating_owners integer, approving_area_m2 numeric,
               approving_owners integer, counted_from text, law text, quorum_area_met boolean,
               quorum_owners_met boolean, approval_area_met boolean, approval_owners_met boolean, passed boolean)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT v.project_code, v.matter, v.held_on, v.total_area_m2, v.total_owners, v.participating_area_m2,
         v.participating_owners, v.approving_area_m2, v.approving_owners, v.counted_from, v.law,
         v.quorum_area_met, v.quorum_owners_met, v.approval_area_met, v.approval_owners_met, v.passed
  FROM report.votes AS v
  WHERE v.held_on <= p_as_of AND (p_project IS NULL OR v.project_code = p_project)
    AND (p_district IS NULL OR v.district_code = p_district)
    -- a street or community filter keeps the votes of its compounds' projects (a one-time test without one)
    AND ((p_street IS NULL AND p_community IS NULL)
         OR v.project_code IN (SELECT p.project_code FROM report.projects AS p
                               JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = p.compound_code))
  ORDER BY v.held_on, v.project_code, v.matter;
END
$$;
COMMENT ON FUNCTION report.votes_report(date, text, text, text, text) IS
'SPEC §7 votes: every vote held by as_of with the figures used, counted_from (typed / units / owners / ballots), '
'the law applied, the four tests of §2.2 and the verdict.';

-- committees ----------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.committees_report(DATE '2026-11-21');
-- SPEC §8 committee oversight, per district (p_by street | community; compound = the compounds behind
-- each count, `--list`): compounds, with_committee (a committee of any kind in force on as_of),
-- formation_pct (1 decimal), expired_no_successor (超期未换届: the last term begun by as_of ended before it
-- and none is in force), ending_soon (terms in force ending within p_days, NULL: the re-election lead time
-- of the compound's jurisdiction, SPEC §10), party_eligible_without_org (committees in force with enough
-- Party members for a branch and no live Party organisation).
CREATE FUNCTION report.committees_report(p_as_of date DEFAULT current_date, p_days integer DEFAULT NULL,
                                         p_by text DEFAULT 'district', p_district text DEFAULT NULL,
                                         p_street text DEFAULT NULL, p_community text DEFAULT NULL)
RETURNS TABLE (group_code text, group_name text, compounds bigint, with_committee bigint, formation_pct numeric,
               expired_no_successor bigint, ending_soon bigint, party_eligible_without_org bigint)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
  IF p_by IS NULL OR p_by NOT IN ('district', 'street', 'community', 'compound') THEN
    RAISE EXCEPTION 'cannot group committees by "%"', p_by
      USING ERRCODE = '22023', HINT = 'Use district, street, community, or compound (--list).';
  END IF;
  RETURN QUERY
  WITH c AS (
    SELECT f.compound_code, f.district_code,
           CASE p_by WHEN 'district' THEN f.district_code WHEN 'street' THEN f.street_code
                     WHEN 'community' THEN f.community_code ELSE f.compound_code END AS g_code,
           CASE p_by WHEN 'district' THEN f.district_name WHEN 'street' THEN f.street_name
                     WHEN 'community' THEN f.community_name ELSE f.name END AS g_name
    FROM report.compounds_filtered(p_district, p_street, p_community) AS f
  ), in_force AS (
    -- One read of the committees in force and of the rules per district (set-wise: at province a
    -- correlated read per compound took seconds).
    SELECT k.compound_code,
           count(*) FILTER (WHERE k.term_end BETWEEN p_as_of AND p_as_of + coalesce(p_days, l.value)) AS ending,
           count(*) FILTER (WHERE k.party_org_form IS NULL AND k.party_members >= b.value) AS eligible
    FROM report.committees_in_force(p_as_of) AS k
    LEFT JOIN report.district_rule_integer('committee.reelection_lead_days', p_as_of) AS l ON l.district_code = k.district_code
    LEFT JOIN report.district_rule_integer('party_org.branch_min_formal_members', p_as_of) AS b ON b.district_code = k.district_code
    -- A filtered report reads the committees of its compounds only (at province one district's
    -- committees, not the province's: the district index, then a semi-join for a street or community).
    WHERE (p_district IS NULL OR k.district_code = p_district)
      AND (p_street IS NULL AND p_community IS NULL OR k.compound_code IN (SELECT c.compound_code FROM c))
    GROUP BY k.compound_code
  ), last_term AS (
    SELECT k.compound_code, max(k.term_end) AS last_end
    FROM report.committees AS k WHERE k.term_start <= p_as_of
      AND (p_district IS NULL OR k.district_code = p_district)
      AND (p_street IS NULL AND p_community IS NULL OR k.compound_code IN (SELECT c.compound_code FROM c))
    GROUP BY k.compound_code
  ), per_compound AS (
    SELECT c.g_code, c.g_name, c.compound_code, f.compound_code IS NOT NULL AS in_force, t.last_end,
           coalesce(f.ending, 0) AS ending, coalesce(f.eligible, 0) AS eligible
    FROM c
    LEFT JOIN in_force AS f ON f.compound_code = c.compound_code
    LEFT JOIN last_term AS t ON t.compound_code = c.compound_code
  )
  SELECT x.g_code, min(x.g_name), count(*), count(*) FILTER (WHERE x.in_force),
         round(100.0 * count(*) FILTER (WHERE x.in_force) / count(*), 1),
         count(*) FILTER (WHERE NOT x.in_force AND x.last_end < p_as_of),
         sum(x.ending)::bigint, sum(x.eligible)::bigint
  FROM per_compound AS x
  GROUP BY x.g_code
  ORDER BY x.g_code;
END
$$;
COMMENT ON FUNCTION report.committees_report(date, integer, text, text, text, text) IS
'SPEC §8 committees: per district (p_by street | community | compound) compounds, with a committee in force, '
'formation_pct, expired terms with none in force (超期未换届), terms ending within p_days (NULL: the jurisdiction''s '
're-election lead time) and committees eligible for a Party branch without a live Party organisation. '
'Raises 22023 for another p_by.';

-- loads -------------------------------------------------------------------------------------

-- Usage: SELECT * FROM report.loads_report();
CREATE FUNCTION report.loads_report()
RETURNS TABLE ("when" timestamptz, who text, kind text, file text, sha256 text, "rows" bigint, inserted bigint,
               updated bigint, unchanged bigint, rejected bigint, deleted bigint, status text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT b.started_at, b.db_user, b.kind, b.file_name, b.sha256, b.rows, b.inserted, b.updated, b.unchanged,
         b.rejected, b.deleted, b.status
  FROM report.load_batches AS b
  ORDER BY b.started_at, b.id;
END
$$;
COMMENT ON FUNCTION report.loads_report() IS 'SPEC §4 loads: one row per load batch, oldest first (deleted: rows a delete load removed, SPEC §8).';
