-- 040: the last whole-city reads under district-filtered reports, and clearance's verification look-up.
--
-- Same columns, rows and order as 013/037/039 (docs/reports.md "Performance"); only plans change.
--
-- * report.clearance_cases found each case's verifying management period with
--   `daterange(start_on, end_on) && daterange(resolved_on, resolved_on + 30)`, which PostgreSQL answered
--   from the GiST exclusion index management_periods_no_overlap: ~90 µs a probe (a btree_gist text key
--   is a range, so an equality probe descends many subtrees), 1.4 s for the 14,570 cases at province
--   scale. The same overlap as comparisons, the compound and start bound as a row-comparison range that
--   only a btree can serve, lets the primary key (compound_code, start_on) find the earliest such period
--   in index order (76 ms for all 14,570 cases).
-- * ledger.funding_amounts joins a share's project on (project_code, district_code) — the same row,
--   since funding_project_fkey references that pair — so a district filter on the shares reaches the
--   projects too (district index) instead of hashing every project.
-- * projects, funding and anomalies filter report.projects by the district as well, not only through
--   the compounds they join.

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
