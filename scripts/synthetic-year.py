#!/usr/bin/env python3
"""Writes a synthetic fiscal year for load tests: N measures (default 200)
built from the sample report's own sentences, as a Prongsai report file.

    scripts/synthetic-year.py [--measures 200] [--year 2599] > big.json
    prongsai-cli --db /tmp/big.sqlite import-report big.json
    prongsai-cli --db /tmp/big.sqlite export --year 2599 --out big.pdf
"""
import argparse
import json
import pathlib
import random

SAMPLE = pathlib.Path(__file__).resolve().parent.parent / "src-tauri/core/sample/dip-fy2566.json"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--measures", type=int, default=200)
    ap.add_argument("--year", type=int, default=2599)
    ap.add_argument("--seed", type=int, default=2566)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    titles = [m["title"] for m in sample["measures"]]
    activities = [a for m in sample["measures"] for a in m["activities"]]
    results = [r for m in sample["measures"] for r in m["results"] if r["level"] == 0]
    measures = []
    for i in range(args.measures):
        measures.append({
            "title": f"{rng.choice(titles)} ({i + 1})",
            "activities": [dict(level=0, text=rng.choice(activities)["text"]) for _ in range(rng.randint(1, 3))],
            "results": [
                {"level": 0, "text": r["text"], "evidence": r["evidence"]}
                for r in rng.sample(results, rng.randint(3, 4))
            ],
            "remarks": "" if rng.random() < 0.7 else "อยู่ระหว่างดำเนินการ",
        })
    doc = {
        "format": "prongsai-report",
        "version": 1,
        "organization": sample["organization"],
        "year": {**sample["year"], "year_be": args.year,
                 "title": [t.replace("2566", str(args.year)) for t in sample["year"]["title"]]},
        "measures": measures,
        "outcomes": sample["outcomes"],
    }
    print(json.dumps(doc, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
