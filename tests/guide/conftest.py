import pytest
from guide_helpers import Guide


@pytest.fixture
def guide(tree, people):
    return Guide(tree, people)
