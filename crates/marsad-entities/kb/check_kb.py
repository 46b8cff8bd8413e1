#!/usr/bin/env python3
"""Validate the Marsad entity knowledge base (the *.tsv files beside this script).

Checks: exact header line, column count per row, unique ids (within and across files),
id prefix and slug shape, country references resolve to countries.tsv, non-empty
`arabic`, no leading/trailing whitespace in any cell or line, well-formed `|` lists,
Wikidata ids shaped like Q123 and not reused, Arabic-script name columns, and that every
country capital is listed in cities.tsv. Prints row counts per file; exits 1 on errors.

Usage: python3 check_kb.py [-v] [KB_DIR]   (-v also lists warnings: shared names, cities without a country)
"""
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HEADERS = {
    "countries.tsv": ["id", "english", "arabic", "variants", "demonym_m", "demonym_f",
                      "demonym_pl", "capital", "iso2", "wikidata"],
    "cities.tsv": ["id", "english", "arabic", "variants", "country", "wikidata"],
    "people.tsv": ["id", "english", "arabic", "variants", "role", "country", "wikidata"],
    "orgs.tsv": ["id", "english", "arabic", "variants", "kind", "country", "wikidata"],
}
PREFIX = {"countries.tsv": "country", "cities.tsv": "city", "people.tsv": "person", "orgs.tsv": "org"}
# Columns whose values are Arabic-script names (may hold several values separated by `|`).
ARABIC_COLS = {"arabic", "variants", "demonym_m", "demonym_f", "demonym_pl", "capital"}
MULTI_COLS = {"variants", "demonym_m", "demonym_f", "demonym_pl", "capital"}
ORG_KINDS = {
    "intergovernmental", "un-body", "un-agency", "eu-body", "alliance", "court",
    "armed-group", "army", "military", "intelligence", "political-party", "political-movement",
    "government-body", "ministry", "legislature", "central-bank", "news-agency", "media",
    "ngo", "company",
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QID = re.compile(r"^Q[1-9][0-9]*$")
LATIN = re.compile(r"[A-Za-z]")
EDGE_SPACE = " \u00a0\u200f\u200e\v\f"
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def load(path, errors):
    """Return (rows as dicts with line numbers) after structural checks."""
    name = path.name
    want = HEADERS[name]
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    else:
        errors.append(f"{name}: file does not end with a newline")
    if not lines or lines[0].split("\t") != want:
        errors.append(f"{name}:1: header must be exactly: {chr(9).join(want)!r}")
        return rows
    for no, line in enumerate(lines[1:], start=2):
        where = f"{name}:{no}"
        if "\r" in line:
            errors.append(f"{where}: carriage return")
        # Tabs are separators (an empty last cell leaves a trailing tab); other space is not.
        if line != line.strip(EDGE_SPACE):
            errors.append(f"{where}: leading or trailing whitespace on the line")
        if not line.strip():
            errors.append(f"{where}: blank line")
            continue
        if line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != len(want):
            errors.append(f"{where}: {len(cells)} columns, expected {len(want)}")
            continue
        row = dict(zip(want, cells))
        row["_where"] = where
        for col, val in row.items():
            if col.startswith("_"):
                continue
            if val != val.strip():
                errors.append(f"{where}: column {col!r} has leading/trailing whitespace")
            if "  " in val:
                errors.append(f"{where}: column {col!r} has a double space")
            if col in MULTI_COLS and val:
                parts = val.split("|")
                if any(p == "" or p != p.strip() for p in parts):
                    errors.append(f"{where}: column {col!r} has an empty or padded `|` item")
                dup = [p for p, c in Counter(parts).items() if c > 1]
                if dup:
                    errors.append(f"{where}: column {col!r} repeats {dup}")
            if col in ARABIC_COLS and val:
                if LATIN.search(val):
                    errors.append(f"{where}: column {col!r} contains Latin letters: {val!r}")
                for p in val.split("|"):
                    if not ARABIC_LETTER.search(p):
                        errors.append(f"{where}: column {col!r} item {p!r} has no Arabic letter")
        if not row["arabic"]:
            errors.append(f"{where}: empty `arabic`")
        if "|" in row["arabic"]:
            errors.append(f"{where}: `arabic` must be a single canonical name")
        if not row["english"]:
            errors.append(f"{where}: empty `english`")
        if row["arabic"] and row["arabic"] in row["variants"].split("|"):
            errors.append(f"{where}: a variant repeats the canonical `arabic`")
        prefix, _, slug = row["id"].partition(":")
        if prefix != PREFIX[name] or not SLUG.match(slug):
            errors.append(f"{where}: bad id {row['id']!r} (want {PREFIX[name]}:lowercase-slug)")
        qid = row["wikidata"]
        if qid and not QID.match(qid):
            errors.append(f"{where}: bad wikidata id {qid!r}")
        rows.append(row)
    return rows


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    kb = Path(args[0]) if args else Path(__file__).resolve().parent
    errors, warnings = [], []
    data = {}
    for name in HEADERS:
        path = kb / name
        if not path.exists():
            errors.append(f"{name}: missing")
            continue
        data[name] = load(path, errors)

    # Unique ids within and across files; Wikidata ids not reused.
    seen_id, seen_qid = {}, {}
    for name, rows in data.items():
        for r in rows:
            if r["id"] in seen_id:
                errors.append(f"{r['_where']}: duplicate id {r['id']} (first at {seen_id[r['id']]})")
            else:
                seen_id[r["id"]] = r["_where"]
            q = r["wikidata"]
            if q:
                if q in seen_qid:
                    errors.append(f"{r['_where']}: wikidata {q} already used at {seen_qid[q]}")
                else:
                    seen_qid[q] = r["_where"]

    countries = data.get("countries.tsv", [])
    country_ids = {r["id"] for r in countries}
    for r in countries:
        iso = r["iso2"]
        if not re.fullmatch(r"[A-Z]{2}", iso):
            errors.append(f"{r['_where']}: bad iso2 {iso!r}")
        elif r["id"] != "country:" + iso.lower():
            errors.append(f"{r['_where']}: id {r['id']} does not match iso2 {iso}")

    # Country references resolve.
    for name in ("cities.tsv", "people.tsv", "orgs.tsv"):
        for r in data.get(name, []):
            c = r["country"]
            if c and c not in country_ids:
                errors.append(f"{r['_where']}: country {c!r} is not an id in countries.tsv")
            if name == "cities.tsv" and not c:
                warnings.append(f"{r['_where']}: {r['id']} has no country (disputed or unknown)")
            if name == "people.tsv" and not r["role"]:
                errors.append(f"{r['_where']}: empty role")
            if name == "orgs.tsv" and r["kind"] not in ORG_KINDS:
                errors.append(f"{r['_where']}: unknown kind {r['kind']!r}")

    # Every capital named in countries.tsv is a city of that country in cities.tsv.
    city_names = defaultdict(set)
    for r in data.get("cities.tsv", []):
        for n in [r["arabic"]] + [v for v in r["variants"].split("|") if v]:
            city_names[r["country"]].add(n)
    for r in countries:
        for cap in [c for c in r["capital"].split("|") if c]:
            if cap not in city_names[r["id"]]:
                errors.append(f"{r['_where']}: capital {cap!r} has no city row with country {r['id']}")

    # Ambiguous surface names inside one file are allowed (two Tripolis) but listed.
    for name, rows in data.items():
        owners = defaultdict(set)
        for r in rows:
            for n in [r["arabic"]] + [v for v in r["variants"].split("|") if v]:
                owners[n].add(r["id"])
        for n, ids in sorted(owners.items()):
            if len(ids) > 1:
                warnings.append(f"{name}: name {n!r} is shared by {', '.join(sorted(ids))}")

    for name, rows in data.items():
        print(f"{name}: {len(rows)} rows")
    print(f"warnings: {len(warnings)}")
    if "-v" in sys.argv or "--verbose" in sys.argv:
        for w in warnings:
            print("  warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"errors: {len(errors)}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
