"""The service worker as one classic script, joined from ES modules.

Module service workers are not supported by every browser the app serves, so the worker is one
classic script. Its parts are written as ES modules all the same: the pages import the ones they
share with it (the outbox, the message names), Node's test runner imports them for unit tests
(`make test-js`), and what each part uses is named by its imports. They are joined here as a
bundler would: each module in a function scope of its own, after the modules it imports, its
exports returned as an object that its importers destructure.

Comments on lines of their own are left out, a third of what a phone would download (the
sources keep them; a comment after code on its line stays). Only the plain forms of import and
export are understood: `import {a, b as c} from "./x.js";`, `import * as x from "./x.js";`, and
`export` before a function, class or const declaration. Anything else raises, rather than make a
worker that fails in the browser.
"""

import re
from pathlib import Path

FRONTEND_DIR = Path(__file__).resolve().parent
WORKER_DIR = FRONTEND_DIR / "service_worker"
WORKER_ENTRY = WORKER_DIR / "events.js"

IMPORT = re.compile(
    r"^import\s+(?:\*\s+as\s+(?P<namespace>\w+)|\{(?P<names>[^}]*)\})"
    r'\s+from\s+"(?P<path>\.{1,2}/[^"]+)";[ \t]*\n',
    re.MULTILINE,
)
EXPORT = re.compile(r"^export (?=(?:async function\*?|function\*?|class|const) )", re.MULTILINE)
EXPORTED_NAME = re.compile(
    r"^export (?:async function\*?|function\*?|class|const) (?P<name>\w+)", re.MULTILINE
)
COMMENT_LINES = re.compile(
    r"^[ \t]*(?:/\*(?:(?!\*/).)*\*/|//[^\n]*)[ \t]*\n", re.MULTILINE | re.DOTALL
)
UNSUPPORTED = re.compile(
    r"""^\s*(?:import\s*[{*"']|import\s+\w+\s*(?:,|from\b)|export\s+(?:default|let|var|\{|\*))"""
    r"""|\bimport\s*\(|\bimport\.meta\b""",
    re.MULTILINE,
)


def _scope_name(name: str) -> str:
    return "module_" + re.sub(r"\W", "_", name.removesuffix(".js"))


def _name(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _binding(names: str) -> str:
    """`a, b as c` as the destructuring `{ a, b: c }`."""
    parts = [re.sub(r"\s+as\s+", ": ", name.strip()) for name in names.split(",")]
    return "{ " + ", ".join(part for part in parts if part) + " }"


def _module(path: Path, root: Path, joined: list[str], done: set[Path], started: set[Path]) -> None:
    if path in done:
        return
    if path in started:
        raise ValueError(f"{path} imports itself, through other modules.")
    started.add(path)
    source = path.read_text()
    bindings = []
    for found in IMPORT.finditer(source):
        imported = (path.parent / found["path"]).resolve()
        _module(imported, root, joined, done, started)
        target = found["namespace"] or _binding(found["names"])
        bindings.append(f"const {target} = {_scope_name(_name(imported, root))};\n")
    body = COMMENT_LINES.sub("", EXPORT.sub("", IMPORT.sub("", source)))
    if leftover := UNSUPPORTED.search(body):
        raise ValueError(f"{path}: the worker cannot include {leftover.group(0).strip()!r}.")
    exports = ", ".join(found["name"] for found in EXPORTED_NAME.finditer(source))
    name = _name(path, root)
    joined.append(
        f"// {name}\n"
        f"const {_scope_name(name)} = (() => {{\n"
        f'"use strict";\n'
        f"{''.join(bindings)}{body}"
        f"return {{ {exports} }};\n"
        f"}})();\n"
    )
    done.add(path)


def joined_modules(entry: Path = WORKER_ENTRY, root: Path = FRONTEND_DIR) -> str:
    """The entry module and every module it imports (all under `root`), as one classic script."""
    joined: list[str] = []
    _module(entry.resolve(), root.resolve(), joined, set(), set())
    return "\n".join(joined)
