# The two set-up commands: `make demo` and `make test`. Each installs what is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORPUS := data/corpus
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: demo test corpus app lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# torch first, pinned to the CPU build: a newer or unpinned torch pulls GBs of CUDA packages.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q torch==2.13.0
	$(BIN)/pip install --disable-pip-version-check -q -e ".[dev]"
	touch $(STAMP)

corpus: $(STAMP)
	$(BIN)/storylens run data/sample --out $(CORPUS) --overwrite

demo: corpus
	@echo ""
	@echo "StoryLens is starting: open http://localhost:8501 in your browser (Ctrl+C here stops it)."
	@echo "The command line is $(BIN)/storylens (or run: source $(BIN)/activate, then storylens ...)."
	@echo ""
	$(BIN)/streamlit run app.py -- --corpus $(CORPUS)

test: $(STAMP)
	$(BIN)/pytest -q -n 2

lint: $(STAMP)
	$(BIN)/ruff check clustering app.py app_pages tests benchmarks
	$(BIN)/ruff format --check clustering app.py app_pages tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) $(CORPUS)
