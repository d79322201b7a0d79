# The README's quick start: `make run` and `make test`. Each creates .venv and installs
# the locked dependencies on first use (and again whenever a lock file changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
DEMO_DIR ?= .runcare-demo
PORT ?= 8000

.PHONY: run test lint typecheck pytest bench lock clean

$(STAMP): requirements-dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

# The main job: first the runner's own view in a terminal (the demo history checked, an
# HTML report written), then the clinic web app with the demo therapist and runners. The
# demo clinic keeps its database and uploads in $(DEMO_DIR)/clinic, never in the data folder
# (or DATABASE_URL) of a real clinic on this machine.
run: $(STAMP)
	rm -rf $(DEMO_DIR)/watch && $(BIN)/runcare demo-data $(DEMO_DIR)/watch --quiet
	$(BIN)/runcare check $(DEMO_DIR)/watch --tz Europe/Berlin --html $(DEMO_DIR)-report.html
	@echo "The demo clinic keeps its data in $(DEMO_DIR)/clinic, apart from any real one."
	env -u DATABASE_URL -u RUNCARE_UPLOAD_DIR RUNCARE_DATA_DIR=$(CURDIR)/$(DEMO_DIR)/clinic \
		$(BIN)/runcare serve --demo --port $(PORT)

test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# The django-stubs plugin loads the web app's settings: keep their data folder out of the way.
typecheck: $(STAMP)
	RUNCARE_DATA_DIR=$$(mktemp -d) $(BIN)/mypy

# Tests keep the web app's data (secret key, uploads) in a throwaway folder. With
# RUNCARE_TEST_POSTGRES_URL set (.ci/start-postgres prints one), the web tests run a second
# time against that PostgreSQL server.
pytest: $(STAMP)
	RUNCARE_DATA_DIR=$$(mktemp -d) $(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$$RUNCARE_TEST_POSTGRES_URL" ]; then \
		echo "== web tests on PostgreSQL"; \
		RUNCARE_DATA_DIR=$$(mktemp -d) DATABASE_URL="$$RUNCARE_TEST_POSTGRES_URL" \
			$(BIN)/pytest tests/web $(PYTEST_ARGS); \
	fi

bench: $(STAMP)
	$(BIN)/python benchmarks/import_speed.py

# Refresh the lock files after changing dependencies in pyproject.toml.
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) $(DEMO_DIR) $(DEMO_DIR)-report.html .pytest_cache .mypy_cache .ruff_cache
