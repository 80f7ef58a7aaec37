# Evaluation of the analysis on the labelled pages (issues 4 and 10), included by the main Makefile.
# Prints, per labelled set, P/R/F1 per task and issue 10's figures; exits 1 when a set misses its targets.
# Uses the project venv's python ($(PY) in the main Makefile).
#   EVAL_PAGES_DIRS="dir1 dir2" overrides the folders (default: tests/eval/pages and app/demo/pages);
#   EVAL_SETS="e" keeps only the named sets (a, b, e, demo; c, d with EVAL_PAGES_DIRS=tests/holdout/pages).
# Examples: make eval EVAL_SETS=e          (set E, written from real French coverage)
#           make eval EVAL_PAGES_DIRS=tests/holdout/pages
#           make eval EVAL_PAGES_DIRS=/work/f-set/pages   (a set kept outside the repo, labels-*.json next to it)
EVAL_PY ?= $(if $(PY),$(PY),.venv/bin/python)
EVAL_PAGES_DIRS ?=
EVAL_SETS ?=

.PHONY: eval
eval:
	$(EVAL_PY) tests/eval/run_eval.py $(foreach d,$(EVAL_PAGES_DIRS),--pages-dir $(d)) $(foreach s,$(EVAL_SETS),--set $(s))
