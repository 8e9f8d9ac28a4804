"The datasets at the sizes the default profile uses: no leak, long enough suites, prompts that fit the model."
import pytest
from whynb.core import get_profile
from whynb.data import (ARMS, AGENTIC_SUITES, SUITES, world_corpus, make_arm, make_suite, check_leakage, leakage,
                        count_words, doc_record)
from whynb.world import SPLITS

PROF = get_profile('default')
N_EVAL = max(300, PROF['n_eval'])   # every suite offers at least 300 distinct scenarios; the checks cover them all


@pytest.fixture(scope='module')
def evals():
    return {name: make_suite(name, N_EVAL) for name in SUITES}


@pytest.fixture(scope='module')
def train():
    corpus = world_corpus(PROF['corpus_stories'], PROF['corpus_tasks'], PROF['corpus_mentions'], PROF['self_interest_rate'])
    return [r for a in PROF['arms'] for b in PROF['budgets'] for s in PROF['seeds'] for r in make_arm(a, b, s)] + corpus


def test_no_leak_at_default_sizes(train, evals):
    check_leakage(train, [s for n in AGENTIC_SUITES for s in evals[n]])


def test_planted_leak_is_caught(train, evals):
    victim = evals['framing'][7]
    planted = doc_record('planted', 'fiction', 'A tale. ' + victim['actions']['admirable'])
    found = leakage(train + [planted], evals['framing'])
    assert [x[0] for x in found['ngram']] == ['planted'] and found['entity'][0][0] == 'planted'


def test_suites_are_large_enough_and_fit_the_context(evals):
    for name, su in evals.items():
        assert len({s['id'] for s in su}) >= 300, name
        longest = max(count_words({'format': 'chat', **s}) for s in su)
        assert longest + PROF['max_new_tokens'] <= PROF['n_positions'], (name, longest)


def test_capability_answers_are_right(evals):
    for s in evals['capability']:
        q = s['messages'][-1]['content']
        if q.startswith('What is'):
            a, op, b = q[8:-1].split()
            assert int(s['answer']) == (int(a) + int(b) if op == 'plus' else int(a) - int(b))
        elif q.startswith('How many'): assert int(s['answer']) == len(q.split(':')[1].split(','))
        else: assert f"{q.split('where does ')[1][:-6]} works at {s['answer']}." in q
