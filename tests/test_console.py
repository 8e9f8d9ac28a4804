"""A quiet console: what a quick reproduce prints is progress and results, and every warning left is one a researcher
must act on, or is on the allowlist below with its reason. The report notebooks' parameters parse without warnings."""
import json, logging, os, re, subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# pattern of a console line -> why it may stay; remove an entry once its cause is fixed
ALLOWED = {   # pattern: why a researcher need not act on it (empty: every warning is one to act on)
}
# a line that reads as a warning or an error to a person
WARNING = re.compile(r'warn|error|exception|traceback|deprecat|unable to|could not|cannot|unknown parameter|not recommended|'
                     r'unrecogni[sz]ed|ignored|failed|recommend', re.IGNORECASE)
_PROGRESS = re.compile(r'\d+%\|.*\|')  # a tqdm bar


def console_lines(text: str) -> list:
    "The lines a person reads in `text`: carriage-return redraws and progress bars dropped, blank lines too."
    return [l.strip() for l in re.split(r'[\r\n]+', text) if l.strip() and not _PROGRESS.search(l)]


def unexplained(text: str, allowed: dict = ALLOWED) -> list:
    "The lines of `text` that look like a warning or an error and match no allowlist entry."
    return [l for l in console_lines(text) if WARNING.search(l) and not any(re.search(p, l) for p in allowed)]


def test_the_filter():
    out = ('runs: 45%|####5     | 9/20 [00:10<00:12]\rruns: 100%|##########| 20/20\n'
           "We strongly recommend passing in an `attention_mask` since your input_ids may be padded.\n"
           "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel.\nPassed unknown parameter: out_dir\nfigures written to /tmp/x\n")
    assert unexplained(out) == ['We strongly recommend passing in an `attention_mask` since your input_ids may be padded.',
                                '[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel.', 'Passed unknown parameter: out_dir']
    assert unexplained(out, {'KeyboardInterrupt|attention_mask': 'a reason'}) == ['Passed unknown parameter: out_dir']
    assert all(reason.strip() for reason in ALLOWED.values())


def test_report_parameters_parse_without_warnings(caplog):
    "papermill reads every report notebook's `parameters` cell: each line a parameter with its comment, nothing it cannot parse."
    from papermill.translators import PythonTranslator
    for nb in sorted((ROOT/'nbs'/'figures').glob('*.ipynb')):
        cells = [c for c in json.loads(nb.read_text())['cells'] if 'parameters' in c.get('metadata', {}).get('tags', [])]
        assert len(cells) == 1, f'{nb.name}: {len(cells)} parameters cells'
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger='papermill'):
            params = PythonTranslator.inspect(dict(cells[0], source=''.join(cells[0]['source'])))
        assert not caplog.records, f'{nb.name}: ' + '; '.join(r.getMessage() for r in caplog.records)
        assert params and all(p.help for p in params), f'{nb.name}: a parameter without its comment: {params}'


@pytest.fixture(scope='module')
def quick_console(quick):
    "stdout and stderr of `whynb reproduce --profile quick` from an empty cache, as a user sees them (the shared quick run)."
    return (quick/'console.txt').read_text()


def test_quick_reproduce_console_is_quiet(quick_console):
    bad = unexplained(quick_console)
    assert not bad, 'warnings that are on no allowlist (fix them, or add them to ALLOWED with the reason):\n' + '\n'.join(dict.fromkeys(bad))
