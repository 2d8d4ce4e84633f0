"""Time the Python library `lifetimes` 0.11.3 on a customer summary, for
comparison with Ladder's Rust BG/NBD + Gamma-Gamma implementation.

Usage:
    python bench/lifetimes_bench.py SUMMARY.csv [--time-unit days|weeks]
        [--horizon H] [--clv-months 12] [--discount-rate 0.01]

SUMMARY.csv has the columns customer_id,frequency,recency,T,monetary_value
(monetary_value may be 0 where frequency is 0). Reading the file is not timed.
Timed: the BG/NBD fit and the Gamma-Gamma fit (on frequency > 0 only), then,
for all customers, expected purchases up to H, P(alive), expected average
profit and CLV. Prints one JSON object on stdout.

Note: lifetimes' CLV treats a month as 4.345 periods for freq 'W' and 30 for
'D' (Ladder uses 30.415 days); lifetimes is used as is, and the freq used is
reported as "clv_freq".
"""
import argparse
import json
import time

import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("summary")
    ap.add_argument("--time-unit", choices=["days", "weeks"], default="days")
    ap.add_argument("--horizon", type=float, default=90)
    ap.add_argument("--clv-months", type=int, default=12)
    ap.add_argument("--discount-rate", type=float, default=0.01)
    args = ap.parse_args()
    freq = "W" if args.time_unit == "weeks" else "D"

    df = pd.read_csv(args.summary)
    f = df["frequency"].astype(float)
    r = df["recency"].astype(float)
    T = df["T"].astype(float)
    m = df["monetary_value"].astype(float)
    repeat = f > 0

    t0 = time.perf_counter()
    bgf = BetaGeoFitter(penalizer_coef=0).fit(f, r, T)
    ggf = GammaGammaFitter(penalizer_coef=0).fit(f[repeat], m[repeat])
    t1 = time.perf_counter()
    bgf.conditional_expected_number_of_purchases_up_to_time(args.horizon, f, r, T)
    bgf.conditional_probability_alive(f, r, T)
    ggf.conditional_expected_average_profit(f, m)
    ggf.customer_lifetime_value(bgf, f, r, T, m, time=args.clv_months,
                                discount_rate=args.discount_rate, freq=freq)
    t2 = time.perf_counter()

    params = {k: float(v) for k, v in bgf.params_.items()}
    params.update({k: float(v) for k, v in ggf.params_.items()})
    print(json.dumps({
        "library": "lifetimes 0.11.3",
        "customers": len(df),
        "fit_seconds": t1 - t0,
        "predict_seconds": t2 - t1,
        "total_seconds": t2 - t0,
        "clv_freq": freq,
        "params": params,
    }))


if __name__ == "__main__":
    main()
