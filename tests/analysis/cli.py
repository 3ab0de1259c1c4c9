"""The analysis commands as a user runs them: a ``kgenesis`` process on the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO


def kgenesis(*args: str, cwd: Path = REPO, seed: str = "0") -> subprocess.CompletedProcess[str]:
    """``kgenesis --root REPO ARGS…`` in ``cwd`` under ``PYTHONHASHSEED=seed``."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "kgenesis.cli", "--root", str(REPO), *args],
        capture_output=True, text=True, check=False, cwd=cwd, env=env,
    )  # fmt: skip
