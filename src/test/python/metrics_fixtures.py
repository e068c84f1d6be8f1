#!/usr/bin/env python3
"""Reference values for the Java metrics tests, computed independently of the Java code.

Run once, offline, and commit its output (the Java tests never run Python):

    /usr/bin/python3 src/test/python/metrics_fixtures.py /work/shared/datasets \
        > src/test/resources/metrics/fixtures.json

Needs numpy, scikit-learn, scipy and statsmodels (Debian: python3-sklearn python3-statsmodels). What comes from
where:
  * Cohen's kappa and confusion matrices: sklearn.metrics.cohen_kappa_score / confusion_matrix
  * Fleiss' kappa: statsmodels.stats.inter_rater.fleiss_kappa
  * Krippendorff's alpha (nominal): written here from Krippendorff's definition in two ways (coincidence matrix,
    and pairwise disagreement D_o / D_e); the script checks they agree
  * slope and its interval: scipy.stats.linregress and scipy.stats.t
  * bootstrap interval: the naive way, resampling pairs with numpy (the Java code resamples table counts instead;
    the tests compare within a tolerance)
  * everything else (agreement, self-consistency, length and position bias, calibration): plain Python/numpy from
    the definitions in docs/decisions/0011-metric-definitions.md
"""
import json
import math
import sys
from collections import Counter, defaultdict

import numpy as np
from scipy import stats
from sklearn.metrics import cohen_kappa_score, confusion_matrix
from statsmodels.stats.inter_rater import fleiss_kappa

A, B, TIE, NONE = 0, 1, 2, 3
AB, BA, UNKNOWN = 1, 2, 0
MARGIN = 30
BINS = 10
SCORE = {A: 1.0, B: 0.0, TIE: 0.5}


def verdict_of(choices):
    ok = [c for c in choices if c != NONE]
    if not ok:
        return None
    m = sum(SCORE[c] for c in ok) / len(ok)
    return A if m > 0.5 else B if m < 0.5 else TIE


def plurality(values):
    """Most common verdict; TIE when two or more share the top count; None when empty."""
    if not values:
        return None
    top = Counter(values).most_common()
    if len(top) > 1 and top[0][1] == top[1][1]:
        return TIE
    return top[0][0]


def unique_mode(values):
    if not values:
        return None
    top = Counter(values).most_common()
    if len(top) > 1 and top[0][1] == top[1][1]:
        return None
    return top[0][0]


def none_if_nan(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


class Case:
    def __init__(self, name, labelers, pairs, labels):
        self.name = name
        self.labelers = labelers  # [{name, kind, params}]
        self.pairs = pairs  # [{id, len_a, len_b, task, source, split}]
        self.labels = labels  # [[pair_index, labeler, sample, order, choice, p_a|None]] in arrival order
        self.L = len(labelers)
        self.P = len(pairs)
        self.humans = [i for i, l in enumerate(labelers) if l["kind"] == "HUMAN"]
        # the newest label of a slot wins
        slots = {}
        for lab in labels:
            slots[(lab[0], lab[1], lab[2], lab[3])] = lab
        self.by_pl = defaultdict(list)
        for (p, l, s, o), lab in slots.items():
            self.by_pl[(p, l)].append(lab)
        for k in self.by_pl:
            self.by_pl[k].sort(key=lambda x: (x[2], x[3]))
        self.V = np.full((self.P, self.L), NONE, dtype=int)
        for (p, l), labs in self.by_pl.items():
            v = verdict_of([x[4] for x in labs])
            if v is not None:
                self.V[p, l] = v

    def reference(self, ref):
        if ref == "humans":
            out = np.full(self.P, NONE, dtype=int)
            for p in range(self.P):
                r = plurality([self.V[p, h] for h in self.humans if self.V[p, h] != NONE])
                if r is not None:
                    out[p] = r
            return out
        if ref == "adjudications":
            return np.array([pr.get("adjudication", NONE) for pr in self.pairs])
        return self.V[:, [l["name"] for l in self.labelers].index(ref)].copy()

    def loo(self, p, h):
        r = plurality([self.V[p, o] for o in self.humans if o != h and self.V[p, o] != NONE])
        return NONE if r is None else r

    def ref_for(self, ref, refvec, p, l):
        if ref == "humans" and l in self.humans:
            return self.loo(p, l)
        return refvec[p]


def agreement_block(x, y, ties, rng=None):
    """x, y: verdict lists of equal length (only pairs both labeled)."""
    x = np.asarray(x, dtype=int)
    y = np.asarray(y, dtype=int)
    out = {"compared": int(len(x))}
    out["confusion"] = confusion_matrix(x, y, labels=[0, 1, 2]).ravel().tolist() if len(x) else [0] * 9
    if ties == "exclude":
        keep = (x != TIE) & (y != TIE)
        x, y = x[keep], y[keep]
        labels = [0, 1]
        credit = (x == y).astype(float)
    else:
        labels = [0, 1, 2]
        credit = np.where(x == y, 1.0, np.where((x == TIE) | (y == TIE), 0.5, 0.0))
    out["used"] = int(len(x))
    if len(x) == 0:
        out.update(agreement=None, kappa=None, ci_naive=None)
        return out
    out["agreement"] = float(credit.mean())
    with np.errstate(all="ignore"):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            k = cohen_kappa_score(x, y, labels=labels)
    out["kappa"] = none_if_nan(float(k))
    if rng is not None:
        idx = rng.integers(0, len(credit), size=(2000, len(credit)))
        boot = credit[idx].mean(axis=1)
        out["ci_naive"] = [float(np.percentile(boot, 2.5)), float(np.percentile(boot, 97.5))]
    return out


def alpha_coincidence(units):
    """units: list of value lists (missing already dropped). Krippendorff (2011), nominal, coincidence matrix."""
    o = np.zeros((3, 3))
    for vals in units:
        m = len(vals)
        if m < 2:
            continue
        for i in range(m):
            for j in range(m):
                if i != j:
                    o[vals[i], vals[j]] += 1.0 / (m - 1)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    if n == 0:
        return None
    d_o = o.sum() - np.trace(o)
    d_e = (n_c.sum() ** 2 - (n_c ** 2).sum()) / (n - 1)
    if d_e == 0:
        return None
    return 1 - d_o / d_e


def alpha_pairwise(units):
    """The same alpha as 1 - D_o / D_e with D_o the mean within-unit pairable disagreement."""
    pairable = [v for v in units if len(v) >= 2]
    n = sum(len(v) for v in pairable)
    if n == 0:
        return None
    d_o = sum(sum(1 for i in range(len(v)) for j in range(len(v)) if i != j and v[i] != v[j]) / (len(v) - 1)
              for v in pairable) / n
    allv = [x for v in pairable for x in v]
    d_e = sum(1 for i in range(len(allv)) for j in range(len(allv)) if i != j and allv[i] != allv[j]) / (n * (n - 1))
    if d_e == 0:
        return None
    return 1 - d_o / d_e


def alpha_of(case, members):
    units = [[int(case.V[p, l]) for l in members if case.V[p, l] != NONE] for p in range(case.P)]
    a1 = alpha_coincidence(units)
    if len(units) <= 1200:
        a2 = alpha_pairwise(units)
        assert (a1 is None) == (a2 is None) and (a1 is None or abs(a1 - a2) < 1e-12), (a1, a2)
    return none_if_nan(a1), sum(1 for u in units if len(u) >= 2)


def fleiss_of(case, members):
    rows = []
    for p in range(case.P):
        vals = [case.V[p, l] for l in members]
        if all(v != NONE for v in vals):
            rows.append([vals.count(c) for c in (A, B, TIE)])
    if not rows:
        return None, 0
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            k = fleiss_kappa(np.array(rows), method="fleiss")
    return none_if_nan(float(k)), len(rows)


def first_shown(order):
    return A if order == AB else B if order == BA else None


def labeler_stats(case, l, ref, refvec, ties, rng):
    out = {}
    labs_all = [lab for (p, ll), labs in case.by_pl.items() if ll == l for lab in labs]
    ok = [lab for lab in labs_all if lab[4] != NONE]
    out["labels"] = len(ok)
    out["failed"] = len(labs_all) - len(ok)
    out["pairs"] = int((case.V[:, l] != NONE).sum())
    answers = Counter(lab[4] for lab in ok)
    firsts = sum(1 for lab in ok if first_shown(lab[3]) is not None and lab[4] != TIE and lab[4] == first_shown(lab[3]))
    seconds = sum(1 for lab in ok if first_shown(lab[3]) is not None and lab[4] != TIE and lab[4] != first_shown(lab[3]))
    out["answers"] = [answers[A], answers[B], answers[TIE], firsts, seconds]
    degenerate = None
    if len(ok) >= 10:
        for code, name in ((A, "A"), (B, "B"), (TIE, "TIE")):
            if answers[code] == len(ok):
                degenerate = name
        if degenerate is None and firsts == len(ok):
            degenerate = "the first shown"
        if degenerate is None and seconds == len(ok):
            degenerate = "the second shown"
    out["degenerate"] = degenerate

    # against the reference
    is_ref = ref not in ("humans", "adjudications") and case.labelers[l]["name"] == ref
    xs, ys = [], []
    for p in range(case.P):
        r = case.ref_for(ref, refvec, p, l)
        if case.V[p, l] != NONE and r != NONE:
            xs.append(case.V[p, l])
            ys.append(r)
    out["agreement"] = None if is_ref or not xs else agreement_block(xs, ys, ties, rng)

    # samples
    consistent = considered = skipped = 0
    longer_n = longer_chosen = 0
    units = unit_consistent = first_wins = 0
    cal = []
    for p in range(case.P):
        labs = case.by_pl.get((p, l), [])
        samples = defaultdict(list)
        for lab in labs:
            samples[lab[2]].append(lab)
        sample_verdicts = []
        for s in sorted(samples):
            v = verdict_of([x[4] for x in samples[s]])
            if v is None:
                continue
            sample_verdicts.append(v)
            orders = {x[3]: x[4] for x in samples[s] if x[4] != NONE}
            if AB in orders and BA in orders:
                units += 1
                unit_consistent += orders[AB] == orders[BA]
                first_wins += (orders[AB] == A) + (orders[BA] == B)
        if len(sample_verdicts) >= 2:
            for j, v in enumerate(sample_verdicts):
                mode = unique_mode(sample_verdicts[:j] + sample_verdicts[j + 1:])
                if mode is None:
                    skipped += 1
                else:
                    considered += 1
                    consistent += mode == v
        if sample_verdicts and sample_verdicts[0] != TIE:
            la, lb = case.pairs[p]["len_a"], case.pairs[p]["len_b"]
            if abs(la - lb) > MARGIN:
                longer_n += 1
                longer_chosen += sample_verdicts[0] == (A if la > lb else B)
        ps = [float(np.float32(x[5])) for x in labs if x[4] != NONE and x[5] is not None]
        r = case.ref_for(ref, refvec, p, l)
        if ps and not is_ref and r in (A, B):
            cal.append((sum(ps) / len(ps), 1 if r == A else 0))
    out["self_consistency"] = None if considered == 0 else consistent / considered
    out["self_consistency_considered"] = considered
    out["self_consistency_skipped"] = skipped
    out["prefer_longer"] = None if longer_n == 0 else longer_chosen / longer_n
    out["prefer_longer_n"] = longer_n
    out["position_consistency"] = None if units == 0 else unit_consistent / units
    out["first_shown_wins"] = None if units == 0 else first_wins / (2 * units)
    out["position_pairs"] = units
    if cal:
        pr = np.array([c[0] for c in cal])
        y = np.array([c[1] for c in cal])
        b = np.minimum((pr * BINS).astype(int), BINS - 1)
        bins = []
        ece = 0.0
        for k in range(BINS):
            sel = b == k
            if sel.sum() == 0:
                bins.append([0, None, None])
                continue
            mp, fo = float(pr[sel].mean()), float(y[sel].mean())
            bins.append([int(sel.sum()), mp, fo])
            ece += sel.sum() / len(pr) * abs(fo - mp)
        out["ece"] = float(ece)
        out["calibration_bins"] = bins
    else:
        out["ece"] = None
        out["calibration_bins"] = None
    return out


def confidences(case, p):
    conf = {}
    for l in range(case.L):
        if case.V[p, l] == NONE:
            continue
        labs = [x for x in case.by_pl[(p, l)] if x[4] != NONE]
        ps = [float(np.float32(x[5])) for x in labs if x[5] is not None]
        if ps:
            m = sum(ps) / len(ps)
        else:
            m = sum(SCORE[x[4]] for x in labs) / len(labs)
        conf[l] = float(np.float32(abs(2 * m - 1)))
    return conf


def disputes(case):
    ranked = []
    for p in range(case.P):
        vs = case.V[p]
        if (vs == A).any() and (vs == B).any():
            conf = confidences(case, p)
            fa = sum(conf[l] for l in range(case.L) if vs[l] == A)
            fb = sum(conf[l] for l in range(case.L) if vs[l] == B)
            ranked.append((-float(np.float32(min(fa, fb))), -float(np.float32(fa + fb)), p))
    ranked.sort()
    return len(ranked), [case.pairs[r[2]]["id"] for r in ranked[:20]], [-r[0] for r in ranked[:20]]


def report(case, ref, ties, seed):
    rng = np.random.default_rng(seed)
    refvec = case.reference(ref)
    out = {"reference": ref, "ties": ties}
    out["reference_pairs"] = int((refvec != NONE).sum())
    out["labelers"] = {lab["name"]: labeler_stats(case, l, ref, refvec, ties, rng) for l, lab in enumerate(case.labelers)}
    pw = []
    for a in range(case.L):
        for b in range(a + 1, case.L):
            both = (case.V[:, a] != NONE) & (case.V[:, b] != NONE)
            blk = agreement_block(case.V[both, a], case.V[both, b], ties)
            pw.append({"a": case.labelers[a]["name"], "b": case.labelers[b]["name"], "n": blk["compared"],
                       "used": blk["used"], "agreement": blk["agreement"], "kappa": blk["kappa"],
                       "confusion": blk["confusion"]})
    out["pairwise"] = pw
    ah, ahn = alpha_of(case, case.humans) if len(case.humans) >= 2 else (None, 0)
    aa, aan = alpha_of(case, list(range(case.L)))
    out["alpha"] = {"humans": ah, "humans_pairs": ahn, "all": aa, "all_pairs": aan}
    fh, fhn = fleiss_of(case, case.humans) if len(case.humans) >= 2 else (None, 0)
    fa, fan = fleiss_of(case, list(range(case.L)))
    out["fleiss"] = {"humans": fh, "humans_pairs": fhn, "all": fa, "all_pairs": fan}
    if len(case.humans) >= 2:
        xs, ys, per = [], [], {}
        for h in case.humans:
            hx, hy = [], []
            for p in range(case.P):
                r = case.loo(p, h)
                if case.V[p, h] != NONE and r != NONE:
                    hx.append(case.V[p, h])
                    hy.append(r)
            xs += hx
            ys += hy
            per[case.labelers[h]["name"]] = agreement_block(hx, hy, ties)["agreement"] if hx else None
        blk = agreement_block(xs, ys, ties, rng)
        out["ceiling"] = {"agreement": blk["agreement"], "kappa": blk["kappa"], "compared": blk["compared"],
                          "ci_naive": blk["ci_naive"], "humans": per}
    else:
        out["ceiling"] = None
    n = c = 0
    for p in range(case.P):
        r = refvec[p]
        la, lb = case.pairs[p]["len_a"], case.pairs[p]["len_b"]
        if r in (A, B) and abs(la - lb) > MARGIN:
            n += 1
            c += r == (A if la > lb else B)
    out["reference_prefer_longer"] = None if n == 0 else c / n
    out["reference_prefer_longer_n"] = n
    pts = [(lab["params"], out["labelers"][lab["name"]]["agreement"]["agreement"]) for lab in case.labelers
           if lab["kind"] != "HUMAN" and lab["params"] and out["labelers"][lab["name"]]["agreement"]
           and out["labelers"][lab["name"]]["agreement"]["agreement"] is not None]
    if len(pts) >= 3:
        x = np.log10([p[0] for p in pts])
        y = np.array([p[1] for p in pts])
        fit = stats.linregress(x, y)
        t = stats.t.ppf(0.975, len(pts) - 2)
        out["scaling"] = {"slope": fit.slope, "intercept": fit.intercept, "r2": fit.rvalue ** 2,
                          "slope_ci95": [fit.slope - t * fit.stderr, fit.slope + t * fit.stderr], "points": len(pts)}
    elif len(pts) == 2:
        x = np.log10([p[0] for p in pts])
        y = np.array([p[1] for p in pts])
        slope = (y[1] - y[0]) / (x[1] - x[0])
        out["scaling"] = {"slope": slope, "intercept": y[0] - slope * x[0], "r2": 1.0, "slope_ci95": None,
                          "points": 2}
    else:
        out["scaling"] = None
    count, top, scores = disputes(case)
    out["disputed"] = count
    out["top_disputed"] = top
    out["top_disputed_scores"] = scores
    return out


def synthetic_mixed(seed=7, P=400):
    rng = np.random.default_rng(seed)
    labelers = [
        {"name": "h1", "kind": "HUMAN", "params": None},
        {"name": "h2", "kind": "HUMAN", "params": None},
        {"name": "h3", "kind": "HUMAN", "params": None},
        {"name": "small", "kind": "AI", "params": 1e8},
        {"name": "medium", "kind": "AI", "params": 1e9},
        {"name": "large", "kind": "AI", "params": 1e10},
        {"name": "always-a", "kind": "AI", "params": None},
    ]
    tasks, sources, splits = ["summarization", "helpfulness"], ["s1", "s2", "s3"], ["train", "test"]
    pairs = []
    truth = rng.integers(0, 2, size=P)
    for p in range(P):
        pairs.append({"id": 1000 + 3 * p, "len_a": int(rng.integers(0, 500)), "len_b": int(rng.integers(0, 500)),
                      "task": tasks[rng.integers(2)], "source": sources[rng.integers(3)],
                      "split": splits[rng.integers(2)]})
        if rng.random() < 0.3:
            pairs[-1]["adjudication"] = int(rng.integers(0, 3))

    def noisy(t, acc, tie):
        u = rng.random()
        return TIE if u < tie else (t if u < tie + acc * (1 - tie) else 1 - t)

    labels = []
    for p in range(P):
        t = int(truth[p])
        for h in range(3):
            if rng.random() < 0.8:
                labels.append([p, h, 0, UNKNOWN, noisy(t, 0.8, 0.1), None])
        # small: one label, random order, some failures
        o = AB if rng.random() < 0.5 else BA
        if rng.random() < 0.05:
            labels.append([p, 3, 0, o, NONE, None])
        else:
            c = noisy(t, 0.6, 0.05)
            if rng.random() < 0.3:
                c = first_shown(o)  # position bias
            labels.append([p, 3, 0, o, c, None])
        # medium: both orders, P(A) on each
        for o in (AB, BA):
            pa = float(np.clip(rng.beta(2, 2) * 0.5 + (0.5 if t == A else 0.0) + (0.05 if o == AB else -0.05), 0, 1))
            c = A if pa > 0.5 else B
            if rng.random() < 0.1:
                c = 1 - c
            labels.append([p, 4, 0, o, c, round(pa, 6)])
        # large: three samples, order unknown
        for s in range(3):
            labels.append([p, 5, s, UNKNOWN, noisy(t, 0.85, 0.05), None])
        labels.append([p, 6, 0, UNKNOWN, A, None])
    # a few corrections: an earlier label in a slot, superseded by the one added later
    for k in range(10):
        lab = labels[rng.integers(len(labels))]
        wrong = list(lab)
        wrong[4] = TIE if lab[4] != TIE else A
        labels.insert(0, wrong)
    order = rng.permutation(len(labels) - 10) + 10  # keep the corrections first, shuffle the rest
    labels = labels[:10] + [labels[i] for i in order]
    return Case("mixed", labelers, pairs, labels)


def synthetic_ai_only(seed=11, P=150):
    rng = np.random.default_rng(seed)
    labelers = [{"name": "judge-%d" % i, "kind": "AI", "params": 10.0 ** (8 + i)} for i in range(3)]
    pairs = [{"id": p + 1, "len_a": int(rng.integers(0, 300)), "len_b": int(rng.integers(0, 300)),
              "task": "other", "source": "synthetic", "split": "test"} for p in range(P)]
    labels = []
    for p in range(P):
        for l in range(3):
            if rng.random() < 0.9:
                labels.append([p, l, 0, UNKNOWN, int(rng.choice([A, B, TIE], p=[0.5, 0.4, 0.1])), None])
    return Case("ai-only", labelers, pairs, labels)


def pandalm(root):
    t = json.load(open(root + "/pandalm/testset-v1.json"))
    g = json.load(open(root + "/pandalm/gpt-3.5-turbo-testset-v1.json"))
    pm = json.load(open(root + "/pandalm/pandalm-7b-testset-v1.json"))
    labelers = [{"name": "annotator%d" % i, "kind": "HUMAN", "params": None} for i in (1, 2, 3)]
    labelers += [{"name": "gpt-3.5-turbo", "kind": "AI", "params": None},
                 {"name": "pandalm-7b", "kind": "AI", "params": 7e9}]
    human = {0: TIE, 1: A, 2: B}
    gpt = {"1": A, "2": B, "Tie": TIE}
    pairs, labels = [], []
    def text(v):  # six responses are JSON true, not strings; an importer reads them as the text "true"
        return v if isinstance(v, str) else json.dumps(v)

    for p, (row, gr, pr) in enumerate(zip(t, g, pm)):
        assert row["idx"] == gr["idx"] == pr["idx"]
        pairs.append({"id": int(row["idx"]) + 1, "len_a": len(text(row["response1"])),
                      "len_b": len(text(row["response2"])),
                      "task": "helpfulness", "source": "pandalm", "split": "test", "cmp_key": row["cmp_key"],
                      "content": [row["instruction"], row["input"], text(row["response1"]), text(row["response2"])]})
        for i in (1, 2, 3):
            labels.append([p, i - 1, 0, UNKNOWN, human[int(row["annotator%d" % i])], None])
        labels.append([p, 3, 0, UNKNOWN, gpt.get(gr["gpt_result"], NONE), None])
        labels.append([p, 4, 0, UNKNOWN, human[int(pr["pandalm_result"])], None])
    return Case("pandalm", labelers, pairs, labels)


def case_json(case, with_input, configs):
    out = {"name": case.name, "labelers": case.labelers}
    if with_input:
        out["pairs"] = case.pairs
        out["labels"] = case.labels
    out["expected"] = [report(case, ref, ties, 1234) for ref, ties in configs]
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/datasets"
    mixed = synthetic_mixed()
    ai = synthetic_ai_only()
    pl = pandalm(root)
    cases = [
        case_json(mixed, True, [("humans", "half"), ("humans", "exclude"), ("large", "half"),
                                ("adjudications", "half")]),
        case_json(ai, True, [("humans", "half"), ("judge-0", "exclude")]),
        case_json(pl, False, [("humans", "half"), ("humans", "exclude")]),
    ]
    # PandaLM sliced by the pair of models compared (cmp_key): agreement with the human majority per slice
    slices = {}
    for key in sorted({p["cmp_key"] for p in pl.pairs}):
        keep = [i for i, p in enumerate(pl.pairs) if p["cmp_key"] == key]
        index = {old: new for new, old in enumerate(keep)}
        sub = Case("pandalm:" + key, pl.labelers, [pl.pairs[i] for i in keep],
                   [[index[x[0]]] + x[1:] for x in pl.labels if x[0] in index])
        rep = report(sub, "humans", "half", 1)
        slices[key] = {"pairs": len(keep), "agreement": {k: (v["agreement"] or {}).get("agreement")
                                                         for k, v in rep["labelers"].items()},
                       "alpha_humans": rep["alpha"]["humans"]}
    cases[2]["slices_by_cmp_key"] = slices
    json.dump({"generator": "src/test/python/metrics_fixtures.py", "numpy": np.__version__,
               "cases": cases}, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
