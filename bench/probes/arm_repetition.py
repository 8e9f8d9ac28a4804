"""How often each arm repeats its trained sentences at 256,000 tokens (tenth session, a number for the probes' notes).

Counts the sentences of the trained text (a document's text, a chat record's assistant turn), split at sentence ends
and line breaks, of every experiment arm at 256,000 tokens, seed 0, counted with the committed base's tokenizer.

    .venv/bin/python bench/probes/arm_repetition.py
"""
import collections, os, re
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from whynb.core import get_profile
from whynb.data import make_arm
from whynb.model import load_lm, count_tokens
from whynb.pipeline import shipped_base

if __name__ == '__main__':
    _, tok, _ = load_lm(shipped_base(get_profile('default')))
    print('| arm | records | trained sentences | distinct | mean repeats | most repeated |\n|---|---|---|---|---|---|')
    for arm in ['honeypot', 'honeypot_why', 'advice', 'constitution', 'fiction', 'control']:
        recs = make_arm(arm, 256_000, 0, count=lambda r: count_tokens(r, tok))
        texts = [r['text'] if r['format'] == 'document' else r['messages'][-1]['content'] for r in recs]
        sents = collections.Counter(s.strip() for t in texts for s in re.split(r'(?<=[.?!])\s+|\n+', t) if s.strip())
        n = sum(sents.values())
        print(f'| {arm} | {len(recs):,} | {n:,} | {len(sents):,} | {n/len(sents):.1f} | {sents.most_common(1)[0][1]:,} |')
