-- 003: districts, streets and communities (GB/T 2260 codes with prefix checks).
--
-- Every district-owned table of the ledger carries district_code, so row-level
-- security (012) is a cheap column test. Here the codes nest: a street code is
-- its district code + 3 digits, a community code its street code + 3 digits.
-- Foreign keys are DEFERRABLE INITIALLY DEFERRED everywhere so that the files
-- of one `propledger load --dir` may arrive in any order in one transaction.

CREATE TABLE ledger.districts (
  district_code text NOT NULL,
  name          text NOT NULL,
  CONSTRAINT districts_pkey PRIMARY KEY (district_code),
  CONSTRAINT districts_code_is_6_digits CHECK (district_code ~ '^[0-9]{6}$'),
  CONSTRAINT districts_name_not_blank CHECK (btrim(name) <> '')
);
COMMENT ON TABLE ledger.districts IS 'District or county (区/县), 6-digit GB/T 2260 code. Load kind: districts.';

CREATE TABLE ledger.streets (
  street_code   text NOT NULL,
  district_code text NOT NULL,
  name          text NOT NULL,
  CONSTRAINT streets_pkey PRIMARY KEY (street_code),
  CONSTRAINT streets_code_district_key UNIQUE (street_code, district_code),
  CONSTRAINT streets_code_is_9_digits CHECK (street_code ~ '^[0-9]{9}$'),
  CONSTRAINT streets_code_starts_with_district CHECK (left(street_code, 6) = district_code),
  CONSTRAINT streets_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT streets_district_fkey FOREIGN KEY (district_code)
    REFERENCES ledger.districts (district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.streets IS 'Sub-district or town (街道/镇): district code + 3 digits. Load kind: streets.';

CREATE TABLE ledger.communities (
  community_code text NOT NULL,
  street_code    text NOT NULL,
  district_code  text NOT NULL,
  name           text NOT NULL,
  community_type text NOT NULL,
  CONSTRAINT communities_pkey PRIMARY KEY (community_code),
  CONSTRAINT communities_code_district_key UNIQUE (community_code, district_code),
  CONSTRAINT communities_code_is_12_digits CHECK (community_code ~ '^[0-9]{12}$'),
  CONSTRAINT communities_code_starts_with_street CHECK (left(community_code, 9) = street_code),
  CONSTRAINT communities_district_derived CHECK (district_code = left(community_code, 6)),
  CONSTRAINT communities_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT communities_type_known CHECK (community_type IN
    ('open_block', 'old_village', 'commodity', 'resettlement', 'business_district', 'mixed')),
  CONSTRAINT communities_street_fkey FOREIGN KEY (street_code, district_code)
    REFERENCES ledger.streets (street_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.communities IS 'Community (社区): street code + 3 digits, with its type. district_code = left(community_code, 6). Load kind: communities.';
CREATE INDEX communities_street_idx ON ledger.communities (street_code);
