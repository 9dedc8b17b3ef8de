-- 007: owners' organisations (业委会/物管会/自管小组) and Party organisations (党组织).
-- A term or an organisation's life runs start..end inclusive (end NULL = open-ended).

CREATE TABLE ledger.committees (
  compound_code          text NOT NULL,
  term_start             date NOT NULL,
  district_code          text NOT NULL,
  kind                   text NOT NULL,
  term_end               date,
  members                integer NOT NULL,
  party_members          integer NOT NULL DEFAULT 0,
  public_servant_members integer NOT NULL DEFAULT 0,
  CONSTRAINT committees_pkey PRIMARY KEY (compound_code, term_start),
  CONSTRAINT committees_kind_known CHECK (kind IN
    ('owners_committee', 'management_committee', 'self_management_group')),
  CONSTRAINT committees_members_positive CHECK (members >= 1),
  -- SPEC §2.6: an owners' committee has an odd number of members from 5 to 11 ...
  CONSTRAINT committees_owners_committee_members_odd_5_to_11 CHECK
    (kind <> 'owners_committee' OR (members BETWEEN 5 AND 11 AND members % 2 = 1)),
  -- ... and a term of at most 5 years (so its term has an end).
  CONSTRAINT committees_owners_committee_term_at_most_5_years CHECK
    (kind <> 'owners_committee' OR (term_end IS NOT NULL AND term_end <= term_start + interval '5 years')),
  CONSTRAINT committees_term_end_not_before_start CHECK (term_end >= term_start),
  CONSTRAINT committees_party_members_within_members CHECK (party_members BETWEEN 0 AND members),
  CONSTRAINT committees_public_servants_within_members CHECK (public_servant_members BETWEEN 0 AND members),
  -- SPEC §2.6: terms of one compound's committees never overlap.
  CONSTRAINT committees_terms_no_overlap EXCLUDE USING gist
    (compound_code WITH =, daterange(term_start, term_end, '[]') WITH &&),
  CONSTRAINT committees_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT committees_terms_no_overlap ON ledger.committees IS 'terms of one compound''s committees never overlap (SPEC §2.6)';
COMMENT ON TABLE ledger.committees IS 'Owners'' organisation of a compound for one term (term_start..term_end inclusive). Load kind: committees.';

-- host_key is a compound_code (host_type committee: the compound's committee) or a USCC
-- (host_type company). The generated columns host_compound_code / host_company_uscc let
-- ordinary foreign keys check the host and tie district_code to it.
CREATE TABLE ledger.party_orgs (
  host_type          text NOT NULL,
  host_key           text NOT NULL,
  established_on     date NOT NULL,
  district_code      text NOT NULL,
  form               text NOT NULL,
  formal_members     integer NOT NULL,
  dissolved_on       date,
  host_compound_code text GENERATED ALWAYS AS (CASE WHEN host_type = 'committee' THEN host_key END) STORED,
  host_company_uscc  text GENERATED ALWAYS AS (CASE WHEN host_type = 'company' THEN host_key END) STORED,
  CONSTRAINT party_orgs_pkey PRIMARY KEY (host_type, host_key, established_on),
  CONSTRAINT party_orgs_host_type_known CHECK (host_type IN ('committee', 'company')),
  CONSTRAINT party_orgs_form_known CHECK (form IN ('branch', 'joint_branch', 'working_group')),
  -- SPEC §2.7: a branch or joint branch needs >= 3 formal members; a working group >= 1.
  CONSTRAINT party_orgs_formal_members_enough_for_form CHECK
    (formal_members >= CASE WHEN form IN ('branch', 'joint_branch') THEN 3 ELSE 1 END),
  CONSTRAINT party_orgs_dissolved_not_before_established CHECK (dissolved_on >= established_on),
  -- SPEC §2.7: one live party organisation per host at a time (dissolved_on is its last day).
  CONSTRAINT party_orgs_one_live_per_host EXCLUDE USING gist
    (host_type WITH =, host_key WITH =, daterange(established_on, dissolved_on, '[]') WITH &&),
  CONSTRAINT party_orgs_host_compound_fkey FOREIGN KEY (host_compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT party_orgs_host_company_fkey FOREIGN KEY (host_company_uscc, district_code)
    REFERENCES ledger.companies (uscc, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON CONSTRAINT party_orgs_one_live_per_host ON ledger.party_orgs IS 'one live party organisation per host at a time (SPEC §2.7)';
COMMENT ON TABLE ledger.party_orgs IS 'Party organisation hosted by a compound''s committee (host_key = compound_code) or a company (host_key = USCC); district_code = the host''s district. Load kind: party_orgs.';

-- District filters of the reports read one district (and company_scores one company's surveys).
CREATE INDEX committees_district_idx ON ledger.committees (district_code);
