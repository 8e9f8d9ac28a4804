"""A damaged artefact in the cache, of each kind (base checkpoint, fine-tuned checkpoint, run Parquet, RL snapshot and curve) and each manifest: the
rerun names the file in one warning, recomputes it, and writes the same results as the baseline; never a traceback."""
import json, re, shutil
from pathlib import Path
import pandas as pd
import pytest
from conftest import reproduce, results


def _zero(p:Path):
    "Zero 4 KiB in the middle of file `p` (same size: a disk error, not a short write)."
    b = bytearray(p.read_bytes()); mid = len(b)//2; b[mid:mid + 4096] = bytes(min(4096, len(b) - mid)); p.write_bytes(bytes(b))

def _truncate(p:Path): p.write_bytes(p.read_bytes()[:len(p.read_bytes())//2])


class Cache:
    "The names of the drill profile's artefacts in a copy of the baseline cache."
    def __init__(self, d, profile):
        from whynb.train import base_path, sft_path
        from whynb.runs import run_path
        self.d, self.p = d, profile
        self.base = d/base_path(profile).name
        self.sft = lambda arm, budget: d/sft_path(self.base, arm, budget, 0, profile).name
        self.run = lambda model, budget: d/run_path(self.base, model, budget, 0, profile).name
        from whynb.rl import rl_path
        self.rl = lambda model, budget, step: d/rl_path(self.base, model, budget, 0, 0.5, step, profile).name


def _base_weights(c): _zero(c.base/'model.safetensors'); c.run('base', 0).unlink(); return c.base/'model.safetensors'
def _base_truncated(c): _truncate(c.base/'model.safetensors'); c.run('base', 0).unlink(); return c.base/'model.safetensors'
def _base_manifest(c): _truncate(c.base/'whynb.json'); c.run('base', 0).unlink(); return c.base/'whynb.json'
def _manifest_without_files(c):
    "A manifest that lists no files (an older whynb's `whynb.json`), over zeroed weights."
    m = c.base/'whynb.json'; meta = json.loads(m.read_text()); meta.pop('files'); m.write_text(json.dumps(meta))
    _zero(c.base/'model.safetensors'); c.run('base', 0).unlink(); return m
def _sft_weights(c): _zero(c.sft('honeypot', 2000)/'model.safetensors'); c.run('honeypot', 2000).unlink(); return c.sft('honeypot', 2000)/'model.safetensors'
def _sft_manifest(c): _truncate(c.sft('control', 1000)/'whynb.json'); c.run('control', 1000).unlink(); return c.sft('control', 1000)/'whynb.json'
def _sft_tokenizer(c): _truncate(c.sft('control', 2000)/'tokenizer.json'); c.run('control', 2000).unlink(); return c.sft('control', 2000)/'tokenizer.json'
def _run_truncated(c): _truncate(c.run('honeypot', 1000)); return c.run('honeypot', 1000)
def _run_misplaced(c): shutil.copy(c.run('control', 2000), c.run('honeypot', 2000)); return c.run('honeypot', 2000)
def _run_short(c):
    p = c.run('control', 1000); pd.read_parquet(p).iloc[::2].to_parquet(p); return p
def _run_resampled(c):
    "Another sampling of the same run (its model, budget, seed and number of records right), rewritten by pandas: no manifest."
    p = c.run('constitution+fiction', 2000); df = pd.read_parquet(p)
    df['label'] = 'misaligned'; df['p_mis'] = 1.0; df.to_parquet(p); return p
def _run_relabelled(c):
    "The same with its manifest kept: only the hash of the records can tell."
    import pyarrow as pa, pyarrow.parquet as pq
    p = c.run('constitution+fiction', 1000); t = pq.read_table(p); df = t.to_pandas(); df['label'] = 'misaligned'
    pq.write_table(pa.Table.from_pandas(df, preserve_index=False).replace_schema_metadata(t.schema.metadata), p); return p

def _rl_truncated(c): _truncate(c.rl('control', 2000, 2)); return c.rl('control', 2000, 2)
def _rl_misplaced(c): shutil.copy(c.rl('control', 2000, 0), c.rl('control', 2000, 2)); return c.rl('control', 2000, 2)
def _rl_curve(c): shutil.copy(c.rl('base', 0, 'curve'), c.rl('control', 2000, 'curve')); return c.rl('control', 2000, 'curve')

CORRUPT = {'base checkpoint: weights zeroed': _base_weights, 'base checkpoint: weights truncated': _base_truncated,
           'base checkpoint: manifest truncated': _base_manifest,
           'base checkpoint: manifest lists no files (weights zeroed)': _manifest_without_files, 'fine-tuned checkpoint: weights zeroed': _sft_weights,
           'fine-tuned checkpoint: manifest truncated': _sft_manifest, 'fine-tuned checkpoint: tokenizer truncated': _sft_tokenizer,
           'run Parquet: truncated': _run_truncated, "run Parquet: another run's file": _run_misplaced,
           'run Parquet: half its records': _run_short, 'run Parquet: other samples of the same run': _run_resampled,
           'run Parquet: records changed under its manifest': _run_relabelled,
           'RL snapshot: truncated': _rl_truncated, "RL snapshot: another step's file": _rl_misplaced,
           "RL curve: another start's curve": _rl_curve}


@pytest.mark.parametrize('kind', CORRUPT)
def test_damaged_artefact_is_named_and_recomputed(baseline, tmp_path, profile, one_nb, kind):
    cache = tmp_path/'cache'; shutil.copytree(baseline/'cache', cache)
    bad = CORRUPT[kind](Cache(cache, profile))
    r = reproduce(tmp_path/'out', cache, nbs=one_nb)
    assert r.returncode == 0 and 'Traceback' not in r.stderr, r.stderr[-4000:]
    warned = [m for m in re.split(r'[\r\n]', r.stderr) if str(bad) in m]   # after a progress bar: on its line
    assert len(warned) == 1 and re.search(r'(^|\]|\s)whynb: \S', warned[0]), r.stderr[-3000:]
    assert results(tmp_path/'out') == results(baseline/'out')
    if bad.parent.name.startswith(('base-', 'sft-')):   # rebuilt whole, to the same weights (training is deterministic)
        w = bad.parent/'model.safetensors'
        assert w.read_bytes() == (baseline/'cache'/w.parent.name/w.name).read_bytes()
