-- 001: the four schemas, the three roles, who owns what.
BEGIN;
SELECT plan(14);

SELECT has_schema('ledger', 'schema ledger exists');
SELECT has_schema('staging', 'schema staging exists');
SELECT has_schema('report', 'schema report exists');
SELECT has_schema('audit', 'schema audit exists');
SELECT has_role('propledger_owner', 'role propledger_owner exists');
SELECT has_role('propledger_loader', 'role propledger_loader exists');
SELECT has_role('propledger_reader', 'role propledger_reader exists');
SELECT schema_owner_is('ledger', 'propledger_owner', 'propledger_owner owns ledger');
SELECT schema_owner_is('staging', 'propledger_owner', 'propledger_owner owns staging');
SELECT schema_owner_is('report', 'propledger_owner', 'propledger_owner owns report');
SELECT schema_owner_is('audit', 'propledger_owner', 'propledger_owner owns audit');
SELECT has_extension('btree_gist', 'btree_gist is installed for the exclusion constraints');
SELECT ok(pg_has_role('propledger_loader', 'propledger_reader', 'MEMBER'), 'a loader may do what a reader may');

SELECT is((SELECT string_agg(table_schema || '.' || table_name || '.' || column_name, ', ')
  FROM information_schema.columns WHERE table_schema IN ('ledger', 'report', 'audit', 'staging')
  AND data_type IN ('real', 'double precision')), NULL, 'SPEC §2.10: no floating-point column anywhere');

SELECT * FROM finish();
ROLLBACK;
