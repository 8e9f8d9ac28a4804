"""Build the static documentation site offline: nbdev's processing of every notebook, then Sphinx + MyST-NB.

`make docs` runs this. Every notebook that nbdev documents (`nbdev.doclinks.nbglob` over `nbs/`, so new
notebooks are picked up and `_`-prefixed ones skipped) goes through nbdev's own processors, the ones that
`nbdev_docs` runs before Quarto: `show_doc` for every exported symbol, hidden and exported sources removed,
doc links added. The processed notebooks are then turned from Quarto's dialect into MyST-NB's (cell options
to tags, `output: asis` cells to markdown, doc links made relative) and rendered by Sphinx with the Furo
theme, which needs no network: no CDN fonts or scripts, and MyST's math extensions stay off (no MathJax).

Module notebooks keep their committed outputs, as under `nbdev_docs`; only the cells nbdev needs for
`show_doc` (imports and exported code) run. Report notebooks (`nbs/figures/*.ipynb`) are taken from the
executed copies that `whynb reproduce` writes to `figures/notebooks/`, else from the source notebook with
the committed images `figures/<name>*.png` appended."""
import io, os, re, sys, json, shutil, tempfile, time, warnings
from pathlib import Path

import yaml
from fastcore.script import call_parse

ROOT = Path(__file__).resolve().parents[1]
_RE_DIRECTIVE = re.compile(r'^\s*#\|\s*([\w-]+)\s*:?\s*(.*?)\s*$')
_RE_QUARTO_LINK = re.compile(r'\[([^\]]+)\]\(([^)\s]+)\)\{[^}]*\}')
_RE_HEADING = re.compile(r"^(#{2,6})[ \t]+(\S+)[ \t]*$", re.MULTILINE)
_TAGS = {('echo', 'false'): 'remove-input', ('output', 'false'): 'remove-output', ('include', 'false'): 'remove-cell'}
_CSS = """.nbdev-source { float: right; font-size: smaller; }
.docstring-rule { margin: 2rem 0 0.5rem; border: 0; border-top: 1px solid var(--color-background-border); }
table.dataframe { border: 0; border-collapse: collapse; font-size: 0.85em; }
table.dataframe th, table.dataframe td { border: 0; border-bottom: 1px solid var(--color-background-border); padding: 0.2em 0.6em; }
"""


def page_name(nb: Path, nbs: Path) -> str:
    "The page a notebook becomes, as `nbdev_docs` names it: `nbs/07_stats.ipynb` -> `stats`, `nbs/figures/x.ipynb` -> `figures/x`."
    rel = nb.relative_to(nbs)
    return (rel.parent/re.sub(r'^\d+[a-zA-Z0-9]*_', '', rel.stem.lower())).as_posix()


def is_report(nb: Path, nbs: Path) -> bool:
    "Is `nb` a report notebook (`nbs/figures/...`)?"
    return nb.relative_to(nbs).parts[0] == 'figures'


def executed_copy(nb: Path, figures: Path):
    "The executed copy `whynb reproduce` wrote for report notebook `nb`, or None."
    p = figures/'notebooks'/nb.name
    return p if p.exists() else None


def committed_figures(nb: Path, figures: Path) -> list:
    "The committed images of report notebook `nb`: `figures/<name>.png` and `figures/<name>_*.png`."
    return sorted(p for p in figures.glob(f'{nb.stem}*.png') if re.fullmatch(rf'{re.escape(nb.stem)}([_-].*)?', p.stem))


def notebooks(nbs: Path) -> list:
    "Every notebook nbdev documents under `nbs`, module notebooks first (by name), then reports."
    from nbdev.doclinks import nbglob
    found = [Path(p) for p in nbglob(nbs)]
    return sorted(found, key=lambda p: (is_report(p, nbs), p.relative_to(nbs).as_posix()))


def _nbdev_processor(errors: list):
    "nbdev's `FilterDefaults`, except that a failing docs cell is recorded in `errors` (source, exception) and the build goes on."
    from nbdev.processors import FilterDefaults, exec_show_docs

    class exec_show_docs_lenient(exec_show_docs):
        def __call__(self, cell):
            outputs = cell.get('outputs')
            try: super().__call__(cell)
            except Exception as e:
                errors.append((cell.source or '', e.__cause__ or e))
                self.k.exc = None
                if outputs is not None: cell['outputs'] = outputs  # the committed outputs, not the error

    class Filter(FilterDefaults):
        def base_procs(self): return [exec_show_docs_lenient if p is exec_show_docs else p for p in super().base_procs()]
    return Filter()


def _cell_number(original: dict, source: str):
    "1-based number of the cell of `original` whose code starts like `source`, or '?'."
    first = next((l for l in source.splitlines() if l.strip() and not l.lstrip().startswith('#|')), None)
    return next((i+1 for i, c in enumerate(original['cells']) if first and first in ''.join(c['source']).splitlines()), '?')


def nbdev_process(src: Path) -> tuple:
    "Run nbdev's docs processors on notebook `src`; return the processed notebook (a dict) and the cells nbdev could not run."
    from execnb.nbio import read_nb, nb2dict
    errors, here = [], os.getcwd()
    os.environ['IN_TEST'] = '1'
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            nb = read_nb(src)
            _nbdev_processor(errors)(nb)
    finally:
        os.environ.pop('IN_TEST', None); os.chdir(here)
    original = json.loads(src.read_text())
    return nb2dict(nb), [f"cell {_cell_number(original, s)} ({s.strip().splitlines()[0] if s.strip() else ''!r}): "
                         f"{type(e).__name__}: {e}" for s, e in errors]


_RE_IMG = re.compile(r'(!\[[^\]]*\]\()([^)\s]+)(\))|(<img[^>]*?\bsrc=")([^"]+)(")')


def copy_images(nb: dict, nb_dir: Path, page_dir: Path, log=print) -> list:
    "Copy the local images that `nb`'s markdown shows (relative to `nb_dir`, else to the repo root as in the README) into `page_dir/_assets`."
    missing = []
    def fix(m):
        pre, path, post = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        if re.match(r'^[a-zA-Z][\w+.-]*:', path) or path.startswith('/'): return m[0]
        found = next((p.resolve() for p in (nb_dir/path, ROOT/path) if p.is_file()), None)
        if not found: missing.append(path); return m[0]
        dest = Path('_assets')/(found.relative_to(ROOT) if found.is_relative_to(ROOT) else found.name)
        (page_dir/dest).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(found, page_dir/dest)
        return pre + dest.as_posix() + post
    for c in nb['cells']:
        if c['cell_type'] == 'markdown': c['source'] = _RE_IMG.sub(fix, c['source'])
    return missing


def _relink(text: str, doc_url: str, depth: int) -> str:
    "Make nbdev's doc links (`doc_url` + page) relative, and Quarto link attributes into HTML links."
    text = text.replace(doc_url, '../'*depth)
    return _RE_QUARTO_LINK.sub(r'<a class="nbdev-source" href="\2" target="_blank">\1</a>', text)


def _asis_markdown(md: str) -> str:
    "A `show_doc` output as markdown: a rule instead of `---`, and nbdev's anchor (`#name`) before each heading."
    md = re.sub(r'^---\s*$', '<hr class="docstring-rule">', md, count=1, flags=re.MULTILINE)
    md = re.sub(r'(```python\n)\s*\n(.*?)\n\s*(```)', r'\1\2\n\3', md, flags=re.DOTALL)
    return _RE_HEADING.sub(lambda m: f'<a id="{m[2].strip("`")}"></a>\n\n{m[1]} {m[2]}', md)


def _title_cell(original: dict, fm: dict) -> str:
    "The page's head: the notebook's own H1 cell when it has one (nbdev keeps only its first summary line), else the frontmatter."
    for c in original['cells']:
        if c['cell_type'] == 'markdown' and re.match(r'^#\s+\S', ''.join(c['source'])): return ''.join(c['source'])
        if c['cell_type'] != 'raw': break
    return f"# {fm.get('title', 'Untitled')}\n\n" + (f"> {fm['description']}\n" if fm.get('description') else '')


def _code_cell(cell: dict, text: callable):
    "A processed code cell in MyST-NB's terms: Quarto options to tags; `output: asis` to a markdown cell; None if empty."
    lines, opts = cell['source'].splitlines(), {}
    while lines and _RE_DIRECTIVE.match(lines[0]):
        k, v = _RE_DIRECTIVE.match(lines.pop(0)).groups(); opts[k] = v.lower()
    if opts.get('output') == 'asis':
        md = [''.join(o['data']['text/markdown']) for o in cell.get('outputs', []) if 'text/markdown' in o.get('data', {})]
        return dict(cell_type='markdown', metadata={}, source=text(_asis_markdown('\n\n'.join(md)))) if md else None
    tags = [t for kv, t in _TAGS.items() if opts.get(kv[0]) == kv[1]] + cell.get('metadata', {}).get('tags', [])
    source = '\n'.join(lines).strip('\n')
    if not source: tags.append('remove-input')
    if not source and not cell.get('outputs'): return None
    for o in cell.get('outputs', []):
        if 'text/markdown' in o.get('data', {}): o['data']['text/markdown'] = text(''.join(o['data']['text/markdown']))
    return dict(cell, source=source, metadata=dict(cell.get('metadata', {}), tags=sorted(set(tags))))


def to_myst(proc: dict, original: dict, page: str, doc_url: str, images: list = ()) -> dict:
    "Turn an nbdev-processed notebook (Quarto's dialect) into a MyST-NB one for page `page`."
    depth, fm, cells = page.count('/'), {}, []
    text = lambda s: _relink(s, doc_url, depth)
    for c in proc['cells']:
        src = ''.join(c.get('source') or '')
        if c['cell_type'] == 'raw' and src.startswith('---'): fm.update(yaml.safe_load(src.strip().strip('-')) or {}); continue
        if c['cell_type'] == 'markdown':
            if src.strip() and not src.startswith('<!-- WARNING'): cells.append(dict(c, source=text(src), attachments=c.get('attachments', {})))
        elif c['cell_type'] == 'code' and (c := _code_cell(dict(c, source=src), text)): cells.append(c)
    cells.insert(0, dict(cell_type='markdown', metadata={}, source=text(_title_cell(original, fm))))
    if images:
        figs = '\n\n'.join(f'![{p.stem}]({p.name})' for p in images)
        cells.append(dict(cell_type='markdown', metadata={}, source="## Figures\n\nThe committed figures (this notebook "
                          f"has not been executed here; `make reproduce` writes the executed copy):\n\n{figs}"))
    for i, c in enumerate(cells):
        if c['cell_type'] == 'code': c.setdefault('outputs', []); c.setdefault('execution_count', None)
        c['id'] = f'c{i:03d}'
    meta = dict(kernelspec=proc['metadata'].get('kernelspec', dict(name='python3', display_name='python3', language='python')),
                language_info=dict(name='python', pygments_lexer='ipython3'))
    return dict(nbformat=4, nbformat_minor=5, metadata=meta, cells=cells)


def _toctree(caption: str, pages: list) -> str:
    return f"```{{toctree}}\n:hidden:\n:caption: {caption}\n\n" + '\n'.join(pages) + '\n```\n' if pages else ''


def stage(src_dir: Path, nbs: Path = ROOT/'nbs', figures: Path = ROOT/'figures', log=print) -> dict:
    "Write every notebook, processed and in MyST-NB's dialect, into `src_dir`; return {page: [errors]}."
    from nbdev.config import get_config
    cfg = get_config()
    doc_url = cfg.doc_host.rstrip('/') + '/' + cfg.doc_baseurl.strip('/') + ('/' if cfg.doc_baseurl.strip('/') else '')
    report, modules, reports = {}, [], []
    for nb in notebooks(nbs):
        page, images = page_name(nb, nbs), []
        src = nb
        if is_report(nb, nbs):
            src = executed_copy(nb, figures) or nb
            if src != nb and src.stat().st_mtime < nb.stat().st_mtime:
                log(f"    note: {src} is older than {nb.relative_to(nbs)}; `make reproduce` refreshes it")
            if src == nb: images = committed_figures(nb, figures)
        t = time.time()
        proc, errors = nbdev_process(src)
        out = src_dir/f'{page}.ipynb'
        out.parent.mkdir(parents=True, exist_ok=True)
        for p in images: shutil.copy2(p, out.parent/p.name)
        myst = to_myst(proc, json.loads(src.read_text()), page, doc_url, images)
        for path in copy_images(myst, nb.parent, out.parent): log(f"    warning: {nb.relative_to(nbs)}: image {path} not found")
        out.write_text(json.dumps(myst, indent=1))
        report[page] = errors
        (reports if is_report(nb, nbs) else modules if page != 'index' else []).append(page)
        log(f"  {page:<24} {time.time()-t:4.1f}s  from {src.relative_to(ROOT) if src.is_relative_to(ROOT) else src}"
            + (f"  (+{len(images)} committed figures)" if images else ''))
        for e in errors: log(f"    warning: {nb.relative_to(nbs)}: nbdev could not run {e}")
    index = src_dir/'index.ipynb'
    if not index.exists():
        index.write_text(json.dumps(dict(nbformat=4, nbformat_minor=5, metadata={}, cells=[dict(cell_type='markdown', id='title', metadata={}, source=f'# {cfg.title}')])))
    nbi = json.loads(index.read_text())
    nbi['cells'].append(dict(cell_type='markdown', id='toctree', metadata={}, source=_toctree('Modules', modules) + '\n' + _toctree('Reports', reports)))
    index.write_text(json.dumps(nbi, indent=1))
    (src_dir/'_static').mkdir(exist_ok=True)
    (src_dir/'_static'/'whynb.css').write_text(_CSS)
    return report


def sphinx_config(title: str, copyright: str = '') -> dict:
    "Sphinx settings (no conf.py): MyST-NB with execution off, the Furo theme, nothing fetched from the network."
    return dict(
        project=title, html_title=title, copyright=copyright, extensions=['myst_nb'], html_theme='furo', nb_execution_mode='off', smartquotes=False,
        nb_output_stderr='remove', nb_merge_streams=True, myst_all_links_external=True, myst_enable_extensions=['html_image'],
        html_static_path=['_static'], html_css_files=['whynb.css'], html_copy_source=False, html_show_sourcelink=False,
        exclude_patterns=['_build', '**.ipynb_checkpoints'], suppress_warnings=['myst.header', 'mystnb.unknown_mime_type'],
        html_theme_options=dict(navigation_with_keys=True))


def render(src: Path, out: Path, doctrees: Path, title: str, copyright: str = ''):
    "Render the staged notebooks in `src` into the HTML site `out` with Sphinx; Sphinx's warnings go to stderr."
    from sphinx.application import Sphinx
    app = Sphinx(str(src), None, str(out), str(doctrees), 'html', confoverrides=sphinx_config(title, copyright),
                 status=io.StringIO(), warning=sys.stderr, freshenv=True, keep_going=True)
    app.build(force_all=True)
    if app.statuscode: raise RuntimeError(f'sphinx failed with status {app.statuscode} (its errors are above)')


def build(out=ROOT/'_docs', nbs=ROOT/'nbs', figures=ROOT/'figures', log=print, keep_src=False) -> dict:
    "Build the site into `out` (replaced); return {page: [cells nbdev could not run]}."
    from nbdev.config import get_config
    out, t0, here = Path(out).resolve(), time.time(), os.getcwd()
    try:
        os.chdir(ROOT)  # nbdev finds settings.ini from the working directory
        with tempfile.TemporaryDirectory(prefix='whynb-docs-') as tmp:
            src = Path(tmp)/'src'
            log(f"processing the notebooks in {nbs} with nbdev")
            report = stage(src, Path(nbs), Path(figures), log=log)
            log(f"rendering {len(report)} pages with Sphinx + MyST-NB")
            html = Path(tmp)/'build'/'html'  # MyST-NB writes next to Sphinx's output folder, so build in tmp
            render(src, html, Path(tmp)/'doctrees', get_config().title, get_config().get('copyright', ''))
            if keep_src: shutil.copytree(src, html/'.src')
            if out.exists(): shutil.rmtree(out)
            shutil.copytree(html, out)
    finally: os.chdir(here)
    (out/'.nojekyll').touch()
    log(f"built {len(report)} pages into {out}/ in {time.time()-t0:.0f}s: open {out/'index.html'}")
    return report


@call_parse
def main(out:str='_docs', # folder the site is written to (replaced)
         strict:bool=False, # fail if nbdev could not run a docs cell (`nbdev_docs` would fail there)
         keep_src:bool=False, # also keep the MyST-NB notebooks in `out/.src`
         report:str=None): # write {page: [cells nbdev could not run]} to this JSON file
    "Build the documentation site offline into `out`."
    res = build(Path(out) if Path(out).is_absolute() else ROOT/out, keep_src=keep_src)
    if report: Path(report).write_text(json.dumps(res, indent=1))
    report = res
    bad = {p: e for p, e in report.items() if e}
    if bad:
        print(f"{len(bad)} notebooks have cells that nbdev's docs processing cannot run (put imports in a cell of their own): "
              + ', '.join(bad))
        if strict: raise SystemExit(1)
