-- 039: the laws of owners' votes kept (issue 16, 18). ledger.vote_laws pivoted the national vote.* rules with
-- 16 calls of ledger.rule_value / rule_in_force each time it was read — ~2.5 ms, and every project check reads
-- it once through ledger.votes_evaluated: half of ledger.check_project_rules (2,000 projects at city: 2.4 s,
-- 1.1 s with the laws read from a table). The pivot is now ledger.vote_laws_compute(); its rows are kept in
-- staging.vote_laws_kept, rewritten by a statement trigger whenever ledger.rules changes, and ledger.vote_laws
-- reads them (same columns, same rows: pgTAP 047-vote-laws-kept changes the rules and compares).

-- Usage: SELECT * FROM ledger.vote_laws_compute();
-- The law of owners' votes by period, from the national vote.* rows of ledger.rules: the Property Law (Art. 76)
-- from 2007-10-01, the Civil Code (Art. 278) from 2021-01-01.
CREATE FUNCTION ledger.vote_laws_compute()
RETURNS TABLE (valid_from date, valid_until date, law text, quorum text, approval_base text, special_matters text,
               special_approval text, ordinary_approval text, source_zh text, source_en text)
LANGUAGE sql STABLE
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT d.valid_from,
         lead(d.valid_from) OVER (ORDER BY d.valid_from),
         ledger.rule_value(NULL, 'vote.law', d.valid_from),
         ledger.rule_value(NULL, 'vote.quorum', d.valid_from),
         ledger.rule_value(NULL, 'vote.approval_base', d.valid_from),
         ledger.rule_value(NULL, 'vote.special_matters', d.valid_from),
         ledger.rule_value(NULL, 'vote.special_approval', d.valid_from),
         ledger.rule_value(NULL, 'vote.ordinary_approval', d.valid_from),
         l.source_zh, l.source_en
  FROM (SELECT DISTINCT r.effective_from AS valid_from FROM ledger.rules AS r
        WHERE r.jurisdiction = 'national' AND r.parameter LIKE 'vote.%') AS d
  LEFT JOIN LATERAL ledger.rule_in_force(NULL, 'vote.law', d.valid_from) AS l ON true
$$;
COMMENT ON FUNCTION ledger.vote_laws_compute() IS
  'The law of owners'' votes in force from valid_from until (not including) valid_until, with its thresholds, pivoted from ledger.rules (SPEC §2.2, §10); kept in staging.vote_laws_kept, read as ledger.vote_laws.';

CREATE TABLE staging.vote_laws_kept (
  valid_from        date PRIMARY KEY,
  valid_until       date,
  law               text,
  quorum            text,
  approval_base     text,
  special_matters   text,
  special_approval  text,
  ordinary_approval text,
  source_zh         text,
  source_en         text
);
COMMENT ON TABLE staging.vote_laws_kept IS
  'The rows of ledger.vote_laws_compute(), rewritten by the statement trigger rules_keep_vote_laws whenever ledger.rules changes; read as ledger.vote_laws. Owner-written; the laws are public.';

-- Rewrites the kept laws from ledger.rules (the owner's rights: whoever may change the rules, the kept rows
-- follow).
CREATE FUNCTION ledger.keep_vote_laws() RETURNS trigger
LANGUAGE plpgsql
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  DELETE FROM staging.vote_laws_kept;
  INSERT INTO staging.vote_laws_kept SELECT * FROM ledger.vote_laws_compute();
  RETURN NULL;
END
$$;
COMMENT ON FUNCTION ledger.keep_vote_laws() IS 'Statement trigger on ledger.rules: rewrites staging.vote_laws_kept from ledger.vote_laws_compute().';
REVOKE ALL ON FUNCTION ledger.keep_vote_laws() FROM PUBLIC;

CREATE TRIGGER rules_keep_vote_laws AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ledger.rules
  FOR EACH STATEMENT EXECUTE FUNCTION ledger.keep_vote_laws();
-- ALWAYS: the kept laws follow the rules even in a session that turns triggers off (session_replication_role).
ALTER TABLE ledger.rules ENABLE ALWAYS TRIGGER rules_keep_vote_laws;

INSERT INTO staging.vote_laws_kept SELECT * FROM ledger.vote_laws_compute();

CREATE OR REPLACE VIEW ledger.vote_laws AS
SELECT k.valid_from, k.valid_until, k.law, k.quorum, k.approval_base, k.special_matters, k.special_approval,
       k.ordinary_approval, k.source_zh, k.source_en
FROM staging.vote_laws_kept AS k;
COMMENT ON VIEW ledger.vote_laws IS
  'The law of owners'' votes in force from valid_from until (not including) valid_until, with its thresholds, from ledger.rules (SPEC §2.2, §10; kept: ledger.vote_laws_compute).';
