"`scripts/rekey_calibration.py`: the calibration tables follow a re-keyed base model only when it is the same bytes."
import hashlib, importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location('rekey_calibration', ROOT/'scripts'/'rekey_calibration.py')
rekey = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rekey)
TABLES = [ROOT/'data'/f for f in ('calibration.json', 'calibration_lr.json', 'calibration_budgets.json')]


def _digests(): return [hashlib.sha256(p.read_bytes()).hexdigest() for p in TABLES]


def test_rename_key_replaces_whole_values_only():
    table = dict(base='base-old', rows=[dict(base='base-old', x=1), dict(base='base-other')], note='not base-old')
    new, n = rekey.rename_key(table, 'base-old', 'base-new')
    assert n == 2
    assert new == dict(base='base-new', rows=[dict(base='base-new', x=1), dict(base='base-other')], note='not base-old')


def test_refuses_a_different_checkpoint(tmp_path, monkeypatch):
    "An old base whose bytes differ from the committed one leaves every table as it was, with an error that says why."
    from whynb.model import build_tokenizer, tiny_lm, save_lm
    from whynb.pipeline import shipped_base
    from whynb.core import get_profile
    tok = build_tokenizer(['a small corpus of words'] * 20, 300)
    save_lm(tiny_lm(tok, 1, 16, 2, 64), tok, tmp_path/'base-0123456789ab', dict(kind='base'))
    monkeypatch.setenv('WHYNB_CACHE', str(tmp_path))
    before = _digests()
    with pytest.raises(SystemExit, match='not the same checkpoint'):
        rekey.main(['--old', 'base-0123456789ab', '--new', shipped_base(get_profile('default')).name])
    with pytest.raises(SystemExit, match='no checkpoint at'):
        rekey.main(['--old', 'base-missing'])
    assert _digests() == before
