"""Fixtures for the organization tests."""

import pytest
from django.utils import translation
from orgs_helpers import Network


@pytest.fixture(autouse=True)
def _chinese_first():
    """Services speak the active language: start each test in the default one, whatever ran before."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def network(tree, people):
    return Network(tree, people)
