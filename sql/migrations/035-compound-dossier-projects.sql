-- 035: the compound dossier reads the projects of its compound only.
--
-- Same rows, columns and order as 031 (docs/reports.md "Performance"). Section 7 (projects) read
-- report.projects WHERE compound_code = …: that view joins every project to aggregates over all
-- funding shares, payments and votes of the city, grouped by project_code, and a filter on
-- compound_code cannot reach inside them, so one dossier summed the whole city (12 s at city scale
-- before 033). It now takes the compound's projects from report.projects (only columns of
-- ledger.projects, so the planner drops the aggregate joins) and, per project, the same figures by
-- project_code, which reach the indexes: committed = Σ committed_yuan of its shares (report.projects
-- sums report.project_sources, whose per-(source, payer) sums add up to the same), paid = Σ of its
-- payments (every date, as in report.projects), vote_status none / passed / failed as there.

CREATE OR REPLACE FUNCTION report.compound_report(p_compound text, p_as_of date DEFAULT current_date)
RETURNS TABLE (section text, item text, detail text)
LANGUAGE plpgsql STABLE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM report.compounds AS c WHERE c.compound_code = p_compound) THEN
    RAISE EXCEPTION 'compound "%" not found', p_compound
      USING ERRCODE = 'P0002', HINT = 'Check the code (a district user sees only their districts).';
  END IF;
  RETURN QUERY
  SELECT x.section, x.item, x.detail FROM (
    SELECT 1 AS s, 0::bigint AS o, 'compound' AS section, v.k AS item, v.d AS detail
    FROM report.compounds AS c,
    LATERAL (VALUES ('code', c.compound_code), ('name', c.name), ('address', c.address),
                    ('housing_type', c.housing_type), ('built_year', c.built_year::text),
                    ('buildings', c.buildings::text), ('households', c.households::text),
                    ('floor_area_m2', c.floor_area_m2::text),
                    ('community', c.community_code || ' ' || c.community_name || ' (' || c.community_type || ')'),
                    ('street', c.street_code || ' ' || c.street_name),
                    ('district', c.district_code || ' ' || c.district_name),
                    ('units', (SELECT count(*)::text || ' units, ' || coalesce(sum(u.floor_area_m2), 0)::text || ' m²'
                               FROM report.units AS u WHERE u.compound_code = c.compound_code))) AS v(k, d)
    WHERE c.compound_code = p_compound
    UNION ALL
    SELECT 2, 0, 'status', 'managed on ' || p_as_of::text,
           CASE WHEN s.managed THEN s.mode || coalesce(' ' || s.company_name, '') || ' since ' || s.start_on::text
                ELSE 'nobody (no management period in force)' END
    FROM report.management_status(p_as_of) AS s WHERE s.compound_code = p_compound
    UNION ALL
    SELECT 3, row_number() OVER (ORDER BY m.start_on), 'management', m.start_on::text || ' .. ' || coalesce(m.end_on::text, ''),
           m.mode || coalesce(' ' || m.company_name || ' (' || m.company_uscc || ')', '') || coalesce(', ' || m.basis, '')
           || coalesce(', fee ' || m.fee_yuan_per_m2_month::text || ' yuan/m²/month', '')
    FROM report.management_periods AS m WHERE m.compound_code = p_compound
    UNION ALL
    SELECT 4, row_number() OVER (ORDER BY k.term_start), 'committee', k.term_start::text || ' .. ' || coalesce(k.term_end::text, ''),
           k.kind || ', ' || k.members || ' members, ' || k.party_members || ' Party members, '
           || k.public_servant_members || ' public servants'
    FROM report.committees AS k WHERE k.compound_code = p_compound
    UNION ALL
    SELECT 5, row_number() OVER (ORDER BY o.established_on), 'party_org', o.established_on::text || ' .. ' || coalesce(o.dissolved_on::text, ''),
           o.form || ', ' || o.formal_members || ' formal members'
    FROM report.party_orgs AS o WHERE o.host_type = 'committee' AND o.host_key = p_compound
    UNION ALL
    SELECT 6, row_number() OVER (ORDER BY k.identified_on), 'clearance', k.identified_on::text,
           'target ' || coalesce(k.target_on::text, '-') || ', '
           || CASE WHEN k.resolution IS NULL THEN 'open'
                   ELSE k.resolution || ' ' || k.resolved_on::text
                        || CASE WHEN k.verified THEN ' (verified)' ELSE ' (unverified)' END END
           || coalesce(', ' || k.note, '')
    FROM report.clearance_cases AS k WHERE k.compound_code = p_compound
    UNION ALL
    SELECT 7, row_number() OVER (ORDER BY p.project_code), 'project', p.project_code,
           p.title || ', ' || p.category || ', ' || p.status || ', budget ' || coalesce(p.budget_yuan::text, '-')
           || ', committed ' || t.committed_yuan::text || ', paid ' || t.paid_yuan::text || ', vote ' || t.vote_status
    -- report.projects' committed, paid and vote_status, taken for this compound's projects only
    -- (the view aggregates every project of the city before joining; see 035's header).
    FROM (SELECT q.project_code, q.title, q.category, q.status, q.budget_yuan
          FROM report.projects AS q WHERE q.compound_code = p_compound) AS p
    CROSS JOIN LATERAL (
      SELECT (SELECT coalesce(sum(f.committed_yuan), 0)::numeric(14,2) FROM report.funding_committed AS f
               WHERE f.project_code = p.project_code) AS committed_yuan,
             (SELECT coalesce(sum(y.amount_yuan), 0)::numeric(14,2) FROM report.payments AS y
               WHERE y.project_code = p.project_code) AS paid_yuan,
             (SELECT CASE WHEN count(*) = 0 THEN 'none' WHEN count(*) FILTER (WHERE v.passed) > 0 THEN 'passed'
                          ELSE 'failed' END
              FROM report.votes AS v WHERE v.project_code = p.project_code) AS vote_status) AS t
    UNION ALL
    SELECT 8, row_number() OVER (ORDER BY i.inspected_on, i.inspection_code), 'inspection', i.inspection_code,
           i.inspected_on::text || ', score ' || i.score::text || coalesce(', ' || i.inspector, '')
           || coalesce(', company ' || i.company_uscc, '')
    FROM report.inspections AS i WHERE i.compound_code = p_compound
    UNION ALL
    SELECT 9, row_number() OVER (ORDER BY r.inspection_code, r.item_no), 'rectification', r.inspection_code || '/' || r.item_no,
           r.issue || ', deadline ' || r.deadline::text || ', ' || coalesce('closed ' || r.closed_on::text, 'open')
    FROM report.rectifications AS r WHERE r.compound_code = p_compound
    UNION ALL
    SELECT 10, row_number() OVER (ORDER BY k.received_on, k.complaint_code), 'complaint', k.complaint_code,
           k.received_on::text || ', ' || k.category || ', ' || coalesce('resolved ' || k.resolved_on::text, 'open')
    FROM report.complaints AS k WHERE k.compound_code = p_compound
    UNION ALL
    SELECT 11, row_number() OVER (ORDER BY s.period), 'survey', s.period,
           s.satisfied || ' of ' || s.respondents || ' satisfied' || coalesce(', company ' || s.company_uscc, '')
    FROM report.surveys AS s WHERE s.compound_code = p_compound
  ) AS x
  ORDER BY x.s, x.o;
END
$$;
