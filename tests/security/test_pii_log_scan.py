"""B5: the session-wide log scanner (tests/pii_log_scan.py) is in place and really catches PII."""

import logging
from types import SimpleNamespace

import pytest

import pii_log_scan
from pii_log_scan import PiiLogScanner


def _logger_with(scanner: PiiLogScanner) -> logging.Logger:
    # Not propagated to the root logger: these records must not fail the session itself.
    logger = logging.getLogger("shiliu.tests.pii_probe")
    logger.propagate = False
    logger.handlers = [scanner]
    logger.setLevel(logging.INFO)
    return logger


def test_the_session_scanner_listens_on_the_root_logger():
    assert pii_log_scan.scanner in logging.getLogger().handlers


def test_the_scanner_catches_an_id_number_and_a_mobile_number_and_masks_them():
    scanner = PiiLogScanner()
    logger = _logger_with(scanner)
    logger.info("resident %s saved", "11010519491231002X")
    logger.warning("callback to +86 13912345678 failed")
    logger.info("phone=13912345678;")
    kinds = [hit[0] for hit in scanner.hits]
    assert kinds == ["ID number", "mobile number", "mobile number"]
    assert all("11010519491231002X" not in hit[2] and "13912345678" not in hit[2] for hit in scanner.hits)


def test_the_scanner_catches_pii_inside_a_traceback():
    scanner = PiiLogScanner()
    logger = _logger_with(scanner)
    try:
        raise ValueError("bad number 330206199001011235")
    except ValueError:
        logger.exception("import failed")
    assert {hit[0] for hit in scanner.hits} == {"ID number"}


def test_the_scanner_lets_ordinary_numbers_pass():
    scanner = PiiLogScanner()
    logger = _logger_with(scanner)
    logger.info("place path 000000010000000200000003, epoch 1764230400, id 12345678901234567")
    logger.info("hash %s", "a3f1" * 16)
    logger.info("order 330206003001 at 2026-11-27 08:00:00")
    assert scanner.hits == []


def test_a_hit_fails_the_session(monkeypatch):
    caught = PiiLogScanner()
    caught.hits.append(("mobile number", "shiliu.x", "139******78", "tests/x.py::test_y"))
    monkeypatch.setattr(pii_log_scan, "scanner", caught)
    session = SimpleNamespace(exitstatus=pytest.ExitCode.OK)
    pii_log_scan.pytest_sessionfinish(session, pytest.ExitCode.OK)
    assert session.exitstatus == pytest.ExitCode.TESTS_FAILED
    assert pii_log_scan.report(caught.hits) == [
        "mobile number in a log record of 'shiliu.x' during tests/x.py::test_y: 139******78"]
