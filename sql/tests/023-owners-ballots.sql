-- 023: owners, ballots and Art. 9 counting (SPEC §7): an owner_key is never a citizen ID number; one
-- owner of a unit at a time; owners counted as the Interpretation (Art. 9) says on the day of the vote;
-- tallies counted from ballots; typed tallies and ballots must agree; ballots only from owners in scope.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(21);

\ir fixtures/two-district-geography.sql
-- 沧浪新村: four units in two buildings, 100 m² each.
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households, floor_area_m2) VALUES
  ('GS-CL-001', '320508001001', '320508', '沧浪新村', 'commodity', NULL, NULL);
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('GS-CL-001', '1', '101', '320508', 100.00), ('GS-CL-001', '1', '102', '320508', 100.00),
  ('GS-CL-001', '2', '201', '320508', 100.00), ('GS-CL-001', '2', '202', '320508', 100.00);
SET CONSTRAINTS ALL IMMEDIATE;

-- §7: an owner_key is never a citizen ID number.
SELECT ok(ledger.is_citizen_id('11010519491231002X') AND ledger.is_citizen_id('440524188001010014')
          AND ledger.is_citizen_id('110105491231002'), 'ledger.is_citizen_id knows 18-character and old 15-digit ID numbers');
SELECT ok(NOT ledger.is_citizen_id('11010519491231002Y') AND NOT ledger.is_citizen_id('110105491331002')
          AND NOT ledger.is_citizen_id('苏(2023)姑苏区不动产权第0012345号') AND NOT ledger.is_citizen_id('OWNER-0001'),
  'a wrong check character, a 15-digit number with no real date, or a certificate number is not one');
SELECT throws_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
  VALUES ('GS-CL-001', '1', '101', '11010519491231002X', '320508', 'person', '2023-03-01')$$, '23514', NULL,
  'owners_owner_key_not_a_citizen_id refuses an 18-character ID number with a valid check character');
SELECT throws_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
  VALUES ('GS-CL-001', '1', '101', '110105491231002', '320508', 'person', '2023-03-01')$$, '23514', NULL,
  'and an old 15-digit one');

-- Ownership over time: the developer holds everything from 2020; A buys 101 and 102 (delivered 2023-03-01),
-- B buys 201 (delivered 2024-01-01); 202 stays with the developer until 2025-06-30 and then has no record.
INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on, until_on) VALUES
  ('GS-CL-001', '1', '101', 'DEV', '320508', 'developer', '2020-01-01', '2023-02-28'),
  ('GS-CL-001', '1', '102', 'DEV', '320508', 'developer', '2020-01-01', '2023-02-28'),
  ('GS-CL-001', '2', '201', 'DEV', '320508', 'developer', '2020-01-01', '2023-12-31'),
  ('GS-CL-001', '2', '202', 'DEV', '320508', 'developer', '2020-01-01', '2025-06-30'),
  ('GS-CL-001', '1', '101', 'CERT-A', '320508', 'person', '2023-03-01', NULL),
  ('GS-CL-001', '1', '102', 'CERT-A', '320508', 'person', '2023-03-01', NULL),
  ('GS-CL-001', '2', '201', 'CERT-B', '320508', 'entity', '2024-01-01', NULL);
SELECT throws_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
  VALUES ('GS-CL-001', '2', '201', 'CERT-C', '320508', 'person', '2024-06-01')$$, '23P01', NULL,
  'owners_one_owner_at_a_time refuses a second owner of a unit for the same days');

-- One project over the whole compound; a vote on each date with the owners left blank.
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on) VALUES
  ('GS-CL-P1', 'GS-CL-001', '320508', 'wiring', '电气线路改造', 'proposed', 1000.00, '2022-01-01');
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('GS-CL-P1', 'other', '2022-12-01', '320508', 100.00, 1, 100.00, 1),
  ('GS-CL-P1', 'other', '2023-06-01', '320508', 100.00, 1, 100.00, 1),
  ('GS-CL-P1', 'other', '2024-06-01', '320508', 100.00, 1, 100.00, 1),
  ('GS-CL-P1', 'other', '2025-09-01', '320508', 100.00, 1, 100.00, 1);
SET CONSTRAINTS ALL IMMEDIATE;
SELECT results_eq($$SELECT held_on::text, total_owners, total_area_m2::text, counted_from FROM ledger.votes_evaluated
                    WHERE project_code = 'GS-CL-P1' ORDER BY held_on$$,
  $$VALUES ('2022-12-01', 1, '400.00', 'owners'), ('2023-06-01', 2, '400.00', 'owners'),
           ('2024-06-01', 3, '400.00', 'owners'), ('2025-09-01', 3, '400.00', 'owners')$$,
  'Art. 9: the developer''s units count as one owner, a buyer of two units once, a unit with no record as one — on the day of each vote');

-- The issue's case: one buyer owns two of four units; 2 of 3 owners take part and approve.
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('GS-CL-P1', 'select_company', '2024-06-01', '320508', 300.00, 2, 300.00, 2);
SET CONSTRAINTS ALL IMMEDIATE;
SELECT results_eq($$SELECT total_owners, quorum_owners_met, passed FROM ledger.votes_evaluated
                    WHERE project_code = 'GS-CL-P1' AND matter = 'select_company'$$,
  $$VALUES (3, true, true)$$, '2 of 3 owners (Art. 9) meet the quorum and the vote passes');
SELECT results_eq($$SELECT ledger.vote_passes('select_company', '2024-06-01', 400, 4, 300, 2, 300, 2)$$,
  $$VALUES (false)$$, '... where counting one owner per unit (2 of 4) would fail it');

-- Ballots: a vote with a blank tally is counted from its ballots.
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO ledger.votes (project_code, matter, held_on, district_code) VALUES ('GS-CL-P1', 'renovate', '2024-06-01', '320508');
INSERT INTO ledger.ballots (project_code, matter, held_on, owner_key, district_code, choice) VALUES
  ('GS-CL-P1', 'renovate', '2024-06-01', 'CERT-A', '320508', 'agree'),
  ('GS-CL-P1', 'renovate', '2024-06-01', 'CERT-B', '320508', 'disagree'),
  ('GS-CL-P1', 'renovate', '2024-06-01', 'DEV', '320508', 'agree');
SELECT lives_ok('SET CONSTRAINTS ALL IMMEDIATE', 'a vote with a blank tally and its ballots is accepted');
SELECT results_eq($$SELECT participating_area_m2::text, participating_owners, approving_area_m2::text, approving_owners,
                           total_owners, counted_from, passed FROM ledger.votes_evaluated
                    WHERE project_code = 'GS-CL-P1' AND matter = 'renovate'$$,
  $$VALUES ('400.00', 3, '300.00', 2, 3, 'ballots', false)$$,
  'ballots: each owner''s area is their units in scope that day (A 200, B 100, the developer 100); 2 of 3 approving is under 3/4');

SET CONSTRAINTS ALL DEFERRED;
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners, approving_area_m2, approving_owners)
    VALUES ('GS-CL-P1', 'elect_committee', '2024-06-01', '320508', 300.00, 2, 300.00, 2);
  INSERT INTO ledger.ballots (project_code, matter, held_on, owner_key, district_code, choice) VALUES
    ('GS-CL-P1', 'elect_committee', '2024-06-01', 'CERT-A', '320508', 'agree'),
    ('GS-CL-P1', 'elect_committee', '2024-06-01', 'CERT-B', '320508', 'disagree');
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514',
  'project GS-CL-P1: the elect_committee vote of 2024-06-01 was typed as 300.00 m² and 2 owners taking part, 300.00 m² and 2 owners approving, but its ballots give 300.00 m², 2, 200.00 m², 1',
  'votes_ballots_agree refuses typed figures its ballots contradict, showing both');
SET CONSTRAINTS ALL DEFERRED;
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners, approving_area_m2, approving_owners)
    VALUES ('GS-CL-P1', 'elect_committee', '2024-06-03', '320508', 300.00, 2, 300.00, 2),
           ('GS-CL-P1', 'renovate', '2024-06-02', '320508', 300.00, 2, 300.00, 2);
  INSERT INTO ledger.ballots (project_code, matter, held_on, owner_key, district_code, choice) VALUES
    ('GS-CL-P1', 'elect_committee', '2024-06-03', 'CERT-A', '320508', 'agree'),
    ('GS-CL-P1', 'elect_committee', '2024-06-03', 'CERT-B', '320508', 'disagree'),
    ('GS-CL-P1', 'renovate', '2024-06-02', 'CERT-A', '320508', 'agree'),
    ('GS-CL-P1', 'renovate', '2024-06-02', 'CERT-B', '320508', 'disagree');
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514',
  'project GS-CL-P1: the renovate vote of 2024-06-02 was typed as 300.00 m² and 2 owners taking part, 300.00 m² and 2 owners approving, but its ballots give 300.00 m², 2, 200.00 m², 1',
  'of two votes whose ballots disagree, votes_ballots_agree names the one held first');
SET CONSTRAINTS ALL DEFERRED;
SELECT throws_ok($$INSERT INTO ledger.ballots (project_code, matter, held_on, owner_key, district_code, choice) VALUES
    ('GS-CL-P1', 'renovate', '2024-06-01', 'CERT-Z', '320508', 'agree');
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'ballots_owner_in_scope refuses a ballot from no owner of a unit in scope that day');
SET CONSTRAINTS ALL DEFERRED;
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code) VALUES ('GS-CL-P1', 'use_fund', '2024-07-01', '320508');
  SET CONSTRAINTS ALL IMMEDIATE$$, '23514', NULL,
  'votes_tally_known refuses a vote with neither a tally nor ballots');
SET CONSTRAINTS ALL IMMEDIATE;
SELECT throws_ok($$INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners)
    VALUES ('GS-CL-P1', 'use_fund', '2024-08-01', '320508', 100.00, 1)$$, '23514', NULL,
  'votes_tally_whole_or_blank refuses half a tally');
SELECT throws_ok($$INSERT INTO ledger.ballots (project_code, matter, held_on, owner_key, district_code, choice)
    VALUES ('GS-CL-P1', 'renovate', '2024-06-01', 'CERT-B2', '320508', 'maybe')$$, '23514', NULL,
  'ballots_choice_known refuses a choice other than agree, disagree, abstain');

-- Without any owners recorded, one owner per unit (counted_from units).
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type) VALUES
  ('GS-CL-002', '320508001001', '320508', '沧浪二村', 'commodity');
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('GS-CL-002', '1', '101', '320508', 50.00), ('GS-CL-002', '1', '102', '320508', 50.00);
INSERT INTO ledger.projects (project_code, compound_code, district_code, category, title, status, budget_yuan, proposed_on) VALUES
  ('GS-CL-P2', 'GS-CL-002', '320508', 'wiring', '线路', 'proposed', 1000.00, '2024-01-01');
INSERT INTO ledger.votes (project_code, matter, held_on, district_code, participating_area_m2, participating_owners, approving_area_m2, approving_owners) VALUES
  ('GS-CL-P2', 'other', '2024-06-01', '320508', 100.00, 2, 100.00, 2);
SET CONSTRAINTS ALL IMMEDIATE;
SELECT results_eq($$SELECT total_owners, counted_from FROM ledger.votes_evaluated WHERE project_code = 'GS-CL-P2'$$,
  $$VALUES (2, 'units')$$, 'with no owners recorded, one owner per unit');
SELECT results_eq($$SELECT counted_from FROM ledger.votes_evaluated WHERE project_code = 'GS-CL-P1' AND matter = 'other' AND held_on = '2022-12-01'$$,
  $$VALUES ('owners')$$, 'counted_from names the register when it was used');

-- The owners of a vote's compound are read once by its key, not probed unit by unit (the province's slow step
-- in counting every vote: docs/benchmarks.md, session 15). Index scans forced, so a probe would show.
\ir fixtures/plan-of.sql
SET LOCAL enable_seqscan = off;
SELECT doesnt_match(pg_temp.plan_of($$SELECT * FROM ledger.votes_evaluated$$),
  'Index Cond: \(\(compound_code = [^\n]*\) AND \(building = ',
  'a vote''s owners and units are read by the compound''s key, not unit by unit');
RESET enable_seqscan;

-- Row-level security: owners and ballots are district rows.
SELECT ok(EXISTS (SELECT 1 FROM pg_catalog.pg_policies WHERE schemaname = 'ledger' AND tablename = 'owners')
          AND EXISTS (SELECT 1 FROM pg_catalog.pg_policies WHERE schemaname = 'ledger' AND tablename = 'ballots'),
  'owners and ballots carry the district policies');
SELECT ok(NOT pg_catalog.has_table_privilege('propledger_reader', 'ledger.owners', 'SELECT'),
  'a reader cannot read the owners register (pseudonymous keys are personal information)');

SELECT * FROM finish();
ROLLBACK;
