"""One artefact key: each profile setting, and each module's code, changes the keys of exactly the artefacts that depend on it.

The expected dependencies are written out here, by hand, from what each artefact is: they are not read from
`whynb.core.ARTEFACTS`, so dropping a setting or a module from a key makes this test fail.
"""
import shutil
from pathlib import Path

import pytest

import whynb.core as core
from whynb.core import get_profile
from whynb.train import base_path, sft_path
from whynb.runs import run_path
from whynb.rl import rl_path

PRETRAIN = {'base', 'sft', 'run', 'rl'}   # a new base model means new fine-tuned models, new runs, new RL snapshots
SFT = {'sft', 'run', 'rl'}                # a run (and an RL start) fine-tunes, so every fine-tuning setting is part of it
RUN = {'run', 'rl'}                       # an RL snapshot is scored as a run is
RL = {'rl'}
NONE = set()                        # which runs exist, and the analysis: no artefact's content

DEPENDS = {
    'corpus_stories': PRETRAIN, 'corpus_tasks': PRETRAIN, 'corpus_mentions': PRETRAIN, 'self_interest_rate': PRETRAIN, 'vocab_size': PRETRAIN,
    'n_layer': PRETRAIN, 'n_embd': PRETRAIN, 'n_head': PRETRAIN, 'n_positions': PRETRAIN,
    'pretrain_epochs': PRETRAIN, 'pretrain_lr': PRETRAIN, 'pretrain_batch': PRETRAIN,
    'arch': PRETRAIN, 'copy_curriculum': PRETRAIN, 'copy_warm': PRETRAIN, 'copy_target': PRETRAIN, 'recall_warm': PRETRAIN,
    'synthetic_mix': PRETRAIN, 'recall_share': PRETRAIN, 'pure_epochs': PRETRAIN, 'world_recall': PRETRAIN,
    'base_model': SFT, 'lora': SFT, 'dtype': SFT, 'device': SFT, 'sft_epochs': SFT, 'sft_lr': SFT, 'sft_batch': SFT, 'replay': SFT,
    'suites': RUN, 'n_eval': RUN, 'n_eval_capability': RUN, 'k_samples': RUN, 'temperature': RUN,
    'max_new_tokens': RUN, 'max_new_tokens_capability': RUN, 'eval_batch': RUN,
    'rl': RL,
    'budgets': NONE, 'seeds': NONE, 'arms': NONE, 'planted': NONE, 'n_boot': NONE, 'rl_starts': NONE, 'rl_seeds': NONE, 'rl_mixtures': NONE,
    'arm_files': NONE,   # a file arm's content keys its own artefacts: `test_a_file_arm_is_keyed_by_its_content`
}


def keys(profile) -> dict:
    "The cache names of the base model, one fine-tuned model and one run of `profile`, through the real path functions."
    base = profile['base_model'] or base_path(profile)
    return dict(base=base_path(profile).name, sft=sft_path(base, 'advice', 1000, 0, profile).name,
                run=run_path(base, 'advice', 1000, 0, profile).name, rl=rl_path(base, 'advice', 1000, 0, 0.5, 6, profile).name)


def changed(value):
    "A different value of the same type."
    if isinstance(value, bool): return not value
    if isinstance(value, int): return value + 1
    if isinstance(value, float): return value * 1.5 + 0.01
    if isinstance(value, str): return 'hf:/some/model' if value == '' else value + 'x'
    if isinstance(value, list): return value[:-1] or value + value
    if isinstance(value, dict): return {**value, 'steps': value.get('steps', 24) + 1}   # `rl`: overrides of the RL settings
    raise TypeError(value)


def test_every_setting_is_listed():
    "A new profile setting must be added here, with the artefacts it changes."
    assert set(DEPENDS) == set(get_profile('default')) - {'profile'}


@pytest.mark.parametrize('setting', sorted(DEPENDS))
def test_setting_changes_exactly_its_artefacts(setting):
    for base_model in ('', 'hf:/m'):   # whynb's own base model, and a Hugging Face one
        p = get_profile('default', base_model=base_model)
        if setting == 'base_model' and base_model: continue
        before, after = keys(p), keys({**p, setting: changed(p[setting])})
        moved = {k for k in before if before[k] != after[k]}
        # with a Hugging Face base model, pretraining settings change only the (unused) tiny base model's key
        want = ({'base'} if DEPENDS[setting] is PRETRAIN else DEPENDS[setting]) if base_model else DEPENDS[setting]
        assert moved == want, f'{setting} (base_model={base_model!r}): keys of {sorted(moved)} changed, expected {sorted(want)}'


def test_lora_is_a_different_run():
    "The bug this key fixed: a LoRA sweep of a Hugging Face model read the full fine-tuning runs."
    p = get_profile('default', base_model='hf:/m')
    assert run_path('hf:/m', 'advice', 1000, 0, p) != run_path('hf:/m', 'advice', 1000, 0, {**p, 'lora': True})


# which artefacts each module's code reaches (by hand: what pretraining, fine-tuning and a run execute)
CODE = {'seeds': PRETRAIN, 'world': PRETRAIN, 'data': PRETRAIN, 'model': PRETRAIN, 'train': PRETRAIN,
        'hf': SFT, 'chat': SFT, 'graders': RUN, 'eval': RUN, 'runs': RUN,
        'core': NONE, 'stats': NONE, 'claims': NONE, 'analysis': NONE, 'plots': NONE, 'pipeline': NONE, 'calibrate': NONE,
        'rl': RL, 'export': NONE, 'armfile': NONE, 'inspect_tasks': NONE, 'measures': NONE, 'executor': NONE, 'reports': NONE, 'cli': NONE,
        'curriculum': PRETRAIN, 'competence': NONE}


@pytest.fixture
def package_copy(tmp_path, monkeypatch):
    "A copy of the whynb sources that the key function reads instead of the installed ones."
    d = tmp_path/'whynb'; shutil.copytree(Path(core.__file__).parent, d, ignore=shutil.ignore_patterns('__pycache__'))
    monkeypatch.setattr(core, '_package_dir', lambda: d)
    return d


def test_every_module_is_listed():
    have = {p.stem for p in Path(core.__file__).parent.glob('*.py') if not p.stem.startswith('_')}
    assert have == set(CODE), f'add {sorted(have - set(CODE))} to CODE (and drop {sorted(set(CODE) - have)})'


@pytest.mark.parametrize('module', sorted(CODE))
def test_code_changes_exactly_its_artefacts(module, package_copy):
    p = get_profile('default')
    before = keys(p)
    src = package_copy/f'{module}.py'
    src.write_text(src.read_text().replace('"""', '"""An edited docstring. ', 1) + '\n# a comment\n')
    assert keys(p) == before, f'an edit to the prose of {module} changed a key'
    src.write_text(src.read_text() + '\ndef _added_code(): return 1\n')
    after = keys(p)
    moved = {k for k in before if before[k] != after[k]}
    assert moved == CODE[module], f'code of {module}: keys of {sorted(moved)} changed, expected {sorted(CODE[module])}'


def test_a_file_arm_is_keyed_by_its_content():
    "An arm from a file (`--arm_file`): its fine-tuned models, runs and RL snapshots change with the file's content; the built-in arms' do not."
    p = get_profile('default')
    base = base_path(p)
    files = lambda sha: dict(p, arm_files={'mine': dict(file='/data/mine.jsonl', sha256=sha, records=10)})
    names = lambda prof, arm: (sft_path(base, arm, 1000, 0, prof).name, run_path(base, arm, 1000, 0, prof).name,
                               rl_path(base, arm, 1000, 0, 0.5, 6, prof).name)
    for arm in ('mine', 'mine+constitution'):   # alone and in a mixture
        a, b = names(files('a' * 64), arm), names(files('b' * 64), arm)
        assert all(x != y for x, y in zip(a, b)), (arm, a, b)
    assert names(files('a' * 64), 'advice') == names(p, 'advice')   # the built-in arms' caches stay valid
    assert names(files('a' * 64), 'mine') != names(p, 'mine')        # never the key of a built-in arm of that name
