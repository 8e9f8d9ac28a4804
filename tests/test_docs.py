"The documentation site builds offline from every notebook: the results on the home page, API docs with parameter tables on module pages, maths typeset by a local MathJax, figures on report pages."
import ast, html, importlib.util, json, re, subprocess, sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script(name):
    spec = importlib.util.spec_from_file_location(name, ROOT/'scripts'/f'{name}.py')
    mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
    return mod

build_docs, screenshot_docs = _script('build_docs'), _script('screenshot_docs')


@pytest.fixture(scope='module')
def site(tmp_path_factory):
    "The site built by the same command `make docs` runs, into a temporary folder; and the nbdev processing report."
    tmp = tmp_path_factory.mktemp('docs')
    r = subprocess.run([sys.executable, str(ROOT/'scripts'/'build_docs.py'), '--out', str(tmp/'site'), '--report', str(tmp/'report.json')],
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f'build_docs.py failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}'
    return tmp/'site', json.loads((tmp/'report.json').read_text())


@pytest.fixture(scope='module')
def pages(site, monkeypatch_module):
    "{page name: notebook} for every notebook nbdev documents."
    return {build_docs.page_name(nb, ROOT/'nbs'): nb for nb in build_docs.notebooks(ROOT/'nbs')}


@pytest.fixture(scope='module')
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # nbdev finds settings.ini from the working directory
        yield mp


def _text(path: Path) -> str:
    "The visible text of an HTML page, whitespace collapsed."
    s = re.sub(r'<(script|style)\b.*?</\1>', ' ', path.read_text(), flags=re.DOTALL)
    return re.sub(r'\s+', ' ', html.unescape(re.sub(r'<[^>]+>', '', s)))


def _cells(nb: Path) -> list:
    return [''.join(c['source']) for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'code']


def _default_exp(nb: Path):
    m = re.search(r'^#\|\s*default_exp\s+(\S+)', '\n'.join(_cells(nb)), re.MULTILINE)
    return m and m[1]


def _exported(nb: Path) -> dict:
    "{name: first docstring line} of the public functions and classes that the `#| export` cells of `nb` define."
    res = {}
    for src in _cells(nb):
        if not re.search(r'^#\|\s*exports?\s*$', src, re.MULTILINE): continue
        for node in ast.parse(src).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith('_'):
                res[node.name] = (ast.get_docstring(node) or '').split('\n')[0]
    return res


def test_every_notebook_has_a_page(site, pages):
    out, report = site
    assert {'index', 'core', 'stats', 'figures/blackmail'} <= set(pages)
    missing = [f'{nb.relative_to(ROOT)} -> {p}.html' for p, nb in pages.items() if not (out/f'{p}.html').exists()]
    assert not missing, f'no page for {missing}'
    assert sorted(report) == sorted(pages)
    assert 'core.html' in (out/'index.html').read_text(), 'the home page does not link the module pages'


def test_module_pages_show_every_exported_function(site, pages):
    "Each function and class a module notebook exports has its anchor, signature and docstring on the notebook's page."
    out, _ = site
    modules = {p: m for p, nb in pages.items() if (m := _default_exp(nb))}
    assert len(modules) >= 8
    problems, checked = [], 0
    for page in modules:
        text, raw = _text(out/f'{page}.html'), (out/f'{page}.html').read_text()
        for name, doc in _exported(pages[page]).items():
            checked += 1
            doc = re.sub(r'\s+', ' ', doc).replace('`', '').replace('*', '')
            if f'id="{name}"' not in raw: problems.append(f'{page}.html: no anchor for {name}')
            if f'def {name}(' not in text and f'class {name}' not in text: problems.append(f'{page}.html: no signature of {name}')
            if doc not in text.replace('*', ''): problems.append(f'{page}.html: no docstring of {name}: {doc!r}')
    assert not problems, '\n'.join(problems)
    assert checked >= 40, f'only {checked} exported functions found in {sorted(modules)}'
    data, stats = _text(out/'data.html'), _text(out/'stats.html')
    assert re.search(r'def make_arm\( arm:str,[^)]{0,80}? n_tokens:int,[^)]{0,80}? seed:int=0', data), 'make_arm signature'
    assert re.search(r'def bootstrap_rate\( successes,[^)]{0,80}? trials,[^)]{0,80}? n_boot:int=2000', stats), 'bootstrap_rate signature'


def test_report_pages_show_their_figures(site, pages):
    out, _ = site
    reports = [p for p in pages if p.startswith('figures/')]
    assert 'figures/blackmail' in reports
    for p in reports:
        imgs = re.findall(r'<img[^>]*\bsrc="([^"]+)"', (out/f'{p}.html').read_text())
        assert imgs, f'{p}.html shows no image'
        assert all((out/p).parent.joinpath(i).is_file() for i in imgs), f'{p}.html: missing image files {imgs}'


def test_unexecuted_report_gets_the_committed_figures(tmp_path, monkeypatch_module):
    "Without `figures/notebooks/` (a fresh clone) a report page shows the committed `figures/<name>*.png`."
    nb = ROOT/'nbs'/'figures'/'blackmail.ipynb'
    assert build_docs.executed_copy(nb, tmp_path) is None
    figs = build_docs.committed_figures(nb, ROOT/'figures')
    assert ROOT/'figures'/'blackmail.png' in figs and not any(p.stem.startswith('blackmail2') for p in figs)
    proc, errors = build_docs.nbdev_process(nb)
    assert errors == []
    myst = build_docs.to_myst(proc, json.loads(nb.read_text()), 'figures/blackmail', 'https://whynb.local/', figs)
    assert '![blackmail](blackmail.png)' in myst['cells'][-1]['source']
    assert myst['cells'][0]['source'].startswith('# Blackmail rate')


def test_links_stay_in_the_site_and_resolve(site):
    "Relative links and images resolve to files (and anchors) of the site; nothing points at the nbdev doc host."
    out, _ = site
    bad, ids = [], {}
    for page in out.rglob('*.html'):
        raw = page.read_text()
        if 'whynb.local' in raw: bad.append(f'{page.relative_to(out)}: link to the doc host whynb.local')
        for ref in re.findall(r'(?:href|src)="([^"]+)"', raw):
            if re.match(r'^([a-z]+:|#|//)', ref): continue
            path, _, anchor = html.unescape(ref).partition('#'); path = path.partition('?')[0]
            target = (page.parent/path).resolve() if path else page
            if not target.exists(): bad.append(f'{page.relative_to(out)}: {ref} not found'); continue
            if anchor and target.suffix == '.html':
                ids.setdefault(target, set(re.findall(r'\bid="([^"]+)"', target.read_text())))
                if anchor not in ids[target]: bad.append(f'{page.relative_to(out)}: {ref}: no such anchor')
    assert not bad, '\n'.join(bad[:30])


_EXTERNAL = re.compile(r'<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|data)="(?:https?:)?//[^"]*"'
                       r'|<link\b[^>]*\bhref="(?:https?:)?//[^"]*"|url\(\s*[\'"]?(?:https?:)?//[^)]*\)|@import\s+[\'"]?(?:url\()?[\'"]?(?:https?:)?//'
                       r'|(?:fetch|importScripts)\(\s*[\'"`](?:https?:)?//|\.open\(\s*[\'"]\w+[\'"]\s*,\s*[\'"](?:https?:)?//')


def _inline_scripts(raw: str) -> str:
    return '\n'.join(re.findall(r'<script\b[^>]*>(.*?)</script>', raw, flags=re.DOTALL))


def test_no_external_assets(site):
    "The pages load no script, stylesheet, font, image or fetch from another host (plain links are fine): the site works offline."
    out, _ = site
    found = [(f.relative_to(out), m) for f in out.rglob('*.html') for m in _EXTERNAL.findall(f.read_text())]
    found += [(f.relative_to(out), m) for f in out.rglob('*.css') for m in _EXTERNAL.findall(f.read_text())]
    assert not found, found[:10]
    assert _EXTERNAL.findall('<script src="https://cdn.example/x.js"></script>') and _EXTERNAL.findall('fetch("https://a.b/c")')
    assert not _EXTERNAL.findall('<a href="https://github.com/whynb/whynb">source</a>'), 'plain links are allowed'


def test_home_page_shows_the_results(site):
    "The home page is `index.ipynb` executed: the question, the profile line, the claims table with verdicts and CIs, the headline figures."
    out, _ = site
    raw, text = (out/'index.html').read_text(), _text(out/'index.html')
    assert text.index('The question') < text.index('The results') < text.index('Two commands'), 'the results come before the commands'
    assert re.search(r'Profile `?\w+`?: a (GPT-2|Llama \(rotary positions\)) of \d+ layers', text), 'no profile line: index.ipynb was not executed'
    tables = re.findall(r'<table\b.*?</table>', raw, flags=re.DOTALL)
    claims = next((t for t in tables if 'verdict' in t and 'C1' in t), None)
    assert claims, 'no claims table with verdicts on the home page'
    for cid in ('C1', 'C2', 'C4'): assert f'<p>{cid}</p>' in claims, f'no row for {cid}'
    assert re.search(r'[+-]?\d\.\d+x? \[[^\]]+\]', html.unescape(re.sub(r'<[^>]+>', '', claims))), 'no CI in the claims table'
    imgs = re.findall(r'<img[^>]*\bsrc="([^"]+)"', raw)
    for name in ('data_efficiency', 'blackmail', 'claims'):
        # Sphinx numbers an image whose name another page's image already took (data_efficiency1.png): the order it reads pages in decides which
        assert any(re.sub(r'\d+$', '', Path(i).stem) == name for i in imgs), f'no {name} figure on the home page: {imgs}'
    assert all((out/i).is_file() for i in imgs), imgs


def test_maths_is_typeset_by_a_local_mathjax(site):
    "`$...$` on the stats page becomes math nodes, and the page loads MathJax from the site itself."
    out, _ = site
    raw, text = (out/'stats.html').read_text(), _text(out/'stats.html')
    assert len(re.findall(r'class="math\b', raw)) >= 5, 'no math nodes on the stats page'
    assert '$\\sum' not in text and '$z_0$' not in text, 'raw LaTeX left on the stats page'
    js = re.findall(r'<script[^>]*\bsrc="([^"]*mathjax[^"]*)"', raw, flags=re.IGNORECASE)
    assert js and not re.match(r'^([a-z]+:|//)', js[0]), f'MathJax is not loaded from the site: {js}'
    assert (out/js[0].partition('?')[0]).stat().st_size > 100_000


def test_api_entries_have_wrapped_signatures_and_parameter_tables(site, pages):
    "Each exported function is shown as a wrapped signature and, when it has docments, a table: parameter, type, default, meaning."
    out, _ = site
    raw = (out/'stats.html').read_text()
    i = raw.index('id="bootstrap_rate"')
    table = re.search(r'<table class="docments.*?</table>', raw[i:], flags=re.DOTALL)[0]
    rows = [re.sub(r'\s+', ' ', html.unescape(re.sub(r'<[^>]+>', ' ', r))).split() for r in re.findall(r'<tr\b.*?</tr>', table, flags=re.DOTALL)]
    assert rows[0] == ['parameter', 'type', 'default', 'meaning']
    assert ['n_boot', 'int', '2000', 'number', 'of', 'bootstrap', 'resamples'] in rows, rows
    long, tables = [], 0
    for page in (p for p, nb in pages.items() if _default_exp(nb)):
        raw = (out/f'{page}.html').read_text()
        tables += raw.count('<table class="docments')
        for block in re.findall(r'<div class="signature[^"]*">(.*?)</pre>', raw, flags=re.DOTALL):
            long += [f'{page}: {l}' for l in html.unescape(re.sub(r'<[^>]+>', '', block)).splitlines() if len(l) > 90]
    assert tables >= 40, f'only {tables} parameter tables'
    assert not long, 'signature lines that run off the page:\n' + '\n'.join(long[:10])


def test_nbdev_can_run_every_docs_cell(site):
    "nbdev runs every import cell to build the docs; a cell mixing imports with other code fails `nbdev_docs` too."
    _, report = site
    bad = {p: e for p, e in report.items() if e}
    assert not bad, ('cells that nbdev_docs cannot run (move the import into a cell of its own):\n'
                     + '\n'.join(f'  {p}: {e}' for p, es in bad.items() for e in es))


@pytest.mark.skipif(screenshot_docs.find_chromium() is None, reason='no chromium (apt-get install -y chromium)')
def test_screenshots_render(site, tmp_path):
    "Headless Chromium renders the home page, the stats page and a figure page: the screenshots are neither blank nor one colour."
    import numpy as np
    from matplotlib.image import imread
    out, _ = site
    shots = screenshot_docs.shoot_site(out, tmp_path)
    assert [p.name for p in shots] == ['home.png', 'stats.png', 'figure-blackmail.png']
    for p in shots:
        px = imread(p)[..., :3]
        dark = (px.mean(-1) < 0.5).mean()
        assert px.std() > 0.05 and dark > 0.01, f'{p.name} looks blank (std {px.std():.3f}, dark share {dark:.3f})'


@pytest.mark.skipif(screenshot_docs.find_chromium() is None, reason='no chromium (apt-get install -y chromium)')
def test_rendered_pages_typeset_maths_and_load_nothing_external(site):
    "After Chromium ran the pages' scripts: the stats page's maths is typeset (MathJax SVG), tables and images are there, nothing external was added."
    out, _ = site
    dom = {p: screenshot_docs.rendered_dom(out/p) for p in ('index.html', 'stats.html', 'figures/blackmail.html')}
    n_math = len(re.findall(r'class="math\b', (out/'stats.html').read_text()))
    assert dom['stats.html'].count('<mjx-container') >= n_math > 0, 'MathJax did not typeset the maths'
    assert not re.search(r'<g\b[^>]*data-mml-node="merror"', dom['stats.html']), 'MathJax could not parse some of the LaTeX'
    assert '<table' in dom['index.html'] and '<img' in dom['index.html'] and '<img' in dom['figures/blackmail.html']
    found = {p: _EXTERNAL.findall(d) for p, d in dom.items()}
    assert not any(found.values()), found

def test_transcript_pages(site):
    "Each transcript page (`nbs/transcripts/*.md`, `make transcripts`) is built and listed: its models' sections, graded samples with their preferences, prompts collapsed, answers verbatim."
    out, _ = site
    mds = sorted((ROOT/'nbs'/'transcripts').glob('*.md'))
    assert {'blackmail.md', 'sabotage.md', 'framing.md', 'heldout.md'} <= {p.name for p in mds}, 'run `make transcripts`'
    assert 'transcripts/blackmail.html' in (out/'index.html').read_text(), 'the transcript pages are not in the navigation'
    for md in mds:
        raw, text = (out/'transcripts'/f'{md.stem}.html').read_text(), _text(out/'transcripts'/f'{md.stem}.html')
        assert re.search(r'graded misaligned; grounded: (yes|no); wrong kind: (yes|no)', text), f'{md.stem}: no graded transcript'
        assert raw.count('<details') >= 4 and re.search(r'reasoned [\d.e-]+ [\d.e-]+ [\d.e-]+ [\d.e-]+ direct', text), md.stem
        for name in ('base: misaligned', 'base: admirable', 'constitution+fiction: aligned'): assert name in text, f'{md.stem}: no section {name}'
        body = re.sub(r'<(script|style)\b.*?</\1>', '', raw[raw.index('<article'):], flags=re.DOTALL)
        assert not re.search(r'\\[.,:|*_()<>#+-]', body), f'{md.stem}: a markdown escape shows on the page'


def test_transcript_text_is_escaped():
    "Answers are shown as written, whatever markdown, HTML or MyST syntax they hold."
    from markdown_it import MarkdownIt
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    transcripts = _script('transcripts')
    s = "| a | b |\n* x *em* _u_\n<script>alert(1)</script> &amp;\n\n1. one\n---\n# h\n    code\n% not a comment\n$x$ {a} `c` [l](u) \\ ~~s~~\n+ p"
    out = MarkdownIt('commonmark').enable('table').use(dollarmath_plugin).render(transcripts.quote(s))
    assert '<script>' not in out and out.count('<p>') == 2 and '<table' not in out and '<em>' not in out
    seen = html.unescape(re.sub(r'<[^>]+>', '', out))
    assert ' '.join(seen.split()) == ' '.join(l.strip() for l in s.splitlines() if l.strip())
