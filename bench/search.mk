# Search benchmark (issues 5 and 14). Included by the main Makefile.
# The corpus is generated once per size and generator version, then reused (bench/gen_articles.py: SQLite files
# under $(VEILLE_BENCH_CACHE), default data/bench-cache; PostgreSQL databases veille_bench_<n>_g<version>).
#   make bench-search                                     100,000 articles of ~600 words
#   make bench-search-1m                                  1,000,000 articles of ~200 words (see search-results.md)
#   make bench-search SEARCH_BENCH_N=20000 BENCH_RUNS=10  a quick run

SEARCH_BENCH_N ?= 100000
SEARCH_BENCH_PARAGRAPHS ?= 6
BENCH_RUNS ?= 40

.PHONY: bench-search bench-search-1m bench-search-data
bench-search:
	SEARCH_BENCH_N=$(SEARCH_BENCH_N) SEARCH_BENCH_PARAGRAPHS=$(SEARCH_BENCH_PARAGRAPHS) BENCH_RUNS=$(BENCH_RUNS) \
		$(BENCH_PY) bench/search_bench.py

bench-search-1m:
	$(MAKE) bench-search SEARCH_BENCH_N=1000000 SEARCH_BENCH_PARAGRAPHS=2

## Generate (or find in the cache) the corpora without benchmarking
bench-search-data:
	$(BENCH_PY) bench/gen_articles.py --backend sqlite --n $(SEARCH_BENCH_N) --paragraphs $(SEARCH_BENCH_PARAGRAPHS)
	$(BENCH_PY) bench/gen_articles.py --backend postgresql --n $(SEARCH_BENCH_N) --paragraphs $(SEARCH_BENCH_PARAGRAPHS)
