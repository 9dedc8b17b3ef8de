-- 031: the Chinese labels (025) of the enumerations of the kinds registered after 025: owners and ballots
-- (SPEC §7, 023) and the maintenance fund (SPEC §6, 030), and the emergency applicant of projects (030).
-- Same shape as 025: one label per value, synonyms unambiguous per column (pgTAP 025 checks them all).

INSERT INTO staging.value_labels (kind, column_name, code, position, label_zh) VALUES
  ('owners', 'owner_kind', 'person', 1, '个人'),
  ('owners', 'owner_kind', 'entity', 2, '单位'),
  ('owners', 'owner_kind', 'developer', 3, '建设单位'),
  ('ballots', 'choice', 'agree', 1, '同意'),
  ('ballots', 'choice', 'disagree', 2, '不同意'),
  ('ballots', 'choice', 'abstain', 3, '弃权'),
  ('fund_deposits', 'kind', 'first_deposit', 1, '首期交存'),
  ('fund_deposits', 'kind', 'top_up', 2, '续交'),
  ('fund_deposits', 'kind', 'interest', 3, '增值收益'),
  ('fund_deposits', 'kind', 'refund', 4, '退还'),
  ('projects', 'emergency_applicant', 'committee', 1, '业主委员会'),
  ('projects', 'emergency_applicant', 'owners_assembly', 2, '业主大会'),
  ('projects', 'emergency_applicant', 'authority', 3, '房屋主管部门代修');

INSERT INTO staging.value_synonyms (kind, column_name, synonym, code) VALUES
  ('owners', 'owner_kind', '自然人', 'person'),
  ('owners', 'owner_kind', '法人', 'entity'),
  ('owners', 'owner_kind', '开发商', 'developer'),
  ('owners', 'owner_kind', '开发企业', 'developer'),
  ('ballots', 'choice', '赞成', 'agree'),
  ('ballots', 'choice', '反对', 'disagree'),
  ('ballots', 'choice', '不表态', 'abstain'),
  ('fund_deposits', 'kind', '首期', 'first_deposit'),
  ('fund_deposits', 'kind', '首次交存', 'first_deposit'),
  ('fund_deposits', 'kind', '续筹', 'top_up'),
  ('fund_deposits', 'kind', '利息', 'interest'),
  ('fund_deposits', 'kind', '返还', 'refund'),
  ('projects', 'emergency_applicant', '业委会', 'committee'),
  ('projects', 'emergency_applicant', '主管部门', 'authority');
