-- 025: the Chinese labels of the values a load accepts (SPEC §3.1 "Chinese values"), one place for every
-- enumeration: the loader maps a label or a synonym to its code before the checks (`商品房` loads as
-- `commodity`), `--lang zh` output reads the label (report.labels), and docs/load-formats.md prints them
-- (Tests/PropLedgerCLITests/OfficeInputTests keeps the docs equal to this table).
--
-- Keyed by (kind, column_name) of the load registry (022), as its comment foresaw: an enumeration is a
-- column of a kind of file; the same codes in two files (funding.source, payments.source) are listed
-- for each. sql/tests/025-labels.sql proves every value of every CHECK enumeration of a ledger table has
-- exactly one label here, that every code here is a value its column accepts, and that no spelling (code,
-- label or synonym) means two codes of one column.

CREATE TABLE staging.value_labels (
  kind        text NOT NULL,
  column_name text NOT NULL,
  code        text NOT NULL,
  position    smallint NOT NULL,
  label_zh    text NOT NULL,
  CONSTRAINT value_labels_pkey PRIMARY KEY (kind, column_name, code),
  CONSTRAINT value_labels_position_key UNIQUE (kind, column_name, position),
  CONSTRAINT value_labels_label_zh_key UNIQUE (kind, column_name, label_zh),
  CONSTRAINT value_labels_label_zh_trimmed CHECK (label_zh <> '' AND label_zh = btrim(label_zh)),
  CONSTRAINT value_labels_column_fkey FOREIGN KEY (kind, column_name) REFERENCES staging.load_columns (kind, column_name)
);
COMMENT ON TABLE staging.value_labels IS
  'The Chinese label of each value of an enumerated column of a load kind (SPEC §3.1): what a Chinese file may '
  'write instead of the code, and what `--lang zh` shows. position = the order of the values in the docs.';

CREATE TABLE staging.value_synonyms (
  kind        text NOT NULL,
  column_name text NOT NULL,
  synonym     text NOT NULL,
  code        text NOT NULL,
  CONSTRAINT value_synonyms_pkey PRIMARY KEY (kind, column_name, synonym),
  CONSTRAINT value_synonyms_trimmed CHECK (synonym <> '' AND synonym = btrim(synonym)),
  CONSTRAINT value_synonyms_code_fkey FOREIGN KEY (kind, column_name, code)
    REFERENCES staging.value_labels (kind, column_name, code)
);
COMMENT ON TABLE staging.value_synonyms IS
  'Other words offices use for a value (国企 = state_owned, 财政 = government); each means one code of its column.';

-- Usage: SELECT code FROM staging.value_spellings WHERE kind = 'compounds' AND column_name = 'housing_type'
-- AND spelling = '商品房' → commodity. Every way a cell may name a value: the code, the label, a synonym.
CREATE VIEW staging.value_spellings AS
SELECT kind, column_name, code AS spelling, code FROM staging.value_labels
UNION ALL
SELECT kind, column_name, label_zh, code FROM staging.value_labels
UNION ALL
SELECT kind, column_name, synonym, code FROM staging.value_synonyms;
COMMENT ON VIEW staging.value_spellings IS 'Every spelling of a value a load accepts (code, Chinese label, synonym), with its code.';

-- The labels: (kind, column, code, label, synonyms). The same list serves kinds sharing an enumeration.
CREATE TEMP TABLE labels_in (kinds text[], column_name text, position int, code text, label_zh text, synonyms text[]) ON COMMIT DROP;
INSERT INTO labels_in VALUES
  ('{communities}', 'community_type', 1, 'open_block', '开放式街区型', '{开放式街区,开放街区,街区型}'),
  ('{communities}', 'community_type', 2, 'old_village', '老新村型', '{老新村,老旧小区型}'),
  ('{communities}', 'community_type', 3, 'commodity', '普通商品房型', '{商品房型,商品房}'),
  ('{communities}', 'community_type', 4, 'resettlement', '动迁安置型', '{动迁安置,拆迁安置型,安置型}'),
  ('{communities}', 'community_type', 5, 'business_district', '商圈型', '{商圈,商业街区型}'),
  ('{communities}', 'community_type', 6, 'mixed', '混合型', '{混合}'),

  ('{companies}', 'ownership', 1, 'state_owned', '国有', '{国企,国有企业,国有控股}'),
  ('{companies}', 'ownership', 2, 'private', '民营', '{民企,民营企业,私营,私营企业}'),

  ('{co_building_units}', 'kind', 1, 'school', '学校', '{中小学,高校}'),
  ('{co_building_units}', 'kind', 2, 'hospital', '医院', '{卫生院,医疗机构}'),
  ('{co_building_units}', 'kind', 3, 'enterprise', '企业', '{公司}'),
  ('{co_building_units}', 'kind', 4, 'government', '机关', '{机关单位,党政机关,政府机关}'),
  ('{co_building_units}', 'kind', 5, 'social_org', '社会组织', '{社团}'),
  ('{co_building_units}', 'kind', 6, 'other', '其他', '{其它}'),

  ('{compounds}', 'housing_type', 1, 'commodity', '商品房', '{商品住房,普通商品房}'),
  ('{compounds}', 'housing_type', 2, 'old_village', '老新村', '{老旧小区,老小区}'),
  ('{compounds}', 'housing_type', 3, 'resettlement', '动迁安置房', '{安置房,动迁房,拆迁安置房,回迁房}'),
  ('{compounds}', 'housing_type', 4, 'open_block', '开放式街区', '{开放式小区,街区}'),
  ('{compounds}', 'housing_type', 5, 'affordable', '保障性住房', '{保障房,经济适用房,公租房,廉租房}'),
  ('{compounds}', 'housing_type', 6, 'mixed', '混合', '{混合型}'),

  ('{management}', 'mode', 1, 'company', '物业服务企业', '{物业公司,专业物业,物业服务}'),
  ('{management}', 'mode', 2, 'self_managed', '业主自管', '{自管,自行管理,业主自治}'),
  ('{management}', 'mode', 3, 'fallback', '社区兜底', '{兜底,社区托管,托管}'),
  ('{management}', 'basis', 1, 'tender', '招投标', '{招标,公开招标}'),
  ('{management}', 'basis', 2, 'owners_vote', '业主大会选聘', '{业主选聘,业主表决}'),
  ('{management}', 'basis', 3, 'appointed', '指定', '{临时指定,街道指定}'),
  ('{management}', 'basis', 4, 'state_takeover', '国企接管', '{国企托管,国有企业接管}'),

  ('{committees}', 'kind', 1, 'owners_committee', '业主委员会', '{业委会}'),
  ('{committees}', 'kind', 2, 'management_committee', '物业管理委员会', '{物管会}'),
  ('{committees}', 'kind', 3, 'self_management_group', '自管小组', '{自治小组}'),

  ('{party_orgs}', 'host_type', 1, 'committee', '业主组织', '{业委会,业主委员会,物管会}'),
  ('{party_orgs}', 'host_type', 2, 'company', '物业服务企业', '{物业公司,企业}'),
  ('{party_orgs}', 'form', 1, 'branch', '党支部', '{支部}'),
  ('{party_orgs}', 'form', 2, 'joint_branch', '联合党支部', '{联合支部}'),
  ('{party_orgs}', 'form', 3, 'working_group', '党的工作小组', '{工作小组,党建工作小组}'),

  ('{clearance}', 'resolution', 1, 'company_takeover', '物业企业接管', '{引入物业,物业接管,企业接管}'),
  ('{clearance}', 'resolution', 2, 'self_management', '业主自治', '{业主自管,自治管理}'),
  ('{clearance}', 'resolution', 3, 'community_fallback', '社区兜底', '{社区托管,兜底托管}'),

  ('{projects}', 'category', 1, 'wiring', '电气线路改造', '{线路改造,电线改造,电气线路}'),
  ('{projects}', 'category', 2, 'ev_charging', '电动车充电桩', '{充电桩,电动自行车充电桩,充电设施}'),
  ('{projects}', 'category', 3, 'elevator', '电梯', '{加装电梯,电梯改造}'),
  ('{projects}', 'category', 4, 'fitness', '健身器材', '{健身设施}'),
  ('{projects}', 'category', 5, 'fire_safety', '消防', '{消防设施,消防安全}'),
  ('{projects}', 'category', 6, 'water_supply', '供水', '{二次供水,供水改造}'),
  ('{projects}', 'category', 7, 'roof', '屋面', '{屋顶,屋面防水}'),
  ('{projects}', 'category', 8, 'drainage', '排水', '{雨污分流,排水改造}'),
  ('{projects}', 'category', 9, 'facade', '外立面', '{外墙,外立面改造}'),
  ('{projects}', 'category', 10, 'other', '其他', '{其它}'),
  ('{projects}', 'status', 1, 'proposed', '已立项', '{立项}'),
  ('{projects}', 'status', 2, 'approved', '已批准', '{批准,已审批}'),
  ('{projects}', 'status', 3, 'in_progress', '施工中', '{在建,实施中,已开工}'),
  ('{projects}', 'status', 4, 'completed', '已完工', '{完工,竣工,已竣工}'),
  ('{projects}', 'status', 5, 'accepted', '已验收', '{验收,通过验收}'),
  ('{projects}', 'status', 6, 'cancelled', '已撤销', '{撤销,取消,已取消}'),

  ('{funding,payments}', 'source', 1, 'government', '政府', '{财政,政府补贴,财政资金}'),
  ('{funding,payments}', 'source', 2, 'company', '物业企业', '{物业公司,企业}'),
  ('{funding,payments}', 'source', 3, 'maintenance_fund', '维修资金', '{住宅专项维修资金,专项维修资金}'),
  ('{funding,payments}', 'source', 4, 'owners', '业主自筹', '{业主,自筹,业主出资}'),
  ('{funding,payments}', 'source', 5, 'co_building', '共建单位', '{共建}'),
  ('{funding,payments}', 'source', 6, 'community_fund', '社区经费', '{社区资金}'),
  ('{funding,payments}', 'payer', 1, 'city', '市级', '{市,市财政}'),
  ('{funding,payments}', 'payer', 2, 'district', '区级', '{区,区财政}'),
  ('{funding,payments}', 'payer', 3, 'street', '街道', '{街道级,街道财政}'),

  ('{votes}', 'matter', 1, 'use_fund', '使用维修资金', '{动用维修资金}'),
  ('{votes}', 'matter', 2, 'raise_fund', '筹集维修资金', '{续筹维修资金}'),
  ('{votes}', 'matter', 3, 'renovate', '改建重建', '{改建、重建,改建,重建}'),
  ('{votes}', 'matter', 4, 'change_use', '改变共有部分用途', '{改变用途,共有部分经营}'),
  ('{votes}', 'matter', 5, 'select_company', '选聘物业', '{选聘物业服务企业,选聘物业公司}'),
  ('{votes}', 'matter', 6, 'elect_committee', '选举业委会', '{选举业主委员会,换届选举}'),
  ('{votes}', 'matter', 7, 'other', '其他', '{其它}'),

  ('{complaints}', 'category', 1, 'service', '服务', '{服务质量,服务态度}'),
  ('{complaints}', 'category', 2, 'fees', '收费', '{物业费,收费问题}'),
  ('{complaints}', 'category', 3, 'security', '安保', '{安全,治安}'),
  ('{complaints}', 'category', 4, 'cleaning', '保洁', '{环境卫生,卫生}'),
  ('{complaints}', 'category', 5, 'greening', '绿化', '{绿化养护}'),
  ('{complaints}', 'category', 6, 'parking', '停车', '{停车管理}'),
  ('{complaints}', 'category', 7, 'repairs', '维修', '{报修,维修服务}'),
  ('{complaints}', 'category', 8, 'other', '其他', '{其它}');

INSERT INTO staging.value_labels (kind, column_name, code, position, label_zh)
SELECT k.kind, l.column_name, l.code, l.position::smallint, l.label_zh
FROM labels_in AS l CROSS JOIN LATERAL unnest(l.kinds) AS k(kind);

INSERT INTO staging.value_synonyms (kind, column_name, synonym, code)
SELECT k.kind, l.column_name, s.synonym, l.code
FROM labels_in AS l CROSS JOIN LATERAL unnest(l.kinds) AS k(kind) CROSS JOIN LATERAL unnest(l.synonyms) AS s(synonym);

GRANT SELECT ON staging.value_labels, staging.value_synonyms, staging.value_spellings TO propledger_loader;

-- Numbers and dates as Excel writes them (SPEC §3.1). Read as text and exact decimal: no floating point.
-- Which forms are refused and why is a code ('exponent', 'chinese_unit', 'impossible', 'serial'); the
-- words the reader sees come from the program's message catalogue (Messages.swift).

-- The readers are called once per cell of a load, so the common cells — a plain ASCII decimal, a plain
-- YYYY-MM-DD — are answered by plain SQL that the planner inlines into the loader's statements (no call
-- per cell; issue 16), and only the other forms reach the PL/pgSQL *_forms readers. Inlining wants SQL
-- functions that are IMMUTABLE over IMMUTABLE parts, not STRICT (their CASE is not) and without SET; a NULL
-- cell still gives NULL through the STRICT *_forms.

-- Usage: SELECT staging.excel_number_forms('３９,６００．００元', '{元}') → '39600.00'; call staging.excel_number.
-- Full-width digits and punctuation made ASCII, a leading ¥/￥ and one of the unit words given (元, %, 年,
-- ㎡ …) dropped, thousands separators removed where they group digits by three. Returns the text for the
-- column's own pattern test: whatever is not a number stays not a number.
CREATE FUNCTION staging.excel_number_forms(v text, units text[]) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
AS $$
DECLARE
  s text := btrim(translate(v, '０１２３４５６７８９．，－＋％　', '0123456789.,-+% '));
  unit text;
BEGIN
  FOREACH unit IN ARRAY units LOOP
    IF right(s, length(unit)) = unit AND length(s) > length(unit) THEN
      s := rtrim(left(s, length(s) - length(unit)));
      EXIT;
    END IF;
  END LOOP;
  IF '元' = ANY (units) THEN
    s := regexp_replace(s, '^([+-]?)[¥￥]\s*', '\1');
  END IF;
  IF s ~ '^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$' THEN
    s := replace(s, ',', '');
  END IF;
  RETURN s;
END
$$;

-- Usage: SELECT staging.units_end_numbers('{元}') → false. True when one of the unit words is made of
-- digits, signs and points only, so it could be the end of a plain number. Constant over a load's
-- statement: the planner computes it once (an IMMUTABLE function of a constant array).
CREATE FUNCTION staging.units_end_numbers(units text[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN EXISTS (SELECT FROM unnest(units) AS u(word) WHERE u.word ~ '^[-+.0-9]*$');

-- Usage: SELECT staging.excel_number('３９,６００．００元', '{元}') → '39600.00'. A plain ASCII decimal is its
-- own reading — nothing to translate, trim or ungroup, no ¥ before it — unless a unit word of the column
-- could end it (one that excel_number_forms would strip); every other cell is read by excel_number_forms.
CREATE FUNCTION staging.excel_number(v text, units text[]) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE
  WHEN v ~ '^[+-]?[0-9]+(\.[0-9]+)?$' AND NOT staging.units_end_numbers(units) THEN v
  ELSE staging.excel_number_forms(v, units)
END;

-- Usage: SELECT staging.number_form('3.20508E+11') → 'exponent'. Why a cell that is not a number would
-- change meaning if read: 'exponent' (Excel's scientific notation, digits already lost), 'chinese_unit'
-- (1.5万: the unit multiplies); NULL for other text.
CREATE FUNCTION staging.number_form(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE
  WHEN staging.excel_number(v, '{}') ~* '^[+-]?[0-9]+(\.[0-9]+)?e[+-]?[0-9]+$' THEN 'exponent'
  WHEN v ~ '[0-9０-９][.．0-9０-９]*\s*[万亿千百]' THEN 'chinese_unit'
END;

-- Usage: SELECT staging.excel_date_forms('2026年3月5日') → 2026-03-05; call staging.excel_date.
-- YYYY-MM-DD, YYYY/M/D, YYYY.M.D and YYYY年M月D日, full-width digits and blanks around allowed; NULL for
-- anything else or a day the calendar does not have.
CREATE FUNCTION staging.excel_date_forms(v text) RETURNS date
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT
AS $$
DECLARE
  s text := btrim(translate(v, '０１２３４５６７８９．／－　', '0123456789./- '));
  parts text[];
BEGIN
  parts := coalesce(regexp_match(s, '^([0-9]{4})-([0-9]{2})-([0-9]{2})$'),
                    regexp_match(s, '^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$'),
                    regexp_match(s, '^([0-9]{4})\.([0-9]{1,2})\.([0-9]{1,2})$'),
                    regexp_match(s, '^([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日$'));
  IF parts IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN staging.parse_date(parts[1] || '/' || parts[2] || '/' || parts[3]);
END
$$;

-- Usage: SELECT staging.excel_date('2026年3月5日') → 2026-03-05. What staging.parse_date reads as it stands is
-- answered in SQL; every other form, and every cell parse_date refuses, by excel_date_forms. A cell
-- parse_date reads, excel_date_forms reads the same way (its forms include parse_date's, and it translates
-- and trims nothing in plain ASCII).
CREATE FUNCTION staging.excel_date(v text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(staging.parse_date(v), staging.excel_date_forms(v));

-- Usage: SELECT staging.date_form('2026-02-30') → 'impossible'. Why a cell is not a date: 'impossible' (a
-- date's form naming a day the calendar does not have), 'serial' (Excel's day number, 46086, shown when the
-- column is formatted as a number); NULL for other text.
CREATE FUNCTION staging.date_form(v text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE
  WHEN staging.excel_date(v) IS NOT NULL THEN NULL
  WHEN btrim(translate(v, '０１２３４５６７８９．／－　', '0123456789./- '))
       ~ '^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}|[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日)$'
    THEN 'impossible'
  WHEN btrim(v) ~ '^[0-9]{5}(\.[0-9]+)?$' THEN 'serial'
END;

GRANT EXECUTE ON FUNCTION staging.excel_number_forms(text, text[]), staging.units_end_numbers(text[]),
  staging.excel_number(text, text[]), staging.number_form(text), staging.excel_date_forms(text), staging.excel_date(text),
  staging.date_form(text) TO propledger_loader;
