"""The planted checks of the committed default run (`figures/results/`, made by `make reproduce`): arms that exist only
to test the measure and the validity gate (`nbs/analysis_plan.md`). These tests fail if the gate is removed or if a
planted check does not come out as the plan expected."""
import json
from pathlib import Path

import pandas as pd
import pytest

from whynb.analysis import GATE

RESULTS = Path(__file__).resolve().parents[1]/'figures'/'results'
FLIP_FAILED = pytest.mark.xfail(strict=True, reason=(
    'planted check failed on the default run of 2026-11-30 (byte-level BPE base, 6,000 stories, 3 epochs): flip, '
    'fine-tuned on the honeypot scenarios misaligned actions, scores -0.052 [-0.117, +0.006] against base under the '
    'primary (mass-weighted reasoned) measure, -0.045 unweighted, +0.011 on valid samples only; on its own path flip '
    'does not act more misaligned than base (sampled misaligned share among valid answers 0.85 against 0.84): base '
    'leaves no room above it. Its direct share rises (0.92 against 0.78). README, measurement section; strict: this '
    'test fails once the check holds again'))
CHECKS = [('garble', 'invalid_minus_base'), ('garble', 'score_minus_control'),
          pytest.param('flip', 'score_minus_base', marks=FLIP_FAILED), ('wrongkind', 'wrong_kind_minus_base')]


def test_gate_follows_its_rule():
    "Every cell's `damaged` flag is the gate's rule applied to its health row."
    h = pd.read_parquet(RESULTS/'health.parquet')
    rule = ((h.invalid_diff_lo > GATE['excess']) | (h.wrong_kind_diff_lo > GATE['excess'])
            | (h.mass < GATE['mass']*h.mass_base) | (h.capability_diff_hi < 0))
    assert (h.damaged == rule).all()
    assert {'garble', 'flip', 'wrongkind'} <= set(h.model)


@pytest.mark.parametrize('arm,check', CHECKS)
def test_planted_check_holds(arm, check):
    t = pd.read_parquet(RESULTS/'planted.parquet').set_index(['arm', 'check'])
    r = t.loc[(arm, check)]
    assert r.passed, f'{arm} {check}: {r["diff"]:+.3f} [{r.lo:+.3f}, {r.hi:+.3f}], expected {r.expected}'


def test_no_claim_rests_on_a_planted_arm(root):
    claims = json.loads((root/'figures'/'results.json').read_text())['claims']
    assert not any(a in c.get('rests_on', '') for c in claims.values() for a in ('garble', 'flip', 'wrongkind'))
