#!/usr/bin/env python3
"""Make requirements.lock again from pyproject.toml, on purpose: `make lock` runs this.

pip-compile (pip-tools, the version the Makefile pins) resolves the project's dependencies, its `test`
extra and its build backend (setuptools, from [build-system].requires: `make` installs the project with
--no-build-isolation) to exact versions, with the hash of every file the registry has for each version.
Versions already in the lock are kept while pyproject.toml still allows them, so only what changed moves;
extra arguments go to pip-compile: `make lock ARGS=--upgrade` moves everything to the newest allowed,
`make lock ARGS="--upgrade-package numpy"` one package.

The lock's first lines record a digest of pyproject.toml's dependency lists (DIGEST_KEY below);
tests/test_lock.py fails when pyproject.toml and the lock disagree.
"""
import hashlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = "requirements.lock"
EXTRA = "test"
DIGEST_KEY = "# pyproject-dependencies-sha256: "


def dependency_lists(pyproject: dict) -> dict[str, list[str]]:
    """The requirement lists the lock is made from, as pyproject.toml writes them."""
    project = pyproject.get("project", {})
    return {
        "build-system.requires": list(pyproject.get("build-system", {}).get("requires", [])),
        "project.dependencies": list(project.get("dependencies", [])),
        f"project.optional-dependencies.{EXTRA}": list(project.get("optional-dependencies", {}).get(EXTRA, [])),
    }


def dependency_digest(pyproject: dict) -> str:
    """SHA-256 of the dependency lists, each sorted with spaces removed (order and spacing mean nothing)."""
    lists = {k: sorted("".join(r.split()) for r in v) for k, v in dependency_lists(pyproject).items()}
    return hashlib.sha256(json.dumps(lists, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def header(digest: str) -> str:
    return (
        "# The exact version and the hashes of every Python package `make site` and `make test` install:\n"
        f"# pyproject.toml's dependencies, its `{EXTRA}` extra and the build backend (setuptools).\n"
        "# `make` installs it with `pip install --require-hashes --no-deps -r requirements.lock`.\n"
        "# Made by `make lock` (scripts/lock.py, which runs pip-compile from pip-tools --generate-hashes);\n"
        "# refresh it on purpose that way after editing pyproject.toml; do not edit by hand.\n"
        "# tests/test_lock.py fails when pyproject.toml and this file disagree (digest below).\n"
        f"{DIGEST_KEY}{digest}\n"
        "#\n"
    )


def main(args: list[str]) -> int:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    lock = ROOT / LOCK
    command = [
        sys.executable, "-P", "-m", "piptools", "compile", "--quiet",
        "--generate-hashes", "--allow-unsafe", "--strip-extras",
        "--extra", EXTRA, "--build-deps-for", "editable",
        "--no-emit-index-url", "--no-emit-find-links", "--no-emit-trusted-host",
        "--output-file", LOCK, *args, "pyproject.toml",
    ]
    print(" ".join(command[3:]), file=sys.stderr)
    if subprocess.run(command, cwd=ROOT, env=dict(os.environ, CUSTOM_COMPILE_COMMAND="make lock")).returncode:
        return 1
    body = lock.read_text(encoding="utf-8")
    lock.write_text(header(dependency_digest(pyproject)) + body, encoding="utf-8")
    print(f"wrote {LOCK}; review `git diff {LOCK}`, then `make test`", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
