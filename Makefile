# tourmap: `make run` opens the product on the Tillerson tour, `make test` runs the whole suite.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run map test lint check bench clean

## setup: idempotent; creates .venv, installs pinned requirements and tourmap, builds the gazetteer index
setup: $(STAMP)
	@$(BIN)/tourmap gazetteer

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

## map: the Tillerson tour as one offline HTML file (out/tillerson.html) plus GeoJSON
map: setup
	mkdir -p out
	$(BIN)/tourmap build --offline -o out/tillerson.html --geojson out/tillerson.geojson

## run: build the map and open it
run: map
	@echo "open out/tillerson.html in a browser"
	-@$(BIN)/python -c "import webbrowser, pathlib; webbrowser.open(pathlib.Path('out/tillerson.html').resolve().as_uri())"

## test: lint, types and the whole suite (browser tests use /usr/bin/chromium)
test: setup lint
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: setup
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_gazetteer.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
