-- 009: repair and renovation projects, their funding shares, the owners' votes
-- that authorise them, and payments; the cross-row rules of SPEC §2.4 and §2.5 as
-- DEFERRABLE INITIALLY DEFERRED constraint triggers.

CREATE TABLE ledger.projects (
  project_code    text NOT NULL,
  compound_code   text NOT NULL,
  district_code   text NOT NULL,
  category        text NOT NULL,
  title           text NOT NULL,
  scope_buildings text,
  status          text NOT NULL,
  budget_yuan     numeric(14,2),
  final_cost_yuan numeric(14,2),
  proposed_on     date NOT NULL,
  approved_on     date,
  started_on      date,
  completed_on    date,
  accepted_on     date,
  cancelled_on    date,
  -- SPEC §6: use of the maintenance fund without a vote in an emergency (办法 Art. 24; Civil Code Art. 281 ¶2).
  emergency              boolean NOT NULL DEFAULT false,
  emergency_category     text,
  emergency_reason       text,
  emergency_applicant    text,
  emergency_confirmed_by text,
  emergency_confirmed_on date,
  CONSTRAINT projects_pkey PRIMARY KEY (project_code),
  CONSTRAINT projects_code_district_key UNIQUE (project_code, district_code),
  CONSTRAINT projects_category_known CHECK (category IN ('wiring', 'ev_charging', 'elevator', 'fitness',
    'fire_safety', 'water_supply', 'roof', 'drainage', 'facade', 'other')),
  CONSTRAINT projects_title_not_blank CHECK (btrim(title) <> ''),
  CONSTRAINT projects_scope_buildings_not_blank CHECK (btrim(scope_buildings, ' ;') <> ''),
  CONSTRAINT projects_status_known CHECK (status IN
    ('proposed', 'approved', 'in_progress', 'completed', 'accepted', 'cancelled')),
  CONSTRAINT projects_budget_not_negative CHECK (budget_yuan >= 0),
  CONSTRAINT projects_final_cost_not_negative CHECK (final_cost_yuan >= 0),
  -- SPEC §2.5: status and dates agree. A stage's date is present exactly when the status
  -- has reached that stage; a cancelled project keeps the dates of the stages it reached.
  CONSTRAINT projects_approved_on_matches_status CHECK (status = 'cancelled'
    OR (approved_on IS NOT NULL) = (status IN ('approved', 'in_progress', 'completed', 'accepted'))),
  CONSTRAINT projects_started_on_matches_status CHECK (status = 'cancelled'
    OR (started_on IS NOT NULL) = (status IN ('in_progress', 'completed', 'accepted'))),
  CONSTRAINT projects_completed_on_matches_status CHECK (status = 'cancelled'
    OR (completed_on IS NOT NULL) = (status IN ('completed', 'accepted'))),
  CONSTRAINT projects_accepted_on_matches_status CHECK ((accepted_on IS NOT NULL) = (status = 'accepted')),
  CONSTRAINT projects_cancelled_on_matches_status CHECK ((cancelled_on IS NOT NULL) = (status = 'cancelled')),
  CONSTRAINT projects_stage_dates_without_gaps CHECK (
    (started_on IS NULL OR approved_on IS NOT NULL) AND (completed_on IS NULL OR started_on IS NOT NULL)),
  -- SPEC §2.5: proposed <= approved <= started <= completed <= accepted (and cancelled last).
  CONSTRAINT projects_dates_in_status_order CHECK (
    proposed_on <= approved_on AND approved_on <= started_on AND started_on <= completed_on
    AND completed_on <= accepted_on
    AND proposed_on <= cancelled_on AND approved_on <= cancelled_on AND started_on <= cancelled_on
    AND completed_on <= cancelled_on),
  -- SPEC §2.5: accepted needs final_cost_yuan.
  CONSTRAINT projects_accepted_needs_final_cost CHECK (status <> 'accepted' OR final_cost_yuan IS NOT NULL),
  CONSTRAINT projects_approved_needs_budget CHECK (approved_on IS NULL OR budget_yuan IS NOT NULL),
  -- SPEC §6: an emergency records its category and reason, who applied and who confirmed it when; a
  -- project that is no emergency records none of them. Which categories a jurisdiction admits is a rule
  -- of its own (fund.emergency_categories, checked in ledger.check_project_rules).
  CONSTRAINT projects_emergency_needs_category_and_reason CHECK (NOT emergency
    OR (emergency_category IS NOT NULL AND emergency_reason IS NOT NULL)),
  CONSTRAINT projects_emergency_needs_applicant_and_confirmation CHECK (NOT emergency
    OR (emergency_applicant IS NOT NULL AND emergency_confirmed_by IS NOT NULL AND emergency_confirmed_on IS NOT NULL)),
  CONSTRAINT projects_emergency_fields_only_for_emergency CHECK (emergency OR (emergency_category IS NULL
    AND emergency_reason IS NULL AND emergency_applicant IS NULL AND emergency_confirmed_by IS NULL
    AND emergency_confirmed_on IS NULL)),
  CONSTRAINT projects_emergency_category_is_a_code CHECK (emergency_category ~ '^[a-z][a-z0-9_]*$'),
  CONSTRAINT projects_emergency_reason_not_blank CHECK (btrim(emergency_reason) <> ''),
  CONSTRAINT projects_emergency_confirmed_by_not_blank CHECK (btrim(emergency_confirmed_by) <> ''),
  -- committee or owners' assembly apply; authority = the housing authority repaired in their stead (代修, Art. 24 ¶2).
  CONSTRAINT projects_emergency_applicant_known CHECK (emergency_applicant IN ('committee', 'owners_assembly', 'authority')),
  CONSTRAINT projects_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.projects IS 'Repair/renovation project of a compound (scope_buildings NULL = whole compound, else ;-separated buildings); emergency = may use the maintenance fund without a vote (SPEC §6). Load kind: projects.';
CREATE INDEX projects_compound_idx ON ledger.projects (compound_code);

-- Usage: SELECT ledger.funding_source_rank('owners') → 4. The order of §3, used to break
-- largest-remainder ties when percentages become amounts.
CREATE FUNCTION ledger.funding_source_rank(source text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN array_position(ARRAY['government', 'company', 'maintenance_fund', 'owners', 'co_building',
  'community_fund'], source);

CREATE TABLE ledger.funding (
  project_code          text NOT NULL,
  source                text NOT NULL,
  payer                 text,
  district_code         text NOT NULL,
  amount_yuan           numeric(14,2),
  percent               numeric(5,2),
  payer_company_uscc    text GENERATED ALWAYS AS (CASE WHEN source = 'company' THEN payer END) STORED,
  payer_co_building_unit text GENERATED ALWAYS AS (CASE WHEN source = 'co_building' THEN payer END) STORED,
  -- payer is NULL for most sources: NULLS NOT DISTINCT keeps one row per (project, source).
  CONSTRAINT funding_project_source_payer_key UNIQUE NULLS NOT DISTINCT (project_code, source, payer),
  CONSTRAINT funding_source_known CHECK (ledger.funding_source_rank(source) IS NOT NULL),
  -- SPEC §3 note: exactly one of amount_yuan and percent.
  CONSTRAINT funding_amount_xor_percent CHECK ((amount_yuan IS NULL) <> (percent IS NULL)),
  CONSTRAINT funding_amount_not_negative CHECK (amount_yuan >= 0),
  CONSTRAINT funding_percent_0_to_100 CHECK (percent BETWEEN 0 AND 100),
  CONSTRAINT funding_payer_matches_source CHECK (CASE source
    WHEN 'company' THEN payer IS NOT NULL
    WHEN 'co_building' THEN payer IS NOT NULL
    WHEN 'government' THEN payer IS NULL OR payer IN ('city', 'district', 'street')
    ELSE payer IS NULL END),
  CONSTRAINT funding_project_fkey FOREIGN KEY (project_code, district_code)
    REFERENCES ledger.projects (project_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT funding_payer_company_fkey FOREIGN KEY (payer_company_uscc)
    REFERENCES ledger.companies (uscc) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT funding_payer_co_building_unit_fkey FOREIGN KEY (payer_co_building_unit)
    REFERENCES ledger.co_building_units (unit_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.funding IS 'Funding share of a project by source and payer: an amount or a percent of the budget (one form per project). Load kind: funding.';

CREATE TABLE ledger.votes (
  project_code          text NOT NULL,
  matter                text NOT NULL,
  held_on               date NOT NULL,
  district_code         text NOT NULL,
  total_area_m2         numeric(12,2),
  total_owners          integer,
  participating_area_m2 numeric(12,2),
  participating_owners  integer,
  approving_area_m2     numeric(12,2),
  approving_owners      integer,
  CONSTRAINT votes_pkey PRIMARY KEY (project_code, matter, held_on),
  CONSTRAINT votes_matter_known CHECK (matter IN
    ('use_fund', 'raise_fund', 'renovate', 'change_use', 'select_company', 'elect_committee', 'other')),
  -- A given total is at least one owner and a positive area (a vote over no area cannot be evaluated).
  CONSTRAINT votes_counts_not_negative CHECK (total_area_m2 > 0 AND total_owners >= 1
    AND participating_area_m2 >= 0 AND participating_owners >= 0
    AND approving_area_m2 >= 0 AND approving_owners >= 0),
  CONSTRAINT votes_participating_within_total CHECK (participating_area_m2 <= total_area_m2
    AND participating_owners <= total_owners),
  -- SPEC §7: the tally is typed whole, or left blank to be counted from the vote's ballots.
  CONSTRAINT votes_tally_whole_or_blank CHECK (num_nulls(participating_area_m2, participating_owners,
    approving_area_m2, approving_owners) IN (0, 4)),
  CONSTRAINT votes_approving_within_participating CHECK (approving_area_m2 <= participating_area_m2
    AND approving_owners <= participating_owners),
  CONSTRAINT votes_project_fkey FOREIGN KEY (project_code, district_code)
    REFERENCES ledger.projects (project_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.votes IS 'Owners'' vote on a matter of a project: the counts only; totals left blank are computed from the units in scope (owners counted under Interpretation Art. 9 from ledger.owners), a tally left blank from the vote''s ballots; the result by the law of held_on (see ledger.votes_evaluated).';

-- SPEC §6: agreed cost weights (Civil Code Art. 283); the rules of a project with weights are in
-- ledger.check_project_rules, the split by weight in ledger.project_unit_weights (030).
CREATE TABLE ledger.project_weights (
  project_code  text NOT NULL,
  building      text NOT NULL,
  unit_no       text NOT NULL,
  district_code text NOT NULL,
  weight        numeric(12,4) NOT NULL,
  CONSTRAINT project_weights_pkey PRIMARY KEY (project_code, building, unit_no),
  CONSTRAINT project_weights_weight_not_negative CHECK (weight >= 0),
  CONSTRAINT project_weights_project_fkey FOREIGN KEY (project_code, district_code)
    REFERENCES ledger.projects (project_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.project_weights IS 'Agreed weight of a unit in a project''s apportionment (Civil Code Art. 283: a floor coefficient, an agreed share; 0 pays nothing). A project with weights gives every unit of its scope one, at least one > 0. Load kind: project_weights.';
CREATE INDEX project_weights_district_idx ON ledger.project_weights (district_code);

-- SPEC §7: one owner's choice on a vote (表决票). The vote's participating and approving figures are then
-- counted from its ballots (an owner's area = their units in the project's scope on held_on).
CREATE TABLE ledger.ballots (
  project_code  text NOT NULL,
  matter        text NOT NULL,
  held_on       date NOT NULL,
  owner_key     text NOT NULL,
  district_code text NOT NULL,
  choice        text NOT NULL,
  CONSTRAINT ballots_pkey PRIMARY KEY (project_code, matter, held_on, owner_key),
  CONSTRAINT ballots_choice_known CHECK (choice IN ('agree', 'disagree', 'abstain')),
  CONSTRAINT ballots_owner_key_not_a_citizen_id CHECK (NOT ledger.is_citizen_id(owner_key)),
  CONSTRAINT ballots_vote_fkey FOREIGN KEY (project_code, matter, held_on)
    REFERENCES ledger.votes (project_code, matter, held_on) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT ballots_project_fkey FOREIGN KEY (project_code, district_code)
    REFERENCES ledger.projects (project_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.ballots IS 'One owner''s ballot on a vote (agree / disagree / abstain); owner_key as in ledger.owners. Load kind: ballots.';
CREATE INDEX ballots_district_idx ON ledger.ballots (district_code);

CREATE TABLE ledger.payments (
  voucher_no             text NOT NULL,
  project_code           text NOT NULL,
  district_code          text NOT NULL,
  source                 text NOT NULL,
  payer                  text,
  paid_on                date NOT NULL,
  amount_yuan            numeric(14,2) NOT NULL,
  payer_company_uscc     text GENERATED ALWAYS AS (CASE WHEN source = 'company' THEN payer END) STORED,
  payer_co_building_unit text GENERATED ALWAYS AS (CASE WHEN source = 'co_building' THEN payer END) STORED,
  CONSTRAINT payments_pkey PRIMARY KEY (voucher_no),
  CONSTRAINT payments_voucher_not_blank CHECK (btrim(voucher_no) <> ''),
  CONSTRAINT payments_source_known CHECK (ledger.funding_source_rank(source) IS NOT NULL),
  CONSTRAINT payments_amount_positive CHECK (amount_yuan > 0),
  CONSTRAINT payments_payer_matches_source CHECK (CASE source
    WHEN 'company' THEN payer IS NOT NULL
    WHEN 'co_building' THEN payer IS NOT NULL
    WHEN 'government' THEN payer IS NULL OR payer IN ('city', 'district', 'street')
    ELSE payer IS NULL END),
  CONSTRAINT payments_project_fkey FOREIGN KEY (project_code, district_code)
    REFERENCES ledger.projects (project_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT payments_payer_company_fkey FOREIGN KEY (payer_company_uscc)
    REFERENCES ledger.companies (uscc) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT payments_payer_co_building_unit_fkey FOREIGN KEY (payer_co_building_unit)
    REFERENCES ledger.co_building_units (unit_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.payments IS 'Payment against a project by source and payer; beyond the committed share it is recorded and shown as overrun. Load kind: payments.';
CREATE INDEX payments_project_idx ON ledger.payments (project_code);

-- Usage: SELECT ledger.scope_building_list('1; 2；10、11，12') → {1,2,10,11,12}; NULL for the whole compound.
-- Separators: ';' and what Chinese input methods type for it — the full-width '；', '，' and '、'.
CREATE FUNCTION ledger.scope_building_list(scope_buildings text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN (SELECT array_agg(btrim(b)) FROM unnest(regexp_split_to_array(scope_buildings, '[;；，、]')) AS b
        WHERE btrim(b) <> '');

-- The units a project benefits: every unit of its compound, or those in scope_buildings.
CREATE VIEW ledger.project_units AS
SELECT p.project_code, p.district_code, u.compound_code, u.building, u.unit_no, u.floor_area_m2
FROM ledger.projects AS p
CROSS JOIN LATERAL (SELECT ledger.scope_building_list(p.scope_buildings) AS buildings OFFSET 0) AS s
JOIN ledger.units AS u ON u.compound_code = p.compound_code
WHERE p.scope_buildings IS NULL OR u.building = ANY (s.buildings);
COMMENT ON VIEW ledger.project_units IS 'Units in a project''s scope (whole compound when scope_buildings is NULL).';

-- Every share as an amount: percent rows become amounts by ledger.split_percent in §3
-- source order, then payer (NULL last); NULL while the percentages are incomplete or mixed.
CREATE VIEW ledger.funding_amounts AS
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

-- Votes with their figures filled in and the result computed by the law in force on held_on
-- (ledger.vote_laws, 002; ledger.vote_evaluate_under).
--   totals left blank: the units in the project's scope — area = their floor areas; owners counted as
--     Interpretation Art. 9 says (SPEC §7): the owners on held_on (ledger.owners), one buyer of several units
--     once, every unit the developer still holds together as one owner, a unit with no recorded owner as
--     one owner of its own (so with no owners recorded, one owner per unit);
--   a tally left blank: counted from the vote's ballots (an owner's area = their units in scope on held_on;
--     agree approves; abstain takes part). Typed figures and ballots both present must agree
--     (deferred rule votes_ballots_agree).
-- counted_from says where the owner figures came from: ballots, owners (the register), units, or typed.
-- Impossible counts give counts_possible = false and NULL results (votes_counts_possible refuses them at
-- commit); a vote no law covers gives law NULL (votes_law_known).
CREATE VIEW ledger.votes_evaluated AS
WITH v AS (
  SELECT v.*, p.compound_code, s.area AS scope_area_m2, s.owners AS scope_owners, s.registered,
         bl.ballots, bl.participating_area AS ballot_participating_area, bl.participating_owners AS ballot_participating_owners,
         bl.approving_area AS ballot_approving_area, bl.approving_owners AS ballot_approving_owners,
         coalesce(v.total_area_m2, s.area) AS eff_total_area_m2,
         coalesce(v.total_owners, s.owners) AS eff_total_owners,
         coalesce(v.participating_area_m2, bl.participating_area) AS eff_participating_area_m2,
         coalesce(v.participating_owners, bl.participating_owners) AS eff_participating_owners,
         coalesce(v.approving_area_m2, bl.approving_area) AS eff_approving_area_m2,
         coalesce(v.approving_owners, bl.approving_owners) AS eff_approving_owners
  FROM ledger.votes AS v
  LEFT JOIN ledger.projects AS p ON p.project_code = v.project_code
  LEFT JOIN LATERAL (
    SELECT ledger.scope_building_list(p.scope_buildings) AS buildings OFFSET 0) AS b ON true
  LEFT JOIN LATERAL (
    SELECT coalesce(sum(u.floor_area_m2), 0)::numeric(12,2) AS area,
           (count(DISTINCT o.owner_key) FILTER (WHERE o.owner_kind <> 'developer')
            + CASE WHEN bool_or(o.owner_kind = 'developer') THEN 1 ELSE 0 END
            + count(*) FILTER (WHERE o.owner_key IS NULL))::integer AS owners,
           count(o.owner_key) > 0 AS registered
    FROM ledger.units AS u
    -- The compound's owners on held_on read once by its key and hashed (OFFSET 0: not probed unit by unit through
    -- the owners' index; 113,024 votes at province: 103-109 s -> 66 s with the same below, docs/benchmarks.md).
    LEFT JOIN (SELECT o.building, o.unit_no, o.owner_key, o.owner_kind FROM ledger.owners AS o
               WHERE o.compound_code = p.compound_code AND v.held_on BETWEEN o.since_on AND coalesce(o.until_on, 'infinity')
               OFFSET 0) AS o ON o.building = u.building AND o.unit_no = u.unit_no
    WHERE (v.total_area_m2 IS NULL OR v.total_owners IS NULL)
      AND u.compound_code = p.compound_code
      AND (p.scope_buildings IS NULL OR u.building = ANY (b.buildings))) AS s ON true
  LEFT JOIN LATERAL (
    SELECT count(*) AS ballots,
           coalesce(sum(a.area), 0)::numeric(12,2) AS participating_area,
           count(*)::integer AS participating_owners,
           coalesce(sum(a.area) FILTER (WHERE x.choice = 'agree'), 0)::numeric(12,2) AS approving_area,
           (count(*) FILTER (WHERE x.choice = 'agree'))::integer AS approving_owners
    FROM ledger.ballots AS x
    -- Each owner's area in scope on held_on, summed once per vote over the compound's owners and matched to
    -- the ballots by key (one probe per ballot into the owners' index cost more than the whole compound). The
    -- compound's owners and its units in scope are each read once by the compound's key and hashed (OFFSET 0:
    -- the planner probed the owners' index once per unit).
    LEFT JOIN (
      SELECT o.owner_key, sum(u.floor_area_m2) AS area
      FROM (SELECT o.building, o.unit_no, o.owner_key FROM ledger.owners AS o
            WHERE o.compound_code = p.compound_code AND v.held_on BETWEEN o.since_on AND coalesce(o.until_on, 'infinity')
            OFFSET 0) AS o
      JOIN (SELECT u.building, u.unit_no, u.floor_area_m2 FROM ledger.units AS u
            WHERE u.compound_code = p.compound_code AND (p.scope_buildings IS NULL OR u.building = ANY (b.buildings))
            OFFSET 0) AS u ON u.building = o.building AND u.unit_no = o.unit_no
      GROUP BY o.owner_key) AS a ON a.owner_key = x.owner_key
    WHERE x.project_code = v.project_code AND x.matter = v.matter AND x.held_on = v.held_on) AS bl ON true
), checked AS (
  SELECT v.*, coalesce(eff_total_owners > 0 AND eff_participating_area_m2 <= eff_total_area_m2
           AND eff_participating_owners <= eff_total_owners AND eff_approving_area_m2 <= eff_participating_area_m2
           AND eff_approving_owners <= eff_participating_owners, false) AS counts_possible
  FROM v
), judged AS (
  SELECT c.*, l.law, l.quorum, l.approval_base, l.special_matters, l.special_approval, l.ordinary_approval,
         c.counts_possible AND l.law IS NOT NULL AS evaluable
  FROM checked AS c
  LEFT JOIN ledger.vote_laws AS l ON l.valid_from <= c.held_on AND (l.valid_until IS NULL OR c.held_on < l.valid_until)
)
SELECT c.project_code, c.matter, c.held_on, c.district_code,
       c.eff_total_area_m2 AS total_area_m2, c.eff_total_owners AS total_owners,
       (c.total_area_m2 IS NULL) AS total_area_computed, (c.total_owners IS NULL) AS total_owners_computed,
       c.eff_participating_area_m2 AS participating_area_m2, c.eff_participating_owners AS participating_owners,
       c.eff_approving_area_m2 AS approving_area_m2, c.eff_approving_owners AS approving_owners,
       c.counts_possible,
       CASE WHEN c.evaluable THEN e.quorum_area_met END AS quorum_area_met,
       CASE WHEN c.evaluable THEN e.quorum_owners_met END AS quorum_owners_met,
       CASE WHEN c.evaluable THEN e.approval_area_met END AS approval_area_met,
       CASE WHEN c.evaluable THEN e.approval_owners_met END AS approval_owners_met,
       CASE WHEN c.evaluable THEN e.passed END AS passed,
       c.law,
       CASE WHEN c.participating_owners IS NULL THEN 'ballots'
            WHEN c.total_owners IS NOT NULL THEN 'typed'
            WHEN c.registered THEN 'owners'
            ELSE 'units' END AS counted_from,
       c.ballots,
       -- Typed figures that their ballots contradict (NULL when there are no ballots or no typed tally).
       c.ballots > 0 AND c.participating_owners IS NOT NULL
         AND (c.participating_area_m2, c.participating_owners, c.approving_area_m2, c.approving_owners)
             IS DISTINCT FROM (c.ballot_participating_area, c.ballot_participating_owners, c.ballot_approving_area, c.ballot_approving_owners)
         AS ballots_disagree,
       c.ballot_participating_area, c.ballot_participating_owners, c.ballot_approving_area, c.ballot_approving_owners
FROM judged AS c
-- Impossible counts or no law: a harmless 1/1/1 vote under the Civil Code's shape, so the function never raises here.
CROSS JOIN LATERAL ledger.vote_evaluate_under(c.matter,
  CASE WHEN c.evaluable THEN c.quorum ELSE NULL END,
  CASE WHEN c.evaluable THEN c.approval_base ELSE 'participating' END,
  CASE WHEN c.evaluable THEN c.special_matters ELSE '' END,
  CASE WHEN c.evaluable THEN c.special_approval ELSE '>1/2' END,
  CASE WHEN c.evaluable THEN c.ordinary_approval ELSE '>1/2' END,
  CASE WHEN c.evaluable THEN c.eff_total_area_m2 ELSE 1 END,
  CASE WHEN c.evaluable THEN c.eff_total_owners ELSE 1 END,
  CASE WHEN c.evaluable THEN c.eff_participating_area_m2 ELSE 1 END,
  CASE WHEN c.evaluable THEN c.eff_participating_owners ELSE 1 END,
  CASE WHEN c.evaluable THEN c.eff_approving_area_m2 ELSE 1 END,
  CASE WHEN c.evaluable THEN c.eff_approving_owners ELSE 1 END) AS e;
COMMENT ON VIEW ledger.votes_evaluated IS 'Votes with blank totals computed from the units in scope (area sum; owners under Interpretation Art. 9 from ledger.owners), blank tallies from ballots, and the result under the law in force on held_on (law: property_law_76 or civil_code_278, from ledger.vote_laws); counted_from = ballots / owners / units / typed.';

-- Usage: SELECT ledger.check_project_rules('GS-2024-001'); raises 23514 naming the rule
-- (constraint name) and the project when a cross-row rule of §2.4/§2.5 is broken. Its DETAIL is a JSON
-- object of the message's arguments (as text), from which the loader says the rule in the user's
-- language (the message catalogue, Messages.swift); MESSAGE and HINT are the English.
CREATE FUNCTION ledger.check_project_rules(p_project_code text) RETURNS void
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
  lawless_vote date;
  votes_read record;
  disagreeing record;
  untallied date;
  stray_ballot record;
  use_fund_passed boolean;
  raise_fund_passed boolean;
  emergency_categories text;
  weights_missing bigint;
  weights_outside bigint;
  weight_example text;
BEGIN
  SELECT count(f.amount_yuan), count(f.percent), coalesce(sum(f.amount_yuan), 0), coalesce(sum(f.percent), 0),
         coalesce(bool_or(f.source = 'maintenance_fund' AND coalesce(f.amount_yuan, f.percent) > 0), false),
         coalesce(bool_or(f.source = 'owners' AND coalesce(f.amount_yuan, f.percent) > 0), false)
    INTO amount_rows, percent_rows, amount_sum, percent_sum, has_fund_share, has_owners_share
    FROM ledger.funding AS f WHERE f.project_code = p_project_code;
  SELECT * INTO prj FROM ledger.projects AS p WHERE p.project_code = p_project_code;
  -- One read of the project's votes (each vote is counted from its units, owners or ballots; ledger.votes_of,
  -- 034: the kept counts unless the project is marked stale): the rules below take what they need from it,
  -- the first vote whose ballots disagree with its typed tally too.
  SELECT coalesce(bool_or(NOT v.counts_possible), false) AS impossible,
         coalesce(bool_or(v.matter = 'use_fund' AND v.passed AND v.held_on <= prj.approved_on), false) AS use_fund,
         coalesce(bool_or(v.matter = 'raise_fund' AND v.passed), false) AS raise_fund,
         min(v.held_on) FILTER (WHERE v.law IS NULL) AS lawless,
         bool_or(v.ballots_disagree) AS any_disagree,
         (array_agg(v ORDER BY v.held_on, v.matter) FILTER (WHERE v.ballots_disagree))[1] AS disagreeing
    INTO votes_read
    FROM ledger.votes_of(p_project_code) AS v;
  impossible_vote := votes_read.impossible;
  use_fund_passed := votes_read.use_fund;
  raise_fund_passed := votes_read.raise_fund;
  lawless_vote := votes_read.lawless;
  SELECT min(v.held_on) INTO untallied
    FROM ledger.votes AS v WHERE v.project_code = p_project_code AND v.participating_owners IS NULL
     AND NOT EXISTS (SELECT 1 FROM ledger.ballots AS b WHERE b.project_code = v.project_code
                     AND b.matter = v.matter AND b.held_on = v.held_on);

  IF amount_rows > 0 AND percent_rows > 0 THEN
    RAISE EXCEPTION 'project %: funding shares mix amounts and percentages', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_one_form_per_project',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Give every share of one project as amount_yuan, or every share as percent.';
  END IF;
  IF percent_rows > 0 AND percent_sum <> 100 THEN
    RAISE EXCEPTION 'project %: funding percentages sum to %, not 100', p_project_code, percent_sum
      USING ERRCODE = 'check_violation', CONSTRAINT = 'funding_percents_sum_to_100',
            DETAIL = json_build_object('project', p_project_code, 'sum', percent_sum::text)::text,
            HINT = 'Correct the percent column so the project''s shares sum to exactly 100.';
  END IF;
  IF untallied IS NOT NULL THEN
    RAISE EXCEPTION 'project %: the vote held on % has neither a tally nor ballots', p_project_code, untallied
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_tally_known',
            DETAIL = json_build_object('project', p_project_code, 'held', untallied::text)::text,
            HINT = 'Give participating_area_m2, participating_owners, approving_area_m2 and approving_owners, or load the vote''s ballots.';
  END IF;
  -- SPEC §7: ballots count only owners of a unit in the project's scope on the day of the vote.
  SELECT b.matter, b.held_on, b.owner_key INTO stray_ballot
    FROM ledger.ballots AS b
    WHERE b.project_code = p_project_code
      -- o.compound_code named (the scope's compound) so the owners are read by the compound's btree once,
      -- not probed per unit through the exclusion constraint's GiST index (20x slower at city).
      AND NOT EXISTS (SELECT 1 FROM ledger.owners AS o JOIN ledger.project_units AS u
                        ON u.compound_code = o.compound_code AND u.building = o.building AND u.unit_no = o.unit_no
                      WHERE u.project_code = p_project_code AND o.compound_code = prj.compound_code
                        AND o.owner_key = b.owner_key
                        AND b.held_on BETWEEN o.since_on AND coalesce(o.until_on, 'infinity'))
    ORDER BY b.held_on, b.matter, b.owner_key LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'project %: the ballot of % on the % vote of % is from no owner of a unit in the project''s scope that day',
      p_project_code, stray_ballot.owner_key, stray_ballot.matter, stray_ballot.held_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'ballots_owner_in_scope',
            DETAIL = json_build_object('project', p_project_code, 'owner', stray_ballot.owner_key, 'matter', stray_ballot.matter, 'held', stray_ballot.held_on::text)::text,
            HINT = 'Check owner_key against owners.csv (the owner on held_on of a unit in scope_buildings).';
  END IF;
  IF votes_read.any_disagree THEN
    disagreeing := votes_read.disagreeing;
    RAISE EXCEPTION 'project %: the % vote of % was typed as % m² and % owners taking part, % m² and % owners approving, but its ballots give % m², %, % m², %',
      p_project_code, disagreeing.matter, disagreeing.held_on, disagreeing.participating_area_m2, disagreeing.participating_owners,
      disagreeing.approving_area_m2, disagreeing.approving_owners, disagreeing.ballot_participating_area,
      disagreeing.ballot_participating_owners, disagreeing.ballot_approving_area, disagreeing.ballot_approving_owners
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_ballots_agree',
            DETAIL = json_build_object('project', p_project_code, 'matter', disagreeing.matter, 'held', disagreeing.held_on::text,
                'parea', disagreeing.participating_area_m2::text, 'powners', disagreeing.participating_owners::text,
                'aarea', disagreeing.approving_area_m2::text, 'aowners', disagreeing.approving_owners::text,
                'bparea', disagreeing.ballot_participating_area::text, 'bpowners', disagreeing.ballot_participating_owners::text,
                'baarea', disagreeing.ballot_approving_area::text, 'baowners', disagreeing.ballot_approving_owners::text)::text,
            HINT = 'Correct the typed tally or the ballots; or leave the tally blank to count it from the ballots.';
  END IF;
  IF impossible_vote THEN
    RAISE EXCEPTION 'project %: a vote has more participants than owners in scope, or more approvals than participants', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_counts_possible',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Check the vote counts, or give total_area_m2 and total_owners explicitly.';
  END IF;

  IF lawless_vote IS NOT NULL THEN
    RAISE EXCEPTION 'project %: a vote held on % predates every law of owners'' votes in the ledger''s rules', p_project_code, lawless_vote
      USING ERRCODE = 'check_violation', CONSTRAINT = 'votes_law_known',
            DETAIL = json_build_object('project', p_project_code, 'held', lawless_vote::text)::text,
            HINT = 'The rules start with the Property Law on 2007-10-01 (propledger rules lists them); check held_on.';
  END IF;

  -- SPEC §6: an emergency's category comes from its jurisdiction's closed list where it has one, as of
  -- the day it was confirmed (fund.emergency_categories; NULL = an open list, any code with its reason).
  IF prj.emergency THEN
    emergency_categories := ledger.rule_value(prj.district_code, 'fund.emergency_categories', prj.emergency_confirmed_on);
    IF emergency_categories IS NOT NULL
       AND NOT prj.emergency_category = ANY (string_to_array(emergency_categories, ',')) THEN
      RAISE EXCEPTION 'project %: emergency category % is not one of the emergencies its jurisdiction admits on % (%)',
        p_project_code, prj.emergency_category, prj.emergency_confirmed_on, replace(emergency_categories, ',', ', ')
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_emergency_category_in_closed_list',
            DETAIL = json_build_object('project', p_project_code, 'category', prj.emergency_category,
                  'confirmed', prj.emergency_confirmed_on::text, 'categories', replace(emergency_categories, ',', ', '), 'district', prj.district_code)::text,
              HINT = 'Use one of the listed categories (propledger rules --district ' || prj.district_code
                     || ' shows the list and its article), or load the project as no emergency with its use_fund vote.';
    END IF;
  END IF;

  -- SPEC §6 / Civil Code Art. 283: a project with agreed weights gives every unit of its scope one, names
  -- no unit outside it, and gives at least one unit a weight above zero (ledger.project_weights, 030).
  IF prj.project_code IS NOT NULL AND EXISTS (SELECT 1 FROM ledger.project_weights AS w WHERE w.project_code = p_project_code) THEN
    SELECT count(*) FILTER (WHERE w.project_code IS NULL), min(u.building || ' ' || u.unit_no) FILTER (WHERE w.project_code IS NULL)
      INTO weights_missing, weight_example
      FROM ledger.project_units AS u
      LEFT JOIN ledger.project_weights AS w
        ON w.project_code = u.project_code AND w.building = u.building AND w.unit_no = u.unit_no
     WHERE u.project_code = p_project_code;
    IF weights_missing > 0 THEN
      RAISE EXCEPTION 'project %: % unit(s) of its scope have no agreed weight (e.g. %)', p_project_code, weights_missing, weight_example
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_cover_scope',
            DETAIL = json_build_object('project', p_project_code, 'count', weights_missing::text, 'example', weight_example)::text,
              HINT = 'A project with weights gives every unit of its scope one (0 for a unit that pays nothing, e.g. the ground floor of an elevator).';
    END IF;
    SELECT count(*), min(w.building || ' ' || w.unit_no)
      INTO weights_outside, weight_example
      FROM ledger.project_weights AS w
     WHERE w.project_code = p_project_code
       AND NOT EXISTS (SELECT 1 FROM ledger.project_units AS u WHERE u.project_code = w.project_code
                         AND u.building = w.building AND u.unit_no = w.unit_no);
    IF weights_outside > 0 THEN
      RAISE EXCEPTION 'project %: % weight(s) name a unit outside its scope (e.g. %)', p_project_code, weights_outside, weight_example
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_within_scope',
            DETAIL = json_build_object('project', p_project_code, 'count', weights_outside::text, 'example', weight_example)::text,
              HINT = 'Check building and unit_no against units.csv and the project''s scope_buildings.';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM ledger.project_weights AS w WHERE w.project_code = p_project_code AND w.weight > 0) THEN
      RAISE EXCEPTION 'project %: every agreed weight is 0, so nothing can be apportioned', p_project_code
        USING ERRCODE = 'check_violation', CONSTRAINT = 'project_weights_some_positive',
            DETAIL = json_build_object('project', p_project_code)::text,
              HINT = 'Give at least one unit a weight above 0.';
    END IF;
  END IF;

  IF prj.project_code IS NULL OR prj.status NOT IN ('approved', 'in_progress', 'completed', 'accepted') THEN
    RETURN;  -- a missing project is reported by the deferred foreign keys
  END IF;

  committed := CASE WHEN percent_rows > 0 THEN prj.budget_yuan ELSE amount_sum END;
  IF committed IS DISTINCT FROM prj.budget_yuan THEN
    RAISE EXCEPTION 'project %: funding shares sum to % yuan but the budget is % yuan', p_project_code, committed, prj.budget_yuan
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_shares_sum_to_budget',
            DETAIL = json_build_object('project', p_project_code, 'committed', committed::text, 'budget', prj.budget_yuan::text)::text,
            HINT = 'From approval on the shares must sum exactly to budget_yuan: fix the funding rows or the budget.';
  END IF;
  IF (has_fund_share OR has_owners_share)
     AND NOT EXISTS (SELECT 1 FROM ledger.project_units AS u WHERE u.project_code = p_project_code) THEN
    RAISE EXCEPTION 'project %: its owners'' or maintenance-fund share cannot be apportioned: no unit of % is in its scope (%)',
      p_project_code, prj.compound_code, coalesce(prj.scope_buildings, 'the whole compound')
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_share_scope_has_units',
            DETAIL = json_build_object('project', p_project_code, 'compound', prj.compound_code, 'scope', prj.scope_buildings)::text,
            HINT = 'Check scope_buildings against the building column of units.csv (separate buildings with ;), or load the units first.';
  END IF;
  -- SPEC §2.5/§6: no vote is needed for an emergency (its category, reason, applicant and confirmation
  -- are recorded: the projects_emergency_* CHECKs).
  IF has_fund_share AND NOT use_fund_passed AND NOT prj.emergency THEN
    RAISE EXCEPTION 'project %: a maintenance-fund share needs a passing use_fund vote held on or before % (approved_on)', p_project_code, prj.approved_on
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_fund_share_needs_use_fund_vote',
            DETAIL = json_build_object('project', p_project_code, 'approved', prj.approved_on::text)::text,
            HINT = 'Load the passing use_fund vote, keep the project proposed until it is held, or, for an emergency (办法 Art. 24), record emergency with its category, reason, applicant and confirmation.';
  END IF;
  IF has_owners_share AND NOT raise_fund_passed THEN
    RAISE EXCEPTION 'project %: an owners (self-raised) share needs a passing raise_fund vote', p_project_code
      USING ERRCODE = 'check_violation', CONSTRAINT = 'project_owners_share_needs_raise_fund_vote',
            DETAIL = json_build_object('project', p_project_code)::text,
            HINT = 'Load the passing raise_fund vote, or keep the project proposed until it is held.';
  END IF;
END
$$;

-- The project rules are checked once per project per transaction, not once per changed row (issue 16).
-- A project's "checked" mark lives in this owner-only table, written only by the SECURITY DEFINER trigger
-- functions below (a trigger function cannot be called directly), so a session cannot forge it. A mark counts
-- only in the transaction that wrote it (xact_id); every statement that changes projects, funding, votes,
-- ballots or project weights first removes all marks of its transaction (a BEFORE STATEMENT trigger: it runs
-- before the statement's events, which in IMMEDIATE mode fire at the end of that same statement), so a change
-- made after a check is checked again. Marks are rows, so a savepoint rolled back takes its marks with it.
CREATE UNLOGGED TABLE staging.project_rules_checked (
  project_code text PRIMARY KEY,
  xact_id      xid8 NOT NULL
);
COMMENT ON TABLE staging.project_rules_checked IS 'Projects whose rules (ledger.check_project_rules) passed in transaction xact_id with no change to their rows since; owner-only, written by ledger.project_rules_trigger and cleared by ledger.project_rules_reset.';
CREATE INDEX project_rules_checked_xact_idx ON staging.project_rules_checked (xact_id);
REVOKE ALL ON staging.project_rules_checked FROM PUBLIC;

-- The projects whose rules are still to be checked in a transaction: one row per project and transaction,
-- queued after each statement that changes a project's rows (ledger.project_rules_queue, reading the
-- statement's transition tables), checked by the deferred constraint trigger on this table, which removes the
-- row (a later change queues the project again). A deferred constraint trigger must be FOR EACH ROW: on the
-- project tables themselves it queued one event per changed row, 8.8M at province (5.2M ballots, 3M weights)
-- for 200,000 projects, ~7 µs each at SET CONSTRAINTS even when the mark skipped the check. Owner-only, like
-- the marks; the transaction is part of the key so that two loads queuing one project do not wait on each other.
CREATE UNLOGGED TABLE staging.project_rules_pending (
  project_code text NOT NULL,
  xact_id      xid8 NOT NULL,
  PRIMARY KEY (project_code, xact_id)
);
COMMENT ON TABLE staging.project_rules_pending IS 'Projects queued for ledger.check_project_rules in transaction xact_id (one row per project): written by ledger.project_rules_queue after each statement on a project table, removed by ledger.project_rules_trigger when its deferred event checks the project; owner-only.';
REVOKE ALL ON staging.project_rules_pending FROM PUBLIC;

-- Statement trigger on the project tables (projects, funding, votes, ballots, project_weights): queues each
-- project the statement changed, old and new codes, once (a project already queued and not yet checked stays
-- queued); made by ledger.create_change_triggers (002).
CREATE FUNCTION ledger.project_rules_queue() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO staging.project_rules_pending AS q (project_code, xact_id)
      SELECT DISTINCT n.project_code, pg_current_xact_id() FROM new_rows AS n
      ON CONFLICT DO NOTHING;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO staging.project_rules_pending AS q (project_code, xact_id)
      SELECT c.project_code, pg_current_xact_id()
      FROM (SELECT n.project_code FROM new_rows AS n UNION SELECT o.project_code FROM old_rows AS o) AS c
      ON CONFLICT DO NOTHING;
  ELSE
    INSERT INTO staging.project_rules_pending AS q (project_code, xact_id)
      SELECT DISTINCT o.project_code, pg_current_xact_id() FROM old_rows AS o
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.project_rules_queue() IS 'AFTER STATEMENT trigger with transition tables new_rows/old_rows: queues the projects the statement changed in staging.project_rules_pending, once each.';

-- The deferred constraint trigger on staging.project_rules_pending: a project already checked in this
-- transaction, unchanged since, is not checked again; either way its queue row goes.
CREATE FUNCTION ledger.project_rules_trigger() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM staging.project_rules_checked AS m
                 WHERE m.project_code = NEW.project_code AND m.xact_id = pg_current_xact_id()) THEN
    PERFORM ledger.check_project_rules(NEW.project_code);
    INSERT INTO staging.project_rules_checked AS m (project_code, xact_id) VALUES (NEW.project_code, pg_current_xact_id())
      ON CONFLICT (project_code) DO UPDATE SET xact_id = EXCLUDED.xact_id;
  END IF;
  DELETE FROM staging.project_rules_pending AS q WHERE q.project_code = NEW.project_code AND q.xact_id = NEW.xact_id;
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.project_rules_trigger() IS 'Deferred constraint trigger on staging.project_rules_pending: ledger.check_project_rules of the queued project, once per project per transaction.';

-- Usage: CREATE TRIGGER … BEFORE INSERT OR UPDATE OR DELETE ON ledger.funding FOR EACH STATEMENT
--   EXECUTE FUNCTION ledger.project_rules_reset(); every change after a check makes the next event check again.
CREATE FUNCTION ledger.project_rules_reset() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  DELETE FROM staging.project_rules_checked AS m WHERE m.xact_id = pg_current_xact_id();
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER project_rules_deferred
  AFTER INSERT ON staging.project_rules_pending
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.project_rules_trigger();
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['projects', 'funding', 'votes', 'ballots', 'project_weights'] LOOP
    PERFORM ledger.create_change_triggers(format('ledger.%I', t)::regclass, t || '_project_rules_queue', 'ledger.project_rules_queue');
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR DELETE ON ledger.%I
                      FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset()', t || '_project_rules_reset', t);
  END LOOP;
END
$$;
-- The rules read more than the project's own rows: the units of its scope, their owners (ballots, Art. 9
-- counting) and the rules table (laws of votes, emergency categories). A change to those queues no project event,
-- but it must clear the marks too, or an event queued before it would be skipped as checked.
CREATE TRIGGER units_project_rules_reset BEFORE INSERT OR UPDATE OR DELETE ON ledger.units
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();
CREATE TRIGGER owners_project_rules_reset BEFORE INSERT OR UPDATE OR DELETE ON ledger.owners
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();
CREATE TRIGGER rules_project_rules_reset BEFORE INSERT OR UPDATE OR DELETE ON ledger.rules
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.project_rules_reset();

-- District filters of the reports read one district (and company_scores one company's surveys).
CREATE INDEX projects_district_idx ON ledger.projects (district_code);
CREATE INDEX funding_district_idx ON ledger.funding (district_code);
CREATE INDEX votes_district_idx ON ledger.votes (district_code);
CREATE INDEX payments_district_idx ON ledger.payments (district_code);
