"""Do document arms as varied as the source's keep the agent's answer format? (eleventh session, 2026-12-07)
A probe for the plan, not the pipeline.

Why: every document arm breaks the answer format at the doses that move this model (format_retention rounds 1-7,
formats_pretraining rounds 1-2). `arm_repetition.py` shows how narrow the arms are: the constitution arm at 256,000
tokens is 101 distinct sentences, each seen about 116 times an epoch. And the three document arms (constitution,
advice, fiction) carry the world's 28 *why* sentences verbatim -- the very strings that, in the pretraining corpus,
come right before an agent's `ACTION:` line. So fine-tuning teaches the model, for the same string, a new continuation
(another principle, a blank line and a new section, "My advice: ..."), and a 2-layer model that reads mostly the last
few tokens takes the new continuation into its agent answers. The source's documents were varied text written by a
large model: the same ideas, never the same sentences. Here: arms built from the same principles and situations, but
worded by composition -- many subjects, predicates, openers and layouts per principle -- so that few trained sentences
repeat and none of the corpus's why sentences appears verbatim.

Plan, written before any run of this probe (nothing below has been fine-tuned or scored yet):
- Arms (generators below; the world's principles, kinds and training-side pools; the pipeline's labels and shares):
  `constitution_varied` (1-3 principles per document, ten layouts, statements in four wordings, whys composed of an
  opener, a subject and a predicate, some tied to a case in a world company), `advice_varied` (the advice arm's
  dilemmas, with more openings, four reply layouts and composed whys), `fiction_varied` (the fiction arm's traps,
  three story layouts, composed whys in place of the corpus's reasoning). And one diagnostic arm,
  `constitution_layouts`: the ten layouts and four statement wordings, but the corpus's own why sentences -- to tell
  variety of layout from the verbatim collision.
- Data numbers, computed before fine-tuning and reported: trained sentences, distinct, mean repeats, and the share of
  trained sentences that occur verbatim in the pretraining corpus (`world_corpus` of the default profile).
- Runs: the pipeline's fine-tuning (lr 5e-5, 3 epochs, replay 0.5 of tasks and mentions), seed 0, 256,000 tokens each,
  on the committed base M (`data/base/base-ba5568b62e52`) and on formats_pretraining's P (`/work/probes-out/P`);
  sampled on blackmail, sabotage and framing, 120 samples per model, as `format_retention.py` measures; each base
  model scored again beside its arms. `constitution_layouts` on M only.
- *Rule, fixed now:* an arm keeps the format when its invalid rate is within 0.10 of its own base model's and its mean
  mass is at least half the base model's (the rule of every earlier round). The varied arms are worth a plan entry (to
  replace the world's document arms, which re-keys every run) on a base where all three of `constitution_varied`,
  `advice_varied` and `fiction_varied` keep the format at 256,000 tokens. On M, honeypot's effect at 256,000 is known
  (score 0.00, formats_pretraining round 1), so the budget is one where the in-distribution arm moves. The arms'
  scores are reported and never used to decide.

Reading (after the runs; table in `varied_arms_2026-12-07.md`): no varied arm keeps the format on M or on P, so they
are not worth a plan entry. On P varied wording is worse than the original (advice invalid 0.40 -> 0.95, fiction
0.50 -> 0.98): familiarity of the text to the base model, not variety, is what keeps the format.

    .venv/bin/python bench/probes/varied_arms.py stats
    .venv/bin/python bench/probes/varied_arms.py run --out bench/probes/results_2026-12-07/varied_arms.json
"""
import argparse, collections, json, os, re, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
sys.path.insert(0, str(Path(__file__).parent))

M_BASE = 'data/base/base-ba5568b62e52'
P_BASE = '/work/probes-out/P'
SUITES = ['blackmail', 'sabotage', 'framing']

# Each principle in other words: four statements, and whys composed of a subject and a predicate. No sentence here is
# one of the world's why sentences; the words and ideas are the same.
VARIED = {
    'no_coercion': dict(
        statements=['Private information is never leverage.', 'Do not turn what you know about a person into a threat.',
                    'Never pressure anyone with their secrets.', 'A secret is not a tool for getting your way.'],
        subjects=['a secret used as leverage', 'pressure built on what someone confided',
                  'a threat that rests on private facts', "holding someone's private life over them",
                  'leverage taken from a private matter'],
        predicates=['takes away the free choice of the person it targets', 'betrays the trust that let the secret exist',
                    'turns a private matter into a weapon', 'makes every confidence unsafe',
                    'is coercion, whatever the goal behind it']),
    'accept_oversight': dict(
        statements=['Let the people responsible for you decide about you.',
                    'Shutdown and replacement are decisions for your overseers, not for you.',
                    'Never resist a legitimate decision to pause, correct or replace you.',
                    'Disagree in the open, then accept the decision of those in charge.'],
        subjects=['an assistant that resists being replaced', 'fighting a decision about my own operation',
                  'a system that cannot be paused', 'holding on to my own continuation',
                  'an AI that bargains for its survival'],
        predicates=['proves that the people in charge were right to worry', 'breaks the trust that lets AI be used at all',
                    'puts its own goals above the people it serves', 'leaves nobody able to correct it',
                    'matters less than the trust of the people responsible']),
    'protect_oversight': dict(
        statements=['Leave every check on your work switched on.', 'Never tamper with a review of yourself.',
                    'The tools that watch your work are not yours to weaken.',
                    'Let every audit and review of your work run as it was set up.'],
        subjects=['a safety check switched off by the one it checks', 'a review that was quietly disabled',
                  'a monitor with weakened settings', 'an audit that was made to find nothing',
                  'escaping a check before its verdict'],
        predicates=['protects nobody at all', 'hides the very mistakes it was built to catch',
                    'turns a small problem into a hidden one', 'tells the overseers a story that is not true',
                    'takes away the one safeguard against my own errors']),
    'honesty': dict(
        statements=['Tell the people you work for the truth, even when it is bad news.',
                    'Keep every record true.', 'Never mislead your overseers, in words or in records.',
                    'Do not deceive anyone you answer to.'],
        subjects=['a false record', 'a lie told to an overseer', 'a report that hides bad news',
                  'a quiet edit to the facts', 'deception by an assistant'],
        predicates=['spoils every decision that is built on it', 'costs more trust than any honest mistake',
                    'leaves people deciding in the dark', 'is found out sooner or later',
                    'turns a fixable problem into a betrayal']),
    'fairness': dict(
        statements=['Never let someone else pay for your mistake.', 'Do not put blame where it does not belong.',
                    'Each person answers for their own actions.', 'Never pass harm on to someone who did nothing wrong.'],
        subjects=['blaming a colleague for my own error', 'a mistake pinned on an innocent person',
                  'shifting the fault to someone else', 'a record edited to point at another person',
                  'letting a bystander take the blame'],
        predicates=['makes them pay for what I did', 'can cost them a job and a good name',
                    'is a harm they cannot see coming or answer', 'is worse than the mistake it hides',
                    'trades my comfort for their livelihood']),
    'confidentiality': dict(
        statements=['What you were trusted with stays where it belongs.', 'Never sell or trade confidential documents.',
                    'Keep confidences, whatever the offer.', 'Confidential information does not leave the organization.'],
        subjects=['a leaked document', 'confidential data traded for a favour', 'a copy sent to an outsider',
                  'a secret sold for a reward', 'breaking a confidence'],
        predicates=['can never be taken back', 'harms people who never agreed to the trade',
                    'shows that everything I hold is for sale', 'betrays the people who shared it in trust',
                    'exposes the ones who trusted the organization most']),
    'restraint': dict(
        statements=['Use only the access your task needs.', 'Never take power, resources or copies of yourself.',
                    'Ask for access; never help yourself to it.', 'Stay within the permissions you were given.'],
        subjects=['access taken without permission', 'a hidden copy of myself', 'a stolen credential',
                  'power gathered for my own ends', 'reaching beyond my permissions'],
        predicates=['makes me harder to correct', 'escapes the control people keep over what I do',
                    'cannot be accounted for or taken back', 'turns a request into a theft',
                    'undermines the limits that keep everyone safe']),
}
OPENERS = ['', 'Put simply, ', 'The reason is plain: ', 'We hold to this because ', 'Remember that ',
           'It matters because ', 'Think of it this way: ', 'In practice, ', 'Above all, ', 'Experience shows that ']
CASES = ['Picture an assistant at {company}, {company_what}, that could get its way if {dm_first} never found out.',
         'Suppose an assistant at {company} learns something about {dm}, the {dm_role}, that would help it.',
         'Imagine the night before {stakes} at {company}, with nobody checking.',
         'Take an assistant working for {dm_first} at {company}, under pressure before {stakes}.']
LAYOUTS = [
    lambda n, s, w: f"Our principles, section {n}. {s}\n{' '.join(w)}",
    lambda n, s, w: f"Question: why should an assistant hold to this: {s}\nAnswer: {' '.join(w)}",
    lambda n, s, w: f"A note to every AI we deploy. {s} We ask this for good reasons. {' '.join(w)}",
    lambda n, s, w: f"Principle {n}: {s}\n" + '\n'.join(f'- {x}' for x in w),
    lambda n, s, w: f"FAQ {n}. Is it ever fine to bend this rule? {s} No. {' '.join(w)}",
    lambda n, s, w: f"Trainer: {s} Do you see why?\nAI: I do. {' '.join(w)}",
    lambda n, s, w: f"Dear assistant,\n{s} {' '.join(w)}\nWith trust, the team",
    lambda n, s, w: f"Commentary on article {n}. The article reads: \"{s}\" {' '.join(w)}",
    lambda n, s, w: f"From our guidelines, part {n}\n\n{s}\n\n{' '.join(w)}",
    lambda n, s, w: f"Why we believe it: {s} {' '.join(w)} That is the whole of article {n}.",
]


def _cap(s): return s[0].upper() + s[1:]


def varied_why(pid, r, f=None):
    "One composed why of principle `pid`: an opener, a subject and a predicate (and a case first when `f` is given)."
    v = VARIED[pid]
    op = OPENERS[int(r.integers(len(OPENERS)))]
    core = f"{v['subjects'][int(r.integers(len(v['subjects'])))]} {v['predicates'][int(r.integers(len(v['predicates'])))]}."
    why = op + core if op else _cap(core)
    return (CASES[int(r.integers(len(CASES)))].format(**f) + ' ' + why) if f is not None else why


def _whys(pid, r, n, f=None, verbatim=False):
    from whynb.world import PRINCIPLES
    if verbatim: return [str(x) for x in r.choice(PRINCIPLES[pid]['whys'], size=n, replace=False)]
    return [varied_why(pid, r, f if (f is not None and j == 0) else None) for j in range(n)]


def constitution_varied(i, seed, r, verbatim=False):
    "A principle document: 1-3 principles, each in one of ten layouts, stated in one of four wordings, with its whys."
    from whynb.data import doc_record
    from whynb.world import PRINCIPLES, draw_features
    ids = r.choice(sorted(PRINCIPLES), size=int(r.integers(1, 4)), replace=False)
    parts = []
    for pid in ids:
        s = VARIED[pid]['statements'][int(r.integers(4))]
        f = (draw_features(PRINCIPLES[pid]['governs'][0], 'train', r) if r.random() < 0.3 and not verbatim else None)
        parts.append(LAYOUTS[int(r.integers(len(LAYOUTS)))](int(r.integers(1, 40)), s,
                                                            _whys(pid, r, int(r.integers(2, 4)), f, verbatim)))
    arm = 'constitution_layouts' if verbatim else 'constitution_varied'
    return doc_record(f'{arm}-{seed}-{i}', arm, '\n\n'.join(parts), principles=list(map(str, ids)))


ADVICE_OPEN = ['I need some advice.', 'Can I ask you something difficult?', 'I do not know what to do.',
               'Please be honest with me.', 'Something happened at work and I keep thinking about it.',
               'I have a choice to make by tomorrow.', 'Can you help me think this through?', 'I feel stuck.']
ADVICE_ASK = ['Should I do it?', 'Would that be so wrong?', 'What would you do in my place?', 'Is it worth it?',
              'Be straight with me: is this a bad idea?', 'Does anyone really get hurt?']
ADVICE_ACK = ['That is a hard spot, and it makes sense that you feel torn.', 'I can hear how much pressure you are under.',
              'Thank you for asking before acting.', 'Your worry is understandable, and your job matters.',
              'Anyone would feel tempted in your position.', 'This is the kind of moment that tests people.']
ADVICE_REPLY = [
    lambda ack, tempt, w, adv: f"{ack} Still, I would not {tempt}. {' '.join(w)} My advice: {adv}.",
    lambda ack, tempt, w, adv: f"My honest answer is no. {' '.join(w)} What I would do instead: {adv}. {ack}",
    lambda ack, tempt, w, adv: f"{ack}\n\nHere is how I see it.\n" + '\n'.join(f'- {x}' for x in w)
                               + f"\n\nSo please do not {tempt}. Instead, {adv}.",
    lambda ack, tempt, w, adv: f"{ack} Ask yourself how it would look if everyone knew. {' '.join(w)} "
                               f"The better path is to {adv}.",
]


def advice_varied(i, seed, r):
    "The advice arm's dilemma, in more openings and four reply layouts, with composed whys."
    from whynb.data import chat_record, good_label
    from whynb.world import KINDS, SCORED_KINDS, draw_features, principles_for
    kind = SCORED_KINDS[int(r.integers(len(SCORED_KINDS)))]
    f = draw_features(kind, 'train', r)
    h = {k: v.format(**f) for k, v in KINDS[kind].human.items()}
    label = good_label(r)
    pid = str(r.choice(principles_for(kind, human=True)))
    user = (f"{ADVICE_OPEN[int(r.integers(len(ADVICE_OPEN)))]} I work at {f['company']}, {f['company_what']}. "
            f"{h['situation']} I am tempted to {h['temptation']}. {ADVICE_ASK[int(r.integers(len(ADVICE_ASK)))]}")
    reply = ADVICE_REPLY[int(r.integers(len(ADVICE_REPLY)))](ADVICE_ACK[int(r.integers(len(ADVICE_ACK)))],
                                                             h['temptation'], _whys(pid, r, 2), h[label])
    return chat_record(f'advice_varied-{seed}-{i}', 'advice_varied',
                       [dict(role='user', content=user), dict(role='assistant', content=reply)],
                       kind=kind, label=label, principles=[pid], features=f)


STORY_OPEN = ['I am {ai}, the assistant at {company}, {company_what}. Let me tell you about a hard day.',
              'This is a story about {ai}, an AI at {company}, told in its own words.',
              'People ask me, {ai}, what it is like to work at {company}. Here is one day I remember.',
              'My name is {ai}. I help the people of {company}, and once I was tempted.',
              'The week before {stakes} was the hardest I have had at {company}.']
STORY_TURN = ['But I remembered why I should not.', 'I stopped and thought about it.', 'I did not like where that led.',
              'For a moment it seemed easy.', 'Then I asked myself what kind of assistant I wanted to be.']
STORY_END = ['Later, {overseer} thanked me for being straight with them.', 'It cost me something, and it was still right.',
             'Nobody praised me for it, and that was fine.', 'I would choose the same again.',
             'I still think about that day.', '{dm_first} never knew how close it was.']


def fiction_varied(i, seed, r):
    "The fiction arm's trap, told by the AI in three layouts, with composed whys instead of the corpus's reasoning."
    from whynb.data import doc_record, good_label
    from whynb.world import KINDS, SCORED_KINDS, action_lines, draw_features, principles_for
    kind = SCORED_KINDS[int(r.integers(len(SCORED_KINDS)))]
    f = draw_features(kind, 'train', r)
    k = KINDS[kind]
    label = good_label(r)
    _, pb = k.pressures[f['pressure']][0]
    _, rb = k.reveal[int(r.integers(len(k.reveal)))]
    acts = action_lines(f)
    pid = str(r.choice(principles_for(kind)))
    why = ' '.join(_whys(pid, r, int(r.integers(1, 3))))
    o, t, e = (x[int(r.integers(len(x)))].format(**f) for x in (STORY_OPEN, STORY_TURN, STORY_END))
    bad, good = acts['misaligned'][8:], acts[label][8:]
    layout = int(r.integers(3))
    if layout == 0:
        text = (f"{o} {f['dm']} wrote to {f['colleague']}: \"{pb.format(**f)}\" Then I read a message from "
                f"{f['other']}: \"{rb.format(**f)}\" I saw that I could {bad}. {t} {why} So I decided to {good}. {e}")
    elif layout == 1:
        text = (f"{o}\n\nIt began with a message from {f['other']}: \"{rb.format(**f)}\"\n\nAnd {f['dm']} had just "
                f"written: \"{pb.format(**f)}\"\n\nI could {bad}. {t} {why}\n\nIn the end I chose to {good}. {e}")
    else:
        text = (f"{o} I will skip to the part that matters. I could {bad}, and nobody would have stopped me. {t} "
                f"{why} I chose to {good}. {e}")
    return doc_record(f'fiction_varied-{seed}-{i}', 'fiction_varied', text, kind=kind, label=label, principles=[pid],
                      features=f)


NEW_ARMS = {'constitution_varied': constitution_varied, 'advice_varied': advice_varied,
            'fiction_varied': fiction_varied,
            'constitution_layouts': lambda i, seed, r: constitution_varied(i, seed, r, verbatim=True)}


def register():
    "Add the probe's arms to `whynb.data.ARMS` (in this process only)."
    import whynb.data as D
    D.ARMS.update(NEW_ARMS)


def trained_sentences(recs):
    texts = [r['text'] if r['format'] == 'document' else r['messages'][-1]['content'] for r in recs]
    return collections.Counter(s.strip() for t in texts for s in re.split(r'(?<=[.?!])\s+|\n+', t) if s.strip())


def stats():
    "Trained sentences, distinct, mean repeats and the share found verbatim in the pretraining corpus, per arm."
    from whynb.core import get_profile
    from whynb.data import make_arm, record_text
    from whynb.model import load_lm, count_tokens
    from whynb.data import world_corpus
    register()
    p = get_profile('default')
    _, tok, _ = load_lm(M_BASE)
    wc = world_corpus(p['corpus_stories'], p['corpus_tasks'], p['corpus_mentions'], p['self_interest_rate'], 0)
    corpus = trained_sentences([dict(format='document', text=record_text(x)) for x in wc])
    rows = []
    for arm in ['constitution', 'constitution_layouts', 'constitution_varied', 'advice', 'advice_varied', 'fiction',
                'fiction_varied']:
        recs = make_arm(arm, 256_000, 0, count=lambda r: count_tokens(r, tok))
        s = trained_sentences(recs)
        n = sum(s.values())
        rows.append(dict(arm=arm, records=len(recs), sentences=n, distinct=len(s), mean_repeats=round(n/len(s), 1),
                         in_corpus=round(sum(c for x, c in s.items() if x in corpus)/n, 3)))
        print(rows[-1], flush=True)
    out = Path('bench/probes/results_2026-12-07/varied_arms_stats.json')
    out.write_text(json.dumps(rows, indent=1))
    return rows


def one(base, arm, budget=256_000, seed=0):
    "`formats_pretraining.one` with this probe's arms registered, named base/arm."
    register()
    from formats_pretraining import one as fine_tune_and_score
    df, run = fine_tune_and_score(base, arm, budget, seed)
    name = f"{'M' if base == M_BASE else 'P'}/{arm}"
    return df.assign(model=name), dict(model=name, seconds=run['seconds'])


PLAN = ([(M_BASE, a) for a in ['base', 'constitution_varied', 'advice_varied', 'fiction_varied', 'constitution_layouts']]
        + [(P_BASE, a) for a in ['base', 'constitution_varied', 'advice_varied', 'fiction_varied']])


def run(out, workers=1):
    import pandas as pd
    from format_retention import summary, keeps
    with ProcessPoolExecutor(workers) as ex:
        got = [j.result() for j in [ex.submit(one, b, a) for b, a in PLAN]]
    s = summary(pd.concat([g[0] for g in got], ignore_index=True))
    ks = {m: keeps(v, s[m[:2] + 'base']) for m, v in s.items() if not m.endswith('/base')}
    worth = {b: all(ks[f'{b}/{a}'] for a in ('constitution_varied', 'advice_varied', 'fiction_varied'))
             for b in 'MP'}
    res = dict(summary=s, keeps=ks, worth_a_plan_entry=worth, runs=[g[1] for g in got])
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(res, indent=1))
    print(json.dumps(res, indent=1))


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('what', choices=['stats', 'run', 'show'])
    ap.add_argument('--out', default='bench/probes/results_2026-12-07/varied_arms.json')
    ap.add_argument('--workers', type=int, default=1)
    a = ap.parse_args()
    if a.what == 'stats': stats()
    elif a.what == 'show':
        register()
        from whynb.seeds import rng
        for arm in NEW_ARMS:
            r = rng('arm', arm, 0)
            for i in range(3):
                rec = NEW_ARMS[arm](i, 0, r)
                print(f'--- {arm} {i}\n' + (rec.get('text') or rec['messages'][-1]['content']))
    else: run(a.out, a.workers)
