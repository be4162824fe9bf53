#!/usr/bin/env bash
# One hash over everything that decides what the installers contain. .ci/run runs
# installers/build-linux.sh only when it differs from installers/packaging.sha256, which
# build-linux.sh rewrites after a successful run (commit it with the change you verified).
# pyproject.toml counts without its linter and test tables ([tool.pytest...], [tool.ruff...],
# [tool.mypy...], [tool.importlinter...]): they change often and never change the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  git ls-files -z build.spec installers medlocal/launcher.py \
      medlocal/engine/backends.py medlocal/ui/launch_checks.py medlocal/app/speedcheck.py |
    grep -zv '^installers/packaging.sha256$' | grep -zv '^installers/README.md$' |
    sort -z | xargs -0 sha256sum
  awk '/^\[\[?tool\.(pytest|ruff|mypy|importlinter)/ { skip = 1; next }
       /^\[/ { skip = 0 }
       !skip' pyproject.toml | sha256sum | sed 's/-$/pyproject.toml (bundle-relevant tables)/'
} | sha256sum | cut -d' ' -f1
