"""Signals of the place tree.

``place_moved(sender=Place, old_path=..., new_path=...)`` is sent inside place_move's
transaction after a subtree moved: every path that started with ``old_path`` now starts
with ``new_path``. Apps that copy paths onto their rows (for scoped index ranges) rewrite
them in the same transaction, so scope never lags behind the tree.
"""

from django.dispatch import Signal

place_moved = Signal()
