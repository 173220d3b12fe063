#!/usr/bin/env bash
# Builds the web console into web/dist/console, where the Go package web
# embeds it from. Installs the npm packages of the lockfile first when they
# are missing or older than it. Without npm, says so and builds nothing: the
# binary then serves the API and a page saying how to build the console.
#
# The build takes 20 s or more, so it runs only when the console's sources
# changed since the last one: a SHA-256 of their contents (and of the Node
# version) is kept beside the packages. Contents rather than modification
# times, because a fresh clone or checkout gives every file a new time.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm not found: building wat without the web console (install Node.js 20.19+ and npm, then make build)" >&2
  exit 0
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

# A hash of everything in web/ the build may read, apart from the packages
# (which package-lock.json stands for), and of the Node version. Computed by
# node, which is here anyway, so that it works where sha256sum is missing.
sources_hash() {
  node -e '
    const fs = require("fs"), path = require("path"), h = require("crypto").createHash("sha256");
    const skip = new Set(["node_modules", "dist", "tests", "test-results"]); // not read by the build
    h.update(process.version);
    (function walk(dir) {
      for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const p = path.join(dir, e.name);
        if (e.isDirectory() && !(dir === "." && skip.has(e.name))) walk(p);
        else if (e.isFile()) h.update(p + "\0" + fs.statSync(p).size + "\0").update(fs.readFileSync(p));
      }
    })(".");
    console.log(h.digest("hex"));'
}

# The stamp lives in node_modules (ignored by git, and gone with the
# packages it was built with), not in dist/console, which is embedded and served.
stamp=node_modules/.wat-console-sources.sha256
hash=$(sources_hash)
if [ -f dist/console/index.html ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$hash" ]; then
  exit 0
fi
rm -f "$stamp"
npm run --silent build
echo "$hash" >"$stamp"
