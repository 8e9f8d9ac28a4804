"""Screenshot the built documentation site in headless Chromium: the home page, the stats page (maths) and one report page with a figure.

`make docs-screenshot` runs this after `make docs`. It needs Debian's `chromium` (`apt-get install -y chromium`);
the site is opened from disk (`file://`), so nothing is fetched from the network."""
import os, re, shutil, subprocess, tempfile
from pathlib import Path

from fastcore.script import call_parse

ROOT = Path(__file__).resolve().parents[1]
BROWSERS = ('chromium', 'chromium-browser', 'google-chrome', 'chrome')


def find_chromium():
    "Path of a Chromium-like browser on PATH, or None."
    return next((p for b in BROWSERS if (p := shutil.which(b))), None)


def figure_page(site: Path, prefer: str = 'blackmail'):
    "A report page of `site` that shows an image: `figures/<prefer>.html` if it does, else the first such page."
    pages = sorted((site/'figures').glob('*.html'), key=lambda p: (p.stem != prefer, p.name))
    return next((p for p in pages if '<img' in p.read_text()), None)


def screenshot(page: Path, png: Path, size=(1280, 1600), browser: str = None, timeout: float = 60) -> Path:
    "Save a PNG of `page` (an HTML file) rendered by headless Chromium at window `size`."
    browser = browser or find_chromium()
    if not browser: raise FileNotFoundError("no chromium on PATH: install Debian's with `apt-get install -y chromium`")
    png.parent.mkdir(parents=True, exist_ok=True)
    if png.exists(): png.unlink()
    with tempfile.TemporaryDirectory(prefix='whynb-chromium-') as profile:
        cmd = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--hide-scrollbars',
               '--no-first-run', '--disable-extensions', '--disable-background-networking', f'--user-data-dir={profile}',
               f'--window-size={size[0]},{size[1]}', '--virtual-time-budget=3000', f'--screenshot={png}', page.resolve().as_uri()]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=dict(os.environ, HOME=profile))
    if not png.exists() or png.stat().st_size == 0:
        raise RuntimeError(f"{browser} wrote no screenshot of {page} (exit {r.returncode}):\n{r.stderr[-2000:]}")
    return png


def shoot_site(site: Path = ROOT/'_docs', out: Path = None, browser: str = None) -> list:
    "Screenshot the home page, the stats page and one figure page of `site` into `out` (default `site/screenshots`); return the PNGs."
    site = Path(site); out = Path(out) if out else site/'screenshots'
    if not (site/'index.html').exists(): raise FileNotFoundError(f"{site/'index.html'} not found: run `make docs` first")
    fig = figure_page(site)
    if fig is None: raise FileNotFoundError(f"no page under {site/'figures'} shows an image")
    return [screenshot(site/'index.html', out/'home.png', (1280, 1200), browser),
            screenshot(site/'stats.html', out/'stats.png', (1280, 1600), browser),
            screenshot(fig, out/f'figure-{fig.stem}.png', (1280, 2400), browser)]


def rendered_dom(page: Path, browser: str = None, timeout: float = 60) -> str:
    "The DOM of `page` after headless Chromium ran its scripts (MathJax included), as HTML."
    browser = browser or find_chromium()
    if not browser: raise FileNotFoundError("no chromium on PATH: install Debian's with `apt-get install -y chromium`")
    with tempfile.TemporaryDirectory(prefix='whynb-chromium-') as profile:
        cmd = [browser, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
               '--disable-extensions', '--disable-background-networking', f'--user-data-dir={profile}',
               '--virtual-time-budget=5000', '--dump-dom', page.resolve().as_uri()]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=dict(os.environ, HOME=profile))
    if r.returncode or not r.stdout.strip(): raise RuntimeError(f"{browser} could not render {page} (exit {r.returncode}):\n{r.stderr[-2000:]}")
    return r.stdout


@call_parse
def main(site:str='_docs', # the built site
         out:str=None): # where the PNGs go (default: SITE/screenshots)
    "Screenshot the home page, the stats page and one figure page of the built site with headless Chromium."
    site = Path(site) if Path(site).is_absolute() else ROOT/site
    for p in shoot_site(site, out and Path(out)): print(f"screenshot: {p} ({p.stat().st_size//1024} KiB)")
