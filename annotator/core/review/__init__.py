"""Reviewing colleagues' tags (issue 7): units to decide, decisions into a gold set,
comment threads and the per-document review state.

``units`` is pure (no database): it turns several analysts' annotations of one document
into units a reviewer decides one by one. Storage lives in ``core.storage.review_store``;
the ``Project`` methods in ``core.review_service``.
"""
