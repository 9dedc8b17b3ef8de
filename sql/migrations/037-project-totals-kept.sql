-- 037: per-project totals kept (issue 16: "aggregate reports read the totals"). The projects report sums
-- each project's shares (committed per source, paid, outstanding, overrun) and counts its votes: 340,000
-- shares and 113,000 votes summed again on every run at province scale. These sums are kept here, one row per
-- project, from the kept shares and votes (034): when a project's stale mark is cleared (ledger.refresh_kept
-- clears it once its kept votes and shares are written), a statement trigger rewrites its totals from them.
--
-- A project's row is the answer for an --as-of on or after its last payment and its last vote, when it is not
-- stale (report.projects_report checks both and computes the others as before; pgTAP 037-project-totals-kept
-- holds the two equal over random histories).

CREATE TABLE staging.project_totals_kept (
  project_code     text    PRIMARY KEY,
  district_code    text    NOT NULL,
  -- committed per source (NULL: the project has no share of that source)
  government       numeric,
  company          numeric,
  maintenance_fund numeric,
  owners           numeric,
  co_building      numeric,
  community_fund   numeric,
  committed        numeric,
  paid             numeric,
  outstanding      numeric,
  overrun          numeric,
  last_paid_on     date,
  votes            bigint  NOT NULL,
  passed           bigint  NOT NULL,
  last_held_on     date
);
COMMENT ON TABLE staging.project_totals_kept IS
  'Per project: the sums of its kept shares (committed per source and in all, paid, outstanding, overrun; the shares a report shows once every payment is made) and its kept votes (how many, how many passed), with the days of its last payment and last vote; current for every project not in staging.projects_stale. Written only by ledger.keep_project_totals.';
CREATE INDEX project_totals_kept_district_idx ON staging.project_totals_kept (district_code);
ALTER TABLE staging.project_totals_kept ENABLE ROW LEVEL SECURITY;
ALTER TABLE staging.project_totals_kept FORCE ROW LEVEL SECURITY;
CREATE POLICY project_totals_kept_district_scope ON staging.project_totals_kept FOR ALL
  USING ((SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[]))
  WITH CHECK ((SELECT ledger.scope_is_city()) OR district_code = ANY ((SELECT ledger.scope_districts())::text[]));
REVOKE ALL ON staging.project_totals_kept FROM PUBLIC;

-- Usage: SELECT ledger.keep_project_totals(ARRAY['GS-2024-001']);
-- Rewrites the kept totals of the projects given (report.project_totals_compute with no end date, which reads
-- their kept shares and votes once they are current): one row for each that still exists (a project without
-- shares or votes has NULL sums and no votes), none for the others.
CREATE FUNCTION ledger.keep_project_totals(p_projects text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  DELETE FROM staging.project_totals_kept AS t WHERE t.project_code = ANY (p_projects);
  INSERT INTO staging.project_totals_kept (project_code, district_code, government, company, maintenance_fund, owners,
                                           co_building, community_fund, committed, paid, outstanding, overrun,
                                           last_paid_on, votes, passed, last_held_on)
  SELECT p.project_code, p.district_code, c.government, c.company, c.maintenance_fund, c.owners, c.co_building,
         c.community_fund, c.committed, c.paid, c.outstanding, c.overrun,
         (SELECT max(k.last_paid_on) FROM staging.shares_kept AS k WHERE k.project_code = p.project_code),
         coalesce(c.votes, 0), coalesce(c.passed, 0),
         (SELECT max(y.held_on) FROM staging.votes_kept AS y WHERE y.project_code = p.project_code)
  FROM ledger.projects AS p
  LEFT JOIN report.project_totals_compute('infinity', NULL, p_projects) AS c ON c.project_code = p.project_code
  WHERE p.project_code = ANY (p_projects);
END
$$;
COMMENT ON FUNCTION ledger.keep_project_totals(text[]) IS
  'Rewrites the kept totals (staging.project_totals_kept) of the projects given from their kept shares and votes (report.project_totals_compute).';
REVOKE ALL ON FUNCTION ledger.keep_project_totals(text[]) FROM PUBLIC;

-- Statement trigger on staging.projects_stale: the projects whose marks a statement cleared are current now.
CREATE FUNCTION ledger.project_totals_follow() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  PERFORM ledger.keep_project_totals(ARRAY(SELECT DISTINCT r.project_code FROM cleared AS r));
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.project_totals_follow() IS
  'Statement trigger: rewrites the kept totals of the projects whose stale marks the statement cleared.';
CREATE TRIGGER projects_stale_totals AFTER DELETE ON staging.projects_stale REFERENCING OLD TABLE AS cleared
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_totals_follow();

-- A database migrated before this one has totals to compute: its projects are stale until the next refresh
-- (ledger.refresh_kept), as in 034.
INSERT INTO staging.projects_stale (project_code, district_code)
SELECT p.project_code, p.district_code FROM ledger.projects AS p
ON CONFLICT (project_code) DO NOTHING;
