"""Training throughput of `whynb.train.train_lm` against a plain PyTorch loop on the same model and batches.

Same model (`whynb.model.tiny_lm`, 2 layers x 128, vocabulary of 1,100), same packed batches (8 x 512, every
token trained), AdamW with the same settings, the same number of steps, default torch threads. Each
measurement is a fresh model: `warmup` steps are run first (not timed), then `steps` timed steps. The loops
alternate for `rounds` rounds, in reversed order every other round, so that load from other processes
falls on both alike.

    .venv/bin/python bench/train_speed.py [--steps 6] [--warmup 2] [--rounds 5] [--breakdown]

Both clocks are reported: elapsed (wall) time, and the CPU time of this process, which varies less when
other processes share the cores (the per-step extras of `train_lm` are CPU work, so they show in both).

`--breakdown` also times the plain loop with each extra of `train_lm` added alone (gradient clipping, the
cosine schedule, `loss.item()` every step, a tqdm bar with a postfix), to find where a gap comes from.
"""
import os, statistics, sys, time
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import torch
from fastcore.script import call_parse
from tqdm.auto import tqdm
from transformers import get_cosine_schedule_with_warmup
from whynb.model import tiny_lm
from whynb.train import train_lm

VOCAB, BATCH, BLOCK, LR = 1100, 8, 512, 5e-4

class FakeTok:
    "Just what `tiny_lm` reads of a tokenizer."
    eos_token_id, pad_token_id = 2, 0
    def __len__(self): return VOCAB

def data(steps:int, seed:int=0):
    "`steps` batches of random token blocks, labels = inputs."
    g = torch.Generator().manual_seed(seed)
    X = torch.randint(3, VOCAB, (steps*BATCH, BLOCK), generator=g)
    return X, X.clone()

def model(): return tiny_lm(FakeTok(), n_layer=2, n_embd=128, n_head=4, n_positions=BLOCK, seed=0)

def ours(m, X, Y): train_lm(m, X, Y, epochs=1, lr=LR, batch_size=BATCH, seed=0, desc='bench')

def plain(m, X, Y, clip=False, sched=False, item=False, bar=False):
    "The bare loop; the flags add one extra of `train_lm` each."
    opt = torch.optim.AdamW(m.parameters(), lr=LR, weight_decay=0.01, betas=(0.9, 0.95))
    steps = len(X) // BATCH
    sch = get_cosine_schedule_with_warmup(opt, max(1, steps // 20), steps) if sched else None
    pb = tqdm(total=steps, leave=False, desc='plain') if bar else None
    m.train()
    for idx in torch.randperm(len(X)).split(BATCH):
        loss = m(input_ids=X[idx], labels=Y[idx]).loss
        loss.backward()
        if clip: torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
        opt.step(); opt.zero_grad(set_to_none=True)
        if sch: sch.step()
        if item: loss.item()
        if pb: pb.update(); pb.set_postfix(loss=f'{loss.item():.3f}')
    if pb: pb.close()

def tokens_per_s(fn, steps:int, warmup:int) -> tuple:
    "`(wall, cpu)` tokens/s of `fn` on a fresh model: `warmup` untimed steps, then `steps` timed ones."
    m = model(); (Xw, Yw), (X, Y) = data(warmup, 1), data(steps, 2)
    fn(m, Xw, Yw)
    t, c = time.perf_counter(), time.process_time(); fn(m, X, Y)
    n = steps*BATCH*BLOCK
    return n/(time.perf_counter() - t), n/(time.process_time() - c)

def extras_cost(reps:int=50) -> dict:
    "Median seconds per call of each per-step extra of `train_lm`, on the model's real gradients."
    m = model(); X, Y = data(1)
    loss = m(input_ids=X, labels=Y).loss; loss.backward()
    opt = torch.optim.AdamW(m.parameters(), lr=LR); sch = get_cosine_schedule_with_warmup(opt, 1, 10**6)
    pb = tqdm(total=10**6, leave=False, desc='extras')
    calls = {'clip': lambda: torch.nn.utils.clip_grad_norm_(m.parameters(), 1.0), 'sched': sch.step,
             'item': loss.item, 'bar': lambda: (pb.update(), pb.set_postfix(loss=f'{loss.item():.3f}'))}
    out = {}
    for k, f in calls.items():
        ts = []
        for _ in range(reps): t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
        out[k] = statistics.median(ts)
    pb.close()
    return out

@call_parse
def main(steps:int=6,            # timed steps per measurement
         warmup:int=2,           # untimed steps first
         rounds:int=5,           # alternating rounds of both loops
         breakdown:bool=False):  # also time the plain loop with each extra of train_lm alone
    "Print tokens/s of `train_lm` and of a plain loop, and their ratio."
    fns = {'train_lm': ours, 'plain': plain}
    if breakdown:
        fns |= {f'plain+{k}': (lambda k: lambda m, X, Y: plain(m, X, Y, **{k: True}))(k) for k in ('clip', 'sched', 'item', 'bar')}
    print(f'torch {torch.__version__}, {torch.get_num_threads()} threads, batch {BATCH}x{BLOCK}, '
          f'{steps} steps (+{warmup} warm-up), vocab {VOCAB}', flush=True)
    res = {k: [] for k in fns}
    for r in range(rounds):
        for k in (list(fns) if r % 2 == 0 else list(fns)[::-1]): res[k].append(tokens_per_s(fns[k], steps, warmup))
        print(f'round {r}: ' + ', '.join(f'{k} {v[-1][0]:,.0f}' for k, v in res.items()) + ' tok/s (wall)', flush=True)
    ex = extras_cost(); step = BATCH*BLOCK/statistics.median(a[0] for a in res['plain'])
    print(f'-- per-step extras of train_lm, measured alone (median of 50 calls), against a plain step of {step*1e3:,.0f} ms:')
    print('   ' + ', '.join(f'{k} {v*1e6:,.0f} us' for k, v in ex.items())
          + f'; sum {sum(ex.values())*1e3:.2f} ms, so the ratio they allow is {step/(step + sum(ex.values())):.3f}')
    for i, clock in enumerate(('wall', 'cpu')):
        print(f'-- {clock} clock ({"elapsed time" if i == 0 else "CPU time of this process, all threads"}):')
        for k, v in res.items():
            ratios = [a[i]/b[i] for a, b in zip(v, res['plain'])]
            print(f'{k:>14}: median {statistics.median(a[i] for a in v):,.0f} tok/s; ratio to plain per round '
                  + ' '.join(f'{x:.2f}' for x in ratios) + f', median {statistics.median(ratios):.2f}')
