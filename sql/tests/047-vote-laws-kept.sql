-- 047: migration 002 — the laws of owners' votes are kept: ledger.vote_laws (read by every vote's evaluation)
-- gives the rows of ledger.vote_laws_compute() after the rules change by insert, update, delete, in a
-- session with triggers off too; and a vote is judged by the kept law.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(9);

CREATE FUNCTION pg_temp.laws_agree() RETURNS boolean LANGUAGE sql AS $$
  SELECT NOT EXISTS ((SELECT * FROM ledger.vote_laws EXCEPT ALL SELECT * FROM ledger.vote_laws_compute())
                     UNION ALL (SELECT * FROM ledger.vote_laws_compute() EXCEPT ALL SELECT * FROM ledger.vote_laws))
$$;

SELECT results_eq($$SELECT valid_from, valid_until, law FROM ledger.vote_laws ORDER BY valid_from$$,
  $$VALUES (DATE '2007-10-01', DATE '2021-01-01', 'property_law_76'), (DATE '2021-01-01', NULL::date, 'civil_code_278')$$,
  'the kept laws: the Property Law from 2007-10-01, the Civil Code from 2021-01-01');
SELECT ok(pg_temp.laws_agree(), 'as computed from the rules');

-- A (hypothetical) amendment: a new national quorum from 2030.
INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en)
VALUES ('national', 'vote.quorum', '2030-01-01', 'threshold', '>=3/4', '测试修正', 'test amendment');
SELECT ok(pg_temp.laws_agree() AND (SELECT quorum FROM ledger.vote_laws WHERE valid_from = '2030-01-01') = '>=3/4'
          AND (SELECT valid_until FROM ledger.vote_laws WHERE valid_from = '2021-01-01') = '2030-01-01',
  'a rule inserted: a third period, the second ends where it starts');
UPDATE ledger.rules SET value = '>1/2' WHERE jurisdiction = 'national' AND parameter = 'vote.quorum' AND effective_from = '2030-01-01';
SELECT ok(pg_temp.laws_agree() AND (SELECT quorum FROM ledger.vote_laws WHERE valid_from = '2030-01-01') = '>1/2',
  'a rule updated: the kept period follows');
-- 60 % taking part: under the Civil Code's 2/3 quorum the vote fails, under the amendment's > 1/2 it passes.
SELECT is((SELECT e.passed FROM ledger.vote_evaluate('renovate', '2030-06-01', 1000, 10, 600, 6, 600, 6) AS e), true,
  'a vote of 2030 is judged by the kept amendment');
SELECT is((SELECT e.passed FROM ledger.vote_evaluate('renovate', '2029-06-01', 1000, 10, 600, 6, 600, 6) AS e), false,
  'the same vote of 2029 by the Civil Code');
DELETE FROM ledger.rules WHERE jurisdiction = 'national' AND parameter = 'vote.quorum' AND effective_from = '2030-01-01';
SELECT ok(pg_temp.laws_agree() AND (SELECT count(*) FROM ledger.vote_laws) = 2, 'a rule deleted: two periods again');

SET LOCAL session_replication_role = replica;
INSERT INTO ledger.rules (jurisdiction, parameter, effective_from, value_type, value, source_zh, source_en)
VALUES ('national', 'vote.law', '2031-01-01', 'text', 'civil_code_278', '测试', 'test');
SELECT ok(pg_temp.laws_agree() AND (SELECT count(*) FROM ledger.vote_laws) = 3,
  'with triggers off for the session (replica) the kept laws still follow (ENABLE ALWAYS)');
RESET session_replication_role;

SELECT is((SELECT tgenabled FROM pg_catalog.pg_trigger WHERE tgname = 'rules_keep_vote_laws'
             AND tgrelid = 'ledger.rules'::regclass), 'A'::"char", 'the trigger fires always');

SELECT * FROM finish();
ROLLBACK;
