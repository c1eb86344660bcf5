# tourmap: `make run` opens the dashboard on the Tillerson tour, `make test` runs the whole suite.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run map test lint wheel-check bench shots clean
PORT ?= 8501

## setup: idempotent; creates .venv, installs pinned requirements and tourmap, builds the gazetteer index
setup: $(STAMP)
	@$(BIN)/tourmap gazetteer
	@# bytecode for the package, as a regular pip install writes it (an editable install does not,
	@# and with PYTHONDONTWRITEBYTECODE set every run would compile the sources again)
	@$(BIN)/python -m compileall -q tourmap

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## map: the Tillerson tour as one self-contained HTML file (out/tillerson.html; tiles when online),
## its GeoJSON, and a picture (out/tillerson.png; needs chromium on PATH)
map: setup
	mkdir -p out
	$(BIN)/tourmap build -o out/tillerson.html --geojson out/tillerson.geojson --png out/tillerson.png

## run: the dashboard on http://localhost:$(PORT) (TOURMAP_OFFLINE=1 for no request off the machine)
run: setup
	$(BIN)/python -m tourmap.serve --server.port $(PORT)

## test: lint, types, the wheel installed outside the checkout, and the whole suite (browser
## tests use /usr/bin/chromium)
test: setup lint wheel-check
	$(BIN)/python -m pytest -q

## wheel-check: build the sdist and wheel, install the wheel[app] into a fresh venv, use it elsewhere
wheel-check: setup
	$(BIN)/python scripts/check_install.py

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## bench: every benchmark, then a summary (benchmarks/README.md keeps the latest figures)
bench: setup
	$(BIN)/python benchmarks/run_all.py

## shots: screenshots of the exported map and of every dashboard page, in out/shots
shots: map
	mkdir -p out/shots
	$(BIN)/python scripts/screenshot.py out/tillerson.html out/shots/export.png
	$(BIN)/python benchmarks/bench_dashboard.py --screenshots out/shots

clean:
	rm -rf out build dist static tourmap/static .pytest_cache .mypy_cache .ruff_cache
