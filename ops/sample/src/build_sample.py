#!/usr/bin/env python3
"""Builds ops/sample/*.csv (the hand-made sample, 姑苏区 + 龙岗区) from the tables below.

    python3 ops/sample/src/build_sample.py            # rewrite ops/sample/*.csv
    python3 ops/sample/src/build_sample.py --check    # also print the figures used in EXPECTED.md

Everything here is literal data; the only computation is USCC check characters, the
unit areas of the compounds that have units, and (with --check) the apportionment tables.
compounds.csv is written in GB18030 with Chinese headers (its UTF-8 twin is
src/compounds.utf8.csv); surveys.csv is UTF-8 with a BOM; everything else is UTF-8.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.dirname(HERE)
sys.path.insert(0, os.path.dirname(SAMPLE))  # ops/
from gen import make_uscc, apportion  # noqa: E402

# ---------------------------------------------------------------- companies
A = make_uscc("91320508MA1MQ7K2X")   # 国资物业 (state-owned), Party branch
B = make_uscc("91320508MA1N0DGP3")   # 平江物业, Party working group
C = make_uscc("91320508MA1P4TH8R")   # 沧浪佳苑物业, no Party org, overdue rectification
D = make_uscc("91320508MA1Q9W6E4")   # 金阊兴业物业, no inspection in window
R = make_uscc("91440307MA5D8YK3N")   # 深圳瑞宁物业 (龙岭), Party branch

districts = [("320508", "姑苏区"), ("440307", "龙岗区")]
streets = [
    ("320508001", "320508", "平江街道"),
    ("320508002", "320508", "双塔街道"),
    ("320508003", "320508", "金阊街道"),
    ("440307003", "440307", "龙城街道"),
]
communities = [
    ("320508001001", "320508001", "平江路社区", "open_block"),
    ("320508001002", "320508001", "观前社区", "business_district"),
    ("320508002001", "320508002", "南环新村社区", "old_village"),
    ("320508002002", "320508002", "沧浪新城社区", "commodity"),
    ("320508003001", "320508003", "白洋湾社区", "resettlement"),
    ("320508003002", "320508003", "石路社区", "mixed"),
    ("440307003001", "440307003", "龙岭社区", "old_village"),
]
companies = [
    (A, "苏州姑苏城市运营物业服务有限公司", "state_owned", "320508"),
    (B, "苏州平江物业管理有限公司", "private", "320508"),
    (C, "苏州沧浪佳苑物业服务有限公司", "private", "320508"),
    (D, "苏州金阊兴业物业管理有限公司", "private", "320508"),
    (R, "深圳市瑞宁物业管理有限公司", "private", "440307"),
]
co_building_units = [
    ("CB3205080301", "苏州市金阊实验小学校", "school", "320508003002", "2024-03-15"),
    ("CB3205080101", "苏州市立医院本部", "hospital", "320508001001", "2023-09-01"),
    ("CB3205080201", "苏州南门商贸集团有限公司", "enterprise", "320508002002", "2024-06-20"),
    ("CB4403070301", "深圳市龙岗区龙岭学校", "school", "440307003001", "2021-09-01"),
]

# ---------------------------------------------------------------- units
def floors_units(building, floors, per_floor_areas, top=None):
    """Units of one stairwell building: unit_no = floor*100 + k, k = 1..len(per_floor_areas)."""
    out = []
    for f in range(1, floors + 1):
        for k, a in enumerate(per_floor_areas, start=1):
            if top is not None and f == floors:
                a = top[k - 1]
            out.append((building, f"{f}{k:02d}", a))
    return out


UNITS = {
    # 康城-style commodity compound; EV charging project on buildings 1;2
    "GS011": floors_units("1", 6, ["89.56", "112.37"], top=["128.40", "143.20"])
    + floors_units("2", 6, ["95.12", "95.12"], top=["131.05", "131.05"])
    + floors_units("3", 6, ["76.80", "101.45"]),
    # 老新村: three six-storey walk-ups, one unit per floor; wiring (whole) + elevator (building 2)
    "GS003": [("1", f"{f}01", a) for f, a in zip(range(1, 7), ["52.40", "52.40", "54.85", "54.85", "54.85", "54.85"])]
    + [("2", f"{f}01", a) for f, a in zip(range(1, 7), ["56.30", "58.72", "58.72", "58.72", "61.05", "61.05"])]
    + [("3", f"{f}01", "48.66") for f in range(1, 7)],
    # 动迁安置: fire-safety project (percent split)
    "GS004": sum((floors_units(str(b), 6, ["65.30", "78.45", "90.10"]) for b in range(1, 5)), []),
    # 混合型: fitness equipment paid by a co-building school
    "GS008": sum((floors_units(str(b), 6, ["70.25", "83.60"]) for b in range(1, 3)), []),
    # 龙岭: wiring, district government + 瑞宁物业
    "LG001": sum((floors_units(str(b), 5, ["62.10", "68.75"]) for b in range(1, 5)), []),
}


def cents(s):
    i, _, f = s.partition(".")
    return int(i) * 100 + int((f + "00")[:2])


def yuan(c):
    return f"{c // 100}.{c % 100:02d}"


def area_sum(code):
    return yuan(sum(cents(a) for _, _, a in UNITS[code]))


def n_buildings(code):
    return len({b for b, _, _ in UNITS[code]})


# ---------------------------------------------------------------- compounds
# code, community, name, address, housing_type, built_year, buildings, households, floor_area
compounds = [
    ("GS001", "320508001001", "大儒巷片区零星楼院", "姑苏区平江路大儒巷1-58号", "open_block", 1985, 22, 310, "18650.00"),
    ("GS002", "320508001002", "碧凤坊小区", "姑苏区观前街道碧凤坊25号", "commodity", 1998, 8, 440, "39600.00"),
    ("GS003", "320508002001", "南环新村东苑", "姑苏区南环新村34-36幢", "old_village", 1984, n_buildings("GS003"), len(UNITS["GS003"]), area_sum("GS003")),
    ("GS004", "320508003001", "白洋湾新苑", "姑苏区白洋湾街道金政街88号", "resettlement", 2012, n_buildings("GS004"), len(UNITS["GS004"]), area_sum("GS004")),
    ("GS005", "320508002001", "侍其巷小区", "姑苏区侍其巷15号", "old_village", 1982, 4, 64, "3520.00"),
    ("GS006", "320508003001", "金阊新村三区", "姑苏区金阊新村三区1-9幢", "resettlement", 1993, 9, 216, "14040.00"),
    ("GS007", "320508003002", "彩香一村二区", "姑苏区彩香一村二区1-12幢", "old_village", 1988, 12, 288, "17280.00"),
    ("GS008", "320508003002", "石路彩香新苑", "姑苏区石路广济南路219号", "mixed", 2003, n_buildings("GS008"), len(UNITS["GS008"]), area_sum("GS008")),
    ("GS009", "320508002002", "锦绣苑", "姑苏区沧浪新城盘胥路788号", "commodity", 2006, 11, 440, "46200.00"),
    ("GS010", "320508002002", "怡景苑", "姑苏区沧浪新城吴门桥路66号", "commodity", 2008, 9, 360, "37800.00"),
    ("GS011", "320508002002", "康馨苑", "姑苏区沧浪新城友新路1299号", "commodity", 2015, n_buildings("GS011"), len(UNITS["GS011"]), area_sum("GS011")),
    ("GS012", "320508001002", "宫巷公寓", "姑苏区观前街道宫巷52号", "mixed", 2001, 5, 250, "21500.00"),
    ("GS013", "320508003002", "山塘街星桥片区", "姑苏区山塘街星桥湾1-30号", "open_block", 1978, 14, 156, "8112.00"),
    ("GS014", "320508002001", "南环新村西区零星楼", "姑苏区南环新村西区7-9幢", "old_village", 1983, 3, 72, "3960.00"),
    ("GS015", "320508001001", "阊门内下塘零星楼院", "姑苏区阊门内下塘街40-62号", "open_block", 1980, 6, 48, "2640.00"),
    ("GS016", "320508003001", "馨宁苑", "姑苏区金阊新城白洋湾路28号", "affordable", 2016, 7, 310, "21700.00"),
    ("LG001", "440307003001", "龙岭新村", "龙岗区龙城街道龙岭路23号", "old_village", 1996, n_buildings("LG001"), len(UNITS["LG001"]), area_sum("LG001")),
    ("LG002", "440307003001", "龙岭老街片区", "龙岗区龙城街道龙岭老街1-40号", "open_block", 1990, 16, 230, "12880.00"),
    ("LG003", "440307003001", "龙岭东路零星楼", "龙岗区龙城街道龙岭东路8-12号", "old_village", 1992, 3, 36, "2160.00"),
]

# ---------------------------------------------------------------- management periods
# compound, start_on, mode, uscc, basis, fee, end_on
management = [
    ("GS001", "2025-05-01", "fallback", "", "appointed", "0.30", ""),
    ("GS002", "2020-03-01", "company", B, "tender", "1.20", "2028-02-29"),
    ("GS003", "2025-09-15", "company", A, "state_takeover", "0.60", ""),
    ("GS004", "2019-01-01", "fallback", "", "appointed", "0.30", "2021-06-30"),
    ("GS004", "2021-07-01", "company", A, "appointed", "0.50", ""),
    ("GS005", "2025-06-20", "self_managed", "", "owners_vote", "0.25", ""),
    ("GS006", "2025-01-01", "fallback", "", "appointed", "0.30", ""),
    ("GS007", "2024-01-01", "company", C, "tender", "0.80", "2026-06-30"),
    ("GS008", "2018-01-01", "company", B, "tender", "0.95", ""),
    ("GS009", "2021-01-01", "company", C, "tender", "1.50", "2026-12-31"),
    ("GS009", "2027-01-01", "company", D, "tender", "1.45", "2029-12-31"),
    ("GS010", "2022-02-01", "company", C, "tender", "1.35", "2027-01-31"),
    ("GS011", "2019-05-01", "company", B, "owners_vote", "1.80", ""),
    ("GS012", "2023-04-01", "company", D, "owners_vote", "1.10", "2028-03-31"),
    ("GS016", "2020-10-01", "company", A, "appointed", "0.70", ""),
    ("LG001", "2016-08-01", "company", R, "tender", "2.10", ""),
    ("LG002", "2025-07-01", "fallback", "", "appointed", "0.40", ""),
]

# ---------------------------------------------------------------- committees
# compound, term_start, kind, term_end, members, party_members, public_servant_members
committees = [
    ("GS002", "2022-09-01", "owners_committee", "2027-08-31", 5, 0, 0),
    ("GS003", "2025-03-01", "management_committee", "2028-02-29", 5, 2, 1),
    ("GS004", "2024-04-01", "management_committee", "2027-03-31", 7, 4, 2),
    ("GS005", "2025-06-01", "self_management_group", "2028-05-31", 3, 1, 0),
    ("GS008", "2024-12-01", "owners_committee", "2029-11-30", 7, 2, 1),
    ("GS009", "2022-01-16", "owners_committee", "2027-01-15", 7, 3, 1),
    ("GS009", "2027-01-16", "owners_committee", "2032-01-15", 7, 4, 1),
    ("GS010", "2021-12-21", "owners_committee", "2026-12-20", 5, 1, 0),
    ("GS011", "2018-06-01", "owners_committee", "2023-05-31", 7, 2, 0),
    ("GS011", "2023-06-01", "owners_committee", "2028-05-31", 9, 5, 2),
    ("GS012", "2024-05-01", "owners_committee", "2029-04-30", 7, 3, 1),
    ("LG001", "2023-03-01", "owners_committee", "2028-02-28", 7, 3, 1),
]

# ---------------------------------------------------------------- party orgs
# host_type, host_key, established_on, form, formal_members, dissolved_on
party_orgs = [
    ("committee", "GS003", "2025-05-10", "working_group", 2, ""),
    ("committee", "GS004", "2024-06-18", "branch", 4, ""),
    ("committee", "GS008", "2025-03-01", "working_group", 1, ""),
    ("committee", "GS009", "2022-07-01", "branch", 3, ""),
    ("committee", "GS011", "2018-09-01", "working_group", 2, "2021-04-30"),
    ("committee", "GS011", "2021-05-10", "branch", 5, ""),
    ("committee", "GS012", "2024-07-01", "working_group", 3, ""),
    ("committee", "LG001", "2023-06-01", "branch", 3, ""),
    ("company", A, "2019-03-15", "branch", 6, ""),
    ("company", B, "2022-11-01", "working_group", 2, ""),
    ("company", R, "2017-07-01", "branch", 4, ""),
]

# ---------------------------------------------------------------- clearance
# compound, identified_on, target_on, resolution, resolved_on, note
clearance = [
    ("GS001", "2024-11-20", "2025-06-30", "community_fallback", "2025-05-12", "平江路历史街区零星楼院，社区兜底代管"),
    ("GS003", "2024-11-20", "2025-09-30", "company_takeover", "2025-09-01", "引入国资物业接管（2025-09-15进场）"),
    ("GS005", "2024-11-20", "2025-06-30", "self_management", "2025-06-20", "业主大会决定自管，成立自管小组"),
    ("GS006", "2024-11-20", "2026-03-31", "company_takeover", "2026-03-31", "街道上报物业企业已进驻"),
    ("GS007", "2023-12-01", "2024-06-30", "company_takeover", "2024-01-10", "市场化物业进驻"),
    ("GS007", "2026-07-10", "2026-12-31", "", "", "物业企业2026-06-30合同到期撤场，重新纳入台账"),
    ("GS013", "2026-05-20", "2026-09-30", "", "", "开放式街区，拟社区兜底"),
    ("GS014", "2026-08-15", "2027-03-31", "", "", "零星楼栋，拟并入相邻小区物业"),
    ("LG002", "2025-04-01", "2025-09-30", "community_fallback", "2025-07-01", "老街片区，社区党委兜底"),
]

# ---------------------------------------------------------------- projects
P_WIRING = "GS2026001"
P_EV = "GS2026002"
P_FIT = "GS2025003"
P_FIRE = "GS2026004"
P_ELEV = "GS2026005"
P_DRAIN = "GS2026006"
P_ROOF = "GS2025007"
P_LGW = "LG2026001"
# code, compound, category, title, scope, status, budget, final, proposed, approved, started, completed, accepted, cancelled
projects = [
    (P_WIRING, "GS003", "wiring", "南环新村东苑老旧电气线路改造", "", "in_progress", "860000.00", "",
     "2026-01-12", "2026-03-20", "2026-04-15", "", "", ""),
    (P_EV, "GS011", "ev_charging", "康馨苑1、2幢电动自行车集中充电桩", "1;2", "accepted", "150000.00", "153500.00",
     "2026-02-20", "2026-04-25", "2026-05-10", "2026-07-30", "2026-08-20", ""),
    (P_FIT, "GS008", "fitness", "石路彩香新苑健身器材更新", "", "completed", "68000.00", "",
     "2025-09-01", "2025-10-15", "2026-03-02", "2026-04-20", "", ""),
    (P_FIRE, "GS004", "fire_safety", "白洋湾新苑消防设施改造", "", "approved", "186432.21", "",
     "2026-06-01", "2026-07-10", "", "", "", ""),
    (P_ELEV, "GS003", "elevator", "南环新村东苑2幢加装电梯", "2", "in_progress", "560000.00", "",
     "2026-08-10", "2026-10-10", "2026-11-02", "", "", ""),
    (P_DRAIN, "GS009", "drainage", "锦绣苑雨污分流改造", "", "proposed", "42000.00", "",
     "2026-10-30", "", "", "", "", ""),
    (P_ROOF, "GS010", "roof", "怡景苑屋面防水维修", "", "cancelled", "30000.00", "",
     "2025-05-01", "", "", "", "", "2025-08-01"),
    (P_LGW, "LG001", "wiring", "龙岭新村电气线路整体改造", "", "completed", "320000.00", "",
     "2026-02-01", "2026-03-15", "2026-04-01", "2026-07-15", "", ""),
]

# project, source, payer, amount, percent   (source order as in SPEC §3)
funding = [
    (P_WIRING, "government", "district", "600000.00", ""),
    (P_WIRING, "company", A, "260000.00", ""),
    (P_EV, "government", "street", "30000.00", ""),
    (P_EV, "company", B, "20000.00", ""),
    (P_EV, "maintenance_fund", "", "100000.00", ""),
    (P_FIT, "co_building", "CB3205080301", "48000.00", ""),
    (P_FIT, "community_fund", "", "20000.00", ""),
    (P_FIRE, "government", "street", "", "30.00"),
    (P_FIRE, "company", A, "", "35.00"),
    (P_FIRE, "community_fund", "", "", "35.00"),
    (P_ELEV, "government", "district", "200000.00", ""),
    (P_ELEV, "owners", "", "360000.00", ""),
    (P_LGW, "government", "district", "200000.00", ""),
    (P_LGW, "company", R, "120000.00", ""),
]


# ---------------------------------------------------------------- votes
def unitset(code, keys):
    m = {(b, u): cents(a) for b, u, a in UNITS[code]}
    return sum(m[k] for k in keys), len(keys)


EV_SCOPE = [(b, u) for b, u, _ in UNITS["GS011"] if b in ("1", "2")]
EV_TOTAL_AREA, _ = unitset("GS011", EV_SCOPE)
# 1-501 and 1-502 belong to one owner → 23 owners over 24 units (total_owners given explicitly)
ev_fail_part = [k for k in EV_SCOPE if k[0] == "1" and int(k[1]) < 500] + \
               [k for k in EV_SCOPE if k[0] == "2" and int(k[1]) < 400]
ev_fail_appr = [k for k in ev_fail_part if k not in (("1", "101"), ("2", "102"))]
ev_part = [k for k in EV_SCOPE if k not in (("2", "101"), ("2", "102"), ("2", "201"), ("2", "601"))]
ev_appr = [k for k in ev_part if k not in (("1", "101"), ("1", "102"), ("2", "301"), ("2", "302"))]


def owners_of(keys):  # 1-501 + 1-502 are one owner
    n = len(keys)
    if ("1", "501") in keys and ("1", "502") in keys:
        n -= 1
    return n


EL_SCOPE = [(b, u) for b, u, _ in UNITS["GS003"] if b == "2"]
el_part = list(EL_SCOPE)
el_appr = [k for k in EL_SCOPE if k != ("2", "101")]  # ground floor dissents


def vrow(project, matter, held, total_area, total_owners, part, appr, code):
    pa, _ = unitset(code, part)
    aa, _ = unitset(code, appr)
    return (project, matter, held, total_area, total_owners, yuan(pa), owners_of(part), yuan(aa), owners_of(appr))


votes = [
    vrow(P_EV, "use_fund", "2026-03-15", yuan(EV_TOTAL_AREA), 23, ev_fail_part, ev_fail_appr, "GS011"),
    vrow(P_EV, "use_fund", "2026-04-18", yuan(EV_TOTAL_AREA), 23, ev_part, ev_appr, "GS011"),
    # blank totals: the loader computes them from the units in scope (building 2 of GS003)
    vrow(P_ELEV, "raise_fund", "2026-09-20", "", "", el_part, el_appr, "GS003"),
    # blank tally too: counted from its ballots (SPEC §7), the same figures as the raise_fund vote
    (P_ELEV, "renovate", "2026-09-20", "", "", "", "", "", ""),
]

# ---------------------------------------------------------------- owners and ballots (SPEC §7)
# owner_key is a pseudonym the office chooses (never a citizen ID number).
# GS003 building 2: one owner per unit since 2004; they cast the ballots of the renovate vote.
# GS011: Art. 9 — 1-501 and 1-502 one buyer (so 23 owners over 24 units in buildings 1–2, as the EV
# votes say); building 3: four units unsold (developer), 3-401 sold but delivered only on 2027-01-01
# (the developer's until then), 3-402 with no recorded owner.
DEV = "KXY-DEV"
owners = [("GS003", "2", u, "NH-2-" + u, "person", "2004-06-30", "") for _, u, _ in
          [r for r in UNITS["GS003"] if r[0] == "2"]]
for b, u, _ in UNITS["GS011"]:
    if b in ("1", "2"):
        key = "KXY-1-0501" if (b, u) in (("1", "501"), ("1", "502")) else "KXY-%s-%s" % (b, u)
        owners.append(("GS011", b, u, key, "person", "2016-03-01", ""))
    elif u in ("501", "502", "601", "602"):
        owners.append(("GS011", b, u, DEV, "developer", "2015-06-01", ""))
    elif u == "401":
        owners.append(("GS011", b, u, DEV, "developer", "2015-06-01", "2026-12-31"))
        owners.append(("GS011", b, u, "KXY-3-401", "person", "2027-01-01", ""))
    elif u != "402":
        owners.append(("GS011", b, u, "KXY-%s-%s" % (b, u), "entity" if u == "101" else "person", "2016-03-01", ""))
ballots = [(P_ELEV, "renovate", "2026-09-20", "NH-2-" + u, "agree" if ("2", u) in el_appr else "disagree")
           for _, u in EL_SCOPE]

# ---------------------------------------------------------------- payments
# voucher, project, source, payer, paid_on, amount
payments = [
    ("PZ2026-0001", P_WIRING, "government", "district", "2026-04-20", "300000.00"),
    ("PZ2026-0002", P_WIRING, "company", A, "2026-04-28", "130000.00"),
    ("PZ2026-0003", P_EV, "maintenance_fund", "", "2026-05-12", "60000.00"),
    ("PZ2026-0004", P_EV, "company", B, "2026-05-15", "12000.00"),
    ("PZ2026-0005", P_EV, "government", "street", "2026/6/1", "30000.00"),
    ("PZ2026-0006", P_FIT, "co_building", "CB3205080301", "2026-03-05", "48000.00"),
    ("PZ2026-0007", P_WIRING, "government", "district", "2026-08-30", "150000.00"),
    ("PZ2026-0008", P_EV, "maintenance_fund", "", "2026-08-25", "40000.00"),
    ("PZ2026-0009", P_EV, "company", B, "2026-08-25", "11500.00"),   # overrun: 23,500 paid vs 20,000 committed
    ("PZ2026-0010", P_FIT, "community_fund", "", "2026-04-25", "20000.00"),
    ("PZ2026-0011", P_FIRE, "government", "street", "2026-09-15", "20000.00"),
    ("PZ2026-0012", P_ELEV, "owners", "", "2026-10-20", "180000.00"),
    ("PZ2026-0013", P_ELEV, "government", "district", "2026-11-05", "100000.00"),
    ("LGPZ2026-0001", P_LGW, "government", "district", "2026-04-05", "200000.00"),
    ("LGPZ2026-0002", P_LGW, "company", R, "2026-07-20", "120000.00"),
]

# ---------------------------------------------------------------- oversight
INSP_GS = "姑苏区住房和城乡建设局物业监管科"
inspections = [
    ("JC2025-031", "GS004", A, "2025-06-12", INSP_GS, 78),
    ("JC2025-022", "GS012", D, "2025-05-20", "平江街道物业管理办公室", 80),
    ("JC2025-040", "GS007", C, "2025-12-05", "金阊街道物业管理办公室", 65),
    ("JC2026-002", "GS011", B, "2026-01-15", INSP_GS, 92),
    ("JC2026-004", "GS004", A, "2026-03-18", "金阊街道物业管理办公室", 86),
    ("JC2026-008", "GS008", B, "2026-05-10", "金阊街道物业管理办公室", 88),
    ("JC2026-011", "GS003", A, "2026-06-20", "双塔街道物业管理办公室", 82),
    ("JC2026-013", "GS010", C, "2026-07-08", INSP_GS, 71),
    ("JC2026-015", "GS002", B, "2026-08-22", "平江街道物业管理办公室", 78),
    ("JC2026-019", "GS016", A, "2026-09-09", INSP_GS, 90),
    ("JC2026-020", "GS009", C, "2026-10-12", INSP_GS, 74),
    ("LGJC2026-001", "LG001", R, "2026-04-10", "龙岗区住房和建设局物业监管科", 88),
]
rectifications = [
    ("JC2025-040", 1, "楼道堆放杂物未清理", "2026-01-05", "2026-01-04"),
    ("JC2026-011", 1, "楼道电线私拉乱接", "2026-07-20", "2026-07-15"),
    ("JC2026-011", 2, "消防通道堆物", "2026-07-31", "2026-08-02"),
    ("JC2026-013", 1, "地下车库照明损坏未修复", "2026-08-31", ""),      # overdue and open
    ("JC2026-013", 2, "垃圾分类投放点管理不到位", "2026-08-15", "2026-08-10"),
    ("JC2026-015", 1, "门禁系统故障", "2026-09-30", "2026-09-28"),
    ("JC2026-020", 1, "绿化带缺株未补植", "2026-12-15", ""),            # open, not yet due
    ("LGJC2026-001", 1, "配电房防小动物措施缺失", "2026-05-30", "2026-05-20"),
]
complaints = [
    ("TS2025-0412", "GS004", A, "2025-08-03", "fees", "2025-08-20"),
    ("TS2026-0031", "GS004", A, "2026-01-09", "fees", "2026-01-20"),
    ("TS2026-0044", "GS007", C, "2026-02-11", "cleaning", "2026-02-25"),
    ("TS2026-0055", "GS011", B, "2026/3/5", "parking", "2026/3/18"),
    ("TS2026-0099", "GS012", D, "2026-04-28", "greening", "2026-05-06"),
    ("TS2026-0107", "GS003", A, "2026-05-14", "repairs", "2026-05-30"),
    ("TS2026-0121", "GS009", C, "2026-06-03", "security", "2026-06-10"),
    ("TS2026-0133", "GS013", "", "2026-06-01", "other", ""),
    ("TS2026-0150", "GS002", B, "2026-07-21", "service", "2026-08-02"),
    ("TS2026-0160", "GS010", C, "2026-08-12", "repairs", ""),
    ("TS2026-0188", "GS016", A, "2026-09-02", "cleaning", ""),
    ("TS2026-0201", "GS010", C, "2026/10/9", "fees", ""),
    ("LGTS2026-0012", "LG001", R, "2026-06-18", "repairs", "2026-06-25"),
]
Q = ["2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
surveys = [("GS004", "2025-Q3", A, 50, 30)]
surveys += [("GS004", q, A, 50, s) for q, s in zip(Q, [42, 43, 41, 44])]
surveys += [("GS016", q, A, 50, s) for q, s in zip(Q, [43, 42, 42, 43])]
surveys += [("GS011", "2025-Q3", B, 40, 20)]
surveys += [("GS011", q, B, 40, s) for q, s in zip(Q, [38, 37, 36, 37])]
surveys += [("GS002", q, B, 35, 32) for q in Q]
surveys += [("GS009", q, C, 25, s) for q, s in zip(Q, [17, 16, 16, 16])]
surveys += [("GS010", q, C, 25, s) for q, s in zip(Q, [16, 17, 16, 16])]
surveys += [("GS012", q, D, 25, 20) for q in Q]
surveys += [("LG001", q, R, 20, 18) for q in Q]

# ---------------------------------------------------------------- writing
HEADERS = {
    "districts": ["district_code", "name"],
    "streets": ["street_code", "district_code", "name"],
    "communities": ["community_code", "street_code", "name", "community_type"],
    "companies": ["uscc", "name", "ownership", "district_code"],
    "co_building_units": ["unit_code", "name", "kind", "community_code", "agreed_on"],
    "compounds": ["compound_code", "community_code", "name", "address", "housing_type", "built_year",
                  "buildings", "households", "floor_area_m2"],
    "units": ["compound_code", "building", "unit_no", "floor_area_m2"],
    "management": ["compound_code", "start_on", "mode", "company_uscc", "basis", "fee_yuan_per_m2_month", "end_on"],
    "committees": ["compound_code", "term_start", "kind", "term_end", "members", "party_members",
                   "public_servant_members"],
    "party_orgs": ["host_type", "host_key", "established_on", "form", "formal_members", "dissolved_on"],
    "clearance": ["compound_code", "identified_on", "target_on", "resolution", "resolved_on", "note"],
    "projects": ["project_code", "compound_code", "category", "title", "scope_buildings", "status", "budget_yuan",
                 "final_cost_yuan", "proposed_on", "approved_on", "started_on", "completed_on", "accepted_on",
                 "cancelled_on", "emergency", "emergency_category", "emergency_reason", "emergency_applicant",
                 "emergency_confirmed_by", "emergency_confirmed_on"],
    "funding": ["project_code", "source", "payer", "amount_yuan", "percent"],
    "votes": ["project_code", "matter", "held_on", "total_area_m2", "total_owners", "participating_area_m2",
              "participating_owners", "approving_area_m2", "approving_owners"],
    "payments": ["voucher_no", "project_code", "source", "payer", "paid_on", "amount_yuan"],
    "inspections": ["inspection_code", "compound_code", "company_uscc", "inspected_on", "inspector", "score"],
    "rectifications": ["inspection_code", "item_no", "issue", "deadline", "closed_on"],
    "complaints": ["complaint_code", "compound_code", "company_uscc", "received_on", "category", "resolved_on"],
    "surveys": ["compound_code", "period", "company_uscc", "respondents", "satisfied"],
    "fund_deposits": ["voucher_no", "compound_code", "building", "unit_no", "kind", "deposited_on", "amount_yuan"],
    "fund_interest": ["compound_code", "posted_on", "amount_yuan"],
    "project_weights": ["project_code", "building", "unit_no", "weight"],
    "owners": ["compound_code", "building", "unit_no", "owner_key", "owner_kind", "since_on", "until_on"],
    "ballots": ["project_code", "matter", "held_on", "owner_key", "choice"],
}

# ---------------------------------------------------------------- maintenance fund (SPEC §6)
# GS011 康馨苑 (the compound whose charging-pile project GS2026002 draws 100000.00 from the fund): first
# deposits when the units were sold, at a sample standard of 60 yuan/m² (办法 Art. 7: 5–8 % of the local
# construction cost per m², the amount fixed by the city — a sample figure, not Suzhou's published one),
# and a year's interest posted by the bank for the compound on 2025-12-21 (no per-unit lines). 2-602's
# first deposit came only on 2026-09-30, when its owner applied for the title certificate (办法 Art. 12:
# no registration without it): its account was empty when the EV project drew on the fund, so its shares
# of both draws are owed (自筹) and the late deposit goes to the fund, not to the debt (docs/fund.md).
FUND_STANDARD_FEN_PER_M2 = 6000
FUND_LATE_FIRST_DEPOSIT = {("2", "602"): "2026-09-30"}
fund_deposits = [
    ("ZC-GS011-%03d" % (i + 1), "GS011", b, u, "first_deposit", FUND_LATE_FIRST_DEPOSIT.get((b, u), "2015-06-30"),
     yuan(cents(a) * FUND_STANDARD_FEN_PER_M2 // 100))
    for i, (b, u, a) in enumerate(sorted(UNITS["GS011"], key=lambda r: (int(r[0]), int(r[1]))))
]
fund_interest = [("GS011", "2025-12-21", "3150.00")]
# GS2026005, the elevator of GS003 building 2 (one unit per floor): the owners' share is split by floor
# coefficients, as every 加装电梯 agreement does (Civil Code Art. 283; docs/fund.md): the ground floor, which
# gains nothing, pays 0; from the second floor up each floor pays more. The figures are the sample's
# agreement (2nd floor 1.0, +0.2 a floor), not a published table; the votes still count areas.
ELEVATOR_COEFFICIENTS = {1: "0", 2: "1.0", 3: "1.2", 4: "1.4", 5: "1.6", 6: "1.8"}
project_weights = [(P_ELEV, b, u, ELEVATOR_COEFFICIENTS[int(u) // 100]) for b, u in EL_SCOPE]
ZH_COMPOUNDS = ["小区编码", "社区代码", "小区名称", "地址", "房屋类型", "建成年份", "楼栋数", "户数", "建筑面积"]


def cell(v):
    s = str(v)
    if any(c in s for c in ',"\n\r'):
        s = '"' + s.replace('"', '""') + '"'
    return s


def csv_text(header, rows):
    return "".join(",".join(cell(v) for v in r) + "\r\n" for r in [header] + list(rows))


def write(kind, rows, encoding="utf-8", header=None):
    text = csv_text(header or HEADERS[kind], rows)
    with open(os.path.join(SAMPLE, kind + ".csv"), "wb") as f:
        f.write(text.encode(encoding))
    return text


def main():
    write("districts", districts)
    write("streets", streets)
    write("communities", communities)
    write("companies", companies)
    write("co_building_units", co_building_units)
    # compounds: GB18030 with Chinese headers; keep the UTF-8 twin for humans and diffs
    text = csv_text(ZH_COMPOUNDS, compounds)
    with open(os.path.join(HERE, "compounds.utf8.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(text)
    write("compounds", compounds, encoding="gb18030", header=ZH_COMPOUNDS)
    write("units", [(c, b, u, a) for c in UNITS for b, u, a in UNITS[c]])
    write("management", management)
    write("committees", committees)
    write("party_orgs", party_orgs)
    write("clearance", clearance)
    write("projects", [p + ("false", "", "", "", "", "") for p in projects])
    write("funding", funding)
    write("votes", votes)
    write("payments", payments)
    write("inspections", inspections)
    write("rectifications", rectifications)
    write("complaints", complaints)
    write("surveys", surveys, encoding="utf-8-sig")
    write("fund_deposits", fund_deposits)
    write("fund_interest", fund_interest)
    write("project_weights", project_weights)
    write("owners", owners)
    write("ballots", ballots)
    if "--check" in sys.argv:
        check()


def natkey(b, u):
    import re
    f = lambda s: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", s)]  # noqa: E731
    return (f(b), f(u))


def show_apportion(code, scope, share_fen, project=None):
    rows = [(b, u, a) for b, u, a in UNITS[code] if not scope or b in scope]
    rows.sort(key=lambda r: natkey(r[0], r[1]))
    agreed = {(b, u): cents(w) for p, b, u, w in project_weights if p == project}
    w = [agreed[(b, u)] if agreed else cents(a) for b, u, a in rows]
    W = sum(w)
    parts = apportion(share_fen, w, [natkey(b, u) for b, u, _ in rows])
    print(f"\n{code} scope={scope} share={yuan(share_fen)} total_{'weight' if agreed else 'area'}={yuan(W)}")
    for (b, u, a), wi, p in zip(rows, w, parts):
        num = share_fen * wi
        print(f"{b:>2} {u:>4} {a:>7} floor={yuan(num // W):>10} rem={num % W:>6}/{W} -> {yuan(p):>10}"
              + ("  +1" if p != num // W else ""))
    print("sum", yuan(sum(parts)), "floors", yuan(sum(share_fen * wi // W for wi in w)))


def check():
    show_apportion("GS011", ("1", "2"), 10000000)
    show_apportion("GS003", ("2",), 36000000, P_ELEV)
    for v in votes:
        print(v)
    # percent split of the fire-safety project
    B_ = cents("186432.21")
    pc = [3000, 3500, 3500]
    print("fire", [yuan(x) for x in apportion(B_, pc, [0, 1, 5])],
          [B_ * p / 10000 for p in pc])


if __name__ == "__main__":
    main()
