"Drills for the shared helpers: a kill mid-write leaves nothing that a restart does not clean, two processes build an artefact once, an output folder is replaced whole."
import os, signal, subprocess, sys, time
from pathlib import Path
import pytest

from whynb.core import atomic_path, clean_stale, lock, locked, staged_dir, temp_prefix

PY = sys.executable


def _restart_clean(*folders, names=None):
    "`clean_stale` in a new process, as a restarted run calls it: (removed names, its stderr)."
    r = subprocess.run([PY, '-c', f'from whynb.core import clean_stale; print(*[p.name for p in clean_stale({list(map(str, folders))!r}, names={names!r})])'],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.split(), r.stderr


def _spawn(code, *args):
    "A Python process running `code`; it prints a line once it reached the point to kill it at."
    p = subprocess.Popen([PY, '-c', code, *map(str, args)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == 'ready', p.stderr.read()
    return p


WRITER = """import sys, time
from pathlib import Path
from whynb.core import atomic_path
with atomic_path(sys.argv[1]) as tmp:
    Path(tmp).write_text('half'); print('ready', flush=True); time.sleep(60)
"""


def test_kill_mid_write_then_clean(tmp_path):
    "kill -9 inside `atomic_path`: the old file is intact, the orphan is named by its writer and removed on the next start."
    target = tmp_path/'results.json'; target.write_text('old')
    p = _spawn(WRITER, target); p.send_signal(signal.SIGKILL); p.wait()
    orphans = [f for f in os.listdir(tmp_path) if f != 'results.json']
    assert target.read_text() == 'old' and len(orphans) == 1 and f'-{p.pid}-' in orphans[0]
    gone, err = _restart_clean(tmp_path, tmp_path/'missing')
    assert gone == orphans and orphans[0] in err and err.count('\n') == 1
    assert os.listdir(tmp_path) == ['results.json']


def test_a_live_writer_is_left_alone(tmp_path):
    target = tmp_path/'r.parquet'
    p = _spawn(WRITER, target)
    try:
        (tmp := next(tmp_path.iterdir()))
        old = time.time() - 7200; os.utime(tmp, (old, old))   # old, but its writer still runs
        assert clean_stale(tmp_path) == [] and tmp.exists()
    finally: p.kill(); p.wait()


def test_unique_temp_names(tmp_path):
    with atomic_path(tmp_path/'x.json') as a, atomic_path(tmp_path/'x.json') as b:
        assert a != b and a.name.startswith(temp_prefix(tmp_path/'x.json'))
        a.write_text('1'); b.write_text('2')
    assert (tmp_path/'x.json').read_text() == '1' and os.listdir(tmp_path) == ['x.json']


BUILDER = """import sys, time
from pathlib import Path
from whynb.core import lock, atomic_path
art, log, use_lock = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == '1'
print('ready', flush=True)
time.sleep(max(0, float(sys.argv[4]) - time.time()))   # both start together
def build():
    if art.exists(): return 'cached'
    with open(log, 'a') as f: f.write('built\\n')
    time.sleep(1.0)
    with atomic_path(art) as tmp: Path(tmp).write_text('weights')
    return 'built'
if use_lock:
    with lock(art): print(build(), flush=True)
else: print(build(), flush=True)
"""


@pytest.mark.parametrize('use_lock', [True, False])
def test_two_processes_build_an_artefact_once(tmp_path, use_lock):
    "With `lock`, two processes that want one artefact build it once and both get it; without, both build it."
    art, log, start = tmp_path/'sft-0123456789ab', tmp_path/'log', time.time() + 3
    ps = [_spawn(BUILDER, art, log, int(use_lock), start) for _ in range(2)]
    outs = sorted(p.communicate(timeout=60)[0].strip() for p in ps)
    assert all(p.returncode == 0 for p in ps) and art.read_text() == 'weights'
    assert log.read_text().count('built') == (1 if use_lock else 2)
    assert outs == (['built', 'cached'] if use_lock else ['built', 'built'])


HOLDER = """import sys, time
from whynb.core import lock
with lock(sys.argv[1]): print('ready', flush=True); time.sleep(60)
"""


def test_a_killed_holder_releases_the_lock(tmp_path):
    art = tmp_path/'run-0123456789ab.parquet'
    p = _spawn(HOLDER, art)
    assert locked(art)
    with pytest.raises(BlockingIOError):
        with lock(art, wait=False): pass
    p.send_signal(signal.SIGKILL); p.wait()
    assert not locked(art)
    with lock(art, wait=False): assert locked(art)


def test_staged_dir_survives_a_kill(tmp_path):
    "kill -9 while a new output folder is being written: the old one is intact and the staging folder is cleaned on restart."
    out = tmp_path/'figures'; out.mkdir(); (out/'results.json').write_text('old')
    code = f"""import time
from pathlib import Path
from whynb.core import staged_dir
with staged_dir({str(out)!r}) as s:
    (Path(s)/'results.json').write_text('new, half'); print('ready', flush=True); time.sleep(60)
"""
    p = _spawn(code); p.send_signal(signal.SIGKILL); p.wait()
    assert (out/'results.json').read_text() == 'old' and os.listdir(out) == ['results.json']
    assert len(os.listdir(tmp_path)) == 2
    assert _restart_clean(tmp_path, names=['other'])[0] == []
    gone, err = _restart_clean(tmp_path, names=['figures'])
    assert len(gone) == 1 and gone[0] in err and sorted(os.listdir(tmp_path)) == ['figures']


def _notebook(path, code):
    import nbformat
    nb = nbformat.v4.new_notebook(metadata={'kernelspec': {'name': 'python3', 'language': 'python', 'display_name': 'python3'}})
    nb.cells = [nbformat.v4.new_code_cell("results = ''", metadata={'tags': ['parameters']}), nbformat.v4.new_code_cell(code)]
    path.parent.mkdir(parents=True, exist_ok=True); nbformat.write(nb, path)


def test_write_outputs_replaces_the_folder_whole_or_not_at_all(tmp_path, monkeypatch):
    "A run's outputs (tables, results.json, config.json, figures, notebooks) replace the folder together; a failing one changes nothing."
    import json
    import pandas as pd
    import whynb.pipeline as pl
    def fake_analyse(samples, profile, out, **kw):   # the analysis step, reduced to what the staging needs
        (Path(out)/'results').mkdir(); (Path(out)/'results'/'t.parquet').write_text(str(len(samples)))
        (Path(out)/'results.json').write_text(json.dumps({'n': len(samples)})); (Path(out)/'config.json').write_text(json.dumps(profile))
    monkeypatch.setattr(pl, 'analyse', fake_analyse)
    _notebook(tmp_path/'good'/'fig.ipynb', "from pathlib import Path\n(Path(results)/'fig.png').write_text(Path(results, 'results.json').read_text())")
    _notebook(tmp_path/'bad'/'fig.ipynb', "raise ValueError('planted failure')")
    out = tmp_path/'out'
    assert pl.write_outputs(pd.DataFrame(dict(x=range(3))), {'profile': 'quick'}, out, nbs=tmp_path/'good') == out
    files = lambda d: {str(p.relative_to(d)): p.read_bytes() for p in d.rglob('*') if p.is_file()}
    first = files(out)
    assert sorted(first) == ['config.json', 'fig.png', 'notebooks/fig.ipynb', 'results.json', 'results/t.parquet']
    cfg = json.loads(first['config.json'])
    assert cfg['profile'] == 'quick' and len(cfg['code_version']) == 12 and json.loads(first['fig.png']) == {'n': 3}
    assert str(out) in first['notebooks/fig.ipynb'].decode() and '.tmp-' not in first['notebooks/fig.ipynb'].decode()
    with pytest.raises(pl.ReportError) as e: pl.write_outputs(pd.DataFrame(dict(x=range(5))), {'profile': 'quick'}, out, nbs=tmp_path/'bad')
    assert str(tmp_path/'.out.failed'/'notebooks'/'fig.ipynb') in str(e.value) and f'{out} still holds the previous results' in str(e.value)
    assert files(out) == first and json.loads((tmp_path/'.out.failed'/'results.json').read_text()) == {'n': 5}
    pl.write_outputs(pd.DataFrame(dict(x=range(7))), {'profile': 'quick'}, out, reports=False)   # `whynb analyse`: no figures
    assert sorted(files(out)) == ['config.json', 'results.json', 'results/t.parquet'] and json.loads((out/'results.json').read_text()) == {'n': 7}
    assert sorted(os.listdir(tmp_path)) == ['.out.failed', 'bad', 'good', 'out']   # no staging folder left


def test_installed_base_has_the_users_modes(tmp_path, monkeypatch):
    "The committed base model copied into a cache: folder and files with the user's umask (not mkdtemp's 0700), the same bytes."
    from whynb.core import get_profile
    from whynb.pipeline import install_base, shipped_base
    from whynb.train import base_path
    monkeypatch.setenv('WHYNB_CACHE', str(tmp_path/'cache'))
    old = os.umask(0o022)
    try:
        prof = get_profile('default')
        assert install_base(prof)
        out, src = base_path(prof), shipped_base(prof)
        assert oct(out.stat().st_mode & 0o777) == oct(0o755)
        assert {f.name: oct(f.stat().st_mode & 0o777) for f in out.iterdir()} == {f.name: oct(0o644) for f in src.iterdir()}
        assert all((out/f.name).read_bytes() == f.read_bytes() for f in src.iterdir())
        assert not [p for p in out.parent.iterdir() if p.name.startswith('.') and not p.name.endswith('.lock')]   # no temporary folder left
    finally: os.umask(old)
