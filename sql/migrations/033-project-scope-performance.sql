-- 033: the units in a project's scope and the votes over them, without per-unit function calls.
--
-- Same columns and rows as 009; only the plans change (docs/reports.md "Performance").
--
-- ledger.project_units (009) tested `u.building = ANY (ledger.scope_building_list(p.scope_buildings))`
-- for every unit row: scope_building_list is an SQL function with a sub-SELECT (not inlinable), so a
-- report over all projects called it once per unit of every project's compound (2.2M calls at city
-- scale, ~10 s). The list is now computed once per project, in a LATERAL sub-select that OFFSET 0
-- keeps from being pulled up into the join qual; the units test the ready array.
--
-- ledger.votes_evaluated (009) summed the units in scope for every vote, although the sums are only
-- used when total_area_m2 or total_owners is blank. The sums are now taken only for such votes (a
-- one-time filter per vote; when both totals are given the unused sums are 0 / 0), straight from the
-- project's compound by units_pkey (compound_code, …) with the scope list computed once per vote.

CREATE OR REPLACE VIEW ledger.project_units AS
SELECT p.project_code, p.district_code, u.compound_code, u.building, u.unit_no, u.floor_area_m2
FROM ledger.projects AS p
CROSS JOIN LATERAL (SELECT ledger.scope_building_list(p.scope_buildings) AS buildings OFFSET 0) AS s
JOIN ledger.units AS u ON u.compound_code = p.compound_code
WHERE p.scope_buildings IS NULL OR u.building = ANY (s.buildings);
COMMENT ON VIEW ledger.project_units IS 'Units in a project''s scope (whole compound when scope_buildings is NULL).';

CREATE OR REPLACE VIEW ledger.votes_evaluated AS
WITH v AS (
  SELECT v.*, s.area AS scope_area_m2, s.owners AS scope_owners,
         coalesce(v.total_area_m2, s.area) AS eff_total_area_m2,
         coalesce(v.total_owners, s.owners) AS eff_total_owners
  FROM ledger.votes AS v
  LEFT JOIN ledger.projects AS p ON p.project_code = v.project_code
  LEFT JOIN LATERAL (
    SELECT ledger.scope_building_list(p.scope_buildings) AS buildings OFFSET 0) AS b ON true
  LEFT JOIN LATERAL (
    SELECT coalesce(sum(u.floor_area_m2), 0)::numeric(12,2) AS area, count(*)::integer AS owners
    FROM ledger.units AS u
    WHERE (v.total_area_m2 IS NULL OR v.total_owners IS NULL)
      AND u.compound_code = p.compound_code
      AND (p.scope_buildings IS NULL OR u.building = ANY (b.buildings))) AS s ON true
), checked AS (
  SELECT v.*, coalesce(eff_total_owners > 0 AND participating_area_m2 <= eff_total_area_m2
           AND participating_owners <= eff_total_owners AND approving_area_m2 <= participating_area_m2
           AND approving_owners <= participating_owners, false) AS counts_possible
  FROM v
)
SELECT c.project_code, c.matter, c.held_on, c.district_code,
       c.eff_total_area_m2 AS total_area_m2, c.eff_total_owners AS total_owners,
       (c.total_area_m2 IS NULL) AS total_area_computed, (c.total_owners IS NULL) AS total_owners_computed,
       c.participating_area_m2, c.participating_owners, c.approving_area_m2, c.approving_owners,
       c.counts_possible,
       CASE WHEN c.counts_possible THEN e.quorum_area_met END AS quorum_area_met,
       CASE WHEN c.counts_possible THEN e.quorum_owners_met END AS quorum_owners_met,
       CASE WHEN c.counts_possible THEN e.approval_area_met END AS approval_area_met,
       CASE WHEN c.counts_possible THEN e.approval_owners_met END AS approval_owners_met,
       CASE WHEN c.counts_possible THEN e.passed END AS passed
FROM checked AS c
-- Impossible counts are replaced by a harmless 1/1/1 vote so the function never raises here.
CROSS JOIN LATERAL ledger.vote_evaluate(c.matter,
  CASE WHEN c.counts_possible THEN c.eff_total_area_m2 ELSE 1 END,
  CASE WHEN c.counts_possible THEN c.eff_total_owners ELSE 1 END,
  CASE WHEN c.counts_possible THEN c.participating_area_m2 ELSE 1 END,
  CASE WHEN c.counts_possible THEN c.participating_owners ELSE 1 END,
  CASE WHEN c.counts_possible THEN c.approving_area_m2 ELSE 1 END,
  CASE WHEN c.counts_possible THEN c.approving_owners ELSE 1 END) AS e;
COMMENT ON VIEW ledger.votes_evaluated IS 'Votes with blank totals computed from the units in scope (area sum; one owner per unit) and the result from ledger.vote_evaluate.';

-- ledger.funding_amounts (009) called ledger.split_percent (PL/pgSQL, SECURITY DEFINER since 032)
-- once per share row, each call splitting the project's whole percent list again (34k calls, ~1.5 s
-- at city scale). The split is now made once per project, on its first share (position 1), and
-- handed to the project's other shares by a second window over the same partition: the same list in
-- the same order, so the same amounts. Both windows partition by project_code, so a filter on
-- project_code still reaches the scan of ledger.funding.
CREATE OR REPLACE VIEW ledger.funding_amounts AS
WITH shares AS (
  SELECT f.project_code, f.district_code, f.source, f.payer, f.amount_yuan, f.percent, p.budget_yuan,
         count(f.amount_yuan) OVER whole AS amount_rows,
         sum(f.percent) OVER whole AS percent_sum,
         array_agg(f.percent) OVER whole AS percents,
         row_number() OVER whole AS position
  FROM ledger.funding AS f
  JOIN ledger.projects AS p ON p.project_code = f.project_code
  WINDOW whole AS (PARTITION BY f.project_code ORDER BY ledger.funding_source_rank(f.source), f.payer
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), split AS (
  SELECT s.*,
         max(CASE WHEN s.position = 1 AND s.amount_rows = 0 AND s.percent_sum = 100 AND s.budget_yuan IS NOT NULL
                  THEN ledger.split_percent(s.budget_yuan, s.percents) END)
           OVER (PARTITION BY s.project_code) AS amounts
  FROM shares AS s
)
SELECT project_code, district_code, source, payer, amount_yuan, percent,
       CASE WHEN percent IS NULL THEN amount_yuan
            WHEN amount_rows = 0 AND percent_sum = 100 AND budget_yuan IS NOT NULL
            THEN (amounts[position])::numeric(14,2)
       END AS committed_yuan
FROM split;
COMMENT ON VIEW ledger.funding_amounts IS 'Every funding share as an amount (committed_yuan); percent shares split from the budget by largest remainder.';
