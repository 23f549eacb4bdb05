"""The annual plan (施政計畫), its budget, targets, the performance report and the leadership dashboard."""
