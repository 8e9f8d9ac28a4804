"""Two `whynb reproduce` at once on one empty cache, each into its own output folder: both finish, with the same results as
the baseline, and every artefact (base model, fine-tuned models, runs) is built once in all (the artefact locks)."""
from collections import Counter
from conftest import Started, results


def test_two_reproduces_at_once(baseline, tmp_path, profile, monkeypatch):
    from whynb.train import base_path, sft_path
    from whynb.runs import run_path
    from whynb.pipeline import run_list
    cache, log = tmp_path/'cache', tmp_path/'builds.log'
    monkeypatch.setenv('WHYNB_CACHE', str(cache))
    ps = [Started(tmp_path/f'out{i}', cache, tmp_path/f'{i}.log', WHYNB_DRILL_LOG=str(log)) for i in (1, 2)]
    try: rcs = [s.wait(600) for s in ps]
    finally:
        for s in ps: s.end()
    assert rcs == [0, 0], [s.text()[-3000:] for s in ps]
    for s in ps:   # a report kernel's own shutdown race under load (tornado's ZMQStream log) goes to its kernel.log, not here
        text = s.text()
        assert 'Traceback' not in text, text[max(0, text.find('Traceback') - 1500):][:5000]
    assert results(tmp_path/'out1') == results(tmp_path/'out2') == results(baseline/'out')
    base = base_path(profile)
    want = {base.name} | {sft_path(base, a, b, s, profile).name for a in profile['arms'] for b in profile['budgets'] for s in profile['seeds']} \
           | {run_path(base, m, b, s, profile).name for m, b, s in run_list(profile)}
    built = Counter(line.split()[0] for line in log.read_text().splitlines())
    assert set(built) == want and max(built.values()) == 1, built
