#!/usr/bin/env bash
# Build the one-folder frozen app (dist/annotator/) with PyInstaller and smoke-test it.
#
#   bash packaging/build.sh                 # build venv in build/packaging-venv (made once)
#   bash packaging/build.sh --venv DIR      # use/create the build venv DIR
#   bash packaging/build.sh --python PY     # use an existing interpreter as is (it needs
#                                           # '.[build]' installed, NOT editable)
#   bash packaging/build.sh --smoke-only    # only re-run the smoke tests on dist/annotator
#
# Exits non-zero if the build or a smoke test fails, or the folder exceeds ANNOTATOR_MAX_MB
# (default 170: Qt, the HTML stack, and psycopg's libpq for team mode).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
VENV="$REPO/build/packaging-venv"
PY=""
BUILD=1
while [ $# -gt 0 ]; do
    case "$1" in
        --venv) VENV="$2"; shift 2 ;;
        --python) PY="$2"; shift 2 ;;
        --smoke-only) BUILD=0; shift ;;
        *) echo "usage: $0 [--venv DIR | --python PY] [--smoke-only]" >&2; exit 2 ;;
    esac
done
DIST="$REPO/dist"
APP="$DIST/annotator"
BIN="$APP/annotator"
MAX_MB="${ANNOTATOR_MAX_MB:-170}"

if [ "$BUILD" = 1 ]; then
    start=$(date +%s)
    if [ -z "$PY" ]; then
        [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
        PY="$VENV/bin/python"
        "$PY" -m pip install -q --upgrade pip
        # A regular install (not -e): resources/ becomes annotator.resources only this way.
        # From a clean copy, so no stale build/lib files of the working tree get in.
        SRC="$(mktemp -d)"
        cp -r "$REPO/annotator" "$REPO/resources" "$REPO/pyproject.toml" "$REPO/README.md" "$SRC/"
        find "$SRC" -name __pycache__ -prune -exec rm -rf {} +
        "$PY" -m pip install -q "$SRC[build]"
        # pip keeps an installed 0.1.0 as is; the build must freeze the current sources.
        "$PY" -m pip install -q --no-deps --force-reinstall "$SRC"
        rm -rf "$SRC"
    fi
    # From outside the source tree, so the analysis finds the installed package, not ./annotator.
    mkdir -p "$REPO/build"
    (cd "$REPO/build" && "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$DIST" --workpath "$REPO/build/pyinstaller" "$REPO/packaging/annotator.spec")
    echo "build time: $(( $(date +%s) - start )) s"
fi

[ -x "$BIN" ] || { echo "no frozen binary at $BIN" >&2; exit 1; }
echo "frozen folder size: $(du -sh "$APP" | cut -f1)  ($APP)"
size_mb=$(( $(du -sk "$APP" | cut -f1) / 1024 ))

# ---- smoke tests: headless, in a scratch HOME so nothing touches the user's data ----
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export QT_QPA_PLATFORM=offscreen HOME="$TMP/home" XDG_DATA_HOME="$TMP/data" \
    XDG_CONFIG_HOME="$TMP/config" XDG_STATE_HOME="$TMP/state" XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$HOME"
run() { echo "+ annotator $*"; (cd "$TMP" && "$BIN" "$@"); }

SAMPLES="$APP/_internal/annotator/resources/samples"
sample="$(ls "$SAMPLES"/*.txt | head -n 1)"
test "$(ls "$SAMPLES"/*.txt | wc -l)" = 3 || { echo "expected 3 bundled samples" >&2; exit 1; }
run --db "$TMP/x.sqlite" import "$sample"
# A revision with a typo fixed inside a tagged span is re-anchored by similarity, through
# rapidfuzz's pure-Python fallback (its compiled variants are left out of the build).
tagged_id="11111111-2222-3333-4444-555555555555"
printf '{"id": "%s", "text": "Officials said the Veskar missle base grew.", "label": [[19, 37, "facility"]]}\n' \
    "$tagged_id" > "$TMP/tagged.jsonl"
run --db "$TMP/x.sqlite" import "$TMP/tagged.jsonl"
printf 'Officials said on Monday that the Veskar missile base grew.\n' > "$TMP/revised.txt"
run --db "$TMP/x.sqlite" import --revision-of "$tagged_id" "$TMP/revised.txt" | tee "$TMP/revision.out"
grep -q "1 re-anchored by similarity" "$TMP/revision.out" || {
    echo "the revision did not re-anchor the span by similarity" >&2; exit 1; }
cat > "$TMP/page.html" <<'HTML'
<html><head><title>Smoke page</title></head><body><nav>Home | About</nav>
<article><h1>Smoke page</h1><p>The frozen build reads saved web pages. This paragraph is the
article text that the extractor keeps, long enough to count as the main content of the page,
while the navigation above and the footer below are boilerplate.</p></article>
<footer>Copyright</footer></body></html>
HTML
run --db "$TMP/x.sqlite" import "$TMP/page.html"
run --db "$TMP/x.sqlite" export --format jsonl --output "$TMP/x.jsonl"
test "$(wc -l < "$TMP/x.jsonl")" -ge 2 || { echo "export has fewer than 2 documents" >&2; exit 1; }
run --db "$TMP/x.sqlite" list
run --db "$TMP/x.sqlite" stats
version="$(run --version | tail -n 1)"
echo "$version"
[ "$version" = "annotator $("$BIN" --version | cut -d' ' -f2)" ] && [[ "$version" != *source* ]] \
    || { echo "version not read from the bundled metadata: $version" >&2; exit 1; }
run --help > /dev/null

# Team mode: the bundled psycopg/libpq reach a throwaway PostgreSQL server (when this
# machine has the server binaries, as the test machines do).
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    read -r PGURL PGROOT < <(python3 "$REPO/bench/pg_cluster.py" start)
    trap 'python3 "$REPO/bench/pg_cluster.py" stop "$PGROOT"; rm -rf "$TMP"' EXIT
    run --db "$PGURL" team init
    run --db "$PGURL" import "$sample"
    run --db "$PGURL" list | tee "$TMP/pg-list.out"
    test "$(wc -l < "$TMP/pg-list.out")" -ge 1 || { echo "nothing listed from PostgreSQL" >&2; exit 1; }
fi

# The GUI: the Qt plugins it needs are bundled, and the window starts and stays up.
PLUGINS="$APP/_internal/PySide6/Qt/plugins"
echo "bundled Qt platform plugins: $(ls "$PLUGINS/platforms" | tr '\n' ' ')"
for plugin in platforms/libqoffscreen.so platforms/libqxcb.so platforms/libqwayland.so \
        imageformats/libqsvg.so iconengines/libqsvgicon.so; do
    [ -e "$PLUGINS/$plugin" ] || { echo "missing Qt plugin $plugin" >&2; exit 1; }
done
echo "+ annotator --db gui.sqlite   (offscreen window, stopped after 8 s)"
(cd "$TMP" && exec "$BIN" --db "$TMP/gui.sqlite") > "$TMP/gui.log" 2>&1 &
gui=$!
for _ in $(seq 16); do
    sleep 0.5
    kill -0 "$gui" 2>/dev/null || break
done
if kill -0 "$gui" 2>/dev/null; then
    kill "$gui"; wait "$gui" 2>/dev/null || true
    echo "GUI started and was still running after 8 s"
else
    wait "$gui" && code=0 || code=$?
    echo "the GUI exited early with code $code:" >&2; cat "$TMP/gui.log" >&2; exit 1
fi
if grep -qiE "error|traceback|cannot" "$TMP/gui.log"; then
    echo "the GUI wrote errors:" >&2; cat "$TMP/gui.log" >&2; exit 1
fi

if [ "$size_mb" -gt "$MAX_MB" ]; then
    echo "frozen folder is $size_mb MB, over the $MAX_MB MB budget" >&2; exit 1
fi
echo "frozen build OK: $size_mb MB"
