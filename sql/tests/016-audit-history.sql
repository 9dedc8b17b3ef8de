-- 016: audit by batch (SPEC §5, issue 16). An insert in a load batch writes no audit document, its row
-- records the batch; audit.row_as_of rebuilds any row as of any moment. Proved on a random history of
-- inserts, updates, deletes and reinserts over several batches (and direct changes outside any batch),
-- checked at every moment between them against a shadow history the test keeps itself.
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(10);

\ir fixtures/two-districts.sql
CREATE TEMP TABLE moments (moment integer PRIMARY KEY, at timestamptz NOT NULL) ON COMMIT DROP;
CREATE TEMP TABLE shadow (moment integer, unit_no text, row jsonb) ON COMMIT DROP;
CREATE TEMP TABLE made (op text, in_batch boolean) ON COMMIT DROP;
CREATE TEMP TABLE made_keys (k text) ON COMMIT DROP;

DO $$
DECLARE
  step integer;
  op integer;
  unit text;
  batch bigint;
  present boolean;
BEGIN
  PERFORM setseed(0.16);
  INSERT INTO moments VALUES (0, clock_timestamp());
  FOR step IN 1..14 LOOP
    PERFORM pg_sleep(0.002);  -- moments strictly between steps
    batch := NULL;
    IF step % 4 <> 0 THEN
      batch := audit.begin_batch('units', format('units-%s.csv', step), repeat('a', 64), 0);
    ELSE
      PERFORM set_config('propledger.load_batch', '', true);  -- an owner's direct SQL, outside any load
    END IF;
    FOR op IN 1..9 LOOP
      unit := 'u' || (1 + floor(random() * 6))::integer;
      present := EXISTS (SELECT 1 FROM ledger.units WHERE compound_code = 'GS-PJ-001' AND building = 'R' AND unit_no = unit);
      IF NOT present THEN
        INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
          VALUES ('GS-PJ-001', 'R', unit, '320508', round((20 + random() * 100)::numeric, 2));
        INSERT INTO made VALUES (CASE WHEN EXISTS (SELECT 1 FROM made_keys WHERE k = unit) THEN 'reinsert' ELSE 'insert' END, batch IS NOT NULL);
      ELSIF random() < 0.6 THEN
        UPDATE ledger.units SET floor_area_m2 = round((20 + random() * 100)::numeric, 2)
          WHERE compound_code = 'GS-PJ-001' AND building = 'R' AND unit_no = unit;
        INSERT INTO made VALUES ('update', batch IS NOT NULL);
      ELSE
        DELETE FROM ledger.units WHERE compound_code = 'GS-PJ-001' AND building = 'R' AND unit_no = unit;
        INSERT INTO made VALUES ('delete', batch IS NOT NULL);
      END IF;
      INSERT INTO made_keys SELECT unit WHERE NOT EXISTS (SELECT 1 FROM made_keys WHERE k = unit);
    END LOOP;
    IF batch IS NOT NULL THEN
      PERFORM audit.finish_batch(batch, 9, 0, 0, 0, 0, 'committed');
    END IF;
    INSERT INTO moments VALUES (step, clock_timestamp());
    INSERT INTO shadow SELECT step, u.unit_no, to_jsonb(u) FROM ledger.units AS u
      WHERE u.compound_code = 'GS-PJ-001' AND u.building = 'R';
    PERFORM pg_sleep(0.002);
  END LOOP;
  PERFORM set_config('propledger.load_batch', '', true);
END
$$;

SELECT ok((SELECT count(*) FILTER (WHERE op = 'insert' AND in_batch) >= 3 AND count(*) FILTER (WHERE op = 'reinsert' AND in_batch) >= 2
              AND count(*) FILTER (WHERE op = 'update') >= 5 AND count(*) FILTER (WHERE op = 'delete') >= 5
              AND count(*) FILTER (WHERE op IN ('insert', 'reinsert') AND NOT in_batch) >= 1 FROM made),
  'the random history has inserts and reinserts in batches and outside them, updates and deletes');
SELECT is((SELECT count(*)::integer FROM audit.changes AS c JOIN audit.load_batches AS b ON b.id = c.load_batch_id
           WHERE c.table_name = 'units' AND c.operation = 'INSERT' AND b.file_name LIKE 'units-%'), 0,
  'an insert in a load batch writes no audit document');
SELECT is((SELECT count(*)::integer FROM audit.changes AS c WHERE c.table_name = 'units' AND c.operation = 'INSERT'
           AND c.key ->> 'building' = 'R'), (SELECT count(*)::integer FROM made WHERE op IN ('insert', 'reinsert') AND NOT in_batch),
  'an insert outside any batch is recorded with its values, one document per row');
SELECT is((SELECT count(*)::integer FROM ledger.units AS u JOIN audit.load_batches AS b ON b.id = u.insert_batch_id
           WHERE u.building = 'R' AND b.file_name LIKE 'units-%'),
          (SELECT count(*)::integer FROM ledger.units AS u WHERE u.building = 'R' AND u.insert_batch_id IS NOT NULL),
  'every row inserted in a batch names a batch of this history');
SELECT is((SELECT count(*)::integer
           FROM moments AS m
           CROSS JOIN (SELECT 'u' || i AS unit FROM generate_series(1, 6) AS i) AS k
           CROSS JOIN (VALUES (interval '0'), (interval '1 millisecond')) AS d(late)
           LEFT JOIN shadow AS s ON s.moment = m.moment AND s.unit_no = k.unit
           WHERE audit.row_as_of('units', jsonb_build_object('compound_code', 'GS-PJ-001', 'building', 'R', 'unit_no', k.unit), m.at + d.late)
                 IS DISTINCT FROM s.row), 0,
  'audit.row_as_of gives every unit as the shadow history has it, at each of the 15 moments and 1 ms after (180 checks)');
SELECT is(audit.row_as_of('units', '{"compound_code": "GS-PJ-001", "building": "R", "unit_no": "u1"}', '-infinity'), NULL,
  'before its history a row did not exist');

-- The batch a row records cannot be forged: given by the session, or changed later.
SELECT throws_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2, insert_batch_id)
                   VALUES ('GS-PJ-001', 'R', 'u9', '320508', 50.00, (SELECT min(id) FROM audit.load_batches))$$, '42501', NULL,
  'an insert naming a batch of its own choosing is refused');
SELECT throws_ok($$UPDATE ledger.units SET insert_batch_id = NULL WHERE building = 'R' AND insert_batch_id IS NOT NULL$$, '42501', NULL,
  'a row''s batch cannot be changed');
CREATE TEMP TABLE other_batch ON COMMIT DROP AS SELECT audit.begin_batch('units', 'other.csv', repeat('b', 64), 0) AS id;
SELECT throws_ok(format($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2, insert_batch_id)
                   VALUES ('GS-PJ-001', 'R', 'u9', '320508', 50.00, %s)$$, (SELECT min(id) FROM audit.load_batches)), '42501', NULL,
  'nor one naming an earlier batch while a batch is running');
SELECT lives_ok($$INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2)
                  VALUES ('GS-PJ-001', 'R', 'u9', '320508', 50.00)$$, 'the running batch labels its inserts by default');

SELECT * FROM finish();
ROLLBACK;
