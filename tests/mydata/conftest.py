import pytest
from mydata_helpers import Held


@pytest.fixture
def held(tree, people):
    return Held(tree, people)
