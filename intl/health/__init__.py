"""`/healthz`: whether the database and the job queue are reachable, for load balancers and `docker compose ps`."""
