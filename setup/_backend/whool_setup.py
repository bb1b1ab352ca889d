"""PEP 517 backend for the OCA-style setup/<addon>/ directories, built on whool.

whool (the OCA successor of setuptools-odoo, which stops at Odoo 16.0) builds the
addon in the current directory and reads its options from a pyproject.toml there.
Here the addons stay free of packaging files: setup/<addon>/ holds pyproject.toml
and the odoo/addons/<addon> symlink known from setuptools-odoo, and each hook runs
whool in the directory that symlink points to, with the options of setup/<addon>.
"""

import io
import os
import re
import tarfile
from contextlib import contextmanager
from pathlib import Path

from whool import buildapi


class UnsupportedOperation(NotImplementedError):
    """Raised for hooks a frontend may fall back from (PEP 517)."""


def _addon_link(setup_dir):
    links = list((setup_dir / "odoo" / "addons").iterdir())
    if len(links) != 1:
        raise RuntimeError(f"{setup_dir}/odoo/addons must hold exactly one addon")
    link = links[0]
    if not (link / "__manifest__.py").is_file():
        raise RuntimeError(f"{link} does not point to an Odoo addon")
    return link


@contextmanager
def _in_addon_dir():
    """Run whool from the real addon directory, with setup/<addon>'s options."""
    setup_dir = Path.cwd()
    addon_dir = _addon_link(setup_dir).resolve()
    # whool names the package after the directory it runs in and reads
    # [tool.whool] from there: resolve the link and redirect the options.
    load_pyproject = buildapi.load_pyproject_toml
    buildapi.load_pyproject_toml = lambda _addon_dir: load_pyproject(setup_dir)
    os.chdir(addon_dir)
    try:
        yield setup_dir
    finally:
        os.chdir(setup_dir)
        buildapi.load_pyproject_toml = load_pyproject


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    wheel_directory = os.path.abspath(wheel_directory)
    with _in_addon_dir():
        return buildapi.build_wheel(wheel_directory, config_settings)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    wheel_directory = os.path.abspath(wheel_directory)
    with _in_addon_dir():
        return buildapi.build_editable(wheel_directory, config_settings)


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    metadata_directory = os.path.abspath(metadata_directory)
    with _in_addon_dir():
        return buildapi.prepare_metadata_for_build_wheel(
            metadata_directory, config_settings
        )


prepare_metadata_for_build_editable = prepare_metadata_for_build_wheel


def build_sdist(sdist_directory, config_settings=None):
    """whool's sdist of the addon, plus a pyproject.toml for plain whool.

    In the sdist the addon sits at the root, as whool expects, so the symlink and
    this backend are not needed to build a wheel from it.
    """
    sdist_directory = os.path.abspath(sdist_directory)
    with _in_addon_dir() as setup_dir:
        name = buildapi.build_sdist(sdist_directory, config_settings)
    pyproject = (setup_dir / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = re.sub(r"(?m)^backend-path\s*=.*\n", "", pyproject)
    pyproject = re.sub(
        r"(?m)^build-backend\s*=.*$", 'build-backend = "whool.buildapi"', pyproject
    )
    _add_to_tarball(Path(sdist_directory) / name, "pyproject.toml", pyproject)
    return name


def _add_to_tarball(path, member_name, text):
    with tarfile.open(path, "r:gz") as tar:
        members = [(m, tar.extractfile(m)) for m in tar.getmembers()]
        members = [(m, f.read() if f else None) for m, f in members]
    root = members[0][0].name.split("/")[0]
    data = text.encode("utf-8")
    info = tarfile.TarInfo(f"{root}/{member_name}")
    info.size, info.mode = len(data), 0o644
    with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for member, content in members:
            tar.addfile(member, io.BytesIO(content) if content is not None else None)
        tar.addfile(info, io.BytesIO(data))
