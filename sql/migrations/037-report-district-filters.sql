-- 037: district-filtered reports read the selected district's rows, not the whole city's.
--
-- Same columns, rows and order as 013/031/034/036; only the plans change (docs/reports.md
-- "Performance"), except two helper signatures: report.project_shares_as_of and report.company_scores
-- take a filter. At province scale (50 districts) a `--district` report took 3–20× its city-scale time
-- for a district of the same size, because what it joined to the district's compounds was computed for
-- every district first:
--
-- * report.projects, funding and anomalies took every project's shares, payments and vote results.
--   report.project_shares_as_of(as_of, district) filters shares and payments by district (NULL = every
--   district); projects_report computes vote_status (as report.projects does: none / passed / failed)
--   from the selected district's votes; the three filter report.projects by the district too.
-- * ledger.funding_amounts partitions its windows by (project_code, district_code) instead of
--   project_code alone, and joins a share's project on (project_code, district_code). A project's shares
--   all carry its district (funding_project_fkey references projects (project_code, district_code)), so
--   the partitions, the joined rows and every amount are the same; but PostgreSQL pushes a filter into a
--   subquery with window functions only when it names a column of every PARTITION BY, and the join
--   carries the filter on to the projects.
-- * clearance, party-coverage, companies, recommend, expiring and anomalies add
--   `p_district IS NULL OR x.district_code = p_district` where they read a helper or a table that carries
--   the district (report.management_status, committees_in_force, clearance_cases, inspections,
--   complaints, payments); PL/pgSQL plans the statement with the value, so the condition becomes
--   `district_code = '320508'` (or disappears without a filter) and reaches the index below.
-- * report.company_scores takes the list of companies to score (NULL = every company); companies and
--   recommend list the companies managing in the selection first and score only those. A company's
--   figures still cover every compound in view that it manages.
-- * report.clearance_cases found each case's verifying management period with
--   `daterange(start_on, end_on) && daterange(resolved_on, resolved_on + 30)`, which PostgreSQL answered
--   from the GiST exclusion index management_periods_no_overlap: ~80 µs a probe (a btree_gist text key
--   is a range, so an equality probe descends many subtrees), 1.4 s for the 14,570 cases at province
--   scale. The same overlap as comparisons, the compound and start bound as a row-comparison range that
--   only a btree can serve, lets the primary key (compound_code, start_on) find the earliest such period
--   in index order (76 ms for all 14,570 cases).
-- * district_code indexes on the tables read by district; surveys (company_uscc) for company_scores.
-- * clearance and recommend keep the `SET jit = off` that 034 gave them with ALTER FUNCTION.

CREATE INDEX projects_district_idx ON ledger.projects (district_code);
CREATE INDEX funding_district_idx ON ledger.funding (district_code);
CREATE INDEX votes_district_idx ON ledger.votes (district_code);
CREATE INDEX payments_district_idx ON ledger.payments (district_code);
CREATE INDEX management_district_idx ON ledger.management (district_code);
CREATE INDEX committees_district_idx ON ledger.committees (district_code);
CREATE INDEX clearance_district_idx ON ledger.clearance (district_code);
CREATE INDEX inspections_district_idx ON ledger.inspections (district_code);
CREATE INDEX complaints_district_idx ON ledger.complaints (district_code);
CREATE INDEX surveys_company_idx ON ledger.surveys (company_uscc);

CREATE OR REPLACE VIEW ledger.funding_amounts AS
WITH shares AS (
  SELECT f.project_code, f.district_code, f.source, f.payer, f.amount_yuan, f.percent, p.budget_yuan,
         count(f.amount_yuan) OVER whole AS amount_rows,
         sum(f.percent) OVER whole AS percent_sum,
         row_number() OVER whole AS position
  FROM ledger.funding AS f
  JOIN ledger.projects AS p ON p.project_code = f.project_code AND p.district_code = f.district_code
  WINDOW whole AS (PARTITION BY f.project_code, f.district_code ORDER BY ledger.funding_source_rank(f.source), f.payer
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), parts AS (
  SELECT s.*, (s.amount_rows = 0 AND s.percent_sum = 100 AND s.budget_yuan IS NOT NULL) AS split,
         CASE WHEN s.amount_rows = 0 AND s.percent_sum = 100 AND s.budget_yuan IS NOT NULL
              THEN div(abs(s.budget_yuan) * 100 * s.percent, s.percent_sum) END AS floor_fen,
         CASE WHEN s.amount_rows = 0 AND s.percent_sum = 100 AND s.budget_yuan IS NOT NULL
              THEN mod(abs(s.budget_yuan) * 100 * s.percent, s.percent_sum) END AS remainder
  FROM shares AS s
), ranked AS (
  SELECT p.*,
         abs(p.budget_yuan) * 100 - sum(p.floor_fen) OVER (PARTITION BY p.project_code, p.district_code) AS leftover_fen,
         row_number() OVER (PARTITION BY p.project_code, p.district_code ORDER BY p.remainder DESC, p.position) AS remainder_rank
  FROM parts AS p
)
SELECT r.project_code, r.district_code, r.source, r.payer, r.amount_yuan, r.percent,
       CASE WHEN r.percent IS NULL THEN r.amount_yuan
            WHEN r.split
            THEN (sign(r.budget_yuan) * (r.floor_fen + CASE WHEN r.remainder_rank <= r.leftover_fen THEN 1 ELSE 0 END)
                  * 0.01)::numeric(14,2)
       END AS committed_yuan
FROM ranked AS r;
COMMENT ON VIEW ledger.funding_amounts IS 'Every funding share as an amount (committed_yuan); percent shares split from the budget by largest remainder (the arithmetic of ledger.largest_remainder, on the share rows).';

CREATE OR REPLACE VIEW report.clearance_cases AS
SELECT k.compound_code, k.identified_on, k.district_code, c.street_code, c.community_code, c.community_type,
       k.target_on, k.resolution, k.resolved_on, k.note,
       CASE k.resolution WHEN 'company_takeover' THEN 'company' WHEN 'self_management' THEN 'self_managed'
                         WHEN 'community_fallback' THEN 'fallback' END AS expected_mode,
       CASE WHEN k.resolution IS NOT NULL THEN v.start_on IS NOT NULL END AS verified,
       v.start_on AS verifying_period_start_on
FROM ledger.clearance AS k
JOIN report.compounds AS c ON c.compound_code = k.compound_code
LEFT JOIN LATERAL (
  SELECT m.start_on FROM ledger.management AS m
  -- compound_code = k.compound_code AND start_on <= resolved_on + 30, as one row-comparison range:
  -- only a btree can use a row comparison, so the primary key (compound_code, start_on) answers it, in
  -- start_on order (with a plain equality the planner preferred the GiST index, ~40× slower a probe).
  WHERE (m.compound_code, m.start_on) BETWEEN (k.compound_code, '-infinity'::date) AND (k.compound_code, k.resolved_on + 30)
    AND m.mode = CASE k.resolution WHEN 'company_takeover' THEN 'company' WHEN 'self_management' THEN 'self_managed'
                                   WHEN 'community_fallback' THEN 'fallback' END
    -- with the above: [start_on, end_on] overlaps [resolved_on, resolved_on + 30] (end_on NULL: open-ended)
    AND coalesce(m.end_on, 'infinity') >= k.resolved_on
  ORDER BY m.start_on LIMIT 1) AS v ON true;

DROP FUNCTION report.project_shares_as_of(date);

-- Committed and paid (by as_of) per project, source and payer; outstanding and overrun per share.
-- Usage: SELECT * FROM report.project_shares_as_of(DATE '2026-11-21', '320508');
CREATE FUNCTION report.project_shares_as_of(p_as_of date DEFAULT current_date, p_district text DEFAULT NULL)
RETURNS TABLE (project_code text, district_code text, source text, payer text, committed numeric,
               paid numeric, outstanding numeric, overrun numeric)
LANGUAGE sql STABLE
AS $$
  WITH committed AS (
    SELECT f.project_code, f.district_code, f.source, f.payer, sum(f.committed_yuan) AS yuan
    FROM report.funding_committed AS f WHERE p_district IS NULL OR f.district_code = p_district
    GROUP BY 1, 2, 3, 4
  ), paid AS (
    SELECT p.project_code, p.district_code, p.source, p.payer, sum(p.amount_yuan) AS yuan
    FROM report.payments AS p WHERE p.paid_on <= p_as_of AND (p_district IS NULL OR p.district_code = p_district)
    GROUP BY 1, 2, 3, 4
  )
  SELECT coalesce(c.project_code, p.project_code), coalesce(c.district_code, p.district_code),
         coalesce(c.source, p.source), coalesce(c.payer, p.payer),
         coalesce(c.yuan, 0)::numeric(14,2), coalesce(p.yuan, 0)::numeric(14,2),
         greatest(coalesce(c.yuan, 0) - coalesce(p.yuan, 0), 0)::numeric(14,2),
         greatest(coalesce(p.yuan, 0) - coalesce(c.yuan, 0), 0)::numeric(14,2)
  FROM committed AS c
  FULL JOIN paid AS p ON p.project_code = c.project_code AND p.source = c.source
                     AND p.payer IS NOT DISTINCT FROM c.payer
$$;
COMMENT ON FUNCTION report.project_shares_as_of(date, text) IS 'Per project (of one district, or all when NULL), source and payer: committed, paid by as_of, outstanding = max(0, committed - paid), overrun = max(0, paid - committed).';

DROP FUNCTION report.company_scores(date);

CREATE FUNCTION report.company_scores(p_as_of date DEFAULT current_date, p_companies text[] DEFAULT NULL)
RETURNS TABLE (uscc text, company text, compounds bigint, households bigint, inspections bigint,
               service numeric, satisfaction_pct numeric, complaints bigint, complaints_per_1000 numeric,
               party integer, overdue_rectifications bigint, score numeric, no_inspections boolean)
LANGUAGE sql STABLE
AS $$
  WITH win AS (
    -- last 12 months: as_of - 12 months ..= as_of; last 4 quarters: the four complete quarters
    -- ending on or before as_of.
    SELECT (p_as_of - interval '12 months')::date AS from_on,
           (date_trunc('quarter', p_as_of + 1) - interval '12 months')::date AS q_from,
           (date_trunc('quarter', p_as_of + 1) - interval '1 day')::date AS q_to
  ), managed AS (
    SELECT s.company_uscc, count(*) AS compounds, coalesce(sum(s.households), 0) AS households
    FROM report.management_status(p_as_of) AS s
    WHERE s.mode = 'company' AND (p_companies IS NULL OR s.company_uscc = ANY (p_companies))
    GROUP BY s.company_uscc
  ), insp AS (
    SELECT i.company_uscc, count(*) AS n, avg(i.score) AS service
    FROM report.inspections AS i, win WHERE i.inspected_on BETWEEN win.from_on AND p_as_of
      AND (p_companies IS NULL OR i.company_uscc = ANY (p_companies))
    GROUP BY i.company_uscc
  ), surv AS (
    SELECT s.company_uscc, 100 * sum(s.satisfied)::numeric / sum(s.respondents) AS pct
    FROM report.surveys AS s
    CROSS JOIN LATERAL (SELECT make_date(left(s.period, 4)::int,
                                         coalesce((substr(s.period, 7, 1)::int - 1) * 3 + 1, 1), 1) AS starts,
                               CASE WHEN length(s.period) = 4 THEN interval '1 year' ELSE interval '3 months' END AS span) AS p,
         win
    WHERE p.starts >= win.q_from AND (p.starts + p.span - interval '1 day')::date <= win.q_to
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
           coalesce(pt.points, 0) AS party, coalesce(r.n, 0) AS overdue, i.n IS NULL AS no_inspections
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
         + report.setting('score_weight_complaints') * greatest(0, 100 - 10 * coalesce(p.per_1000, 0)),
         p.no_inspections
  FROM parts AS p
$$;
COMMENT ON FUNCTION report.company_scores(date, text[]) IS
'Exact company scorecard (SPEC §4) of every company (or of those in p_companies) managing a compound in view on as_of: service = mean '
'inspection score over as_of - 12 months ..= as_of (0 and no_inspections when none), satisfaction_pct = '
'sum satisfied / sum respondents over the four complete quarters ending by as_of, complaints_per_1000 = '
'complaints in the 12 months per 1000 households managed on as_of, party 100 / 60 / 0, overdue '
'rectifications on as_of, score = weighted sum with the weights of ledger.settings.';

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
    FROM report.project_shares_as_of(p_as_of, p_district) AS x GROUP BY x.project_code
  ), v AS (
    -- report.projects' vote_status, from the votes of the selected district only
    SELECT y.project_code, count(*) AS votes, count(*) FILTER (WHERE y.passed) AS passed
    FROM report.votes AS y WHERE p_district IS NULL OR y.district_code = p_district
    GROUP BY y.project_code
  )
  SELECT p.project_code, p.compound_code, p.compound_name, p.category, p.status, p.budget_yuan,
         coalesce(s.government, 0)::numeric(14,2), coalesce(s.company, 0)::numeric(14,2),
         coalesce(s.maintenance_fund, 0)::numeric(14,2), coalesce(s.owners, 0)::numeric(14,2),
         coalesce(s.co_building, 0)::numeric(14,2), coalesce(s.community_fund, 0)::numeric(14,2),
         coalesce(s.committed, 0)::numeric(14,2), coalesce(s.paid, 0)::numeric(14,2),
         coalesce(s.outstanding, 0)::numeric(14,2), coalesce(s.overrun, 0)::numeric(14,2),
         CASE WHEN v.votes IS NULL THEN 'none' WHEN v.passed > 0 THEN 'passed' ELSE 'failed' END
  FROM report.projects AS p
  JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = p.compound_code
  LEFT JOIN s ON s.project_code = p.project_code
  LEFT JOIN v ON v.project_code = p.project_code
  WHERE p.proposed_on <= p_as_of AND (p_district IS NULL OR p.district_code = p_district)
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
  FROM report.project_shares_as_of(p_as_of, p_district) AS x
  JOIN report.projects AS p ON p.project_code = x.project_code
  JOIN report.compounds_filtered(p_district, p_street, p_community) AS c ON c.compound_code = p.compound_code
  WHERE p.approved_on <= p_as_of AND p.status <> 'cancelled' AND (p_district IS NULL OR p.district_code = p_district)
    AND (p_year IS NULL OR extract(year FROM p.approved_on) = p_year)
  GROUP BY c.district_code, c.district_name, x.source
  ORDER BY c.district_code, report.funding_source_rank(x.source);
END
$$;

CREATE OR REPLACE FUNCTION report.clearance_report(p_as_of date DEFAULT current_date, p_by text DEFAULT 'district',
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
    SELECT c.g_code, k.compound_code, k.target_on, k.resolution,
           CASE WHEN k.resolved_on IS NULL OR k.resolved_on > p_as_of THEN 'open'
                WHEN k.verified AND k.verifying_period_start_on <= p_as_of THEN 'verified'
                ELSE 'unverified' END AS state
    FROM report.clearance_cases AS k JOIN c ON c.compound_code = k.compound_code
    WHERE k.identified_on <= p_as_of AND (p_district IS NULL OR k.district_code = p_district)
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
    WHERE p_district IS NULL OR k.district_code = p_district
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
         round(s.complaints_per_1000, 2), s.party, s.overdue_rectifications, round(s.score, 2), s.no_inspections
  FROM report.company_scores(p_as_of, listed) AS s
  WHERE listed IS NULL OR s.uscc = ANY (listed)
  ORDER BY s.score DESC, s.uscc;
END
$$;

CREATE OR REPLACE FUNCTION report.recommend_report(p_compound text, p_as_of date DEFAULT current_date)
RETURNS TABLE ("rank" bigint, uscc text, company text, compounds bigint, households bigint, service numeric,
               satisfaction_pct numeric, complaints_per_1000 numeric, party integer,
               overdue_rectifications bigint, score numeric, no_inspections boolean)
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
         s.overdue_rectifications, round(s.score, 2), s.no_inspections
  FROM report.company_scores(p_as_of, listed) AS s
  WHERE s.overdue_rectifications = 0 AND s.uscc = ANY (listed)
  ORDER BY s.score DESC, s.uscc;
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
    FROM report.management_periods AS m WHERE p_district IS NULL OR m.district_code = p_district
    UNION ALL
    SELECT 'committee', k.compound_code, k.kind, k.term_end,
           EXISTS (SELECT 1 FROM report.committees AS n
                   WHERE n.compound_code = k.compound_code AND n.term_start > k.term_end)
    FROM report.committees AS k WHERE p_district IS NULL OR k.district_code = p_district
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
  status AS (SELECT s.* FROM report.management_status(p_as_of) AS s JOIN c USING (compound_code)
             WHERE p_district IS NULL OR s.district_code = p_district),
  cases AS (SELECT k.* FROM report.clearance_cases AS k JOIN c USING (compound_code)
            WHERE k.identified_on <= p_as_of AND (p_district IS NULL OR k.district_code = p_district))
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
    WHERE i.company_uscc IS NOT NULL AND i.inspected_on <= p_as_of AND (p_district IS NULL OR i.district_code = p_district)
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = i.compound_code AND m.company_uscc = i.company_uscc
                        AND i.inspected_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 6, 'complaint_company_not_managing', k.complaint_code, k.district_code,
           'names company ' || k.company_uscc || ', which does not manage ' || k.compound_code || ' on ' || k.received_on
    FROM report.complaints AS k JOIN c USING (compound_code)
    WHERE k.company_uscc IS NOT NULL AND k.received_on <= p_as_of AND (p_district IS NULL OR k.district_code = p_district)
      AND NOT EXISTS (SELECT 1 FROM report.management_periods AS m
                      WHERE m.compound_code = k.compound_code AND m.company_uscc = k.company_uscc
                        AND k.received_on BETWEEN m.start_on AND coalesce(m.end_on, 'infinity'))
    UNION ALL
    SELECT 7, 'overrun', x.project_code || ' ' || x.source || coalesce(' ' || x.payer, ''), x.district_code,
           'paid ' || x.paid || ' against a committed ' || x.committed || ': overrun ' || x.overrun
    FROM report.project_shares_as_of(p_as_of, p_district) AS x
    JOIN report.projects AS p ON p.project_code = x.project_code JOIN c ON c.compound_code = p.compound_code
    WHERE x.overrun > 0 AND (p_district IS NULL OR p.district_code = p_district)
    UNION ALL
    SELECT 8, 'final_cost_over_budget', p.project_code, p.district_code,
           'final cost ' || p.final_cost_yuan || ' exceeds the budget ' || p.budget_yuan
    FROM report.projects AS p JOIN c ON c.compound_code = p.compound_code
    WHERE p.final_cost_yuan > p.budget_yuan AND (p_district IS NULL OR p.district_code = p_district)
    UNION ALL
    SELECT 9, 'payment_outside_approval', y.voucher_no, y.district_code,
           'paid ' || y.paid_on || ' on project ' || p.project_code || ' (' || p.status || ', approved '
           || coalesce(p.approved_on::text, 'never') || ')'
    FROM report.payments AS y JOIN report.projects AS p ON p.project_code = y.project_code
    JOIN c ON c.compound_code = p.compound_code
    WHERE y.paid_on <= p_as_of AND (p.approved_on IS NULL OR y.paid_on < p.approved_on)
      AND (p_district IS NULL OR y.district_code = p_district)
  ) AS x
  ORDER BY x.o, x.key;
END
$$;
