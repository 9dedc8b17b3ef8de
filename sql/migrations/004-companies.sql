-- 004: property management companies (USCC checked by ledger.uscc_is_valid from 002)
-- and co-building units (共建单位).

CREATE TABLE ledger.companies (
  uscc          text NOT NULL,
  name          text NOT NULL,
  ownership     text NOT NULL,
  district_code text NOT NULL,
  CONSTRAINT companies_pkey PRIMARY KEY (uscc),
  CONSTRAINT companies_uscc_district_key UNIQUE (uscc, district_code),
  -- SPEC §2.1 (GB 32100-2015): the 18th character is the check character.
  CONSTRAINT companies_uscc_check_character CHECK (ledger.uscc_is_valid(uscc)),
  CONSTRAINT companies_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT companies_ownership_known CHECK (ownership IN ('state_owned', 'private')),
  CONSTRAINT companies_district_fkey FOREIGN KEY (district_code)
    REFERENCES ledger.districts (district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.companies IS 'Property management company (物业服务企业) by USCC; district_code = district of registration. Load kind: companies.';
CREATE INDEX companies_district_idx ON ledger.companies (district_code);

CREATE TABLE ledger.co_building_units (
  unit_code      text NOT NULL,
  name           text NOT NULL,
  kind           text NOT NULL,
  community_code text NOT NULL,
  district_code  text NOT NULL,
  agreed_on      date,
  CONSTRAINT co_building_units_pkey PRIMARY KEY (unit_code),
  CONSTRAINT co_building_units_name_not_blank CHECK (btrim(name) <> ''),
  CONSTRAINT co_building_units_kind_known CHECK (kind IN
    ('school', 'hospital', 'enterprise', 'government', 'social_org', 'other')),
  CONSTRAINT co_building_units_district_derived CHECK (district_code = left(community_code, 6)),
  CONSTRAINT co_building_units_community_fkey FOREIGN KEY (community_code, district_code)
    REFERENCES ledger.communities (community_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.co_building_units IS 'Co-building unit (共建单位) of a community; may fund projects. district_code = left(community_code, 6). Load kind: co_building_units.';
CREATE INDEX co_building_units_community_idx ON ledger.co_building_units (community_code);
