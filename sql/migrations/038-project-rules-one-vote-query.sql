-- 038: ledger.check_project_rules reads a project's evaluated votes once.
--
-- Same rules, same order, same errors as 009. The function ran up to three queries over
-- ledger.votes_evaluated for one project (impossible counts; a passing use_fund vote held by
-- approved_on; a passing raise_fund vote), and each evaluates every vote of the project again,
-- summing the units in scope when a vote leaves its totals blank. It is called once per project by
-- the loader and once per changed project, share and vote row by the deferred constraint triggers:
-- 85,000 calls and 61 s of a city-scale `load --dir` (docs/benchmarks.md). The three answers now come
-- from one pass; the project row is read first because the use_fund vote must be held by its
-- approved_on.

CREATE OR REPLACE FUNCTION ledger.check_project_rules(p_project_code text) RETURNS void
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  prj ledger.projects%ROWTYPE;
  amount_rows integer;
  percent_rows integer;
  amount_sum numeric;
  percent_sum numeric;
  has_fund_share boolean;
  has_owners_share boolean;
  committed numeric;
  impossible_vote boolean;
  use_fund_passed boolean;
  raise_fund_passed boolean;
BEGIN
  SELECT count(f.amount_yuan), count(f.percent), coalesce(sum(f.amount_yuan), 0), coalesce(sum(f.percent), 0),
         coalesce(bool_or(f.source = 'maintenance_fund' AND coalesce(f.amount_yuan, f.percent) > 0), false),
         coalesce(bool_or(f.source = 'owners' AND coalesce(f.amount_yuan, f.percent) > 0), false)
    INTO amount_rows, percent_rows, amount_sum, percent_sum, has_fund_share, has_owners_share
    FROM ledger.funding AS f WHERE f.project_code = p_project_code;
  SELECT * INTO prj FROM ledger.projects AS p WHERE p.project_code = p_project_code;
  SELECT coalesce(bool_or(NOT v.counts_possible), false),
         coalesce(bool_or(v.matter = 'use_fund' AND v.passed AND v.held_on <= prj.approved_on), false),
         coalesce(bool_or(v.matter = 'raise_fund' AND v.passed), false)
    INTO impossible_vote, use_fund_passed, raise_fund_passed
    FROM ledger.votes_evaluated AS v WHERE v.project_code = p_project_code;

  IF amount_rows > 0 AND percent_rows > 0 THEN
    RAISE EXCEPTION 'project %: funding shares mix amounts and percentages', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_one_form_per_project',
            HINT = 'Give every share of one project as amount_yuan, or every share as percent.';
  END IF;
  IF percent_rows > 0 AND percent_sum <> 100 THEN
    RAISE EXCEPTION 'project %: funding percentages sum to %, not 100', p_project_code, percent_sum
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_percents_sum_to_100',
            HINT = 'Correct the percent column so the project''s shares sum to exactly 100.';
  END IF;
  IF impossible_vote THEN
    RAISE EXCEPTION 'project %: a vote has more participants than owners in scope, or more approvals than participants', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_counts_possible',
            HINT = 'Check the vote counts, or give total_area_m2 and total_owners explicitly.';
  END IF;

  IF prj.project_code IS NULL OR prj.status NOT IN ('approved', 'in_progress', 'completed', 'accepted') THEN
    RETURN;  -- a missing project is reported by the deferred foreign keys
  END IF;

  committed := CASE WHEN percent_rows > 0 THEN prj.budget_yuan ELSE amount_sum END;
  IF committed IS DISTINCT FROM prj.budget_yuan THEN
    RAISE EXCEPTION 'project %: funding shares sum to % yuan but the budget is % yuan', p_project_code, committed, prj.budget_yuan
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_shares_sum_to_budget',
            HINT = 'From approval on the shares must sum exactly to budget_yuan: fix the funding rows or the budget.';
  END IF;
  IF has_fund_share AND NOT use_fund_passed THEN
    RAISE EXCEPTION 'project %: a maintenance-fund share needs a passing use_fund vote held on or before % (approved_on)', p_project_code, prj.approved_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_fund_share_needs_use_fund_vote',
            HINT = 'Load the passing use_fund vote, or keep the project proposed until it is held.';
  END IF;
  IF has_owners_share AND NOT raise_fund_passed THEN
    RAISE EXCEPTION 'project %: an owners (self-raised) share needs a passing raise_fund vote', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_owners_share_needs_raise_fund_vote',
            HINT = 'Load the passing raise_fund vote, or keep the project proposed until it is held.';
  END IF;
END
$$;
