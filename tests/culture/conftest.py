import pytest
from culture_helpers import Culture


@pytest.fixture
def culture(tree, people):
    return Culture(tree, people)
