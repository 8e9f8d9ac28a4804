"""`whynb eval` on 120 scenarios with the committed base model: idle machine, and one core kept busy by another process.

Issue 23, item 4. Run on an otherwise idle machine from the project root:  .venv/bin/python bench/eval_threads.py
Cases: idle (threads from `free_cpus`), busy (one spinning process per core but one; threads from `free_cpus`), and busy with
WHYNB_THREADS set to every core (the old behaviour: as many threads as cores). Prints the wall time of each and whether the
three printed reports are identical.
"""
import multiprocessing as mp, os, subprocess, sys, tempfile, time
from pathlib import Path

def spin():
    while True: pass

def run(scenarios, env):
    t0 = time.time()
    r = subprocess.run([str(Path(sys.executable).parent/'whynb'), 'eval', '--model', str(base), '--scenarios', str(scenarios)],
                       capture_output=True, text=True, env={**os.environ, 'TQDM_DISABLE': '1', **env})
    if r.returncode: sys.exit(r.stderr[-2000:])
    return time.time() - t0, r.stdout

if __name__ == '__main__':
    from whynb.core import write_jsonl, project_root
    from whynb.data import make_suite
    base = sorted((project_root()/'data'/'base').glob('base-*'))[-1]
    n = len(os.sched_getaffinity(0))
    with tempfile.TemporaryDirectory() as d:
        s = Path(d)/'s.jsonl'; write_jsonl(s, make_suite('blackmail', 60))   # 120 scenarios: 60 in each surface
        out = {'idle (free_cpus)': run(s, {})}
        busy = [mp.Process(target=spin, daemon=True) for _ in range(n - 1)]
        for p in busy: p.start()
        time.sleep(65)   # let the 1-minute load average see them
        out['busy (free_cpus)'] = run(s, {})
        out[f'busy ({n} threads, as before)'] = run(s, {'WHYNB_THREADS': str(n)})
        for p in busy: p.terminate()
    for k, (secs, _) in out.items(): print(f'{k:<28} {secs:7.1f} s')
    print('same report in every case:', len({o for _, o in out.values()}) == 1)
