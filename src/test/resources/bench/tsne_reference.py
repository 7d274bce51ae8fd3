"""Reference side of TsneBenchmark (benchmarks only, never from mvn verify).

  tsne  MATRIX N D OUT   scikit-learn TSNE on a float32 matrix, embedding written to OUT; prints JSON
  trust MATRIX N D EMBEDDING...  trustworthiness(X, Y, n_neighbors=10) of each float32 N x 2 embedding
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.manifold import TSNE, trustworthiness


def load(path, n, d):
    return np.fromfile(path, dtype="<f4").reshape(int(n), int(d))


def main():
    mode = sys.argv[1]
    x = load(sys.argv[2], sys.argv[3], sys.argv[4])
    if mode == "tsne":
        kw = dict(n_components=2, perplexity=30, init="pca", random_state=1, learning_rate="auto")
        try:
            tsne = TSNE(max_iter=1000, **kw)
        except TypeError:  # scikit-learn < 1.5 calls it n_iter
            tsne = TSNE(n_iter=1000, **kw)
        start = time.perf_counter()
        y = tsne.fit_transform(x)
        seconds = time.perf_counter() - start
        y.astype("<f4").tofile(sys.argv[5])
        print(json.dumps({"seconds": seconds, "sklearn": sklearn.__version__, "method": tsne.method}))
    elif mode == "trust":
        out = []
        for path in sys.argv[5:]:
            y = np.fromfile(path, dtype="<f4").reshape(x.shape[0], 2)
            out.append(float(trustworthiness(x, y, n_neighbors=10)))
        print(json.dumps({"trust": out}))
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main()
