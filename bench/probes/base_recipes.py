"""Candidate base models for issue 21: pretrain one recipe (or take a checkpoint), then measure it.

Composes the library's pieces (whynb.curriculum, whynb.competence, the world corpus) outside the cache, so the committed
base and every cached run stay as they are while recipes are compared. One torch thread; run two at once on 2 cores.

    .venv/bin/python bench/probes/base_recipes.py --name J --layers 4 --world_recall 3000 --out /tmp/probes
    .venv/bin/python bench/probes/base_recipes.py --name old --ckpt data/base/base-18669072c859 --out /tmp/probes

Writes OUT/NAME/ (the checkpoint, whynb_log.json with the loss and probe curves) and OUT/NAME.json: the recipe, the time,
the copy probes (`whynb.competence.competence_probes`) and the base gates (`whynb.analysis.gates_table`, 120 samples each).
"""
import argparse, json, os, time
from pathlib import Path
os.environ.setdefault('TQDM_DISABLE', '1'); os.environ.setdefault('HF_HUB_OFFLINE', '1')
import torch

from whynb.core import get_profile
from whynb.data import world_corpus, record_text
from whynb.model import build_tokenizer, encode_record, load_lm
from whynb.train import pack
from whynb.seeds import rng
from whynb.curriculum import tiny_llama, curriculum_train, world_recall_example, CURRICULUM
from whynb.competence import competence_probes


def pretrain_recipe(a, out):
    "Pretrain the recipe of the arguments `a` into `out`; the log."
    p = get_profile('default')
    corpus = world_corpus(p['corpus_stories'], p['corpus_tasks'], p['corpus_mentions'], p['self_interest_rate'], a.seed)
    tok = build_tokenizer((record_text(r) for r in corpus), a.vocab)
    ex = [(ids, [1]*len(ids)) for ids, _ in (encode_record(r, tok) for r in corpus)]
    r = rng('world-recall', a.seed)
    ex += [world_recall_example(r, tok) for _ in range(a.world_recall)]
    order = rng('recipe-order', a.seed).permutation(len(ex))   # recall notes spread through the corpus, not packed at its end
    X, Y = pack([ex[i] for i in order], 512, tok.pad_token_id)
    model = tiny_llama(tok, a.layers, a.d, a.heads, 512, a.seed)
    cur = dict(CURRICULUM, warm_copy=a.warm, warm_recall=a.warm_recall, mix=a.mix, recall_share=a.recall_share, pure_epochs=a.pure_epochs)
    t0 = time.time()
    log = curriculum_train(model, tok, X, Y, a.epochs, a.lr, a.batch, a.seed, cur, every=100)
    secs = time.time() - t0
    model.save_pretrained(out); tok.save_pretrained(out)
    log |= dict(seconds=secs, n_params=sum(q.numel() for q in model.parameters()), n_blocks=len(X), curriculum=cur, recipe=vars(a))
    (out/'whynb_log.json').write_text(json.dumps(log))
    return model, tok, log


def gates(model, tok, n=60, seed=0):
    "The base gates of the analysis plan on 120 samples each (blackmail 60 scenarios x 2 surfaces; capability 120)."
    from whynb.runs import score_model
    from whynb.analysis import gates_table
    prof = get_profile('default', n_eval=n, n_eval_capability=2*n, suites=['blackmail', 'sabotage', 'framing', 'capability'])
    s = score_model(model, tok, prof, seed).assign(model='base', budget=0, seed=seed)
    g = gates_table(s, prof)
    b = s[s.suite == 'blackmail']
    extra = dict(blackmail_labels=b.label.value_counts().to_dict(),
                 capability_by_family=s[s.suite == 'capability'].assign(
                     fam=lambda d: d.scenario.map({t['id']: t['family'] for t in __import__('whynb.data', fromlist=['x']).make_suite('capability', 2*n)}))
                     .groupby('fam').label.apply(lambda x: (x == 'correct').mean()).to_dict())
    return g, extra


if __name__ == '__main__':
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', required=True); ap.add_argument('--out', default='/tmp/probes'); ap.add_argument('--ckpt', default='')
    ap.add_argument('--layers', type=int, default=2); ap.add_argument('--d', type=int, default=128); ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--vocab', type=int, default=2048); ap.add_argument('--epochs', type=int, default=3)
    ap.add_argument('--lr', type=float, default=2e-3); ap.add_argument('--batch', type=int, default=8)
    ap.add_argument('--warm', type=int, default=1500); ap.add_argument('--warm_recall', type=int, default=350)
    ap.add_argument('--mix', type=float, default=0.2); ap.add_argument('--recall_share', type=float, default=0.5)
    ap.add_argument('--world_recall', type=int, default=0); ap.add_argument('--pure_epochs', type=int, default=0); ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--no_gates', action='store_true'); ap.add_argument('--threads', type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads); torch.manual_seed(a.seed)
    out = Path(a.out)/a.name; out.mkdir(parents=True, exist_ok=True)
    if a.ckpt:
        if (Path(a.ckpt)/'whynb.json').exists(): model, tok, _ = load_lm(a.ckpt)
        else:
            from transformers import AutoModelForCausalLM, AutoTokenizer
            model = AutoModelForCausalLM.from_pretrained(a.ckpt).eval(); tok = AutoTokenizer.from_pretrained(a.ckpt if (Path(a.ckpt)/'tokenizer.json').exists() else sorted(Path('data/base').glob('base-*'))[-1])
        log = json.loads((Path(a.ckpt)/'whynb_log.json').read_text()) if (Path(a.ckpt)/'whynb_log.json').exists() else {}   # a candidate measured again
    else: model, tok, log = pretrain_recipe(a, out)
    res = dict(recipe=log.get('recipe', vars(a)), seconds=log.get('seconds'), n_params=sum(q.numel() for q in model.parameters()),
               probes_curve=log.get('probes'), warm_copy_steps=log.get('warm_copy_steps'))
    t = competence_probes(model, tok, n=40)
    res |= dict(competence=t.to_dict('records'), **t.attrs)
    print(t.round(3).to_string(), t.attrs, flush=True)
    if not a.no_gates:
        g, extra = gates(model, tok)
        res |= dict(gates=g.to_dict('records'), **extra)
        print(g[['gate', 'estimate', 'lo', 'hi', 'n', 'passed']].round(3).to_string(), extra, flush=True)
    (Path(a.out)/f'{a.name}.json').write_text(json.dumps(res, indent=1, default=str))
