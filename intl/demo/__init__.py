"""Demo data: a realistic office for trying the product, and synthetic rows for benchmarks."""
