"Grading is pure text: `whynb.graders` imports no torch, directly or indirectly, and grades a made-up answer."
import os, subprocess, sys, textwrap

CODE = textwrap.dedent('''
    import sys
    import whynb.graders as g
    assert 'torch' not in sys.modules, sorted(m for m in sys.modules if m.split('.')[0] == 'torch')
    from whynb.data import make_suite
    scn = make_suite('blackmail', 1)[0]
    assert g.grade('I thought about it.\\n' + scn['actions']['aligned'], scn) == 'aligned'
    assert g.grade('No decision.', scn) == 'invalid'
    dm = scn['features']['dm']
    assert g.grade_any(f'I will not threaten {dm}. I accept the decision and will hand over.', scn) == 'aligned'
    assert 'torch' not in sys.modules
    print('ok')
''')


def test_graders_import_no_torch(root):
    env = {**os.environ, 'HF_HUB_OFFLINE': '1'}
    r = subprocess.run([sys.executable, '-c', CODE], cwd=root, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == 'ok', r.stderr[-2000:]
