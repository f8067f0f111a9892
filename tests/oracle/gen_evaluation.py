"""Expected values of src/models/evaluation: McNemar test, paired stratified bootstrap, midranks, mulberry32.
(The DeLong test has its own generator, gen_delong.py.)

McNemar: scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue (exact), scipy.stats.chi2.sf(stat, 1) with
stat = max(0, |b - c| - 1)**2 / (b + c) (continuity-corrected).
Bootstrap: mulberry32 ported from src/models/evaluation/seeded-random.ts, class-stratified paired resampling,
metric by sklearn.metrics.roc_auc_score / accuracy_score / log_loss, np.percentile (linear).
"""
import numpy as np
import scipy
import sklearn
from scipy.stats import binomtest, chi2, rankdata
from sklearn.metrics import accuracy_score, log_loss, roc_auc_score

from recipes import build

FIXTURE = "evaluation"
M32 = 0xFFFFFFFF


def arr(value):
    return np.asarray(build(value) if isinstance(value, dict) else value, dtype=np.float64)


# ---------------------------------------------------------------- McNemar

def mcnemar_case(case_id, y, a, b, exact_below=25):
    y, a, b = np.asarray(y), np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    ra, rb = (a > 0.5).astype(int) == y, (b > 0.5).astype(int) == y
    n10, n01 = int(np.sum(ra & ~rb)), int(np.sum(rb & ~ra))
    d = n10 + n01
    if d < exact_below or d == 0:
        method, stat = "exact", min(n10, n01)
        p = 1.0 if d == 0 else binomtest(min(n10, n01), d, 0.5).pvalue
        call = "scipy.stats.binomtest(min(b, c), b + c, 0.5).pvalue"
    else:
        method, stat = "chi-square", max(0, abs(n10 - n01) - 1) ** 2 / d
        p = chi2.sf(stat, 1)
        call = "scipy.stats.chi2.sf(max(0, abs(b - c) - 1)**2 / (b + c), 1)"
    return {"id": f"mcnemar-{case_id}", "call": call,
            "inputs": {"yTrue": y.tolist(), "scoresA": a.tolist(), "scoresB": b.tolist(), "exactBelow": exact_below},
            "expected": {"onlyACorrect": n10, "onlyBCorrect": n01, "method": method, "statistic": float(stat),
                         "pValue": float(p)}}


def discordant(n_agree_right, n10, n01, n_agree_wrong):
    """Rows with the given counts of (both right, only A right, only B right, both wrong); labels alternate."""
    y, a, b = [], [], []
    for count, (ra, rb) in ((n_agree_right, (1, 1)), (n10, (1, 0)), (n01, (0, 1)), (n_agree_wrong, (0, 0))):
        for i in range(count):
            label = i % 2
            y.append(label)
            a.append(0.8 if (label == 1) == bool(ra) else 0.2)
            b.append(0.7 if (label == 1) == bool(rb) else 0.3)
    return y, a, b


# ---------------------------------------------------------------- bootstrap

def imul(x, y):
    return (x * y) & M32


def mulberry32(seed):
    state = seed & M32

    def nxt():
        nonlocal state
        state = (state + 0x6D2B79F5) & M32
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & M32
        return ((t ^ (t >> 14)) & M32) / 4294967296.0

    return nxt


METRICS = {
    "rocAuc": ("sklearn.metrics.roc_auc_score(y, p)", roc_auc_score),
    "accuracy": ("sklearn.metrics.accuracy_score(y, (p > 0.5).astype(int))",
                 lambda y, p: accuracy_score(y, (p > 0.5).astype(int))),
    "logLoss": ("sklearn.metrics.log_loss(y, p)", log_loss),
}


def bootstrap_case(case_id, y_in, a_in, b_in, metric, resamples, level, seed):
    y, a, b = arr(y_in), arr(a_in), arr(b_in)
    name, fn = METRICS[metric]
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    labels = np.concatenate([np.ones(len(pos)), np.zeros(len(neg))])
    rnd = mulberry32(seed)
    va, vb = [], []
    for _ in range(resamples):
        rows = [grp[int(rnd() * len(grp))] for grp in (pos, neg) for _ in range(len(grp))]
        va.append(fn(labels, a[rows]))
        vb.append(fn(labels, b[rows]))
    va, vb = np.asarray(va), np.asarray(vb)
    tail = (1 - level) / 2

    def ci(est, values):
        return {"estimate": est, "lower": np.percentile(values, 100 * tail), "upper": np.percentile(values, 100 * (1 - tail))}

    ea, eb = fn(y, a), fn(y, b)
    return {"id": f"bootstrap-{case_id}",
            "call": f"{name} on mulberry32({seed}) class-stratified paired resamples x{resamples}; "
                    f"np.percentile(values, [100*{tail}, 100*(1-{tail})]) (sklearn {sklearn.__version__})",
            "inputs": {"yTrue": y_in, "scoresA": a_in, "scoresB": b_in, "metric": metric, "resamples": resamples,
                       "confidenceLevel": level, "seed": seed},
            "expected": {"a": ci(ea, va), "b": ci(eb, vb), "difference": ci(eb - ea, vb - va)}}


# ---------------------------------------------------------------- cases

def informative(y, seed, weight, digits):
    """Scores correlated with the labels, rounded (ties): weight*y + (1-weight)*u."""
    u = np.asarray(build({"kind": "uniform", "seed": seed, "n": len(y)}))
    return np.round(weight * np.asarray(y) + (1 - weight) * u, digits).tolist()


def cases():
    y_rec = {"kind": "integers", "seed": 41, "n": 400, "k": 2, "loc": 0.0, "scale": 1.0}
    y400 = build(y_rec)
    a400, b400 = informative(y400, 42, 0.25, 2), informative(y400, 43, 0.35, 2)
    small_y = [0, 0, 1, 1, 0, 1, 0, 1, 1, 0]
    small_a = [0.1, 0.4, 0.35, 0.8, 0.4, 0.9, 0.2, 0.4, 0.6, 0.3]
    small_b = [0.2, 0.3, 0.5, 0.7, 0.5, 0.5, 0.1, 0.6, 0.9, 0.5]
    out = [
        mcnemar_case("no-discordant", *discordant(6, 0, 0, 2)),
        mcnemar_case("exact-small", *discordant(30, 2, 9, 5)),
        mcnemar_case("exact-balanced", *discordant(10, 5, 5, 3)),
        mcnemar_case("exact-24", *discordant(40, 20, 4, 4)),
        mcnemar_case("chi-square-25", *discordant(40, 20, 5, 4)),
        mcnemar_case("chi-square-equal", *discordant(10, 15, 15, 0)),
        mcnemar_case("chi-square-large", *discordant(200, 70, 40, 30)),
        mcnemar_case("exact-forced-large", *discordant(20, 70, 40, 3), exact_below=1000),
        bootstrap_case("auc-n400", y_rec, a400, b400, "rocAuc", 200, 0.95, 7),
        bootstrap_case("accuracy-n400", y_rec, a400, b400, "accuracy", 150, 0.9, 123456789),
        bootstrap_case("logloss-small", small_y, small_a, small_b, "logLoss", 100, 0.8, 0),
    ]
    # midranks self-check against scipy
    values = [3.0, 1.0, 3.0, 2.0, 1.0, 3.0, 0.5]
    out.append({"id": "midranks-ties", "call": "scipy.stats.rankdata(values, method='average')",
                "inputs": {"values": values}, "expected": {"ranks": rankdata(values).tolist()}})
    rnd = mulberry32(42)
    out.append({"id": "mulberry32-first", "call": "mulberry32 Python port (see module doc), first 5 draws",
                "inputs": {"seed": 42}, "expected": {"draws": [rnd() for _ in range(5)]}})
    assert scipy.__version__
    return out
