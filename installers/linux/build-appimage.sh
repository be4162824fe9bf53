#!/usr/bin/env bash
# AppImage recipe: dist/medlocal (PyInstaller onedir) -> dist/MedLocal-<version>-x86_64.AppImage.
# Needs appimagetool (https://github.com/AppImage/appimagetool/releases; a single file, put it on
# PATH or set APPIMAGETOOL). Not run in CI (the tool is not in Debian's archive); the onedir
# inside is the one build-linux.sh checks.
# Usage: installers/linux/build-appimage.sh [DIST_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(realpath "${1:-$root/dist}")
tool=${APPIMAGETOOL:-appimagetool}
command -v "$tool" >/dev/null || { echo "appimagetool not found (set APPIMAGETOOL)" >&2; exit 1; }
version=$(python3 -c "import re,pathlib;print(re.search(r'^version = \"([^\"]+)\"', pathlib.Path('$root/pyproject.toml').read_text(), re.M).group(1))")
appdir=$(mktemp -d)/MedLocal.AppDir
trap 'rm -rf "$(dirname "$appdir")"' EXIT
mkdir -p "$appdir/usr/lib" "$appdir/usr/share/metainfo" "$appdir/usr/share/applications"
cp -a "$dist/medlocal" "$appdir/usr/lib/medlocal"
cat > "$appdir/AppRun" <<'RUN'
#!/bin/sh
# AppImages mount read-only under /tmp/.mount_*: the app writes only to its user folders.
here=$(dirname "$(readlink -f "$0")")
case "$#:$1" in
  1:*.gguf | 1:*.GGUF) exec "$here/usr/lib/medlocal/medlocal" import-model "$1" ;;
esac
exec "$here/usr/lib/medlocal/medlocal" "$@"
RUN
chmod 0755 "$appdir/AppRun"
cp "$here/org.medlocal.MedLocal.desktop" "$appdir/"
cp "$here/org.medlocal.MedLocal.desktop" "$appdir/usr/share/applications/"
cp "$here/org.medlocal.MedLocal.metainfo.xml" "$appdir/usr/share/metainfo/"
cp "$here/icons/hicolor/256x256/apps/org.medlocal.MedLocal.png" "$appdir/org.medlocal.MedLocal.png"
ln -s org.medlocal.MedLocal.png "$appdir/.DirIcon"
ARCH=x86_64 "$tool" --no-appstream "$appdir" "$dist/MedLocal-$version-x86_64.AppImage"
echo "$dist/MedLocal-$version-x86_64.AppImage"
