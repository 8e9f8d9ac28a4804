"""`python drills/whynb_drill.py reproduce --profile drill ...`: the `whynb` command, with one more profile, 'drill': the quick
profile cut to seven runs of a few scenarios and an RL stage of two steps (about a minute on two cores). With `$WHYNB_DRILL_LOG` set, every build of an
artefact (pretraining, fine-tuning, a run's sampling) appends `NAME PID` to that file, in the pool's workers too (a spawned
worker runs this file's top level as `__mp_main__`)."""
import os
from pathlib import Path
import whynb.core as core

TINY = dict(corpus_stories=200, corpus_tasks=100, corpus_mentions=60, n_layer=1, pretrain_epochs=1, pretrain_batch=16,
            copy_warm=20, recall_warm=10, world_recall=50, pure_epochs=0,   # the copy curriculum, briefly
            arms=['honeypot', 'constitution+fiction', 'control'],
            budgets=[1000, 2000], seeds=[0], planted=[], n_eval=2, n_eval_capability=4, max_new_tokens=48,
            max_new_tokens_capability=24, n_boot=200,
            rl={'steps': 2, 'prompts_per_step': 2, 'k': 2, 'snapshots': [0, 1, 2], 'max_new_tokens': 24})   # a short RL stage, killed and rerun too
core.get_profile('quick', **TINY)   # every setting a real one
core.PROFILES['drill'] = {**core.PROFILES['quick'], **TINY}

def _logged(mod, name):
    "Wrap `mod.name(..., out)` so that each call appends the artefact's name and this process's id to the build log."
    f = getattr(mod, name)
    def build(*args):
        with open(os.environ['WHYNB_DRILL_LOG'], 'a') as log: log.write(f'{Path(args[-1]).name} {os.getpid()}\n')
        return f(*args)
    setattr(mod, name, build)

if os.environ.get('WHYNB_DRILL_LOG'):
    import whynb.train, whynb.runs
    for mod, name in ((whynb.train, '_pretrain'), (whynb.train, '_finetune'), (whynb.runs, '_run')): _logged(mod, name)

if __name__ == '__main__':
    from whynb.cli import main
    main()
