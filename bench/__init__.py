"""Benchmarks for issue #9, "Speed at scale": ``python -m bench`` prints one table.

Each figure stands beside a baseline measured in the same run (raw sqlite3, bare Qt, plain
json), so the ratios mean the same on any machine. Data is synthetic and seeded
(``bench.data``); everything runs in a temporary ``ANNOTATOR_HOME`` that is removed at the
end. Tests only smoke-test the quick mode: they never assert a time.
"""
