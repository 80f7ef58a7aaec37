# Analysis cost against extraction cost (issue 4), included by the main Makefile (bench/*.mk).
# Target: analysing an article costs at most 25 % of extracting it; the script exits 1 above that.
ANALYSIS_BENCH_PY ?= $(if $(PY),$(PY),.venv/bin/python)
ANALYSIS_BENCH_DIRS ?=

.PHONY: bench-analysis
bench-analysis:
	$(ANALYSIS_BENCH_PY) bench/analysis_bench.py $(foreach d,$(ANALYSIS_BENCH_DIRS),--pages-dir $(d))
