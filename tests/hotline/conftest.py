import pytest
from hotline_helpers import Setup


@pytest.fixture
def hl(tree, people):
    return Setup(tree, people)
