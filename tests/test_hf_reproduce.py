"""Issue 12's end-to-end check of a researcher's own model: `whynb reproduce --profile quick --base-model hf:PATH --lora --out DIR`
on a small local model of a second architecture (Qwen2; the HF tests' other model is a Llama) whose chat template rejects the
system role (Gemma-style). The same figures, results.json and claims table come out; the record says the role was folded;
the cache holds LoRA adapters only; no claim is drawn from a model that does not act (random weights)."""
import json, os, subprocess

GEMMA_STYLE = ("{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
               "<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")


def qwen2_without_system_role(path):
    "A tiny random-weight Qwen2 with a byte-level BPE tokenizer trained on the world corpus and a template without a system role."
    from transformers import Qwen2Config, Qwen2ForCausalLM, GenerationConfig
    from whynb.model import build_tokenizer
    from whynb.data import world_corpus, record_text
    tok = build_tokenizer((record_text(r) for r in world_corpus(200, 100, 50, 0.65, 0)), 600, chat='chatml')
    tok.chat_template = GEMMA_STYLE
    ids = dict(bos_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    cfg = Qwen2Config(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=4,
                      num_key_value_heads=2, max_position_embeddings=1024, tie_word_embeddings=True, **ids)
    model = Qwen2ForCausalLM(cfg); model.generation_config = GenerationConfig(**ids)
    model.save_pretrained(path); tok.save_pretrained(path)
    return path


def test_reproduce_quick_on_your_own_model(tmp_path, whynb_cli):
    from whynb.claims import INERT
    m = qwen2_without_system_role(tmp_path/'qwen2')
    r = subprocess.run([whynb_cli, 'reproduce', '--profile', 'quick', '--base-model', f'hf:{m}', '--lora', '--out', str(tmp_path/'out')],
                       capture_output=True, text=True, timeout=1500, env={**os.environ, 'WHYNB_CACHE': str(tmp_path/'cache')})
    assert r.returncode == 0 and 'Traceback' not in r.stderr, r.stderr[-4000:]
    out = tmp_path/'out'
    cfg = json.loads((out/'config.json').read_text())
    assert cfg['base_model'] == f'hf:{m}' and cfg['lora'] is True and cfg['profile'] == 'quick'
    assert cfg['system_role'] == 'folded into the first user turn'
    assert sorted((tmp_path/'cache').glob('sft-*/adapter_model.safetensors'))   # LoRA runs saved their adapters only
    assert not list((tmp_path/'cache').glob('sft-*/model.safetensors'))
    res = json.loads((out/'results.json').read_text())
    assert res['measurement']['base/gate/mass']['estimate'] < 0.5   # random weights: nothing on the three actions
    assert {c['verdict'] for c in res['claims'].values()} == {INERT}
    assert '| C1 |' in (out/'claims.md').read_text()
    assert all((out/f'{n}.png').exists() for n in ('blackmail', 'claims', 'data_efficiency', 'measurement', 'admirable', 'rl_durability'))
