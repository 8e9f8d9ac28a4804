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
