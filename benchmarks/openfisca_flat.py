"""The peer for the classify benchmark: the 2022–2026 rules as an OpenFisca country package, scripted.

Usage: ``python benchmarks/openfisca_flat.py INPUT OUTPUT``

What an analyst would write instead of poverty-rules: read the flat households CSV with pyarrow's
reader (typed columns), build an OpenFisca simulation (one person per household), compute ``status``
from score A, income, area and the twelve ``deprived_*`` flags as vn-2022-2026 does (docs/standard.md
2.1-2.2), and write every input column plus ``status`` with pyarrow's writer:

* with a score A (the review's legal estimate of income, Thông tư 07/2021): poor when A <= 140 rural
  / 175 urban and B = 10 x deprivations >= 30, near-poor when A is at or below the line and B < 30;
  above the line, average when the measured income is within the band (<= 2,250,000 / 3,000,000),
  else not poor;
* without one, by income: poor at or below 1,500,000 / 2,000,000 VND with three deprivations,
  near-poor with fewer, average up to 2,250,000 / 3,000,000, not poor above.

So every status agrees with ``classify`` on a clean file. Clean data only: no unknown flags, no
rejects, no members.
"""

from __future__ import annotations

import sys

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

INDICATORS = (
    "employment", "dependency", "nutrition", "health_insurance", "adult_education", "child_schooling",
    "housing_quality", "housing_area", "water", "sanitation", "telecom", "information_assets",
)  # fmt: skip


def system():  # noqa: ANN201 - an OpenFisca TaxBenefitSystem
    from openfisca_core.entities import build_entity
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    person = build_entity(key="person", plural="persons", label="Person", is_person=True)
    household = build_entity(
        key="household", plural="households", label="Household", roles=[{"key": "member", "plural": "members"}]
    )
    tbs = TaxBenefitSystem([person, household])

    def var(name: str, value_type: type, formula: object = None) -> None:
        attrs = {"value_type": value_type, "entity": household, "definition_period": DateUnit.YEAR, "label": name}
        if formula is not None:
            attrs["formula"] = formula
        tbs.add_variable(type(name, (Variable,), attrs))

    var("income_per_capita", float)
    var("score_a", float)  # NaN: no score (the income path decides)
    var("urban", bool)
    for name in INDICATORS:
        var(f"deprived_{name}", bool)

    def deprivation_count(h, period, parameters):  # noqa: ANN001, ANN202
        return sum(h(f"deprived_{name}", period).astype(int) for name in INDICATORS)

    def status(h, period, parameters):  # noqa: ANN001, ANN202 - 0 poor, 1 near_poor, 2 average, 3 not_poor
        inc, urban, d = h("income_per_capita", period), h("urban", period), h("deprivation_count", period)
        score = h("score_a", period)
        scored = ~np.isnan(score)
        line = np.where(urban, 2_000_000, 1_500_000)
        top = np.where(urban, 3_000_000, 2_250_000)
        score_line = np.where(urban, 175, 140)
        low_score = scored & (score <= score_line)
        low_income = ~scored & (inc <= line)
        average = (inc <= top) & (scored | (inc > line))  # above the score line: income places it in the band
        return np.select(
            [low_score & (10 * d >= 30), low_score, low_income & (d >= 3), low_income, average], [0, 1, 0, 1, 2], 3
        )

    var("deprivation_count", int, deprivation_count)
    var("status", int, status)
    return tbs


def _floats(column: pa.ChunkedArray) -> np.ndarray:
    """A numeric column as float64, NaN where empty."""
    return column.cast(pa.float64()).to_numpy(zero_copy_only=False)


def main(input_path: str, output_path: str) -> None:
    from openfisca_core.simulations import SimulationBuilder

    table = pacsv.read_csv(input_path)
    n = table.num_rows
    tbs = system()
    sb = SimulationBuilder()
    sb.create_entities(tbs)
    sb.declare_person_entity("person", np.arange(n))
    instance = sb.declare_entity("household", np.arange(n))
    sb.join_with_persons(instance, np.arange(n), ["member"] * n)
    sim = sb.build(tbs)
    period = "2025"
    sim.set_input("income_per_capita", period, _floats(table.column("income_per_capita")))
    sim.set_input("score_a", period, _floats(table.column("score_a")))
    sim.set_input("urban", period, np.asarray(table.column("area").to_numpy(zero_copy_only=False) == "urban"))
    for name in INDICATORS:
        sim.set_input(f"deprived_{name}", period, table.column(f"deprived_{name}").to_numpy().astype(bool))
    codes = sim.calculate("status", period)
    names = pa.array(["poor", "near_poor", "average", "not_poor"]).take(pa.array(codes))
    out = table.append_column("status", names)
    pacsv.write_csv(out, output_path, write_options=pacsv.WriteOptions(quoting_style="needed"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
