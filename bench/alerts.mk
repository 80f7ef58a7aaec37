# From ingest to delivered alert (issue 15). Include from the main Makefile, or run:
#   make -f bench/alerts.mk bench-alerts

BENCH_ALERTS_ARGS ?=

.PHONY: bench-alerts
bench-alerts:
	PYTHONPATH=. $(BENCH_PY) bench/alerts_bench.py $(BENCH_ALERTS_ARGS)
