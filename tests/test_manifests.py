"""Manifests, data files and access rights of every addon in addons/."""

import ast
import csv
from pathlib import Path

import pytest

import odoo.release

ROOT = Path(__file__).resolve().parents[1]
ADDONS = ROOT / "addons"
# Folders whose XML/CSV only reach the database through the manifest.
DATA_DIRS = ["views", "security", "data", "report", "wizards"]
MODEL_DIRS = ["models", "wizards"]


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: these checks need no Odoo database."""
    yield


def addon_names():
    return sorted(p.parent.name for p in ADDONS.glob("*/__manifest__.py"))


def manifest(addon):
    return ast.literal_eval((ADDONS / addon / "__manifest__.py").read_text())


def odoo_addons():
    """Addons shipped with Odoo: odoo/addons (base...) and the addons/ beside it."""
    odoo_dir = Path(odoo.release.__file__).parent
    names = set()
    for addons_dir in (odoo_dir.parent / "addons", odoo_dir / "addons"):
        names.update(p.parent.name for p in addons_dir.glob("*/__manifest__.py"))
    return names


def declared_models():
    """{model: file} for classes that create a model with a table of their own."""
    models = {}
    for addon in addon_names():
        for folder in MODEL_DIRS:
            for path in sorted((ADDONS / addon / folder).glob("**/*.py")):
                tree = ast.parse(path.read_text(), filename=str(path))
                for node in ast.walk(tree):
                    if isinstance(node, ast.ClassDef):
                        name = _model_name(node)
                        if name:
                            models[name] = path.relative_to(ROOT)
    return models


def _model_name(cls):
    """The class's _name, unless it only extends a model or is abstract."""
    attrs = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name):
                try:
                    attrs[target.id] = ast.literal_eval(stmt.value)
                except ValueError:
                    continue
    name = attrs.get("_name")
    if not isinstance(name, str):
        return None
    inherit = attrs.get("_inherit", [])
    if name == inherit or name in (inherit if isinstance(inherit, list) else []):
        return None  # re-declares an existing model to extend it
    bases = {ast.unparse(base) for base in cls.bases}
    if bases & {"models.AbstractModel", "AbstractModel"} or attrs.get("_abstract"):
        return None  # no table, so no access rights to grant
    return name


def access_rules():
    """model external ids (model_<name>) with at least one ir.model.access line."""
    granted = set()
    for path in ADDONS.glob("*/security/ir.model.access.csv"):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                model_ref = row.get("model_id:id") or row.get("model_id/id") or ""
                granted.add(model_ref.split(".")[-1])
    return granted


def test_addons_found():
    """The repository has addons to check."""
    assert addon_names()


@pytest.mark.parametrize("addon", addon_names())
def test_manifest_is_a_literal(addon):
    """The manifest is a plain Python literal, as Odoo reads it."""
    assert isinstance(manifest(addon), dict)


@pytest.mark.parametrize("addon", addon_names())
def test_manifest_keys(addon):
    """LGPL-3, an author, a website, a 19.0.x.y.z version, installable."""
    data = manifest(addon)
    assert data.get("license") == "LGPL-3"
    assert data.get("author", "").strip()
    assert data.get("website", "").strip()
    version = data.get("version", "")
    assert version.startswith("19.0."), version
    parts = version.split(".")
    assert len(parts) == 5 and all(part.isdigit() for part in parts), version
    assert data.get("installable", True) is True


@pytest.mark.parametrize("addon", addon_names())
def test_depends_are_known(addon):
    """An addon depends only on Odoo's own addons and on ours."""
    known = odoo_addons() | set(addon_names())
    unknown = [dep for dep in manifest(addon).get("depends", []) if dep not in known]
    assert not unknown, f"{addon} depends on unknown addons {unknown}"


@pytest.mark.parametrize("addon", addon_names())
def test_listed_files_exist(addon):
    """Every file listed in data and demo exists."""
    data = manifest(addon)
    listed = data.get("data", []) + data.get("demo", [])
    missing = [name for name in listed if not (ADDONS / addon / name).is_file()]
    assert not missing, f"{addon} lists missing files {missing}"


@pytest.mark.parametrize("addon", addon_names())
def test_no_orphan_data_file(addon):
    """Each XML/CSV of views/, security/, data/, report/, wizards/ is listed.

    A file in data/ listed under demo counts as listed.
    """
    data = manifest(addon)
    listed = {Path(name) for name in data.get("data", []) + data.get("demo", [])}
    addon_dir = ADDONS / addon
    orphans = [
        str(path.relative_to(addon_dir))
        for folder in DATA_DIRS
        for path in sorted((addon_dir / folder).glob("**/*"))
        if path.suffix in {".xml", ".csv"} and path.relative_to(addon_dir) not in listed
    ]
    assert not orphans, f"{addon}: not in the manifest: {orphans}"


def test_every_model_has_access_rights():
    """Each model declared in models/ or wizards/ has an ir.model.access line."""
    granted = access_rules()
    missing = {
        name: str(path)
        for name, path in declared_models().items()
        if "model_" + name.replace(".", "_") not in granted
    }
    assert not missing, f"models without ir.model.access.csv lines: {missing}"


def test_model_detection():
    """The model scan skips extensions and abstract models, keeps the rest."""
    source = """
class A(models.Model):
    _name = "service.a"
class B(models.Model):
    _inherit = "res.partner"
class C(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "mail.thread"]
class D(models.AbstractModel):
    _name = "service.mixin"
class E(models.TransientModel):
    _name = "service.wizard"
"""
    classes = [n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)]
    names = [_model_name(cls) for cls in classes]
    assert names == ["service.a", None, None, None, "service.wizard"]
