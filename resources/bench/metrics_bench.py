#!/usr/bin/env python3
"""The alignment report of `rlaif-workbench bench metrics`, written the way a numpy + scikit-learn user would, on
the same data: the comparison point for the Java timing. Not used by the application.

    python3 metrics_bench.py DIR RESAMPLES

DIR holds the label table as raw little-endian arrays (written by the benchmark): label_start.i32 (pairs + 1),
lengths.i32 (pairs x 2), labeler.i16, sample.i16, order.i8 (0 unknown, 1 AB, 2 BA), choice.i8 (0 A, 1 B, 2 TIE,
3 failed), p_a.f32 (NaN when absent), labelers.json. Labels are sorted by pair, labeler, sample, order.
Prints one JSON object: the compute time (loading excluded) and the figures the benchmark compares with Java.
The definitions are the workbench's (docs/decisions/0011-metric-definitions.md); Cohen's kappa comes from
sklearn.metrics.cohen_kappa_score, the bootstrap draws multinomial table counts as the Java code does.
"""
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.metrics import cohen_kappa_score

A, B, TIE, NONE = 0, 1, 2, 3
MARGIN = 30
BINS = 10


def load(d):
    f = lambda name, dt: np.fromfile(os.path.join(d, name), dtype=dt)
    return dict(start=f("label_start.i32", "<i4"), lengths=f("lengths.i32", "<i4").reshape(-1, 2),
                labeler=f("labeler.i16", "<i2").astype(np.int64), sample=f("sample.i16", "<i2").astype(np.int64),
                order=f("order.i8", "i1"), choice=f("choice.i8", "i1"), pa=f("p_a.f32", "<f4"),
                labelers=json.load(open(os.path.join(d, "labelers.json"))))


def plurality(counts):
    """Most common verdict per row; TIE when the top count is shared; NONE when empty."""
    top = counts.max(axis=1)
    arg = counts.argmax(axis=1)
    shared = (counts == top[:, None]).sum(axis=1) > 1
    return np.where(top == 0, NONE, np.where(shared, TIE, arg))


def unique_mode(counts):
    top = counts.max(axis=1)
    shared = (counts == top[:, None]).sum(axis=1) > 1
    return np.where((top == 0) | shared, NONE, counts.argmax(axis=1))


def segments(keys):
    """Start offsets of runs of equal keys in a sorted array."""
    return np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])


def verdicts(score, n):
    return np.where(n == 0, NONE, np.where(score > n, A, np.where(score < n, B, TIE)))


def agreement(x, y, rng, resamples):
    credit = np.where(x == y, 1.0, np.where((x == TIE) | (y == TIE), 0.5, 0.0))
    counts = np.array([(credit == 1).sum(), (credit == 0.5).sum(), (credit == 0).sum()])
    n = counts.sum()
    value = credit.mean()
    ci = None
    if rng is not None:
        draws = rng.multinomial(n, counts / n, size=resamples)
        boot = (draws[:, 0] + 0.5 * draws[:, 1]) / n
        ci = np.percentile(boot, [2.5, 97.5]).tolist()
    return float(value), ci


def kappa(x, y, timer):
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        k = cohen_kappa_score(x, y, labels=[0, 1, 2])
    timer[0] += time.perf_counter() - t
    timer[1] += 1
    return None if np.isnan(k) else float(k)


def alpha(cat_counts):
    m = cat_counts.sum(axis=1)
    keep = m >= 2
    c = cat_counts[keep].astype(np.float64)
    w = 1.0 / (m[keep] - 1)
    o = np.einsum("u,uc,uk->ck", w, c, c) - np.diag((w[:, None] * c).sum(axis=0))
    n_c = o.sum(axis=1)
    n = n_c.sum()
    d_e = n_c.sum() ** 2 - (n_c ** 2).sum()
    return float(1 - (n - 1) * (o.sum() - np.trace(o)) / d_e)


def fleiss(cat_counts, raters):
    rows = cat_counts[cat_counts.sum(axis=1) == raters].astype(np.float64)
    n = len(rows)
    p_i = ((rows ** 2).sum(axis=1) - raters) / (raters * (raters - 1))
    p_j = rows.sum(axis=0) / (n * raters)
    pe = (p_j ** 2).sum()
    return float((p_i.mean() - pe) / (1 - pe))


def report(d, resamples):
    L = len(d["labelers"])
    start = d["start"]
    P = len(start) - 1
    labeler, sample, order, choice, pa = d["labeler"], d["sample"], d["order"], d["choice"], d["pa"]
    lens = d["lengths"]
    humans = [i for i, l in enumerate(d["labelers"]) if l["kind"] == "HUMAN"]
    rng = np.random.default_rng(20231201)
    ktimer = [0.0, 0]

    pair = np.repeat(np.arange(P, dtype=np.int64), np.diff(start))
    ok = choice != NONE
    half_points = np.array([2, 0, 1, 0])[choice]
    failed = np.bincount(labeler[~ok], minlength=L)
    answers = np.bincount(labeler[ok] * 3 + choice[ok], minlength=L * 3).reshape(L, 3)

    # one verdict per (pair, labeler): the mean of its labels over samples and orders
    pl = pair * L + labeler
    score = np.bincount(pl, weights=half_points * ok, minlength=P * L)
    n_ok = np.bincount(pl, weights=ok, minlength=P * L)
    V = verdicts(score, n_ok).reshape(P, L)

    # sample verdicts (labels are sorted, so a sample is a run of equal keys)
    skey = pl * 32768 + sample
    seg = segments(skey)
    s_score = np.add.reduceat(half_points * ok, seg)
    s_n = np.add.reduceat(ok.astype(np.int64), seg)
    s_pl = pl[seg]
    has = s_n > 0
    s_pl, s_v = s_pl[has], verdicts(s_score[has], s_n[has])

    # self-consistency
    sv_counts = np.bincount(s_pl * 3 + s_v, minlength=P * L * 3).reshape(P * L, 3)
    k = sv_counts.sum(axis=1)[s_pl]
    multi = k >= 2
    others = sv_counts[s_pl[multi]].copy()
    others[np.arange(len(others)), s_v[multi]] -= 1
    mode = unique_mode(others)
    lab_of = s_pl[multi] % L
    sc_cons = np.bincount(lab_of[mode != NONE], weights=(mode == s_v[multi])[mode != NONE], minlength=L)
    sc_n = np.bincount(lab_of[mode != NONE], minlength=L)

    # length preference on each labeler's first sample
    first = segments(s_pl)
    f_pl, f_v = s_pl[first], s_v[first]
    diff = lens[:, 0].astype(np.int64) - lens[:, 1]
    longer = np.where(diff > MARGIN, A, np.where(-diff > MARGIN, B, NONE))
    f_long = longer[f_pl // L]
    counted = (f_v != TIE) & (f_long != NONE)
    pl_n = np.bincount(f_pl[counted] % L, minlength=L)
    pl_c = np.bincount(f_pl[counted] % L, weights=(f_v == f_long)[counted], minlength=L)

    # position: samples labeled in both orders
    ab = np.full(len(seg), -1)
    ba = np.full(len(seg), -1)
    sid = np.cumsum(np.r_[True, skey[1:] != skey[:-1]]) - 1
    sel = ok & (order == 1)
    ab[sid[sel]] = choice[sel]
    sel = ok & (order == 2)
    ba[sid[sel]] = choice[sel]
    both = (ab >= 0) & (ba >= 0)
    pos_l = labeler[seg][both]
    pos_n = np.bincount(pos_l, minlength=L)
    pos_c = np.bincount(pos_l, weights=(ab[both] == ba[both]), minlength=L)
    pos_f = np.bincount(pos_l, weights=(ab[both] == A).astype(int) + (ba[both] == B), minlength=L)

    # references: human majority, and each human's leave-one-out majority
    hc = np.stack([(V[:, humans] == c).sum(axis=1) for c in range(3)], axis=1)
    ref = plurality(hc)
    refs = {}
    for h in humans:
        own = V[:, h]
        loo = hc.copy()
        m = own != NONE
        loo[np.flatnonzero(m), own[m]] -= 1
        refs[h] = plurality(loo)

    # mean P(A) per (pair, labeler)
    has_p = ok & ~np.isnan(pa)
    p_sum = np.bincount(pl[has_p], weights=pa[has_p].astype(np.float64), minlength=P * L).reshape(P, L)
    p_n = np.bincount(pl[has_p], minlength=P * L).reshape(P, L)

    out = {"agreement": {}, "kappa": {}, "ci": {}, "ece": {}, "self_consistency": {}, "prefer_longer": {},
           "position": {}, "failed": failed.tolist()}
    for l, info in enumerate(d["labelers"]):
        r = refs.get(l, ref)
        both = (V[:, l] != NONE) & (r != NONE)
        x, y = V[both, l], r[both]
        if len(x):
            out["agreement"][info["name"]], out["ci"][info["name"]] = agreement(x, y, rng, resamples)
            out["kappa"][info["name"]] = kappa(x, y, ktimer)
        cal = (p_n[:, l] > 0) & ((r == A) | (r == B))
        if cal.any():
            p = p_sum[cal, l] / p_n[cal, l]
            won = (r[cal] == A).astype(np.float64)
            b = np.minimum((p * BINS).astype(int), BINS - 1)
            cnt = np.bincount(b, minlength=BINS)
            mp = np.bincount(b, weights=p, minlength=BINS)
            fo = np.bincount(b, weights=won, minlength=BINS)
            nz = cnt > 0
            out["ece"][info["name"]] = float((np.abs(fo[nz] / cnt[nz] - mp[nz] / cnt[nz]) * cnt[nz]).sum() / cnt.sum())
        out["self_consistency"][info["name"]] = float(sc_cons[l] / sc_n[l]) if sc_n[l] else None
        out["prefer_longer"][info["name"]] = float(pl_c[l] / pl_n[l]) if pl_n[l] else None
        out["position"][info["name"]] = [float(pos_c[l] / pos_n[l]), float(pos_f[l] / (2 * pos_n[l]))] if pos_n[l] else None

    # human ceiling, pooled
    xs = np.concatenate([V[(V[:, h] != NONE) & (refs[h] != NONE), h] for h in humans])
    ys = np.concatenate([refs[h][(V[:, h] != NONE) & (refs[h] != NONE)] for h in humans])
    out["ceiling"], out["ceiling_ci"] = agreement(xs, ys, rng, resamples)
    out["ceiling_kappa"] = kappa(xs, ys, ktimer)

    # every pair of labelers
    out["pairwise_kappa"] = []
    out["pairwise_agreement"] = []
    for a in range(L):
        for b in range(a + 1, L):
            both = (V[:, a] != NONE) & (V[:, b] != NONE)
            out["pairwise_agreement"].append(agreement(V[both, a], V[both, b], None, 0)[0])
            out["pairwise_kappa"].append(kappa(V[both, a], V[both, b], ktimer))

    all_counts = np.stack([(V == c).sum(axis=1) for c in range(3)], axis=1)
    out["alpha_all"] = alpha(all_counts)
    out["alpha_humans"] = alpha(hc)
    out["fleiss_all"] = fleiss(all_counts, L)
    out["fleiss_humans"] = fleiss(hc, len(humans))

    # scaling
    pts = [(np.log10(l["params"]), out["agreement"][l["name"]]) for l in d["labelers"]
           if l["kind"] != "HUMAN" and l["params"] and l["name"] in out["agreement"]]
    if len(pts) >= 2:
        out["slope"] = float(np.polyfit([p[0] for p in pts], [p[1] for p in pts], 1)[0])

    # review queue: disputed pairs ranked by the weaker side's confidence
    mean = np.where(p_n > 0, p_sum / np.maximum(p_n, 1), score.reshape(P, L) / np.maximum(2 * n_ok.reshape(P, L), 1))
    conf = np.abs(2 * mean - 1).astype(np.float32)
    for_a = np.where(V == A, conf, 0).sum(axis=1)
    for_b = np.where(V == B, conf, 0).sum(axis=1)
    disputed = ((V == A).any(axis=1)) & ((V == B).any(axis=1))
    idx = np.flatnonzero(disputed)
    s = np.minimum(for_a, for_b)[idx].astype(np.float32)
    w = (for_a + for_b)[idx].astype(np.float32)
    top = idx[np.lexsort((idx, -w, -s))[:20]]
    out["disputed"] = int(disputed.sum())
    out["top_disputed"] = top.tolist()
    out["kappa_seconds"], out["kappa_calls"] = ktimer
    return out


def main():
    d = load(sys.argv[1])
    resamples = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    t = time.perf_counter()
    out = report(d, resamples)
    out["seconds"] = time.perf_counter() - t
    out["numpy"] = np.__version__
    out["sklearn"] = sklearn.__version__
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
