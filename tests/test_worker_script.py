"""The service worker is joined from ES modules into one classic script (frontend/worker_script)."""

import shutil
import subprocess

import pytest

from frontend import pages, worker_script


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_every_part_of_the_worker_is_in_it_once_and_feeds_the_app_version(monkeypatch):
    script = worker_script.joined_modules()
    parts = sorted(worker_script.WORKER_DIR.glob("*.js"))

    assert parts
    for part in parts:
        label = f"// service_worker/{part.name}\n"
        assert script.count(label) == 1, part.name
    for shared in ["messages.js", "outbox.js", "outbox-store.js"]:
        assert script.count(f"// static/frontend/js/{shared}\n") == 1, shared
    assert "\nimport " not in script and "\nexport " not in script

    pages.app_version.cache_clear()
    before = pages.app_version()
    monkeypatch.setattr(pages, "joined_modules", lambda: script + "// changed\n")
    pages.app_version.cache_clear()
    try:
        assert pages.app_version() != before
    finally:
        pages.app_version.cache_clear()


def test_modules_are_joined_each_in_its_scope_after_what_they_import(tmp_path):
    write(tmp_path / "lib" / "a.js", 'export const NAME = "a";\nconst hidden = 1;\n')
    write(
        tmp_path / "lib" / "b.js",
        '/* B. */\nimport { NAME as A } from "./a.js";\n'
        "// Says hello.\nexport function hello() {\n  return `hello ${A}`; // kept\n}\n"
        "const hidden = 2;\n",
    )
    entry = write(
        tmp_path / "main.js",
        'import * as b from "./lib/b.js";\nimport { NAME } from "./lib/a.js";\n'
        "globalThis.said = [b.hello(), NAME];\n",
    )

    script = worker_script.joined_modules(entry, root=tmp_path)

    assert script.index("lib_a = ") < script.index("lib_b = ") < script.index("main = ")
    assert script.count("lib_a = ") == 1
    assert "Says hello" not in script and "/* B. */" not in script and "// kept" in script
    if node := shutil.which("node"):
        said = subprocess.run(
            [node, "-e", f"{script}\nconsole.log(JSON.stringify(globalThis.said))"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert said.stdout.strip() == '["hello a","a"]'


@pytest.mark.parametrize(
    "source",
    [
        'import a from "./a.js";\n',
        'import "./a.js";\n',
        "export default 1;\n",
        "export { x };\n",
        "export let x = 1;\n",
        'const a = await import("./a.js");\n',
    ],
)
def test_forms_the_joiner_does_not_understand_are_refused(tmp_path, source):
    write(tmp_path / "a.js", "export const A = 1;\n")
    entry = write(tmp_path / "main.js", source)

    with pytest.raises(ValueError, match="cannot include"):
        worker_script.joined_modules(entry, root=tmp_path)
