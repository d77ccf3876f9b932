#!/usr/bin/env python3
"""The script a data analyst would write instead of `mentorkit match`.

Reads a program folder (program.toml, participants/*.yaml with PyYAML's C
loader, screening.yaml), scores every pair as the specification says, solves
one-to-one / reverse with scipy's linear_sum_assignment on the matrix with a
column per mentor seat (capacity-expanded), peers with networkx's
max_weight_matching, writes matches.yaml and prints the total.

    python3 benches/matching_baseline.py FOLDER

Needs: pip install pyyaml scipy networkx
"""

import glob
import os
import sys
import tomllib

import networkx as nx
import numpy as np
import yaml
from scipy.optimize import linear_sum_assignment

DEFAULT_WEIGHTS = {"competency": 10, "cross_department": 3, "availability": 2, "modality": 2, "preference": 0}


def words(values):
    return {str(v).strip().lower() for v in values or []}


def load(folder):
    with open(os.path.join(folder, "program.toml"), "rb") as f:
        program = tomllib.load(f)
    people = {}
    for path in sorted(glob.glob(os.path.join(folder, "participants", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            people[os.path.basename(path)[:-5]] = yaml.load(f, Loader=yaml.CLoader)
    accepted = None
    screening = os.path.join(folder, "screening.yaml")
    if os.path.exists(screening):
        with open(screening, encoding="utf-8") as f:
            decisions = yaml.load(f, Loader=yaml.CLoader).get("decisions") or {}
        accepted = {pid for pid, d in decisions.items() if d.get("decision") == "accepted"}
    return program, people, accepted


def prepare(p):
    return {
        "comp": words(p.get("competencies")),
        "skills": words(p.get("skills")),
        "slots": words(p.get("availability")),
        "dept": str(p.get("department", "")).strip().lower(),
        "modality": p.get("modality", "hybrid"),
        "prefers": set(p.get("prefers") or []),
        "hired": p.get("hired"),
    }


def score(w, a, b, b_id, a_id=None, peer=False):
    slots = a["slots"] & b["slots"]
    if not slots:
        return None
    if peer:
        comp = len(a["comp"] & b["skills"]) + len(b["comp"] & a["skills"])
        pref = (b_id in a["prefers"]) + (a_id in b["prefers"])
    else:
        comp = len(a["comp"] & b["comp"])
        pref = b_id in a["prefers"]
    same_mode = a["modality"] == b["modality"] or "hybrid" in (a["modality"], b["modality"])
    return (
        w["competency"] * comp
        + w["cross_department"] * (a["dept"] != b["dept"])
        + w["availability"] * len(slots)
        + w["modality"] * same_mode
        + w["preference"] * pref
    )


def one_to_one(w, mentees, mentors, reverse):
    cols = [(t, prepare(p)) for t, p in mentors]
    rows = [(m, prepare(p)) for m, p in mentees]
    scores = np.zeros((len(rows), len(cols)))
    allowed = np.zeros((len(rows), len(cols)), dtype=bool)
    for i, (m, a) in enumerate(rows):
        for j, (t, b) in enumerate(cols):
            s = score(w, a, b, t)
            if s is None:
                continue
            if reverse and not (a["hired"] and b["hired"] and b["hired"] > a["hired"]):
                continue
            scores[i, j] = s
            allowed[i, j] = True
    # A column per seat: each mentor repeated `capacity` times.
    capacity = [int(p.get("capacity", 1)) for _, p in mentors]
    seat_mentor = np.repeat(np.arange(len(cols)), capacity)
    matrix = scores[:, seat_mentor]
    r, c = linear_sum_assignment(matrix, maximize=True)
    groups = {t: [] for t, _ in mentors}
    total = 0
    for i, j in zip(r, c):
        t = seat_mentor[j]
        if allowed[i, t]:
            groups[cols[t][0]].append(rows[i][0])
            total += int(scores[i, t])
    return [{"mentor": t, "mentees": sorted(ms)} for t, ms in groups.items()], total


def peers(w, mentees):
    info = [(m, prepare(p)) for m, p in mentees]
    g = nx.Graph()
    for i, (a_id, a) in enumerate(info):
        for b_id, b in info[i + 1:]:
            s = score(w, a, b, b_id, a_id, peer=True)
            if s is not None:
                g.add_edge(a_id, b_id, weight=s)
    pairs = nx.max_weight_matching(g)
    total = sum(g[a][b]["weight"] for a, b in pairs)
    return [{"peers": sorted([a, b])} for a, b in sorted(pairs)], total


def main():
    folder = sys.argv[1]
    program, people, accepted = load(folder)
    matching = program.get("matching", {})
    mode = matching.get("mode", "one-to-one")
    w = dict(DEFAULT_WEIGHTS, **matching.get("weights", {}))
    mentees = [(i, p) for i, p in people.items() if p["role"] == "mentee" and (accepted is None or i in accepted)]
    mentors = [(i, p) for i, p in people.items() if p["role"] == "mentor"]
    if mode == "peer":
        groups, total = peers(w, mentees)
    else:
        groups, total = one_to_one(w, mentees, mentors, mode == "reverse")
    with open(os.path.join(folder, "matches-baseline.yaml"), "w", encoding="utf-8") as f:
        yaml.dump({"mode": mode, "total": total, "matches": groups}, f, Dumper=yaml.CDumper, sort_keys=False)
    print(f"total {total}")


if __name__ == "__main__":
    main()
