# One command to see it work, one to test it. Both bootstrap .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-postgres bench serve clean

$(BIN)/convilyn: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/convilyn  ## Run the seed's cover-letter flow on an embedded instance; results land in ./out
	$(BIN)/convilyn demo --out out

test: $(BIN)/convilyn  ## The whole suite (PostgreSQL too when CONVILYN_TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest -q

serve: $(BIN)/convilyn
	$(BIN)/convilyn serve

bench: $(BIN)/convilyn  ## status_poll needs wrk (apt-get install wrk; the script installs it as root)
	$(BIN)/python bench/status_poll.py
	$(BIN)/python bench/jobs.py

clean:
	rm -rf $(VENV) out .pytest_cache
