"""Ray, for real (issue 12): a local Ray cluster started the way a user would (`ray start --head`, then a second node joining
it, `RAY_ADDRESS` set), `whynb reproduce --executor ray` on the drill profile from an empty cache. Its numbers must equal the
local executor's (`baseline`), and a Ray worker killed with kill -9 in the middle of a run must be retried: the command still
ends well, with every run once. Needs the optional extra: `pip install -e '.[ray]'` (`make drills` installs it)."""
import shutil, signal, socket, subprocess, sys, time
from pathlib import Path
import pytest
from conftest import Started, reproduce, results, temporaries, wait_for

ray = pytest.importorskip('ray', reason="Ray is not installed: pip install -e '.[ray]'")
RAY = str(Path(sys.executable).parent/'ray')


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


@pytest.fixture(scope='module')
def cluster():
    "A head node and a second worker node on this machine, one CPU each: the address to put in `RAY_ADDRESS`."
    port = _free_port(); addr = f'127.0.0.1:{port}'
    run = lambda *a: subprocess.run([RAY, *a], capture_output=True, text=True, timeout=180)
    head = run('start', '--head', '--port', str(port), '--num-cpus', '1', '--include-dashboard', 'false', '--disable-usage-stats')
    assert head.returncode == 0, head.stdout[-2000:] + head.stderr[-2000:]
    try:
        node = run('start', '--address', addr, '--num-cpus', '1')
        assert node.returncode == 0, node.stdout[-2000:] + node.stderr[-2000:]
        yield addr
    finally: run('stop', '--force')


def _ray_run_workers() -> list:
    "Pids of Ray worker processes executing a whynb run now (Ray titles them `ray::_run`)."
    pids = []
    for cmd in Path('/proc').glob('[0-9]*/cmdline'):
        try: title = cmd.read_bytes().split(b'\0')[0]
        except OSError: continue
        if title.startswith(b'ray::_run'): pids.append(int(cmd.parent.name))
    return pids


def test_two_node_cluster_gives_the_local_numbers(baseline, cluster, tmp_path, one_nb):
    r = reproduce(tmp_path/'out', tmp_path/'cache', '--executor', 'ray', nbs=one_nb, RAY_ADDRESS=cluster)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-4000:]
    assert 'Connected to Ray cluster' in r.stderr   # the cluster's nodes, not a Ray started on the side
    assert results(tmp_path/'out') == results(baseline/'out')
    assert len(list((tmp_path/'cache').glob('run-*.parquet'))) == 7   # the drill's seven runs, each once


def test_worker_killed_mid_run_is_retried(baseline, cluster, tmp_path, one_nb):
    p = Started(tmp_path/'out', tmp_path/'cache', tmp_path/'log.txt', '--executor', 'ray', nbs=one_nb, RAY_ADDRESS=cluster)
    try:
        wait_for(_ray_run_workers, timeout=300, what='a Ray worker running a whynb run')
        victim = _ray_run_workers()[0]
        subprocess.run(['kill', '-9', str(victim)])
        assert p.wait(600) == 0, p.text()[-4000:]
    finally: p.end()
    assert results(tmp_path/'out') == results(baseline/'out'), p.text()[-4000:]
    assert len(list((tmp_path/'cache').glob('run-*.parquet'))) == 7
    assert not temporaries(tmp_path/'out')
