#!/usr/bin/env python3
"""Builds ops/sample/as-sent/ from ops/sample/*.csv: the same sample district as offices send it.

    PGDATABASE=... python3 ops/sample/as-sent/build.py   # needs a migrated database, the built
                                                        # .build/debug/propledger and LibreOffice (soffice)

- csv/KIND.csv: GB18030 (what Excel on Chinese Windows saves as "CSV"), with the Chinese header labels of
  the registry (staging.load_columns, read through `propledger template KIND --lang zh`), CRLF line ends.
- xlsx/KIND.xlsx: the UTF-8 twin of each file opened in LibreOffice Calc headless and saved as .xlsx, with
  code columns imported as text (as a clerk formats them, and as `propledger template` does), dates as
  dates and numbers as numbers — so the workbook holds typed cells: date serials, numbers, shared strings.

Enumerations are written in Chinese (the labels of staging.value_labels) in both sets; the CSV set also
writes amounts with thousands separators (`39,600.00`), dates as `2026年3月5日` and percentages as `35%`,
as Excel on Chinese Windows shows them; the workbooks keep typed cells (numbers, date serials). Tests/PropLedgerCLITests/AsSentSampleTests proves both sets load to exactly
the ledger ops/sample gives.
"""
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(SAMPLE))
PROPLEDGER = os.path.join(ROOT, ".build", "debug", "propledger")

# Columns a clerk formats as text in Excel (codes and the like); every other column is imported as
# LibreOffice's "standard" (numbers as numbers), and columns ending in _on/_start/_end as dates (Y-M-D).
TEXT_COLUMNS = {"building", "unit_no", "scope_buildings", "period", "payer", "host_key", "voucher_no", "item_no"}
DATE_SUFFIXES = ("_on", "deadline", "term_start", "term_end")


def read_sample(kind):
    """The rows of ops/sample/KIND.csv, header first, whatever its encoding."""
    raw = open(os.path.join(SAMPLE, kind + ".csv"), "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("gb18030")
    return list(csv.reader(io.StringIO(text)))


def labels(kind):
    """English name → Chinese label, from the registry via `propledger template`."""
    def header(lang):
        out = subprocess.run([PROPLEDGER, "template", kind, "--lang", lang, "--format", "csv"],
                             check=True, capture_output=True, text=True).stdout
        return next(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    return dict(zip(header("en"), header("zh")))


def value_labels():
    """(kind, column) → {code: Chinese label}, from staging.value_labels (migration 025): one source."""
    out = subprocess.run(["psql", "-XAt", "-F", "\t", "-c",
                          "SELECT kind, column_name, code, label_zh FROM staging.value_labels"],
                         check=True, capture_output=True, text=True).stdout
    table = {}
    for line in out.splitlines():
        kind, column, code, label = line.split("\t")
        table.setdefault((kind, column), {})[code] = label
    return table


def as_clerk_writes(column, value):
    """A cell as Excel on Chinese Windows shows it (SPEC §3.1): amounts with thousands separators, dates as
    2026年3月5日, percentages with %. The loader reads each back exactly."""
    if not value:
        return value
    if column.endswith("_yuan"):
        whole, _, cents = value.lstrip("-").partition(".")
        return ("-" if value.startswith("-") else "") + f"{int(whole):,}" + ("." + cents if cents else "")
    if column.endswith(DATE_SUFFIXES) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        y, m, d = value.split("-")
        return f"{int(y)}年{int(m)}月{int(d)}日"
    if column == "percent":
        return value + "%"
    return value


def column_format(name):
    """LibreOffice's CSV import format of a column: 2 text, 5 date (YMD), 1 standard."""
    if name in TEXT_COLUMNS or name.endswith("_code") or name.endswith("uscc"):
        return 2
    if name.endswith(DATE_SUFFIXES):
        return 5
    return 1


def main():
    kinds = sorted(f[:-4] for f in os.listdir(SAMPLE) if f.endswith(".csv"))
    for sub in ("csv", "xlsx"):
        shutil.rmtree(os.path.join(HERE, sub), ignore_errors=True)
        os.makedirs(os.path.join(HERE, sub))
    enumerations = value_labels()
    with tempfile.TemporaryDirectory() as work:
        for kind in kinds:
            rows = read_sample(kind)
            zh = labels(kind)
            english = [zh and next((en for en, label in zh.items() if label == cell), cell) for cell in rows[0]]
            header = [zh.get(name, name) for name in english]
            # Enumerations in Chinese, in both files (what a clerk types or picks).
            named = [[enumerations.get((kind, column), {}).get(cell, cell) for column, cell in zip(english, row)]
                     for row in rows[1:]]
            # The CSV as Excel writes it: amounts, dates and percentages in their Excel forms.
            typed = [[as_clerk_writes(column, cell) for column, cell in zip(english, row)] for row in named]
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows([header] + typed)
            with open(os.path.join(HERE, "csv", kind + ".csv"), "wb") as f:
                f.write(out.getvalue().encode("gb18030"))
            # The workbook keeps typed cells (numbers, dates) with the Chinese enumerations.
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerows([header] + named)
            utf8 = os.path.join(work, kind + ".csv")
            with open(utf8, "w", encoding="utf-8", newline="") as f:
                f.write(out.getvalue())
            formats = "/".join(f"{i + 1}/{column_format(name)}" for i, name in enumerate(english))
            # 44 comma, 34 quote, 76 UTF-8, start at row 1, then the column formats.
            subprocess.run(["soffice", "--headless", f"--infilter=CSV:44,34,76,1,{formats}",
                            "--convert-to", "xlsx", "--outdir", os.path.join(HERE, "xlsx"), utf8],
                           check=True, capture_output=True, env={**os.environ, "HOME": work})
    print(f"ops/sample/as-sent: {len(kinds)} kinds written as csv/ (GB18030) and xlsx/ (LibreOffice)")


if __name__ == "__main__":
    sys.exit(main())
