# The learned outage fallback (issue 10), included by the main Makefile (bench/*.mk).
# `make train-outage` retrains the models the analysis ships (app/analysis/learned_outage.json, the outage fallback,
# and app/analysis/learned_kind.json, restriction or not) on every labelled set
# listed in bench/learned_outage.py (SHIPPED_SETS), with a fixed seed: needs the optional [train] extra
# (scikit-learn), installed here first. Commit the JSON files it writes.
LEARNED_PY ?= $(if $(PY),$(PY),.venv/bin/python)

.PHONY: train-outage
train-outage:
	$(LEARNED_PY) -m pip install --quiet -e '.[train]'
	$(LEARNED_PY) bench/learned_outage.py --export
