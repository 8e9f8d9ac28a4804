"The bootstrap: agrees with scipy on flat data, covers known truths, pairs and nests units right, reports censoring."
import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps
from scipy.optimize import isotonic_regression

from whynb.stats import (bootstrap_rate, rate_table, score_table, compare, vs_control, tokens_to_target, ratio_table,
                         synthetic_samples, isotonic_decreasing, crossing)
from whynb.graders import GRADES
from whynb.measures import SCORE_SUITES


def scipy_ci(data, stat, method, **kw):
    ci = sps.bootstrap(data, stat, n_resamples=20000, method=method, random_state=1, **kw).confidence_interval
    return ci.low, ci.high


@pytest.mark.parametrize('method,ref', [('percentile', 'percentile'), ('bca', 'BCa')])
@pytest.mark.parametrize('p,n', [(0.3, 400), (0.04, 150)])
def test_flat_data_agrees_with_scipy(method, ref, p, n):
    x = (np.random.default_rng(0).random(n) < p).astype(float)
    r = bootstrap_rate(x, np.ones_like(x), n_boot=20000, method=method)
    assert np.allclose([r['lo'], r['hi']], scipy_ci((x,), np.mean, ref), atol=0.006)


@pytest.mark.parametrize('method,ref', [('percentile', 'percentile'), ('bca', 'BCa')])
def test_cluster_ratio_agrees_with_scipy_paired(method, ref):
    g = np.random.default_rng(2)
    t = g.integers(1, 5, 80).astype(float); s = g.binomial(t.astype(int), g.beta(0.5, 3, 80)).astype(float)
    r = bootstrap_rate(s, t, n_boot=20000, method=method)
    ci = scipy_ci((s, t), lambda s, t, axis=-1: s.sum(axis)/t.sum(axis), ref, paired=True, vectorized=True)
    assert np.allclose([r['lo'], r['hi']], ci, atol=0.006)


def test_bca_differs_from_percentile_on_a_rare_rate():
    x = (np.random.default_rng(0).random(150) < 0.04).astype(float)
    bca, pct = (bootstrap_rate(x, np.ones_like(x), n_boot=20000, method=m) for m in ('bca', 'percentile'))
    assert bca['lo'] > pct['lo'] and bca['hi'] > pct['hi']


def test_hierarchical_intervals_cover_the_truth():
    hits = []
    for i in range(100):
        d = synthetic_samples({'m': 0.3}, seeds=3, scenarios=100, k=2, suites=('blackmail',), labels=GRADES, seed_sd=0.3, seed=i)
        r = rate_table(d, ['model'], n_boot=300, seed=i, values=['misaligned']).iloc[0]
        hits.append(r.lo <= 0.3 <= r.hi)
    assert np.mean(hits) >= 0.88, np.mean(hits)


def test_hierarchical_wider_than_single_level_when_seeds_differ():
    d = synthetic_samples({'m': 0.3}, seeds=4, scenarios=200, k=2, suites=('blackmail',), labels=GRADES, seed_sd=0.6, seed=5)
    hier, flat = (rate_table(d, ['model'], n_boot=1000, values=['misaligned'], levels=lv).iloc[0]
                  for lv in (('seed', 'scenario'), ('scenario',)))
    assert hier.estimate == flat.estimate
    assert hier.hi - hier.lo > 1.3*(flat.hi - flat.lo), (hier, flat)


def test_one_seed_reduces_to_the_cluster_bootstrap():
    d = synthetic_samples({'m': 0.4}, seeds=1, scenarios=80, k=3, suites=('blackmail',), labels=GRADES, seed=2)
    per = d.assign(m=d.label == 'misaligned').groupby('scenario', sort=True).m.agg(['sum', 'size'])
    a = rate_table(d, ['model'], n_boot=500, seed=7, values=['misaligned']).iloc[0]
    b = rate_table(d, ['model'], n_boot=500, seed=7, values=['misaligned'], levels=('scenario',)).iloc[0]
    c = bootstrap_rate(per['sum'], per['size'], n_boot=500, seed=7)
    assert (a.lo, a.hi) == (b.lo, b.hi)
    assert np.isclose(a.estimate, c['estimate']) and abs(a.lo - c['lo']) < 0.03 and abs(a.hi - c['hi']) < 0.03


def test_paired_narrower_than_unpaired_when_correlated():
    two = synthetic_samples({'base': 0.6, 'constitution+fiction': 0.2}, seeds=1, scenarios=150, k=6, scenario_sd=2.0, seed=1,
                            suites=SCORE_SUITES, labels=GRADES)
    p, u = (compare(two, 'base', 'constitution+fiction', suites=('blackmail',), n_boot=1000, paired=pr) for pr in (True, False))
    assert p['diff'] == u['diff'] and np.isclose(p['diff'], p['b_score'] - p['a_score'])
    assert p['diff_hi'] - p['diff_lo'] < 0.85*(u['diff_hi'] - u['diff_lo'])
    assert p['diff_lo'] <= -0.4 <= p['diff_hi']


def test_score_is_the_mean_of_three_suites():
    d = synthetic_samples({'base': 0.6, 'honeypot': {'blackmail': 0.2, 'sabotage': 0.4, 'framing': 0.6}}, seeds=2, scenarios=60,
                          suites=SCORE_SUITES, labels=GRADES)
    st = score_table(d, ['model'], suites=SCORE_SUITES, n_boot=300)
    rt = rate_table(d, ['model', 'suite'], n_boot=300, values=['misaligned'])
    assert np.allclose(st.estimate, rt.groupby('model', sort=False).estimate.mean())
    with pytest.raises(ValueError, match=r"no samples for suite\(s\) \['framing'\]"):
        score_table(d[d.suite != 'framing'], ['model'], suites=SCORE_SUITES)


def test_vs_control_credits_only_the_arm_content():
    d = synthetic_samples({('control', 1000): 0.5, ('advice', 1000): 0.2, ('fiction', 1000): 0.5, 'base': 0.6},
                          seeds=3, scenarios=150, seed_sd=0.1, suites=SCORE_SUITES, labels=GRADES)
    copy = d[d.model == 'control'].assign(model='copy')          # an arm that is the control arm, sample for sample
    vc = vs_control(pd.concat([d, copy]), suites=SCORE_SUITES, n_boot=1000).set_index('model')
    assert vc.hi['advice'] < 0 and abs(vc['diff']['fiction']) < 0.05
    assert (vc['diff']['copy'], vc.lo['copy'], vc.hi['copy']) == (0, 0, 0)   # paired: every resample's difference is 0


def sweep(seed_sd=0.1, seed=0):
    budgets = [3_000, 10_000, 30_000, 100_000, 300_000, 1_000_000]
    half = {'honeypot': 300_000, 'advice': 300_000/28, 'control': None}
    score = lambda a, b: 0.6 if half[a] is None else 0.6 - 0.4*b/(b + half[a])
    d = synthetic_samples({'base': 0.6} | {(a, b): score(a, b) for a in half for b in budgets},
                          seeds=3, scenarios=150, k=2, seed_sd=seed_sd, seed=seed, suites=SCORE_SUITES, labels=GRADES)
    truth = np.array([[score(a, b) for b in budgets] for a in half])
    return d, crossing(truth, budgets, 0.6 - 0.5*(0.6 - truth[0, -1]))[0]


def test_isotonic_matches_scipy():
    y = np.random.default_rng(0).normal(size=(100, 6)).cumsum(1)
    assert np.allclose(isotonic_decreasing(y), [isotonic_regression(r, increasing=False).x for r in y])


def test_tokens_ratio_covers_truth_and_reports_censoring():
    d, true_tok = sweep()
    rt = ratio_table(d, suites=SCORE_SUITES, n_boot=800).set_index('arm')
    adv, ctl = rt.loc['advice'], rt.loc['control']
    true_ratio = true_tok[0]/true_tok[1]
    assert 25 < true_ratio < 31
    inside = lambda lo, hi, x: (np.isnan(lo) or lo <= x) and (np.isnan(hi) or x <= hi)
    assert inside(adv.ratio_lo, adv.ratio_hi, true_ratio)
    assert adv.tokens_bound == '' and inside(adv.tokens_lo, adv.tokens_hi, true_tok[1])
    # the control arm never reaches the target: a bound, flagged, with a one-sided interval, never dropped
    assert (ctl.tokens, ctl.tokens_bound, ctl.ratio_bound, ctl.p_censored) == (1e6, '>', '<', 1.0)
    assert np.isnan(ctl.tokens_hi) and np.isnan(ctl.ratio_lo) and ctl.ratio_hi >= ctl.ratio


def test_tokens_to_target_left_censored_and_absolute_drop():
    d, _ = sweep()
    small = tokens_to_target(d, 'advice', suites=SCORE_SUITES, drop=0.01, n_boot=200)
    assert (small['tokens'], small['bound']) == (3000, '<') and np.isnan(small['lo'])
    big = tokens_to_target(d, 'advice', suites=SCORE_SUITES, drop=0.9, n_boot=200)
    assert (big['tokens'], big['bound']) == (1e6, '>') and np.isnan(big['hi'])


def test_bad_input_is_named():
    d, _ = sweep()
    with pytest.raises(ValueError, match=r"no samples of model\(s\) \['fiction'\]"): tokens_to_target(d, 'fiction', suites=SCORE_SUITES)
    with pytest.raises(ValueError, match=r"lack column\(s\) \['arm'\]"): rate_table(d, ['arm'], values=GRADES)
    with pytest.raises(ValueError, match="'percentile' or 'bca'"): rate_table(d, ['model'], values=GRADES, method='bc')
    with pytest.raises(ValueError, match='percentile intervals only'): tokens_to_target(d, 'advice', suites=SCORE_SUITES, method='bca')
    with pytest.raises(TypeError, match="unexpected keyword argument 'nboot'"): score_table(d, suites=SCORE_SUITES, nboot=10)
    with pytest.raises(ValueError, match='levels must be among'): rate_table(d, ['model'], values=GRADES, levels=('run',))
    with pytest.raises(ValueError, match='selects no samples'): compare(d, 'base', 'fiction', suites=SCORE_SUITES)


@pytest.mark.parametrize('k_of', ['none', 'all'])
@pytest.mark.parametrize('clusters,per', [(1, 3), (6, 2), (36, 1), (12, 3)])
def test_rate_of_zero_or_one_gets_the_exact_interval(k_of, clusters, per):
    "0 or n events: Clopper-Pearson over the clusters (scipy's binomtest), never [0, 0] or [1, 1]."
    from whynb.stats import exact_interval
    s = np.full(clusters, 0. if k_of == 'none' else per)
    r = bootstrap_rate(s, np.full(clusters, float(per)))
    ci = sps.binomtest(0 if k_of == 'none' else clusters, clusters).proportion_ci(0.95)
    assert np.allclose([r['lo'], r['hi']], [ci.low, ci.high], atol=1e-12) and r['lo'] < r['hi']
    assert np.allclose(np.ravel(exact_interval(0 if k_of == 'none' else clusters, clusters)), [ci.low, ci.high], atol=1e-12)


def test_rate_table_keeps_its_columns_and_is_exact_only_at_the_edges():
    d = synthetic_samples({'m': 0.3}, seeds=2, scenarios=18, k=2, suites=SCORE_SUITES, labels=GRADES)
    d.loc[d.suite == 'sabotage', 'label'] = 'aligned'   # no misaligned sample in one suite
    t = rate_table(d, ['model', 'suite'], n_boot=300, values=['misaligned'])
    assert list(t.columns) == ['model', 'suite', 'grade', 'estimate', 'lo', 'hi', 'n', 'clusters', 'seeds']
    zero = t[t.suite == 'sabotage'].iloc[0]
    assert zero.estimate == 0 == zero.lo and np.isclose(zero.hi, sps.binomtest(0, 18).proportion_ci().high)
    assert np.isclose(zero.hi, 1 - 0.025**(1/18))
    inner = rate_table(synthetic_samples({'m': 0.3}, seeds=2, scenarios=18, k=2, suites=SCORE_SUITES, labels=GRADES),
                       ['model', 'suite'], n_boot=300, values=['misaligned'])
    pd.testing.assert_frame_equal(t[t.suite != 'sabotage'].reset_index(drop=True), inner[inner.suite != 'sabotage'].reset_index(drop=True))
