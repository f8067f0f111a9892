"""Expected per-feature verdicts of the drift engine (src/drift/evaluate-drift.ts), computed with scipy/sklearn
following Evidently 0.7.23's stattest code line by line (evidently/legacy/calculations/stattests/*.py, registry.py
`_get_default_stattest`) for `evidently` mode, and the driftguard rule (test + Benjamini–Hochberg + effect-size floor)
for `driftguard` mode.

Each case is one column: reference and current values come from recipes (tests/oracle/recipes.py); `labels` maps the
integer values of an `integers` recipe to category strings. `kind` is the schema kind the test forces.
"""
import numpy as np
import scipy
from scipy import stats
from scipy.spatial.distance import jensenshannon
from sklearn.metrics import roc_auc_score

from recipes import build

FIXTURE = "drift_engine"


def R(kind, seed, n, **kw):
    return {"kind": kind, "seed": seed, "n": n, **kw}


def values(col):
    raw = build(col["recipe"])
    if "labels" in col:
        return [col["labels"][int(v)] for v in raw]
    return raw


def keyed_counts(ref, cur):
    """Evidently's keys = set(ref) | set(cur) and value_counts, as aligned arrays."""
    keys = sorted(set(ref) | set(cur), key=str)
    r = np.array([sum(1 for v in ref if v == k) for k in keys], dtype=float)
    c = np.array([sum(1 for v in cur if v == k) for k in keys], dtype=float)
    return keys, r, c


def evidently_column(kind, ref, cur):
    """evidently `_get_default_stattest` + the chosen stattest, with scipy calls (see each branch)."""
    n_values = len(set(ref) | set(cur))
    if len(ref) <= 1000:
        if kind == "numeric":
            name = "z" if n_values <= 2 else "chisquare" if n_values <= 5 else "ks"
        else:
            name = "chisquare" if n_values > 2 else "z"
    else:
        name = ("jensenshannon" if n_values <= 5 else "wasserstein") if kind == "numeric" else "jensenshannon"
    if name == "ks":
        r = stats.ks_2samp(ref, cur)
        return name, "scipy.stats.ks_2samp(ref, cur)", {"statistic": r.statistic, "pValue": r.pvalue, "drifted": bool(r.pvalue <= 0.05)}
    if name == "chisquare":
        keys, r, c = keyed_counts(ref, cur)
        f_exp = r * (len(cur) / len(ref))
        with np.errstate(divide="ignore"):
            res = stats.chisquare(c, f_exp)
        # an unseen category makes the statistic infinite (JSON has no Infinity: recorded as null)
        statistic = None if np.isinf(res.statistic) else res.statistic
        return name, "scipy.stats.chisquare(cur_counts, ref_counts * len(cur) / len(ref))", {
            "statistic": statistic, "pValue": res.pvalue, "drifted": bool(res.pvalue < 0.05)}
    if name == "z":
        keys, r, c = keyed_counts(ref, cur)
        n1, n2 = len(ref), len(cur)
        p1, p2 = (n1 - r[0]) / n1, (n2 - c[0]) / n2
        pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
        p = 2 * stats.norm.sf(abs(z))
        return name, "evidently proportions_diff_z_stat_ind; p = 2 * scipy.stats.norm.sf(|z|)", {
            "statistic": z, "pValue": p, "drifted": bool(p < 0.05)}
    if name == "wasserstein":
        d = stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
        return name, "scipy.stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)", {"distance": d, "drifted": bool(d >= 0.1)}
    keys, r, c = keyed_counts(ref, cur)
    d = jensenshannon(r / len(ref), c / len(cur))
    return name, "scipy.spatial.distance.jensenshannon(ref_counts / len(ref), cur_counts / len(cur))", {"distance": d, "drifted": bool(d >= 0.1)}


EVIDENTLY = [
    ("numeric-small-ref-ks-shift", "numeric", {"recipe": R("normalish", 1, 500)}, {"recipe": R("normalish", 2, 300, loc=0.15)}),
    ("numeric-small-ref-ks-same", "numeric", {"recipe": R("normalish", 3, 1000)}, {"recipe": R("normalish", 4, 400)}),
    ("numeric-large-ref-wasserstein-shift", "numeric", {"recipe": R("uniform", 5, 3000)}, {"recipe": R("uniform", 6, 2000, loc=0.05)}),
    ("numeric-large-ref-wasserstein-same", "numeric", {"recipe": R("normalish", 7, 4000, scale=3.0)}, {"recipe": R("normalish", 8, 1500, scale=3.0)}),
    ("numeric-few-values-chisquare", "numeric", {"recipe": R("integers", 9, 800, k=4)}, {"recipe": R("integers", 10, 500, k=4, loc=0.0)}),
    ("numeric-binary-z", "numeric", {"recipe": R("integers", 11, 700, k=2)}, {"recipe": R("integers", 12, 300, k=2, scale=1.0)}),
    ("numeric-few-values-large-ref-js", "numeric", {"recipe": R("integers", 13, 2500, k=4)}, {"recipe": R("integers", 14, 900, k=3)}),
    ("categorical-small-ref-chisquare", "categorical", {"recipe": R("integers", 15, 600, k=4), "labels": ["a", "b", "c", "d"]},
     {"recipe": R("integers", 16, 400, k=4), "labels": ["a", "b", "c", "d"]}),
    ("categorical-unseen-chisquare", "categorical", {"recipe": R("integers", 17, 300, k=3), "labels": ["a", "b", "c"]},
     {"recipe": R("integers", 18, 200, k=4), "labels": ["a", "b", "c", "new"]}),
    ("categorical-binary-z", "categorical", {"recipe": R("integers", 19, 900, k=2), "labels": ["no", "yes"]},
     {"recipe": R("uniform", 20, 500, scale=1.3), "labels": ["no", "yes"]}),
    ("categorical-large-ref-js", "categorical", {"recipe": R("integers", 21, 5000, k=6), "labels": ["u", "v", "w", "x", "y", "z"]},
     {"recipe": R("integers", 22, 1000, k=5), "labels": ["u", "v", "w", "x", "y", "z"]}),
]


def evidently_cases():
    out = []
    for case_id, kind, ref_col, cur_col in EVIDENTLY:
        ref, cur = values(ref_col), values(cur_col)
        name, call, expected = evidently_column(kind, ref, cur)
        out.append({"id": f"evidently/{case_id}", "call": f"evidently 0.7 default {name}: {call}",
                    "inputs": {"kind": kind, "reference": ref_col, "current": cur_col},
                    "expected": {"test": name, **expected}})
    return out


def driftguard_cases():
    """Three features at once: ks / chi2_contingency p-values, BH-adjusted, effect-size floors 0.1."""
    cols = {
        "shifted": ("numeric", {"recipe": R("normalish", 31, 4000)}, {"recipe": R("normalish", 32, 3000, loc=0.1)}),
        "tiny_shift": ("numeric", {"recipe": R("normalish", 33, 4000)}, {"recipe": R("normalish", 34, 3000, loc=0.02)}),
        "colour": ("categorical", {"recipe": R("integers", 35, 4000, k=3), "labels": ["red", "green", "blue"]},
                   {"recipe": R("uniform", 36, 3000, scale=3.6), "labels": ["red", "green", "blue", "blue"]}),
    }
    names, pvals, rows = [], [], {}
    for name, (kind, ref_col, cur_col) in cols.items():
        ref, cur = values(ref_col), values(cur_col)
        if kind == "numeric":
            r = stats.ks_2samp(ref, cur)
            stat, p = r.statistic, r.pvalue
            effect = stats.wasserstein_distance(ref, cur) / max(float(np.std(ref)), 0.001)
            test = "ks"
        else:
            keys, rc, cc = keyed_counts(ref, cur)
            res = stats.chi2_contingency([rc, cc], correction=False)
            stat, p = res.statistic, res.pvalue
            effect = jensenshannon(rc / rc.sum(), cc / cc.sum())
            test = "chi2_contingency"
        names.append(name)
        pvals.append(p)
        rows[name] = {"test": test, "statistic": stat, "pValue": p, "effectSize": effect}
    adjusted = stats.false_discovery_control(pvals, method="bh")
    for name, adj in zip(names, adjusted):
        rows[name]["adjustedPValue"] = adj
        rows[name]["drifted"] = bool(adj < 0.05 and rows[name]["effectSize"] >= 0.1)
    return [{
        "id": "driftguard/three-features-bh",
        "call": "ks_2samp / chi2_contingency(correction=False); false_discovery_control(p, method='bh'); "
                "effect wasserstein_distance/np.std(ref) or jensenshannon(natural log); drifted = adj < 0.05 and effect >= 0.1",
        "inputs": {"columns": {n: {"kind": k, "reference": r, "current": c} for n, (k, r, c) in cols.items()}},
        "expected": rows,
    }]


def auc_cases():
    labels = R("integers", 41, 3000, k=2)
    scores = R("uniform", 42, 3000)
    y = np.array(build(labels))
    s = np.array(build(scores)) * 0.6 + y * 0.4
    s = np.round(s, 2)  # ties
    return [{"id": "auc/binary-with-ties", "call": "sklearn.metrics.roc_auc_score(y, round(0.6 * u + 0.4 * y, 2))",
             "inputs": {"labels": labels, "scores": scores},
             "expected": {"auc": roc_auc_score(y, s), "scores": s.tolist()}}]


def cases():
    return evidently_cases() + driftguard_cases() + auc_cases()
