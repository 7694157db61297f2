# GISMap: `make run` starts the app on the embedded data, `make test` runs the whole suite.
# Both create .venv and install the project first (nothing else needs to be on the machine
# but Python 3.11+).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test bench data samples translations icons screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# At first start the app asks which province to map (the sample map is the default);
# `GISMAP_PROVINCE=sample make run` or `GISMAP_PROVINCE=37 make run` decides without asking.
run: $(STAMP)
	$(PY) main.py

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) bench/run.py

# Rebuild the embedded boundaries and the crosswalk from ../shared (outputs are committed).
data: $(STAMP)
	$(PY) scripts/build_boundaries.py
	$(PY) scripts/build_crosswalk.py

# Regenerate the synthetic sample tables in data/coverage (seeded: byte-identical output).
samples: $(STAMP)
	$(PY) scripts/make_sample_data.py

# Rewrite resources/icons/*.svg from Material Design Icons (qtawesome ships the font; only this needs it).
icons: $(STAMP)
	$(PY) -m pip install --quiet qtawesome
	$(PY) scripts/build_icons.py

# Extract new interface strings into resources/translations/*.ts and recompile the .qm files.
translations: $(STAMP)
	$(PY) scripts/update_translations.py

clean:
	rm -rf $(VENV) .pytest_cache

# The screenshots in docs/ and the README, made offscreen from the default map.
screenshots: $(STAMP)
	$(PY) main.py --lang en --screenshot docs/screenshot.png --size 1400x900
	$(PY) main.py --lang vi --screenshot docs/screenshot_vi.png --size 1400x900
	$(PY) main.py --lang vi --presentation --screenshot docs/presentation.png --size 1400x900
