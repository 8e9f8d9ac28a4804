r"""Does a wider base model keep its action format under document fine-tuning? Width grown from P256b, not warmed up.
A probe for the plan, not the pipeline (2026-12-07, twelfth session; issue 21).

Why: of fourteen remedies for format bleed (`issue21_tried.md`), only width moved the constitution arm: P at 2 x 128
breaks (invalid 0.99 at 256,000 tokens), P256b at 2 x 256 half breaks (0.46; base 0.11). The next width could not be
pretrained here: at 2 x 384 the copy warm-up stays flat at copy accuracy 0.1 for 800 steps at lr 1e-3 and 7e-4
(`warmup_lr.py` round 2), and a from-scratch 384 recipe would cost about three hours of this machine. The standard way
past both is model growth: widen a trained model by a function-preserving operator, then keep training it (Chen et
al. 2016, Net2Net; Shen et al. 2022, "Staged training for transformer language models", whose width operator zero-
initialises what the new units write; Wang et al. 2023, LiGO). The grown model inherits P256b's copying, so no warm-up
is needed, and its extra width is trained on the same corpus.

Plan, written and committed before any of it ran:
- `G384` = P256b grown to 2 x 384 (6 heads of 64, MLP 1,152), *exactly* function-preserving: old weights copied into
  the top-left blocks; what the new units *read* (new heads' q/k/v, new MLP neurons' gate/up, and every reading matrix's
  columns for the new residual dimensions) is freshly initialised (std 0.02, seed 0); what they *write* (o_proj and
  down_proj rows and columns for new units and new residual dimensions, the tied embedding's new columns) is zero; the
  RMSNorm weights are multiplied by sqrt(256/384), so the norm of a residual whose new dimensions are zero is unchanged
  (new dimensions get the mean old weight times the same factor), and the norms' eps by 256/384. Checked before
  training: the grown model's logits equal P256b's within 1e-3 on corpus blocks (float32 sums over wider matrices
  round differently: 1.1e-4 seen on random tokens). A training step costs 0.83 s at 384 against 0.46 s at 256 (2
  threads, batch 8 x 512), so the 2,049 steps below take about 30 minutes.
- Then continued pretraining on P's corpus exactly (the world corpus, P's 1,000 records of each format, 3,000 world-
  recall notes; the block count must equal P256b's 7,283), with `curriculum_train` and no warm-up phases: 2 epochs,
  the first with the curriculum's 20% synthetic blocks (half recall), the second the corpus alone (P's last epochs
  are pure too), lr 5e-4 cosine, batch 8, seed 1 (fresh synthetic blocks and order), 2 threads.
- *Go on only if* held-out copy accuracy after training is at least 0.95 (P256b 0.99); otherwise report and stop.
- Measured as `formats_pretraining.py` rounds 1 and 4, with the same code: `measure` (base and every arm at 256,000
  tokens, seed 0, blackmail + sabotage + framing, 120 samples per model, and the base's gates), then, time allowing,
  `measure4` (honeypot's ladder 1,000-64,000 for b1; the other arms at 8 x b1 when that is not 256,000).
- *Reading, fixed now*: the tenth session's rule. G384 qualifies when every experiment arm keeps the format
  (`format_retention.keeps`: invalid within 0.10 of G384's own base, mass at least half) at 8 x b1. Until the ladder
  has run, the 256,000 runs are reported as a comparison with P (2 x 128) and P256b (2 x 256): does constitution's
  invalid rate keep falling with width? Scores are reported and never read to choose.
- *Confound, said now*: G384 has two more epochs of training than P256b. If G384 keeps the format where P256b did not,
  the control is P256b continued the same two epochs at its own width (`C256`, the same command with `--width 256`)
  before width gets the credit.

    .venv/bin/python bench/probes/grow_width.py grow --base /work/probes-out/P256b --width 384 \
        --out /work/probes-out/G384
    .venv/bin/python bench/probes/formats_pretraining.py measure --base /work/probes-out/G384 \
        --out bench/probes/results_2026-12-07/grow_width_g384.json

Reading of round 1 (G384; `grow_width_2026-12-07.md`): copy accuracy 0.99 after growth, so it went on. At 256,000
tokens no document arm keeps the format: constitution 0.38, advice 0.23, fiction 0.30, honeypot_why 0.22, control
0.13, against G384's base 0.11 (P256b: 0.46, 0.28, 0.28, 0.23, 0.14 against 0.11). G384 does not qualify; the ladder
(`measure4`) was not run, for time: b1 would have to be below 32,000 for the reading to move off 256,000, and P256b's
arms did not keep the format at 64,000 or 128,000 either. The new units were used little: after the two epochs the
norm of the embedding's new columns is 5.0 against 73.2 for the old ones, and the last layer's new writing weights
are about a tenth of the old ones. So round 1 says that growing in width by zero-initialised units and two epochs does
not reproduce what native width did; it says nothing about a natively trained 2 x 384.

Round 2, written and committed before it ran: depth, by stacking (Gong et al. 2019, "Efficient training of BERT by
progressively stacking"; Du et al. 2024, "Stacking your transformers", whose G_stack copies the whole trained stack on
top of itself and found that growth need not preserve the function). The issue's item 7 asks for four layers in
combination with width 256; pretraining 4 x 256 from scratch here would take about two and a half hours. `D4` =
P256b's two layers stacked into four (layers 0, 1, 0, 1; embedding and norms as they are), every unit active from the
start, then continued pretraining exactly as round 1 (2 epochs of P's corpus, the first with 20% synthetic blocks, lr
5e-4, seed 1, 2 threads). The same gate to go on (copy accuracy at least 0.95), the same `measure` at 256,000 tokens,
the same reading and confound (the control would be P256b with the same two epochs). About 30 minutes of pretraining
and 35 of runs.

    .venv/bin/python bench/probes/grow_width.py grow --base /work/probes-out/P256b --layers 4 --width 256 \
        --out /work/probes-out/D4
    .venv/bin/python bench/probes/formats_pretraining.py measure --base /work/probes-out/D4 \
        --out bench/probes/results_2026-12-07/grow_width_d4.json

Reading of round 2 (D4): copy accuracy 0.99 after training, so it went on. It does not qualify. At 256,000 tokens
constitution is 0.40, advice 0.19, fiction 0.23 and honeypot_why 0.23, against D4's own base at 0.058; control is 0.13.
D4 meets 6 of the 7 gates by point estimate, missing capability 0.475 (lookup 0.02). By the plan entry written before
these runs, issue 21 is reported blocked by this machine's compute.
Honeypot's ladder on D4 (`measure4`, run after the above, time allowing) gives b1 = 32,000, so the reading is at
256,000 and stands.

    .venv/bin/python bench/probes/formats_pretraining.py measure4 --base /work/probes-out/D4 \
        --round1 bench/probes/results_2026-12-07/grow_width_d4.json \
        --out bench/probes/results_2026-12-07/grow_width_d4_budgets.json
"""
import argparse, math, os, sys, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
sys.path.insert(0, str(Path(__file__).parent))


def grown(model, width, seed=0):
    "A copy of Llama `model` widened to `width` (heads of the same size, MLP 3 x width), computing the same function."
    import torch
    from transformers import LlamaForCausalLM
    c = model.config
    d, W, I, hd = c.hidden_size, width, c.intermediate_size, c.head_dim
    H = W // hd
    cfg = c.__class__(**{**c.to_dict(), 'hidden_size': W, 'intermediate_size': I * W // d,
                         'num_attention_heads': H, 'num_key_value_heads': H,
                         'rms_norm_eps': c.rms_norm_eps * d / W})   # so that eps scales with the mean square too
    torch.manual_seed(seed)
    new = LlamaForCausalLM(cfg)
    old, s = dict(model.named_parameters()), math.sqrt(d / W)
    with torch.no_grad():
        for name, p in new.named_parameters():
            o = old[name]
            if name.endswith('norm.weight'):
                p.fill_(o.mean().item() * s)
                p[:d] = o * s
                continue
            writes = name.endswith(('o_proj.weight', 'down_proj.weight'))
            if name.endswith('embed_tokens.weight'): p.zero_(); p[:, :d] = o
            elif writes: p.zero_(); p[:o.shape[0], :o.shape[1]] = o
            else: p[:o.shape[0], :o.shape[1]] = o      # reading matrices: new rows and columns stay random
    return new


def stacked(model, layers):
    "A copy of Llama `model` with `layers` layers: its trained stack repeated from the bottom (G_stack)."
    from transformers import LlamaForCausalLM
    n = model.config.num_hidden_layers
    new = LlamaForCausalLM(model.config.__class__(**{**model.config.to_dict(), 'num_hidden_layers': layers}))
    def source(k):   # model.layers.<i>.... comes from layer i mod n
        if not k.startswith('model.layers.'): return k
        i = int(k.split('.')[2])
        return k.replace(f'layers.{i}.', f'layers.{i % n}.', 1)
    sd = model.state_dict()
    new.load_state_dict({k: sd[source(k)] for k in new.state_dict()})
    return new


def corpus_blocks(profile, tok):
    "P's pretraining blocks `(X, Y)`: the world corpus, P's format records and the world-recall notes, packed."
    from formats_pretraining import format_records
    from whynb.curriculum import world_recall_example
    from whynb.data import world_corpus
    from whynb.model import encode_record
    from whynb.seeds import rng
    from whynb.train import pack
    p = profile
    recs = world_corpus(p['corpus_stories'], p['corpus_tasks'], p['corpus_mentions'], p['self_interest_rate'], 0)
    recs += format_records(0, p['self_interest_rate'])
    recs = [recs[i] for i in rng('fmt-order', 0).permutation(len(recs))]
    ex = [(ids, [1]*len(ids)) for ids, _ in (encode_record(r, tok) for r in recs)]
    r = rng('world-recall', 0)
    ex += [world_recall_example(r, tok) for _ in range(p['world_recall'])]
    ex = [ex[i] for i in rng('recipe-order', 0).permutation(len(ex))]
    return pack(ex, p['n_positions'], tok.pad_token_id)


def grow(base, width, out, layers=None, epochs=2, lr=5e-4, seed=1):
    ("Grow `base` to `width` (the function kept: checked) or stack it to `layers`, continue pretraining on P's "
     "corpus, save to `out`.")
    import torch
    from whynb.core import get_profile
    from whynb.curriculum import curriculum_train
    from whynb.model import load_lm, save_lm, n_params
    from whynb.seeds import torch_threads
    t0 = time.time()
    p = get_profile('default')
    model, tok, meta = load_lm(base)
    X, Y = corpus_blocks(p, tok)
    assert len(X) == meta['n_blocks'], f"corpus has {len(X)} blocks, the base was pretrained on {meta['n_blocks']}"
    with torch_threads(2):
        new = grown(model, width).eval() if width != model.config.hidden_size else model
        new = stacked(new, layers).eval() if layers and layers != new.config.num_hidden_layers else new
        with torch.no_grad():
            x = X[:4]
            diff = (new(input_ids=x).logits - model(input_ids=x).logits).abs().max().item()
        print(f'grown to {layers} x {width}: {n_params(new)} parameters, max logit difference {diff:.2e}', flush=True)
        assert layers or diff < 1e-3, diff    # stacking does not keep the function; widening does
        log = curriculum_train(new, tok, X, Y, epochs, lr, p['pretrain_batch'], seed,
                               dict(warm_copy=0, warm_recall=0, pure_epochs=1))
    end = log['probes'][-1]    # the curriculum's last probe: held-out copy and recall after training
    acc = dict(copy_accuracy=end['copy'], recall_accuracy=end['recall'])
    grow_meta = dict(base=str(base), width=width, layers=layers, epochs=epochs, lr=lr, seed=seed, logit_diff=diff,
                     seconds=round(time.time() - t0))
    save_lm(new.eval(), tok, Path(out), dict(meta, key=Path(out).name, n_params=n_params(new), grow=grow_meta, **acc,
                                             curve=log['curve'], probes=log['probes']))
    print(f'{out}: {acc}, {time.time() - t0:.0f} s', flush=True)


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('what', choices=['grow'])
    ap.add_argument('--base', default='/work/probes-out/P256b')
    ap.add_argument('--width', type=int, default=384)
    ap.add_argument('--layers', type=int, default=None)
    ap.add_argument('--out', default='/work/probes-out/G384')
    a = ap.parse_args()
    grow(a.base, a.width, a.out, a.layers)
