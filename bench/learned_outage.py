"""Does a small learned model find outage reports the rules miss, on sets nobody tuned it on? (issue 10)

Dev-time only: needs the optional `[train]` dependencies (scikit-learn). Usage:
    .venv/bin/python bench/learned_outage.py [--export] [--score-k] [--C 1.0]
        [--blind-verdicts DIR [--make-blind-verdicts]] [--out FILE]

1. Dataset: every labelled page of sets A–J and demo (not K), read as the evaluation reads it (the label's URL,
   `prepare` = the project's extraction + analysis), page-level label `is_outage` (and `kind`); the rules' verdict is
   the current analysis (`Analysis.outage is not None`) on the same pages.
2. Model: logistic regression on the binary features of app/analysis/learned.py (words and pairs of the title, lead
   and body, products masked; sentence features "product + outage-ish word").
3. Leave-one-set-out over A–J + demo: train on the others, score the left-out set: model alone (p >= 0.5), rules
   alone, and "rules OR (model p >= threshold AND an AI product named in the title or lead)". The threshold is the
   smallest one above every out-of-fold negative the rules did not flag: chosen on the folds only.
4. `--score-k`: once, train on A–J + demo and score set K (tests/blind/pages/k) with that threshold.
5. `--export` (alone: no folds, ~15 s CPU): write app/analysis/learned_outage.json, the model the analysis ships,
   trained on every labelled set written so far (SHIPPED_SETS: A–AB but U and Y, + demo; never a set still blind) with the
   threshold SHIPPED_THRESHOLD (0.905, chosen on the forward folds, bench/learned-results.md). liblinear is run with
   a fixed seed: the same pages give the same file. `make train-outage` runs it.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import math
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.analysis.learned import FORMAT, KIND_FORMAT, KIND_MODEL_PATH, MODEL_PATH, features  # noqa: E402

DIRS = (
    ROOT / "tests/eval/pages",
    ROOT / "tests/holdout/pages",
    ROOT / "tests/blind/pages",
    ROOT / "app/demo/pages",
)
TEST_SET = "k"
CHRONO = ["demo", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]  # the order the sets were written
FORWARD_TESTS = {"e", "f", "g", "h", "i", "j"}
# the model the analysis ships: trained on every labelled set (a new blind set is added here once it is scored)
SHIPPED_SETS = [
    *CHRONO,
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "v",
    "w",
    "x",
    "z",
    "aa",
    "ab",
    "ae",
    "af",
    "ag",
    "ah",
    "ak",
    "al",
    "am",
    "an",
    "ap",
    "aq",
    "ar",
    "at",
    "au",
    "av",
    "aw",
    "ax",
    "ay",
    "az",
    "bc",
    "bd",
    "be",
    "bf",
    "bg",
    "bh",
    "bi",
    "bj",
    "bl",
    "bm",
    "bn",
    "bo",
    "bp",
    "bq",
    "br",
    "bs",
    "bt",
    "bu",
    "bv",
]  # never a blind set (U, Y, AC, AD, AI, AJ, AO, AS, BA, BB, BK, BW)
SHIPPED_THRESHOLD = 0.905  # the forward folds' highest negative (0.901) rounded up; not tuned on K
# The kind model (restriction or not, on the pages labelled as incidents): trained on the same sets. Its threshold,
# chosen before it was wired: no incident page of another kind reached 0.7 in the forward folds (sets K–BS, each
# scored by a model trained on the sets written before it; bench/learned-results.md), 0.9 keeps a margin.
KIND_THRESHOLD = 0.9
SEED = 0
# the main commit each set was first scored blind on (tests/eval/RESULTS.md), its labels and pages
BLIND_COMMITS = {
    "e": ("7e7ab2b", "tests/eval/labels-e.json", "tests/eval/pages"),
    "f": ("e2b1fe4", "tests/blind/labels-f.json", "tests/blind/pages"),
    "g": ("e2b1fe4", "tests/blind/labels-g.json", "tests/blind/pages"),
    "h": ("b93c38b", "tests/blind/labels-h.json", "tests/blind/pages"),
    "i": ("606cc9e", "tests/blind/labels-i.json", "tests/blind/pages"),
    "j": ("f82ce6a", "tests/blind/labels-j.json", "tests/blind/pages"),
}
_VERDICTS = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from app.services.ingest import prepare
labels, pages = Path(sys.argv[2]), Path(sys.argv[3])
out = {}
for lab in json.loads(labels.read_text())["pages"]:
    if lab.get("status") == "error" or not (pages / lab["file"]).exists():
        continue
    p = prepare((pages / lab["file"]).read_bytes(), url=lab.get("url"))
    out[lab["file"]] = p.analysis is not None and p.analysis.outage is not None
print(json.dumps(out))
"""


def make_blind_verdicts(out_dir: Path) -> None:
    """v-<set>.json in out_dir: each page's outage verdict by the analysis code of the commit its set was first
    scored blind on (that commit's app/ from `git archive`, run on today's pages and labels)."""
    import subprocess

    out_dir.mkdir(parents=True, exist_ok=True)
    for s, (commit, labels, pages) in BLIND_COMMITS.items():
        tree = out_dir / commit
        if not (tree / "app").exists():
            tree.mkdir(parents=True, exist_ok=True)
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", commit, "app"], capture_output=True, check=True
            )
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
        res = subprocess.run(
            [sys.executable, "-c", _VERDICTS, str(tree), str(ROOT / labels), str(ROOT / pages)],
            cwd=tree,
            capture_output=True,
            text=True,
            check=True,
        )
        (out_dir / f"v-{s}.json").write_text(res.stdout, encoding="utf-8")
        print(f"blind verdicts of set {s} by {commit}", file=sys.stderr)


@dataclass
class Row:
    set_name: str
    file: str
    is_outage: bool
    kind: str | None
    rules: bool
    rules_kind: str | None
    head_product: bool  # an AI product is named in the title or lead (the gate of the fallback)
    feats: set[str]


def build(sets_wanted: set[str] | None, exclude: set[str]) -> list[Row]:
    """Rows for every usable labelled page of the wanted sets (all but `exclude` when None)."""
    from app.analysis.clean import clean_text
    from app.analysis.entities import gazetteer, norm_space
    from app.services.ingest import prepare
    from app.textfold import fold
    from tests.eval.run_eval import load_cases

    g = gazetteer()
    rows = []
    for c in load_cases(list(DIRS), sorted(sets_wanted) if sets_wanted is not None else None):
        if c.set_name in exclude or (sets_wanted is not None and c.set_name not in sets_wanted):
            continue
        if c.label.get("status") == "error":
            continue
        prep = prepare(c.path.read_bytes(), url=c.label.get("url"))
        if prep.document is None or prep.analysis is None:
            continue
        doc, an = prep.document, prep.analysis
        title, lead = norm_space(doc.title), norm_space(doc.lead or "")
        text = norm_space(clean_text(doc.text, doc.title))
        head = f"{title}\n{lead}\n"
        full = head + text
        full_f = fold(full)
        mentions = g.find(full, full_f)
        rows.append(
            Row(
                c.set_name,
                c.label["file"],
                bool(c.label["is_outage"]),
                c.label.get("kind"),
                an.outage is not None
                and an.outage.detected_by == "rules",  # the rules alone, not the fallback
                str(an.outage.kind) if an.outage is not None else None,
                any(m.entity.kind == "product" and m.start < len(head) for m in mentions),
                features(full_f, len(title), len(head), mentions),
            )
        )
    return rows


def train(
    rows: list[Row], c_value: float, min_df: int = 2, label: Callable[[Row], bool] | None = None
) -> tuple[float, dict[str, float]]:
    """Fit a logistic regression; (bias, weights) for the features seen in at least `min_df` training pages. The
    label is the page's `is_outage` unless `label` says otherwise."""
    import numpy as np
    from scipy.sparse import lil_matrix
    from sklearn.linear_model import LogisticRegression

    df: dict[str, int] = {}
    for r in rows:
        for f in r.feats:
            df[f] = df.get(f, 0) + 1
    vocab = sorted(f for f, n in df.items() if n >= min_df)
    index = {f: i for i, f in enumerate(vocab)}
    x = lil_matrix((len(rows), len(vocab)), dtype=np.float64)
    for i, r in enumerate(rows):
        for f in r.feats:
            if f in index:
                x[i, index[f]] = 1.0
    y = np.array([int(label(r) if label is not None else r.is_outage) for r in rows])
    clf = LogisticRegression(C=c_value, solver="liblinear", max_iter=2000, random_state=SEED)
    clf.fit(x.tocsr(), y)
    w = clf.coef_[0]
    return float(clf.intercept_[0]), {f: round(float(w[i]), 4) for f, i in index.items() if abs(w[i]) >= 1e-3}


def kind_table(rows: list[Row], c_value: float) -> list[str]:
    """Leave-one-set-out accuracy of the kind (outage | degradation | restriction) on the gold outage pages: a
    one-vs-rest logistic regression on the same features, against the rules' kind on the pages they detect."""
    import numpy as np
    from scipy.sparse import lil_matrix
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier

    gold = [r for r in rows if r.is_outage and r.kind]
    out = [
        "### Kind, leave-one-set-out, on the gold outage pages",
        "",
        "| left-out set | outage pages | rules kind right / detected (in-sample) | model kind right / all |",
        "|---|---|---|---|",
    ]
    tr_ok = tr_n = m_ok = m_n = 0
    for s in sorted({r.set_name for r in gold}):
        train_rows = [r for r in gold if r.set_name != s]
        test_rows = [r for r in gold if r.set_name == s]
        vocab = sorted({f for r in train_rows for f in r.feats})
        index = {f: i for i, f in enumerate(vocab)}

        def matrix(rs: list[Row], index: dict[str, int] = index) -> object:
            x = lil_matrix((len(rs), len(index)), dtype=np.float64)
            for i, r in enumerate(rs):
                for f in r.feats:
                    if f in index:
                        x[i, index[f]] = 1.0
            return x.tocsr()

        clf = OneVsRestClassifier(LogisticRegression(C=c_value, solver="liblinear", max_iter=2000))
        clf.fit(matrix(train_rows), [r.kind for r in train_rows])
        pred = clf.predict(matrix(test_rows))
        ok = sum(p == r.kind for p, r in zip(pred, test_rows, strict=True))
        det = [r for r in test_rows if r.rules]
        rok = sum(r.rules_kind == r.kind for r in det)
        out.append(f"| {s} | {len(test_rows)} | {rok}/{len(det)} | {ok}/{len(test_rows)} |")
        tr_ok, tr_n, m_ok, m_n = tr_ok + rok, tr_n + len(det), m_ok + ok, m_n + len(test_rows)
    out.append(f"| **all** | {m_n} | {tr_ok}/{tr_n} ({tr_ok / tr_n:.3f}) | {m_ok}/{m_n} ({m_ok / m_n:.3f}) |")
    return [*out, ""]


def prob(model: tuple[float, dict[str, float]], feats: set[str]) -> float:
    z = model[0] + sum(model[1].get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-z))


def pr(pred: list[bool], gold: list[bool]) -> tuple[str, str, int, int, int]:
    tp = sum(p and g for p, g in zip(pred, gold, strict=True))
    fp = sum(p and not g for p, g in zip(pred, gold, strict=True))
    fn = sum(g and not p for p, g in zip(pred, gold, strict=True))
    p = f"{tp / (tp + fp):.3f}" if tp + fp else "n/a"
    r = f"{tp / (tp + fn):.3f}" if tp + fn else "n/a"
    return p, r, tp, fp, fn


def combined(r: Row, p: float, threshold: float) -> bool:
    return r.rules or (p >= threshold and r.head_product)


def table(title: str, groups: dict[str, list[tuple[Row, float]]], threshold: float) -> list[str]:
    out = [
        f"### {title}",
        "",
        f"Combined = rules OR (model p >= {threshold:.3f} AND an AI product named in the title or lead).",
        "",
        "| left-out set | pages | outages | rules P | rules R | model P | model R | combined P | combined R |"
        " combined gain (tp) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    tot: dict[str, list[bool]] = {"gold": [], "rules": [], "model": [], "comb": []}
    for name, items in groups.items():
        gold = [r.is_outage for r, _ in items]
        rules = [r.rules for r, _ in items]
        model = [p >= 0.5 for _, p in items]
        comb = [combined(r, p, threshold) for r, p in items]
        for k, v in (("gold", gold), ("rules", rules), ("model", model), ("comb", comb)):
            tot[k] += v
        rp, rr, rtp, _, _ = pr(rules, gold)
        mp, mr, _, _, _ = pr(model, gold)
        cp, cr, ctp, _, _ = pr(comb, gold)
        out.append(
            f"| {name} | {len(items)} | {sum(gold)} | {rp} | {rr} | {mp} | {mr} | {cp} | {cr} | +{ctp - rtp} |"
        )
    rp, rr, rtp, _, _ = pr(tot["rules"], tot["gold"])
    mp, mr, _, _, _ = pr(tot["model"], tot["gold"])
    cp, cr, ctp, _, _ = pr(tot["comb"], tot["gold"])
    out.append(
        f"| **all** | {len(tot['gold'])} | {sum(tot['gold'])} | {rp} | {rr} | {mp} | {mr} | {cp} | {cr} |"
        f" +{ctp - rtp} |"
    )
    return [*out, ""]


def choose_threshold(oof: list[tuple[Row, float]]) -> float:
    """The smallest threshold (to 0.005) above every out-of-fold negative that the fallback could flag."""
    worst = max((p for r, p in oof if not r.is_outage and not r.rules and r.head_product), default=0.5)
    return min(0.995, max(0.5, math.floor(worst * 200 + 1) / 200))


def is_restriction(r: Row) -> bool:
    return r.kind == "restriction"


def export(c_value: float) -> None:
    """Train on SHIPPED_SETS and write the models the analysis reads: the outage fallback
    (app/analysis/learned_outage.json, every page) and the kind model (app/analysis/learned_kind.json, the pages
    labelled as incidents: restriction or not)."""
    rows = build(set(SHIPPED_SETS), exclude=set())
    sets = sorted({r.set_name for r in rows})
    assert sets == sorted(SHIPPED_SETS), sets
    incidents = [r for r in rows if r.is_outage and r.kind]
    for path, fmt, threshold, train_rows, label in (
        (MODEL_PATH, FORMAT, SHIPPED_THRESHOLD, rows, None),
        (KIND_MODEL_PATH, KIND_FORMAT, KIND_THRESHOLD, incidents, is_restriction),
    ):
        bias, weights = train(train_rows, c_value, label=label)
        path.write_text(
            json.dumps(
                {
                    "format": fmt,
                    "trained_on": sets,
                    "pages": len(train_rows),
                    "C": c_value,
                    "seed": SEED,
                    "threshold": threshold,
                    "bias": round(bias, 4),
                    "weights": dict(sorted(weights.items())),
                },
                ensure_ascii=True,
                separators=(",", ":"),
            )
            + "\n",
            encoding="utf-8",
        )
        print(
            f"{len(train_rows)} pages of {sets}: exported {len(weights)} weights to {path}", file=sys.stderr
        )


def kind_forward(c_value: float) -> list[str]:
    """The kind model in the order the sets were written: each set from K on scored by a model trained on the
    incident pages of the sets written before it (never a blind set), at several thresholds."""
    rows = build(set(SHIPPED_SETS), exclude=set())
    incidents = [r for r in rows if r.is_outage and r.kind]
    scored: list[tuple[float, Row]] = []
    for i, s in enumerate(SHIPPED_SETS):
        if i < SHIPPED_SETS.index("k"):
            continue
        test = [r for r in incidents if r.set_name == s]
        if test:
            model = train(
                [r for r in incidents if SHIPPED_SETS.index(r.set_name) < i], c_value, label=is_restriction
            )
            scored += [(prob(model, r.feats), r) for r in test]
    out = [
        f"### Kind model, forward (sets K–BS, {len(scored)} incident pages, C={c_value})",
        "",
        "| threshold | restrictions found / all | precision | other kinds read as restriction |",
        "|---|---|---|---|",
    ]
    n_restr = sum(is_restriction(r) for _, r in scored)
    for t in (0.5, 0.7, 0.8, 0.9, 0.95):
        tp = sum(p >= t and is_restriction(r) for p, r in scored)
        fp = sum(p >= t and not is_restriction(r) for p, r in scored)
        out.append(f"| {t} | {tp}/{n_restr} | {tp}/{tp + fp} | {fp} |")
    worst = max((p for p, r in scored if not is_restriction(r)), default=0.0)
    return [*out, "", f"Highest forward score of an incident of another kind: {worst:.3f}", ""]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--export", action="store_true")
    ap.add_argument("--kind-forward", action="store_true", help="only the kind model's forward table")
    ap.add_argument("--score-k", action="store_true")
    ap.add_argument(
        "--blind-verdicts",
        type=Path,
        default=None,
        help="directory of v-<set>.json ({file: is_outage}) made by the analysis code of the commit each set was first"
        " scored blind on",
    )
    ap.add_argument("--out", type=Path, default=None, help="write the tables (markdown) there")
    ap.add_argument(
        "--make-blind-verdicts",
        action="store_true",
        help="first build --blind-verdicts DIR from the old commits",
    )
    args = ap.parse_args()
    if args.make_blind_verdicts and args.blind_verdicts:
        make_blind_verdicts(args.blind_verdicts)
    t0 = time.process_time()
    if args.kind_forward:
        print("\n".join(kind_forward(args.C)))
        return
    if args.export:
        export(args.C)
        print(f"CPU {time.process_time() - t0:.1f} s, load {os.getloadavg()[0]:.2f}", file=sys.stderr)
        return
    rows = build(set(CHRONO), exclude={TEST_SET})
    sets = sorted({r.set_name for r in rows})
    print(
        f"dataset: {len(rows)} pages, {sum(r.is_outage for r in rows)} outages, sets {sets}", file=sys.stderr
    )
    oof: dict[str, list[tuple[Row, float]]] = {}
    for s in sets:
        model = train([r for r in rows if r.set_name != s], args.C)
        oof[s] = [(r, prob(model, r.feats)) for r in rows if r.set_name == s]
    flat = [x for v in oof.values() for x in v]
    threshold = choose_threshold(flat)
    lines = [f"C={args.C}, load {os.getloadavg()[0]:.2f}", ""]
    lines += table("Leave-one-set-out (A–J + demo)", oof, threshold)
    lines += kind_table(rows, args.C)
    # in the order the sets were written: train on the sets before X only, as the rules were tuned before X was met
    fwd: dict[str, list[tuple[Row, float]]] = {}
    for i, s in enumerate(CHRONO):
        if s in FORWARD_TESTS:
            model = train([r for r in rows if r.set_name in CHRONO[:i]], args.C)
            fwd[s] = [(r, prob(model, r.feats)) for r in rows if r.set_name == s]
    lines += table("Forward (train on the sets written before X, score X)", fwd, threshold)
    if args.blind_verdicts:
        # the rules as they were when each set was first scored blind (verdicts made by that commit's code)
        blind: dict[str, list[tuple[Row, float]]] = {}
        for s, items in fwd.items():
            v = json.loads((args.blind_verdicts / f"v-{s}.json").read_text(encoding="utf-8"))
            blind[s] = [(dataclasses.replace(r, rules=bool(v[r.file])), p) for r, p in items]
        lines += table(
            "Forward, against the rules as they were when X was blind (rules P/R = the recorded first blind score)",
            blind,
            threshold,
        )
        worst = max(
            (p for v in blind.values() for r, p in v if not r.is_outage and not r.rules and r.head_product)
        )
        lines += [
            f"Highest forward score of a negative the blind rules did not flag (gate passed): {worst:.3f}",
            "",
        ]
        lines += [
            "Forward scores of the pages the blind rules got wrong (p, page, gold, product in title/lead):",
            "",
        ]
        lines += [
            f"- {p:.3f} {r.file} outage={r.is_outage} {r.head_product}"
            for v in blind.values()
            for r, p in sorted(v, key=lambda x: -x[1])
            if r.rules != r.is_outage or (not r.is_outage and p >= threshold)
        ] + [""]
    negs = sorted(
        ((p, r.set_name, r.file) for r, p in flat if not r.is_outage and not r.rules), reverse=True
    )[:5]
    lines += ["Highest out-of-fold scores of true negatives the rules did not flag:", ""]
    lines += [f"- {p:.3f} {s}:{f}" for p, s, f in negs] + [""]
    missed = sorted(
        ((p, r.set_name, r.file, r.head_product) for r, p in flat if r.is_outage and not r.rules),
        reverse=True,
    )
    lines += ["Out-of-fold scores of the outages the rules miss (p, page, product in title/lead):", ""]
    lines += [f"- {p:.3f} {s}:{f} {h}" for p, s, f, h in missed] + [""]
    final = None
    if args.score_k:
        final = train(rows, args.C)
    if args.score_k and final is not None:
        k_rows = build({TEST_SET}, exclude=set())
        lines += table(
            "Set K, scored once (trained on A–J + demo, threshold from the folds)",
            {"k": [(r, prob(final, r.feats)) for r in k_rows]},
            threshold,
        )
        lines += ["K outages the rules miss (p, page, product in title/lead):", ""]
        lines += [
            f"- {prob(final, r.feats):.3f} {r.file} {r.head_product}"
            for r in k_rows
            if r.is_outage and not r.rules
        ] + [""]
        lines += ["K negatives, top scores:", ""]
        lines += [
            f"- {p:.3f} {f} rules={ru}"
            for p, f, ru in sorted(
                ((prob(final, r.feats), r.file, r.rules) for r in k_rows if not r.is_outage), reverse=True
            )[:5]
        ] + [""]
    lines.append(f"CPU {time.process_time() - t0:.1f} s, load {os.getloadavg()[0]:.2f}")
    text = "\n".join(lines)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
