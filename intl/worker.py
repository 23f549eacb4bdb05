"""`flask --app wsgi worker`: the process that runs background jobs (intl/core/queue.py), QUEUE_WORKERS threads.
`make run` starts one beside the development server; a deployment runs one or more (compose.yaml)."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import with_appcontext

from .core.queue import current_queue


@click.command("worker")
@click.option("--workers", type=int, help="Threads running jobs (default QUEUE_WORKERS).")
@with_appcontext
def worker_command(workers: int | None) -> None:
    """Run background jobs until stopped (Ctrl-C or SIGTERM finishes the jobs in hand first)."""
    queue = current_queue()
    if queue.huey.immediate:
        raise click.ClickException(
            "QUEUE_URL=immediate runs each job where it is submitted: no worker is needed."
        )
    count = workers or current_app.config["QUEUE_WORKERS"]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    url = current_app.config["QUEUE_URL"].split("@")[-1]  # never print a Redis password
    click.echo(f"Worker: {count} thread(s) on the queue {current_app.config['QUEUE_NAME']} at {url}")
    queue.consumer(workers=count).run()
