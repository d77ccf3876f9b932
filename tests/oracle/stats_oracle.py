#!/usr/bin/env python3
"""Independent figures for mentorkit-stats, from scipy and statsmodels.

Reads {"cases": [...]} as JSON on stdin, each case an object with "id",
"kind" and its inputs; prints {"results": [...]} with, per case, the same
"id" and the oracle's figures. Infinite values are written as "inf", absent
ones as null. Where a library is known to misbehave (statsmodels' score
interval for a ratio, wrong at 0% and 100% and imprecise near them), the
figure comes from a root search written here from the definition instead
(a different formulation from the crate's: the restricted fit by a root
search on the likelihood, then Pearson's chi-square over the four cells),
and on the ordinary cases that search is checked against statsmodels. Any
disagreement inside the oracle is an error (exit 1).

Needs Python 3.11, scipy and statsmodels:
    python3 -m pip install scipy statsmodels
"""

import json
import math
import sys
import warnings
from fractions import Fraction

import numpy as np
from scipy import optimize, stats
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint


def out(x):
    """A float for JSON: "inf" for +infinity, None for NaN or nothing."""
    if x is None:
        return None
    x = float(x)
    if math.isnan(x):
        return None
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def z_of(level):
    return float(stats.norm.ppf(0.5 + level / 2.0))


# ---------------------------------------------------------------- proportions


def wilson(c):
    lo, hi = proportion_confint(c["x"], c["n"], alpha=1 - c["level"], method="wilson")
    return {"lower": out(max(lo, 0.0)), "upper": out(min(hi, 1.0))}


def difference(c):
    lo, hi = confint_proportions_2indep(
        c["x1"], c["n1"], c["x2"], c["n2"],
        method="newcomb", compare="diff", alpha=1 - c["level"],
    )
    return {"lower": out(lo), "upper": out(hi)}


# ---------------------------------------------------- Koopman, from the definition


def restricted_p2(theta, x1, n1, x2, n2):
    """The maximum likelihood p2 under p1 = theta * p2, by a root search on
    the derivative of the log-likelihood (not the closed form)."""
    s = x1 + x2
    if s == 0:
        return 0.0
    top = min(1.0, 1.0 / theta)

    def slope(p):
        v = s / p
        if n1 > x1:
            v -= (n1 - x1) * theta / (1.0 - theta * p)
        if n2 > x2:
            v -= (n2 - x2) / (1.0 - p)
        return v

    # The slope runs to -inf at `top` only when the group that limits p there
    # has non-events; otherwise the maximum may sit on the edge.
    blows_up = (theta <= 1.0 and n2 > x2) or (theta >= 1.0 and n1 > x1)
    if not blows_up and slope(top) >= 0.0:
        return top
    hi = top
    for k in range(1, 60):
        hi = top * (1.0 - 2.0 ** -k) if blows_up else top
        if slope(hi) < 0.0:
            break
    lo = hi
    while slope(lo) <= 0.0:
        lo /= 2.0
    return optimize.brentq(slope, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)


def koopman_statistic(theta, x1, n1, x2, n2):
    """Signed root of Koopman's chi-square: Pearson's statistic over the four
    cells with the expected counts of the restricted fit."""
    p2 = restricted_p2(theta, x1, n1, x2, n2)
    p1 = min(theta * p2, 1.0)
    chi2 = 0.0
    for observed, expected in (
        (x1, n1 * p1), (n1 - x1, n1 * (1 - p1)), (x2, n2 * p2), (n2 - x2, n2 * (1 - p2)),
    ):
        if expected > 0:
            chi2 += (observed - expected) ** 2 / expected
        elif observed > 0:
            return math.copysign(math.inf, x1 / n1 - theta * x2 / n2)
    return math.copysign(math.sqrt(chi2), x1 / n1 - theta * x2 / n2)


def koopman_bound(target, start, x1, n1, x2, n2):
    def f(u):
        return koopman_statistic(math.exp(u), x1, n1, x2, n2) - target

    f0 = f(start)
    direction = 1.0 if f0 > 0 else -1.0
    step, near = 0.5, start
    while True:
        far = start + direction * step
        if (f(far) > 0) != (f0 > 0):
            break
        near, step = far, step * 2
        if step > 1400:
            raise RuntimeError("no bound found")
    lo, hi = sorted((near, far))
    return math.exp(optimize.brentq(f, lo, hi, xtol=1e-14, rtol=4 * np.finfo(float).eps))


def ratio(c):
    x1, n1, x2, n2, z = c["x1"], c["n1"], c["x2"], c["n2"], z_of(c["level"])
    if x2 == 0:
        point = None if x1 == 0 else math.inf
    else:
        point = (x1 / n1) / (x2 / n2)
    start = math.log(point) if point and math.isfinite(point) else 0.0
    lower = 0.0 if x1 == 0 else koopman_bound(z, start, x1, n1, x2, n2)
    upper = math.inf if x2 == 0 else koopman_bound(-z, start, x1, n1, x2, n2)
    edge = x1 in (0, n1) or x2 in (0, n2)
    if not edge:
        lo, hi = confint_proportions_2indep(
            x1, n1, x2, n2, method="score", compare="ratio", correction=False,
            alpha=1 - c["level"],
        )
        # statsmodels' solver stops early (off by up to ~1e-5 relative when a
        # group is near 0% or 100%), so it only confirms that the search found
        # the same interval; the figure printed is the search's.
        if abs(lo - lower) > 1e-4 * lower or abs(hi - upper) > 1e-4 * upper:
            raise RuntimeError(f"oracle disagrees with itself on {c}: {lo} {hi} vs {lower} {upper}")
    return {
        "point": out(point), "lower": out(lower), "upper": out(upper),
        "source": "root search" if edge else "root search, confirmed by statsmodels",
    }


# ------------------------------------------------------------------- Fisher


def fisher(c):
    x1, n1, x2, n2 = c["x1"], c["n1"], c["x2"], c["n2"]
    p = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]]).pvalue
    # The mid-p from the hypergeometric distribution directly: tables as
    # probable as the observed one (relative 1e-7) count half.
    events, total = x1 + x2, n1 + n2
    ks = np.arange(max(0, events - n2), min(events, n1) + 1)
    logs = stats.hypergeom.logpmf(ks, total, events, n1)
    observed = stats.hypergeom.logpmf(x1, total, events, n1)
    tol = math.log1p(1e-7)
    probs = np.exp(logs - logs.max())
    probs /= probs.sum()
    p_own = probs[logs <= observed + tol].sum()
    ties = probs[np.abs(logs - observed) <= tol].sum()
    if abs(p_own - p) > 1e-9:
        raise RuntimeError(f"scipy's fisher_exact {p} and the oracle's sum {p_own} differ on {c}")
    return {"p": out(min(p, 1.0)), "mid_p": out(min(p_own - ties / 2, 1.0))}


# ----------------------------------------------------------- Mantel-Haenszel


def mantel_haenszel(c):
    z = z_of(c["level"])
    r = s = v = 0.0
    usable = []
    for a, n1, cc, n2 in c["strata"]:
        if n1 == 0 or n2 == 0:
            continue
        n = n1 + n2
        usable.append(np.array([[a, n1 - a], [cc, n2 - cc]], dtype=float))
        r += a * n2 / n
        s += cc * n1 / n
        v += (n1 * n2 * (a + cc) / n - a * cc) / n
    if s > 0:
        point = r / s
    elif r > 0:
        point = math.inf
    else:
        point = None
    result = {"point": out(point), "lower": None, "upper": None, "used": len(usable)}
    if r > 0 and s > 0:
        pooled = StratifiedTable(usable).riskratio_pooled
        if abs(pooled - point) > 1e-9 * point:
            raise RuntimeError(f"statsmodels' pooled ratio {pooled} differs from {point}")
        se = math.sqrt(v / (r * s))
        result["lower"] = out(math.exp(math.log(point) - z * se))
        result["upper"] = out(math.exp(math.log(point) + z * se))
    return result


# -------------------------------------------------------------- Kaplan-Meier


def kaplan_meier(c):
    times = np.array(c["times"], dtype=float)
    status = np.array([1 if e else 0 for e in c["events"]])
    z = z_of(c["level"])
    fit = SurvfuncRight(times, status)
    steps = []
    for t, n, d, sp, se in zip(
        fit.surv_times, fit.n_risk, fit.n_events, fit.surv_prob, fit.surv_prob_se
    ):
        lower = upper = se_out = None
        if sp > 0:
            sigma = math.sqrt(se ** 2 / (sp * math.log(sp)) ** 2)
            lower, upper, se_out = sp ** math.exp(z * sigma), sp ** math.exp(-z * sigma), se
        else:
            lower = upper = se_out = 0.0
        steps.append({
            "time": out(t), "at_risk": int(n), "events": int(d), "survival": out(sp),
            "se": out(se_out), "lower": out(lower), "upper": out(upper),
        })
    last = float(times.max())
    reads = []
    for t in c["reads"]:
        before = [s for s in steps if s["time"] <= t]
        s = before[-1] if before else {"survival": 1.0, "lower": 1.0, "upper": 1.0}
        if t > last and s["survival"] > 0:
            reads.append({"beyond": True, "survival": s["survival"]})
        else:
            reads.append({"beyond": False, "survival": s["survival"],
                          "lower": s["lower"], "upper": s["upper"]})
    return {"steps": steps, "reads": reads}


# --------------------------------------------------------------- paired change


def paired(c):
    d = np.array(c["d"], dtype=float)
    with warnings.catch_warnings():
        # Identical differences (no spread) are a case we send on purpose.
        warnings.simplefilter("ignore", RuntimeWarning)
        res = stats.ttest_1samp(d, 0.0)
    ci = res.confidence_interval(confidence_level=c["level"])
    lower, upper = float(ci.low), float(ci.high)
    if c.get("bounds") is not None:
        lo, hi = c["bounds"]
        lower, upper = max(lower, lo), min(upper, hi)
    return {"mean": out(d.mean()), "lower": out(lower), "upper": out(upper)}


def t_quantile(c):
    return {"t": out(stats.t.isf((1 - c["level"]) / 2, c["df"]))}


# ----------------------------------------------------------------- Wilcoxon


def wilcoxon_by_convolution(d):
    """The exact conditional distribution of T+ as a dictionary from twice the
    rank sum to its number of sign patterns (midranks from scipy's rankdata),
    for ties past the reach of scipy's permutation test."""
    nz = [x for x in d if x != 0]
    doubled = [round(2 * r) for r in stats.rankdata(np.abs(nz))]
    observed = sum(r for x, r in zip(nz, doubled) if x > 0)
    dist = {0: 1}
    for r in doubled:
        nxt = dict(dist)
        for k, w in dist.items():
            nxt[k + r] = nxt.get(k + r, 0) + w
        dist = nxt
    le = sum(w for k, w in dist.items() if k <= observed)
    ge = sum(w for k, w in dist.items() if k >= observed)
    return min(1.0, float(Fraction(2 * min(le, ge), 2 ** len(nz))))


def wilcoxon(c):
    d = np.array(c["d"], dtype=float)
    nz = d[d != 0]
    if len(nz) == 0:
        return {"p": None, "method": "none"}
    ties = len(np.unique(np.abs(nz))) < len(nz)
    if len(nz) > 50:
        res = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="asymptotic")
        return {"p": out(res.pvalue), "method": "scipy asymptotic"}
    if not ties and len(nz) == len(d):
        return {"p": out(stats.wilcoxon(d, method="exact").pvalue), "method": "scipy exact"}
    if len(d) <= 12:
        # 2^12 sign patterns: scipy enumerates them all, one call each.
        res = stats.wilcoxon(d, zero_method="wilcox",
                             method=stats.PermutationMethod(n_resamples=np.inf))
        return {"p": out(res.pvalue), "method": "scipy permutation"}
    return {"p": out(wilcoxon_by_convolution(d)), "method": "fractions"}


KINDS = {
    "wilson": wilson,
    "ratio": ratio,
    "difference": difference,
    "fisher": fisher,
    "mantel_haenszel": mantel_haenszel,
    "kaplan_meier": kaplan_meier,
    "paired": paired,
    "t_quantile": t_quantile,
    "wilcoxon": wilcoxon,
}


def main():
    cases = json.load(sys.stdin)["cases"]
    results = []
    for case in cases:
        figures = KINDS[case["kind"]](case)
        figures["id"] = case["id"]
        results.append(figures)
    json.dump({"results": results}, sys.stdout, allow_nan=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
