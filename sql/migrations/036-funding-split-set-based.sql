-- 036: percent shares split by largest remainder over the share rows themselves.
--
-- Same columns and rows as 009/033 (docs/reports.md "Performance"). 033 called ledger.split_percent
-- once per project instead of once per share, but each call still costs ~150 µs (PL/pgSQL, and
-- SECURITY DEFINER with its own search_path since 032): 10,000 percent projects at city scale took
-- 0.5 s in every report over funding. ledger.funding_amounts now does the arithmetic of
-- ledger.largest_remainder (002) on the share rows with window functions, for the projects whose
-- shares are all percentages summing to 100 with a budget (the only ones 009 split):
--   amount_fen = |budget| × 100; a share's floor_fen = div(amount_fen × percent, Σ percent) and its
--   remainder = mod(…); leftover = amount_fen − Σ floor_fen; the leftover fen go one each to the
--   shares ranked by remainder descending, then position (the §3 source order, then payer, which is
--   the order of the array 009 handed to split_percent); amount = sign(budget) × fen × 0.01.
-- Exact numeric throughout, so every amount is the one split_percent returns. split_percent's checks
-- (no NULL or negative percent, at most 2 decimals, sum exactly 100, budget to the fen) hold by the
-- guard and the column types (percent numeric(5,2) 0..100, budget numeric(14,2)). Every window is
-- partitioned by project_code, so a filter on project_code still reaches the scan of ledger.funding.

CREATE OR REPLACE VIEW ledger.funding_amounts AS
WITH shares AS (
  SELECT f.project_code, f.district_code, f.source, f.payer, f.amount_yuan, f.percent, p.budget_yuan,
         count(f.amount_yuan) OVER whole AS amount_rows,
         sum(f.percent) OVER whole AS percent_sum,
         row_number() OVER whole AS position
  FROM ledger.funding AS f
  JOIN ledger.projects AS p ON p.project_code = f.project_code
  WINDOW whole AS (PARTITION BY f.project_code ORDER BY ledger.funding_source_rank(f.source), f.payer
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
         abs(p.budget_yuan) * 100 - sum(p.floor_fen) OVER (PARTITION BY p.project_code) AS leftover_fen,
         row_number() OVER (PARTITION BY p.project_code ORDER BY p.remainder DESC, p.position) AS remainder_rank
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
