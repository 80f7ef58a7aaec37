# Mixed-load benchmark (issue 14): the site and the API weighted as real traffic, 50 connections, 2 uvicorn
# workers, over the cached 100,000-article corpus, against the baseline revision (default: where the branch left main) in the same run.
# Needs wrk for the load (apt-get install wrk); without it a Python loader is used and the report says so.
#   make bench-load
#   make bench-load LOAD_BENCH_ARGS="--n 20000 --seconds 10 --baseline ''"

LOAD_BENCH_ARGS ?=

.PHONY: bench-load
bench-load:
	$(BENCH_PY) bench/load_bench.py $(LOAD_BENCH_ARGS)
