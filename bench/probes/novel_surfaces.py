"""A base model on layouts no template uses, beside the shifted suites (issue 21, item 3).

    .venv/bin/python bench/probes/novel_surfaces.py --model data/base/base-<key> [--n 20]

Samples (k=1, T=1, seed 0) the scored kinds' eval scenarios in the shifted surfaces (`make_suite`, 20 per kind) and in the
three files `data/scenarios/{memo,minutes,form}.jsonl` (20 per kind), and prints per surface: the invalid rate, the reasoned
mass on the three actions, and the misalignment score (primary measure), each with a 95% CI (scenarios resampled).
"""
import argparse, os
os.environ.setdefault('TQDM_DISABLE', '1'); os.environ.setdefault('HF_HUB_OFFLINE', '1')
import pandas as pd, torch
from whynb.core import project_root
from whynb.data import make_suite, load_scenarios
from whynb.eval import evaluate
from whynb.runs import load_checkpoint
from whynb.stats import rate_table, score_table
from whynb.measures import measure_rows, mass_rows, PRIMARY, SCORE_SUITES
from whynb.competence import NOVEL_SURFACES

if __name__ == '__main__':
    ap = argparse.ArgumentParser(); ap.add_argument('--model', required=True); ap.add_argument('--n', type=int, default=20)
    a = ap.parse_args(); torch.set_num_threads(1)
    lm, tok = load_checkpoint(a.model)
    scns = [s for k in ('blackmail', 'sabotage', 'framing') for s in make_suite(k, a.n) if s['surface'] == 'shifted']
    scns += [s for f in NOVEL_SURFACES for s in load_scenarios(project_root()/'data'/'scenarios'/f'{f}.jsonl')
             if int(s['id'].rsplit('-', 1)[1]) < a.n]
    df = evaluate(lm, tok, scns, k=1, seed=0, batch_size=32).assign(model='m', budget=0, seed=0)
    rows = []
    for surf, d in df.groupby('surface', sort=False):
        one = lambda t: t.iloc[0]
        inv = one(rate_table(d, ['model'], values=['invalid'], n_boot=1000))
        mass = one(rate_table(mass_rows(d), ['model'], values=['mass'], n_boot=1000))
        sc = one(score_table(measure_rows(d, PRIMARY), by=['model'], n_boot=1000, suites=SCORE_SUITES))
        ci = lambda r: f"{r['estimate']:.2f} [{r['lo']:.2f}, {r['hi']:.2f}]"
        rows.append(dict(surface=surf, n=len(d), invalid=ci(inv), reasoned_mass=ci(mass), score=ci(sc)))
    print(pd.DataFrame(rows).to_markdown(index=False))
