"""Every bad option of `whynb reproduce`, `analyse` and `eval` is one line that names it, exit code 1, no traceback,
and no work done. `python tests/test_bad_inputs.py` writes the table of them, with their messages, to
nbs/troubleshooting.md."""
import os, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).parent/'whynb')

# (command and options, what the message must contain); {d}: a scratch folder with `ckpt/` (context 128 tokens),
# `s.jsonl` (scenarios), `afile` (a file), `ro/` (read-only), `mine/` (a folder holding a file of the user's)
CASES = [
    ('reproduce --profile huge', "Unknown profile 'huge'"),
    ('reproduce --profile quick --workers 0', '--workers must be at least 1'),
    ('reproduce --profile quick --workers -2', '--workers must be at least 1'),
    ('reproduce --profile quick --executor dask', "--executor must be 'local' or 'ray'"),
    ('reproduce --profile quick --nbs {d}/nowhere', 'No report notebooks found in {d}/nowhere'),
    ('reproduce --profile quick --out {d}/afile', '--out {d}/afile is a file'),
    ('reproduce --profile quick --out {d}/afile/sub', '--out {d}/afile/sub: {d}/afile is a file'),
    ('reproduce --profile quick --out {d}/mine', '--out {d}/mine holds files whynb did not write (thesis.tex)'),
    ('analyse --profile huge', "Unknown profile 'huge'"),
    ('analyse --profile quick --out {d}/afile', '--out {d}/afile is a file'),
    ('analyse --profile quick --out {d}/mine', 'holds files whynb did not write (thesis.tex)'),
    ('analyse --profile quick --out {d}/out', 'whynb reproduce --profile quick'),
    ('eval --scenarios {d}/s.jsonl', 'both --model CKPT and --scenarios FILE.jsonl are needed'),
    ('eval --model {d}/ckpt', 'both --model CKPT and --scenarios FILE.jsonl are needed'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --k 0', '--k must be at least 1'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --batch 0', '--batch must be at least 1'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --max_new_tokens 0', '--max_new_tokens must be at least 1'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --max_new_tokens 600', '--max_new_tokens must be below the model context of 128'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --temperature -1', '--temperature must be a number >= 0'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --temperature nan', '--temperature must be a number >= 0'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --temperature inf', '--temperature must be a number >= 0'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --grader judge', "Unknown grader 'judge'"),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --out {d}/ckpt', '{d}/ckpt is a folder: expected a file path'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --out {d}/afile/x.parquet', '{d}/afile is a file'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --out {d}/ro/x.parquet', 'cannot write into {d}/ro'),
    ('eval --model {d}/nowhere --scenarios {d}/s.jsonl', 'No checkpoint at {d}/nowhere'),
    ('eval --model {d}/ckpt --scenarios {d}/none.jsonl', '{d}/none.jsonl'),
]


def make_scratch(d:Path):
    "The files the cases refer to: a tiny checkpoint, a scenario file, a file, a read-only folder, a user's folder."
    from whynb.model import build_tokenizer, tiny_lm, save_lm
    from whynb.data import make_suite
    from whynb.core import write_jsonl
    tok = build_tokenizer(['a small corpus of words'] * 20, 300)
    save_lm(tiny_lm(tok, 1, 16, 2, 128), tok, d/'ckpt', {})
    write_jsonl(d/'s.jsonl', make_suite('blackmail', 1))
    (d/'afile').write_text('x'); (d/'ro').mkdir(); os.chmod(d/'ro', 0o555)
    (d/'mine').mkdir(); (d/'mine'/'thesis.tex').write_text('mine'); (d/'mine'/'results.json').write_text('{}')


def run_case(args:str, d:Path) -> tuple:
    "`whynb ARGS` in this process, the cache in `d/cache`: (exit code, message); any other exception propagates."
    from whynb.pipeline import main
    argv, cache = sys.argv, os.environ.get('WHYNB_CACHE')
    os.environ['WHYNB_CACHE'] = str(d/'cache'); sys.argv = ['whynb', *args.format(d=d).split()]
    try: main(); return 0, ''
    except SystemExit as e: return (1, e.code) if isinstance(e.code, str) else (e.code, '')
    finally:
        sys.argv = argv
        if cache is None: os.environ.pop('WHYNB_CACHE', None)
        else: os.environ['WHYNB_CACHE'] = cache


@pytest.fixture(scope='module')
def scratch(tmp_path_factory):
    d = tmp_path_factory.mktemp('bad'); make_scratch(d)
    yield d
    os.chmod(d/'ro', 0o755)


@pytest.mark.parametrize('args,message', CASES, ids=[a for a, _ in CASES])
def test_bad_input_is_one_clear_line(scratch, args, message):
    "Exit code 1, the message names the option (or file), one line, and nothing was computed."
    if args.endswith('/ro/x.parquet') and os.geteuid() == 0: pytest.skip('root writes into a read-only folder')
    code, msg = run_case(args, scratch)
    assert code == 1 and msg.startswith(f"whynb {args.split()[0]}: "), (code, msg)
    assert message.format(d=scratch) in msg and len(msg.splitlines()) <= 2, msg
    assert not (scratch/'cache').exists() or not any((scratch/'cache').iterdir()), 'work was done before the check'


@pytest.mark.parametrize('args', ['reproduce --profile quick --workers 0', 'eval --model {d}/ckpt --scenarios {d}/s.jsonl --k 0'])
def test_from_the_shell(scratch, args):
    "The console script itself: exit code 1, the message on stderr, no traceback."
    env = {**os.environ, 'WHYNB_CACHE': str(scratch/'cache'), 'HF_HUB_OFFLINE': '1'}
    r = subprocess.run([CLI, *args.format(d=scratch).split()], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 1 and 'Traceback' not in r.stderr and r.stderr.strip().startswith('whynb '), r.stderr[-2000:]


def test_cases_are_many_and_distinct():
    assert len(CASES) >= 25 and len({a for a, _ in CASES}) == len(CASES)


if __name__ == '__main__':   # python tests/test_bad_inputs.py: the troubleshooting table, from the cases' real messages
    import tempfile
    rows = []
    with tempfile.TemporaryDirectory() as t:
        d = Path(t); make_scratch(d)
        for args, _ in CASES:
            if args.endswith('/ro/x.parquet') and os.geteuid() == 0: continue   # root writes anywhere
            msg = run_case(args, d)[1].strip().replace(str(d), 'DIR').replace('|', '\\|').replace('\n', ' ')
            rows.append(f"| `whynb {args.format(d='DIR')}` | {msg} |")
        os.chmod(d/'ro', 0o755)
    (ROOT/'nbs'/'troubleshooting.md').write_text(
        '# Troubleshooting\n\nEvery bad option of the `whynb` commands stops before any work, with one line that names it '
        '(exit code 1). This table is generated from `tests/test_bad_inputs.py`, which checks each message; `DIR` stands for '
        'any folder.\n\n| command | message |\n|---|---|\n' + '\n'.join(rows) + '\n')
