"The notebooks are the source: exporting them reproduces the library, and the README is generated from index.ipynb."
import shutil, subprocess, sys
from pathlib import Path

BIN = Path(sys.executable).parent


def test_export_is_in_step(root, tmp_path):
    "Exporting the notebooks into a fresh copy gives exactly the committed `whynb/` modules."
    for f in ('settings.ini',): shutil.copy(root/f, tmp_path/f)
    shutil.copytree(root/'nbs', tmp_path/'nbs')
    (tmp_path/'whynb').mkdir(); shutil.copy(root/'whynb'/'__init__.py', tmp_path/'whynb')
    subprocess.run([str(BIN/'nbdev_export')], cwd=tmp_path, check=True, capture_output=True)
    made = {p.name: p.read_text() for p in (tmp_path/'whynb').glob('*.py')}
    have = {p.name: p.read_text() for p in (root/'whynb').glob('*.py')}
    assert sorted(made) == sorted(have)
    stale = [n for n in made if made[n] != have[n]]
    assert not stale, f'whynb/ is out of step with nbs/ for {stale}: run nbdev_export and commit both'


def test_readme_is_generated(root, tmp_path):
    "README.md is what `make readme` makes of nbs/index.ipynb and figures/results.json."
    subprocess.run([str(BIN/'jupyter'), 'nbconvert', '--log-level=ERROR', '--execute', '--no-input', '--to', 'markdown', str(root/'nbs'/'index.ipynb'),
                    '--output', 'README', '--output-dir', str(tmp_path)], check=True, capture_output=True)
    assert (tmp_path/'README.md').read_text() == (root/'README.md').read_text(), 'run `make readme` and commit README.md'
    assert 'make reproduce' in (root/'README.md').read_text() and 'make test' in (root/'README.md').read_text()


def test_the_import_graph_has_no_circle(root):
    "No whynb module imports, even inside a function, a module that imports it back (issue 22)."
    import ast
    from whynb.core import _imports
    graph = {p.stem: _imports(ast.parse(p.read_text())) - {p.stem} for p in (root/'whynb').glob('*.py') if not p.stem.startswith('_')}
    def reach(a):
        seen, todo = set(), [a]
        while todo:
            for b in graph.get(todo.pop(), ()):
                if b not in seen: seen.add(b); todo.append(b)
        return seen
    assert not [m for m in graph if m in reach(m)]
