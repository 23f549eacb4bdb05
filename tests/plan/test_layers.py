"""The office's packages keep the layers declared in pyproject.toml (import-linter): the letters import no
delegations, plan or printing; gifts no delegations and no other feature's views; the plan is imported by no
feature below it and imports their models, never their views; home, admin and the app assembly sit on top.
The whole contract is checked once every feature keeps it; until then, no broken arrow may start here."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = ("correspondence", "gifts", "plan", "home", "admin", "cli", "reindex", "warmup", "models")
ARROW = re.compile(r"^-\s+(intl\.[\w.]+) -> (intl\.[\w.]+)")


def lint_report() -> str:
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False).stdout


def ours(module: str) -> bool:
    parts = module.split(".")
    return len(parts) > 1 and parts[1] in OURS


def test_no_broken_arrow_starts_in_the_office_packages_or_enters_them_from_below():
    report = lint_report()
    assert "Contracts" in report, report[-2000:]
    arrows = [m.groups() for line in report.splitlines() if (m := ARROW.match(line.strip()))]
    assert [a for a in arrows if ours(a[0])] == []
    cycles = re.findall(r"No cycles are allowed in (intl\.\w+)\.", report)
    assert [c for c in cycles if ours(c)] == []
    # The imports' arrow into the plan (intl.imports -> intl.plan.imports) is the imports' own to remove: the
    # plan registers its import kind instead.
    assert [a for a in arrows if ours(a[1]) and not a[0].startswith("intl.imports.")] == []
