#!/usr/bin/env python3
"""PyTorch's throughput on a CIFAR-10 batch file, for bench/eval/eval-bench.ts.

    /usr/bin/python3 bench/eval/torch_throughput.py ORACLE_DIR CHECKPOINT DEPTH BATCH_FILE
        [--batch 64] [--threads 2] [--runs 5] [--predictions FIXTURE_JSON]

Loads the legacy .th checkpoint exactly as the torch oracle does (make_fixtures.cifar_from_th), turns the
records into normalized float32 tensors (ToTensor + Normalize with the bundled models' ImageNet
statistics), then times model(x) over the whole file in batches, under torch.no_grad, `runs` times after
one warm-up pass. Prints one JSON line: images/s per run (inference only), the median, the preprocessing
time, and the accuracy (checked against the fixture's predictions when given).
"""
import importlib.util
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


def oracle(oracle_dir):
    spec = importlib.util.spec_from_file_location("make_fixtures", os.path.join(oracle_dir, "make_fixtures.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def opt(name, default):
    return type(default)(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main():
    oracle_dir, checkpoint, depth, batch_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    batch, threads, runs = opt("--batch", 64), opt("--threads", 2), opt("--runs", 5)
    torch.set_num_threads(threads)
    model = oracle(oracle_dir).cifar_from_th(checkpoint, depth)

    raw = np.fromfile(batch_file, dtype=np.uint8).reshape(-1, 3073)
    labels = raw[:, 0].astype(np.int64)
    t0 = time.perf_counter()
    x = torch.from_numpy(raw[:, 1:].reshape(-1, 3, 32, 32).copy()).float().div(255)
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    preprocess_ms = (time.perf_counter() - t0) * 1000
    chunks = list(torch.split(x, batch))

    def run_all():
        with torch.no_grad():
            return torch.cat([model(c) for c in chunks]).argmax(1)

    run_all()  # warm-up
    rates = []
    for _ in range(runs):
        t = time.perf_counter()
        predicted = run_all()
        rates.append(len(x) / (time.perf_counter() - t))
    predicted = predicted.numpy()
    out = {
        "torch": torch.__version__,
        "threads": threads,
        "batch": batch,
        "images": int(len(x)),
        "imagesPerSecond": statistics.median(rates),
        "runs": rates,
        "preprocessMs": preprocess_ms,
        "accuracy": float((predicted == labels).mean()),
    }
    path = opt("--predictions", "")
    if path:
        with open(path) as f:
            ref = json.load(f)["models"][os.path.basename(checkpoint)]["predictions"]
        out["agreesWithFixture"] = bool((predicted == np.array(ref)).all())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
