import pytest
from windows_helpers import Windows


@pytest.fixture
def win(tree, people):
    return Windows(tree, people)
