"""Carry the committed calibration tables over to a base model that a refactor re-keyed but did not change.

A base model's key is the hash of the code that builds it, so a refactor of that code gives a new key even when
`make base` shows the new base bit-identical to the old one. The calibration tables (`data/calibration*.json`) name the
base they ran on by its key, and the analysis calls a table current only when that key is the profile's. This script
renames the old key to the new one in the three tables, and only after checking that the two checkpoints hold the
same bytes (`whynb.pipeline.same_checkpoint`: every file's SHA-256 and the whole manifest, the seconds and key aside).

It does not check that the fine-tuning and evaluation code gives the same numbers: show that with a cold
`make reproduce` whose `figures/` come out byte-identical, and say so where the change is recorded.

    python scripts/rekey_calibration.py --old base-OLD [--new base-NEW]

`--old` is a checkpoint in the cache (`$WHYNB_CACHE`, else `data/cache`); `--new` defaults to the default profile's
committed base under `data/base/`. The tables are rewritten whole and atomically (`whynb.core.write_json`).
"""
import argparse, json, sys

from whynb.core import cache_dir, get_profile, project_root, write_json
from whynb.calibrate import CALIBRATION, LR_CALIBRATION, BUDGET_CALIBRATION
from whynb.pipeline import SHIPPED_BASE, same_checkpoint
from whynb.train import base_path


def rename_key(obj, old: str, new: str):
    "`obj` (a JSON value) with every string equal to `old` replaced by `new`, and how many were replaced."
    if obj == old: return new, 1
    if isinstance(obj, dict):
        pairs = [(k, rename_key(v, old, new)) for k, v in obj.items()]
        return {k: v for k, (v, _) in pairs}, sum(n for _, (_, n) in pairs)
    if isinstance(obj, list):
        items = [rename_key(v, old, new) for v in obj]
        return [v for v, _ in items], sum(n for _, n in items)
    return obj, 0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--old', required=True, help='the key the tables name now, e.g. base-ba5568b62e52 (in the cache)')
    ap.add_argument('--new', help="the re-keyed base (default: the default profile's, under data/base/)")
    a = ap.parse_args(argv)
    new = a.new or base_path(get_profile('default')).name
    old_dir, new_dir = cache_dir()/a.old, project_root()/SHIPPED_BASE/new
    for d in (old_dir, new_dir):
        if not (d/'whynb.json').exists(): sys.exit(f'rekey_calibration: no checkpoint at {d}')
    if not same_checkpoint(old_dir, new_dir):
        sys.exit(f'rekey_calibration: {old_dir} and {new_dir} are not the same checkpoint: run `make calibrate` instead')
    for rel in (CALIBRATION, LR_CALIBRATION, BUDGET_CALIBRATION):
        path = project_root()/rel
        table, n = rename_key(json.loads(path.read_text()), a.old, new)
        if not n: print(f'{rel}: names no {a.old}; left as it is'); continue
        write_json(path, table)
        print(f'{rel}: {a.old} -> {new} ({n} place{"s" if n > 1 else ""})')


if __name__ == '__main__': main()
