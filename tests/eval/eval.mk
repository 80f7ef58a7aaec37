# Evaluation of the analysis on the labelled pages (issue 4), included by the main Makefile.
# Prints P/R/F1 per task for tests/eval/pages and app/demo/pages; exits 1 below the targets.
# Uses the project venv's python ($(PY) in the main Makefile). EVAL_PAGES_DIRS="dir1 dir2" overrides the sets.
EVAL_PY ?= $(if $(PY),$(PY),.venv/bin/python)
EVAL_PAGES_DIRS ?=

.PHONY: eval
eval:
	$(EVAL_PY) tests/eval/run_eval.py $(foreach d,$(EVAL_PAGES_DIRS),--pages-dir $(d))
