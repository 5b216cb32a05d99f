"""A window card's lists (opening hours, items) are plain lines, not cards nested in the card."""

import re
from pathlib import Path

import shiliu

CSS = (Path(shiliu.__file__).parent / "static" / "shiliu" / "shiliu.css").read_text()


def test_only_a_cards_own_items_are_cards():
    assert re.search(r"^\.cards > li \{[^}]*border", CSS, re.M)
    assert not re.search(r"^\.cards li \{", CSS, re.M)  # would box every line of a list inside a card


def test_plain_lists_have_no_bullets():
    rule = re.search(r"^ul\.plain \{([^}]*)\}", CSS, re.M)
    assert rule and "list-style: none" in rule.group(1)
