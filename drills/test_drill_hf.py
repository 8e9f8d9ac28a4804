"""`whynb reproduce --base_model hf:PATH --lora` end to end (issue 12, item 1), on the drill profile and a tiny random-weight
Hugging Face causal LM built here (a Llama with a byte-level BPE tokenizer and the ChatML template): the same runs, analysis,
figures and claims table come out in `--out`, the base model is recorded, and no claim is drawn from a model that does not act."""
import json, sys
from pathlib import Path
from conftest import reproduce


def test_reproduce_on_a_hugging_face_model(tmp_path):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]/'tests'))   # the test fixtures
    from fixtures import tiny_hf_model
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

# the second architecture, without a system role, on the quick profile: tests/test_hf_reproduce.py (make test)
