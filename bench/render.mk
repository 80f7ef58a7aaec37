# Render and load benchmark of the reading pages (issue 6). Include from the main Makefile or run:
#   make -f bench/render.mk bench-render

BENCH_RENDER_ARGS ?=

.PHONY: bench-render
bench-render:
	PYTHONPATH=. $(BENCH_PY) bench/render_bench.py $(BENCH_RENDER_ARGS)
