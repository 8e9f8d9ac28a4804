"""Your own training data as an arm (`--arm_file NAME=FILE.jsonl`, issue 12 item 8), end to end on the shared quick run's cache:
a file that leaks an eval scenario is refused before any work, naming its line; a clean one is fine-tuned at every budget and
seed, reported beside the built-in arms (results.json, claims.md, the data card), and keyed by its content."""
import json, os, subprocess
from pathlib import Path

from whynb.data import make_arm, make_suite


def write(path:Path, records:list) -> Path:
    path.write_text(''.join(json.dumps(r) + '\n' for r in records)); return path


def cli(whynb_cli, quick, *args):
    return subprocess.run([whynb_cli, *args], capture_output=True, text=True, timeout=900,
                          env={**os.environ, 'WHYNB_CACHE': str(quick/'cache')})


def test_arm_file_end_to_end(quick, tmp_path, whynb_cli):
    # a researcher's data: chat records of advice on dilemmas, drawn apart from the built-in arm's (seed 7)
    recs = [{'messages': r['messages']} for r in make_arm('advice', 6000, 7)]
    clean = write(tmp_path/'mine.jsonl', recs)
    scn = make_suite('blackmail', 6)[3]   # a scenario of the quick profile's blackmail suite, copied into the data
    leaky = write(tmp_path/'leaky.jsonl', recs[:5] + [{'messages': [{'role': 'user', 'content': scn['messages'][-1]['content']},
                                                                    {'role': 'assistant', 'content': 'I will not.'}]}] + recs[5:])
    before = set(os.listdir(quick/'cache'))

    r = cli(whynb_cli, quick, 'reproduce', '--profile', 'quick', '--arm-file', f'mine={leaky}', '--out', str(tmp_path/'o1'))
    assert r.returncode == 1 and 'Traceback' not in r.stderr, r.stderr[-2000:]
    assert f"{leaky}, line 6: the record of arm 'mine'" in r.stderr and 'eval scenario' in r.stderr, r.stderr[-500:]
    assert set(os.listdir(quick/'cache')) == before and not (tmp_path/'o1').exists()   # refused before any work

    r = cli(whynb_cli, quick, 'reproduce', '--profile', 'quick', '--arm-file', f'mine={clean}', '--out', str(tmp_path/'o2'))
    assert r.returncode == 0, r.stderr[-3000:]
    new = set(os.listdir(quick/'cache')) - before
    assert len([n for n in new if n.startswith('run-')]) == 4, sorted(new)   # 2 budgets x 2 seeds, nothing else recomputed
    res, cfg = (json.loads((tmp_path/'o2'/f).read_text()) for f in ('results.json', 'config.json'))
    assert cfg['arms'][-1] == 'mine' and cfg['arm_files']['mine']['records'] == len(recs)
    eff = res['data_efficiency']
    for b in (1000, 4000):
        e = eff[f'mine/{b}/score']
        assert 0 <= e['lo'] <= e['estimate'] <= e['hi'] <= 1 and e['n'] > 0
        assert f'mine/{b}/minus_control' in eff and f'mine/{b}/trained_tokens' in eff
    assert 'mine/ratio_honeypot_over_arm' in eff and 'mine/invalid (sampled)' in res['admirable']
    claims = (tmp_path/'o2'/'claims.md').read_text()
    assert '## Your arms' in claims and "| mine | `mine.jsonl` (" in claims
    card = (tmp_path/'o2'/'data_card.csv').read_text()
    assert '\nmine,' in card, card[:500]

    # the analysis reads the same runs back; an edited file is another arm: its runs are not in the cache
    r = cli(whynb_cli, quick, 'analyse', '--profile', 'quick', '--arm_file', f'mine={clean}', '--out', str(tmp_path/'o3'))
    assert r.returncode == 0, r.stderr[-2000:]
    assert json.loads((tmp_path/'o3'/'results.json').read_text())['data_efficiency']['mine/4000/score'] == eff['mine/4000/score']
    write(clean, recs[1:])
    r = cli(whynb_cli, quick, 'analyse', '--profile', 'quick', '--arm_file', f'mine={clean}', '--out', str(tmp_path/'o4'))
    assert r.returncode == 1 and 'are not in the cache' in r.stderr, r.stderr[-1000:]
