import pytest
from creation_helpers import Sites


@pytest.fixture
def sites(tree, people):
    return Sites(tree, people)
