# Evaluation of the analysis on the labelled pages (issue 4): include from the main Makefile.
# Prints P/R/F1 per task for tests/eval/pages and app/demo/pages; exits 1 below the targets.
PYTHON ?= .venv/bin/python
EVAL_PAGES_DIRS ?=

.PHONY: eval
eval:
	$(PYTHON) tests/eval/run_eval.py $(foreach d,$(EVAL_PAGES_DIRS),--pages-dir $(d))
