#!/bin/sh
# Installs the npm package tmexchange (the version pinned by package-lock.json
# here) where the tmx-npm check of check-tmx looks for it:
# ${XDG_CACHE_HOME:-$HOME/.cache}/sverka-tmx-checks/node_modules.  Run by
# 'make deps'; needs nodejs and npm.  Does nothing when it is already there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest="${XDG_CACHE_HOME:-$HOME/.cache}/sverka-tmx-checks"
if [ -f "$dest/node_modules/tmexchange/package.json" ]; then
    echo "setup-npm: tmexchange already in $dest"
    exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "setup-npm: npm is missing (apt-get install nodejs npm)" >&2; exit 1; }
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
(cd "$dest" && npm ci --silent --no-audit --no-fund)
echo "setup-npm: tmexchange installed in $dest"
