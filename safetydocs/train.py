"""``safetydocs train``: rebuild the trained models from an annotated corpus.

Training examples are the running-text sentences and clauses that the task
stage considers (numbered items and table rows are decided by the layout).
A piece that holds a gold task's anchor is positive; one that holds none is
negative, with full weight on documents whose gold lists every task and a
small weight elsewhere (there an unlisted piece may still be a task).

The second model, the body selector (:mod:`safetydocs.extract.involvement_model`),
learns from whole parses: every body the name grammar finds in a training
document is an example, positive when the gold lists it among the document's
departments or collectives (the scorer's own name match). The parses use the
task classifier the parser loads (``models/`` of the checkout or the wheel).

Everything is deterministic: files in sorted order, fixed seeds, a linear
solver without randomness, so the same corpus gives the same weights.
Documents under a folder named ``heldout``, ``dev``, ``agreement`` or ``fresh`` are never trained on.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel

# The table corpus (corpus/tables) holds rows for the gazetteer, not gold documents; corpus/agreement holds second
# annotations of train documents, which measure how far annotators agree and would count those documents twice.
EXCLUDED_FOLDERS = frozenset({"heldout", "dev", "samples", "tables", "agreement", "fresh"})
NEGATIVE_WEIGHT_PARTIAL = 0.3  # an unlisted piece of a non-exhaustive document is only probably no task
SEED = 0
# How many different splits into folds the body selector's threshold is chosen over (grouped_folds).
BODY_CV_REPEATS = 5
# The fewest bodies of one kind and language the selector is trained to decide. Below it the rules decide:
# on the English corpus (about 150 bodies of each kind) a selector with the best cross-validated F1 still
# dropped most of the development set's interviewed and reporting cities (recall 0.84 -> 0.25), bodies
# the schema lists; the Chinese corpus has 430-580 of each kind.
MIN_BODY_EXAMPLES = 300
# The most recall the selector may give up against the rules alone in cross-validation. It is there to drop bodies
# named in passing, not most bodies: the English body selector, once its corpus passed 300 bodies, kept 0.58 of the
# gold names where the rules kept 0.73, and on the development set it dropped every English department (recall
# 0.64 -> 0.00); the Chinese selectors give up 0.03-0.07.
MAX_BODY_RECALL_LOSS = 0.10


class LanguageScores(BaseModel):
    language: str
    documents: int
    examples: int
    positives: int
    precision: float
    recall: float
    f1: float
    threshold: float
    rule_threshold: float
    rules_precision: float  # the cue-word rules alone, on the same examples
    rules_recall: float
    rules_f1: float


class BodyScores(BaseModel):
    """Cross-validated scores of the body selector for one language and kind, beside the rules alone."""
    language: str
    kind: str
    # trained on enough bodies (MIN_BODY_EXAMPLES) to decide, giving up little recall (MAX_BODY_RECALL_LOSS); else
    # the rules decide
    used: bool
    documents: int
    examples: int
    gold: int  # gold names, found by the grammar or not: recall is counted against all of them
    precision: float
    recall: float
    f1: float
    threshold: float
    rules_precision: float
    rules_recall: float
    rules_f1: float


class TrainReport(BaseModel):
    corpus: str
    out: str
    languages: list[LanguageScores]
    bodies: list[BodyScores] = []


def training_documents(corpus_dir: Path) -> list:
    from .evaluation import is_gold_file, load_gold

    files = sorted(p for p in Path(corpus_dir).rglob("*.json") if is_gold_file(p)
                   if not (set(p.relative_to(corpus_dir).parts[:-1]) & EXCLUDED_FOLDERS))
    return [load_gold(p) for p in files]


def _examples(gold) -> tuple[list, list[int], list[float]]:
    from .extract.tasks import running_pieces, structural_tasks
    from .analysis import analyse
    from .structure.normalize import canonical
    from .structure.segment import find_headings

    canon = canonical(gold.text)
    doc = analyse(gold.text, canon, language=gold.lang)
    layout = find_headings(gold.text, canon, language=gold.lang)
    from .structure.notes import find_notes
    from .structure.tables import find_text_tables

    layout.notes = find_notes(canon, language=gold.lang)  # as the pipeline sees the text

    _, covered = structural_tasks(canon, language=gold.lang, layout=layout, tables=find_text_tables(gold.text))
    from .extract.deadlines import find_deadlines

    deadlines = find_deadlines(gold.text, canon=canon, language=gold.lang, issued=None)
    pieces = running_pieces(canon, doc=doc, language=gold.lang, layout=layout, covered=covered,
                            deadline_spans=[d.span for d in deadlines])
    anchors = []
    for task in gold.tasks:
        start = canon.find(canonical(task.anchor))
        if start >= 0:
            anchors.append((start, start + len(task.anchor)))
    labels, weights = [], []
    for piece in pieces:
        hit = any(min(piece.span[1], e) - max(piece.span[0], s) >= (e - s) / 2 for s, e in anchors)
        labels.append(1 if hit else 0)
        weights.append(1.0 if hit or gold.exhaustive_tasks else NEGATIVE_WEIGHT_PARTIAL)
    return pieces, labels, weights


def _fit(matrix, labels, weights):
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=4.0, class_weight="balanced", solver="liblinear", max_iter=2000, random_state=SEED)
    model.fit(matrix, labels, sample_weight=weights)
    return model


def _prf(accepted: list[bool], labels: list[int]) -> tuple[float, float, float]:
    tp = sum(1 for a, y in zip(accepted, labels) if a and y)
    fp = sum(1 for a, y in zip(accepted, labels) if a and not y)
    fn = sum(1 for a, y in zip(accepted, labels) if not a and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _choose_thresholds(probabilities, rules, vetoed, labels, forced=None) -> tuple[float, float, tuple[float, float, float]]:
    """The pair of thresholds with the best cross-validated F1; among pairs within ``_F1_TOLERANCE`` of it, the
    one that finds most tasks (a reviewer strikes out an extra task at a glance, but must read the whole notice
    to find a missed one), then the stricter pair.

    ``forced`` pieces (an explicit demand or a subject doing its work) are accepted whatever the model says,
    as the parser accepts them (extract.tasks._decide)."""
    grid = [round(0.05 * i, 2) for i in range(2, 20)]
    forced = forced or [False] * len(labels)
    scored = []
    for threshold in grid:
        for rule_threshold in [t for t in grid if t <= threshold]:
            accepted = [not v and (f or p >= threshold or (r is not None and p >= rule_threshold))
                        for p, r, v, f in zip(probabilities, rules, vetoed, forced)]
            precision, recall, f1 = _prf(accepted, labels)
            scored.append((f1, recall, threshold, rule_threshold, (precision, recall, f1)))
    top = max(f1 for f1, *_ in scored)
    near = [s for s in scored if s[0] >= top - _F1_TOLERANCE]
    best = max(near, key=lambda s: (round(s[1], 9), s[2], s[3]))
    return best[2], best[3], best[4]


# A flat optimum: F1 differences this small between threshold pairs are noise of the folds (a few hundred
# examples per language give F1 a standard error of about 0.02).
_F1_TOLERANCE = 0.015


def _body_examples(gold) -> tuple[list, list[int], int, int]:
    """The bodies found in one training document, their labels, and the numbers of gold names per kind."""
    from .evaluation import normalize_name
    from .extract.departments import alias_name
    from .pipeline import body_evidence

    document, bodies = body_evidence(gold.text, source=gold.id, lang=gold.lang)
    labels = []
    for body in bodies:
        department = body.department
        names = gold.departments if department.kind == "body" else gold.collectives
        forms = {normalize_name(f) for f in (department.name, *department.mentions)}
        canonical_name = normalize_name(department.name)
        labels.append(int(any(normalize_name(n) in forms
                              or normalize_name(alias_name(n, language=gold.lang)) == canonical_name for n in names)))
    return bodies, labels, len(set(gold.departments)), len(set(gold.collectives))


def _fit_bodies(rows: list[dict], labels):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows).tocsr()
    # liblinear, as for the task classifier: the same weights on any machine (lbfgs goes through BLAS, whose
    # rounding differs between builds); it takes 32-bit indices only, DictVectorizer builds 64-bit ones.
    matrix.indices, matrix.indptr = matrix.indices.astype("int32"), matrix.indptr.astype("int32")
    model = LogisticRegression(C=1.0, solver="liblinear", max_iter=2000, random_state=SEED)
    model.fit(matrix, labels)
    return vectorizer, model


def selector_decides(*, examples: int, recall: float, rules_recall: float) -> bool:
    """Whether the body selector of one language and kind decides, or the rules: enough examples, and not much of
    the rules' recall given up in cross-validation."""
    return examples >= MIN_BODY_EXAMPLES and rules_recall - recall <= MAX_BODY_RECALL_LOSS + 1e-9


def grouped_folds(groups: list[int], *, n_splits: int, seed: int) -> list[tuple[Any, Any]]:
    """(train, test) index arrays of ``n_splits`` folds that keep each document's examples together, the documents
    dealt to the folds in a random order fixed by ``seed`` (so several seeds give several different splits)."""
    import numpy as np

    documents = np.array(sorted(set(groups)))
    np.random.default_rng(seed).shuffle(documents)
    fold_of = {int(document): position % n_splits for position, document in enumerate(documents)}
    folds = np.array([fold_of[group] for group in groups])
    return [(np.flatnonzero(folds != k), np.flatnonzero(folds == k)) for k in range(n_splits)]


def _train_bodies(golds: list, language: str) -> tuple[list[BodyScores], Optional[object]]:
    """Cross-validated thresholds per kind, then the selector fitted on every document."""
    import numpy as np

    from .extract.involvement_model import InvolvementModel

    bodies, labels, groups = [], [], []
    gold_names = {"body": 0, "collective": 0}
    for index, gold in enumerate(g for g in golds if g.lang == language):
        found, y, departments, collectives = _body_examples(gold)
        bodies += found
        labels += y
        groups += [index] * len(found)
        gold_names["body"] += departments
        gold_names["collective"] += collectives
    documents = len(set(groups))
    if documents < 2 or len(set(labels)) < 2:
        return [], None
    rows = [b.features for b in bodies]
    labels_array = np.array(labels)
    # Out-of-fold probabilities over BODY_CV_REPEATS different splits of the documents into folds: one split's
    # F1 curve is flat near its best and its peak moves from split to split (the threshold went 0.30, 0.35, 0.25
    # over three retrainings on one split), so the threshold is chosen on the curve averaged over the splits.
    repeats = []
    for repeat in range(BODY_CV_REPEATS):
        probabilities = np.zeros(len(labels))
        for train_index, test_index in grouped_folds(groups, n_splits=min(5, documents), seed=SEED + repeat):
            if len(set(labels_array[train_index])) < 2:
                probabilities[test_index] = labels_array[train_index].mean()
                continue
            vectorizer, model = _fit_bodies([rows[i] for i in train_index], labels_array[train_index])
            probabilities[test_index] = model.predict_proba(vectorizer.transform([rows[i] for i in test_index]))[:, 1]
        repeats.append(probabilities)
    scores, thresholds = [], {}
    for kind in ("body", "collective"):
        chosen = [i for i, b in enumerate(bodies) if b.department.kind == kind]
        if not chosen:
            continue
        y = [labels[i] for i in chosen]
        total = gold_names[kind]

        def prf(accepted: list[bool]) -> tuple[float, float, float]:
            tp = sum(1 for a, t in zip(accepted, y) if a and t)
            fp = sum(1 for a, t in zip(accepted, y) if a and not t)
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / total if total else 0.0
            return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)

        grid = [round(0.05 * i, 2) for i in range(2, 19)]
        # (precision, recall, F1) at each threshold, each the mean over the repeated splits
        scored = [(tuple(float(np.mean(values)) for values in zip(*(
            prf([bodies[i].given_work or (bodies[i].by_rule and probabilities[i] >= t) for i in chosen])
            for probabilities in repeats))), t) for t in grid]
        # The centre of the plateau: F1 averaged with its neighbours on the grid, the lower threshold on a tie.
        # (Taking, as for tasks, the lowest threshold within the folds' noise put a body's threshold at the
        # plateau's lower edge, which moved with every retraining and let in a spurious name for each one found.)
        smoothed = [sum(f for (_, _, f), _ in scored[max(0, i - 1):i + 2]) / len(scored[max(0, i - 1):i + 2])
                    for i in range(len(scored))]
        best = max(range(len(scored)), key=lambda i: (round(smoothed[i], 9), -i))
        (precision, recall, f1), threshold = scored[best]
        rules = prf([bodies[i].given_work or bodies[i].by_rule for i in chosen])
        if selector_decides(examples=len(chosen), recall=recall, rules_recall=rules[1]):
            thresholds[kind] = threshold
        scores.append(BodyScores(language=language, kind=kind, used=kind in thresholds, documents=documents,
                                 examples=len(chosen), gold=total,
                                 precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4),
                                 threshold=threshold, rules_precision=round(rules[0], 4),
                                 rules_recall=round(rules[1], 4), rules_f1=round(rules[2], 4)))
    vectorizer, model = _fit_bodies(rows, labels_array)
    weights = {name: round(float(w), 6) for name, w in zip(vectorizer.feature_names_, model.coef_.ravel())
               if abs(w) > 1e-6}
    selector = InvolvementModel(language=language, weights=weights, intercept=round(float(model.intercept_[0]), 6),
                                thresholds=thresholds,
                                meta={"trained_on": sorted(g.id for g in golds if g.lang == language),
                                      "cross_validated": [s.model_dump() for s in scores], "seed": SEED,
                                      "cv_repeats": BODY_CV_REPEATS,
                                      "sklearn": __import__("sklearn").__version__})
    return scores, selector


def default_out_dir(cwd: Optional[Path] = None) -> Path:
    """Where ``safetydocs train`` writes without ``--out``: the ``models/`` folder of the checkout it runs in.

    Outside a checkout there is no sensible place: the installed package's own data is never
    overwritten behind the user's back (:class:`~safetydocs.errors.InvalidArgument`, SD501).
    """
    from .errors import InvalidArgument

    folder = (cwd or Path.cwd()) / "models"
    if (folder / "zh" / "departments.yaml").is_file() and (folder / "en" / "departments.yaml").is_file():
        return folder
    raise InvalidArgument("--out", f"no models/ folder of a safetydocs checkout in {folder.parent}: "
                          "say where to write the models with --out DIR")


def train(corpus_dir: str | Path, *, out_dir: Optional[str | Path] = None) -> TrainReport:
    """Train one task classifier per language on ``corpus_dir`` and write it to ``out_dir``
    (default: :func:`default_out_dir`, the checkout's ``models/``)."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    from .errors import GoldFormatError
    from .extract.task_classifier import TaskClassifier, featurize, save_classifier
    corpus_dir = Path(corpus_dir)
    out = Path(out_dir) if out_dir is not None else default_out_dir()
    golds = training_documents(corpus_dir)
    if not golds:
        raise GoldFormatError(str(corpus_dir), "no gold files to train on (heldout/ and dev/ are never used)")
    scores = []
    for language in ("zh", "en"):
        pieces, labels, weights, groups = [], [], [], []
        for index, gold in enumerate(g for g in golds if g.lang == language):
            p, y, w = _examples(gold)
            pieces += p
            labels += y
            weights += w
            groups += [index] * len(p)
        documents = len(set(groups))
        if documents < 2 or len(set(labels)) < 2:
            continue
        matrix = featurize(pieces, language=language)
        labels_array, weights_array = np.array(labels), np.array(weights)
        cv_probabilities = np.zeros(len(labels))
        for train_index, test_index in GroupKFold(n_splits=min(5, documents)).split(matrix, labels, groups):
            if len(set(labels_array[train_index])) < 2:
                cv_probabilities[test_index] = labels_array[train_index].mean()
                continue
            model = _fit(matrix[train_index], labels_array[train_index], weights_array[train_index])
            cv_probabilities[test_index] = model.predict_proba(matrix[test_index])[:, 1]
        threshold, rule_threshold, (precision, recall, f1) = _choose_thresholds(
            list(cv_probabilities), [p.rule for p in pieces], [p.background for p in pieces], labels,
            [p.explicit or p.subject for p in pieces])
        rules_precision, rules_recall, rules_f1 = _prf([p.rule is not None for p in pieces], labels)
        model = _fit(matrix, labels_array, weights_array)
        coef = model.coef_.ravel()
        nonzero = np.flatnonzero(np.abs(coef) > 1e-6)
        language_scores = LanguageScores(
            language=language, documents=documents, examples=len(labels), positives=int(sum(labels)),
            precision=round(precision, 4), recall=round(recall, 4), f1=round(f1, 4),
            threshold=threshold, rule_threshold=rule_threshold, rules_precision=round(rules_precision, 4),
            rules_recall=round(rules_recall, 4), rules_f1=round(rules_f1, 4))
        save_classifier(TaskClassifier(
            language=language, indices=nonzero.astype("int32"), weights=coef[nonzero].astype("float32"),
            intercept=float(model.intercept_[0]), threshold=threshold, rule_threshold=rule_threshold,
            meta={"trained_on": sorted(g.id for g in golds if g.lang == language),
                  "cross_validated": language_scores.model_dump(), "seed": SEED,
                  "sklearn": __import__("sklearn").__version__}), out)
        scores.append(language_scores)
    from .extract.involvement_model import load_model, save_model
    from .extract.task_classifier import load_classifier

    load_classifier.cache_clear()
    body_scores = []
    for language in ("zh", "en"):
        language_scores, selector = _train_bodies(golds, language)
        if selector is not None:
            save_model(selector, out)
        body_scores += language_scores
    load_model.cache_clear()
    return TrainReport(corpus=str(corpus_dir), out=str(out), languages=scores, bodies=body_scores)


def format_report(report: TrainReport) -> str:
    lines = [f"trained on {report.corpus} -> {report.out}",
             "sentences and clauses of running text; 5-fold cross-validation grouped by document",
             "language  docs  examples  positives  cv-P    cv-R    cv-F1   rules-P rules-R rules-F1  thresholds"]
    for s in report.languages:
        lines.append(f"{s.language:<9} {s.documents:>4}  {s.examples:>8}  {s.positives:>9}  {s.precision:.3f}   "
                     f"{s.recall:.3f}   {s.f1:.3f}   {s.rules_precision:.3f}   {s.rules_recall:.3f}   "
                     f"{s.rules_f1:.3f}     {s.threshold:.2f} / rule {s.rule_threshold:.2f}")
    if report.bodies:
        lines += ["bodies given work (departments and collectives); 5-fold cross-validation grouped by document, "
                  f"averaged over {BODY_CV_REPEATS} splits",
                  "language  kind        examples  gold  cv-P    cv-R    cv-F1   rules-P rules-R rules-F1  threshold"
                  f" (rules alone below {MIN_BODY_EXAMPLES} examples or past {MAX_BODY_RECALL_LOSS:.2f} recall lost)"]
        for b in report.bodies:
            lines.append(f"{b.language:<9} {b.kind:<10}  {b.examples:>8}  {b.gold:>4}  {b.precision:.3f}   "
                         f"{b.recall:.3f}   {b.f1:.3f}   {b.rules_precision:.3f}   {b.rules_recall:.3f}   "
                         f"{b.rules_f1:.3f}     {b.threshold:.2f}" + ("" if b.used else " (rules decide)"))
    return "\n".join(lines)


__all__ = ["TrainReport", "format_report", "train", "training_documents"]
