"""Does a lower learning rate let a deeper or wider base learn to copy? The copy warm-up alone (tenth session).

Why: at the recipe's learning rate, 2e-3, every larger candidate stalled in the copy warm-up. J and G (4 x 128)
reached about 0.70-0.75, and P256 (2 x 256, `formats_pretraining.py` round 3) 0.18 after 1,500 steps, where every
2 x 128 candidate passes 0.95 by 400 steps. With Adam the best learning rate falls roughly with the width (muP), so
the stall may be the rate, not the size.

Plan, written before any run: the warm-up phase of `whynb.curriculum.curriculum_train` alone (repeat blocks, 32 x 128
tokens per step, a constant rate after 50 steps of linear warm-up, AdamW as there). The tokenizer is the committed
base's. Shapes 4 x 128 and 2 x 256, rates 1e-3 and 5e-4, and 2 x 128 at 2e-3 as the reference. At most 800 steps each,
with held-out copy accuracy every 100 steps; one thread each, two at a time. *Reading:* a (shape, rate) "warms up"
when it reaches 0.95 within 800 steps. The next larger candidate base takes the largest rate that warms up for its
shape. This probe does not say how that base fares after the warm-up.

    .venv/bin/python bench/probes/warmup_lr.py --out bench/probes/results_2026-12-07/warmup_lr.json

Round 2 (eleventh session), written before it ran, after P256b (2 x 256 at lr 1e-3) cut the constitution arm's
invalid rate from 0.99 to 0.46 (`formats_pretraining.py` round 4), so that width is the one lever that has moved it:
which rate warms up a width of 384, for the next wider candidate? Shape 2 x 384 at lr 1e-3 (P256b's) and 7e-4 (the
rate scaled by 256/384, as muP's 1/width rule would give); the same warm-up, steps, probes and reading as round 1.

Round 2's reading: neither rate warms up 2 x 384 within 800 steps. Copy accuracy every 100 steps: lr 1e-3 0.008,
0.066, 0.087, 0.106, 0.105, 0.111, 0.113, 0.110; lr 7e-4 0.007, 0.058, 0.071, 0.077, 0.092, 0.098, 0.093, 0.092
(1,195 s each). Both are flat at about 0.1 from step 400 on, where 2 x 256 at 1e-3 was at 0.10 by step 500 and 0.98 by
800; a 2 x 384 base needs more warm-up steps or another rate, which this probe does not settle.

    .venv/bin/python bench/probes/warmup_lr.py --round 2 --out bench/probes/results_2026-12-07/warmup_lr_384.json
"""
import argparse, json, os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1'); os.environ.setdefault('TQDM_DISABLE', '1')

RUNS = [(2, 128, 2e-3), (4, 128, 1e-3), (2, 256, 1e-3), (4, 128, 5e-4), (2, 256, 5e-4)]
RUNS2 = [(2, 384, 1e-3), (2, 384, 7e-4)]


def warm(layers, width, lr, steps=800, every=100, seed=0):
    "Copy accuracy every `every` steps of the repeat warm-up alone (`curriculum_train` with no corpus), for one shape."
    import time
    import torch
    from whynb.core import get_profile
    from whynb.curriculum import tiny_llama, curriculum_train
    from whynb.model import load_lm
    from whynb.pipeline import shipped_base
    torch.set_num_threads(1)
    _, tok, _ = load_lm(shipped_base(get_profile('default')))
    model, none, t0 = tiny_llama(tok, layers, width, 4, 512, seed), torch.zeros(0, 512, dtype=torch.long), time.time()
    log = curriculum_train(model, tok, none, none, 0, lr, 8, seed, dict(warm_copy=steps, warm_recall=0), every=every)
    curve = [dict(step=q['step'], copy=round(q['copy'], 3)) for q in log['probes'] if q['phase'] == 'copy']
    return dict(layers=layers, width=width, lr=lr, curve=curve, warms_up=curve[-1]['copy'] >= 0.95,
                seconds=round(time.time() - t0))

if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--out', default='bench/probes/results_2026-12-07/warmup_lr.json')
    ap.add_argument('--round', type=int, default=1, choices=[1, 2])
    a = ap.parse_args()
    with ProcessPoolExecutor(2) as ex:
        res = [j.result() for j in [ex.submit(warm, *run) for run in (RUNS if a.round == 1 else RUNS2)]]
    Path(a.out).write_text(json.dumps(res, indent=1))
    for x in res: print(x['layers'], x['width'], x['lr'], x['warms_up'], x['seconds'], [c['copy'] for c in x['curve']])
