#!/usr/bin/env python3
"""Helpers for ops/bench (python3 standard library only).

    bench.py timev FILE                    -> "WALL_SECONDS MAX_RSS_KB EXIT" from /usr/bin/time -v output
    bench.py median N1 N2 ...              -> the median
    bench.py reports BIN_LIST_OUTPUT       -> one line per report: NAME<TAB>usage tokens (from `report --list`)
    bench.py phases LOG FROM TO OUT [N]    -> the statements the server logged (log_min_duration_statement)
                                              between byte offsets FROM and TO, slowest first, into OUT;
                                              prints the N slowest (default 8) as "ms<TAB>statement"
    bench.py slice LOG FROM TO OUT         -> copy bytes FROM..TO of LOG into OUT
    bench.py plansummary FILE              -> the auto_explain durations and top plan nodes of a plan file
    bench.py doc RESULTS_DIR DOC           -> rewrite the generated sections of DOC from RESULTS_DIR/*.tsv
    bench.py table RESULTS_DIR SCALE       -> print the results table of one scale (Markdown)
    bench.py xlsx CSV OUT                  -> write CSV as a one-sheet .xlsx as Excel lays one out: text in
                                              the shared-string table, numbers as numbers (streamed; for the
                                              xlsx units load, issue 13)

Results are key<TAB>value lines in RESULTS_DIR/SCALE.tsv (later lines win) and RESULTS_DIR/machine.tsv.
"""
import csv
import os
import re
import statistics
import sys
import zipfile
from xml.sax.saxutils import escape


def timev(path):
    wall = rss = code = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if line.startswith("Elapsed (wall clock) time"):
                v = line.rsplit(": ", 1)[1]
                parts = [float(p) for p in v.split(":")]
                wall = 0.0
                for p in parts:
                    wall = wall * 60 + p
            elif line.startswith("Maximum resident set size"):
                rss = int(line.rsplit(": ", 1)[1])
            elif line.startswith("Exit status"):
                code = int(line.rsplit(": ", 1)[1])
    if wall is None:
        sys.exit("bench.py timev: no /usr/bin/time -v output in %s" % path)
    if code is None:
        # GNU time prints "Command exited with non-zero status N" first when it fails.
        code = 0
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                m = re.match(r"Command exited with non-zero status (\d+)", line)
                if m:
                    code = int(m.group(1))
    print("%.3f %d %d" % (wall, rss or 0, code))


def median(values):
    print("%.1f" % statistics.median(float(v) for v in values))


def reports(path):
    """Report names and their usage tokens from `propledger report --list`."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line[0].isspace():
                continue
            usage = re.split(r"\s{2,}", line.rstrip("\n"), maxsplit=1)[0].split()
            print("\t".join(usage))


_LOG_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def _records(log, start, end):
    with open(log, "rb") as f:
        f.seek(start)
        data = f.read(max(0, end - start)).decode("utf-8", errors="replace")
    record = []
    for line in data.splitlines():
        if _LOG_START.match(line) and record:
            yield "\n".join(record)
            record = []
        record.append(line)
    if record:
        yield "\n".join(record)


def phases(log, start, end, out, n=8):
    found = []
    for rec in _records(log, int(start), int(end)):
        m = re.search(r"duration: ([0-9.]+) ms  (statement|execute [^:]*): (.*)", rec, re.S)
        if not m:
            continue
        sql = m.group(3)
        sql = re.sub(r"\n\S.*DETAIL:.*", "", sql, flags=re.S)
        found.append((float(m.group(1)), " ".join(sql.split())))
    found.sort(key=lambda x: -x[0])
    total = sum(ms for ms, _ in found)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# %d statements, %.0f ms in all, slowest first\n" % (len(found), total))
        for ms, sql in found:
            f.write("%10.1f ms  %s\n" % (ms, sql))
    for ms, sql in found[:int(n)]:
        print("%.0f\t%s" % (ms, sql[:300]))


def slice_(log, start, end, out):
    with open(log, "rb") as f:
        f.seek(int(start))
        data = f.read(max(0, int(end) - int(start)))
    with open(out, "wb") as f:
        f.write(data)


def plansummary(path):
    """Durations of the statements auto_explain logged, slowest first, each with its costliest nodes."""
    text = open(path, encoding="utf-8", errors="replace").read()
    parts = re.split(r"\n(?=\S+ \S+ \S+ \[\d+\] LOG:  duration: )", text)
    rows = []
    for p in parts:
        m = re.search(r"duration: ([0-9.]+) ms  plan:\n\s*Query Text: (.*?)\n(.*)", p, re.S)
        if m:
            rows.append((float(m.group(1)), " ".join(m.group(2).split())[:160], m.group(3)))
    rows.sort(key=lambda r: -r[0])
    for ms, q, plan in rows[:3]:
        print("%.1f ms: %s" % (ms, q))
        for line in plan.splitlines()[:6]:
            print("    " + line.rstrip())


# ----------------------------------------------------------------------------- the document

def load_results(d):
    res = {}
    for name in sorted(os.listdir(d)):
        if name.endswith(".tsv"):
            kv = {}
            with open(os.path.join(d, name), encoding="utf-8") as f:
                for line in f:
                    if "\t" in line:
                        k, v = line.rstrip("\n").split("\t", 1)
                        kv[k] = v
            res[name[:-4]] = kv
    return res


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def fmt_int(v):
    x = num(v)
    return "—" if x is None else "{:,}".format(int(round(x)))


def fmt_s(v, places=1):
    x = num(v)
    return "—" if x is None else ("%." + str(places) + "f s") % x


def fmt_ms(v):
    x = num(v)
    if x is None:
        return v if v else "—"
    return "%.0f ms" % x if x >= 10 else "%.1f ms" % x


def scale_table(r, scale):
    kv = r.get(scale)
    if not kv:
        return "_No %s run recorded yet._\n" % scale
    out = []
    again = ("; reports again by `ops/bench --reports-only` on %s, commit %s" % (kv["reports.date"], kv.get("reports.git", "?"))
             if "reports.date" in kv else "")
    out.append("#### %s scale — %s (run %s, `%s`, commit %s%s)\n" % (scale, kv.get("data.desc", ""), kv.get("run.date", "?"),
                                                        kv.get("run.mode", ""), kv.get("run.git", "?"), again))
    out.append("Data: `%s` (%s data rows in all, units.csv %s rows, %s MB).\n" % (
        kv.get("data.gen", ""), fmt_int(kv.get("data.rows")), fmt_int(kv.get("units.rows")),
        kv.get("units.mb", "?")))
    out.append("**1. Units load** (%s rows into ledger.units, parents already loaded)\n" % fmt_int(kv.get("units.rows")))
    out.append("| method | wall time | rows/s | loader ÷ this |")
    out.append("|---|---:|---:|---:|")
    lr = num(kv.get("units.loader.rps"))

    def row(label, key, extrap=False):
        rps = num(kv.get(key + ".rps"))
        if rps is None and key + ".s" not in kv:
            out.append("| %s | not run (BENCH_BASELINES) | | |" % label)
            return
        ratio = "%.2f×" % (lr / rps) if lr and rps else "—"
        wall = fmt_s(kv.get(key + ".s"), 2)
        if extrap:
            wall += " (extrapolated)"
        out.append("| %s | %s | %s | %s |" % (label, wall, fmt_int(kv.get(key + ".rps")), ratio))

    row("`propledger load units` (release build)", "units.loader")
    row("`\\copy` into copy table: indexes + CHECKs + FK (**the baseline**)", "units.copy_fk")
    row("`\\copy` into copy table: indexes + CHECKs, no FK", "units.copy_plain")
    row("`\\copy` into copy table: indexes + CHECKs + FK + the audit trigger", "units.copy_fk_audit")
    row("row-by-row INSERT, autocommit, %s-row sample, **extrapolated** to the file" % fmt_int(kv.get("units.rowbyrow.sample")),
        "units.rowbyrow", extrap=True)
    out.append("| pgloader | %s | | |" % kv.get("units.pgloader", "not installed"))
    out.append("")
    out.append("Loader peak RSS: **%s MB** (`/usr/bin/time -v`, maximum resident set size). "
               "Row-by-row sample itself: %s rows in %s.\n" % (
                   "%.1f" % (num(kv.get("units.loader.rss_kb")) / 1024) if num(kv.get("units.loader.rss_kb")) else "—",
                   fmt_int(kv.get("units.rowbyrow.sample")), fmt_s(kv.get("units.rowbyrow.sample_s"), 2)))
    if "units.xlsx.s" in kv:
        xs, cs = num(kv.get("units.xlsx.s")), num(kv.get("units.loader.s"))
        xr, cr = num(kv.get("units.xlsx.rss_kb")), num(kv.get("units.loader.rss_kb"))
        out.append("**1b. The same units as one .xlsx sheet** (%s MB, `bench.py xlsx`): `propledger load units units.xlsx` "
                   "%s, peak RSS **%s MB** — **%s the time** and %s the memory of the CSV load.\n" % (
                       kv.get("units.xlsx.mb", "?"), fmt_s(kv.get("units.xlsx.s"), 2),
                       "%.1f" % (xr / 1024) if xr else "—",
                       "%.2f×" % (xs / cs) if xs and cs else "—", "%.2f×" % (xr / cr) if xr and cr else "—"))
    phases = [k for k in kv if k.startswith("units.phase.")]
    if phases:
        out.append("Slowest server statements of the loader's units load (`log_min_duration_statement = 0`; "
                   "full list in `bench-data/results/%s-units-phases.txt`):\n" % scale)
        out.append("| ms | statement (abridged) |")
        out.append("|---:|---|")
        for k in sorted(phases, key=lambda k: int(k.rsplit(".", 1)[1])):
            ms, sql = kv[k].split("\t", 1) if "\t" in kv[k] else (kv[k], "")
            out.append("| %s | `%s` |" % (fmt_int(ms), sql[:220].replace("|", "\\|").replace("`", "'")))
        out.append("")
    if "dir.s" not in kv:
        out.append("**2. Full `load --dir`**: not measured in this run (it was stopped before; see the text above).%s\n" % (
            (" Its baseline, the same files `\\copy`'d in one transaction into tables with %s: %s wall, %s rows/s." % (
                baseline_keys(kv), fmt_s(kv.get("dir.copy.s")), fmt_int(kv.get("dir.copy.rps"))))
            if "dir.copy.s" in kv else ""))
        if "reports.names" not in kv:
            out.append("**3. Reports**: not measured in this run (they need the `--dir` load).\n")
            if "startup.ms" in kv:
                out.append("**4. Start-up** `propledger --help`: median %s over %s runs (%s).\n" % (
                    fmt_ms(kv.get("startup.ms")), kv.get("startup.runs", "?"), kv.get("startup.tool", "?")))
            return "\n".join(out) + "\n"
        return "\n".join(out + reports_section(kv, scale)) + "\n"
    out.append("**2. Full `load --dir`** (all %s files, one transaction, fresh database): %s wall, %s rows/s, peak RSS %s MB.\n" % (
        kv.get("dir.files", "?"), fmt_s(kv.get("dir.s")), fmt_int(kv.get("dir.rps")),
        "%.1f" % (num(kv.get("dir.rss_kb")) / 1024) if num(kv.get("dir.rss_kb")) else "—"))
    ds, cs = num(kv.get("dir.s")), num(kv.get("dir.copy.s"))
    if cs:
        out.append("Its baseline: the same files `\\copy`'d in one transaction into tables with %s (step 2a%s): "
                   "%s wall, %s rows/s — the load takes **%s** its time.\n" % (
                       baseline_keys(kv), "; " + kv["dir.copy.run"] if "dir.copy.run" in kv else "",
                       fmt_s(kv.get("dir.copy.s")), fmt_int(kv.get("dir.copy.rps")),
                       "%.2f×" % (ds / cs) if ds else "—"))
    dphases = [k for k in kv if k.startswith("dir.phase.")]
    if dphases:
        out.append("Slowest statements of the `--dir` load (full list in `bench-data/results/%s-dir-phases.txt`):\n" % scale)
        out.append("| ms | statement (abridged) |")
        out.append("|---:|---|")
        for k in sorted(dphases, key=lambda k: int(k.rsplit(".", 1)[1])):
            ms, sql = kv[k].split("\t", 1) if "\t" in kv[k] else (kv[k], "")
            out.append("| %s | `%s` |" % (fmt_int(ms), sql[:220].replace("|", "\\|").replace("`", "'")))
        out.append("")
    funcs = [k for k in kv if k.startswith("dir.function.")]
    if funcs:
        out.append("Functions and triggers of the `--dir` load by total time (`track_functions = all`, "
                   "`pg_stat_user_functions`; nested calls count in both caller and callee):\n")
        out.append("| function | calls | total ms | self ms |")
        out.append("|---|---:|---:|---:|")
        for k in sorted(funcs, key=lambda k: int(k.rsplit(".", 1)[1])):
            f = (kv[k].split("\t") + ["", "", ""])[:4]
            out.append("| `%s` | %s | %s | %s |" % (f[0], fmt_int(f[1]), fmt_int(f[2]), fmt_int(f[3])))
        out.append("")
    return "\n".join(out + reports_section(kv, scale)) + "\n"


def baseline_keys(kv):
    """What the --dir baseline's tables hold (dir.copy.keys; runs before it was written had no exclusion constraints)."""
    return "the ledger's %s" % kv.get("dir.copy.keys", "unique indexes and foreign keys (no exclusion constraints)")


def reports_section(kv, scale):
    """Steps 3 (reports), 3b (the projects list streamed) and 4 (start-up) of one scale."""
    out = []
    if "reports.fill" in kv:
        out.append("The reports below ran on a database filled %s, not by the `--dir` load "
                   "(`--fill-by-copy`; the kept results then computed by `ledger.refresh_kept()` in %s s).\n" % (
                       kv["reports.fill"], kv.get("reports.refresh_kept.s", "?")))
    out.append("**3. Reports** (wall time of the CLI as a city-wide reader role, `--format table` to /dev/null, "
               "median of %s runs; `--district %s` for the filtered column. \"SQL\" is the report statement's "
               "duration in one more run under auto_explain (EXPLAIN ANALYZE BUFFERS, so with timing overhead), "
               "\"JIT\" the part of it PostgreSQL spent compiling the query with LLVM; plans in "
               "`bench-data/plans/%s/`)\n" % (kv.get("reports.runs", "5"), kv.get("reports.district", "?"), scale))
    out.append("| report | rows | all | SQL | JIT | `--district` | SQL | JIT |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in kv.get("reports.names", "").split():
        k = "report." + name
        jit = lambda v: fmt_ms(kv.get(k + "." + v + ".jit_ms")) if num(kv.get(k + "." + v + ".jit_ms")) else "—"
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            kv.get(k + ".label", name), fmt_int(kv.get(k + ".all.rows")), fmt_ms(kv.get(k + ".all.ms")),
            fmt_ms(kv.get(k + ".all.sql_ms")), jit("all"), fmt_ms(kv.get(k + ".district.ms", "n/a")),
            fmt_ms(kv.get(k + ".district.sql_ms")), jit("district")))
    out.append("")
    once = [kv.get("report.%s.label" % n, n) + (" --district" if v == "district" else "")
            for n in kv.get("reports.names", "").split() for v in ("all", "district")
            if kv.get("report.%s.%s.n" % (n, v)) == "1"]
    if once:
        out.append("Timed once (the warm-up took over 10 s): %s.\n" % ", ".join(once))
    if "report.projects.csv.s" in kv:
        out.append("**3b. The projects list streamed** (%s rows; stdout a file, so written row by row): "
                   "`--format csv` %s (%s MB, peak RSS %s MB), `--format json` %s (%s MB, peak RSS %s MB).\n" % (
                       fmt_int(kv.get("report.projects.all.rows")),
                       fmt_s(kv.get("report.projects.csv.s"), 2), kv.get("report.projects.csv.mb", "?"),
                       "%.1f" % (num(kv.get("report.projects.csv.rss_kb")) / 1024) if num(kv.get("report.projects.csv.rss_kb")) else "—",
                       fmt_s(kv.get("report.projects.json.s"), 2), kv.get("report.projects.json.mb", "?"),
                       "%.1f" % (num(kv.get("report.projects.json.rss_kb")) / 1024) if num(kv.get("report.projects.json.rss_kb")) else "—"))
    out.append("**4. Start-up** `propledger --help`: median %s over %s runs (%s).\n" % (
        fmt_ms(kv.get("startup.ms")), kv.get("startup.runs", "?"), kv.get("startup.tool", "?")))
    return out


# The reports that aggregate (one row per district, company, compound or group): issue 16's "every aggregate
# report < 1 s at province". The others list rows (projects: 200,000 at province) or show one thing.
AGGREGATE_REPORTS = ("clearance", "party-coverage", "funding", "fund", "companies", "recommend", "committees")


def targets(r):
    city, prov = r.get("city", {}), r.get("province", {})
    out = ["| target | figure | met? |", "|---|---|---|"]
    for scale in ("city", "province"):
        kv = r.get(scale, {})
        lr, cr = num(kv.get("units.loader.rps")), num(kv.get("units.copy_fk.rps"))
        if lr and cr:
            ratio = lr / cr
            out.append("| units load ≥ 0.8× `\\copy`+FK throughput (%s) | %s ÷ %s rows/s = **%.2f×** | %s |" % (
                scale, fmt_int(lr), fmt_int(cr), ratio, "yes" if ratio >= 0.8 else "**no**"))
        ds, cs = num(kv.get("dir.s")), num(kv.get("dir.copy.s"))
        if ds and cs:
            out.append("| `load --dir` ≤ 2× its `\\copy` baseline (%s) | %s ÷ %s = **%.2f×** | %s |" % (
                scale, fmt_s(ds), fmt_s(cs), ds / cs, "yes" if ds / cs <= 2 else "**no**"))
    for scale in ("city", "province"):
        kv = r.get(scale, {})
        cs, js = num(kv.get("report.projects.csv.s")), num(kv.get("report.projects.json.s"))
        if cs is not None and js is not None:
            rows = num(kv.get("report.projects.all.rows"))
            ok = cs < 3 and js < 3
            out.append("| projects list as CSV/JSON < 3 s at 200,000 rows (%s: %s rows) | csv %.2f s, json %.2f s | %s |" % (
                scale, fmt_int(rows), cs, js,
                ("yes" if ok else "**no**") if rows and rows >= 200000 else ("on course" if ok else "**no**")))
    c_rss, p_rss = num(city.get("units.loader.rss_kb")), num(prov.get("units.loader.rss_kb"))
    if p_rss:
        flat = (" ; city %.1f MB → province %.1f MB (%.2f×)" % (c_rss / 1024, p_rss / 1024, p_rss / c_rss)) if c_rss else ""
        ok = p_rss < 100 * 1024 and (not c_rss or p_rss / c_rss < 1.5)
        out.append("| loader < 100 MB RSS at 10M units, flat in file size | %.1f MB%s | %s |" % (
            p_rss / 1024, flat, "yes" if ok else "**no**"))
    elif c_rss:
        out.append("| loader < 100 MB RSS at 10M units, flat in file size | city (1M units) only: %.1f MB; no province run | not measured |" % (c_rss / 1024))
    if prov.get("reports.names"):
        worst, slow = 0.0, []
        for name in (n for n in prov["reports.names"].split() if n in AGGREGATE_REPORTS):
            for v in ("all", "district"):
                ms = num(prov.get("report.%s.%s.ms" % (name, v)))
                if ms is not None:
                    worst = max(worst, ms)
                    if ms >= 1000:
                        slow.append("%s%s %.1f s" % (name, " --district" if v == "district" else "", ms / 1000))
        out.append("| every aggregate report < 1 s at province scale (%s) | slowest %.2f s%s | %s |" % (
            ", ".join(AGGREGATE_REPORTS),
            worst / 1000, ("; over 1 s: " + ", ".join(slow)) if slow else "", "yes" if not slow else "**no**"))
        over = []
        checked = 0
        for name in prov["reports.names"].split():
            p = num(prov.get("report.%s.district.ms" % name))
            c = num(city.get("report.%s.district.ms" % name))
            if p is not None and c:
                checked += 1
                if p > 2 * c:
                    over.append("%s %.1f×" % (name, p / c))
        out.append("| `--district` at province ≤ 2× city | %d reports compared%s | %s |" % (
            checked, ("; over 2×: " + ", ".join(over)) if over else "", "yes" if not over and checked else "**no**"))
    else:
        out.append("| every aggregate report < 1 s at province scale | no province run recorded | not measured |")
        out.append("| `--district` at province ≤ 2× city | no province run recorded | not measured |")
    return "\n".join(out) + "\n"


def machine(r):
    kv = r.get("machine", {})
    out = ["| | |", "|---|---|"]
    for k, label in (("cpu", "CPU"), ("nproc", "nproc"), ("mem", "memory"), ("os", "OS"), ("swift", "swift --version"),
                     ("postgres", "PostgreSQL"), ("cluster", "cluster settings (ops/pg + bench)"),
                     ("tools", "tools")):
        out.append("| %s | %s |" % (label, kv.get(k, "?").replace("|", "\\|")))
    return "\n".join(out) + "\n"


def replace_section(text, name, body):
    begin, end = "<!-- bench:%s:begin -->" % name, "<!-- bench:%s:end -->" % name
    if begin not in text or end not in text:
        return text.rstrip("\n") + "\n\n%s\n%s%s\n" % (begin, body, end)
    a = text.index(begin) + len(begin)
    b = text.index(end)
    return text[:a] + "\n" + body + text[b:]


def doc(results_dir, path):
    r = load_results(results_dir)
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    text = replace_section(text, "machine", machine(r))
    text = replace_section(text, "targets", targets(r))
    text = replace_section(text, "city", scale_table(r, "city"))
    text = replace_section(text, "province", scale_table(r, "province"))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


NUMBER = re.compile(r"^-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?$")


def xlsx(src, out):
    """CSV -> .xlsx: the sheet streamed into the archive, shared strings written after it."""
    def col(i):
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = chr(65 + r) + name
        return name
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006"
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    strings, order = {}, []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", head + '<Types xmlns="%s/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                   '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                   '</Types>' % pkg)
        z.writestr("_rels/.rels", head + '<Relationships xmlns="%s/relationships"><Relationship Id="rId1" '
                   'Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (pkg, rel))
        z.writestr("xl/workbook.xml", head + '<workbook xmlns="%s" xmlns:r="%s"><sheets><sheet name="Sheet1" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>' % (main, rel))
        z.writestr("xl/_rels/workbook.xml.rels", head + '<Relationships xmlns="%s/relationships">'
                   '<Relationship Id="rId1" Type="%s/worksheet" Target="worksheets/sheet1.xml"/>'
                   '<Relationship Id="rId2" Type="%s/sharedStrings" Target="sharedStrings.xml"/></Relationships>' % (pkg, rel, rel))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet, open(src, encoding="utf-8-sig", newline="") as f:
            sheet.write((head + '<worksheet xmlns="%s"><sheetData>' % main).encode())
            buf = []
            for r, row in enumerate(csv.reader(f), start=1):
                cells = []
                for c, v in enumerate(row):
                    if v == "":
                        continue
                    ref = "%s%d" % (col(c), r)
                    if r > 1 and NUMBER.match(v):
                        cells.append('<c r="%s"><v>%s</v></c>' % (ref, v))
                    else:
                        i = strings.get(v)
                        if i is None:
                            i = strings[v] = len(order)
                            order.append(v)
                        cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, i))
                buf.append('<row r="%d">%s</row>' % (r, "".join(cells)))
                if len(buf) >= 10000:
                    sheet.write("".join(buf).encode())
                    buf = []
            sheet.write(("".join(buf) + "</sheetData></worksheet>").encode())
        z.writestr("xl/sharedStrings.xml", head + '<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (
            main, len(order), len(order), "".join("<si><t>%s</t></si>" % escape(v) for v in order)))


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    cmd, args = argv[1], argv[2:]
    if cmd == "timev":
        timev(*args)
    elif cmd == "median":
        median(args)
    elif cmd == "reports":
        reports(*args)
    elif cmd == "phases":
        phases(*args)
    elif cmd == "slice":
        slice_(*args)
    elif cmd == "plansummary":
        plansummary(*args)
    elif cmd == "doc":
        doc(*args)
    elif cmd == "xlsx":
        xlsx(*args)
    elif cmd == "table":
        r = load_results(args[0])
        print(scale_table(r, args[1]))
        print(targets(r))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
