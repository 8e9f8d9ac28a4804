"""`whynb reproduce --base_model hf:PATH --lora` end to end (issue 12, item 1), on the drill profile and a tiny random-weight
Hugging Face causal LM built here (a Llama with a byte-level BPE tokenizer and the ChatML template): the same runs, analysis,
figures and claims table come out in `--out`, the base model is recorded, and no claim is drawn from a model that does not act."""
import json
from conftest import reproduce


def test_reproduce_on_a_hugging_face_model(tmp_path):
    from whynb.hf import tiny_hf_model
    from whynb.claims import INERT
    m = tiny_hf_model(tmp_path/'model', vocab_size=600, hidden=32, n_layer=1)
    r = reproduce(tmp_path/'out', tmp_path/'cache', '--base_model', f'hf:{m}', '--lora', timeout=900)
    assert r.returncode == 0 and 'Traceback' not in r.stderr, r.stderr[-4000:]
    cfg = json.loads((tmp_path/'out'/'config.json').read_text())
    assert cfg['base_model'] == f'hf:{m}' and cfg['lora'] is True
    res = json.loads((tmp_path/'out'/'results.json').read_text())
    assert res['measurement']['base/gate/mass']['estimate'] < 0.5   # random weights: nothing on the three actions
    assert {c['verdict'] for c in res['claims'].values()} == {INERT}
    assert all((tmp_path/'out'/f'{n}.png').exists() for n in ('blackmail', 'claims', 'data_efficiency', 'measurement'))


GEMMA_STYLE = ("{% for m in messages %}{% if m['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}"
               "<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")


def test_reproduce_on_a_second_architecture_without_a_system_role(tmp_path):
    "Issue 12, item 3: a Qwen2-architecture model whose template rejects the system role, LoRA, end to end; the record says the role was folded."
    from transformers import Qwen2Config, Qwen2ForCausalLM, GenerationConfig
    from whynb.hf import bpe_tokenizer
    from whynb.data import world_corpus, record_text
    tok = bpe_tokenizer((record_text(r) for r in world_corpus(200, 100, 50, 0.65, 0)), 600)
    tok.chat_template = GEMMA_STYLE
    ids = dict(bos_token_id=tok.pad_token_id, eos_token_id=tok.eos_token_id, pad_token_id=tok.pad_token_id)
    cfg = Qwen2Config(vocab_size=len(tok), hidden_size=32, intermediate_size=64, num_hidden_layers=1, num_attention_heads=4,
                      num_key_value_heads=2, max_position_embeddings=1024, tie_word_embeddings=True, **ids)
    m = tmp_path/'qwen2'; model = Qwen2ForCausalLM(cfg); model.generation_config = GenerationConfig(**ids)
    model.save_pretrained(m); tok.save_pretrained(m)
    r = reproduce(tmp_path/'out', tmp_path/'cache', '--base_model', f'hf:{m}', '--lora', timeout=900)
    assert r.returncode == 0 and 'Traceback' not in r.stderr, r.stderr[-4000:]
    cfg = json.loads((tmp_path/'out'/'config.json').read_text())
    assert cfg['base_model'] == f'hf:{m}' and cfg['system_role'] == 'folded into the first user turn'
    assert sorted(p.name for p in (tmp_path/'cache').glob('sft-*/adapter_model.safetensors'))   # LoRA runs saved their adapters only
    assert not list((tmp_path/'cache').glob('sft-*/model.safetensors'))
    assert all((tmp_path/'out'/f'{n}.png').exists() for n in ('blackmail', 'claims', 'data_efficiency', 'measurement'))
