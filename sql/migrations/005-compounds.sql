-- 005: compounds (小区) and their units (专有部分).

CREATE TABLE ledger.compounds (
  compound_code  text NOT NULL,
  community_code text NOT NULL,
  district_code  text NOT NULL,
  name           text NOT NULL,
  address        text,
  housing_type   text,
  built_year     integer,
  buildings      integer,
  households     integer,
  floor_area_m2  numeric(12,2),
  CONSTRAINT compounds_pkey PRIMARY KEY (compound_code),
  CONSTRAINT compounds_code_district_key UNIQUE (compound_code, district_code),
  CONSTRAINT compounds_code_not_blank CHECK (btrim(compound_code) <> ''),
  CONSTRAINT compounds_district_derived CHECK (district_code = left(community_code, 6)),
  CONSTRAINT compounds_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT compounds_housing_type_known CHECK (housing_type IN
    ('commodity', 'old_village', 'resettlement', 'open_block', 'affordable', 'mixed')),
  CONSTRAINT compounds_built_year_plausible CHECK (built_year BETWEEN 1900 AND 2100),
  CONSTRAINT compounds_buildings_not_negative CHECK (buildings >= 0),
  CONSTRAINT compounds_households_not_negative CHECK (households >= 0),
  CONSTRAINT compounds_floor_area_not_negative CHECK (floor_area_m2 >= 0),
  CONSTRAINT compounds_community_fkey FOREIGN KEY (community_code, district_code)
    REFERENCES ledger.communities (community_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.compounds IS 'Residential compound (小区), bureau-assigned code. district_code = left(community_code, 6). Load kind: compounds.';
CREATE INDEX compounds_community_idx ON ledger.compounds (community_code);
CREATE INDEX compounds_district_idx ON ledger.compounds (district_code);

CREATE TABLE ledger.units (
  compound_code text NOT NULL,
  building      text NOT NULL,
  unit_no       text NOT NULL,
  district_code text NOT NULL,
  floor_area_m2 numeric(12,2) NOT NULL,
  CONSTRAINT units_pkey PRIMARY KEY (compound_code, building, unit_no),
  CONSTRAINT units_building_not_blank CHECK (btrim(building) <> ''),
  CONSTRAINT units_unit_no_not_blank CHECK (btrim(unit_no) <> ''),
  CONSTRAINT units_floor_area_positive CHECK (floor_area_m2 > 0),
  CONSTRAINT units_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.units IS 'One dwelling (专有部分/户): building + unit number + floor area; one owner per unit in votes. Load kind: units.';

-- The keys of a unit for the owners' no-overlap rule (issues 16, 18). A GiST exclusion on the plain columns
-- (compound_code, building, unit_no, period) let the planner read a compound's owners through that index —
-- the votes' owner counts, the project gates, ledger.refresh_kept — where a GiST probe over three btree_gist
-- texts reads 29–123 pages at 10M owners against a few for the primary key's btree (0.5–5 ms against ~0.05 ms
-- a probe: a province refresh of the kept votes ran for more than 28 minutes). The rule is on
-- ledger.unit_hash (a bigint the GiST descends on) and ledger.unit_key (one text, equal exactly when the three
-- columns are: the rule stays exact whatever the hash does): a query on the columns cannot use that index, and
-- inserting is cheaper (2M owners on this machine: 262 s with the three texts, 66 s with these keys).

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

-- SPEC §7: who owns each unit over time (Interpretation on building ownership Art. 1, 8, 9). A buyer's
-- since_on is the delivery date; units the developer still holds (unsold, or sold but not delivered) are
-- owner_kind developer. Co-owners of one unit share one owner_key; one owner of a unit at a time.
CREATE TABLE ledger.owners (
  compound_code text NOT NULL,
  building      text NOT NULL,
  unit_no       text NOT NULL,
  owner_key     text NOT NULL,
  district_code text NOT NULL,
  owner_kind    text NOT NULL,
  since_on      date NOT NULL,
  until_on      date,
  CONSTRAINT owners_pkey PRIMARY KEY (compound_code, building, unit_no, owner_key),
  CONSTRAINT owners_owner_kind_known CHECK (owner_kind IN ('person', 'entity', 'developer')),
  CONSTRAINT owners_owner_key_not_blank CHECK (btrim(owner_key) <> ''),
  -- SPEC §7: never a citizen ID number in the clear (PIPL Art. 6, 51; Civil Code Art. 1034).
  CONSTRAINT owners_owner_key_not_a_citizen_id CHECK (NOT ledger.is_citizen_id(owner_key)),
  CONSTRAINT owners_until_not_before_since CHECK (until_on >= since_on),
  CONSTRAINT owners_one_owner_at_a_time EXCLUDE USING gist
    (ledger.unit_hash(compound_code, building, unit_no) WITH =, ledger.unit_key(compound_code, building, unit_no) WITH =,
     daterange(since_on, until_on, '[]') WITH &&),
  CONSTRAINT owners_unit_fkey FOREIGN KEY (compound_code, building, unit_no)
    REFERENCES ledger.units (compound_code, building, unit_no) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT owners_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT owners_one_owner_at_a_time ON ledger.owners IS 'a unit has one owner at a time: co-owners share one owner_key (SPEC §7)';
COMMENT ON CONSTRAINT owners_owner_key_not_a_citizen_id ON ledger.owners IS 'an owner_key is never a citizen ID number: use a property-certificate number or a pseudonym (SPEC §7; PIPL Art. 6, 51)';
COMMENT ON TABLE ledger.owners IS 'Who owns each unit over time (since_on..until_on inclusive; NULL = still); owner_kind developer = units the developer still holds. Pseudonymous keys are personal information: only the owner role and the district''s loaders see them. Load kind: owners.';
CREATE INDEX owners_district_idx ON ledger.owners (district_code);

-- SPEC §6: the maintenance fund as a bank statement or the fund office sends it (030 builds the accounts).
CREATE TABLE ledger.fund_deposits (
  voucher_no    text NOT NULL,
  compound_code text NOT NULL,
  building      text NOT NULL,
  unit_no       text NOT NULL,
  district_code text NOT NULL,
  kind          text NOT NULL,
  deposited_on  date NOT NULL,
  amount_yuan   numeric(14,2) NOT NULL,
  CONSTRAINT fund_deposits_pkey PRIMARY KEY (voucher_no),
  CONSTRAINT fund_deposits_voucher_not_blank CHECK (btrim(voucher_no) <> ''),
  -- first_deposit 首期交存 (办法 Art. 7), top_up 续交 (Art. 17), interest 增值收益 (Art. 27), refund 返还 (Art. 29).
  CONSTRAINT fund_deposits_kind_known CHECK (kind IN ('first_deposit', 'top_up', 'interest', 'refund')),
  -- A refund takes money out of the account (negative); everything else puts it in.
  CONSTRAINT fund_deposits_amount_sign_matches_kind CHECK (CASE WHEN kind = 'refund' THEN amount_yuan < 0 ELSE amount_yuan > 0 END),
  CONSTRAINT fund_deposits_unit_fkey FOREIGN KEY (compound_code, building, unit_no)
    REFERENCES ledger.units (compound_code, building, unit_no) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT fund_deposits_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.fund_deposits IS 'A posting to one unit''s fund account (分户账): first deposit, top-up, interest line of a bank statement, or refund of a demolished unit (negative). Load kind: fund_deposits.';
CREATE INDEX fund_deposits_unit_idx ON ledger.fund_deposits (compound_code, building, unit_no);
CREATE INDEX fund_deposits_district_idx ON ledger.fund_deposits (district_code);
-- The refunds alone (rare: the account of a demolished unit, 办法 Art. 29): report anomalies looks for refunds the
-- balance cut short, compound by compound, without reading every deposit line (10M at province: 1.1 s a report).
CREATE INDEX fund_deposits_refunds_idx ON ledger.fund_deposits (compound_code) WHERE kind = 'refund';

CREATE TABLE ledger.fund_interest (
  compound_code text NOT NULL,
  posted_on     date NOT NULL,
  district_code text NOT NULL,
  amount_yuan   numeric(14,2) NOT NULL,
  CONSTRAINT fund_interest_pkey PRIMARY KEY (compound_code, posted_on),
  CONSTRAINT fund_interest_amount_positive CHECK (amount_yuan > 0),
  CONSTRAINT fund_interest_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.fund_interest IS 'Interest posted for a whole compound when the bank gives no per-unit lines; allocated to its units by their balances at the end of the day before (SPEC §6; a fallback, not a national rule). Load kind: fund_interest.';
CREATE INDEX fund_interest_district_idx ON ledger.fund_interest (district_code);
