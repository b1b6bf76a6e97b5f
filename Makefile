# The two commands a newcomer needs: `make demo` and `make test`.
# Each builds .venv from nothing: torch 2.13.0 (the local CPU build) first, then the
# package with its test extras and optional solvers, so that `torch>=2.1` is already satisfied.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_MODEL := data/moons2d.onnx

.PHONY: demo test bench data install clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev,gurobi,pulp,sdp]"
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/exactlip lipschitz $(DEMO_MODEL) --center 0.5,0.5 --radius 0.1 --norm linf --margin 0,1
	$(BIN)/exactlip lipschitz $(DEMO_MODEL) --center 0.5,0.5 --radius 0.1 --norm linf --json

test: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/suite.py

data: $(STAMP)
	$(BIN)/python -m exactlip.zoo

clean:
	rm -rf $(VENV) .pytest_cache
