"""Build the static documentation site offline: nbdev's processing of every notebook, then Sphinx + MyST-NB.

`make docs` runs this. Every notebook that nbdev documents (`nbdev.doclinks.nbglob` over `nbs/`, so new
notebooks are picked up and `_`-prefixed ones skipped) goes through nbdev's own processors, the ones that
`nbdev_docs` runs before Quarto: `show_doc` for every exported symbol, hidden and exported sources removed,
doc links added. `show_doc` renders each symbol as its signature (one parameter a line when it is long) and
its docments as a parameter table (name, type, default, meaning). The processed notebooks are then turned
from Quarto's dialect into MyST-NB's (cell options to tags, `output: asis` cells to markdown, doc links made
relative) and rendered by Sphinx with the Furo theme, which needs no network: no CDN fonts or scripts. Maths
(`$...$`, `$$...$$`) is typeset by MathJax 3 served from the site itself (`_static/mathjax/`, copied from the
pinned `sphinx-mathjax-offline` package).

Module notebooks keep their committed outputs, as under `nbdev_docs`; only the cells nbdev needs for
`show_doc` (imports and exported code) run. The home page, `nbs/index.ipynb`, is executed first, as
`make readme` executes it, so it shows the claims and figures of `figures/results.json`. Report notebooks
(`nbs/figures/*.ipynb`) are taken from the executed copies that `whynb reproduce` writes to
`figures/notebooks/`, else from the source notebook with the committed images `figures/<name>*.png` appended.
The transcript pages, `nbs/transcripts/*.md` (written by `scripts/transcripts.py`, `make transcripts`), are rendered as
they are, under 'Transcripts'."""
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
div.signature pre { white-space: pre-wrap; overflow-wrap: anywhere; }
table.docments { font-size: 0.9em; width: 100%; margin-left: 0; }
table.docments td:first-child { white-space: nowrap; }
"""
MATHJAX_JS = 'mathjax/tex-svg.js'  # one file with the TeX input and SVG output: no web fonts to load


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


def _signature(sig, name: str, prefix: str = 'def', width: int = 72) -> str:
    "`name`'s signature as code: on one line when it fits in `width`, else one parameter a line."
    from fastcore.docments import _show_param, _fmt_anno
    params, star = [], False
    for p in sig.parameters.values():
        if p.kind == p.KEYWORD_ONLY and not star: params.append('*')
        star = star or p.kind in (p.KEYWORD_ONLY, p.VAR_POSITIONAL)
        params.append(_show_param(p))
    ret = '' if sig.return_annotation is sig.empty else f'->{_fmt_anno(sig.return_annotation)}'
    line = f"{prefix} {name}({', '.join(params)}){ret}"
    return line if len(line) <= width or not params else f"{prefix} {name}(\n" + ''.join(f'    {p},\n' for p in params) + f"){ret}"


def _cell(s) -> str:
    "A value as a markdown table cell: code, with `|` escaped."
    return f"`{s}`".replace('|', '\\|') if s not in ('', None) else ''


def docments_table(sym, sig=None) -> str:
    "The docments of `sym` as a markdown table (parameter, type, default, meaning; the return value last), or '' if none is documented."
    import inspect
    from fastcore.docments import docments, _fmt_anno, _f_name
    try: dm, sig = docments(sym, full=True), sig or inspect.signature(sym, eval_str=True)
    except Exception: return ''
    meaning = lambda k: (dm.get(k, {}).get('docment') or '').replace('|', '&#124;')
    fmt = lambda o: '' if o is inspect.Parameter.empty else _f_name(o) or _fmt_anno(o)
    params = [p for p in sig.parameters.values() if p.name != 'self']
    if not any(meaning(k) for k in [p.name for p in params] + ['return']): return ''
    star = {inspect.Parameter.VAR_POSITIONAL: '*', inspect.Parameter.VAR_KEYWORD: '**'}
    rows = [f"| {_cell(star.get(p.kind, '') + p.name)} | {_cell(fmt(p.annotation))} | "
            f"{_cell('' if p.default is p.empty else _f_name(p.default) or repr(p.default))} | {meaning(p.name)} |" for p in params]
    if meaning('return') or sig.return_annotation is not sig.empty:
        rows.append(f"| *returns* | {_cell(fmt(sig.return_annotation))} | | {meaning('return')} |")
    return "{.docments}\n| parameter | type | default | meaning |\n|---|---|---|---|\n" + '\n'.join(rows)


def _renderer():
    "nbdev's `show_doc` renderer with a wrapped signature, the docstring and the docments table."
    import inspect
    from fastcore.docments import MarkdownRenderer, _ital_first

    class Body(MarkdownRenderer):
        def _repr_markdown_(self):
            if self.sig is None: return super()._repr_markdown_()
            prefix = 'class' if inspect.isclass(self.sym) else 'async def' if inspect.iscoroutinefunction(self.sym) else 'def'
            doc = f"```{{code-block}} python\n:class: signature\n{_signature(self.sig, self.nm, prefix)}\n```"
            if self.docs: doc += f"\n\n{_ital_first(self.docs)}"
            return doc + (f"\n\n{t}" if (t := docments_table(self.sym, self.sig)) else '')

    class DocsRenderer(Body):
        "nbdev's heading, without its link to the source on GitHub: whynb has no public repository to link to."
        def _repr_markdown_(self): return f"---\n\n{'#'*self.title_level} {self.nm}\n\n" + super()._repr_markdown_()
    return DocsRenderer


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
    import nbdev.showdoc
    from execnb.nbio import read_nb, nb2dict
    errors, here, basic = [], os.getcwd(), nbdev.showdoc.BasicMarkdownRenderer
    os.environ['IN_TEST'] = '1'
    nbdev.showdoc.BasicMarkdownRenderer = _renderer()  # what `show_doc` renders with when no renderer is configured
    try:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            nb = read_nb(src)
            _nbdev_processor(errors)(nb)
    finally:
        os.environ.pop('IN_TEST', None); os.chdir(here)
        nbdev.showdoc.BasicMarkdownRenderer = basic
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
        for o in c.get('outputs', []):
            if 'text/markdown' in o.get('data', {}): o['data']['text/markdown'] = _RE_IMG.sub(fix, ''.join(o['data']['text/markdown']))
    return missing


def execute(nb: Path, dest: Path, timeout: int = 600) -> Path:
    "Run notebook `nb` top to bottom in its own folder, as `make readme` does, and save the executed copy as `dest`."
    import nbformat
    from nbclient import NotebookClient
    book = nbformat.read(nb, as_version=4)
    from traitlets.config import Config
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix='whynb-kernel-') as tmp:  # local socket files: no "running over TCP without encryption"
        ipc = Config(dict(KernelManager=dict(transport='ipc', ip=str(Path(tmp)/'kernel'))))
        NotebookClient(book, config=ipc, kernel_name='python3', timeout=timeout, resources=dict(metadata=dict(path=str(nb.parent)))).execute()
    nbformat.write(book, dest)
    return dest


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
    if 'injected-parameters' in tags: tags.append('remove-cell')  # papermill's values hold this machine's paths; the defaults stay shown
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


def markdown_pages(folder: Path, dest: Path) -> list:
    "Copy the markdown pages in `folder` (`scripts/transcripts.py` writes `nbs/transcripts/*.md`) into `dest`; their page names."
    pages = sorted(folder.glob('*.md'))
    if pages: dest.mkdir(parents=True, exist_ok=True)
    for p in pages: shutil.copy2(p, dest/p.name)
    return [f'{dest.name}/{p.stem}' for p in pages]


def stage(src_dir: Path, nbs: Path = ROOT/'nbs', figures: Path = ROOT/'figures', log=print) -> dict:
    "Write every notebook, processed and in MyST-NB's dialect, into `src_dir`; return {page: [errors]}; the home page is executed first."
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
        if page == 'index':
            try: src = execute(nb, src_dir.parent/'executed'/nb.name)
            except Exception as e:
                report.setdefault('index', []).append(f'executing it failed ({type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ""}); '
                                                      'the home page shows no results: run `make reproduce` (figures/results.json)')
                log(f"    warning: {nb.relative_to(nbs)}: {report['index'][-1]}")
        proc, errors = nbdev_process(src)
        out = src_dir/f'{page}.ipynb'
        out.parent.mkdir(parents=True, exist_ok=True)
        for p in images: shutil.copy2(p, out.parent/p.name)
        myst = to_myst(proc, json.loads(src.read_text()), page, doc_url, images)
        for path in copy_images(myst, nb.parent, out.parent): log(f"    warning: {nb.relative_to(nbs)}: image {path} not found")
        out.write_text(json.dumps(myst, indent=1))
        report[page] = report.get(page, []) + errors
        (reports if is_report(nb, nbs) else modules if page != 'index' else []).append(page)
        log(f"  {page:<24} {time.time()-t:4.1f}s  from {src.relative_to(ROOT) if src.is_relative_to(ROOT) else 'nbs/index.ipynb, executed' if page == 'index' else src}"
            + (f"  (+{len(images)} committed figures)" if images else ''))
        for e in errors: log(f"    warning: {nb.relative_to(nbs)}: nbdev could not run {e}")
    transcripts = markdown_pages(nbs/'transcripts', src_dir/'transcripts')
    if transcripts: log(f"  {'transcripts/*':<24}       {len(transcripts)} pages from nbs/transcripts/*.md (`make transcripts` writes them)")
    index = src_dir/'index.ipynb'
    if not index.exists():
        index.write_text(json.dumps(dict(nbformat=4, nbformat_minor=5, metadata={}, cells=[dict(cell_type='markdown', id='title', metadata={}, source=f'# {cfg.title}')])))
    nbi = json.loads(index.read_text())
    nbi['cells'].append(dict(cell_type='markdown', id='toctree', metadata={}, source=_toctree('Modules', modules) + '\n' + _toctree('Reports', reports)
                                                                                     + '\n' + _toctree('Transcripts', transcripts)))
    index.write_text(json.dumps(nbi, indent=1))
    (src_dir/'_static').mkdir(exist_ok=True)
    (src_dir/'_static'/'whynb.css').write_text(_CSS)
    mathjax = src_dir/'_static'/MATHJAX_JS
    mathjax.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(mathjax_file(), mathjax)
    return report


def mathjax_file(name: str = MATHJAX_JS) -> Path:
    "The MathJax 3 file `name` (under `mathjax/`) from the pinned `sphinx-mathjax-offline` package: the site serves its own copy."
    from importlib.metadata import distribution, PackageNotFoundError
    try: p = Path(distribution('sphinx-mathjax-offline').locate_file(f'sphinx-mathjax-offline/static/{name}'))
    except PackageNotFoundError: raise FileNotFoundError("sphinx-mathjax-offline is not installed: `make venv` installs the pinned dev dependencies")
    if not p.is_file(): raise FileNotFoundError(f'{p} not found in sphinx-mathjax-offline')
    return p


def sphinx_config(title: str, copyright: str = '') -> dict:
    "Sphinx settings (no conf.py): MyST-NB with execution off, the Furo theme, maths by the site's own MathJax, nothing fetched from the network."
    return dict(
        project=title, html_title=title, copyright=copyright, extensions=['myst_nb'], html_theme='furo', nb_execution_mode='off', smartquotes=False,
        nb_output_stderr='remove', nb_merge_streams=True, myst_all_links_external=True, nb_render_markdown_format='myst',
        myst_enable_extensions=['html_image', 'dollarmath', 'amsmath', 'attrs_block'], mathjax_path=MATHJAX_JS,
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
