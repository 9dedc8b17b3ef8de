-- 046: migration 005 — one owner of a unit at a time, on ledger.unit_hash and ledger.unit_key: the key is equal exactly when
-- compound, building and unit are (units whose texts would run together are not confused), the rule still
-- refuses overlapping periods of one unit, and the exclusion's index holds no plain column, so look-ups of a
-- compound's owners by column read the primary key's btree (the GiST probe was the province's slow step).
SET client_encoding = 'UTF8';
BEGIN;
SELECT plan(8);

\ir fixtures/two-district-geography.sql
-- Two compounds whose codes and building names run together: 'GS-K1' + '11' and 'GS-K11' + '1'.
INSERT INTO ledger.compounds (compound_code, community_code, district_code, name, housing_type, households, floor_area_m2) VALUES
  ('GS-K1', '320508001001', '320508', '葑门新村', 'commodity', NULL, NULL),
  ('GS-K11', '320508001001', '320508', '葑门二村', 'commodity', NULL, NULL);
INSERT INTO ledger.units (compound_code, building, unit_no, district_code, floor_area_m2) VALUES
  ('GS-K1', '11', '01', '320508', 80.00), ('GS-K11', '1', '101', '320508', 80.00), ('GS-K1', '1', '101', '320508', 80.00);
SET CONSTRAINTS ALL IMMEDIATE;

SELECT is(ledger.unit_key('GS-K1', '1', '101'), '5:GS-K11:1101', 'the key: compound and building prefixed by their lengths, then the unit');
SELECT isnt(ledger.unit_key('GS-K1', '11', '01'), ledger.unit_key('GS-K11', '1', '01'),
  'a code and a building that run together give different keys');
SELECT ok(ledger.unit_hash('GS-K1', '11', '01') = pg_catalog.hashtextextended(ledger.unit_key('GS-K1', '11', '01'), 0)
          AND ledger.unit_hash('GS-K1', '11', '01') <> ledger.unit_hash('GS-K11', '1', '01'),
  'the hash that leads the index is the hash of the key');

INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on) VALUES
  ('GS-K1', '11', '01', 'A', '320508', 'person', '2023-01-01');
SELECT lives_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on)
  VALUES ('GS-K11', '1', '101', 'B', '320508', 'person', '2023-01-01'),
         ('GS-K1', '1', '101', 'C', '320508', 'person', '2023-01-01')$$,
  'owners of other units the same days are no clash, however their texts run together');
SELECT throws_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on, until_on)
  VALUES ('GS-K1', '11', '01', 'D', '320508', 'person', '2022-06-01', '2023-01-01')$$, '23P01',
  'conflicting key value violates exclusion constraint "owners_one_owner_at_a_time"',
  'a second owner of one unit sharing a single day with the first is refused');
SELECT lives_ok($$INSERT INTO ledger.owners (compound_code, building, unit_no, owner_key, district_code, owner_kind, since_on, until_on)
  VALUES ('GS-K1', '11', '01', 'D', '320508', 'developer', '2020-01-01', '2022-12-31')$$,
  'the owner before, up to the day before, is no clash');

SELECT is((SELECT count(*)::integer FROM pg_catalog.pg_index AS i JOIN pg_catalog.pg_constraint AS c ON c.conindid = i.indexrelid
           WHERE c.conname = 'owners_one_owner_at_a_time' AND c.conrelid = 'ledger.owners'::regclass
             AND 0 <> ANY (i.indkey::int2[])), 0,
  'the exclusion''s index has expressions only: no look-up by compound_code can take it');
\ir fixtures/plan-of.sql
SET LOCAL enable_seqscan = off;
SELECT matches(pg_temp.plan_of($$SELECT count(*) FROM ledger.owners
    WHERE compound_code = 'GS-K1' AND DATE '2024-01-01' BETWEEN since_on AND coalesce(until_on, 'infinity')$$),
  'owners_pkey', 'a compound''s owners on a day are read through the primary key');

SELECT * FROM finish();
ROLLBACK;
