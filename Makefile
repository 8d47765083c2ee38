# One command to see it work, one to test it. Both bootstrap .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test test-postgres bench serve clean lint typecheck

$(BIN)/convilyn: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

demo: $(BIN)/convilyn  ## Run the seed's cover-letter flow on an embedded instance; results land in ./out
	$(BIN)/convilyn demo --out out

test: $(BIN)/convilyn  ## The whole suite (PostgreSQL too when CONVILYN_TEST_DATABASE_URL is set)
	$(BIN)/python -m pytest -q

lint: $(BIN)/convilyn  ## ruff on the rules in pyproject.toml, as CI runs it
	$(BIN)/ruff check src sdk/src tests bench

# Run by .ci/run: plain mypy must be clean on src and the SDK, --strict on the packages every request and job go through.
STRICT := src/convilyn/core src/convilyn/jobs src/convilyn/runtime src/convilyn/auth src/convilyn/files
typecheck: $(BIN)/convilyn  ## plain mypy on everything, --strict on the core packages
	$(BIN)/mypy src/convilyn sdk/src/convilyn_sdk
	$(BIN)/mypy --strict --follow-imports=silent $(STRICT)

serve: $(BIN)/convilyn
	$(BIN)/convilyn serve

bench: $(BIN)/convilyn  ## status_poll needs wrk (apt-get install wrk; the script installs it as root)
	$(BIN)/python bench/status_poll.py
	$(BIN)/python bench/jobs.py

clean:
	rm -rf $(VENV) out .pytest_cache
