-- 010: service-quality oversight: inspections, rectification items, complaints,
-- satisfaction surveys, and the settings table holding the scorecard weights.

CREATE TABLE ledger.inspections (
  inspection_code text NOT NULL,
  compound_code   text NOT NULL,
  district_code   text NOT NULL,
  company_uscc    text,
  inspected_on    date NOT NULL,
  inspector       text,
  score           numeric(5,2) NOT NULL,
  CONSTRAINT inspections_pkey PRIMARY KEY (inspection_code),
  CONSTRAINT inspections_code_district_key UNIQUE (inspection_code, district_code),
  CONSTRAINT inspections_score_0_to_100 CHECK (score BETWEEN 0 AND 100),
  CONSTRAINT inspections_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT inspections_company_fkey FOREIGN KEY (company_uscc)
    REFERENCES ledger.companies (uscc) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.inspections IS 'Bureau inspection of a compound (and its company), score 0-100. Load kind: inspections.';
CREATE INDEX inspections_company_idx ON ledger.inspections (company_uscc, inspected_on);
CREATE INDEX inspections_compound_idx ON ledger.inspections (compound_code);

CREATE TABLE ledger.rectifications (
  inspection_code text NOT NULL,
  item_no         integer NOT NULL,
  district_code   text NOT NULL,
  issue           text NOT NULL,
  deadline        date NOT NULL,
  closed_on       date,
  CONSTRAINT rectifications_pkey PRIMARY KEY (inspection_code, item_no),
  CONSTRAINT rectifications_item_no_positive CHECK (item_no >= 1),
  CONSTRAINT rectifications_issue_not_blank CHECK (btrim(issue) <> ''),
  CONSTRAINT rectifications_inspection_fkey FOREIGN KEY (inspection_code, district_code)
    REFERENCES ledger.inspections (inspection_code, district_code) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.rectifications IS 'Rectification item ordered by an inspection, with deadline and closing date. Load kind: rectifications.';

CREATE TABLE ledger.complaints (
  complaint_code text NOT NULL,
  compound_code  text NOT NULL,
  district_code  text NOT NULL,
  company_uscc   text,
  received_on    date NOT NULL,
  category       text NOT NULL,
  resolved_on    date,
  CONSTRAINT complaints_pkey PRIMARY KEY (complaint_code),
  CONSTRAINT complaints_category_known CHECK (category IN
    ('service', 'fees', 'security', 'cleaning', 'greening', 'parking', 'repairs', 'other')),
  CONSTRAINT complaints_resolved_not_before_received CHECK (resolved_on >= received_on),
  CONSTRAINT complaints_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT complaints_company_fkey FOREIGN KEY (company_uscc)
    REFERENCES ledger.companies (uscc) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.complaints IS 'Complaint about a compound''s service. Load kind: complaints.';
CREATE INDEX complaints_company_idx ON ledger.complaints (company_uscc, received_on);

CREATE TABLE ledger.surveys (
  compound_code text NOT NULL,
  period        text NOT NULL,
  district_code text NOT NULL,
  company_uscc  text,
  respondents   integer NOT NULL,
  satisfied     integer NOT NULL,
  CONSTRAINT surveys_pkey PRIMARY KEY (compound_code, period),
  CONSTRAINT surveys_period_year_or_quarter CHECK (period ~ '^[0-9]{4}(-Q[1-4])?$'),
  CONSTRAINT surveys_respondents_positive CHECK (respondents >= 1),
  CONSTRAINT surveys_satisfied_within_respondents CHECK (satisfied BETWEEN 0 AND respondents),
  CONSTRAINT surveys_compound_fkey FOREIGN KEY (compound_code, district_code)
    REFERENCES ledger.compounds (compound_code, district_code) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT surveys_company_fkey FOREIGN KEY (company_uscc)
    REFERENCES ledger.companies (uscc) DEFERRABLE INITIALLY DEFERRED
);
COMMENT ON TABLE ledger.surveys IS 'Satisfaction survey of a compound for a year (YYYY) or quarter (YYYY-Qn). Load kind: surveys.';

CREATE TABLE ledger.settings (
  key   text NOT NULL,
  value numeric NOT NULL,
  note  text,
  CONSTRAINT settings_pkey PRIMARY KEY (key)
);
COMMENT ON TABLE ledger.settings IS 'Tunable numbers of the reports, e.g. the company score weights (SPEC §4).';
INSERT INTO ledger.settings (key, value, note) VALUES
  ('score_weight_service', 0.4, 'company score: weight of the average inspection score (last 12 months)'),
  ('score_weight_satisfaction', 0.3, 'company score: weight of satisfaction_pct (last 4 quarters)'),
  ('score_weight_party', 0.2, 'company score: weight of the party score (100 branch, 60 working group, 0 none)'),
  ('score_weight_complaints', 0.1, 'company score: weight of max(0, 100 - 10 * complaints_per_1000)');

-- The company score weights sum to exactly 1 (SPEC §4): checked when the transaction that changes them
-- ends, so several weights can be changed together (propledger settings set K1 V1 K2 V2 …).
-- Usage: fired by the deferred constraint trigger below; raises 23514 (settings_score_weights_sum_to_one).
CREATE FUNCTION ledger.settings_weights_trigger() RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  total numeric;
  listed text;
BEGIN
  SELECT sum(s.value), string_agg(s.key || ' ' || s.value, ', ' ORDER BY s.key) INTO total, listed
  FROM ledger.settings AS s WHERE s.key LIKE 'score\_weight\_%';
  IF total IS DISTINCT FROM 1 THEN
    RAISE EXCEPTION 'the score weights sum to %, not 1.00', CASE WHEN scale(total) < 2 THEN round(total, 2)::text ELSE total::text END
      USING ERRCODE = 'check_violation', CONSTRAINT = 'settings_score_weights_sum_to_one',
            HINT = 'They are now ' || listed || '. Set them together so that they sum to 1, e.g. propledger settings set score_weight_service 0.5 score_weight_complaints 0';
  END IF;
  RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER settings_score_weights_sum_to_one
  AFTER INSERT OR UPDATE OR DELETE ON ledger.settings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ledger.settings_weights_trigger();

-- District filters of the reports read one district (and company_scores one company's surveys).
CREATE INDEX inspections_district_idx ON ledger.inspections (district_code);
CREATE INDEX complaints_district_idx ON ledger.complaints (district_code);
CREATE INDEX surveys_company_idx ON ledger.surveys (company_uscc);

-- Usage: SELECT * FROM ledger.setting_set('score_weight_service', 0.5);
-- `propledger settings set KEY VALUE`. Only existing keys may be set (a typo must not create a
-- new, unused setting); weights lie in 0..1, day counts are whole and positive. The change is
-- recorded in audit.changes by the settings audit trigger (011).
CREATE FUNCTION ledger.setting_set(p_key text, p_value numeric, OUT key text, OUT old_value numeric, OUT new_value numeric)
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  SELECT s.value INTO old_value FROM ledger.settings AS s WHERE s.key = p_key FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'unknown setting "%"', p_key
      USING ERRCODE = '22023',
            HINT = 'Known settings: ' || (SELECT string_agg(s.key, ', ' ORDER BY s.key) FROM ledger.settings AS s) || '.';
  END IF;
  IF p_value IS NULL THEN
    RAISE EXCEPTION 'setting "%" needs a value', p_key USING ERRCODE = '22023';
  END IF;
  IF p_key LIKE 'score_weight_%' AND (p_value < 0 OR p_value > 1) THEN
    RAISE EXCEPTION 'setting "%" is a score weight: % is outside 0..1', p_key, p_value USING ERRCODE = '22023';
  END IF;
  IF p_key LIKE '%_days' AND (p_value < 1 OR p_value <> trunc(p_value)) THEN
    RAISE EXCEPTION 'setting "%" is a number of days: % is not a whole number of at least 1', p_key, p_value
      USING ERRCODE = '22023';
  END IF;
  UPDATE ledger.settings AS s SET value = p_value WHERE s.key = p_key;
  key := p_key;
  new_value := p_value;
END
$$;
COMMENT ON FUNCTION ledger.setting_set(text, numeric) IS
'Changes one existing report setting (propledger settings set); raises 22023 for an unknown key, a weight '
'outside 0..1 or a day count that is not a positive whole number. Returns the old and new value.';
REVOKE ALL ON FUNCTION ledger.setting_set(text, numeric) FROM PUBLIC;
