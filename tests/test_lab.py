"`make kernel` registers the kernel `whynb`; `make lab` starts JupyterLab (as root too), and the server offers that kernel."
import json, os, secrets, signal, socket, subprocess, time, urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


def _make(*args, env, **kw):
    "`make` in the project without re-checking the environment (`-o venv`: the tests already run in it)."
    return subprocess.run(['make', '--no-print-directory', '-o', 'venv', *args], cwd=ROOT, env=env, capture_output=True, text=True, **kw)


@pytest.fixture
def jupyter_env(tmp_path):
    "An environment whose Jupyter data, config and runtime folders are temporary: the test leaves this user's Jupyter alone."
    env = {k: v for k, v in os.environ.items() if not k.startswith('JUPYTER')}
    for d in ('data', 'config', 'runtime'): env[f'JUPYTER_{d.upper()}_DIR'] = str(tmp_path/d)
    return env


def test_make_kernel_registers_whynb(jupyter_env, tmp_path):
    "The spec lands in this user's Jupyter data folder and runs the project's python, offline."
    r = _make('kernel', env=jupyter_env, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    spec = json.loads((tmp_path/'data'/'kernels'/'whynb'/'kernel.json').read_text())
    assert Path(spec['argv'][0]).parent == ROOT/'.venv'/'bin', spec['argv']
    assert spec['env']['HF_HUB_OFFLINE'] == '1' and spec['display_name'] == 'Python (whynb)'


def test_make_lab_starts_and_offers_the_whynb_kernel(jupyter_env, tmp_path):
    "`make lab` headless on a free port (as root here if the tests run as root): /api/kernelspecs lists `whynb`; then it is stopped."
    assert _make('kernel', env=jupyter_env, timeout=120).returncode == 0
    port, token = _free_port(), secrets.token_hex(16)
    args = f'--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 --IdentityProvider.token={token}'
    log = open(tmp_path/'lab.log', 'w')
    p = subprocess.Popen(['make', '--no-print-directory', '-o', 'venv', 'lab', f'LAB_ARGS={args}'], cwd=ROOT, env=jupyter_env,
                         stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        specs, t0 = None, time.time()
        while time.time() - t0 < 120 and p.poll() is None:
            try:
                req = urllib.request.Request(f'http://127.0.0.1:{port}/api/kernelspecs', headers={'Authorization': f'token {token}'})
                specs = json.loads(urllib.request.urlopen(req, timeout=5).read()); break
            except OSError: time.sleep(1)
        assert specs, f'JupyterLab did not answer (exit {p.poll()}):\n' + (tmp_path/'lab.log').read_text()[-3000:]
        assert 'whynb' in specs['kernelspecs'], sorted(specs['kernelspecs'])
        assert specs['kernelspecs']['whynb']['spec']['display_name'] == 'Python (whynb)'
    finally:
        if p.poll() is None: os.killpg(p.pid, signal.SIGTERM)  # the process group of this make: make and its jupyter lab
        try: p.wait(timeout=30)
        except subprocess.TimeoutExpired: os.killpg(p.pid, signal.SIGKILL); p.wait()
        log.close()
    assert 'Running as root is not recommended' not in (tmp_path/'lab.log').read_text()


def test_report_notebooks_open_with_the_whynb_kernel(root):
    "Opened in JupyterLab, a report notebook starts the project's kernel (`make kernel`); papermill names python3 itself."
    import json
    for nb in sorted((root/'nbs'/'figures').glob('*.ipynb')):
        assert json.loads(nb.read_text())['metadata']['kernelspec']['name'] == 'whynb', nb.name
