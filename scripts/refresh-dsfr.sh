#!/bin/sh
# refresh-dsfr.sh — vendor the DSFR (Système de design de l'État) into
# connector/web/ui/assets/dsfr/ from the npm package @gouvfr/dsfr, pinned below.
#
# Only what the status pages use is kept, so that the binary stays small and
# serves everything itself (no CDN): the built CSS (dsfr.min.css), the
# Marianne fonts in woff2 (every browser the pages target reads woff2), the
# icons the CSS refers to (found by reading its url(icons/...) references),
# the favicon and the licence. To upgrade: change DSFR_VERSION, run this
# script from the repository root, look at the pages (see
# connector/web/ui/README or browser_test.go), and commit the result.
#
# Needs: npm (only "npm pack", which downloads the tarball), tar, grep, sed.
set -eu

DSFR_VERSION=1.15.3

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/connector/web/ui/assets/dsfr"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "@gouvfr/dsfr@$DSFR_VERSION" >/dev/null)
tar -xzf "$tmp/gouvfr-dsfr-$DSFR_VERSION.tgz" -C "$tmp"
dist="$tmp/package/dist"

rm -rf "$dest"
mkdir -p "$dest/fonts" "$dest/favicon"
cp "$dist/dsfr.min.css" "$dest/"
cp "$tmp/package/LICENSE.md" "$dest/LICENSE.md"
cp "$dist"/fonts/Marianne-*.woff2 "$dest/fonts/"
cp "$dist/favicon/favicon.svg" "$dest/favicon/"

# Icons: exactly those dsfr.min.css loads (url(icons/<dir>/<name>.svg)).
grep -o 'url(icons/[^)]*\.svg)' "$dist/dsfr.min.css" | sed 's/^url(//; s/)$//' | sort -u |
while read -r icon; do
	mkdir -p "$dest/$(dirname "$icon")"
	cp "$dist/$icon" "$dest/$icon"
done

echo "$DSFR_VERSION" > "$dest/VERSION"
du -sh "$dest"
