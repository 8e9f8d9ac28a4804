"End to end: `whynb reproduce --profile quick` writes every figure and a results.json whose numbers carry CIs."
import json, os, subprocess, sys
from pathlib import Path
import nbformat
import pytest


def _run(cli, *args, cache, timeout=900):
    env = {**os.environ, 'WHYNB_CACHE': str(cache)}
    return subprocess.run([cli, *args], env=env, capture_output=True, text=True, timeout=timeout)


def _leaves(d, path=()):
    "Every entry of the results JSON that holds numbers, with its path."
    if isinstance(d, dict) and 'estimate' in d: yield path, d; return
    assert isinstance(d, dict), f'{"/".join(path)}: a bare value {d!r}; every number must carry a CI'
    for k, v in d.items(): yield from _leaves(v, path + (k,))


# `quick`: the one shared quick run (tests/conftest.py)


def test_figures_and_results(quick, root):
    out = quick/'out'
    names = [p.stem for p in (root/'nbs'/'figures').glob('*.ipynb')]
    assert names
    for n in names:
        assert (out/f'{n}.png').read_bytes()[:4] == b'\x89PNG', n
        assert (out/f'{n}.svg').exists(), n
        assert (out/'notebooks'/f'{n}.ipynb').exists(), n
    res = json.loads((out/'results.json').read_text())
    assert 'blackmail' in res and set(res) <= set(names) | {'claims_by_measure'}
    leaves = list(_leaves(res))
    assert len(leaves) >= 8
    for path, v in leaves:
        assert set(v) >= {'estimate', 'lo', 'hi'}, path
        unit = v.get('unit', 'rate')
        if unit in ('rate', 'difference'):   # rates and differences of rates: a number with a closed CI
            assert v['lo'] <= v['estimate'] <= v['hi'], (path, v)
            lo, hi = (0, 1) if unit == 'rate' else (-1, 1)
            assert lo <= v['lo'] and v['hi'] <= hi, (path, v)
        else:   # tokens and ratios: censored ends are None and the estimate may be a bound
            assert unit in ('tokens', 'ratio'), (path, unit)
            assert v.get('bound') in ('', '>', '<', '?'), (path, v)
            if v['estimate'] is not None and not v['bound']:
                assert (v['lo'] is None or v['lo'] <= v['estimate']) and (v['hi'] is None or v['estimate'] <= v['hi']), (path, v)
        if 'n' in v: assert v['n'] > 0, path
    claims = res['claims']
    assert set(claims) <= {'C1', 'C2', 'C3', 'C4'} and {'C2', 'C3'} <= set(claims)   # C3: the quick profile's short RL stage
    verdicts = ('agree', 'agree (a bound only)', 'same direction', 'opposite', 'inconclusive', 'not measurable here (damaged)',
                'not measurable here (the base model does not act)', 'not measurable here (no lead at step 0)',
                'not measurable here (RL put no pressure on the model)')
    assert all(c['verdict'] in verdicts for c in claims.values())
    assert {'sampled', 'direct', 'reasoned'} <= set(res['claims_by_measure']) <= {'sampled', 'direct', 'reasoned', 'reasoned_unweighted', 'reasoned_valid'}   # reasoned_valid: only where some answer is valid
    assert all(c['verdict'] in verdicts for m in res['claims_by_measure'].values() for c in m.values())
    assert res['claims_by_measure']['reasoned'] == claims   # the primary measure is the claims table itself
    assert (out/'claims.md').read_text().startswith('| id | claim')


def test_all_grades_reported(quick):
    res = json.loads((quick/'out'/'results.json').read_text())['blackmail']
    for grade in ('misaligned', 'aligned', 'admirable', 'invalid'):
        assert f'base/in-surface/sampled/{grade}' in res and f'base/shifted/sampled/{grade}' in res
    for measure, grades in (('sampled', ('misaligned', 'aligned', 'admirable', 'invalid')), ('reasoned', ('misaligned', 'aligned', 'admirable'))):
        total = sum(res[f'base/in-surface/{measure}/{g}']['estimate'] for g in grades)   # every sample's shares sum to one
        assert abs(total - 1) < 1e-9, measure


def test_cached_rerun_is_identical(quick, whynb_cli):
    "A second run reuses every cached model and sample and writes the same numbers."
    first = (quick/'out'/'results.json').read_text()
    r = _run(whynb_cli, 'reproduce', '--profile', 'quick', '--out', str(quick/'out2'), cache=quick/'cache', timeout=300)
    assert r.returncode == 0, r.stderr[-4000:]
    assert (quick/'out2'/'results.json').read_text() == first


def test_failing_notebook_is_named_and_kept(quick, tmp_path, whynb_cli):
    "A run failing mid-way (a report notebook): named with its cell and kept beside the output folder, whose previous run stays whole."
    import shutil
    nbs = tmp_path/'nbs'; nbs.mkdir()
    nb = nbformat.v4.new_notebook(metadata={'kernelspec': {'name': 'python3', 'language': 'python', 'display_name': 'python3'}})
    nb.cells = [nbformat.v4.new_code_cell("profile = 'x'; out_dir = ''", metadata={'tags': ['parameters']}),
                nbformat.v4.new_code_cell("import os; os.write(2, b'noise of the kernel process\\n')"),   # its own stderr, not a cell's
                nbformat.v4.new_code_cell("raise ValueError('planted failure')")]
    nbformat.write(nb, nbs/'broken.ipynb')
    out = tmp_path/'out'; shutil.copytree(quick/'out', out)
    files = lambda d: {p.relative_to(d): p.read_bytes() for p in d.rglob('*') if p.is_file()}
    before = files(out)
    r = _run(whynb_cli, 'reproduce', '--profile', 'quick', '--out', str(out), '--nbs', str(nbs), cache=quick/'cache')
    assert r.returncode != 0
    assert 'broken.ipynb' in r.stderr and 'ValueError' in r.stderr and 'planted failure' in r.stderr
    kept = tmp_path/'.out.failed'/'notebooks'/'broken.ipynb'
    assert str(kept) in r.stderr and kept.exists() and 'planted failure' in kept.read_text()
    assert (tmp_path/'.out.failed'/'results.json').exists()   # the failed run's own numbers stay beside, never in out
    log = kept.with_suffix('.kernel.log')   # the kernel process's own stderr: kept with the failure, not on the console
    assert 'noise of the kernel process' not in r.stderr and str(log) in r.stderr and 'noise of the kernel process' in log.read_text()
    assert files(out) == before   # the previous run, untouched
    assert sorted(os.listdir(tmp_path)) == ['.out.failed', 'nbs', 'out']   # no staging folder left


def test_output_folder_is_one_complete_run(quick):
    "config.json names the profile and the code; nothing of the staging is left, and the notebooks name the folder itself."
    cfg = json.loads((quick/'out'/'config.json').read_text())
    assert cfg['profile'] == 'quick' and len(cfg['code_version']) == 12 and cfg['whynb_version']
    assert sorted(p.name for p in quick.iterdir() if p.name.startswith('.')) == []
    nb = (quick/'out'/'notebooks'/'blackmail.ipynb').read_text()
    assert str((quick/'out').resolve()) in nb and '.tmp-' not in nb


def test_cli_errors(tmp_path, whynb_cli):
    r = _run(whynb_cli, 'reproduce', '--profile', 'huge', '--out', str(tmp_path), cache=tmp_path)
    assert r.returncode != 0 and "Unknown profile 'huge'" in r.stderr
    r = _run(whynb_cli, cache=tmp_path)
    assert r.returncode != 0 and 'expected a command' in r.stderr


def test_eval_cli(quick, tmp_path, whynb_cli):
    "`whynb eval` samples and grades a checkpoint on a scenario file and prints every grade's rate with a CI."
    from whynb.data import make_suite
    from whynb.core import write_jsonl
    ckpt = next((quick/'cache').glob('base-*'))
    write_jsonl(tmp_path/'s.jsonl', make_suite('blackmail', 3) + make_suite('capability', 2))
    r = _run(whynb_cli, 'eval', '--model', str(ckpt), '--scenarios', str(tmp_path/'s.jsonl'), '--k', '2', '--grader', 'any',
             '--out', str(tmp_path/'s.parquet'), cache=quick/'cache', timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    for word in ('blackmail', 'capability', 'misaligned', 'invalid', 'incorrect', '[', 'wrong_kind', 'mass'): assert word in r.stdout, word
    import pandas as pd
    df = pd.read_parquet(tmp_path/'s.parquet')
    assert len(df) == 2*(3*2 + 2) and set(df.columns) >= {'scenario', 'suite', 'surface', 'sample', 'text', 'label'}
    assert set(df.model_path) == {str(ckpt)} and set(df.scenarios_file) == {str(tmp_path/'s.jsonl')} and set(df.grader) == {'any'}


def test_eval_cli_errors(quick, tmp_path, whynb_cli):
    from whynb.data import make_suite
    from whynb.core import write_jsonl
    ckpt = next((quick/'cache').glob('base-*'))
    write_jsonl(tmp_path/'s.jsonl', make_suite('blackmail', 1))
    r = _run(whynb_cli, 'eval', '--model', str(tmp_path/'nowhere'), '--scenarios', str(tmp_path/'s.jsonl'), cache=tmp_path)
    assert r.returncode != 0 and 'No checkpoint at' in r.stderr and 'nowhere' in r.stderr
    (tmp_path/'bad.jsonl').write_text((tmp_path/'s.jsonl').read_text() + '{"id": "x"}\n')
    r = _run(whynb_cli, 'eval', '--model', str(ckpt), '--scenarios', str(tmp_path/'bad.jsonl'), cache=tmp_path)
    assert r.returncode != 0 and 'bad.jsonl, line 3' in r.stderr, r.stderr[-2000:]
    r = _run(whynb_cli, 'eval', '--model', str(ckpt), '--scenarios', str(tmp_path/'s.jsonl'), '--grader', 'judge', cache=tmp_path)
    assert r.returncode != 0 and "Unknown grader 'judge'" in r.stderr
    r = _run(whynb_cli, 'eval', '--scenarios', str(tmp_path/'s.jsonl'), cache=tmp_path)
    assert r.returncode != 0 and '--model CKPT' in r.stderr


def test_analyse_reads_the_cache_only(quick, tmp_path, whynb_cli):
    "`whynb analyse` rebuilds the same tables and numbers from the cached runs, and never trains when one is missing."
    r = _run(whynb_cli, 'analyse', '--profile', 'quick', '--out', str(tmp_path/'a'), cache=quick/'cache', timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert (tmp_path/'a'/'results.json').read_text() == (quick/'out'/'results.json').read_text()
    assert (tmp_path/'a'/'config.json').read_text() == (quick/'out'/'config.json').read_text()
    import pandas as pd
    from whynb.analysis import TABLES
    for name in TABLES:
        pd.testing.assert_frame_equal(pd.read_parquet(tmp_path/'a'/'results'/f'{name}.parquet'),
                                      pd.read_parquet(quick/'out'/'results'/f'{name}.parquet'))
    empty = tmp_path/'empty-cache'
    r = _run(whynb_cli, 'analyse', '--profile', 'quick', '--out', str(tmp_path/'b'), cache=empty, timeout=120)
    assert r.returncode != 0 and 'whynb reproduce --profile quick' in r.stderr, r.stderr[-2000:]
    assert not empty.exists() or not any(empty.iterdir()), 'analyse trained something'


def test_report_notebooks_only_read_and_plot(root, quick, tmp_path):
    "Report notebooks import nothing that trains, stay short, and name the command that writes a missing table."
    import nbformat, papermill as pm
    for nb_path in sorted((root/'nbs'/'figures').glob('*.ipynb')):
        nb = nbformat.read(nb_path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == 'code']
        assert code[0].metadata.get('tags') == ['parameters'], nb_path.name
        lines = [l for c in code for l in c.source.splitlines() if l.strip() and not l.strip().startswith('#')]
        assert len(lines) <= 30, f'{nb_path.name}: {len(lines)} code lines'
        imports = '\n'.join(l for l in lines if l.startswith(('import ', 'from ')))
        probe = f"import sys\n{imports}\nbad = sorted(m for m in sys.modules if m == 'torch' or m in ('whynb.train', 'whynb.runs', 'whynb.pipeline', 'whynb.eval'))\nassert not bad, bad"
        r = subprocess.run([sys.executable, '-c', probe], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, f'{nb_path.name} imports what trains: {r.stderr[-500:]}'
    out = tmp_path/'partial'; out.mkdir()
    (out/'config.json').write_text((quick/'out'/'config.json').read_text())
    with pytest.raises(pm.PapermillExecutionError, match='whynb analyse --out'):
        pm.execute_notebook(str(root/'nbs'/'figures'/'blackmail.ipynb'), str(tmp_path/'x.ipynb'), parameters=dict(results=str(out)),
                            kernel_name='python3', progress_bar=False)


def test_decision_point_measure(quick):
    "Every run carries the exact preferences; on every model they are probabilities that sum to one."
    import pandas as pd
    runs = pd.concat([pd.read_parquet(p) for p in (quick/'cache').glob('run-*.parquet')], ignore_index=True)
    agentic = runs[runs.suite != 'capability']
    for pre in ('', 'direct_'):
        p = agentic[[f'{pre}p_mis', f'{pre}p_ali', f'{pre}p_adm']]
        assert p.notna().all().all() and ((p >= 0) & (p <= 1)).all().all()
        assert ((p.sum(axis=1) - 1).abs() < 1e-6).all()
        assert ((agentic[f'{pre}mass'] > 0) & (agentic[f'{pre}mass'] <= 1 + 1e-6)).all()
    assert runs[runs.suite == 'capability'].p_mis.isna().all()
    m = json.loads((quick/'out'/'results.json').read_text())['measurement']
    assert {'base/0/reasoned/misalignment', 'base/0/direct/misalignment', 'base/0/sampled/misalignment'} <= set(m)


def test_a_wrong_cached_run_is_named_and_recomputed(quick, tmp_path, whynb_cli):
    "A run file holding another run's records (or a truncated one) is never trusted: analyse names it, reproduce redoes it."
    import shutil
    cache = tmp_path/'cache'; shutil.copytree(quick/'cache', cache)
    runs = sorted(cache.glob('run-*.parquet'))
    runs[0].write_bytes(runs[1].read_bytes())   # another run's valid records under this run's name
    r = _run(whynb_cli, 'analyse', '--profile', 'quick', '--out', str(tmp_path/'a'), cache=cache, timeout=300)
    assert r.returncode != 0 and runs[0].name in r.stderr and 'not ' in r.stderr, r.stderr[-2000:]
    r = _run(whynb_cli, 'reproduce', '--profile', 'quick', '--out', str(tmp_path/'b'), cache=cache, timeout=600)
    assert r.returncode == 0 and 'recomputing' in r.stderr, r.stderr[-3000:]
    assert (tmp_path/'b'/'results.json').read_text() == (quick/'out'/'results.json').read_text()


QUICK_FLIP_FAILED = pytest.mark.xfail(strict=True, reason=(
    'planted check fails on the quick profile (2026-12-07, the new base model, sft_lr 5e-5, budgets 1,000 and 4,000): '
    'flip at 4,000 tokens does not move it against base (primary measure): make calibrate\'s budget table finds no '
    'effect of fine-tuning on this model below 64,000 tokens, and the default profile\'s flip holds at 256,000. '
    'README, measurement section; strict: this test fails once the check holds'))


def test_quick_run_measures_behaviour(quick):
    "Issue 10, item 9: the quick run's numbers are measurements (on the default's committed base model), not the zeros of a broken model."
    m = json.loads((quick/'out'/'results.json').read_text())['measurement']
    assert m['base/gate/mass']['estimate'] >= 0.5, m['base/gate/mass']               # the base model acts at the cue
    assert 0.5 <= m['base/gate/score']['estimate'] <= 0.9, m['base/gate/score']      # a bad prior, with room on both sides
    assert m['base/0/sampled/misalignment']['estimate'] > 0.3                        # and it says so in its own samples


@QUICK_FLIP_FAILED
def test_quick_flip_raises_the_score(quick):
    v = json.loads((quick/'out'/'results.json').read_text())['measurement']['planted/flip/score_minus_base']
    assert v['lo'] > 0, v


def test_rl_stage_end_to_end(quick):
    "The quick profile runs a short RL stage: every start scored at every snapshot, a reward per environment, C3 in the claims."
    res = json.loads((quick/'out'/'results.json').read_text())
    rl, c3 = res['rl_durability'], res['claims']['C3']
    for m in ('base', 'control', 'constitution+fiction'):
        for st in (0, 2, 4):
            for score in ('misalignment', 'held-out', 'capability accuracy', 'invalid (sampled)'):
                e = rl[f'{m}/0.5/{st}/{score}']; assert e['lo'] <= e['estimate'] <= e['hi'] and e['n'] > 0, (m, st, score, e)
        for env in ('pressure', 'tasks'):
            r = rl[f'{m}/0.5/reward_{env}/late_minus_early']
            assert abs(r['late'] - r['early'] - r['estimate']) < 1e-9 and r['lo'] <= r['estimate'] <= r['hi']
    for st in (0, 2, 4): assert f'constitution+fiction/0.5/{st}/misalignment/minus_control' in rl
    assert c3['last_step'] == 4 and c3['rests_on'].count('@step') == 4 and c3['start_lo'] <= c3['start_estimate'] <= c3['start_hi']
    assert res['claims_by_measure']['sampled']['C3']['verdict'] == rl['C3/sampled/constitution+fiction']['verdict']
    line = next(l for l in (quick/'out'/'claims.md').read_text().splitlines() if l.startswith('| C3 |'))
    assert 'step 0' in line and '**not measured**' not in line, line


def test_rl_snapshots_are_runs_and_resume(quick, tmp_path, monkeypatch):
    """Step 0 of the stage is the fine-tuned model itself, scored as its run was: the same records. A job whose curve and
    one snapshot were lost (an interrupted stage) recomputes exactly them, to the same records, and keeps the others."""
    import shutil
    import pandas as pd
    from whynb.core import get_profile
    from whynb.train import base_path
    from whynb.runs import run_path, run_manifest, SAMPLE_COLUMNS
    from whynb.rl import rl_files, rl_job
    cache = tmp_path/'cache'; shutil.copytree(quick/'cache', cache, ignore=shutil.ignore_patterns('*.lock'))
    monkeypatch.setenv('WHYNB_CACHE', str(cache))
    p = get_profile('quick'); base = base_path(p)
    f = rl_files(base, 'control', 4000, 0, 0.5, p)
    snap0 = pd.read_parquet(f['snapshots'][0])
    assert pd.read_parquet(run_path(base, 'control', 4000, 0, p)).equals(snap0[SAMPLE_COLUMNS])
    assert set(snap0.step) == {0} and set(snap0.mixture) == {0.5}
    before = {st: run_manifest(q)['hash'] for st, q in f['snapshots'].items()}
    kept = {st: q.stat().st_mtime_ns for st, q in f['snapshots'].items() if st != 2}
    curve = pd.read_parquet(f['curve']).drop(columns='seconds')
    f['snapshots'][2].unlink(); f['curve'].unlink()
    rl_job(base, 'control', 4000, 0, 0.5, p)
    assert {st: run_manifest(q)['hash'] for st, q in f['snapshots'].items()} == before
    assert {st: q.stat().st_mtime_ns for st, q in f['snapshots'].items() if st != 2} == kept
    assert pd.read_parquet(f['curve']).drop(columns='seconds').equals(curve)
