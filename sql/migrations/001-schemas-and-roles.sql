-- 001: the four schemas and the three application roles.
--
-- Runs as the connecting (admin) user. Every later migration runs under
-- SET LOCAL ROLE propledger_owner (the migration runner does that), so the
-- owner role owns every object it creates.

-- Roles are cluster-wide: another database of the same cluster may have made
-- them already, possibly at this very moment, so a duplicate is not an error.
DO $$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['propledger_owner', 'propledger_loader', 'propledger_reader'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I NOLOGIN', r);
      EXCEPTION WHEN duplicate_object OR unique_violation THEN
        NULL;
      END;
    END IF;
  END LOOP;
END
$$;

-- The admin user may act as the owner (the runner relies on it).
DO $$
BEGIN
  IF NOT pg_catalog.pg_has_role(current_user, 'propledger_owner', 'MEMBER') THEN
    EXECUTE format('GRANT propledger_owner TO %I', current_user);
  END IF;
END
$$;

-- A loader may do everything a reader may.
GRANT propledger_reader TO propledger_loader;

-- Extensions need the admin user; later migrations only use them.
CREATE EXTENSION IF NOT EXISTS btree_gist;

DO $$
BEGIN
  EXECUTE format('GRANT CREATE, CONNECT, TEMPORARY ON DATABASE %I TO propledger_owner', current_database());
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO propledger_loader, propledger_reader', current_database());
END
$$;

CREATE SCHEMA IF NOT EXISTS ledger AUTHORIZATION propledger_owner;
CREATE SCHEMA IF NOT EXISTS staging AUTHORIZATION propledger_owner;
CREATE SCHEMA IF NOT EXISTS report AUTHORIZATION propledger_owner;
CREATE SCHEMA IF NOT EXISTS audit AUTHORIZATION propledger_owner;

COMMENT ON SCHEMA ledger IS 'The facts the bureau oversees: typed tables with their rules.';
COMMENT ON SCHEMA staging IS 'Raw CSV rows on their way into the ledger, validated as sets.';
COMMENT ON SCHEMA report IS 'Views and functions the reports read; the only schema readers may touch.';
COMMENT ON SCHEMA audit IS 'Who changed what, when, and in which load batch.';

GRANT USAGE ON SCHEMA ledger, staging, audit TO propledger_loader;
GRANT USAGE ON SCHEMA report TO propledger_reader;

-- Nobody but the owner creates objects where the loader and the reports resolve names (SPEC §5):
-- a function or operator planted in public (on the default search_path, and where btree_gist
-- lives) could otherwise run inside another user's load. PostgreSQL 15 no longer grants CREATE on
-- public to PUBLIC in a new database, but a database created from an older template still may.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA ledger, staging, report, audit FROM PUBLIC;
