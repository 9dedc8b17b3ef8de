#!/usr/bin/env python3
"""PropLedger synthetic data generator (python3 standard library only).

Writes one KIND.csv per kind of SPEC §3 (UTF-8, English headers) into --out, with valid
USCCs and codes and data that satisfies every rule of SPEC §2, so `propledger load --dir`
accepts it whole. Deterministic: the same arguments give byte-identical files. Streams:
compounds are generated one at a time and written at once, memory stays flat.

    ops/gen --out /tmp/gen --compounds 50000 --units-per-compound 200 --seed 1
    ops/gen --check DIR          # re-validate a generated (or hand-made UTF-8) directory

Also a small library: uscc_check/make_uscc (GB 32100-2015) and apportion (largest remainder),
used by ops/sample/src/build_sample.py.
"""
import argparse
import datetime
import os
import random
import sys
import time

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_USCC_VAL = {c: i for i, c in enumerate(USCC_ALPHABET)}


def uscc_check(body17):
    """Check character of an 18-char USCC (GB 32100-2015) for its first 17 chars."""
    s = sum(_USCC_VAL[c] * w for c, w in zip(body17, USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - s % 31) % 31]


def uscc_valid(code):
    return (len(code) == 18 and all(c in _USCC_VAL for c in code)
            and uscc_check(code[:17]) == code[17])


def make_uscc(body17):
    assert len(body17) == 17 and all(c in _USCC_VAL for c in body17), body17
    return body17 + uscc_check(body17)


def floor_coefficient(floor):
    """An elevator's agreed weight of a unit on `floor` (docs/fund.md): 0 on the ground floor, 1.0 on the
    second, 0.2 more each floor up."""
    return "0" if floor <= 1 else "%d.%d" % divmod(10 + 2 * (floor - 2), 10)


def apportion(total_fen, weights, keys):
    """Largest-remainder split of total_fen by integer weights; ties by keys order."""
    W = sum(weights)
    base = [total_fen * w // W for w in weights]
    rem = [total_fen * w % W for w in weights]
    left = total_fen - sum(base)
    order = sorted(range(len(weights)), key=lambda i: (-rem[i], keys[i]))
    for i in order[:left]:
        base[i] += 1
    return base


# ------------------------------------------------------------------ constants
KINDS = ["districts", "streets", "communities", "companies", "co_building_units", "compounds", "units",
         "management", "committees", "party_orgs", "clearance", "projects", "funding", "votes", "payments",
         "inspections", "rectifications", "complaints", "surveys", "fund_deposits", "fund_interest", "project_weights",
         "owners", "ballots"]
HEADERS = {
    "districts": "district_code,name",
    "streets": "street_code,district_code,name",
    "communities": "community_code,street_code,name,community_type",
    "companies": "uscc,name,ownership,district_code",
    "co_building_units": "unit_code,name,kind,community_code,agreed_on",
    "compounds": "compound_code,community_code,name,address,housing_type,built_year,buildings,households,floor_area_m2",
    "units": "compound_code,building,unit_no,floor_area_m2",
    "management": "compound_code,start_on,mode,company_uscc,basis,fee_yuan_per_m2_month,end_on",
    "committees": "compound_code,term_start,kind,term_end,members,party_members,public_servant_members",
    "party_orgs": "host_type,host_key,established_on,form,formal_members,dissolved_on",
    "clearance": "compound_code,identified_on,target_on,resolution,resolved_on,note",
    "projects": "project_code,compound_code,category,title,scope_buildings,status,budget_yuan,final_cost_yuan,"
                "proposed_on,approved_on,started_on,completed_on,accepted_on,cancelled_on,emergency,emergency_category,"
                "emergency_reason,emergency_applicant,emergency_confirmed_by,emergency_confirmed_on",
    "funding": "project_code,source,payer,amount_yuan,percent",
    "votes": "project_code,matter,held_on,total_area_m2,total_owners,participating_area_m2,participating_owners,"
             "approving_area_m2,approving_owners",
    "payments": "voucher_no,project_code,source,payer,paid_on,amount_yuan",
    "inspections": "inspection_code,compound_code,company_uscc,inspected_on,inspector,score",
    "rectifications": "inspection_code,item_no,issue,deadline,closed_on",
    "complaints": "complaint_code,compound_code,company_uscc,received_on,category,resolved_on",
    "surveys": "compound_code,period,company_uscc,respondents,satisfied",
    "fund_deposits": "voucher_no,compound_code,building,unit_no,kind,deposited_on,amount_yuan",
    "fund_interest": "compound_code,posted_on,amount_yuan",
    "project_weights": "project_code,building,unit_no,weight",
    "owners": "compound_code,building,unit_no,owner_key,owner_kind,since_on,until_on",
    "ballots": "project_code,matter,held_on,owner_key,choice",
}
ZH_COMPOUNDS = ["小区编码", "社区代码", "小区名称", "地址", "房屋类型", "建成年份", "楼栋数", "户数", "建筑面积"]
COMMUNITY_TYPES = ["open_block", "old_village", "commodity", "resettlement", "business_district", "mixed"]
HOUSING_FOR = {"open_block": "open_block", "old_village": "old_village", "commodity": "commodity",
               "resettlement": "resettlement", "business_district": "mixed", "mixed": "affordable"}
CO_KINDS = ["school", "hospital", "enterprise", "government", "social_org", "other"]
CATEGORIES = ["wiring", "ev_charging", "elevator", "fitness", "fire_safety", "water_supply", "roof",
              "drainage", "facade", "other"]
CAT_ZH = {"wiring": "电气线路改造", "ev_charging": "电动车充电桩", "elevator": "加装电梯", "fitness": "健身器材更新",
          "fire_safety": "消防设施改造", "water_supply": "二次供水改造", "roof": "屋面防水维修",
          "drainage": "雨污分流改造", "facade": "外立面整治", "other": "公共设施维修"}
SOURCE_ORDER = ["government", "company", "maintenance_fund", "owners", "co_building", "community_fund"]
COMPLAINT_CATS = ["service", "fees", "security", "cleaning", "greening", "parking", "repairs", "other"]
ISSUES = ["楼道堆物", "消防通道占用", "电梯维保记录缺失", "绿化缺株", "垃圾分类不到位", "监控设施损坏",
          "车库照明损坏", "公示栏信息未更新"]
NAME_A = ["康", "龙", "锦", "怡", "馨", "彩", "金", "平", "沧", "白", "嘉", "瑞", "华", "富", "新", "银"]
NAME_B = ["城", "岭", "绣", "景", "宁", "香", "阊", "江", "浪", "洋", "和", "安", "庭", "苑", "湾", "桥"]
NAME_C = ["花园", "新村", "苑", "公寓", "小区", "家园", "名邸", "雅居"]
FIRST_DISTRICTS = ["320508", "320505", "440307", "320506", "320507", "310115", "440305", "340111", "610824",
                   "360111"]
PROVINCES = [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
             53, 54, 61, 62, 63, 64, 65]

AS_OF = datetime.date(2026, 11, 21).toordinal()
D_BASE = datetime.date(2000, 1, 1).toordinal()
_DATES = [datetime.date.fromordinal(o).isoformat() for o in range(D_BASE, datetime.date(2040, 1, 1).toordinal())]


def ds(o):
    return _DATES[o - D_BASE]


def od(y, m, d):
    return datetime.date(y, m, d).toordinal()


def yuan(f):
    return "%d.%02d" % divmod(f, 100)


def district_codes():
    seen = set()
    for c in FIRST_DISTRICTS:
        seen.add(c)
        yield c
    for k in range(1, 100):
        for c in range(1, 100):
            for p in PROVINCES:
                code = "%02d%02d%02d" % (p, c, k)
                if code not in seen:
                    yield code


def org9(n):
    """9 alphabet characters encoding n (unique per n < 31**8), prefixed 'M' like many real codes."""
    out = []
    for _ in range(8):
        n, r = divmod(n, 31)
        out.append(USCC_ALPHABET[r])
    return "M" + "".join(reversed(out))


def split_fen(total, n):
    q, r = divmod(total, n)
    return [q + (1 if i < r else 0) for i in range(n)]


# ------------------------------------------------------------------ generator
class Gen:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.counts = {k: 0 for k in KINDS}
        self.f = {}
        self.buf = {k: [] for k in KINDS}

    def w(self, kind, line):
        b = self.buf[kind]
        b.append(line)
        self.counts[kind] += 1
        if len(b) >= 4096:
            self.f[kind].write("".join(b))
            b.clear()

    def wmany(self, kind, text, n):
        self.f[kind].write("".join(self.buf[kind]))
        self.buf[kind].clear()
        self.f[kind].write(text)
        self.counts[kind] += n

    def run(self):
        a = self.a
        os.makedirs(a.out, exist_ok=True)
        for k in KINDS:
            self.f[k] = open(os.path.join(a.out, k + ".csv"), "w", encoding="utf-8", newline="",
                             buffering=1 << 20)
            self.f[k].write(HEADERS[k] + "\n")
        self.pay_owed = 0
        self.voucher = 0
        codes = district_codes()
        N, D = a.compounds, max(1, a.districts)
        g0 = 0
        for di in range(D):
            n_d = N // D + (1 if di < N % D else 0)
            self.district(di, next(codes), n_d, g0)
            g0 += n_d
        for k in KINDS:
            self.f[k].write("".join(self.buf[k]))
            self.f[k].close()

    def district(self, di, dcode, n, g0):
        rng, a, w = self.rng, self.a, self.w
        w("districts", "%s,生成区%d\n" % (dcode, di + 1))
        n_comm = max(6, -(-n // 80))
        per_street = 6
        n_street = -(-n_comm // per_street)
        comms = []
        for s in range(n_street):
            scode = "%s%03d" % (dcode, s + 1)
            w("streets", "%s,%s,生成街道%d\n" % (scode, dcode, s + 1))
            for c in range(per_street):
                if len(comms) == n_comm:
                    break
                ccode = "%s%03d" % (scode, c + 1)
                ctype = COMMUNITY_TYPES[len(comms) % 6]
                comms.append((ccode, ctype))
                w("communities", "%s,%s,生成社区%d-%d,%s\n" % (ccode, scode, s + 1, c + 1, ctype))
                w("co_building_units", "CB%s,共建单位%s,%s,%s,%s\n" % (
                    ccode, ccode[-6:], CO_KINDS[len(comms) % 6], ccode, ds(od(2021, 1, 1) + rng.randrange(1500))))
        n_co = max(2, -(-n // 40))
        cos = []
        for k in range(n_co):
            u = make_uscc("91" + dcode + org9(di * 1000003 + k))
            cos.append(u)
            w("companies", "%s,生成物业服务有限公司%d-%d,%s,%s\n" % (
                u, di + 1, k + 1, "state_owned" if k % 4 == 0 else "private", dcode))
            if k % 2 == 0:
                w("party_orgs", "company,%s,%s,%s,%d,\n" % (
                    u, ds(od(2016, 1, 1) + rng.randrange(2500)), "branch" if k % 4 == 0 else "working_group",
                    3 + rng.randrange(6)))
        for j in range(n):
            self.compound(dcode, j, g0 + j, comms[j % n_comm], cos)

    # one compound and everything hanging off it
    def compound(self, dcode, j, g, comm, cos):
        rng, a, w = self.rng, self.a, self.w
        code = "C%s%07d" % (dcode, j + 1)
        ccode, ctype = comm
        U = a.units_per_compound
        # units: 24 per building (6..12 floors x 2..4 per floor), areas from 4 flat types
        per_floor = 2 + rng.randrange(3)
        floors = 24 // per_floor
        types = [4500 + rng.randrange(13500) for _ in range(4)]
        pattern_area = [types[(k % per_floor) % 4] + (1200 if f == floors else 0)
                        for f in range(1, floors + 1) for k in range(per_floor)]
        pattern_no = ["%d%02d" % (f, k + 1) for f in range(1, floors + 1) for k in range(per_floor)]
        pattern = ["%s,%s\n" % (no, yuan(ar)) for no, ar in zip(pattern_no, pattern_area)]
        per_b = len(pattern)
        nb = -(-U // per_b) if U else 0
        if U:
            lines = []
            for b in range(nb):
                pre = "%s,%d," % (code, b + 1)
                m = min(per_b, U - b * per_b)
                lines.extend(pre + p for p in pattern[:m])
            self.wmany("units", "".join(lines), U)
            # the fund (SPEC §6): a first deposit per unit at 60 yuan/m² (area in 1/100 m² x 60 = fen)
            deposits = []
            for b in range(nb):
                m = min(per_b, U - b * per_b)
                deposits.extend("F%s-%d-%s,%s,%d,%s,first_deposit,2015-06-30,%s\n" % (code, b + 1, no, code, b + 1, no, yuan(ar * 60))
                                for no, ar in zip(pattern_no[:m], pattern_area[:m]))
            self.wmany("fund_deposits", "".join(deposits), U)
        full_b, last_m = divmod(U, per_b)
        total_area = full_b * sum(pattern_area) + sum(pattern_area[:last_m])
        if U:
            # a year's interest for the compound (no per-unit lines): 1.5 % of its deposits
            w("fund_interest", "%s,2025-12-21,%s\n" % (code, yuan(max(1, total_area * 60 * 15 // 1000))))
        households = U if U else 50 + rng.randrange(400)
        built = 1975 + rng.randrange(48)
        if U:
            # The owners register (SPEC §7): one buyer per unit, delivered the year the compound was built,
            # so the votes' Art. 9 owner counts equal their unit counts.
            lines = []
            for b in range(nb):
                m = min(per_b, U - b * per_b)
                lines.extend("%s,%d,%s,O%s-%d-%s,person,%d-06-30,\n" % (code, b + 1, no, code, b + 1, no, built)
                             for no in pattern_no[:m])
            self.wmany("owners", "".join(lines), U)
        floor_area = total_area if U else households * (6000 + rng.randrange(6000))
        name = NAME_A[rng.randrange(16)] + NAME_B[rng.randrange(16)] + NAME_C[rng.randrange(8)]
        w("compounds", "%s,%s,%s%d,生成路%d号,%s,%d,%d,%d,%s\n" % (
            code, ccode, name, j + 1, j + 1, HOUSING_FOR[ctype], built, nb if U else 1 + households // 60,
            households, yuan(floor_area)))

        # ---- management periods and clearance
        r = rng.random()
        company = None
        cstart = None
        if r < 0.80:
            mode = "company"
            company = cos[rng.randrange(len(cos))]
            cstart = od(2016, 1, 1) + rng.randrange(3400)         # up to ~2025-04
            if rng.random() < 0.3:                               # earlier fallback period
                w("management", "%s,%s,fallback,,appointed,0.30,%s\n" % (code, ds(cstart - 700), ds(cstart - 1)))
            end = ""
            succ = None
            rr = rng.random()
            if rr < 0.05:                                        # expiring with successor
                e = AS_OF + 10 + rng.randrange(70)
                end = ds(e)
                succ = (e + 1, cos[rng.randrange(len(cos))])
            elif rr < 0.10:                                      # expiring without successor
                end = ds(AS_OF + 10 + rng.randrange(70))
            elif rr < 0.40:
                end = ds(AS_OF + 200 + rng.randrange(1500))
            w("management", "%s,%s,company,%s,%s,%s,%s\n" % (
                code, ds(cstart), company, ("tender", "owners_vote", "appointed", "state_takeover")[rng.randrange(4)],
                yuan(40 + rng.randrange(300)), end))
            if succ:
                w("management", "%s,%s,company,%s,tender,%s,%s\n" % (
                    code, ds(succ[0]), succ[1], yuan(40 + rng.randrange(300)), ds(succ[0] + 1095)))
            if cstart >= od(2024, 1, 1):                         # found unmanaged, taken over
                res = cstart - rng.randrange(25)
                resn = "company_takeover" if rng.random() < 0.9 else "self_management"  # ~10% unverified claims
                w("clearance", "%s,%s,%s,%s,%s,\n" % (code, ds(res - 200), ds(res + 30), resn, ds(res)))
        elif r < 0.92:
            mode = "fallback" if r < 0.87 else "self_managed"
            st = od(2024, 3, 1) + rng.randrange(700)
            w("management", "%s,%s,%s,,%s,%s,\n" % (code, ds(st), mode, "appointed" if mode == "fallback" else "owners_vote",
                                                    yuan(10 + rng.randrange(40))))
            res = st + rng.randrange(20)
            w("clearance", "%s,%s,%s,%s,%s,\n" % (code, ds(st - 150), ds(st + 60),
                                                  "community_fallback" if mode == "fallback" else "self_management", ds(res)))
        else:
            mode = None
            if rng.random() < 0.75:
                idn = od(2025, 6, 1) + rng.randrange(500)
                w("clearance", "%s,%s,%s,,,\n" % (code, ds(idn), ds(idn + 90 + rng.randrange(200))))

        # ---- committees and their party orgs
        if mode in ("company", "fallback") and rng.random() < 0.6:
            kind = "owners_committee" if mode == "company" else "management_committee"
            members = 5 + 2 * rng.randrange(4)
            party = rng.randrange(members + 1)
            if kind == "management_committee":
                # Local rules ask more of a management committee (Beijing Art. 54, Hangzhou Art. 39: at least
                # 7 outside small compounds): 7 is lawful everywhere. Raised after the draws above, so every
                # other generated row stays as it was.
                members = max(members, 7)
            y = 2021 + rng.randrange(5)
            ts = od(y, 1 + rng.randrange(12), 1 + rng.randrange(28))
            d = datetime.date.fromordinal(ts)
            te = datetime.date(d.year + 5, d.month, d.day).toordinal() - 1 - rng.randrange(2) * 365
            if kind == "owners_committee" and rng.random() < 0.3:
                pd = datetime.date(d.year - 5, d.month, d.day).toordinal()
                w("committees", "%s,%s,owners_committee,%s,%d,%d,0\n" % (code, ds(pd), ds(ts - 1), members, party // 2))
            w("committees", "%s,%s,%s,%s,%d,%d,%d\n" % (code, ds(ts), kind, ds(te), members, party,
                                                        rng.randrange(min(3, members) + 1)))
            if party >= 3 and rng.random() < 0.6:
                w("party_orgs", "committee,%s,%s,branch,%d,\n" % (code, ds(ts + 30 + rng.randrange(200)), party))
            elif party >= 1 and rng.random() < 0.6:
                w("party_orgs", "committee,%s,%s,working_group,%d,\n" % (code, ds(ts + 30 + rng.randrange(200)),
                                                                       1 + rng.randrange(party)))
        elif mode == "self_managed":
            ts = od(2024, 6, 1) + rng.randrange(600)
            w("committees", "%s,%s,self_management_group,%s,3,%d,0\n" % (code, ds(ts), ds(ts + 1095), rng.randrange(4)))

        # ---- projects (Bresenham share of --projects over all compounds)
        P, N = a.projects, a.compounds
        n_proj = (g + 1) * P // N - g * P // N
        scode = ccode  # co-building unit of the community is CB+community_code
        for pi in range(n_proj):
            self.project(code, j, pi, U, nb, pattern_area, pattern_no, per_b, company, cos, "CB" + scode)

        # ---- oversight (company-managed compounds only, within the current period)
        if company:
            lo = max(cstart, AS_OF - 700)
            for ii in range(1 + rng.randrange(2)):
                io = lo + rng.randrange(AS_OF - lo)
                icode = "I%s%07d%d" % (dcode, j + 1, ii + 1)
                w("inspections", "%s,%s,%s,%s,生成区物业监管科,%d\n" % (icode, code, company, ds(io), 55 + rng.randrange(46)))
                for it in range(rng.randrange(3)):
                    dl = io + 30 + rng.randrange(30)
                    cl = "" if rng.random() < 0.25 else ds(min(dl - rng.randrange(10), AS_OF - 1))
                    if cl and cl < ds(io):
                        cl = ds(io)
                    w("rectifications", "%s,%d,%s,%s,%s\n" % (icode, it + 1, ISSUES[rng.randrange(8)], ds(dl), cl))
            for ci in range(rng.randrange(4)):
                ro = lo + rng.randrange(AS_OF - lo)
                rs = "" if rng.random() < 0.2 else ds(min(ro + rng.randrange(30), AS_OF - 1))
                w("complaints", "T%s%07d%d,%s,%s,%s,%s,%s\n" % (dcode, j + 1, ci + 1, code, company, ds(ro),
                                                                COMPLAINT_CATS[rng.randrange(8)], rs))
            for q, qs in ((4, od(2025, 10, 1)), (1, od(2026, 1, 1)), (2, od(2026, 4, 1)), (3, od(2026, 7, 1))):
                if cstart <= qs:
                    resp = 20 + rng.randrange(60)
                    w("surveys", "%s,%d-Q%d,%s,%d,%d\n" % (code, 2025 if q == 4 else 2026, q, company, resp,
                                                           resp // 2 + rng.randrange(resp - resp // 2 + 1)))

    def project(self, code, j, pi, U, nb, pattern_area, pattern_no, per_b, company, cos, cb):
        rng, w = self.rng, self.w
        pcode = "P%s-%d" % (code[1:], pi + 1)
        cat = CATEGORIES[rng.randrange(10)]
        # scope: whole compound or the first 1-2 buildings
        scope = ""
        sb = nb
        if nb >= 2 and rng.random() < 0.3:
            sb = 1 + rng.randrange(min(2, nb))
            scope = ";".join(str(b + 1) for b in range(sb))
        budget = (20000 + rng.randrange(880000)) * 100 + (rng.randrange(100) if rng.random() < 0.3 else 0)
        st = rng.random()
        status = ("proposed" if st < 0.10 else "approved" if st < 0.25 else "in_progress" if st < 0.45 else
                  "completed" if st < 0.70 else "accepted" if st < 0.95 else "cancelled")
        prop = od(2023, 1, 1) + rng.randrange(1000)
        appr = prop + 21 + rng.randrange(60)
        start = appr + rng.randrange(60)
        comp = start + 30 + rng.randrange(120)
        acc = comp + rng.randrange(60)
        dates = [ds(prop), "", "", "", "", ""]
        reached = {"proposed": 0, "approved": 1, "in_progress": 2, "completed": 3, "accepted": 4, "cancelled": 0}[status]
        for i, d in enumerate((appr, start, comp, acc)[:reached]):
            dates[i + 1] = ds(d)
        if status == "cancelled":
            dates[5] = ds(prop + 10 + rng.randrange(100))
        final = yuan(budget - budget // 50 + rng.randrange(budget // 25 + 1)) if status == "accepted" else ""
        w("projects", "%s,%s,%s,%s%s,%s,%s,%s,%s,%s,false,,,,,\n" % (
            pcode, code, cat, code[-5:], CAT_ZH[cat], scope, status, yuan(budget), final, ",".join(dates)))
        if cat == "elevator" and U:
            # Agreed weights (SPEC §6): an elevator's floor coefficients over every unit of its scope, ground
            # floor 0, second floor 1.0, then 0.2 more a floor (docs/fund.md) — when some unit is above the ground.
            scope_units = [(b + 1, no) for b in range(sb) for no in pattern_no[:max(0, min(per_b, U - b * per_b))]]
            if any(int(no[:-2]) > 1 for _, no in scope_units):
                self.wmany("project_weights", "".join(
                    "%s,%d,%s,%s\n" % (pcode, b, no, floor_coefficient(int(no[:-2])))
                    for b, no in scope_units), len(scope_units))
        if reached == 0:
            return
        # ---- funding
        srcs = ["government", "company", "maintenance_fund", "owners", "co_building", "community_fund"]
        if not U:
            srcs = [s for s in srcs if s not in ("maintenance_fund", "owners")]
        k = 1 + rng.randrange(3)
        chosen = sorted(rng.sample(srcs, k), key=SOURCE_ORDER.index)
        payers = []
        for s in chosen:
            payers.append({"government": ("city", "district", "street")[rng.randrange(3)],
                           "company": company or cos[rng.randrange(len(cos))], "co_building": cb}.get(s, ""))
        if rng.random() < 0.2:                       # percent shares summing to exactly 100.00
            cuts = sorted(rng.sample(range(1, 10000), k - 1))
            pct = [b - a_ for a_, b in zip([0] + cuts, cuts + [10000])]
            if 0 in pct:
                pct = split_fen(10000, k)
            amounts = apportion(budget, pct, list(range(k)))
            for s, p, pc in zip(chosen, payers, pct):
                w("funding", "%s,%s,%s,,%s\n" % (pcode, s, p, yuan(pc)))
        else:
            cuts = sorted(rng.sample(range(1, budget), k - 1)) if budget > k else []
            amounts = [b - a_ for a_, b in zip([0] + cuts, cuts + [budget])] if cuts or k == 1 else split_fen(budget, k)
            for s, p, am in zip(chosen, payers, amounts):
                w("funding", "%s,%s,%s,%s,\n" % (pcode, s, p, yuan(am)))
        # ---- votes for maintenance_fund / owners shares
        for s, matter in (("maintenance_fund", "use_fund"), ("owners", "raise_fund")):
            if s in chosen:
                self.vote(code, pcode, matter, appr - 1 - rng.randrange(20), U, sb if scope else nb, pattern_area,
                          pattern_no, per_b)
        # ---- payments (carry the quota of projects that cannot be paid)
        P, N, M = self.a.projects, self.a.compounds, self.a.payments
        self.pidx = getattr(self, "pidx", 0)
        self.pay_owed += (self.pidx + 1) * M // P - self.pidx * M // P if P else 0
        self.pidx += 1
        if status in ("in_progress", "completed", "accepted") and self.pay_owed:
            n = self.pay_owed
            self.pay_owed = 0
            last = min(acc if status == "accepted" else comp if status == "completed" else start + 200, AS_OF - 1)
            per_share = split_fen(n, k)
            for si, (s, p, am) in enumerate(zip(chosen, payers, amounts)):
                parts = split_fen(am, per_share[si]) if per_share[si] else []
                for x in parts:
                    if rng.random() < 0.02:
                        x += 100 * (1 + rng.randrange(5000))            # overrun
                    self.voucher += 1
                    pd = appr + rng.randrange(max(1, last - appr + 1))
                    w("payments", "V%010d,%s,%s,%s,%s,%s\n" % (self.voucher, pcode, s, p, ds(min(pd, AS_OF - 1)), yuan(x)))

    def vote(self, code, pcode, matter, held, U, nbs, pattern_area, pattern_no, per_b):
        """A passing vote over the units of the first nbs buildings (or all U). Every third vote (by its day)
        is also recorded as ballots (SPEC §7), one per owner of a unit in scope who took part, which agree
        with its typed tallies: the ledger checks that they do."""
        rng = self.rng
        n = min(U, nbs * per_b)
        areas = [pattern_area[i % per_b] for i in range(n)]
        tot = sum(areas)
        takes_part = [i % 10 != 9 for i in range(n)]
        agrees = [i % 10 not in (8, 9) for i in range(n)]
        if not any(takes_part):
            takes_part = [True] * n
        if not any(a_ and t for a_, t in zip(agrees, takes_part)):
            agrees = list(takes_part)
        pa = sum(x for x, t in zip(areas, takes_part) if t)
        po = sum(takes_part)
        if not (3 * pa >= 2 * tot and 3 * po >= 2 * n):
            takes_part = [True] * n
            pa, po = tot, n
        aa = sum(x for x, t, a_ in zip(areas, takes_part, agrees) if t and a_)
        ao = sum(1 for t, a_ in zip(takes_part, agrees) if t and a_)
        if not (4 * aa >= 3 * pa and 4 * ao >= 3 * po):
            agrees = list(takes_part)
            aa, ao = pa, po
        if rng.random() < 0.5:
            tt = "%s,%d" % (yuan(tot), n)
        else:
            tt = ","                                   # blank totals: computed by the loader from units in scope
        self.w("votes", "%s,%s,%s,%s,%s,%d,%s,%d\n" % (pcode, matter, ds(held), tt, yuan(pa), po, yuan(aa), ao))
        if held % 3 == 0:
            # owner keys as the register writes them (one buyer per unit): O<compound>-<building>-<unit_no>
            self.wmany("ballots", "".join(
                "%s,%s,%s,O%s-%d-%s,%s\n" % (pcode, matter, ds(held), code, i // per_b + 1, pattern_no[i % per_b],
                                             "agree" if agrees[i] else "disagree")
                for i in range(n) if takes_part[i]), sum(takes_part))


# ------------------------------------------------------------------ checker
def check(dirpath):
    """Re-validates a directory of UTF-8 KIND.csv files against the §2 rules the generator must keep."""
    import csv
    errs = []

    def rows(kind):
        p = os.path.join(dirpath, kind + ".csv")
        if not os.path.exists(p):
            return []
        raw = open(p, "rb").read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
        rs = list(csv.DictReader(text.splitlines()))
        zh = dict(zip(ZH_COMPOUNDS, HEADERS["compounds"].split(",")))
        return [{zh.get(k, k): (v or "").strip() for k, v in r.items()} for r in rs]

    def err(m):
        if len(errs) < 50:
            errs.append(m)

    def dt(s):
        if not s:
            return None
        y, m, d = s.replace("/", "-").split("-")
        return datetime.date(int(y), int(m), int(d)).toordinal()

    def fen(s):
        i, _, f = s.partition(".")
        return int(i) * 100 + int((f + "00")[:2])
    keys = {"districts": ["district_code"], "streets": ["street_code"], "communities": ["community_code"],
            "companies": ["uscc"], "co_building_units": ["unit_code"], "compounds": ["compound_code"],
            "units": ["compound_code", "building", "unit_no"], "management": ["compound_code", "start_on"],
            "committees": ["compound_code", "term_start"],
            "party_orgs": ["host_type", "host_key", "established_on"], "clearance": ["compound_code", "identified_on"],
            "projects": ["project_code"], "funding": ["project_code", "source", "payer"],
            "votes": ["project_code", "matter", "held_on"], "payments": ["voucher_no"],
            "inspections": ["inspection_code"], "rectifications": ["inspection_code", "item_no"],
            "complaints": ["complaint_code"], "surveys": ["compound_code", "period"],
            "fund_deposits": ["voucher_no"], "fund_interest": ["compound_code", "posted_on"],
            "project_weights": ["project_code", "building", "unit_no"],
            "owners": ["compound_code", "building", "unit_no", "owner_key"],
            "ballots": ["project_code", "matter", "held_on", "owner_key"]}
    data = {}
    for k in KINDS:
        if k == "units":
            continue
        data[k] = rows(k)
        seen = set()
        for r in data[k]:
            kk = tuple(r[c] for c in keys[k])
            if kk in seen:
                err("%s: duplicate key %s" % (k, kk))
            seen.add(kk)
    cos = {r["uscc"] for r in data["companies"]}
    for u in cos:
        if not uscc_valid(u):
            err("bad USCC %s" % u)
    comps = {r["compound_code"]: r for r in data["compounds"]}
    # units: only per-compound area sums by building (streamed)
    barea = {}
    p = os.path.join(dirpath, "units.csv")
    if os.path.exists(p):
        import csv as _c
        with open(p, encoding="utf-8-sig", newline="") as f:
            seen = set()
            for r in _c.DictReader(f):
                kk = (r["compound_code"], r["building"], r["unit_no"])
                if len(seen) < 3000000:
                    if kk in seen:
                        err("units: duplicate %s" % (kk,))
                    seen.add(kk)
                if r["compound_code"] not in comps:
                    err("units: unknown compound %s" % r["compound_code"])
                t = barea.setdefault((r["compound_code"], r["building"]), [0, 0])
                t[0] += fen(r["floor_area_m2"])
                t[1] += 1
    per = {}
    for r in data["management"]:
        if r["mode"] == "company" and r["company_uscc"] not in cos:
            err("management: unknown company %s" % r["company_uscc"])
        if r["mode"] != "company" and r["company_uscc"]:
            err("management: %s period names a company" % r["mode"])
        per.setdefault(r["compound_code"], []).append((dt(r["start_on"]), dt(r["end_on"]) or 10 ** 7, r["mode"]))
    for c, ps in per.items():
        ps.sort()
        for x, y in zip(ps, ps[1:]):
            if y[0] <= x[1]:
                err("management: overlap at %s" % c)
    open_cases = set()
    for r in data["clearance"]:
        if bool(r["resolution"]) != bool(r["resolved_on"]):
            err("clearance: resolution/resolved_on %s" % r["compound_code"])
        if not r["resolution"]:
            if r["compound_code"] in open_cases:
                err("clearance: two open cases %s" % r["compound_code"])
            open_cases.add(r["compound_code"])
    terms = {}
    for r in data["committees"]:
        m, s, e = int(r["members"]), dt(r["term_start"]), dt(r["term_end"])
        if r["kind"] == "owners_committee":
            sd = datetime.date.fromordinal(s)
            if not (m % 2 == 1 and 5 <= m <= 11) or e is None or e > datetime.date(sd.year + 5, sd.month, min(sd.day, 28)).toordinal() + 3:
                err("committees: owners_committee rule %s" % r["compound_code"])
        terms.setdefault(r["compound_code"], []).append((s, e or 10 ** 7))
    for c, ts in terms.items():
        ts.sort()
        for x, y in zip(ts, ts[1:]):
            if y[0] <= x[1]:
                err("committees: overlap %s" % c)
    live = {}
    for r in data["party_orgs"]:
        if r["form"] in ("branch", "joint_branch") and int(r["formal_members"]) < 3:
            err("party_orgs: branch < 3 %s" % r["host_key"])
        if r["host_type"] == "company" and r["host_key"] not in cos:
            err("party_orgs: unknown company")
        live.setdefault((r["host_type"], r["host_key"]), []).append((dt(r["established_on"]), dt(r["dissolved_on"]) or 10 ** 7))
    for h, ts in live.items():
        ts.sort()
        for x, y in zip(ts, ts[1:]):
            if y[0] <= x[1]:
                err("party_orgs: two live orgs %s" % (h,))
    fund = {}
    for r in data["funding"]:
        if bool(r["amount_yuan"]) == bool(r["percent"]):
            err("funding: amount xor percent %s" % r["project_code"])
        fund.setdefault(r["project_code"], []).append(r)
    votes = {}
    for r in data["votes"]:
        votes.setdefault(r["project_code"], []).append(r)
    order = ["proposed_on", "approved_on", "started_on", "completed_on", "accepted_on"]
    for r in data["projects"]:
        pc = r["project_code"]
        ds_ = [dt(r[c]) for c in order if r[c]]
        if ds_ != sorted(ds_):
            err("projects: dates out of order %s" % pc)
        if r["status"] == "accepted" and not r["final_cost_yuan"]:
            err("projects: accepted without final cost %s" % pc)
        if not r["approved_on"]:
            continue
        fs = fund.get(pc, [])
        budget = fen(r["budget_yuan"])
        if fs and fs[0]["percent"]:
            if sum(fen(x["percent"]) for x in fs) != 10000 or any(not x["percent"] for x in fs):
                err("funding: percents of %s" % pc)
            amts = apportion(budget, [fen(x["percent"]) for x in fs], [SOURCE_ORDER.index(x["source"]) for x in fs])
        else:
            amts = [fen(x["amount_yuan"]) for x in fs]
            if sum(amts) != budget:
                err("funding: %s shares %s != budget %s" % (pc, yuan(sum(amts)), r["budget_yuan"]))
        scope = [b for b in r["scope_buildings"].split(";") if b]
        for f_, a_ in zip(fs, amts):
            if f_["source"] == "company" and f_["payer"] not in cos:
                err("funding: unknown company %s" % pc)
            need = {"maintenance_fund": "use_fund", "owners": "raise_fund"}.get(f_["source"])
            if need and a_ > 0:
                ok = False
                for v in votes.get(pc, []):
                    if v["matter"] != need or dt(v["held_on"]) > dt(r["approved_on"]) and need == "use_fund":
                        continue
                    if v["total_area_m2"]:
                        ta, to = fen(v["total_area_m2"]), int(v["total_owners"])
                    else:
                        ta = sum(t[0] for (c, b), t in barea.items() if c == r["compound_code"] and (not scope or b in scope))
                        to = sum(t[1] for (c, b), t in barea.items() if c == r["compound_code"] and (not scope or b in scope))
                    pa, po = fen(v["participating_area_m2"]), int(v["participating_owners"])
                    aa, ao = fen(v["approving_area_m2"]), int(v["approving_owners"])
                    q = 3 * pa >= 2 * ta and 3 * po >= 2 * to
                    if need == "use_fund":
                        ok |= q and 2 * aa > pa and 2 * ao > po
                    else:
                        ok |= q and 4 * aa >= 3 * pa and 4 * ao >= 3 * po
                if not ok:
                    err("votes: %s lacks a passing %s vote" % (pc, need))
    # ballots (SPEC §7): from owners of units in the vote's compound, agreeing with its typed tallies
    # (one owner per unit here, so the owner counts are the ballot counts)
    owner_compound = {r["owner_key"]: r["compound_code"] for r in data.get("owners", [])}
    vote_rows = {(v["project_code"], v["matter"], v["held_on"]): v for v in data["votes"]}
    project_compound = {r["project_code"]: r["compound_code"] for r in data["projects"]}
    tally = {}
    for b in data.get("ballots", []):
        key = (b["project_code"], b["matter"], b["held_on"])
        if key not in vote_rows:
            err("ballots: no vote %s" % (key,))
            continue
        if owner_compound.get(b["owner_key"]) != project_compound.get(b["project_code"]):
            err("ballots: owner %s is not of the compound of %s" % (b["owner_key"], b["project_code"]))
        t = tally.setdefault(key, [0, 0])
        t[0] += 1
        t[1] += b["choice"] == "agree"
    for key, (po, ao) in tally.items():
        v = vote_rows[key]
        if v["participating_owners"] and (int(v["participating_owners"]), int(v["approving_owners"])) != (po, ao):
            err("ballots: %s counts %d/%d, the vote says %s/%s" % (key, po, ao, v["participating_owners"], v["approving_owners"]))
    # agreed weights (SPEC §6): one for every unit of the project's scope, none negative, one at least > 0
    projs = {r["project_code"]: r for r in data["projects"]}
    weights = {}
    for r in data.get("project_weights", []):
        weights.setdefault(r["project_code"], []).append(fen(r["weight"]) if not r["weight"].startswith("-") else -1)
    for pc, ws in weights.items():
        r = projs.get(pc)
        if r is None:
            err("project_weights: unknown project %s" % pc)
            continue
        scope = [b for b in r["scope_buildings"].split(";") if b]
        n = sum(t[1] for (c, b), t in barea.items() if c == r["compound_code"] and (not scope or b in scope))
        if len(ws) != n or min(ws) < 0 or max(ws) <= 0:
            err("project_weights: %s has %d weights for %d units in scope (or a negative, or none > 0)" % (pc, len(ws), n))
    for r in data["inspections"]:
        if not 0 <= int(r["score"]) <= 100:
            err("inspections: score")
    print("check %s: %s" % (dirpath, "OK" if not errs else "%d problem(s)" % len(errs)))
    for e in errs:
        print("  " + e)
    return not errs


def main(argv=None):
    ap = argparse.ArgumentParser(prog="ops/gen", description=(
        "Deterministic, seeded generator of PropLedger CSV files (SPEC §3), any scale. "
        "Same arguments -> byte-identical files; streams, memory stays flat."))
    ap.add_argument("--out", help="output directory (created if missing)")
    ap.add_argument("--compounds", type=int, default=100, help="number of compounds (default 100)")
    ap.add_argument("--units-per-compound", type=int, default=20, help="units per compound (default 20)")
    ap.add_argument("--projects", type=int, default=None, help="number of projects (default compounds/2)")
    ap.add_argument("--payments", type=int, default=None, help="target number of payments (default 2*projects)")
    ap.add_argument("--districts", type=int, default=1, help="number of districts (default 1)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--check", metavar="DIR", help="validate a UTF-8 directory of KIND.csv files and exit")
    a = ap.parse_args(argv)
    if a.check:
        return 0 if check(a.check) else 1
    if not a.out:
        ap.error("--out DIR is required")
    if a.compounds < 1 or a.units_per_compound < 0 or a.districts < 1:
        ap.error("--compounds >= 1, --units-per-compound >= 0, --districts >= 1")
    if a.projects is None:
        a.projects = max(1, a.compounds // 2)
    if a.payments is None:
        a.payments = 2 * a.projects
    t = time.time()
    g = Gen(a)
    g.run()
    print("ops/gen seed=%d in %.1fs: %s" % (a.seed, time.time() - t,
                                            " ".join("%s=%d" % (k, g.counts[k]) for k in KINDS)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
