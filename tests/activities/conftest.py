import pytest
from activities_helpers import make_activity


@pytest.fixture
def lecture(people, tree):
    """A lecture at 谢墅社区 in three days, 3 places, open for registration."""
    return make_activity(people.worker, tree.xieshu, capacity=3)


@pytest.fixture
def elsewhere(people, tree):
    """An activity of 大港社区 (新碶), not published."""
    return make_activity(people.other_worker, tree.dagang, title="大港社区文化走亲")
