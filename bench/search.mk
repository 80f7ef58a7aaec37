# Search benchmark (issue 5). Include from the main Makefile: `include bench/search.mk`.
# BENCH_ARTICLES=20000 make bench-search   for a quick run; the corpus is generated once per size and reused.

BENCH_ARTICLES ?= 100000

.PHONY: bench-search bench-search-data
bench-search:
	BENCH_ARTICLES=$(BENCH_ARTICLES) $(BENCH_PY) bench/search_bench.py

bench-search-data:
	$(BENCH_PY) bench/gen_articles.py --url sqlite:///data/bench-search-$(BENCH_ARTICLES).db --n $(BENCH_ARTICLES)
