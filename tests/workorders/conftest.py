import pytest
from workorders_helpers import Setup


@pytest.fixture
def wo(tree, people):
    return Setup(tree, people)
