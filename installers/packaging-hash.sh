#!/usr/bin/env bash
# One hash over everything that decides what the installers contain. .ci/run runs
# installers/build-linux.sh only when it differs from installers/packaging.sha256, which
# build-linux.sh rewrites after a successful run (commit it with the change you verified).
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -z build.spec installers pyproject.toml medlocal/launcher.py \
    medlocal/engine/backends.py medlocal/ui/launch_checks.py medlocal/app/speedcheck.py |
  grep -zv '^installers/packaging.sha256$' | grep -zv '^installers/README.md$' |
  sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
