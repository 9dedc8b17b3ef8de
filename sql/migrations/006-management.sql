-- 006: management periods (管理期): who manages a compound from a date.
-- A period runs from start_on to end_on inclusive (end_on NULL = open-ended).

CREATE TABLE ledger.management (
  compound_code          text NOT NULL,
  start_on               date NOT NULL,
  district_code          text NOT NULL,
  mode                   text NOT NULL,
  company_uscc           text,
  basis                  text,
  fee_yuan_per_m2_month  numeric(14,2),
  end_on                 date,
  CONSTRAINT management_pkey PRIMARY KEY (compound_code, start_on),
  CONSTRAINT management_mode_known CHECK (mode IN ('company', 'self_managed', 'fallback')),
  -- SPEC §2.8: a company period names a company; self_managed and fallback name none.
  CONSTRAINT management_company_matches_mode CHECK ((mode = 'company') = (company_uscc IS NOT NULL)),
  CONSTRAINT management_basis_known CHECK (basis IN ('tender', 'owners_vote', 'appointed', 'state_takeover')),
  -- A monthly fee per m² above 30 yuan is a unit mistake (fen, or per year), not a fee.
  CONSTRAINT management_fee_plausible CHECK (fee_yuan_per_m2_month >= 0 AND fee_yuan_per_m2_month <= 30),
  CONSTRAINT management_end_not_before_start CHECK (end_on >= start_on),
  -- SPEC §2.8: periods of one compound never overlap.
  CONSTRAINT management_periods_no_overlap EXCLUDE USING gist
    (compound_code WITH =, daterange(start_on, end_on, '[]') WITH &&),
  CONSTRAINT management_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT management_company_fkey FOREIGN KEY (company_uscc)
    REFERENCES ledger.companies (uscc) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT management_periods_no_overlap ON ledger.management IS 'management periods of one compound never overlap (SPEC §2.8)';
COMMENT ON TABLE ledger.management IS 'Management period of a compound, start_on..end_on inclusive: a company, the owners (self_managed) or the community (fallback). Load kind: management.';
CREATE INDEX management_company_idx ON ledger.management (company_uscc);

-- District filters of the reports read one district (and company_scores one company's surveys).
CREATE INDEX management_district_idx ON ledger.management (district_code);
