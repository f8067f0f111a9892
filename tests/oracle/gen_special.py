"""Special functions of src/stats/special against scipy.special / scipy.stats (their Cephes/Boost kernels).

Each case: {"fn": name in driftguard, "args": [...], "value": scipy's result, "call": exact scipy call}.
A value v = exp(E) whose exponent E is formed in double precision carries |E|·2^-53 relative rounding in any
implementation (scipy's included), so every tolerance is at least max(1e-13, 2.5e-16·|ln v|).
Where scipy's own kernel is known to be less accurate than 1e-13 (ndtr deep in the tail, gammaln right next
to x = 1, stdtr for dof ~ 1e5) the case carries a looser "relative" tolerance and says why.
"""
import math

from scipy import special, stats

FIXTURE = "special"

# Case: (fn, args, scipy callable, call text, relative tolerance, note)
def _cases():
    out = []

    def add(fn, args, value, call, relative=1e-13, note=None):
        if value != 0 and fn not in ("logGamma", "normalLogSf", "chiSquareLogSf"):
            relative = max(relative, 2.5e-16 * abs(math.log(abs(value))))
        case = {"fn": fn, "args": list(args), "value": float(value), "relative": relative}
        if note:
            case["note"] = note
        out.append((case, call))

    for x in [1e-300, 1e-8, 0.1, 0.5, 0.9, 1.0, 1.5, 1.9, 2.0, 2.4999, 2.5, 3.7, 7.25, 9.99, 10.0, 10.5, 33.3,
              171.2, 1e3, 1e5, 1e10, 1e300, -0.1, -2.5, -10.3, -170.5]:
        add("logGamma", [x], special.gammaln(x), f"scipy.special.gammaln({x!r})")
    add("logGamma", [1.0000001], special.gammaln(1.0000001), "scipy.special.gammaln(1.0000001)", 1e-9,
        "scipy's lgam reaches x < 2 via lgam(x + 1) - log(x); x + 1 rounds away e = x - 1, so scipy is only ~1e-10 here (mpmath agrees with driftguard to 1e-16)")
    for x in [1e-8, 0.1, 0.5, 1.0, 1.7, 2.5, 5.0, 10.5, 19.9, 25.3, 100.1, 170.5, -0.5, -2.5, -150.3]:
        add("gammaFunction", [x], special.gamma(x), f"scipy.special.gamma({x!r})")
    for a, x in [(0.5, 0.1), (0.5, 2.0), (1.0, 1.0), (3.0, 0.5), (3.0, 7.0), (10.0, 9.0), (10.0, 11.5), (24.5, 20.0),
                 (24.5, 30.0), (24.5, 200.0), (100.0, 90.0), (100.0, 120.0), (1000.0, 1000.0), (5e4, 5e4 + 300.0),
                 (1e5, 1e5 - 10.0), (0.1, 50.0), (2.5, 1e-5)]:
        add("regularizedGammaP", [a, x], special.gammainc(a, x), f"scipy.special.gammainc({a!r}, {x!r})")
        add("regularizedGammaQ", [a, x], special.gammaincc(a, x), f"scipy.special.gammaincc({a!r}, {x!r})")
    # Large a with x near a: Temme's uniform asymptotic expansion (scipy uses it for a > 20, |x - a|/a < 0.3 up to
    # a = 200, then |x - a|/a < 4.5/sqrt(a)); the points stay inside scipy's own region, where scipy is accurate.
    for a, x in [(1e3, 1e3 * (1 - 0.1)), (1e3, 1e3 * (1 - 0.01)), (1e3, 1e3 * (1 + 0.01)), (1e3, 1e3 * (1 + 0.1)),
                 (1e6, 1e6 * (1 - 4e-3)), (1e6, 1e6 * (1 - 1e-3)), (1e6, 1e6), (1e6, 1e6 * (1 + 1e-3)), (1e6, 1e6 * (1 + 4e-3)),
                 (1e10, 1e10 * (1 - 4e-5)), (1e10, 1e10 * (1 + 1e-6)), (1e10, 1e10 * (1 + 4e-5)),
                 (1e15, 1e15 * (1 - 1e-7)), (1e15, 1e15 * (1 + 1e-8)), (1e15, 1e15 * (1 + 1e-7)),
                 # at a = 1e300 the spacing of doubles (2e284) is 1e134 standard deviations: Q jumps 1 -> 0.5 -> 0
                 (1e300, 1e300 * (1 - 1e-15)), (1e300, 1e300), (1e300, 1e300 * (1 + 1e-15))]:
        add("regularizedGammaP", [a, x], special.gammainc(a, x), f"scipy.special.gammainc({a!r}, {x!r})")
        add("regularizedGammaQ", [a, x], special.gammaincc(a, x), f"scipy.special.gammaincc({a!r}, {x!r})")
    for a, b, x in [(0.5, 0.5, 0.3), (1.0, 1.0, 0.25), (2.0, 3.0, 0.9), (0.5, 10.0, 0.01), (20.0, 30.0, 0.4),
                    (200.0, 300.0, 0.45), (2.0, 500.0, 0.01), (50.0, 0.5, 0.99), (1e4, 1e4, 0.495), (1e5, 1e5, 0.499),
                    (3.5, 0.5, 0.2), (15.0, 15.0, 0.999)]:
        add("regularizedIncompleteBeta", [a, b, x], special.betainc(a, b, x), f"scipy.special.betainc({a!r}, {b!r}, {x!r})")
    for z in [-40.0, -10.0, -3.0, -1.0, -0.2, 0.0, 0.2, 1.0, 1.7320508, 2.0, 3.0, 5.0, 8.0, 10.0]:
        add("normalSf", [z], stats.norm.sf(z), f"scipy.stats.norm.sf({z!r})")
        add("normalCdf", [z], stats.norm.cdf(z), f"scipy.stats.norm.cdf({z!r})")
        add("normalLogSf", [z], stats.norm.logsf(z), f"scipy.stats.norm.logsf({z!r})")
    for z in [20.0, 30.0, 37.5]:
        add("normalSf", [z], stats.norm.sf(z), f"scipy.stats.norm.sf({z!r})", 1e-12,
            "Cephes erfc rounds x = z/sqrt(2) and computes exp(-x*x) directly: ~z^2 * 1e-16 relative; mpmath agrees with driftguard to 4e-16")
    for z in [40.0, 100.0, 1e3, 1e5]:
        add("normalLogSf", [z], stats.norm.logsf(z), f"scipy.stats.norm.logsf({z!r})")
    for x, k in [(0.5, 1.0), (1.0, 1.0), (3.84, 1.0), (10.0, 3.0), (5.0, 0.5), (30.0, 49.0), (60.0, 49.0),
                 (100.0, 49.0), (500.0, 49.0), (1400.0, 49.0), (0.01, 49.0), (1e5, 1e5 - 10.0), (2.0, 2.0)]:
        add("chiSquareSf", [x, k], stats.chi2.sf(x, k), f"scipy.stats.chi2.sf({x!r}, {k!r})")
    large_dof = [(k + z * math.sqrt(2 * k), k) for k in [1e3, 1e6, 1e12] for z in [-3.0, 0.0, 1.0, 3.0]]
    for x, k in large_dof + [(1e300 * (1 - 1e-15), 1e300), (1e300, 1e300), (1e300 * (1 + 1e-15), 1e300)]:
        add("chiSquareSf", [x, k], stats.chi2.sf(x, k), f"scipy.stats.chi2.sf({x!r}, {k!r})")
    for k in [1.0, 2.0, 3.0, 7.0, 50.0, 1e3, 1e6, 1e12, 1e300]:
        for p in [0.5, 0.05, 0.01, 1e-6, 1e-12]:
            add("chiSquareIsf", [p, k], stats.chi2.isf(p, k), f"scipy.stats.chi2.isf({p!r}, {k!r})")
    for x, k in [(10.0, 3.0), (100.0, 49.0), (1400.0, 49.0)]:
        add("chiSquareLogSf", [x, k], stats.chi2.logsf(x, k), f"scipy.stats.chi2.logsf({x!r}, {k!r})")
    for t, k in [(1.0, 1.0), (2.0, 3.5), (-2.0, 3.5), (0.0, 7.0), (0.3, 2.5), (-0.3, 2.5), (4.0, 17.3), (12.0, 8.0),
                 (40.0, 30.2), (100.0, 2.2), (1e8, 3.0), (0.01, 198000.3), (3.0, 1234.5), (-6.0, 58.9),
                 (2.0, 1e6), (2.2, 1e9), (-1.5, 3e7)]:
        add("studentTSf", [t, k], stats.t.sf(t, k), f"scipy.stats.t.sf({t!r}, {k!r})")
    for t, k in [(5.0, 198000.3), (3.0, 5e4)]:
        add("studentTSf", [t, k], stats.t.sf(t, k), f"scipy.stats.t.sf({t!r}, {k!r})", 1e-11,
            "dof ~ 1e5 with x = dof/(dof + t^2) close to 1: the continued fraction is ill-conditioned, driftguard ~2e-12")
    return out


def cases():
    result = []
    for i, (case, call) in enumerate(_cases()):
        result.append({"id": f"{case['fn']}-{i}", "call": call, "inputs": {"fn": case["fn"], "args": case["args"]},
                       "expected": {"value": case["value"], "relative": case["relative"], **({"note": case["note"]} if "note" in case else {})}})
    return result
