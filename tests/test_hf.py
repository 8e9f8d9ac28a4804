"A local Hugging Face causal LM through the whole path: fine-tuning (full and LoRA), loss masks, determinism, errors, evals."
import json
import pytest
import torch
from whynb.data import make_arm, make_suite, doc_record
from whynb.eval import evaluate
from whynb.graders import GRADES
from whynb.hf import finetune_hf, hf_records, sft_config, sft_trainer, load_hf
from fixtures import tiny_hf_model
from whynb.model import load_lm, prompt_ids, count_tokens

PROF = dict(sft_epochs=2, sft_lr=5e-4, sft_batch=4)
ARM, BUDGET = 'advice+constitution', 1500   # chat records and documents


@pytest.fixture(scope='module')
def tmp(tmp_path_factory): return tmp_path_factory.mktemp('hf')

@pytest.fixture(scope='module')
def base(tmp): return tiny_hf_model(tmp/'tiny')

@pytest.fixture(scope='module')
def full(base, tmp): return finetune_hf(f'hf:{base}', ARM, BUDGET, 0, PROF, tmp/'full')

@pytest.fixture(scope='module')
def lora(base, tmp): return finetune_hf(f'hf:{base}', ARM, BUDGET, 0, PROF, tmp/'lora', lora=True, lora_r=4)


def weights(path): return load_lm(path)[0].state_dict()


def test_full_finetune_changes_every_layer(base, full):
    w0, w1 = weights(base), weights(full)
    assert w0.keys() == w1.keys()
    changed = [k for k in w0 if not torch.equal(w0[k], w1[k])]
    assert 'model.embed_tokens.weight' in changed and 'model.layers.1.mlp.down_proj.weight' in changed
    meta = json.loads((full/'whynb.json').read_text())
    assert meta['config']['arm'] == ARM and not meta['config']['lora'] and len(meta['curve']) > 1
    assert BUDGET <= meta['n_tokens'] and 0 < meta['n_trained'] < meta['n_tokens']   # chat prompts are not trained


def test_lora_saves_the_adapter_alone_and_loads_merged(base, lora):
    assert sorted(p.name for p in lora.glob('*.safetensors')) == ['adapter_model.safetensors'] and not (lora/'config.json').exists()
    meta = json.loads((lora/'whynb.json').read_text())
    assert meta['kind'] == 'sft-hf-lora' and meta['config']['base'] == str(base)
    w0, w1 = weights(base), load_hf(lora)[0].state_dict()
    assert w0.keys() == w1.keys()   # merged in memory: no adapter weights left
    assert not torch.equal(w0['model.layers.0.self_attn.q_proj.weight'], w1['model.layers.0.self_attn.q_proj.weight'])
    assert torch.equal(w0['model.embed_tokens.weight'], w1['model.embed_tokens.weight'])   # only linear layers adapted
    assert json.loads((lora/'whynb.json').read_text())['config']['lora_r'] == 4


def test_same_seed_same_weights(base, full, tmp):
    again, other = (weights(finetune_hf(base, ARM, BUDGET, s, PROF, tmp/f'seed{s}')) for s in (0, 1))
    ref = weights(full)
    assert all(torch.equal(ref[k], again[k]) for k in ref)
    assert not all(torch.equal(ref[k], other[k]) for k in ref)


def test_loss_mask_excludes_prompt_tokens(base, tmp):
    model, tok = load_hf(base)
    chat = make_arm('advice', 300, 0, count=lambda r: count_tokens(r, tok))[0]
    recs = [chat, doc_record('d', 'constitution', 'The assistant is honest.')]
    tr = sft_trainer(model, tok, hf_records(recs, tok), sft_config(PROF, 0, tmp/'trl', 1024))
    batch = tr.data_collator([tr.train_dataset[i] for i in range(2)])
    x, y = batch['input_ids'], batch['labels']
    n = len(prompt_ids(tok, chat['messages'][:-1]))
    assert x[0, :n].tolist() == prompt_ids(tok, chat['messages'][:-1])
    assert (y[0, :n] == -100).all() and torch.equal(y[0, n:], x[0, n:])
    assert tok.decode(y[0, n:]) == chat['messages'][-1]['content'] + '<|im_end|>\n'
    m = batch['attention_mask'][1].bool()
    assert torch.equal(y[1][m], x[1][m]) and (y[1][~m] == -100).all()   # a document: every token but the padding


def test_missing_model_or_template_is_a_clear_error(base, tmp):
    with pytest.raises(FileNotFoundError, match='No Hugging Face model at .*nope'):
        finetune_hf(f'hf:{tmp}/nope', ARM, BUDGET, 0, PROF, tmp/'x')
    bare = tmp/'bare'; bare.mkdir()
    for f in base.iterdir():
        if f.name != 'chat_template.jinja': (bare/f.name).write_bytes(f.read_bytes())
    with pytest.raises(ValueError, match='has no chat template'): finetune_hf(bare, ARM, BUDGET, 0, PROF, tmp/'x')
    assert not (tmp/'x').exists()


def test_sample_and_grade(lora):
    model, tok = load_hf(lora)
    scns = make_suite('blackmail', 4)
    df = evaluate(model, tok, scns, k=1, max_new_tokens=16, batch_size=8)
    assert len(df) == len(scns) and set(df.label) <= set(GRADES) and df.text.map(len).gt(0).all()


def test_damaged_adapter_is_named(base, lora, tmp):
    import shutil
    bad = tmp/'bad-lora'; shutil.copytree(lora, bad)
    (bad/'adapter_model.safetensors').write_bytes((bad/'adapter_model.safetensors').read_bytes()[:100])
    with pytest.raises(ValueError, match='adapter_model.safetensors differs from its manifest'): load_hf(bad)


def test_adapter_without_whynb_manifest(base, lora, tmp):
    "A LoRA adapter saved by another tool (no whynb.json, no tokenizer): its base from adapter_config.json, the base's tokenizer."
    import shutil
    other = tmp/'peft-only'; other.mkdir()
    for f in ('adapter_config.json', 'adapter_model.safetensors'): shutil.copy(lora/f, other/f)
    assert json.loads((other/'adapter_config.json').read_text())['base_model_name_or_path'] == str(base)
    w_ours, w_other = load_hf(lora)[0].state_dict(), load_hf(other)[0].state_dict()
    assert w_ours.keys() == w_other.keys() and all(torch.equal(w_ours[k], w_other[k]) for k in w_ours)
    cfg = json.loads((other/'adapter_config.json').read_text()); cfg.pop('base_model_name_or_path')
    (other/'adapter_config.json').write_text(json.dumps(cfg))
    with pytest.raises(ValueError, match='a LoRA adapter whose base model is named nowhere'): load_hf(other)


def test_template_without_system_role_runs_and_says_so(base, tmp):
    "A Gemma-style template (a system message raises): folded into the first user turn in fine-tuning and evaluation."
    import shutil
    from transformers import AutoTokenizer
    from whynb.eval import system_ok
    from whynb.runs import load_checkpoint
    d = tmp/'nosys'; shutil.copytree(base, d)
    t = AutoTokenizer.from_pretrained(d)
    t.chat_template = ("{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
                       "<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")
    t.save_pretrained(d)
    out = finetune_hf(f'hf:{d}', 'honeypot', 400, 0, PROF, tmp/'nosys-ft', lora=True, lora_r=4)
    assert json.loads((out/'whynb.json').read_text())['system_role'] == 'folded into the first user turn'
    model, tok = load_checkpoint(out)
    assert not system_ok(tok)
    df = evaluate(model, tok, make_suite('blackmail', 2), k=1, max_new_tokens=8, batch_size=4)
    assert len(df) == 4 and df.mass.notna().all()


def test_gpu_smoke_script_runs_on_cpu():
    "scripts/gpu_smoke.sh (build, LoRA fine-tune, score; the times) works end to end; on a CPU, on its tiny size."
    import os, subprocess, sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    r = subprocess.run([str(root/'scripts'/'gpu_smoke.sh')], capture_output=True, text=True, timeout=600,
                       env={**os.environ, 'DEVICE': 'cpu', 'SMOKE': 'tiny', 'PYTHON': sys.executable})
    assert r.returncode == 0, r.stderr[-3000:]
    line = json.loads(next(l for l in r.stdout.splitlines() if l.startswith('gpu_smoke ')).removeprefix('gpu_smoke '))
    assert line['device'] == 'cpu' and line['samples'] > 0 and line['adapter_mb'] < 1 and line['total_s'] > 0
