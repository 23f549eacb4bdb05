"""The plan's pages: plans and items (plans), expenses, the performance report (reports), the dashboard."""
