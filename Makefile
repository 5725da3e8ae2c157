# Student Course Progress — every command a developer needs.
#   make up      local Neo4j + schema + demo data (when empty) + API on :8000
#   make test    everything the tests need, then the tests
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 4
export NEO4J_PASSWORD ?= devpassword
FLASK := $(BIN)/flask --app app

.PHONY: fuzz soak bench bench-quick neo4j-dist screenshots help venv neo4j neo4j-stop neo4j-status db-init seed-demo serve up down test lint fmt clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock requirements-test.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock -r requirements-test.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

venv: $(STAMP) ## the Python virtual environment with pinned dependencies

neo4j: venv ## start the local Neo4j (bolt :7687, Browser http://127.0.0.1:7474/browser/)
	dev/neo4j/neo4j.sh start

neo4j-stop: ## stop the local Neo4j
	dev/neo4j/neo4j.sh stop

neo4j-status:
	dev/neo4j/neo4j.sh status

db-init: neo4j ## apply constraints and indexes
	$(FLASK) db init

seed-demo: db-init ## load demo data if the database holds no curriculum
	$(FLASK) seed demo --if-empty

serve: venv ## serve the API with gunicorn on $(HOST):$(PORT)
	@echo "API          http://$(HOST):$(PORT)/"
	@echo "API docs     http://$(HOST):$(PORT)/docs"
	@echo "OpenAPI      http://$(HOST):$(PORT)/openapi.json"
	@echo "Neo4j Browser http://127.0.0.1:7474/browser/  (user neo4j, password \$$NEO4J_PASSWORD)"
	@echo "Try it:"
	@$(FLASK) examples --base-url http://$(HOST):$(PORT) | sed 's/^/  /' || true
	$(BIN)/gunicorn --config dev/gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS) 'app:create_app()'

up: seed-demo serve ## start Neo4j, load demo data, serve the API

down: neo4j-stop ## stop what `make up` started

test: venv ## run the test suite against a real Neo4j (started on demand)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

screenshots: venv ## refresh docs/images from a real Neo4j Browser in headless Chromium
	BROWSER_SCREENSHOTS=docs/images $(BIN)/python -m pytest -m browser tests/browser

BENCH_STAMP := $(VENV)/.bench-installed
$(BENCH_STAMP): $(STAMP) requirements-bench.lock
	$(BIN)/pip install -q -r requirements-bench.lock
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) neo4j-dist ## the full benchmark (about 50 minutes): bench/results/
	$(BIN)/python -m bench

bench-quick: $(BENCH_STAMP) neo4j-dist ## a few-minute benchmark
	$(BIN)/python -m bench --quick

neo4j-dist:
	dev/neo4j/neo4j.sh install

fuzz: venv ## a long schemathesis run from /openapi.json (FUZZ_EXAMPLES per operation)
	$(BIN)/python -m tests.security.fuzz --examples $${FUZZ_EXAMPLES:-2000}

soak: venv neo4j-dist ## a 5-minute soak of mixed reads and event posts (figures as JSON)
	$(BIN)/python -m tests.reliability.soak --seconds $${SOAK_SECONDS:-300}

lint: venv ## ruff
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean: ## remove the venv and local Neo4j data (keeps ~/.m2)
	-dev/neo4j/neo4j.sh stop
	NEO4J_LOCAL_HOME=.neo4j/test dev/neo4j/neo4j.sh stop || true
	rm -rf $(VENV) .neo4j .pytest_cache
