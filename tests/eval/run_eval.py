"""Evaluate the analysis on labelled pages through the real pipeline (prepare + store on a temporary SQLite).

Usage: python tests/eval/run_eval.py [--pages-dir DIR ...] [--set NAME ...] [--verbose] [--json]
Each DIR holds the pages; its labels are the `labels-*.json` files next to it (tests/eval) or `expected.json`
(app/demo). Every labels file is one set (`labels-e.json` is set "e", `expected.json` is "demo"), scored on its own.
Format: docs/labels.md. Two tables per set: the per-task P/R/F1 of issue 4 and the figures of issue 10 (outage
recall and precision, restriction recall, start day, grouping, relevance accuracy, outage summaries, date precision,
incident entities). A figure whose labels are absent from a set, or whose field the code does not expose yet, is "n/a".
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.analysis.dates import PARIS  # noqa: E402
from app.db import make_engine, make_sessionmaker, migrate  # noqa: E402
from app.services.ingest import prepare, store  # noqa: E402

DEFAULT_DIRS = (ROOT / "tests/eval/pages", ROOT / "app/demo/pages")
TARGETS = {
    "relevance": 0.95,
    "outage": 0.95,
    "companies": 0.95,
    "products": 0.95,
    "date": 0.9,
    "grouping": 0.9,
}
# Issue 10's targets, gated on the sets written from real coverage (E and later).
ISSUE_TARGETS = {
    "outage_recall": 0.95,
    "outage_precision": 1.0,
    "restriction_recall": 0.9,
    "start_day": 0.95,
    "grouping_recall": 0.95,
    "grouping_precision": 1.0,
    "relevance_accuracy": 0.97,
    "summaries": 1.0,
}
_GENERIC_NOISE = (
    "à lire aussi",
    "lire aussi",
    "newsletter",
    "inscrivez-vous",
    "abonnez-vous",
    "crédit photo",
    "commentaires",
    "sur le même sujet",
    "partager sur",
)


def labels_for(pages_dir: Path) -> list[Path]:
    """The label files that describe a pages directory."""
    parent = pages_dir.parent
    return sorted(parent.glob("labels-*.json")) + (
        [parent / "expected.json"] if (parent / "expected.json").exists() else []
    )


@dataclass
class Case:
    """One labelled page and what the pipeline made of it."""

    set_name: str
    label: dict
    path: Path
    result: dict = field(default_factory=dict)
    incident_id: int | None = None
    incident_id_rev: int | None = None

    @property
    def key(self) -> str:
        return f"{self.set_name}:{self.label['file']}"


def set_name(labels_file: Path) -> str:
    """`labels-e.json` -> "e"; `expected.json` -> "demo"."""
    return labels_file.stem.removeprefix("labels-") if labels_file.stem.startswith("labels-") else "demo"


def load_cases(dirs: list[Path], sets: list[str] | None = None) -> list[Case]:
    """Every labelled page of the given directories whose file exists (only the named sets when given)."""
    cases = []
    for d in dirs:
        for lf in labels_for(d):
            name = set_name(lf)
            if sets and name not in sets:
                continue
            data = json.loads(lf.read_text(encoding="utf-8"))
            for lab in data.get("pages", []):
                p = d / lab["file"]
                if p.exists():
                    cases.append(Case(name, lab, p))
    return cases


def split_sets(cases: list[Case]) -> dict[str, list[Case]]:
    """Cases grouped by set, in the order the sets were found."""
    out: dict[str, list[Case]] = {}
    for c in cases:
        out.setdefault(c.set_name, []).append(c)
    return out


_PRECISION_KEYS = ("date_precision", "outage_date_precision", "incident_date_precision")


def _date_precision(result: dict, article: object) -> str | None:
    """The outage date's precision when the code exposes it (result field or article column), else None."""
    for k in _PRECISION_KEYS:
        if result.get(k):
            return str(result[k])
    for k in _PRECISION_KEYS:
        v = getattr(article, k, None)
        if v:
            return str(v)
    return None


def ingest_all(cases: list[Case], order: list[int]) -> dict[int, tuple[dict, int | None]]:
    """Ingest pages in the given order into a fresh database; index -> (result, final incident id).

    Besides `veille ingest --json`'s fields, each result gets `start`, `duration_minutes`, `date_precision` (None when
    the code does not expose it) and `incident_companies`/`incident_products` (the entities of its final incident).
    """
    from app.models import Article, Entity, IncidentEntity

    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/eval.db")
        migrate(engine)
        factory = make_sessionmaker(engine)
        out: dict[int, tuple[dict, int | None]] = {}
        prepared = {i: prepare(cases[i].path.read_bytes(), url=cases[i].label.get("url")) for i in order}
        with factory() as session:
            for i in order:
                res = store(session, prepared[i])
                out[i] = (res.as_dict(), None)
                session.commit()
            for i in order:
                url = out[i][0].get("url")
                art = session.query(Article).filter(Article.url == url).one_or_none() if url else None
                if art is not None and art.outage_start is not None:
                    out[i][0]["start"] = art.outage_start.astimezone(PARIS).strftime("%Y-%m-%dT%H:%M")
                if art is not None:
                    out[i][0]["duration_minutes"] = art.outage_duration_minutes
                    out[i][0]["date_precision"] = _date_precision(out[i][0], art)
                if art is not None and art.incident_id is not None:
                    rows = (
                        session.query(Entity.kind, Entity.slug)
                        .join(IncidentEntity, IncidentEntity.entity_id == Entity.id)
                        .filter(IncidentEntity.incident_id == art.incident_id)
                        .all()
                    )
                    out[i][0]["incident_companies"] = sorted(s for k, s in rows if k == "company")
                    out[i][0]["incident_products"] = sorted(s for k, s in rows if k == "product")
                out[i] = (out[i][0], art.incident_id if art is not None else None)
        engine.dispose()
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (1.0 when there is nothing to find and nothing found)."""
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _partition_pairs(groups: dict[str, object]) -> set[tuple[str, str]]:
    keys = sorted(k for k, g in groups.items() if g is not None)
    return {(a, b) for a, b in itertools.combinations(keys, 2) if groups[a] == groups[b]}


def _noisy(summary: str, noise: list[str]) -> bool:
    low = summary.lower()
    return any(n.lower() in low for n in noise) or any(n in low for n in _GENERIC_NOISE)


def fold(text: str) -> str:
    """Lowercase, accents off, typographic apostrophes and spaces normalised: how summaries are matched."""
    t = unicodedata.normalize("NFKD", text.replace("\u2019", "'").replace("\u02bc", "'"))
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    return " ".join(t.split())


def summary_says(summary: str, must: list[list[str]]) -> list[list[str]]:
    """The groups of `summary_must` none of whose alternatives appears in the summary (empty: it says it all)."""
    s = fold(summary or "")
    return [g for g in must if not any(fold(alt) in s for alt in g)]


def _ratio(ok: int, n: int) -> dict:
    return {"value": ok / n if n else None, "ok": ok, "n": n}


def issue_figures(cases: list[Case], m: dict) -> tuple[dict, list[str]]:
    """Issue 10's figures for one set (after `evaluate` filled the results); value None = n/a."""
    errors: list[str] = []
    usable = [c for c in cases if c.label.get("status") != "error"]
    out_gold = [c for c in usable if c.label["is_outage"]]
    out_got = [c for c in usable if c.result.get("is_outage")]
    tp = [c for c in out_gold if c.result.get("is_outage")]
    fig: dict[str, dict] = {
        "outage_recall": _ratio(len(tp), len(out_gold)),
        "outage_precision": _ratio(len(tp), len(out_got)),
    }
    restr = [c for c in out_gold if c.label.get("kind") == "restriction"]
    ok = [c for c in restr if c.result.get("is_outage") and c.result.get("kind") == "restriction"]
    fig["restriction_recall"] = _ratio(len(ok), len(restr))
    errors += [
        f"restriction {c.key}: got is_outage={c.result.get('is_outage')} kind={c.result.get('kind')}"
        for c in restr
        if c not in ok
    ]
    dated = [c for c in tp if c.label.get("incident_date")]
    ok = [c for c in dated if c.result.get("incident_date") == c.label["incident_date"]]
    fig["start_day"] = _ratio(len(ok), len(dated))
    g = m["grouping"]
    fig["grouping_recall"] = {"value": g["r"] if g["n"] else None, "ok": g["tp"], "n": g["n"]}
    fig["grouping_precision"] = {"value": g["p"] if g["n"] else None, "ok": g["tp"], "n": g["found"]}
    ok = [c for c in usable if bool(c.result.get("is_ai")) == bool(c.label["is_ai"])]
    fig["relevance_accuracy"] = _ratio(len(ok), len(usable))
    with_must = [c for c in out_gold if c.label.get("summary_must")]
    ok = []
    for c in with_must:
        missing = summary_says(c.result.get("summary") or "", c.label["summary_must"])
        if missing:
            errors.append(f"summary {c.key}: lacks {missing}: {(c.result.get('summary') or '')[:220]!r}")
        else:
            ok.append(c)
    fig["summaries"] = _ratio(len(ok), len(with_must))
    # date precision: only on pages where the code exposes a value (n/a while no page has one)
    labelled = [c for c in tp if c.label.get("date_precision")]
    exposed = [c for c in labelled if c.result.get("date_precision")]
    ok = [c for c in exposed if c.result["date_precision"] == c.label["date_precision"]]
    fig["date_precision"] = _ratio(len(ok), len(labelled)) if exposed else {"value": None, "n": len(labelled)}
    if exposed:
        errors += [
            f"date_precision {c.key}: got {c.result.get('date_precision')}, want {c.label['date_precision']}"
            for c in labelled
            if c not in ok
        ]
    # incident entities: the incident carries every affected service its pages name, and nothing else
    with_ent = [c for c in tp if "incident_companies" in c.label or "incident_products" in c.label]
    allowed: dict[tuple[str, str], set[str]] = {}
    for c in out_gold:
        for f in ("incident_companies", "incident_products"):
            allowed.setdefault((c.label.get("incident") or c.key, f), set()).update(c.label.get(f) or [])
    ok = []
    for c in with_ent:
        bad = []
        for f in ("incident_companies", "incident_products"):
            if f not in c.label:
                continue
            got = set(c.result.get(f) or [])
            want, allow = set(c.label[f]), allowed[(c.label.get("incident") or c.key, f)]
            if want - got or got - allow:
                bad.append(f"{f} missing {sorted(want - got)} extra {sorted(got - allow)}")
        if bad:
            errors.append(f"incident entities {c.key}: " + "; ".join(bad))
        else:
            ok.append(c)
    exposed = any("incident_companies" in c.result for c in cases)
    fig["incident_entities"] = (
        _ratio(len(ok), len(with_ent)) if exposed else {"value": None, "n": len(with_ent)}
    )
    return fig, errors


def evaluate(cases: list[Case]) -> dict:
    """All metrics for a list of cases, plus the list of errors."""
    fwd = ingest_all(cases, list(range(len(cases))))
    rev = ingest_all(cases, list(reversed(range(len(cases)))))
    for i, c in enumerate(cases):
        c.result, c.incident_id = fwd[i]
        c.incident_id_rev = rev[i][1]
    errors: list[str] = []
    m: dict[str, dict] = {}
    usable = [c for c in cases if c.label.get("status") != "error"]
    # relevance
    tp = sum(1 for c in usable if c.label["is_ai"] and c.result.get("is_ai"))
    fp = sum(1 for c in usable if not c.label["is_ai"] and c.result.get("is_ai"))
    fn = sum(1 for c in usable if c.label["is_ai"] and not c.result.get("is_ai"))
    m["relevance"] = dict(zip(("p", "r", "f1"), prf(tp, fp, fn), strict=True), n=len(usable))
    status_bad = [c for c in cases if c.result.get("status", "error") != c.label.get("status")]
    errors += [
        f"status {c.key}: got {c.result.get('status')} ({c.result.get('reason')}), want {c.label.get('status')}"
        for c in status_bad
    ]
    errors += [
        f"is_ai {c.key}: got {c.result.get('is_ai')}"
        for c in usable
        if bool(c.result.get("is_ai")) != c.label["is_ai"]
    ]
    # outage detection
    tp = sum(1 for c in usable if c.label["is_outage"] and c.result.get("is_outage"))
    fp = sum(1 for c in usable if not c.label["is_outage"] and c.result.get("is_outage"))
    fn = sum(1 for c in usable if c.label["is_outage"] and not c.result.get("is_outage"))
    m["outage"] = dict(
        zip(("p", "r", "f1"), prf(tp, fp, fn), strict=True), n=sum(c.label["is_outage"] for c in usable)
    )
    errors += [
        f"is_outage {c.key}: got {c.result.get('is_outage')}"
        for c in usable
        if bool(c.result.get("is_outage")) != c.label["is_outage"]
    ]
    both = [c for c in usable if c.label["is_outage"] and c.result.get("is_outage")]
    ok = sum(1 for c in both if c.result.get("kind") == c.label.get("kind"))
    m["kind"] = {"accuracy": ok / len(both) if both else 1.0, "n": len(both)}
    errors += [
        f"kind {c.key}: got {c.result.get('kind')}, want {c.label.get('kind')}"
        for c in both
        if c.result.get("kind") != c.label.get("kind")
    ]
    # entities (micro over (page, slug) pairs, on every page that was analysed)
    for field_name in ("companies", "products"):
        tp = fp = fn = 0
        for c in usable:
            got, want = set(c.result.get(field_name) or []), set(c.label.get(field_name) or [])
            tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
            if got != want:
                errors.append(
                    f"{field_name} {c.key}: extra {sorted(got - want)} missing {sorted(want - got)}"
                )
        m[field_name] = dict(zip(("p", "r", "f1"), prf(tp, fp, fn), strict=True), n=tp + fn)
    # exact outage date
    gold = [c for c in usable if c.label["is_outage"] and c.label.get("incident_date")]
    predicted = [c for c in gold if c.result.get("incident_date")]
    correct = [c for c in predicted if c.result["incident_date"] == c.label["incident_date"]]
    p, r, f = prf(len(correct), len(predicted) - len(correct), len(gold) - len(correct))
    m["date"] = {"p": p, "r": r, "f1": f, "n": len(gold)}
    errors += [
        f"date {c.key}: got {c.result.get('incident_date')}, want {c.label['incident_date']}"
        for c in gold
        if c.result.get("incident_date") != c.label["incident_date"]
    ]
    # grouping: pairwise F1 over pages labelled with an incident
    labelled = [c for c in usable if c.label.get("incident")]
    want_pairs = _partition_pairs({c.key: c.label["incident"] for c in labelled})
    got_pairs = _partition_pairs({c.key: c.incident_id for c in labelled})
    rev_pairs = _partition_pairs({c.key: c.incident_id_rev for c in labelled})
    p, r, f = prf(len(got_pairs & want_pairs), len(got_pairs - want_pairs), len(want_pairs - got_pairs))
    m["grouping"] = {
        "p": p,
        "r": r,
        "f1": f,
        "n": len(want_pairs),
        "order_independent": got_pairs == rev_pairs,
        "tp": len(got_pairs & want_pairs),
        "found": len(got_pairs),
    }
    errors += [f"grouping: wrongly together {a} + {b}" for a, b in sorted(got_pairs - want_pairs)]
    errors += [f"grouping: wrongly apart {a} + {b}" for a, b in sorted(want_pairs - got_pairs)]
    if got_pairs != rev_pairs:
        errors.append(f"grouping depends on ingest order: {sorted(got_pairs ^ rev_pairs)}")
    # start time and duration (informational: no target), on the pages whose labels give them
    with_start = [c for c in usable if c.label.get("start")]
    ok = [c for c in with_start if c.result.get("start") == c.label["start"]]
    m["start"] = {"accuracy": len(ok) / len(with_start) if with_start else 1.0, "n": len(with_start)}
    errors += [
        f"start {c.key}: got {c.result.get('start')}, want {c.label['start']}"
        for c in with_start
        if c not in ok
    ]
    with_dur = [c for c in usable if c.label.get("duration_minutes")]
    ok = [
        c
        for c in with_dur
        if c.result.get("duration_minutes")
        and abs(c.result["duration_minutes"] - c.label["duration_minutes"])
        <= 0.1 * c.label["duration_minutes"]
    ]
    m["duration"] = {"accuracy": len(ok) / len(with_dur) if with_dur else 1.0, "n": len(with_dur)}
    errors += [
        f"duration {c.key}: got {c.result.get('duration_minutes')}, want {c.label['duration_minutes']}"
        for c in with_dur
        if c not in ok
    ]
    # summaries with noise
    noisy = [
        c
        for c in usable
        if c.result.get("summary") and _noisy(c.result["summary"], c.label.get("noise") or [])
    ]
    m["noise"] = {"count": len(noisy), "n": sum(1 for c in usable if c.result.get("summary"))}
    errors += [f"noise {c.key}: {c.result['summary'][:200]}" for c in noisy]
    issue, issue_errors = issue_figures(cases, m)
    m["issue"] = issue
    return {"metrics": m, "errors": errors + issue_errors, "pages": len(cases)}


def failures(metrics: dict) -> list[str]:
    """The targets a metrics table misses."""
    bad = [f"{k} F1 {metrics[k]['f1']:.3f} < {t}" for k, t in TARGETS.items() if metrics[k]["f1"] < t]
    if metrics["noise"]["count"]:
        bad.append(f"{metrics['noise']['count']} summaries with noise")
    if not metrics["grouping"]["order_independent"]:
        bad.append("grouping depends on ingest order")
    return bad


def issue_failures(metrics: dict, targets: dict[str, float] | None = None) -> list[str]:
    """Issue 10's targets a set misses (a figure with nothing to measure is not a miss)."""
    fig = metrics["issue"]
    out = []
    for k, t in (targets or ISSUE_TARGETS).items():
        v = fig[k]["value"]
        if v is not None and v < t:
            out.append(f"{k} {v:.3f} < {t}")
    return out


_ISSUE_ROWS = (
    ("outage_recall", "outage recall"),
    ("outage_precision", "outage precision"),
    ("restriction_recall", "restriction recall (kind)"),
    ("start_day", "start day of detected outages"),
    ("grouping_recall", "grouping pairwise recall"),
    ("grouping_precision", "grouping pairwise precision"),
    ("relevance_accuracy", "relevance accuracy"),
    ("summaries", "outage summaries say what happened"),
    ("date_precision", "date precision (exact/inferred/approx.)"),
    ("incident_entities", "incident entities = affected only"),
)


def format_issue_table(report: dict, markdown: bool = False) -> str:
    """Issue 10's figures: value, counts and target."""
    fig = report["metrics"]["issue"]
    rows = []
    for k, title in _ISSUE_ROWS:
        v = fig[k]
        val = "n/a" if v["value"] is None else f"{v['value']:.3f}"
        unit = " pairs" if "grouping" in k else ""
        count = f"{v['ok']}/{v['n']}{unit}" if "ok" in v and v["value"] is not None else f"n={v['n']}{unit}"
        target = (
            f"≥ {ISSUE_TARGETS[k]}"
            if k in ISSUE_TARGETS and ISSUE_TARGETS[k] < 1
            else ("1.0" if k in ISSUE_TARGETS else "—")
        )
        rows.append((title, val, count, target))
    if markdown:
        return "\n".join(
            ["| figure | value | count | target |", "|---|---|---|---|"]
            + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
        )
    return "\n".join(
        [f"{'issue 10 figure':<40}{'value':>7}  {'count':<10}target"]
        + [f"{a:<40}{b:>7}  {c:<10}{d}" for a, b, c, d in rows]
    )


def format_table(name: str, report: dict) -> str:
    """The metrics as a plain-text table."""
    m = report["metrics"]
    lines = [f"== {name} ({report['pages']} pages)", f"{'task':<22}{'P':>7}{'R':>7}{'F1':>7}{'n':>6}"]
    for k, title in (
        ("relevance", "AI relevance"),
        ("outage", "outage detection"),
        ("companies", "companies"),
        ("products", "products"),
        ("date", "exact outage date"),
        ("grouping", "incident grouping"),
    ):
        v = m[k]
        lines.append(f"{title:<22}{v['p']:>7.3f}{v['r']:>7.3f}{v['f1']:>7.3f}{v['n']:>6}")
    lines.append(f"{'outage kind (acc.)':<22}{'':>14}{m['kind']['accuracy']:>7.3f}{m['kind']['n']:>6}")
    lines.append(f"{'start time (acc.)':<22}{'':>14}{m['start']['accuracy']:>7.3f}{m['start']['n']:>6}")
    lines.append(
        f"{'duration ±10% (acc.)':<22}{'':>14}{m['duration']['accuracy']:>7.3f}{m['duration']['n']:>6}"
    )
    lines.append(f"{'noisy summaries':<22}{'':>14}{m['noise']['count']:>7}{m['noise']['n']:>6}")
    lines.append(
        f"grouping independent of ingest order: {'yes' if m['grouping']['order_independent'] else 'NO'}"
    )
    if "issue" in m:
        lines.append(format_issue_table(report))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table per pages directory; exit 1 when a target is missed."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages-dir", action="append", type=Path, help="pages folder (repeatable)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ap.add_argument("--set", action="append", dest="sets", help="only this set (a, b, e, demo…; repeatable)")
    args = ap.parse_args(argv)
    dirs = args.pages_dir or [d for d in DEFAULT_DIRS if labels_for(d)]
    if not dirs:
        print("aucun jeu étiqueté trouvé", file=sys.stderr)
        return 2
    missed: list[str] = []
    reports = {}
    for d in dirs:
        cases = load_cases([d], args.sets)
        if not cases:
            if not args.sets:
                print(f"{d}: aucune page étiquetée", file=sys.stderr)
            continue
        for name, set_cases in split_sets(cases).items():
            label = f"{d} [set {name}]"
            rep = evaluate(set_cases)
            reports[label] = rep
            if not args.json:
                print(format_table(label, rep))
                if args.verbose:
                    print("\n".join("  - " + e for e in rep["errors"]))
                print()
            missed += [f"{label}: {f}" for f in failures(rep["metrics"]) + issue_failures(rep["metrics"])]
    if args.json:
        print(json.dumps({k: v["metrics"] for k, v in reports.items()}, indent=2))
    if missed:
        print("CIBLES NON ATTEINTES :\n" + "\n".join(missed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
