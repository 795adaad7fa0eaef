#!/bin/sh
# Pre-fetches libchdb.so (the ClickHouse engine as a library, 566 MB) into the per-user cache, e.g. in CI
# before the tests run. Same layout as vn.ioc.infra.clickhouse.ChdbLibrary, which otherwise does it on first use.
set -eu
VERSION=26.7.3-stable.1
PACKAGE="@chdb/lib-linux-x64-gnu@$VERSION"
TARBALL="chdb-lib-linux-x64-gnu-$VERSION.tgz"
DIR="${IOC_CACHE_DIR:-$HOME/.cache/ioc}/chdb"

if [ -f "$DIR/$VERSION/libchdb.so" ]; then
  echo "libchdb.so already in $DIR/$VERSION"
  exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "npm is required to fetch $PACKAGE (install Node.js)" >&2; exit 1; }
mkdir -p "$DIR"
if [ ! -f "$DIR/$TARBALL" ]; then
  WORK=$(mktemp -d "$DIR/.download-XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
  echo "Fetching $PACKAGE (about 180 MB)..."
  (cd "$WORK" && npm pack --silent "$PACKAGE" >/dev/null)
  mv "$WORK/$TARBALL" "$DIR/$TARBALL"   # only a complete tarball gets its final name
  rm -rf "$WORK"
fi
UNPACK=$(mktemp -d "$DIR/.unpack-XXXXXX")
trap 'rm -rf "$UNPACK"' EXIT
echo "Unpacking libchdb.so into $DIR/$VERSION..."
tar -xzf "$DIR/$TARBALL" -C "$UNPACK" package/libchdb.so
mkdir "$UNPACK/$VERSION"
mv "$UNPACK/package/libchdb.so" "$UNPACK/$VERSION/libchdb.so"
rm -rf "$DIR/$VERSION"
mv "$UNPACK/$VERSION" "$DIR/$VERSION"   # atomic: an interrupted fetch never looks done
echo "libchdb.so ready in $DIR/$VERSION"
