"""Drills (`make drills`): `whynb reproduce` on the tiny profile 'drill' (drills/whynb_drill.py), killed, corrupted and run twice
at once. One complete run, `baseline`, is shared: its results are what every drill must reproduce exactly."""
import json, os, re, shutil, signal, subprocess, sys, time
from pathlib import Path
import pytest

HERE = Path(__file__).resolve().parent
PY = sys.executable
os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')

from whynb_drill import TINY   # noqa: E402  (drills/ is on sys.path: this conftest's folder)
from whynb.core import get_profile, _TEMP, _KEYED_TEMP   # noqa: E402


@pytest.fixture(scope='session')
def profile():
    return {**get_profile('quick', **TINY), 'profile': 'drill'}


def command(out, *extra, nbs=None):
    return [PY, str(HERE/'whynb_drill.py'), 'reproduce', '--profile', 'drill', '--out', str(out), *(['--nbs', str(nbs)] if nbs else []), *extra]


def env(cache, **kw): return {**os.environ, 'WHYNB_CACHE': str(cache), **kw}


def reproduce(out, cache, *extra, nbs=None, timeout=600, **kw):
    "`whynb reproduce --profile drill` to the end: the finished process (stdout, stderr as text)."
    return subprocess.run(command(out, *extra, nbs=nbs), env=env(cache, **kw), capture_output=True, text=True, timeout=timeout)


class Started:
    "A `whynb reproduce` started in its own process group, its stderr going to a file."
    def __init__(self, out, cache, log, *extra, nbs=None, **kw):
        self.log = Path(log); self.f = open(self.log, 'w')
        self.p = subprocess.Popen(command(out, *extra, nbs=nbs), env=env(cache, **kw), stdout=self.f, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    def text(self): return self.log.read_text(errors='replace')
    def kill(self):
        "kill -9 of the command's own process (not its group: what a user's `kill -9 PID` does); reaped."
        self.p.send_signal(signal.SIGKILL); self.p.wait(); self.f.close()
    def wait(self, timeout=600):
        rc = self.p.wait(timeout); self.f.close(); return rc
    def group(self) -> list:
        "The live (not zombie) processes of its process group."
        pids = []
        for stat in Path('/proc').glob('[0-9]*/stat'):
            try: fields = stat.read_text().rsplit(')', 1)[1].split()
            except OSError: continue
            if int(fields[2]) == self.p.pid and fields[0] != 'Z': pids.append(int(stat.parent.name))
        return pids
    def end(self):
        "Kill what is left of its group (cleanup)."
        if self.p.poll() is None: self.p.kill(); self.p.wait()
        if not self.f.closed: self.f.close()
        try: os.killpg(self.p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError): pass


def wait_for(cond, timeout=300, what=''):
    t = time.time()
    while not cond():
        assert time.time() - t < timeout, f'waited {timeout}s for {what}'
        time.sleep(0.1)


def files(d) -> dict:
    "Every file under `d`, relative path -> bytes."
    d = Path(d)
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob('*')) if p.is_file()}


def temporaries(d) -> list:
    "whynb's temporary entries anywhere under `d` (files or folders named by a writer)."
    return sorted(str(p) for p in Path(d).rglob('*') if _TEMP.match(p.name) or _KEYED_TEMP.match(p.name))


def results(out) -> dict:
    "What must come out the same from the same cache: the numbers, the claims and the config."
    return {n: (Path(out)/n).read_text() for n in ('results.json', 'claims.md', 'config.json')}


@pytest.fixture(scope='session')
def one_nb(tmp_path_factory):
    "A folder with one trivial report notebook: drills that check the numbers skip the six real ones (~30 s)."
    import nbformat
    d = tmp_path_factory.mktemp('nbs')
    nb = nbformat.v4.new_notebook(metadata={'kernelspec': {'name': 'python3', 'language': 'python', 'display_name': 'python3'}})
    nb.cells = [nbformat.v4.new_code_cell("results = ''", metadata={'tags': ['parameters']}), nbformat.v4.new_code_cell('1 + 1')]
    nbformat.write(nb, d/'one.ipynb')
    return d


@pytest.fixture(scope='session')
def baseline(tmp_path_factory):
    "One complete `whynb reproduce --profile drill` from an empty cache, with every report notebook: `cache/` and `out/`."
    tmp = tmp_path_factory.mktemp('baseline')
    r = reproduce(tmp/'out', tmp/'cache')
    (tmp/'console.txt').write_text(r.stdout + '\n' + r.stderr)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-4000:]
    return tmp
