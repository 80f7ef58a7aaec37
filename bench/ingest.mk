# Bulk import benchmark (issue 14): `veille ingest DIR` and `veille ingest --warc` against bare trafilatura on the
# same pages, ratios measured in the same run. Include from the main Makefile, or run: make -f bench/ingest.mk bench-ingest
# Before/after: BENCH_INGEST_ARGS="--app-root /tmp/old --no-warc" with /tmp/old a `git archive` of an older commit.

INGEST_BENCH_PY ?= $(if $(BENCH_PY),$(BENCH_PY),.venv/bin/python)
BENCH_INGEST_PAGES ?= 1000
BENCH_INGEST_ARGS ?=

.PHONY: bench-ingest
bench-ingest:
	$(INGEST_BENCH_PY) bench/ingest_bench.py --pages $(BENCH_INGEST_PAGES) $(BENCH_INGEST_ARGS)
