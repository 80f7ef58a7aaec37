# Analysis cost vs extraction cost (issue 4): include from the main Makefile.
PYTHON ?= .venv/bin/python
ANALYSIS_BENCH_DIRS ?=

.PHONY: bench-analysis
bench-analysis:
	$(PYTHON) bench/analysis_bench.py $(foreach d,$(ANALYSIS_BENCH_DIRS),--pages-dir $(d))
