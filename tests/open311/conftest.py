import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "workorders"))

from workorders_helpers import Setup  # noqa: E402


@pytest.fixture
def wo(tree, people):
    return Setup(tree, people)
