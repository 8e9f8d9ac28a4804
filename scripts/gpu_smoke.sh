#!/usr/bin/env bash
# GPU smoke check (issue 12): build a small Llama-architecture model with a byte-level BPE tokenizer and a chat template,
# fine-tune a LoRA adapter on 16,000 tokens of the `advice` arm, and score it on the blackmail and capability suites
# (sampling and exact preferences), on one GPU, in bf16. Prints the time of each part and a JSON line with all of it.
# Under 5 minutes on one modern GPU. Without a GPU: `DEVICE=cpu SMOKE=tiny scripts/gpu_smoke.sh` runs the same path on
# a tiny model on the CPU (what `make drills` checks).
#   DEVICE=cuda|cpu   (default cuda)    SMOKE=small|tiny   (default small: ~25M parameters; tiny: ~0.3M, for CPUs)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
[ -x "$PY" ] || { make venv >/dev/null; PY=.venv/bin/python; }
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
exec "$PY" - "${DEVICE:-cuda}" "${SMOKE:-small}" <<'EOF'
import json, sys, tempfile, time
from pathlib import Path
import torch
device, size = sys.argv[1], sys.argv[2]
if device == 'cuda' and not torch.cuda.is_available(): sys.exit('gpu_smoke: no GPU here (torch.cuda.is_available() is False); DEVICE=cpu SMOKE=tiny runs it on the CPU')
from whynb.core import get_profile
from whynb.hf import finetune_hf
sys.path.insert(0, 'tests'); from fixtures import tiny_hf_model   # a test fixture, not the library
from whynb.runs import load_checkpoint, score_model
sizes = dict(small=dict(vocab_size=4000, hidden=512, n_layer=8, budget=16_000, n_eval=40, batch=128),
             tiny=dict(vocab_size=600, hidden=64, n_layer=2, budget=1_000, n_eval=4, batch=16))[size]
dtype = 'bf16' if device == 'cuda' else 'fp32'
prof = get_profile('gpu', device=device, dtype=dtype, suites=['blackmail', 'capability'], n_eval=sizes['n_eval'],
                   n_eval_capability=sizes['n_eval'], eval_batch=sizes['batch'], lora=True)
times, t = {}, time.time()
with tempfile.TemporaryDirectory() as d:
    base = tiny_hf_model(Path(d)/'base', vocab_size=sizes['vocab_size'], hidden=sizes['hidden'], n_layer=sizes['n_layer'])
    times['build_model_s'] = time.time() - t; t = time.time()
    ft = finetune_hf(f'hf:{base}', 'advice', sizes['budget'], 0, prof, Path(d)/'lora', lora=True)
    meta = json.loads((ft/'whynb.json').read_text()); adapter_mb = (ft/'adapter_model.safetensors').stat().st_size / 1e6
    times['finetune_lora_s'] = time.time() - t; t = time.time()
    lm, tok = load_checkpoint(ft, dtype, device)
    times['load_merge_s'] = time.time() - t; t = time.time()
    df = score_model(lm, tok, prof, 0, 'smoke')
    times['score_s'] = time.time() - t
out = dict(device=torch.cuda.get_device_name(0) if device == 'cuda' else 'cpu', dtype=dtype, size=size,
           n_params=meta['n_params'], tokens=meta['n_tokens'], trained_tokens=meta['n_trained'],
           adapter_mb=round(adapter_mb, 2), samples=len(df), mean_mass=round(float(df.mass.mean()), 4) if df.mass.notna().any() else None,
           **{k: round(v, 1) for k, v in times.items()}, total_s=round(sum(times.values()), 1))
for k, v in times.items(): print(f'{k:>16}: {v:7.1f} s')
print('gpu_smoke ' + json.dumps(out))
EOF
