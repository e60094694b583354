"""One brand-alias table (usashoes.brands): --brand, model names, completion and explain read it."""

from __future__ import annotations

import pytest

from usashoes import brands
from usashoes.matching import _brand_keys
from usashoes.needs import brand_matches


def test_nb_means_new_balance_everywhere() -> None:
    assert brand_matches("NB", "New Balance")
    assert "nb" in _brand_keys("New Balance")
    assert brands.is_new_balance("New-Balance") and not brands.is_new_balance("Balance New")


def test_a_new_short_name_in_the_table_reaches_query_and_matching(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(brands.ABBREVIATIONS, "vj", "very jolly shoes")
    assert brand_matches("vj", "Very Jolly Shoes")
    assert "vj" in _brand_keys("Very  Jolly Shoes")
