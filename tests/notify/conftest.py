import pytest

from shiliu.notify import backends


@pytest.fixture(autouse=True)
def _no_sms_left_over():
    """The memory backend's list is the tests' phone: each test starts with it empty."""
    backends.sent.clear()
    yield
    backends.sent.clear()
