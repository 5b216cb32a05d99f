"""Fixtures for the people tests: residents in 谢墅社区, 九峰社区 (both 大碶) and 大港社区 (新碶)."""

import pytest
from people_helpers import Residents


@pytest.fixture
def residents(tree, people):
    return Residents(tree, people)
