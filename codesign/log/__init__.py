"""The iteration log: what the team learned, decided and changed, with the cards behind it.

The top layer (STYLE.md "Where things live"): it cites cards and sessions, so it may
import ``codesign``, ``events`` and ``feedback``; none of them imports it.
"""
