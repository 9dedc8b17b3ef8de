-- 008: clearance cases (无物业小区清零台账).

CREATE TABLE ledger.clearance (
  compound_code text NOT NULL,
  identified_on date NOT NULL,
  district_code text NOT NULL,
  target_on     date,
  resolution    text,
  resolved_on   date,
  note          text,
  CONSTRAINT clearance_pkey PRIMARY KEY (compound_code, identified_on),
  CONSTRAINT clearance_resolution_known CHECK (resolution IN
    ('company_takeover', 'self_management', 'community_fallback')),
  -- SPEC §2.9: resolved with both resolution and resolved_on, or neither.
  CONSTRAINT clearance_resolution_and_date_together CHECK ((resolution IS NULL) = (resolved_on IS NULL)),
  CONSTRAINT clearance_resolved_not_before_identified CHECK (resolved_on >= identified_on),
  CONSTRAINT clearance_target_not_before_identified CHECK (target_on >= identified_on),
  CONSTRAINT clearance_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.clearance IS 'Clearance case: an unmanaged compound found on identified_on, its target date and resolution. Load kind: clearance.';

-- SPEC §2.9: one open case per compound.
CREATE UNIQUE INDEX clearance_one_open_case_per_compound
  ON ledger.clearance (compound_code) WHERE resolved_on IS NULL;

-- District filters of the reports read one district (and company_scores one company's surveys).
CREATE INDEX clearance_district_idx ON ledger.clearance (district_code);
