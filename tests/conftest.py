import os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
os.environ.setdefault('HF_HUB_OFFLINE', '1')

@pytest.fixture(scope='session')
def root(): return ROOT

@pytest.fixture(scope='session')
def whynb_cli(): return str(BIN/'whynb')


@pytest.fixture(scope='session')
def quick(tmp_path_factory, whynb_cli):
    """One `whynb reproduce --profile quick` from an empty cache, shared by every test that needs a quick run: the folder
    holding `out/` (its outputs), `cache/` and `console.txt` (its stdout and stderr, as a user sees them)."""
    tmp = tmp_path_factory.mktemp('quick')
    r = subprocess.run([whynb_cli, 'reproduce', '--profile', 'quick', '--out', str(tmp/'out')], capture_output=True, text=True,
                       timeout=1200, env={**os.environ, 'WHYNB_CACHE': str(tmp/'cache')})
    (tmp/'console.txt').write_text(r.stdout + '\n' + r.stderr)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-4000:]
    return tmp
