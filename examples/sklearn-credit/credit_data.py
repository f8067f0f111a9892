"""Synthetic loan applications for the sklearn-credit example: five features and a `defaulted` label ("yes" / "no").

  before  the world the first model is trained on.
  after   incomes fall and self-employment grows (data drift), and who defaults changes (a concept change: debt
          matters less, self-employment much more) — the champion gets worse, a model retrained on it gets better.

usage: python credit_data.py --period before|after --rows N --seed S --out FILE.csv
Everything is seeded: the same arguments give the same file.
"""
import argparse

import numpy as np
import pandas as pd

FEATURES = ["age", "income", "debt_ratio", "late_payments", "employment"]
TARGET = "defaulted"


def credit_rows(rows: int, seed: int, period: str) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    after = period == "after"
    age = rng.normal(42, 11, rows).clip(18, 90)
    income = rng.lognormal(10.3 if after else 10.6, 0.45, rows)
    debt_ratio = rng.beta(3, 4, rows) if after else rng.beta(2, 5, rows)
    late_payments = rng.poisson(1.2 if after else 0.6, rows)
    employment = rng.choice(
        ["salaried", "self-employed", "unemployed"], rows, p=[0.55, 0.3, 0.15] if after else [0.7, 0.22, 0.08]
    )
    self_employed = employment == "self-employed"
    unemployed = employment == "unemployed"
    if after:
        margin = -1.4 + 1.0 * debt_ratio + 0.2 * late_payments + 2.2 * self_employed + 1.2 * unemployed - 0.3 * (np.log(income) - 10.3)
    else:
        margin = -1.6 + 3.0 * debt_ratio + 0.6 * late_payments + 1.0 * unemployed - 0.8 * (np.log(income) - 10.6) - 0.02 * (age - 42)
    defaulted = margin + rng.logistic(0, 0.6, rows) > 0
    return pd.DataFrame(
        {
            "age": age.round(1),
            "income": income.round(0),
            "debt_ratio": debt_ratio.round(3),
            "late_payments": late_payments.astype(np.int64),
            "employment": employment,
            TARGET: np.where(defaulted, "yes", "no"),
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--period", choices=["before", "after"], default="before")
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    credit_rows(args.rows, args.seed, args.period).to_csv(args.out, index=False)


if __name__ == "__main__":
    main()
