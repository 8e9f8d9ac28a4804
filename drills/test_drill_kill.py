"""kill -9 of `whynb reproduce` at three points (pretraining, the runs, the report notebooks), each followed by a rerun:
the same results as a run never killed, no process left behind, nothing stale or partial in the output folder, and every
artefact in the cache sound."""
import os
from pathlib import Path
from conftest import Started, reproduce, wait_for, files, temporaries, results


def _stopped(s):
    "After the kill: no process of the run lingers (its pool's workers end with it)."
    wait_for(lambda: not s.group(), timeout=20, what=f'the processes of the killed run to end: {s.group()}')


def test_kill_9_mid_run_then_rerun(baseline, tmp_path, profile, monkeypatch):
    from whynb.core import _TEMP
    from whynb.model import checkpoint_problem
    from whynb.pipeline import check_run, run_list
    from whynb.runs import run_path
    cache, w = tmp_path/'cache', tmp_path/'w'; w.mkdir(); out = w/'out'
    monkeypatch.setenv('WHYNB_CACHE', str(cache))   # `run_path` here: in this cache
    runs = lambda: sorted(cache.glob('run-*.parquet'))
    started = []
    try:
        # 1. during pretraining: nothing in the output folder, no process left
        s = Started(out, cache, tmp_path/'1.log'); started.append(s)
        # the progress bar of pretraining: 'pretrain base', or a phase of the copy curriculum
        wait_for(lambda: any(f'pretrain {w}' in s.text() for w in ('base', 'copy', 'recall', 'corpus')), what='pretraining')
        s.kill(); _stopped(s)
        assert not list(cache.glob('base-*')) and os.listdir(w) == []
        # 2. during the runs, some done and some not: the pool's workers end with it
        s = Started(out, cache, tmp_path/'2.log'); started.append(s)
        wait_for(lambda: len(runs()) >= 1, what='a first finished run')
        s.kill(); _stopped(s)
        done = runs()
        assert 1 <= len(done) < len(run_list(profile)) and os.listdir(w) == []
        # 3. rerun: the same numbers as the baseline, from the runs finished before the kill and the rest
        r = reproduce(out, cache)
        assert r.returncode == 0, r.stderr[-4000:]
        assert 'Traceback' not in r.stderr and results(out) == results(baseline/'out')
        assert sorted(os.listdir(w)) == ['out'] and temporaries(out) == []
        # 4. during the report notebooks, over that complete run: it stays as it was
        before = files(out)
        s = Started(out, cache, tmp_path/'4.log'); started.append(s)
        stage = lambda: [p for p in w.iterdir() if p.name.startswith('.out.tmp-')]
        wait_for(lambda: any((p/'notebooks').glob('*.ipynb') for p in stage()), what='a report notebook in the staging folder')
        s.kill(); _stopped(s)
        assert files(out) == before and len(stage()) == 1
        # 5. rerun: the staging folder of the killed run is named and removed; the same numbers again
        left = stage()[0]
        r = reproduce(out, cache)
        assert r.returncode == 0, r.stderr[-4000:]
        assert str(left) in r.stderr and 'stale temporary' in r.stderr
        assert results(out) == results(baseline/'out') and sorted(files(out)) == sorted(before)
        assert sorted(os.listdir(w)) == ['out'] and temporaries(out) == []
        # the cache: every artefact sound; no temporary file of a killed writer (a kill inside `save_lm` can leave its
        # `.KEY.XXXXXXXX` folder, which names no process: `clean_stale` removes it only after an hour)
        assert [p for p in cache.iterdir() if _TEMP.match(p.name)] == []
        base = next(cache.glob('base-*'))
        for ckpt in [base, *cache.glob('sft-*')]: assert checkpoint_problem(ckpt) is None, ckpt
        for m, b, sd in run_list(profile):
            job = (base, m, b, sd, profile)
            p = run_path(*job)
            assert p.parent == cache and check_run(p, job) is None, p
    finally:
        for s in started: s.end()
