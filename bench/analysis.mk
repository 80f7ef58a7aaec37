# Analysis cost against extraction cost (issue 4), included by the main Makefile (bench/*.mk).
# Target: analysing an article costs at most 25 % of extracting it, on pages of real size (30–120 KB, issue 10);
# the script exits 1 above that.
ANALYSIS_BENCH_PY ?= $(if $(PY),$(PY),.venv/bin/python)
ANALYSIS_BENCH_DIRS ?=
ANALYSIS_BENCH_ARGS ?=

.PHONY: bench-analysis
bench-analysis:
	$(ANALYSIS_BENCH_PY) bench/analysis_bench.py $(ANALYSIS_BENCH_ARGS) $(foreach d,$(ANALYSIS_BENCH_DIRS),--pages-dir $(d))
