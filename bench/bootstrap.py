"""Time the hierarchical bootstrap: 10,000 resamples over 3 seeds x 500 scenarios x 2 samples (3,000 samples).

Run: `python bench/bootstrap.py [--n_boot 10000] [--repeat 3]`. Prints the best of `repeat` wall-clock times of each
step. Goal: the hierarchical bootstrap of a rate (seeds, then scenarios) in under 1 s on a laptop CPU.
"""
import os, time
from fastcore.script import call_parse
from whynb.stats import Cells, replicates, interval, rate_table, synthetic_samples
from whynb.graders import GRADES


def best_of(f, repeat:int) -> float:
    "Best wall-clock time of `repeat` calls of `f`."
    times = []
    for _ in range(repeat):
        t = time.perf_counter(); f(); times.append(time.perf_counter() - t)
    return min(times)


@call_parse
def main(n_boot:int=10_000, # bootstrap resamples per run
         repeat:int=3): # runs per step; the best time is reported
    "Time 10,000 hierarchical bootstrap resamples of a rate over 3 seeds x 500 scenarios x 2 samples."
    df = synthetic_samples({'base': 0.3}, seeds=3, scenarios=500, k=2, suites=('blackmail',), labels=GRADES)
    cells = Cells(df, ['model'], values=['misaligned'])
    est, boot, _ = replicates(cells, n_boot)
    lo, hi = interval(est[:, 0], boot[:, :, 0])
    print(f'data: {len(df)} samples (3 seeds x 500 scenarios x 2 samples), true rate 0.300, '
          f'estimate {est[0, 0]:.3f} [{lo[0]:.3f}, {hi[0]:.3f}]; {os.cpu_count()} CPUs')
    steps = {
        'seed+scenario (default)': lambda: replicates(cells, n_boot),
        'seed+scenario+sample': lambda: replicates(cells, n_boot, levels=('seed', 'scenario', 'sample')),
        'seed+scenario, with the BCa jackknife': lambda: replicates(cells, n_boot, jackknife=True),
        'rate_table from samples, 4 grades, percentile': lambda: rate_table(df, ['model'], n_boot=n_boot, values=GRADES),
        'rate_table from samples, 4 grades, BCa': lambda: rate_table(df, ['model'], n_boot=n_boot, method='bca', values=GRADES),
    }
    for name, f in steps.items(): print(f'{name:<48} {n_boot} resamples: {best_of(f, repeat):.3f} s (best of {repeat})')
