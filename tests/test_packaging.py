"""scripts/build-wheels makes one OCA-style wheel per addon (see setup/README.md).

The build runs on a committed snapshot of addons/, setup/ and scripts/ (every file
git tracks or would track), so the result is the one a fresh clone gives, whatever
is still uncommitted in the work tree.
"""

import ast
import email.parser
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
BUILD_WHEELS = ROOT / "scripts" / "build-wheels"
SNAPSHOT_DIRS = ["addons", "setup", "scripts"]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: these checks need no Odoo database."""
    yield


def manifests():
    return {
        path.parent.name: ast.literal_eval(path.read_text())
        for path in sorted(ROOT.glob("addons/*/__manifest__.py"))
    }


def installable_addons():
    return [name for name, m in manifests().items() if m.get("installable", True)]


def odoo_core_addons():
    import odoo.release  # noqa: PLC0415 - only this check needs Odoo

    odoo_dir = Path(odoo.release.__file__).parent
    dirs = [odoo_dir / "addons", odoo_dir.parent / "addons"]
    return {p.name for d in dirs if d.is_dir() for p in d.iterdir() if p.is_dir()}


def run(*args, **kwargs):
    """Run a command, leaving the exit status to the caller's assertion."""
    return subprocess.run(args, check=False, capture_output=True, text=True, **kwargs)


def git(*args, cwd):
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def snapshot(dst):
    """Copy what a clone would hold of SNAPSHOT_DIRS into dst and commit it there."""
    listed = git(
        *["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--"],
        *SNAPSHOT_DIRS,
        cwd=ROOT,
    )
    for rel in filter(None, listed.split("\0")):
        src, target = ROOT / rel, dst / rel
        if not src.exists() and not src.is_symlink():
            continue  # deleted in the work tree, not yet in git
        target.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            target.symlink_to(os.readlink(src))
        else:
            shutil.copy2(src, target)
    git("init", "-q", cwd=dst)
    git("add", "-A", cwd=dst)
    config = ["user.name=test", "user.email=test@example.com", "commit.gpgsign=false"]
    options = [arg for item in config for arg in ("-c", item)]
    git(*options, "commit", "-q", "-m", "snapshot", cwd=dst)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(snapshot dir, {addon: wheel path}) after scripts/build-wheels OUT."""
    repo = tmp_path_factory.mktemp("repo")
    out = tmp_path_factory.mktemp("dist")
    snapshot(repo)
    env = dict(os.environ)
    env.pop("WHOOL_POST_VERSION_STRATEGY_OVERRIDE", None)
    result = run(repo / "scripts" / "build-wheels", out, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return repo, {wheel.name: wheel for wheel in out.glob("*.whl")}


def wheel_for(built, addon):
    _repo, wheels = built
    matches = [w for n, w in wheels.items() if n.startswith(f"odoo_addon_{addon}-")]
    assert len(matches) == 1, f"{addon}: wheels {sorted(wheels)}"
    return matches[0]


def wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(zf.read(name).decode())


def test_every_addon_has_a_setup_entry():
    """Each installable addon has setup/<addon>/pyproject.toml and its symlinks."""
    for addon in installable_addons():
        entry = ROOT / "setup" / addon
        assert (entry / "pyproject.toml").is_file(), "run scripts/build-wheels --init"
        link = entry / "odoo" / "addons" / addon
        assert link.is_symlink() and not os.path.isabs(os.readlink(link))
        assert link.resolve() == (ROOT / "addons" / addon).resolve()
        assert (entry / "_backend").resolve() == (ROOT / "setup" / "_backend")
    result = run(BUILD_WHEELS, "--check")
    assert result.returncode == 0, result.stderr


def test_check_fails_for_an_addon_without_setup_entry(tmp_path):
    """build-wheels refuses to run while an addon lacks its setup/ entry."""
    (tmp_path / "scripts").mkdir()
    shutil.copy2(BUILD_WHEELS, tmp_path / "scripts")
    shutil.copytree(ROOT / "setup" / "_backend", tmp_path / "setup" / "_backend")
    addon = tmp_path / "addons" / "service_zz_new"
    addon.mkdir(parents=True)
    (addon / "__manifest__.py").write_text('{"name": "New", "version": "19.0.1.0.0"}')
    script = tmp_path / "scripts" / "build-wheels"
    for args in (["--check"], [tmp_path / "out"]):
        result = run(script, *args)
        assert result.returncode != 0
        assert "service_zz_new" in result.stderr
    assert run(script, "--init").returncode == 0
    assert run(script, "--check").returncode == 0


def test_one_wheel_per_addon(built):
    """The build yields exactly one wheel for each installable addon."""
    _repo, wheels = built
    assert installable_addons(), "no installable addon in addons/"
    names = {re.sub(r"-.*", "", name) for name in wheels}
    assert len(names) == len(wheels), sorted(wheels)
    assert names == {f"odoo_addon_{addon}" for addon in installable_addons()}


@pytest.mark.parametrize("addon", installable_addons())
def test_distribution_name_and_version(built, addon):
    """Wheels are odoo-addon-<addon> at the manifest's 19.0.x.y.z version."""
    meta = wheel_metadata(wheel_for(built, addon))
    expected = canonicalize_name(f"odoo-addon-{addon.replace('_', '-')}")
    assert canonicalize_name(meta["Name"]) == expected
    version = manifests()[addon]["version"]
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", version), version
    assert meta["Version"] == version


@pytest.mark.parametrize("addon", installable_addons())
def test_wheel_holds_the_addon(built, addon):
    """The wheel holds odoo/addons/<addon>/ with every file of the addon, no more."""
    repo, _wheels = built
    prefix = f"odoo/addons/{addon}/"
    with zipfile.ZipFile(wheel_for(built, addon)) as zf:
        packaged = {n[len(prefix) :] for n in zf.namelist() if n.startswith(prefix)}
    assert "__manifest__.py" in packaged
    addon_dir = repo / "addons" / addon
    expected = {
        str(p.relative_to(addon_dir)) for p in addon_dir.rglob("*") if p.is_file()
    }
    assert packaged == expected


@pytest.mark.parametrize("addon", installable_addons())
def test_requires_dist(built, addon):
    """Requires-Dist pins odoo 19.0 and lists odoo-addon-<dep> for our own depends."""
    meta = wheel_metadata(wheel_for(built, addon))
    requires = [Requirement(r) for r in meta.get_all("Requires-Dist") or []]
    by_name = {canonicalize_name(r.name): r for r in requires}
    assert "odoo" in by_name, requires
    assert "19.0" in str(by_name["odoo"].specifier)
    ours, core = set(manifests()), odoo_core_addons()
    for dep in manifests()[addon].get("depends", []):
        name = canonicalize_name(f"odoo-addon-{dep}")
        if dep in ours:
            assert name in by_name, f"{dep} missing from {requires}"
            assert "19.0" in str(by_name[name].specifier)
        elif dep in core:
            assert name not in by_name, f"{dep} ships with Odoo, needs no wheel"
