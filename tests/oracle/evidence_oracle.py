#!/usr/bin/env python3
"""Independent figures for `mentorkit progress --evidence`, from the folder.

Reads a program folder itself (program.toml, participants/*.yaml,
screening.yaml and the staff CSV that [evaluation] comparison names) and
computes every number of the evidence again, from the records, with scipy
and statsmodels (and, where statsmodels is known to misbehave, the root
searches of stats_oracle.py beside this file):

    python3 evidence_oracle.py FOLDER=YYYY-MM-DD [FOLDER=YYYY-MM-DD ...]

prints a JSON array with, per folder (counted as of its day), one object
keyed like the binary's JSON, but with figures,
comparisons, survey questions and competencies as maps (by measure, group,
question and competency) so the test can walk both side by side. Absent
values are null; a ratio or bound that is infinite is null too, as the
binary writes it.

What it does not do: it does not apply the [completion] rule (a folder whose
program has ended must record outcome.completed for every member), and it
reads competency names in ASCII only. Both are refused with exit 1.

Needs Python 3.11 (tomllib), PyYAML, scipy and statsmodels:
    python3 -m pip install pyyaml scipy statsmodels
"""

import argparse
import calendar
import csv
import datetime as dt
import json
import math
import os
import re
import sys

import numpy as np
import tomllib
import yaml
from scipy import stats
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stats_oracle  # noqa: E402  (the same directory)

LEVEL = 0.95
Z = float(stats.norm.ppf(0.5 + LEVEL / 2.0))
SMALL_N = 30


def refuse(message):
    sys.stderr.write(f"evidence_oracle: {message}\n")
    sys.exit(1)


def finite(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None


def day(value):
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def add_months(d, months):
    """The calendar day `months` later, the day of the month cut to its end."""
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def full_years(since, until):
    years = until.year - since.year - ((until.month, until.day) < (since.month, since.day))
    return max(years, 0)


def band(hired, start):
    years = full_years(hired, start)
    return 0 if years <= 1 else 1 if years <= 4 else 2 if years <= 9 else 3


def slug(text):
    if any(ord(c) > 127 for c in text):
        refuse(f"competency {text!r} is not ASCII")
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out[:60].rstrip("-")


# ------------------------------------------------------------------ reading


class Person:
    """What the evidence needs of a person or a staff row."""

    def __init__(self, hired, promoted, left, department, certifications):
        self.hired = hired
        self.promoted = promoted
        self.left = left
        self.department = department
        # None: the source lists no certifications at all.
        self.certifications = certifications


def read_folder(root):
    with open(os.path.join(root, "program.toml"), "rb") as f:
        program = tomllib.load(f)
    people = {}
    pdir = os.path.join(root, "participants")
    for name in sorted(os.listdir(pdir)):
        if name.endswith(".yaml"):
            with open(os.path.join(pdir, name), encoding="utf-8") as f:
                people[name[: -len(".yaml")]] = yaml.safe_load(f)
    screening = None
    path = os.path.join(root, "screening.yaml")
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            screening = {k: v["decision"] for k, v in (yaml.safe_load(f).get("decisions") or {}).items()}
    return program, people, screening


def person_of(record):
    outcome = record.get("outcome") or {}
    department = (record.get("department") or "").strip() or None
    return Person(
        day(record.get("hired")),
        day(outcome.get("promoted")),
        day(outcome.get("left")),
        department,
        sorted(day(c["date"]) for c in record.get("certifications") or []),
    )


HEADERS = {
    "hired": ["hired", "hire date", "hire_date", "date hired", "start date"],
    "promoted": ["promoted", "promotion date", "promotion_date", "date promoted"],
    "left": ["left", "left on", "separation date", "separation_date", "termination date", "end date"],
    "department": ["department", "dept", "department name"],
    "certifications": ["certifications", "certification", "certified"],
}


def read_staff(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    headers = [h.strip().lower() for h in rows[0]]

    def column(key):
        for name in HEADERS[key]:
            if name in headers:
                return headers.index(name)
        return None

    cols = {k: column(k) for k in HEADERS}
    staff = []
    for row in rows[1:]:
        if not any(c.strip() for c in row):
            continue
        cell = lambda k: row[cols[k]].strip() if cols[k] is not None and cols[k] < len(row) else ""
        certs = None
        if cols["certifications"] is not None:
            certs = sorted(
                dt.date.fromisoformat(item.strip().rstrip(")").strip()[-10:])
                for item in cell("certifications").split(";")
                if item.strip()
            )
        staff.append(Person(day(cell("hired")), day(cell("promoted")), day(cell("left")),
                            cell("department") or None, certs))
    return staff


# ------------------------------------------------------------------ figures


def employed_on(p, d):
    return (p.hired is None or p.hired <= d) and (p.left is None or p.left >= d)


def counts(kind, p, start, on):
    if kind == "retention":
        return p.left is None or p.left > on
    if kind == "promotion":
        return p.promoted is not None and start <= p.promoted <= on
    return p.certifications is not None and any(start <= c <= on for c in p.certifications)


def wilson(k, n):
    if n == 0:
        return None, None
    lo, hi = proportion_confint(k, n, alpha=1 - LEVEL, method="wilson")
    lo = 0.0 if k == 0 else max(lo, 0.0)
    hi = 1.0 if k == n else min(hi, 1.0)
    return float(lo), float(hi)


def proportion(k, n):
    lo, hi = wilson(k, n)
    return {"count": k, "n": n, "rate": k / n if n else None, "low": lo, "high": hi}


def survival(at_start, start, as_of, on):
    """Kaplan–Meier (statsmodels) read on `on`, with the log-log interval, or
    Wilson's where the estimate is 0 or 1."""
    follow = (as_of - start).days
    times, status = [], []
    for p in at_start:
        if p.left is not None and p.left <= as_of:
            times.append((p.left - start).days)
            status.append(1)
        else:
            times.append(follow)
            status.append(0)
    t = (on - start).days
    n = len(times)
    s, se = 1.0, 0.0
    steps = []
    if any(status):
        fit = SurvfuncRight(np.array(times, dtype=float), np.array(status))
        for time, sp, sse in zip(fit.surv_times, fit.surv_prob, fit.surv_prob_se):
            steps.append((float(time), float(sp), float(sse)))
            if time <= t:
                s, se = float(sp), float(sse)
    if 0.0 < s < 1.0:
        sigma = math.sqrt(se ** 2 / (s * math.log(s)) ** 2)
        low, high, how = s ** math.exp(Z * sigma), s ** math.exp(-Z * sigma), "log-log"
    else:
        low, high = wilson(round(s * n), n)
        how = "wilson"
    curve = []
    for time, sp, sse in steps:
        if 0.0 < sp < 1.0:
            sigma = math.sqrt(sse ** 2 / (sp * math.log(sp)) ** 2)
            curve.append({"days": time, "survival": sp,
                          "low": sp ** math.exp(Z * sigma), "high": sp ** math.exp(-Z * sigma)})
        else:
            curve.append({"days": time, "survival": sp, "low": sp, "high": sp})
    return {
        "estimate": s, "low": low, "high": high, "interval": how, "at_start": n,
        "followed": sum(1 for x in times if x > t),
    }, curve


def ratio(k1, n1, k2, n2):
    r = stats_oracle.ratio({"x1": k1, "n1": n1, "x2": k2, "n2": n2, "level": LEVEL})
    point = "finite" if r["point"] not in (None, "inf") else ("infinite" if r["point"] == "inf" else "undefined")
    value = r["point"] if point == "finite" else None
    return {"value": value, "low": finite(r["lower"]) if r["lower"] != "inf" else None,
            "high": finite(r["upper"]) if r["upper"] != "inf" else None, "point": point}


def difference(k1, n1, k2, n2):
    lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method="newcomb", compare="diff", alpha=1 - LEVEL)
    d = k1 / n1 - k2 / n2
    return {"value": d, "low": max(float(lo), -1.0), "high": min(float(hi), 1.0)}


def fisher(k1, n1, k2, n2):
    f = stats_oracle.fisher({"x1": k1, "n1": n1, "x2": k2, "n2": n2})
    return {"p_value": f["p"], "mid_p": f["mid_p"]}


def mantel_haenszel(kind, ours, theirs, start, on, by_department):
    cells = {}
    left_out = [0, 0]
    for side, people in enumerate((ours, theirs)):
        for p in people:
            if p.hired is None or (by_department and p.department is None):
                left_out[side] += 1
                continue
            key = (band(p.hired, start), p.department.strip().lower() if by_department else "")
            cell = cells.setdefault(key, [[0, 0], [0, 0]])
            cell[side][0] += int(counts(kind, p, start, on))
            cell[side][1] += 1
    r = s = v = 0.0
    used, tables = 0, []
    for (a, n1), (c, n2) in cells.values():
        if n1 == 0 or n2 == 0:
            continue
        used += 1
        n = n1 + n2
        r += a * n2 / n
        s += c * n1 / n
        v += (n1 * n2 * (a + c) / n - a * c) / n
        tables.append(np.array([[a, n1 - a], [c, n2 - c]], dtype=float))
    out = {"strata_used": used, "strata_skipped": len(cells) - used,
           "participants_left_out": left_out[0], "comparison_left_out": left_out[1],
           "by": ["tenure band", "department"] if by_department else ["tenure band"]}
    if used == 0 or (r == 0 and s == 0):
        out["ratio"] = None
        return out
    if s == 0:
        out["ratio"] = {"value": None, "low": None, "high": None, "point": "infinite"}
        return out
    point = r / s
    if r == 0:
        out["ratio"] = {"value": 0.0, "low": None, "high": None, "point": "finite"}
        return out
    pooled = StratifiedTable(tables).riskratio_pooled
    if abs(pooled - point) > 1e-9 * point:
        refuse(f"statsmodels' pooled ratio {pooled} differs from {point}")
    if v <= 0:
        # Everyone alike within each stratum: no interval.
        out["ratio"] = {"value": point, "low": None, "high": None, "point": "finite"}
        return out
    se = math.sqrt(v / (r * s))
    out["ratio"] = {"value": point, "low": math.exp(math.log(point) - Z * se),
                    "high": math.exp(math.log(point) + Z * se), "point": "finite"}
    return out


MEASURES = [
    ("retention-1y", "retention", 1),
    ("retention-3y", "retention", 3),
    ("promotion-3y", "promotion", 3),
    ("certification-1y", "certification", 1),
]


def window_figure(kind, years, groups, start, as_of):
    closes = add_months(start, 12 * years)
    if as_of < start:
        return {"reading": "not-started", "participants": {"count": None, "n": None, "rate": None,
                                                           "low": None, "high": None},
                "survival": None, "comparisons": {}, "counted_to": None}
    on = min(closes, as_of)
    ours = [p for p in groups["participants"]["people"] if employed_on(p, start)]
    k1, n1 = sum(counts(kind, p, start, on) for p in ours), len(ours)
    out = {"reading": "so-far" if as_of < closes else "final", "participants": proportion(k1, n1),
           "counted_to": on.isoformat(), "small_sample": n1 < SMALL_N, "comparisons": {},
           "survival": survival(ours, start, as_of, on)[0] if kind == "retention" and n1 > 0 else None}
    for key, g in groups.items():
        if key == "participants" or (kind == "certification" and not g["certifications"]):
            continue
        theirs = [p for p in g["people"] if employed_on(p, start)]
        k2, n2 = sum(counts(kind, p, start, on) for p in theirs), len(theirs)
        c = {"proportion": proportion(k2, n2), "small_sample": n2 < SMALL_N}
        if n1 > 0 and n2 > 0:
            c["ratio"] = ratio(k1, n1, k2, n2)
            c["difference"] = difference(k1, n1, k2, n2)
            c["fisher"] = fisher(k1, n1, k2, n2)
            p = c["fisher"]["p_value"]
            c["verdict"] = "no-clear-difference" if p >= 0.05 else ("higher" if k1 / n1 > k2 / n2 else "lower")
            if any(q.hired is not None for q in g["people"]):
                by_department = (any(q.department for q in g["people"])
                                 and any(q.department for q in groups["participants"]["people"]))
                c["stratified"] = mantel_haenszel(kind, ours, theirs, start, on, by_department)
            else:
                c["stratified"] = None
        else:
            c.update({"ratio": None, "difference": None, "fisher": None, "verdict": "not-compared",
                      "stratified": None})
        out["comparisons"][key] = c
    return out


def paired(pairs):
    """Mean change, t interval cut to ±4 (none for one pair or no spread),
    and the Wilcoxon signed-rank p."""
    d = np.array([b - a for a, b in pairs], dtype=float)
    n = len(d)
    out = {"n": n, "pre_mean": None, "post_mean": None, "change": None, "low": None, "high": None,
           "clamped": False, "improved": int((d > 0).sum()), "unchanged": int((d == 0).sum()),
           "declined": int((d < 0).sum()), "wilcoxon_p": None}
    if n == 0:
        return out
    out["pre_mean"] = float(np.mean([a for a, _ in pairs]))
    out["post_mean"] = float(np.mean([b for _, b in pairs]))
    out["change"] = float(d.mean())
    if n > 1 and d.std() > 0:
        ci = stats.ttest_1samp(d, 0.0).confidence_interval(confidence_level=LEVEL)
        lo, hi = float(ci.low), float(ci.high)
        out["clamped"] = lo < -4 or hi > 4
        out["low"], out["high"] = max(lo, -4.0), min(hi, 4.0)
    if not (d != 0).any():
        out["wilcoxon_p"] = 1.0
    else:
        out["wilcoxon_p"] = stats_oracle.wilcoxon({"d": list(d)})["p"]
    return out


def survey_figures(members):
    questions = sorted({q for _, r in members for s in ("pre", "post")
                        for q in ((r.get("surveys") or {}).get(s) or {})})
    out = {}
    for q in questions:
        pairs, only_pre, only_post = [], 0, 0
        for _, r in members:
            s = r.get("surveys") or {}
            a, b = (s.get("pre") or {}).get(q), (s.get("post") or {}).get(q)
            if a is not None and b is not None:
                pairs.append((a, b))
            elif a is not None:
                only_pre += 1
            elif b is not None:
                only_post += 1
        out[q] = paired(pairs) | {"only_pre": only_pre, "only_post": only_post}
    return out


def competency_figures(members):
    chosen = {}
    for _, r in members:
        own = []
        for c in r.get("competencies") or []:
            key = slug(c)
            if key and key not in own:
                own.append(key)
                chosen.setdefault(key, [c.strip(), []])[1].append(r)
    out = {}
    for key, (name, who) in sorted(chosen.items()):
        def answer(r, survey):
            answers = (r.get("surveys") or {}).get(survey) or {}
            for q in sorted(answers):
                if slug(q) == key:
                    return q, answers[q]
            return None, None
        question = None
        pairs, only_pre, only_post = [], 0, 0
        for r in who:
            qa, a = answer(r, "pre")
            qb, b = answer(r, "post")
            question = question or qa or qb
            if a is not None and b is not None:
                pairs.append((a, b))
            elif a is not None:
                only_pre += 1
            elif b is not None:
                only_post += 1
        out[name] = {"chosen": len(who), "question": question,
                     "paired": paired(pairs) | {"only_pre": only_pre, "only_post": only_post}}
    return out


def evidence(root, as_of):
    program, people, screening = read_folder(root)
    p = program["program"]
    start = day(p.get("starts")) or day((program.get("schedule") or {}).get("first"))
    if start is None:
        refuse("the oracle needs [program] starts or [schedule] first")
    ends = day(p.get("ends"))
    mentees = {i: r for i, r in people.items() if r.get("role") == "mentee"}
    if screening is None:
        members = sorted(mentees.items())
        applicants = []
    else:
        members = sorted((i, r) for i, r in mentees.items() if screening.get(i) == "accepted")
        applicants = sorted((i, r) for i, r in mentees.items()
                            if screening.get(i) in ("waitlisted", "ineligible"))
    groups = {"participants": {"people": [person_of(r) for _, r in members], "certifications": True}}
    comparison = (program.get("evaluation") or {}).get("comparison")
    if comparison:
        staff = read_staff(os.path.join(root, comparison.strip()))
        groups["staff"] = {"people": staff,
                           "certifications": any(s.certifications is not None for s in staff)}
    if applicants:
        groups["applicants"] = {"people": [person_of(r) for _, r in applicants],
                                "certifications": any(r.get("certifications") for _, r in applicants)}
    figures = {}
    for measure, kind, years in MEASURES:
        figures[measure] = window_figure(kind, years, groups, start, as_of)
    known = []
    ended = ends is not None and ends < as_of
    for i, r in members:
        done = (r.get("outcome") or {}).get("completed")
        if done is None and ended:
            refuse(f"{i} has no outcome.completed and the program has ended: the oracle does not apply the rule")
        if done is not None:
            known.append(bool(done))
    if as_of < start:
        figures["completion"] = {"reading": "not-started", "participants": {
            "count": None, "n": None, "rate": None, "low": None, "high": None}}
    else:
        figures["completion"] = {"participants": proportion(sum(known), len(known)),
                                 "small_sample": len(known) < SMALL_N}
    curves = {}
    if as_of >= start:
        for key, g in groups.items():
            at = [q for q in g["people"] if employed_on(q, start)]
            if at:
                curves[key] = survival(at, start, as_of, as_of)[1]
    return {
        "cohort": len(members),
        "start": start.isoformat(),
        "followed_years": (as_of - start).days / 365.25 if as_of >= start else None,
        "figures": figures,
        "surveys": survey_figures(members),
        "competencies": competency_figures(members),
        "curves": curves,
    }


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("cases", nargs="+", metavar="FOLDER=YYYY-MM-DD")
    a = args.parse_args()
    out = []
    for case in a.cases:
        folder, _, as_of = case.rpartition("=")
        out.append(evidence(folder, dt.date.fromisoformat(as_of)))
    json.dump(out, sys.stdout, allow_nan=False, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
