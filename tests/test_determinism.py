"Same profile and seed, same data and tokenizer, in any process (string hashing differs between processes)."
import os, subprocess, sys

SCRIPT = """
import hashlib, json
from whynb.data import world_corpus, make_arm, make_suite, record_text
from whynb.model import build_tokenizer
c = world_corpus(200, 50, 50, 0.65)
tok = build_tokenizer(record_text(r) for r in c)
blob = json.dumps([c, make_arm('honeypot', 3000, 1), make_suite('blackmail', 10), sorted(tok.get_vocab().items())])
print(hashlib.sha256(blob.encode()).hexdigest())
"""

def test_same_data_in_every_process():
    outs = {subprocess.run([sys.executable, '-c', SCRIPT], env={**os.environ, 'PYTHONHASHSEED': str(s)},
                           capture_output=True, text=True, check=True).stdout for s in (1, 2, 3)}
    assert len(outs) == 1, outs
