# GISMap: `make run` starts the app on the embedded data, `make test` runs the whole suite.
# Both create .venv and install the project first (nothing else needs to be on the machine
# but Python 3.11+).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench data samples translations clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

# Rebuild the embedded boundaries from ../shared (outputs are committed).
data: $(STAMP)
	$(PY) scripts/build_boundaries.py

# Extract new interface strings into resources/translations/*.ts and recompile the .qm files.
translations: $(STAMP)
	$(PY) scripts/update_translations.py

clean:
	rm -rf $(VENV) .pytest_cache
