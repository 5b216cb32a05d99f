"""B5: no ID number or mobile number in the logs of the whole test session.

A pytest plugin (registered in tests/conftest.py): a logging handler on the root
logger sees every record the suite logs; at the end, if any record held something
shaped like an 18-character ID number or an 11-digit Chinese mobile number, the
session fails and the report names the logger and the test, with the value masked.
"""

import logging
import re

import pytest

ID_NUMBER = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])"
)
MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)")
PATTERNS = {"ID number": ID_NUMBER, "mobile number": MOBILE}


def _mask(value: str) -> str:
    return value[:3] + "*" * max(len(value) - 5, 1) + value[-2:]


class PiiLogScanner(logging.Handler):
    """Collects (kind, logger, masked value, test) for every record that looks like it holds PII."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.hits: list[tuple[str, str, str, str]] = []
        self.current_test = ""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # noqa: BLE001 - a badly formatted record is still scanned as raw text
            text = f"{record.msg} {record.args}"
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        for kind, pattern in PATTERNS.items():
            for match in pattern.finditer(text):
                self.hits.append((kind, record.name, _mask(match.group()), self.current_test))


scanner = PiiLogScanner()


def attach() -> None:
    # Django's logging set-up (and some tests) replace the root handlers; put ours back.
    root = logging.getLogger()
    if scanner not in root.handlers:
        root.addHandler(scanner)


def pytest_sessionstart(session):
    attach()


def pytest_runtest_setup(item):
    attach()
    scanner.current_test = item.nodeid


def report(hits) -> list[str]:
    return [f"{kind} in a log record of {logger!r} during {test or 'session set-up'}: {masked}"
            for kind, logger, masked, test in hits]


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if scanner.hits:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if scanner.hits:
        terminalreporter.section("personal data in logs (SECURITY.md B5)", red=True)
        for line in report(scanner.hits)[:50]:
            terminalreporter.write_line(line)
