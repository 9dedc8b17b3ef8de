-- 022: a cheaper index for looking up a record's history in audit.changes.
--
-- The btree on (table_name, key jsonb) compared jsonb values on every insert: loading 1M units spent
-- 15 s of 23 s of audit writing in that index alone. History look-ups are equality on the key
-- (WHERE key = '{"compound_code": …}' AND table_name = 'units'), which a hash index serves at a
-- third of the insert cost. Measured in docs/benchmarks.md.
DROP INDEX audit.changes_table_key_idx;
CREATE INDEX changes_key_hash_idx ON audit.changes USING hash (key);
COMMENT ON INDEX audit.changes_key_hash_idx IS 'History of one record: WHERE key = $1 (and table_name = $2).';
