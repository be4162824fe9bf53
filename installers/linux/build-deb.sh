#!/usr/bin/env bash
# Build dist/medlocal_<version>_<arch>.deb from the PyInstaller onedir build in dist/medlocal.
# The app goes to /opt/medlocal (it is one self-contained folder), a wrapper to /usr/bin/medlocal,
# the .desktop file, AppStream metainfo, GGUF MIME type and hicolor icons to /usr/share.
# Usage: installers/linux/build-deb.sh [DIST_DIR]     (default: dist)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(realpath "${1:-$root/dist}")
app=$dist/medlocal
[ -x "$app/medlocal" ] || { echo "no onedir build at $app (run pyinstaller build.spec)" >&2; exit 1; }
version=$(python3 -c "import re,pathlib;print(re.search(r'^version = \"([^\"]+)\"', pathlib.Path('$root/pyproject.toml').read_text(), re.M).group(1))")
arch=$(dpkg --print-architecture)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

install -d "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
  "$stage/usr/share/metainfo" "$stage/usr/share/mime/packages" "$stage/DEBIAN" \
  "$stage/usr/share/doc/medlocal"
cp -a "$app" "$stage/opt/medlocal"
install -m 0755 "$here/medlocal-wrapper.sh" "$stage/usr/bin/medlocal"
install -m 0644 "$here/org.medlocal.MedLocal.desktop" "$stage/usr/share/applications/"
install -m 0644 "$here/org.medlocal.MedLocal.metainfo.xml" "$stage/usr/share/metainfo/"
install -m 0644 "$here/org.medlocal.MedLocal.mime.xml" "$stage/usr/share/mime/packages/"
(cd "$here/icons" && find hicolor -name '*.png' -print0 | while IFS= read -r -d '' png; do
  install -D -m 0644 "$png" "$stage/usr/share/icons/$png"; done)
install -D -m 0644 "$here/icons/medlocal.svg" \
  "$stage/usr/share/icons/hicolor/scalable/apps/org.medlocal.MedLocal.svg"
install -m 0644 "$app/_internal/NOTICES" "$stage/usr/share/doc/medlocal/NOTICES"
printf 'MedLocal is Apache-2.0; bundled components: /usr/share/doc/medlocal/NOTICES\n' \
  > "$stage/usr/share/doc/medlocal/copyright"

size_kib=$(du -sk "$stage" | cut -f1)
# Depends: what the bundle does not carry. PyInstaller ships Python, Qt, llama.cpp, libgomp and
# the other libraries it finds; libc, the C++/GCC runtimes and expat (build.spec leaves them out:
# Debian 12's copies need glibc 2.36), X11/Wayland client libraries, GL, fontconfig and D-Bus
# come from the system (Qt's xcb platform plugin needs libxcb-cursor0 since Qt 6.5, and
# libxcb-icccm4 and libxcb-keysyms1, which PyInstaller may not find on the build machine to
# bundle: walk 54b). D-Bus and xkbcommon are never bundled (installers/pyinstaller/linux_libs.py).
# The bundle needs glibc 2.34 at most (installers/linux/glibc_floor.py).
cat > "$stage/DEBIAN/control" <<CONTROL
Package: medlocal
Version: $version
Architecture: $arch
Maintainer: MedLocal developers <medlocal@localhost>
Installed-Size: $size_kib
Depends: libc6 (>= 2.34), libstdc++6 (>= 11), libgcc-s1, libexpat1, libgl1, libegl1, libfontconfig1, libxkbcommon0, libdbus-1-3
Recommends: libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxkbcommon-x11-0, libwayland-client0, gnome-keyring
Section: science
Priority: optional
Homepage: https://github.com/medlocal/medlocal
Description: offline medical language models with an encrypted vault
 MedLocal runs medical language models locally with llama.cpp, keeps patient
 documents in an encrypted SQLCipher vault and answers with citations.
 Decision support only: verify every answer against its sources.
CONTROL
cat > "$stage/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v update-mime-database >/dev/null && update-mime-database /usr/share/mime || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
exit 0
POST
cp "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"
out="$dist/medlocal_${version}_${arch}.deb"
# xz -6 for releases (smallest); MEDLOCAL_DEB_COMPRESS="-Zgzip -z1" for CI, where xz over
# 660 MB (the GGUF and the embedder zip do not compress) took ~15 min on two busy cores.
# --root-owner-group: files are root-owned whoever builds.
# shellcheck disable=SC2086  # the variable holds two dpkg-deb options
dpkg-deb --root-owner-group ${MEDLOCAL_DEB_COMPRESS:--Zxz -z6} --build "$stage" "$out" >/dev/null
echo "$out"
