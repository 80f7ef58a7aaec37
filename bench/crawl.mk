# Crawl benchmark (issue 3). Include from the main Makefile, or run: make -f bench/crawl.mk bench-crawl

BENCH_CRAWL_PAGES ?= 2000

.PHONY: bench-crawl
bench-crawl:
	$(BENCH_PY) bench/crawl_bench.py --pages $(BENCH_CRAWL_PAGES)
