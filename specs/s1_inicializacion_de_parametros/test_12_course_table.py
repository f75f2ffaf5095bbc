"""The course's `df.describe()` table — «Inicialización de parámetros».

The appendix publishes count/mean/std/min/25%/50%/75%/max of the 1e6 weights of each
Dense(1000, input_dim=1000) kernel (course_describe_table.csv, typed from the text).
Claim: the table is what those initializers give. For each number, sampling theory
gives an interval that a correct run lands in with probability 1 − α (α = 1e-6 each):

  mean      0 ± z·σ/√n
  std       σ ± z·σ·√((κ+2)/4n)
  25/50/75% q_p ± z·√(p(1−p)/n)/f(q_p)
  min, max  exact order-statistic interval: P(max ≤ m) = F(m)^n
  zeros/ones: exactly the constant (std exactly 0)

widened by 5e-7 because the course rounds to 6 decimals. Both the published numbers
and this run's `df.describe()` of the course's own model must lie inside.
"""
from pathlib import Path

import pandas as pd

from fixtures.checks.reference_initializers import COURSE_INITIALIZERS, expected
from fixtures.core import stats
from fixtures.core.claims import Claim

CLAIM = Claim(
    id="init.course_table",
    statement="La tabla df.describe() publicada en el curso (media, std, mínimo, cuartiles y máximo de "
              "1e6 pesos de cada inicializador en una capa Dense de 1000×1000) es la que dan esos inicializadores.",
    formula="cada estadístico dentro de su intervalo de muestreo con α = 1e-6 (± 5e-7 por el redondeo a 6 decimales)",
    anchor="df.describe()",
)

PUBLISHED = pd.read_csv(Path(__file__).with_name("course_describe_table.csv"), comment="#", index_col="stat")
N = 1000 * 1000
ROUNDING = 5e-7


def interval(name: str, stat: str) -> tuple[float, float]:
    """The (1 − α) interval of one describe() statistic of n = 1e6 correct draws."""
    exp = expected(name, (1000, 1000))
    if stat == "count":
        return N, N
    if exp.constant is not None:
        value = 0.0 if stat == "std" else exp.constant
        return value, value
    dist, sigma = exp.dist, float(exp.dist.std())
    if stat == "mean":
        tol = stats.mean_tolerance(sigma, N)
        return -tol, tol
    if stat == "std":
        tol = stats.std_tolerance(sigma, stats.excess_kurtosis(dist), N)
        return sigma - tol, sigma + tol
    if stat == "min":
        return stats.min_interval(dist, N)
    if stat == "max":
        return stats.max_interval(dist, N)
    p = {"25%": 0.25, "50%": 0.5, "75%": 0.75}[stat]
    q, tol = float(dist.ppf(p)), stats.quantile_tolerance(dist, p, N)
    return q - tol, q + tol


def check_table(evidence, table: pd.DataFrame, source: str) -> None:
    failures = []
    for name in COURSE_INITIALIZERS:
        for stat in table.index:
            lo, hi = interval(name, stat)
            value = float(table.loc[stat, name])
            ok = lo - ROUNDING <= value <= hi + ROUNDING
            evidence.record(f"{source}: {name} {stat}", expected=[lo, hi], measured=value,
                            tolerance=ROUNDING, ok=ok,
                            why="intervalo de muestreo con α=1e-6, ± redondeo a 6 decimales")
            if not ok:
                failures.append(f"{name} {stat} = {value:.6g} fuera de [{lo:.6g}, {hi:.6g}]")
    evidence.check(f"{source}: todos los números dentro de su intervalo", not failures,
                   expected="0 fuera", measured=f"{len(failures)} fuera: " + "; ".join(failures),
                   why="un intervalo por estadístico, α = 1e-6 cada uno")


def test_published_table(evidence):
    check_table(evidence, PUBLISHED, "tabla publicada")


def test_this_run_reproduces_it(course_weights, evidence):
    """The course's own code: pd.DataFrame of the kernels, then df.describe()."""
    df = pd.DataFrame({name: course_weights[name] for name in COURSE_INITIALIZERS})
    check_table(evidence, df.describe(), "esta ejecución")

