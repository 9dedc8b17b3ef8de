-- 038: the owners' no-overlap rule on keys of the unit (issue 16, 18). owners_one_owner_at_a_time was a GiST
-- exclusion on (compound_code, building, unit_no, daterange): the planner took that index for look-ups of a
-- compound's owners by compound_code — the votes' owner counts, the project gates, ledger.refresh_kept —
-- where a GiST probe over three btree_gist text columns reads 29–123 pages at 10M owners against a few for
-- the primary key's btree (0.5–5 ms against ~0.05 ms a probe: the province refresh of the kept votes ran for
-- more than 28 minutes). The rule is the same on ledger.unit_hash (a bigint: the GiST descends on it) and
-- ledger.unit_key (one text, equal exactly when the three columns are: it makes the rule exact whatever the
-- hash does). A query on the columns cannot use this index, so it reads the primary key; and inserting is
-- cheaper (2M owners, measured on this machine: 262 s with the three texts, 208 s with unit_key alone, 66 s
-- with unit_hash leading — an earlier try led by a hash but kept the plain columns, which the planner then
-- probed: docs/benchmarks.md).

-- Usage: SELECT ledger.unit_key('C1', '1', '101'); → '2:C11:1101'
-- One text per unit, injective: the compound code and the building each prefixed by their length, then the
-- unit number. Plain SQL without SET, so the exclusion constraint's expression stays a simple call.
CREATE FUNCTION ledger.unit_key(compound_code text, building text, unit_no text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.length(compound_code) || ':' || compound_code || pg_catalog.length(building) || ':' || building || unit_no;
COMMENT ON FUNCTION ledger.unit_key(text, text, text) IS
  'One text per unit, equal exactly when compound_code, building and unit_no are (length-prefixed). Example: SELECT ledger.unit_key(''C1'', ''1'', ''101'') -- 2:C11:1101';

-- Usage: SELECT ledger.unit_hash('C1', '1', '101'); → a bigint
-- The 64-bit hash of ledger.unit_key: equal units have equal hashes (different units rarely do, and the
-- exclusion compares unit_key too).
CREATE FUNCTION ledger.unit_hash(compound_code text, building text, unit_no text) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.hashtextextended(ledger.unit_key(compound_code, building, unit_no), 0);
COMMENT ON FUNCTION ledger.unit_hash(text, text, text) IS
  'The 64-bit hash of ledger.unit_key(compound_code, building, unit_no), leading the owners'' exclusion index. Example: SELECT ledger.unit_hash(''C1'', ''1'', ''101'')';

ALTER TABLE ledger.owners
  DROP CONSTRAINT owners_one_owner_at_a_time,
  ADD CONSTRAINT owners_one_owner_at_a_time EXCLUDE USING gist
    (ledger.unit_hash(compound_code, building, unit_no) WITH =, ledger.unit_key(compound_code, building, unit_no) WITH =,
     daterange(since_on, until_on, '[]') WITH &&);
COMMENT ON CONSTRAINT owners_one_owner_at_a_time ON ledger.owners IS 'a unit has one owner at a time: co-owners share one owner_key (SPEC §7)';
