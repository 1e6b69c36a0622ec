"""Running a module of the app's JavaScript under Node from a test, on JSON."""

import json
import shutil
import subprocess
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def node_json(script: str, value):
    """What `script` (an ES module run from the project's folder, reading JSON on stdin) writes
    to stdout, as JSON."""
    node = shutil.which("node")
    assert node, "Node is missing: `make test` installs Debian's nodejs."
    run = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(value),
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT,
    )
    return json.loads(run.stdout)
