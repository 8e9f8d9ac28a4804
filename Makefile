# whynb: `make reproduce` regenerates every figure; `make test` runs every test. Both set up .venv first.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# the environment is rebuilt when the pins (settings.ini) or the packaging change
STAMP := $(VENV)/.whynb-$(shell cat settings.ini setup.py pyproject.toml | sha1sum | cut -c1-12)
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# the kernel 'whynb' runs this .venv's python; its spec goes where every Jupyter of this user looks (JUPYTER_DATA_DIR, else ~/.local/share/jupyter)
KERNEL_INSTALL = $(BIN)/python -m ipykernel install --user --name whynb --display-name "Python (whynb)" --env HF_HUB_OFFLINE 1 --env TOKENIZERS_PARALLELISM false

.PHONY: venv test reproduce quick lab kernel readme docs docs-screenshot export clean calibrate base
.DEFAULT_GOAL := help

help:
	@echo "make reproduce   every figure and figures/results.json on the default profile"
	@echo "make test        notebook tests (slow cells skipped) and pytest tests/"
	@echo "make quick       every figure on the quick profile, into /tmp/whynb-quick"
	@echo "make lab         JupyterLab on the project's environment (LAB_ARGS=... adds options, e.g. --no-browser --port=8890)"
	@echo "make kernel      register the Jupyter kernel 'whynb' (this environment) for any Jupyter or VS Code of this user"
	@echo "make readme      README.md from nbs/index.ipynb and figures/results.json"
	@echo "make docs        the documentation site, offline, into _docs/ (screenshots too when chromium is installed)"
	@echo "make docs-screenshot  headless-chromium screenshots of the built site into _docs/screenshots/"
	@echo "make base        pretrain the committed base model (data/base/) again from scratch; says whether it is bit-identical (one thread, up to about an hour)"
	@echo "make calibrate   the base model's bad prior, the fine-tuning learning rate and the budget range, into data/ (~95 min)"
	@echo "make transcripts sampled transcripts per suite, arm and grade into nbs/transcripts/ (from the cached runs)"

venv: $(STAMP)
$(STAMP):
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	$(KERNEL_INSTALL)
	@rm -f $(VENV)/.whynb-*
	@touch $@

# the optional extra 'inspect' (settings.ini): inspect-ai interop, tested by tests/test_inspect.py; reinstalled when its pins change
INSPECT_STAMP := $(VENV)/.inspect-$(shell grep inspect_requirements settings.ini | sha1sum | cut -c1-12)
$(INSPECT_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[inspect]"
	@rm -f $(VENV)/.inspect-*
	@touch $@

test: venv $(INSPECT_STAMP)
	$(BIN)/nbdev_test --n_workers 2
	$(BIN)/python -m pytest -q tests/

reproduce: venv
	$(BIN)/whynb reproduce --profile default
	$(MAKE) --no-print-directory readme

quick: venv
	$(BIN)/whynb reproduce --profile quick --out /tmp/whynb-quick

LAB_ARGS ?=
lab: venv
	$(BIN)/jupyter lab --notebook-dir=nbs $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)   # containers often run as root

kernel: venv
	$(KERNEL_INSTALL)

readme: venv
	@k=$$(mktemp -d) && trap 'rm -rf $$k' EXIT && $(BIN)/jupyter nbconvert --log-level=ERROR --KernelManager.transport=ipc --KernelManager.ip=$$k/kernel \
	  --execute --no-input --to markdown nbs/index.ipynb --output README --output-dir .   # local sockets: no TCP warning

# offline site: nbdev's notebook processing, then Sphinx + MyST-NB (nbdev_docs still works where Quarto is)
docs: venv
	$(BIN)/python scripts/build_docs.py --out _docs
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then $(MAKE) --no-print-directory docs-screenshot; \
	else echo "no chromium: skipped the screenshots (apt-get install -y chromium)"; fi

docs-screenshot: venv
	$(BIN)/python scripts/screenshot_docs.py --site _docs

export: venv
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

clean:
	rm -rf data/cache figures/notebooks _docs _proc

# the committed base model (data/base/<key>/), pretrained again from scratch: says whether it is bit-identical, and its time
base: venv
	$(BIN)/whynb base --profile default

# the base model's bad prior and the fine-tuning learning rate, calibrated on a training-side dev suite (nbs/04b_calibrate.ipynb):
# writes data/calibration.json, data/calibration_lr.json and data/calibration_budgets.json
calibrate: venv
	$(BIN)/python -m whynb.calibrate --profile default

# the transcript pages of the docs site, nbs/transcripts/<suite>.md, from the default profile's cached runs (after `make reproduce`)
.PHONY: transcripts
transcripts: venv
	$(BIN)/python scripts/transcripts.py --profile default --out nbs/transcripts

# drills (issues 12, 13): `whynb reproduce` on a tiny profile killed with kill -9, run on a corrupted cache, run twice at once, run on a two-node Ray cluster, run on Hugging Face models (drills/, ~11 min on 2 cores)
.PHONY: drills
# the optional extra 'ray' (settings.ini), for the Ray-cluster drill; reinstalled when its pin changes
RAY_STAMP := $(VENV)/.ray-$(shell grep ray_requirements settings.ini | sha1sum | cut -c1-12)
$(RAY_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e ".[ray]"
	@rm -f $(VENV)/.ray-*
	@touch $@

drills: venv $(RAY_STAMP)
	$(BIN)/python -m pytest -q drills/
