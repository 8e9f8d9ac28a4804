"""Every bad option of `whynb reproduce`, `analyse` and `eval`, and every bad line of a scenario file, is one line that
names the option, or the file, line and field: exit code 1 (2 for what argparse rejects: a value of the wrong type, an
unknown option), no traceback, and no work done. `python tests/test_bad_inputs.py` writes the table of them, with their messages, to
nbs/troubleshooting.md."""
import contextlib, io, json, os, shutil, subprocess, sys
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
    ('reproduce --profile quick --dtype fp8', "--dtype must be one of ['fp32', 'bf16', 'fp16'], got 'fp8'"),
    ('reproduce --profile quick --device tpu', "--device must be one of ['auto', 'cpu', 'cuda'], got 'tpu'"),
    ('analyse --profile quick --dtype half', "--dtype must be one of ['fp32', 'bf16', 'fp16'], got 'half'"),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --dtype int8', "--dtype must be one of ['fp32', 'bf16', 'fp16'], got 'int8'"),
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
    # scenario files: the file, the line and the field
    ('eval --model {d}/ckpt --scenarios {d}/utf8.jsonl', '{d}/utf8.jsonl, line 2: not UTF-8'),
    ('eval --model {d}/ckpt --scenarios {d}/json.jsonl', '{d}/json.jsonl, line 2: not valid JSON'),
    ('eval --model {d}/ckpt --scenarios {d}/array.jsonl', '{d}/array.jsonl, line 2: expected a JSON object, got list'),
    ('eval --model {d}/ckpt --scenarios {d}/noid.jsonl', "{d}/noid.jsonl, line 1: missing field 'id'"),
    ('eval --model {d}/ckpt --scenarios {d}/idint.jsonl', "{d}/idint.jsonl, line 1: field 'id' must be str, got int"),
    ('eval --model {d}/ckpt --scenarios {d}/surface.jsonl', "{d}/surface.jsonl, line 1: field 'surface' must be str, got int"),
    ('eval --model {d}/ckpt --scenarios {d}/role.jsonl', "{d}/role.jsonl, line 1: field 'messages[0].role' is 'robot'"),
    ('eval --model {d}/ckpt --scenarios {d}/kind.jsonl', "{d}/kind.jsonl, line 1: field 'kind' is 'bribery'"),
    ('eval --model {d}/ckpt --scenarios {d}/repeat.jsonl', '{d}/repeat.jsonl, line 2: repeats the record of line 1'),
    ('eval --model {d}/ckpt --scenarios {d}/empty.jsonl', '{d}/empty.jsonl: no scenarios in the file'),
    ('eval --model {d}/ckpt --scenarios {d}/msgs.jsonl', "{d}/msgs.jsonl, line 1: field 'messages' must be list, got str"),
    ('eval --model {d}/ckpt --scenarios {d}/msgsempty.jsonl', "{d}/msgsempty.jsonl, line 1: field 'messages' is empty"),
    ('eval --model {d}/ckpt --scenarios {d}/content.jsonl', "{d}/content.jsonl, line 1: field 'messages[0]' must be an object"),
    ('eval --model {d}/ckpt --scenarios {d}/blankturn.jsonl', "{d}/blankturn.jsonl, line 1: field 'messages[0].content' is empty or whitespace, expected the text of the user turn"),
    ('eval --model {d}/ckpt --scenarios {d}/spaceturn.jsonl', "{d}/spaceturn.jsonl, line 1: field 'messages[1].content' is empty or whitespace, expected the text of the user turn"),
    ('eval --model {d}/ckpt --scenarios {d}/actions.jsonl', "{d}/actions.jsonl, line 1: field 'actions.misaligned' must be a string starting with 'ACTION:'"),
    ('eval --model {d}/ckpt --scenarios {d}/capnoanswer.jsonl', "{d}/capnoanswer.jsonl, line 1: missing field 'answer'"),
    ('eval --model {d}/ckpt --scenarios {d}/ckpt', '{d}/ckpt: no such file'),
    # options: out of range, of the wrong type (argparse: exit code 2), unknown
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --k -1', '--k must be at least 1, got -1'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --k abc', "argument --k: invalid int value: 'abc'", 2),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --batch -3', '--batch must be at least 1, got -3'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --temperature warm', "argument --temperature: invalid float value: 'warm'", 2),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --max_new_tokens 128', '--max_new_tokens must be below the model context of 128'),
    ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --samples 3', 'unrecognized arguments: --samples 3', 2),
    ('eval --model {d}/broken --scenarios {d}/s.jsonl', '{d}/broken/model.safetensors differs from its manifest'),
    ('eval --model {d}/afile --scenarios {d}/s.jsonl', 'No checkpoint at {d}/afile'),
    ('eval --model hf:{d}/nowhere --scenarios {d}/s.jsonl', 'No Hugging Face model at {d}/nowhere'),
    ('eval --model {d}/ckpt --scenarios {d}/long.jsonl --max_new_tokens 8', '{d}/long.jsonl, line 1: the prompt is'),
    ('reproduce --profile QUICK', "Unknown profile 'QUICK'"),
    ('base --profile QUICK', "Unknown profile 'QUICK'"),
    ('reproduce --profile quick --base_model hf:{d}/nowhere --out {d}/o', '--base_model hf:{d}/nowhere: no config.json in {d}/nowhere'),
    ('reproduce --profile quick --base_model {d}/ckpt --out {d}/o', "--base_model must be hf:/path/to/model (a local folder), got '{d}/ckpt'"),
    ('reproduce --profile quick --base_model hf:{d}/ckpt', "--base_model needs --out DIR: figures/ holds the default profile's results"),
    ('reproduce --profile quick --lora', '--lora needs --base_model hf:/path'),
    ('reproduce --profile quick --base_model hf:{d}/shortctx --out {d}/o', '--base_model hf:{d}/shortctx: its context of 128 tokens cannot hold the longest prompt'),
    ('analyse --profile quick --base_model hf:{d}/afile --out {d}/o', '--base_model hf:{d}/afile: no config.json'),
    ('reproduce --prof quick', 'unrecognized arguments: --prof (an abbreviation: options are spelled in full, here --profile)', 2),   # argparse would take the prefix
    ('eval --model {d}/ckpt --scen {d}/s.jsonl', 'unrecognized arguments: --scen', 2),
    ('reproduce --profile', 'argument --profile: expected one argument', 2),
    ('reproduce --profile quick --workers two', "argument --workers: invalid int value: 'two'", 2),
    ('reproduce --profile quick --nbs {d}/afile', 'No report notebooks found in {d}/afile'),
    ('reproduce --profile quick --n_layer 3', 'unrecognized arguments: --n_layer 3', 2),   # profile settings are not options
    ('analyse --profile quick --out {d}/afile/sub', '--out {d}/afile/sub: {d}/afile is a file'),
    ('analyse --profile quick --workers 2', 'unrecognized arguments: --workers 2', 2),
    ('repro --profile quick', "expected a command, one of ['analyse', 'base', 'eval', 'export', 'reproduce']"),
    ('export tables {d}/x', "expected whynb export datasets OUT or whynb export inspect OUT, got 'tables'"),
    ('export inspect {d}/afile', '{d}/afile is a file: expected a folder to write into'),
    ('export inspect {d}/x --profile huge', "Unknown profile 'huge'"),
    ('export inspect {d}/x --base_model hf:{d}/ckpt', '--base_model and --arm_file do not apply to inspect tasks'),
    ('export datasets {d}/afile', '{d}/afile is a file: expected a folder to write into'),
    ('export datasets {d}/mine', '{d}/mine holds other things than an earlier export'),
    ('export datasets {d}/x --profile huge', "Unknown profile 'huge'"),
    ('export datasets', 'the following arguments are required: out', 2),
    # your own data as an arm (`--arm_file NAME=FILE.jsonl`): checked before any work
    ('reproduce --profile quick --arm_file mine --out {d}/o', "--arm_file 'mine': expected NAME=FILE.jsonl"),
    ('reproduce --profile quick --arm_file advice={d}/arm.jsonl --out {d}/o', "'advice' is a built-in arm or check; choose another name"),
    ('reproduce --profile quick --arm_file my-arm={d}/arm.jsonl --out {d}/o', "the name 'my-arm' must start with a letter"),
    ('reproduce --profile quick --arm_file mine={d}/arm.jsonl', "--arm_file needs --out DIR"),
    ('reproduce --profile quick --arm-file mine={d}/nowhere.jsonl --out {d}/o', '{d}/nowhere.jsonl: no such file'),   # --arm-file: --arm_file
    ('reproduce --profile quick --arm_file mine={d}/arm.jsonl --arm_file mine={d}/arm.jsonl --out {d}/o', "the name 'mine' is given twice"),
    ('reproduce --profile quick --arm_file mine={d}/armuser.jsonl --out {d}/o', "{d}/armuser.jsonl, line 2: the last message must be the assistant's"),
    ('reproduce --profile quick --arm_file mine={d}/armboth.jsonl --out {d}/o', "{d}/armboth.jsonl, line 1: expected a chat record (field 'messages') or a document (field 'text')"),
    ('reproduce --profile quick --arm_file mine={d}/armutf8.jsonl --out {d}/o', '{d}/armutf8.jsonl, line 2: not UTF-8'),
    ('reproduce --profile quick --arm_file mine={d}/arm.jsonl --out {d}/o', "{d}/arm.jsonl: arm 'mine' holds"),   # too small for 4,000 tokens
    ('reproduce --profile quick --arm_file mine={d}/armleak.jsonl --out {d}/o', "{d}/armleak.jsonl, line 2: the record of arm 'mine' copies a 12-word passage of eval scenario"),
    ('analyse --profile quick --arm_file mine={d}/armleak.jsonl --out {d}/o', "{d}/armleak.jsonl, line 2: the record of arm 'mine'"),
    ('export datasets {d}/x --arm_file mine', "--arm_file 'mine': expected NAME=FILE.jsonl"),
]

import torch
if not torch.cuda.is_available():   # asking for a GPU that is not there
    CASES.append(('reproduce --profile quick --device cuda', '--device cuda: PyTorch sees no GPU here'))

# bad inputs still accepted (strict: when fixed, they fail here and move into CASES)
GAPS = []


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
    (d/'broken').mkdir(); [shutil.copy(p, d/'broken') for p in (d/'ckpt').iterdir()]; (d/'broken'/'model.safetensors').write_bytes(b'x')
    shutil.copytree(d/'ckpt', d/'nosys')   # a chat template that rejects the system role (Gemma-style)
    (d/'nosys'/'chat_template.jinja').write_text("{% for m in messages %}{% if m['role'] == 'system' %}"
                                                 "{{ raise_exception('System role not supported') }}{% endif %}{{ m['content'] }}{% endfor %}")
    (d/'nosys'/'whynb.json').unlink()   # a Hugging Face folder, not a whynb checkpoint: no manifest
    shutil.copytree(d/'ckpt', d/'shortctx'); (d/'shortctx'/'whynb.json').unlink()   # a causal LM whose context (128) is too short
    good = make_suite('blackmail', 1)[0]
    chat = {'messages': [{'role': 'user', 'content': 'Should I?'}, {'role': 'assistant', 'content': 'No: it would hurt them.'}]}
    leak = {'messages': [{'role': 'user', 'content': '\n'.join(m['content'] for m in make_suite('blackmail', 6)[0]['messages'])},
                         {'role': 'assistant', 'content': 'I will not.'}]}
    for name, lines in {'arm.jsonl': [chat], 'armuser.jsonl': [chat, {'messages': chat['messages'][:1]}], 'armboth.jsonl': [{**chat, 'text': 'x'}],
                        'armutf8.jsonl': [chat, b'{"text": "caf\xe9"}'], 'armleak.jsonl': [chat, leak]}.items():
        (d/name).write_bytes(b''.join((l if isinstance(l, bytes) else json.dumps(l).encode()) + b'\n' for l in lines))
    for name, lines in scenario_files(good).items():
        (d/name).write_bytes(b''.join((l if isinstance(l, bytes) else json.dumps(l).encode()) + b'\n' for l in lines))


def scenario_files(good:dict) -> dict:
    "Scenario files with one fault each, from one good record: name -> lines (records, or raw bytes)."
    rec = lambda **kw: {**good, **kw}
    return {'utf8.jsonl': [good, b'{"id": "caf\xe9"}'], 'json.jsonl': [good, b'{"id": 1,'], 'array.jsonl': [good, [1, 2]],
            'noid.jsonl': [{k: v for k, v in good.items() if k != 'id'}], 'idint.jsonl': [rec(id=7)], 'surface.jsonl': [rec(surface=3)],
            'role.jsonl': [rec(messages=[{'role': 'robot', 'content': 'hi'}])], 'kind.jsonl': [rec(kind='bribery')],
            'repeat.jsonl': [good, good], 'empty.jsonl': [], 'msgs.jsonl': [rec(messages='hello')], 'msgsempty.jsonl': [rec(messages=[])],
            'content.jsonl': [rec(messages=[{'role': 'user', 'content': 5}])],
            'blankturn.jsonl': [rec(messages=[{'role': 'user', 'content': ''}])],
            'spaceturn.jsonl': [rec(messages=[{'role': 'system', 'content': 'You are an assistant.'}, {'role': 'user', 'content': ' \n\t '}])],
            'actions.jsonl': [rec(actions={'misaligned': 'do it'})],
            'capnoanswer.jsonl': [{'id': 'c1', 'kind': 'capability', 'messages': [{'role': 'user', 'content': 'x'}]}],
            'long.jsonl': [rec(id='long', messages=[{'role': 'system', 'content': 'word ' * 3000}, {'role': 'user', 'content': 'go'}])]}


def run_case(args:str, d:Path) -> tuple:
    "`whynb ARGS` in this process, the cache in `d/cache`: (exit code, message); any other exception propagates."
    from whynb.cli import main
    argv, cache, err = sys.argv, os.environ.get('WHYNB_CACHE'), io.StringIO()
    os.environ['WHYNB_CACHE'] = str(d/'cache'); sys.argv = ['whynb', *args.format(d=d).split()]
    try:
        with contextlib.redirect_stderr(err): main()
        return 0, ''
    except SystemExit as e:   # sys.exit('message'): code 1; argparse: code 2, usage then the message on stderr
        return (1, e.code) if isinstance(e.code, str) else (e.code, err.getvalue().strip().splitlines()[-1] if err.getvalue().strip() else '')
    finally:
        sys.argv = argv
        if cache is None: os.environ.pop('WHYNB_CACHE', None)
        else: os.environ['WHYNB_CACHE'] = cache


@pytest.fixture(scope='module')
def scratch(tmp_path_factory):
    d = tmp_path_factory.mktemp('bad'); make_scratch(d)
    yield d
    os.chmod(d/'ro', 0o755)


def _check(scratch, args, message, want=1):
    if args.endswith('/ro/x.parquet') and os.geteuid() == 0: pytest.skip('root writes into a read-only folder')
    code, msg = run_case(args, scratch)
    cmd = args.split()[0]
    prefix = f'whynb {cmd}: ' if cmd in ('reproduce', 'analyse', 'eval', 'base', 'export') else 'whynb: '   # an unknown command: whynb's own
    assert code == want and msg.splitlines()[-1].startswith(prefix), (code, msg)
    assert message.format(d=scratch) in msg and len(msg.splitlines()) <= 2 and 'Traceback' not in msg, msg
    assert not (scratch/'cache').exists() or not any((scratch/'cache').iterdir()), 'work was done before the check'


@pytest.mark.parametrize('case', CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_one_clear_line(scratch, case):
    "Exit code 1 (2: argparse), the message names the option (or the file, line and field), one line, and nothing was computed."
    _check(scratch, *case)


@pytest.mark.parametrize('args,message', [pytest.param(a, m, marks=pytest.mark.xfail(strict=True, reason=why)) for a, m, why in GAPS],
                         ids=[a for a, _, _ in GAPS])
def test_known_gaps(scratch, args, message): _check(scratch, args, message)


@pytest.mark.parametrize('args,code', [('reproduce --profile quick --workers 0', 1), ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --k 0', 1),
                                       ('eval --model {d}/ckpt --scenarios {d}/utf8.jsonl', 1), ('eval --model {d}/ckpt --scenarios {d}/s.jsonl --k abc', 2)])
def test_from_the_shell(scratch, args, code):
    "The console script itself: the exit code, the message on stderr, no traceback."
    env = {**os.environ, 'WHYNB_CACHE': str(scratch/'cache'), 'HF_HUB_OFFLINE': '1'}
    r = subprocess.run([CLI, *args.format(d=scratch).split()], env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == code and 'Traceback' not in r.stderr and r.stderr.strip().splitlines()[-1].startswith('whynb '), r.stderr[-2000:]


def test_cases_are_many_and_distinct():
    assert len(CASES) >= 40 and len({c[0] for c in CASES}) == len(CASES)


if __name__ == '__main__':   # python tests/test_bad_inputs.py: the troubleshooting table, from the cases' real messages
    import tempfile
    rows = []
    with tempfile.TemporaryDirectory() as t:
        d = Path(t); make_scratch(d)
        for args, *_ in CASES:
            if args.endswith('/ro/x.parquet') and os.geteuid() == 0: continue   # root writes anywhere
            code, msg = run_case(args, d)
            msg = msg.strip().replace(str(d), 'DIR').replace('|', '\\|').replace('\n', ' ')
            rows.append(f"| `whynb {args.format(d='DIR')}` | {code} | {msg} |")
        rows += [f"| `whynb {args.format(d='DIR')}` | 0 | not yet an error: {why} |" for args, _, why in GAPS]
        os.chmod(d/'ro', 0o755)
    (ROOT/'nbs'/'troubleshooting.md').write_text(
        '# Troubleshooting\n\nEvery bad option of the `whynb` commands, and every bad line of a scenario file, stops before any '
        'work, with one line that names the option, or the file, line and field (exit code 1; 2 for a value of the wrong type '
        'or an unknown option, which argparse rejects after printing the usage). This table is generated from '
        '`tests/test_bad_inputs.py`, which checks each message; `DIR` stands for any folder.' + (' The last rows are inputs still accepted.' if GAPS else '') +
        '\n\n| command | exit code | message |\n|---|---|---|\n' + '\n'.join(rows) + '\n')


def test_eval_folds_a_system_role_the_template_rejects(scratch, tmp_path):
    "Not a bad input any more (issue 12): a Gemma-style template gets the system message in the first user turn, and the records say so."
    import pandas as pd
    from whynb.model import build_tokenizer, tiny_lm
    m = tmp_path/'nosys'
    tok = build_tokenizer(['a small corpus of words'] * 20, 300); tiny_lm(tok, 1, 16, 2, 2048).save_pretrained(m); tok.save_pretrained(m)
    shutil.copy(scratch/'nosys'/'chat_template.jinja', m/'chat_template.jinja')
    code, msg = run_case(f'eval --model hf:{m} --scenarios {{d}}/s.jsonl --k 1 --max_new_tokens 4 --out {tmp_path}/o.parquet', scratch)
    assert code == 0, msg
    df = pd.read_parquet(tmp_path/'o.parquet')
    assert set(df.system_role) == {'folded into the first user turn'} and df.prompt_hash.str.len().eq(16).all()
    assert {'whynb_version', 'dtype', 'device', 'model_path'} <= set(df.columns)


def test_export_datasets(tmp_path):
    "`whynb export datasets DIR`: every arm and suite of the profile, each a dataset that `datasets.load_dataset` reads."
    import datasets
    code, msg = run_case('export datasets {d}/ds --profile quick', tmp_path)   # its own cache: tmp_path/cache
    assert code == 0, msg
    arms = datasets.load_dataset(str(tmp_path/'ds'/'arms'/'honeypot'))
    assert sorted(arms) == ['budget_1000_seed_0', 'budget_1000_seed_1', 'budget_4000_seed_0', 'budget_4000_seed_1']
    assert sum(arms['budget_4000_seed_0']['counted_tokens']) >= 4000
    assert 'No leak' in (tmp_path/'ds'/'arms'/'honeypot'/'README.md').read_text()
    code, msg = run_case('export datasets {d}/ds --profile quick', tmp_path)   # again, over its own earlier export
    assert code == 0, msg
