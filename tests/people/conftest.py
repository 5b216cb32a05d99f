"""Fixtures for the people tests: residents in 谢墅社区, 九峰社区 (both 大碶) and 大港社区 (新碶)."""

import pytest
from django.core.cache import cache
from people_helpers import Residents


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The login form and the API password check share a per-address limit kept in the
    # process-wide cache; each test starts with a clean window.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def residents(tree, people):
    return Residents(tree, people)
