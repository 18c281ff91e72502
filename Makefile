# claimcheck developer tasks. `make` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
CC := $(VENV)/bin/claimcheck
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_PROGRESS_BARS := 1
export TOKENIZERS_PARALLELISM := false

.DEFAULT_GOAL := help
.PHONY: help install demo serve index corpus test lint format bench eval eval-stance train-stance train-bank tune clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $@

install: $(VENV)/.installed ## Create .venv and install claimcheck with its pinned dependencies

index: install ## Build the search index from the shipped corpus snapshot
	$(CC) index build

demo: index ## Set up, then check a real piece of advice against the shipped corpus
	$(CC) check "once you feel better on antidepressants just stop taking them"

serve: index ## Start the local web page and HTTP API at http://127.0.0.1:8000 (Ctrl-C stops it)
	$(CC) serve

corpus: install ## Rebuild the shipped corpus snapshot from ../shared/sources
	$(PY) -m pip install -q -e '.[dev,build]'
	$(PY) scripts/build_snapshot.py

test: install ## Run the test suite (offline)
	$(PY) -m pytest -q

lint: install ## Check style with ruff
	$(VENV)/bin/ruff check .

format: install ## Reformat with ruff
	$(VENV)/bin/ruff format .

bench: index ## Print speed figures (cold start, claims/s, passages/s, peak memory)
	$(PY) scripts/bench.py

eval: index ## Print verdict accuracy on the claim bank: dev, test and the cold split (README quotes cold)
	$(CC) eval claims corpus/claims --split dev
	$(CC) eval claims corpus/claims --split test
	$(CC) eval claims corpus/claims --split cold

eval-stance: install ## Print the stance model's figures on HealthVer, SciFact, Check-COVID, HealthFC (needs ../shared)
	$(PY) scripts/eval_stance_sets.py
	$(PY) scripts/eval_negation.py

train-stance: install ## Rebuild the stance training data and retrain (4 stages, about 95 min on 2 cores; not in CI)
	$(PY) scripts/stance_data.py
	$(PY) scripts/train_stance.py
	$(PY) scripts/train_stance.py --stages stage3 --epochs 1 --lr 2e-5 --base build/stance/model-stage2
	$(PY) scripts/train_stance.py --stages stage4 --epochs 1 --lr 2e-5 --base build/stance/model-stage3
	@echo "then: python scripts/ship_stance.py export build/stance/model-stage4 (see its docstring)"

train-bank: install ## Stage 5 on the claim bank: retrieval embedder, then stance (about 50 min on 2 cores; not in CI)
	$(PY) scripts/train_embedder.py --epochs 1
	$(PY) scripts/ship_embedder.py build/embedder/model-bank
	$(CC) index build
	$(PY) scripts/ship_bank.py
	$(PY) scripts/stance_data.py
	$(PY) scripts/recover_stance.py
	$(PY) scripts/bank_pairs.py --name stage5b --upsample 3 --sets breaking-nli cad-nli cannot-antonym sentiment-recast wanli --per-set 700 --replay 2500
	$(PY) scripts/train_stance.py --stages stage5b --epochs 1 --lr 3e-5 --base build/stance/model-shipped
	$(PY) scripts/bank_pairs.py --name stage5c --upsample 2 --sets cad-nli cannot-antonym sentiment-recast wanli --per-set 500 --replay 1500 --swaps 3000
	$(PY) scripts/train_stance.py --stages stage5c --epochs 1 --lr 2e-5 --base build/stance/model-stage5b
	@echo "then: python scripts/ship_stance.py export build/stance/model-stage5c --previous-card CARD; make tune"

tune: index ## Choose the verdict policy on the bank's dev split and print dev and test (never cold)
	$(PY) scripts/tune_verdicts.py --splits dev test

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
