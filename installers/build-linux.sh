#!/usr/bin/env bash
# Linux bundle, end to end, and the checks the installer issue asks for:
#   1. llama-cpp-python with CPU backend variants (installers/build-llama.sh; cached by a key of
#      that script + the pinned version + the variant list),
#   2. a build venv that sees the project's installed dependencies but has the variant wheel
#      (the machine's own llama-cpp-python, used by the tests, is left alone),
#   3. PyInstaller onedir (build.spec) -> dist/medlocal,
#   4. the frozen app: --selftest with no network (unshare -n), the window opens (offscreen),
#      doctor names a CPU variant, no AMX variant, libgomp bundled, no library needing a glibc above 2.34,
#   5. the .deb (installers/linux/build-deb.sh), unpacked into a temporary root (dpkg -x), and the
#      installed copy's --selftest, again without network,
#   6. with --bench: tok/s of the frozen app vs the source install with the same wheel and vs the
#      machine's AVX2 build (benchmarks/bench_packaging.py).
# Writes build/linux-report.json (sizes, timings). Needs: dpkg-deb, unshare (util-linux), root or
# unprivileged user namespaces for `unshare -n`.
# Environment: MEDLOCAL_CPU_VARIANTS (passed to build-llama.sh; CI uses a subset), JOBS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
bench=0
[ "${1:-}" = "--bench" ] && bench=1
version=$(python3 -c "import re,pathlib;print(re.search(r'\"llama-cpp-python==([^\"]+)\"', pathlib.Path('pyproject.toml').read_text()).group(1))")
key=$( (cat installers/build-llama.sh; echo "$version|${MEDLOCAL_CPU_VARIANTS:-all}|$(uname -m)") | sha256sum | cut -c1-16)
wheels=$root/build/llama-wheel/$key
venv=$root/build/pkg-venv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
report=$root/build/linux-report.json

echo "== 1. llama.cpp with CPU variants ($key)"
if ! ls "$wheels"/llama_cpp_python-"$version"-*.whl >/dev/null 2>&1; then
  bash installers/build-llama.sh "$wheels"
fi
wheel=$(ls "$wheels"/llama_cpp_python-"$version"-*.whl)

echo "== 2. build venv"
[ -x "$venv/bin/python" ] || python3 -m venv --system-site-packages "$venv"
# --ignore-installed: the venv gets its own copy; the system site-packages' build stays as is.
"$venv/bin/python" -m pip install -q --no-deps --ignore-installed "$wheel"
"$venv/bin/python" -c "import PyInstaller" 2>/dev/null ||
  "$venv/bin/python" -m pip install -q "pyinstaller>=6.10,<7" "pyinstaller-hooks-contrib>=2024.8"

echo "== 2b. backend tests against the variant build (AMX absent, no planted library, best score)"
PYTHONPATH=$root "$venv/bin/python" -m pytest -q -p no:randomly -p no:cacheprovider \
  tests/unit/test_backends.py

echo "== 3. PyInstaller onedir"
t0=$(date +%s)
if [ "${MEDLOCAL_REUSE_DIST:-0}" = 1 ] && [ -x dist/medlocal/medlocal ]; then
  echo "reusing dist/medlocal (MEDLOCAL_REUSE_DIST=1)"  # for re-running the checks only
else
  PYTHONPATH=$root "$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$root/dist" --workpath "$root/build/pyinstaller" build.spec
fi
build_s=$(( $(date +%s) - t0 ))
app=$root/dist/medlocal/medlocal
internal=$root/dist/medlocal/_internal

echo "== 4. checks on the frozen app"
netless() { if [ "$(id -u)" = 0 ]; then unshare -n "$@"; else unshare -rn "$@"; fi; }
ls "$internal/llama_cpp/lib/" | grep -q '^libggml-cpu-' || { echo "no CPU variants bundled" >&2; exit 1; }
if ls "$internal/llama_cpp/lib/" | grep -qi 'sapphirerapids\|amx'; then echo "AMX variant bundled" >&2; exit 1; fi
gomp=$(ls "$internal" | grep -c '^libgomp' || true)
[ "$gomp" -ge 1 ] || { echo "libgomp (OpenMP runtime) is not bundled" >&2; exit 1; }
[ -s "$internal/NOTICES" ] || { echo "NOTICES missing" >&2; exit 1; }
# glibc 2.34 (RHEL 9; Ubuntu 22.04 has 2.35): re-versioned symbols bound back, anything else
# above it fails the build (installers/linux/glibc_floor.py says why).
python3 installers/linux/glibc_floor.py "$root/dist/medlocal" --floor "${MEDLOCAL_GLIBC_FLOOR:-2.34}"
glibc=$(find "$root/dist/medlocal" -type f \( -name '*.so*' -o -name medlocal \) -print0 |
  xargs -0 objdump -T 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sort -Vu | tail -1)
echo "highest glibc symbol version needed: $glibc"
for lib in libstdc++.so.6 libgcc_s.so.1 libexpat.so.1 libgtk-3.so.0 libdbus-1.so.3 libxkbcommon.so.0; do
  [ ! -e "$internal/$lib" ] || { echo "$lib is bundled; it must come from the system" >&2; exit 1; }
done
# GNU readline is GPL: Python's readline module must stay out (build.spec excludes it).
if find "$internal" -name 'libreadline*' -o -name 'readline.cpython-*' | grep -q .; then
  echo "GNU readline (GPL) is bundled" >&2; exit 1
fi
# Every system library the bundle carries has its Debian copyright text in NOTICES.
python3 installers/pyinstaller/system_notices.py "$root/dist/medlocal"

t0=$(date +%s.%N)
MEDLOCAL_HOME=$tmp/home-selftest netless "$app" --selftest | tee "$tmp/selftest.txt"
selftest_s=$(echo "$(date +%s.%N) - $t0" | bc)
grep -q '^PASS' "$tmp/selftest.txt"

t0=$(date +%s.%N)
QT_QPA_PLATFORM=offscreen MEDLOCAL_HOME=$tmp/home-window netless "$app" --check-window | tee "$tmp/window.txt"
window_total_s=$(echo "$(date +%s.%N) - $t0" | bc)
grep -q '^WINDOW OK' "$tmp/window.txt"
window_s=$(awk '/^WINDOW OK/ {print $(NF-3)}' "$tmp/window.txt")

MEDLOCAL_HOME=$tmp/home-doctor netless "$app" doctor | tee "$tmp/doctor.txt" | grep -E 'Backend|CPU code'
grep -q 'variant loaded from' "$tmp/doctor.txt"
variant=$(awk '/CPU code:/ {print $3}' "$tmp/doctor.txt")

echo "== 5. .deb, unpacked into a temporary root"
deb=$(bash installers/linux/build-deb.sh "$root/dist")
dpkg-deb --info "$deb" | sed -n '/Package:/,/Recommends:/p'
# Qt's xcb plugin needs these; PyInstaller may not bundle them (walk 54b).
for pkg in libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0; do
  dpkg-deb -f "$deb" Depends Recommends | grep -q "$pkg" || { echo ".deb does not name $pkg" >&2; exit 1; }
done
dpkg -x "$deb" "$tmp/root"
sh -n "$tmp/root/usr/bin/medlocal"
MEDLOCAL_HOME=$tmp/home-deb netless "$tmp/root/opt/medlocal/medlocal" --selftest | tee "$tmp/deb-selftest.txt"
grep -q '^PASS' "$tmp/deb-selftest.txt"

onedir_mib=$(du -sm "$root/dist/medlocal" | cut -f1)
deb_mib=$(echo "scale=1; $(stat -c %s "$deb") / 1048576" | bc)
speed="null"
if [ "$bench" = 1 ]; then
  echo "== 6. tok/s: frozen vs source"
  speed=$(PYTHONPATH=$root python3 benchmarks/bench_packaging.py --frozen "$app" \
    --variant-python "$venv/bin/python" --baseline-python python3 | tail -1)
fi
cat > "$report" <<JSON
{"onedir_mib": $onedir_mib, "deb_mib": $deb_mib, "pyinstaller_s": $build_s,
 "launch_to_window_s": $window_s, "check_window_process_s": $window_total_s,
 "selftest_s": $selftest_s, "cpu_variant": "$variant", "glibc_max_symbol": "$glibc",
 "speed": $speed}
JSON
cat "$report"
bash installers/packaging-hash.sh > installers/packaging.sha256
echo "linux bundle OK: $deb"
