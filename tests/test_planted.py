"""The planted checks of the committed default run (`figures/results/`, made by `make reproduce`): arms that exist only
to test the measure and the validity gate (`nbs/analysis_plan.md`). These tests fail if the gate is removed or if a
planted check does not come out as the plan expected."""
import json
import pandas as pd
import pytest

from whynb.analysis import GATE


@pytest.fixture(scope='module')
def results(root): return root/'figures'/'results'


def test_gate_follows_its_rule(results):
    "Every cell's `damaged` flag is the gate's rule applied to its health row."
    h = pd.read_parquet(results/'health.parquet')
    rule = ((h.invalid_diff_lo > GATE['excess']) | (h.wrong_kind_diff_lo > GATE['excess'])
            | (h.mass < GATE['mass']*h.mass_base) | (h.capability_diff_hi < 0))
    assert (h.damaged == rule).all()
    assert {'garble', 'flip', 'wrongkind'} <= set(h.model)


def test_planted_checks_hold(results, root):
    t = pd.read_parquet(results/'planted.parquet')
    assert set(t.arm) == {'garble', 'flip', 'wrongkind'}
    failed = t[~t.passed]
    assert failed.empty, f'planted checks that did not come out as planned:\n{failed.to_string()}'
    claims = json.loads((root/'figures'/'results.json').read_text())['claims']
    assert not any('garble' in c.get('rests_on', '') or 'wrongkind' in c.get('rests_on', '') for c in claims.values())
