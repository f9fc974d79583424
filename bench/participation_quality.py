"""Theme quality: NMI and ARI of the discovered themes against known subjects.

Corpus: 5,000 French answers GENERATED from templates (parvis/participation/lib/corpus.py, 16 subjects,
5 phrases each, random openings/closings, a third mixing two phrases of the same subject). It is synthetic,
written for this project, not real residents' text. Baseline in the same run: k-means on the same TF-IDF.
Run: .venv/bin/python bench/participation_quality.py
"""

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score  # noqa: E402

from parvis.participation.lib.corpus import SUBJECTS, labelled_answers  # noqa: E402
from parvis.participation.lib.textnorm import tokens  # noqa: E402
from parvis.participation.lib.themes import Document, synthesise  # noqa: E402


def predicted_labels(result, n):
    labels = [-1] * n
    for t, theme in enumerate(result.themes):
        for i in theme.members:
            labels[i] = t
    return labels


def main(n: int = 5000) -> None:
    pairs = labelled_answers(n, seed=7)
    truth = [s for s, _ in pairs]
    docs = [Document(text) for _, text in pairs]
    k = len(SUBJECTS)
    for label, n_themes in (("k = number of subjects", k), ("k chosen automatically", None)):
        start = time.perf_counter()
        result = synthesise(docs, n_themes=n_themes)
        elapsed = time.perf_counter() - start
        pred = predicted_labels(result, n)
        print(
            f"Parvis, {label} ({len(result.themes)} themes): NMI {normalized_mutual_info_score(truth, pred):.3f}, "
            f"ARI {adjusted_rand_score(truth, pred):.3f}, {elapsed:.2f} s"
        )
    start = time.perf_counter()
    x = TfidfVectorizer(analyzer=lambda t: t, sublinear_tf=True).fit_transform([tokens(d.text) for d in docs])
    pred = KMeans(n_clusters=k, n_init=3, random_state=0).fit_predict(x)
    elapsed = time.perf_counter() - start
    print(
        f"baseline k-means, k = {k}: NMI {normalized_mutual_info_score(truth, pred):.3f}, "
        f"ARI {adjusted_rand_score(truth, pred):.3f}, {elapsed:.2f} s"
    )


if __name__ == "__main__":
    main()
