import pytest
from jobs_helpers import make_employer, make_posting, make_seeker


@pytest.fixture
def employer(people, tree):
    """A verified employer of 大碶街道 (registered by the worker, verified by the officer)."""
    return make_employer(people.officer, tree.daqi, verify_by=people.admin)


@pytest.fixture
def posting(people, tree, employer):
    """An approved posting at 谢墅社区, written by the worker, approved by the officer."""
    return make_posting(employer, people.worker, tree.xieshu, approver=people.officer)


@pytest.fixture
def seeker(people, tree):
    """A seeker of 谢墅社区 who consented, speaks Mandarin and Uyghur, does assembly work."""
    return make_seeker(people.worker, tree.xieshu)
