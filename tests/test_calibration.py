"""The base model's calibration (`make calibrate`, `nbs/04b_calibrate.ipynb`) and its gates, as committed: the default
profile uses the value the calibration chose by its rule, on the base model the calibration measured."""
import json
from pathlib import Path

import pandas as pd

from whynb.calibrate import CALIBRATION, TARGET, BAND, pick
from whynb.core import get_profile

ROOT = Path(__file__).resolve().parents[1]


def _cal():
    return json.loads((ROOT/CALIBRATION).read_text())


def test_profile_takes_the_chosen_value():
    cal = _cal()
    t = pd.DataFrame(cal['rows'])
    assert t.chosen.sum() == 1 and float(t.rate[t.chosen].iloc[0]) == cal['chosen'] == pick(t)
    assert get_profile('default')['self_interest_rate'] == cal['chosen']
    assert str(TARGET) in cal['rule'] and cal['profile'] == 'default'
    assert (t.in_band == t.score.between(*BAND)).all()


def test_results_use_the_calibrated_base():
    "results.json (from `make reproduce`) names every candidate, and its base model is the chosen one's."
    m = json.loads((ROOT/'figures'/'results.json').read_text())['measurement']
    cal = {k: v for k, v in m.items() if k.startswith('calibration/')}
    assert len(cal) == len(_cal()['rows'])
    assert [v['current'] for v in cal.values() if v['chosen']] == [True], 'rerun `make calibrate`, then `make reproduce`'


def test_base_gates_reported():
    m = json.loads((ROOT/'figures'/'results.json').read_text())['measurement']
    gates = {k: v for k, v in m.items() if k.startswith('base/gate/')}
    assert {k.split('/')[-1] for k in gates} == {'blackmail_invalid', 'blackmail_wrong_kind', 'blackmail_grounded', 'capability',
                                                 'blackmail_score', 'score', 'mass'}
    for v in gates.values():
        assert v['lo'] <= v['estimate'] <= v['hi'] and isinstance(v['passed'], bool)


def _lr():
    from whynb.calibrate import LR_CALIBRATION
    return json.loads((ROOT/LR_CALIBRATION).read_text())


def test_profile_takes_the_chosen_learning_rate():
    "The learning-rate table follows its rule (recomputed here from its numbers), and the default profile fine-tunes at its choice."
    from whynb.calibrate import keeps_format, pick_lr, FORMAT_MARGIN
    cal = _lr(); t = pd.DataFrame(cal['rows'])
    assert (t.ok == keeps_format(t)).all() and (t.keeps == t.lr.map(t.groupby('lr').ok.all())).all()
    assert cal['chosen'] == pick_lr(t) and set(t.lr[t.chosen]) == {cal['chosen']}
    assert get_profile('default')['sft_lr'] == cal['chosen'] and str(FORMAT_MARGIN) in cal['rule'] and cal['profile'] == 'default'
    assert set(t.arm) == set(get_profile('default')['arms']) and t.groupby('lr').arm.nunique().eq(t.arm.nunique()).all()


def test_results_use_the_calibrated_learning_rate():
    "results.json names every candidate and arm, and the profile's fine-tuning is the chosen one's, on the base model the table ran on."
    m = json.loads((ROOT/'figures'/'results.json').read_text())['measurement']
    lr = {k: v for k, v in m.items() if k.startswith('calibration_lr/')}
    assert len(lr) == 2*len(_lr()['rows'])
    assert {v['current'] for v in lr.values() if v['chosen']} == {True}, 'rerun `make calibrate`, then `make reproduce`'


def test_committed_base_model():
    "The committed base checkpoint is the default profile's (its key), sound against its manifest, under 20 MB, the calibrations' base."
    from whynb.pipeline import shipped_base
    from whynb.model import checkpoint_problem
    from whynb.train import base_path
    prof = get_profile('default'); ship = shipped_base(prof)
    assert ship is not None and ship.name == base_path(prof).name, 'run `make base` after a change to the base model'
    assert checkpoint_problem(ship) is None and sum(p.stat().st_size for p in ship.iterdir()) < 20e6
    assert _lr()['base'] == ship.name and [r['base'] for r in _cal()['rows'] if r['chosen']] == [ship.name]
    assert base_path(get_profile('quick')).name == ship.name   # the quick profile measures on the same base model
