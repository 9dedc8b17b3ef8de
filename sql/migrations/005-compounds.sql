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
