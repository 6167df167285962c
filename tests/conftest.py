"""Shared fixtures: the fixture archive, and a site built from it once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "archive"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def gazetteer():
    from tdkt.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def fixture_catalog(gazetteer):
    from tdkt.catalog import load_catalog
    from tdkt.problems import Problems

    problems = Problems()
    catalog = load_catalog(FIXTURE, gazetteer, problems)
    assert not len(problems), problems.report()
    return catalog


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The default archive (data/) built for real by `python build.py` into a temporary folder."""
    from tdkt.cli import main

    tmp = tmp_path_factory.mktemp("site")
    out, docs = tmp / "site", tmp / "site_src"
    assert main(["build", "--out", str(out), "--docs", str(docs)]) == 0
    return out
