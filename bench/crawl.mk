# Crawl benchmark (issue 3). Include from the main Makefile, or run: make -f bench/crawl.mk bench-crawl
PYTHON ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)
BENCH_CRAWL_PAGES ?= 2000

.PHONY: bench-crawl
bench-crawl:
	$(PYTHON) bench/crawl_bench.py --pages $(BENCH_CRAWL_PAGES)
