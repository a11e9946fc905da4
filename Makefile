# Tocsin: the two commands are `make demo` and `make test`; everything else supports them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KAFKA := deploy/kafka/kafka.sh

.PHONY: install system-deps demo test test-unit lint bench train kafka-up kafka-down lock clean

install: $(STAMP)

# Real services the integration tests talk to, from Debian: Prometheus Alertmanager, Prometheus
# (promtool checks deploy/prometheus) and Chromium (headless, renders the live page). The first two
# would start system services on ports 9093 (the local Kafka controller's) and 9090: stop them.
system-deps:
	@if [ ! -x /usr/bin/prometheus-alertmanager ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus-alertmanager >/dev/null; \
	  (systemctl disable --now prometheus-alertmanager >/dev/null 2>&1 || service prometheus-alertmanager stop >/dev/null 2>&1 || true); \
	fi
	@if [ ! -x /usr/bin/prometheus ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null; \
	  (systemctl disable --now prometheus >/dev/null 2>&1 || service prometheus stop >/dev/null 2>&1 || true); \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; \
	fi

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

demo: install
	$(BIN)/tocsin demo

kafka-up:
	bash $(KAFKA) up

kafka-down:
	bash $(KAFKA) down

# Starts Kafka if no broker answers, runs every test, and stops the broker again
# only if this run started it.
test: install system-deps
	@started=0; \
	if [ -z "$$KAFKA_BOOTSTRAP_SERVERS" ] && ! bash $(KAFKA) status >/dev/null 2>&1; then \
	  bash $(KAFKA) up || exit 1; started=1; fi; \
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports --no-cache && $(BIN)/mypy \
	  && $(BIN)/pytest -q -n 2 --dist loadfile; rc=$$?; \
	if [ $$started = 1 ]; then bash $(KAFKA) down; fi; \
	exit $$rc

# Lint and format (ruff), the layer contracts of .importlinter (docs/architecture.md) and the
# types (mypy: the kernel strictly, the rest with default flags): `make test` runs them first.
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

test-unit: install
	$(BIN)/pytest -q -m "not integration"

bench: install
	@started=0; \
	if [ -z "$$KAFKA_BOOTSTRAP_SERVERS" ] && ! bash $(KAFKA) status >/dev/null 2>&1; then \
	  bash $(KAFKA) up || exit 1; started=1; fi; \
	$(BIN)/python -m bench; rc=$$?; \
	if [ $$started = 1 ]; then bash $(KAFKA) down; fi; \
	exit $$rc

# Retrain the relevance model (streams/classifier/relevance.npz) from ../shared/corpus/labeled:
# deterministic, about a minute; the `train` extra brings wordllama for the feature comparison.
TRAIN_STAMP := $(VENV)/.installed-train
$(TRAIN_STAMP): $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,train]'
	touch $(TRAIN_STAMP)

train: $(TRAIN_STAMP)
	$(BIN)/python -m tocsin.streams.classifier.training

# Refresh the constraints file from a clean resolve of pyproject.toml.
lock:
	rm -rf /tmp/tocsin-lock && $(PYTHON) -m venv /tmp/tocsin-lock
	/tmp/tocsin-lock/bin/pip install --quiet '.[test,train]'
	/tmp/tocsin-lock/bin/pip freeze --exclude tocsin > constraints.txt

clean:
	rm -rf $(VENV) var
