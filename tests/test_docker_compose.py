"""Static checks of docker-compose.yml: no Docker engine is needed to run them."""

import ast
import configparser
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ADDONS_MOUNT = "/mnt/extra-addons"
CONF_MOUNT = "/etc/odoo/odoo.conf"


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """Shadow pytest-odoo's autouse fixture: these checks need no Odoo database."""
    yield


def installable_addons():
    names = []
    for manifest in sorted(ROOT.glob("addons/*/__manifest__.py")):
        if ast.literal_eval(manifest.read_text()).get("installable", True):
            names.append(manifest.parent.name)
    return names


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load(COMPOSE_FILE.read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def command_args(service):
    """The command as a list of arguments, with compose's `$$` escape undone."""
    command = service.get("command", [])
    args = shlex.split(command) if isinstance(command, str) else list(command)
    return [str(arg).replace("$$", "$") for arg in args]


def option_value(args, *names):
    """Value of `--opt=value`, `--opt value` or `-o value` in args, else None."""
    for i, arg in enumerate(args):
        for name in names:
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
            if arg == name and i + 1 < len(args):
                return args[i + 1]
    return None


def mounts(service):
    """(source, target) of every volume entry, short or long syntax."""
    result = []
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            result.append((str(volume.get("source", "")), volume["target"]))
        else:
            source, target = volume.split(":")[:2]
            result.append((source, target))
    return result


def environment(service):
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def depends_on(service):
    """{service: condition}; the list form means service_started."""
    deps = service.get("depends_on", {})
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {
        name: (spec or {}).get("condition", "service_started")
        for name, spec in deps.items()
    }


def test_services_exist(services):
    """Compose defines db, odoo and (under a profile) tests."""
    assert {"db", "odoo", "tests"} <= set(services)


def test_images_are_official(services):
    """db runs the official postgres:<major> image, odoo and tests odoo:19.0."""
    db_image = services["db"]["image"]
    repo, _, tag = db_image.partition(":")
    assert repo == "postgres", db_image
    assert tag.isdigit(), f"pin a PostgreSQL major version, got {db_image!r}"
    assert services["odoo"]["image"] == "odoo:19.0"
    assert services["tests"]["image"] == "odoo:19.0"


def test_db_environment(services):
    """db is created with the odoo/odoo superuser the Odoo services log in with."""
    env = environment(services["db"])
    assert env["POSTGRES_USER"] == "odoo"
    assert env["POSTGRES_PASSWORD"] == "odoo"
    assert env.get("POSTGRES_DB") == "postgres"
    for name in ("odoo", "tests"):
        odoo_env = environment(services[name])
        assert odoo_env["HOST"] == "db", name
        assert odoo_env["USER"] == env["POSTGRES_USER"], name
        assert odoo_env["PASSWORD"] == env["POSTGRES_PASSWORD"], name


@pytest.mark.parametrize("name", ["odoo", "tests"])
def test_addons_and_config_are_mounted(services, name):
    """./addons and ./odoo.conf are mounted read-only where the image expects them."""
    by_target = {target: source for source, target in mounts(services[name])}
    assert by_target.get(ADDONS_MOUNT) == "./addons"
    assert by_target.get(CONF_MOUNT) == "./odoo.conf"
    for volume in services[name]["volumes"]:
        if isinstance(volume, str) and volume.startswith("./"):
            assert volume.endswith(":ro"), f"{volume} should be read-only"


def test_bind_mount_sources_exist(services):
    """Every host path bound into a container exists in the repository."""
    for name, service in services.items():
        for source, _target in mounts(service):
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), f"{name}: {source} is missing"


def test_tests_service_mounts_tests_and_scripts(services):
    """The tests service also sees ./tests and ./scripts."""
    sources = {source for source, _target in mounts(services["tests"])}
    assert {"./tests", "./scripts"} <= sources


def test_odoo_port_bound_to_loopback(services):
    """Odoo publishes 8069 on 127.0.0.1 only: the demo has well-known passwords."""
    ports = services["odoo"]["ports"]
    published = []
    for port in ports:
        if isinstance(port, dict):
            published.append(
                f"{port.get('host_ip', '')}:{port.get('published')}:{port['target']}"
            )
        else:
            published.append(str(port))
    assert published == ["127.0.0.1:8069:8069"]


def test_healthchecks(services):
    """db is probed with pg_isready and odoo on /web/health."""
    db_test = " ".join(services["db"]["healthcheck"]["test"])
    assert "pg_isready" in db_test
    odoo_test = " ".join(services["odoo"]["healthcheck"]["test"])
    assert "http://localhost:8069/web/health" in odoo_test


def test_named_volumes_declared(compose, services):
    """Data lives in named volumes, each declared at the top level."""
    declared = set(compose.get("volumes") or {})
    for name, service in services.items():
        for source, _target in mounts(service):
            if source and not source.startswith((".", "/", "~")):
                assert source in declared, f"{name}: volume {source} not declared"
    named_targets = {
        (name, target)
        for name, service in services.items()
        for source, target in mounts(service)
        if source in declared
    }
    assert ("db", "/var/lib/postgresql/data") in named_targets
    assert ("odoo", "/var/lib/odoo") in named_targets


def test_odoo_depends_on_healthy_db(services):
    """odoo and tests wait for a healthy database, not just a started container."""
    assert depends_on(services["odoo"]) == {"db": "service_healthy"}
    assert depends_on(services["tests"]).get("db") == "service_healthy"


def test_odoo_command_initialises_demo(services):
    """odoo serves service_demo, installing service_suite with demo data."""
    args = command_args(services["odoo"])
    assert args[0] == "odoo"
    assert option_value(args, "-d", "--database") == "service_demo"
    assert "service_suite" in option_value(args, "-i", "--init").split(",")
    assert "--with-demo" in args
    assert option_value(args, "--db-filter") == "^service_demo$"
    assert option_value(args, "--http-interface") == "0.0.0.0"
    assert option_value(args, "--addons-path") == ADDONS_MOUNT
    assert "--stop-after-init" not in args


def test_tests_service_is_opt_in(services):
    """The tests service only runs with `--profile test`."""
    assert "test" in services["tests"].get("profiles", [])
    assert not services["db"].get("profiles")
    assert not services["odoo"].get("profiles")


def test_tests_command_installs_every_addon(services):
    """The tests service installs and tests our installable addons and the
    test stand-ins of tests/addons, as scripts/test does."""
    args = command_args(services["tests"])
    assert args[0] == "odoo"
    assert option_value(args, "-d", "--database") == "service_test_docker"
    assert "--test-enable" in args
    assert "--stop-after-init" in args
    assert option_value(args, "--addons-path") == f"{ADDONS_MOUNT},/mnt/tests/addons"
    listed = option_value(args, "-i", "--init").split(",")
    expected = installable_addons() + sorted(
        p.parent.name for p in (ROOT / "tests" / "addons").glob("*/__manifest__.py")
    )
    assert expected, "no installable addon found in addons/"
    assert sorted(listed) == sorted(expected), (
        "update the -i list of the tests service in docker-compose.yml"
    )


def test_odoo_conf_leaves_db_connection_to_compose():
    """odoo.conf sets no db_host/db_port/db_user/db_password.

    The image's entrypoint prefers those keys over HOST/USER/PASSWORD, so one set
    for a local run would point the containers at the wrong server.
    """
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "odoo.conf")
    options = parser["options"] if parser.has_section("options") else {}
    pinned = {"db_host", "db_port", "db_user", "db_password"} & set(options)
    assert not pinned, f"odoo.conf pins {sorted(pinned)}"


# ---- scale profile (issue 15) ---------------------------------------------
SCALE_NODES = ("odoo-node-1", "odoo-node-2")


def test_scale_profile_is_opt_in_with_official_images(services):
    """The scale profile adds a replica, two HTTP nodes and a cron node, all
    from official images and started only with --profile scale."""
    for name in ("db-replica", *SCALE_NODES, "odoo-cron"):
        assert services[name].get("profiles") == ["scale"], name
    assert services["db-replica"]["image"] == services["db"]["image"]
    for name in (*SCALE_NODES, "odoo-cron"):
        assert services[name]["image"] == "odoo:19.0", name


def test_scale_replica_streams_from_the_primary(services):
    """The replica is a base backup of db taken with -R (a standby that
    follows the primary), and the primary accepts replication connections."""
    replica = services["db-replica"]
    script = " ".join(replica["entrypoint"])
    assert "pg_basebackup -h db -U odoo" in script
    assert " -R " in script and "-X stream" in script
    assert "hot_standby=on" in script
    assert depends_on(replica) == {"db": "service_healthy"}
    assert (
        environment(replica)["PGPASSWORD"]
        == environment(services["db"])["POSTGRES_PASSWORD"]
    )
    init = {
        target: source
        for source, target in mounts(services["db"])
        if target.startswith("/docker-entrypoint-initdb.d/")
    }
    assert len(init) == 1
    source = ROOT / next(iter(init.values()))
    assert "host replication" in source.read_text()
    assert "pg_isready" in " ".join(replica["healthcheck"]["test"])


def test_scale_nodes_are_prefork_http_nodes_reading_on_the_replica(services):
    """Two HTTP nodes in prefork mode, no cron thread, read-only routes on the
    replica, the same database, filestore and addons, loopback ports."""
    published = set()
    for name in SCALE_NODES:
        service = services[name]
        args = command_args(service)
        assert int(option_value(args, "--workers")) >= 2, name
        assert option_value(args, "--max-cron-threads") == "0", name
        assert option_value(args, "--db_replica_host") == "db-replica", name
        assert option_value(args, "--db_replica_port") == "5432", name
        assert option_value(args, "-d", "--database") == "service_demo", name
        assert option_value(args, "--http-interface") == "0.0.0.0", name
        assert environment(service)["HOST"] == "db", name
        by_target = {target: source for source, target in mounts(service)}
        assert by_target["/var/lib/odoo"] == "odoo-data", name
        assert by_target[ADDONS_MOUNT] == "./addons", name
        assert depends_on(service) == {
            "odoo": "service_healthy",
            "db-replica": "service_healthy",
        }, name
        (port,) = service["ports"]
        assert str(port).startswith("127.0.0.1:"), port
        published.add(str(port).split(":")[1])
    assert len(published) == 2, "each node on its own port"


def test_scale_cron_node_runs_cron_threads_only(services):
    """The cron node serves no HTTP and runs several cron threads, which take
    billing slices together with the crons of any other node."""
    service = services["odoo-cron"]
    args = command_args(service)
    assert "--no-http" in args
    assert int(option_value(args, "--max-cron-threads")) >= 2
    assert option_value(args, "--workers") in (None, "0")
    assert not service.get("ports")
    by_target = {target: source for source, target in mounts(service)}
    assert by_target["/var/lib/odoo"] == "odoo-data"
