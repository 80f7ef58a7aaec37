# Page dates and main text against the public evaluation sets of htmldate and trafilatura (issue 11).
# Not CI: the pages are third-party and stay in local clones of the public repositories adbar/htmldate and
# adbar/trafilatura (any checkout: the scripts read tests/ under the path given), e.g.
#   make bench-dates VEILLE_HTMLDATE_EVAL=/tmp/htmldate
#   make bench-text VEILLE_TRAFILATURA_EVAL=/tmp/trafilatura
# Each script says it skipped when its variable is unset. Results: bench/pages-results.md.
PAGES_BENCH_PY ?= $(if $(PY),$(PY),.venv/bin/python)

.PHONY: bench-dates bench-text bench-pages
bench-dates:
	VEILLE_HTMLDATE_EVAL="$(VEILLE_HTMLDATE_EVAL)" $(PAGES_BENCH_PY) bench/dates_bench.py --french-misses

bench-text:
	VEILLE_TRAFILATURA_EVAL="$(VEILLE_TRAFILATURA_EVAL)" $(PAGES_BENCH_PY) bench/text_bench.py --worst 15

bench-pages: bench-dates bench-text
