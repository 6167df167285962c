"""requirements.lock and pyproject.toml agree, and the venv holds what the lock says.

The lock is made by `make lock` (scripts/lock.py); `make` installs it with
`pip install --require-hashes --no-deps -r requirements.lock`. These tests fail when:
- a requirement of [project].dependencies, the `test` extra or [build-system].requires is missing from
  the lock or not satisfied by its locked version;
- the lock was made from other dependency lists (the digest in its header is not pyproject.toml's);
- a locked package is not pinned with == or carries no --hash;
- the running environment holds another version of a locked package (run `make setup`).
The last tests feed deliberately wrong copies to the same checks, so the checks are seen to fail.
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"

_spec = importlib.util.spec_from_file_location("tdkt_lock_script", ROOT / "scripts" / "lock.py")
lockscript = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(lockscript)

HASH = re.compile(r"--hash=(sha256):([0-9a-f]{64})\b")


def logical_lines(text: str) -> list[str]:
    """The lock's lines with backslash continuations joined, comments and blank lines dropped."""
    out, current = [], ""
    for line in text.splitlines():
        stripped = line.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        out.append(current + stripped)
        current = ""
    if current:
        out.append(current.strip())
    return out


def parse_lock(text: str) -> tuple[dict[str, tuple[str, Requirement, int]], list[str]]:
    """{canonical name: (version, requirement, number of hashes)} and the problems met while reading."""
    locked, problems = {}, []
    for line in logical_lines(text):
        requirement_text = line.split(" --hash", 1)[0].strip()
        hashes = HASH.findall(line)
        if requirement_text.startswith("-"):
            problems.append(f"unexpected option line in the lock: {line[:80]}")
            continue
        try:
            req = Requirement(requirement_text)
        except InvalidRequirement as exc:
            problems.append(f"unreadable lock line {requirement_text!r}: {exc}")
            continue
        pins = [s for s in req.specifier if s.operator == "=="]
        if len(pins) != 1 or len(req.specifier) != 1 or "*" in pins[0].version or req.url:
            problems.append(f"{req.name} is not pinned to one exact version: {requirement_text}")
            continue
        if not hashes:
            problems.append(f"{req.name}=={pins[0].version} carries no --hash")
        name = canonicalize_name(req.name)
        if name in locked:
            problems.append(f"{req.name} is locked twice")
        locked[name] = (pins[0].version, req, len(hashes))
    return locked, problems


def locked_digest(text: str) -> str | None:
    for line in text.splitlines():
        if line.startswith(lockscript.DIGEST_KEY):
            return line[len(lockscript.DIGEST_KEY):].strip()
    return None


def digest_problems(pyproject_text: str, lock_text: str) -> list[str]:
    want = lockscript.dependency_digest(tomllib.loads(pyproject_text))
    got = locked_digest(lock_text)
    if got is None:
        return [f"the lock has no '{lockscript.DIGEST_KEY.strip()}' line: make it with `make lock`"]
    if got != want:
        return ["the lock was made from other dependency lists than pyproject.toml's "
                f"(digest {got[:12]}…, pyproject.toml's {want[:12]}…): run `make lock`"]
    return []


def requirement_problems(pyproject_text: str, lock_text: str) -> list[str]:
    """Every requirement of pyproject.toml's lists is in the lock, at a version it allows."""
    locked, problems = parse_lock(lock_text)
    for where, requirements in lockscript.dependency_lists(tomllib.loads(pyproject_text)).items():
        for text in requirements:
            req = Requirement(text)
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            entry = locked.get(canonicalize_name(req.name))
            if entry is None:
                problems.append(f"{where}: {text} is not in the lock: run `make lock`")
            elif not req.specifier.contains(entry[0], prereleases=True):
                problems.append(f"{where}: {text} is not satisfied by the locked {req.name}=={entry[0]}: "
                                "run `make lock`")
    return problems


def all_problems(pyproject_text: str, lock_text: str) -> list[str]:
    return digest_problems(pyproject_text, lock_text) + requirement_problems(pyproject_text, lock_text)


# ---------------------------------------------------------------------------------- the real files


def test_every_locked_package_is_pinned_with_hashes():
    locked, problems = parse_lock(LOCK.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)
    assert len(locked) > 20  # the whole closure, not just the direct dependencies
    assert all(n >= 1 for _, _, n in locked.values())


def test_lock_was_made_from_this_pyproject():
    problems = digest_problems(PYPROJECT.read_text(encoding="utf-8"), LOCK.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_lock_satisfies_every_requirement_of_pyproject():
    problems = requirement_problems(PYPROJECT.read_text(encoding="utf-8"), LOCK.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


def test_installed_versions_are_the_locked_ones():
    """What `make setup` installed is the lock (a venv made before the lock changed: run `make setup`)."""
    locked, _ = parse_lock(LOCK.read_text(encoding="utf-8"))
    wrong = []
    for name, (version, req, _) in sorted(locked.items()):
        if req.marker is not None and not req.marker.evaluate():
            continue
        try:
            installed = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            installed = "missing"
        if installed != version:
            wrong.append(f"{name}: locked {version}, installed {installed}")
    assert not wrong, "the environment is not the lock; run `make setup`:\n" + "\n".join(wrong)


# ------------------------------------------------------------- the checks fail on wrong copies

PYPROJECT_TEXT = """\
[build-system]
requires = ["setuptools>=68"]

[project]
name = "x"
dependencies = ["alpha==1.2.0", "beta>=2,<3"]

[project.optional-dependencies]
test = ["gamma==0.5"]
"""
LOCK_BODY = """\
alpha==1.2.0 \\
    --hash=sha256:{h}
    # via x (pyproject.toml)
beta==2.4 \\
    --hash=sha256:{h} \\
    --hash=sha256:{h}
gamma==0.5 \\
    --hash=sha256:{h}

# The following packages are considered to be unsafe in a requirements file:
setuptools==84.2.1 \\
    --hash=sha256:{h}
""".replace("{h}", "0" * 64)


def lock_for(pyproject_text: str, body: str = LOCK_BODY) -> str:
    return lockscript.header(lockscript.dependency_digest(tomllib.loads(pyproject_text))) + body


def test_checks_pass_on_a_consistent_pair():
    assert all_problems(PYPROJECT_TEXT, lock_for(PYPROJECT_TEXT)) == []
    assert parse_lock(lock_for(PYPROJECT_TEXT))[1] == []


def test_digest_ignores_order_and_spacing_only():
    shuffled = PYPROJECT_TEXT.replace('["alpha==1.2.0", "beta>=2,<3"]', '[ "beta >= 2, < 3",  "alpha==1.2.0"]')
    assert lockscript.dependency_digest(tomllib.loads(shuffled)) == \
        lockscript.dependency_digest(tomllib.loads(PYPROJECT_TEXT))


@pytest.mark.parametrize("change, expected", [
    (('"alpha==1.2.0"', '"alpha==1.3.0"'),
     ["the lock was made from other dependency lists",
      "project.dependencies: alpha==1.3.0 is not satisfied by the locked alpha==1.2.0"]),
    (('"beta>=2,<3"', '"beta>=2.5,<3"'),
     ["the lock was made from other dependency lists",
      "project.dependencies: beta>=2.5,<3 is not satisfied by the locked beta==2.4"]),
    (('test = ["gamma==0.5"]', 'test = ["gamma==0.5", "delta==1"]'),
     ["the lock was made from other dependency lists",
      "project.optional-dependencies.test: delta==1 is not in the lock"]),
    (('requires = ["setuptools>=68"]', 'requires = ["setuptools>=90"]'),
     ["the lock was made from other dependency lists",
      "build-system.requires: setuptools>=90 is not satisfied by the locked setuptools==84.2.1"]),
])
def test_a_changed_pyproject_is_caught(change, expected):
    changed = PYPROJECT_TEXT.replace(*change)
    assert changed != PYPROJECT_TEXT
    problems = all_problems(changed, lock_for(PYPROJECT_TEXT))
    assert len(problems) == len(expected)
    assert all(p.startswith(e) for p, e in zip(problems, expected)), problems


def test_a_package_missing_from_the_lock_is_caught():
    body = LOCK_BODY.replace("gamma==0.5 \\\n    --hash=sha256:" + "0" * 64 + "\n", "")
    assert "gamma" not in body
    assert requirement_problems(PYPROJECT_TEXT, lock_for(PYPROJECT_TEXT, body)) == [
        "project.optional-dependencies.test: gamma==0.5 is not in the lock: run `make lock`"]


def test_a_lock_without_digest_is_caught():
    assert digest_problems(PYPROJECT_TEXT, LOCK_BODY)[0].startswith("the lock has no")


@pytest.mark.parametrize("body, expected", [
    ("alpha==1.2.0\n", "alpha==1.2.0 carries no --hash"),
    ("alpha>=1.2.0 --hash=sha256:" + "0" * 64 + "\n", "alpha is not pinned to one exact version"),
    ("alpha==1.* --hash=sha256:" + "0" * 64 + "\n", "alpha is not pinned to one exact version"),
    ("--index-url https://example.invalid/simple\n", "unexpected option line in the lock"),
])
def test_unhashed_or_unpinned_lines_are_caught(body, expected):
    problems = parse_lock(body)[1]
    assert len(problems) == 1 and problems[0].startswith(expected), problems
