#!/bin/sh
# The cairn command of an installed Cairn (copied to resources/ by
# build/electron-builder.yml). It starts the app's own binary with --cli,
# which runs the command line in that process with no window
# (electron/cli-launch.ts); ELECTRON_RUN_AS_NODE is switched off by a fuse.
# Link it into your PATH, e.g. ln -s /opt/Cairn/resources/cairn-cli.sh ~/.local/bin/cairn
# From an AppImage, run the image itself instead: ./Cairn.AppImage --cli render box.json
set -eu

self=$0
# Follow the links that put this script on PATH, to the resources folder beside the binary.
while [ -L "$self" ]; do
	target=$(readlink "$self")
	case $target in
	/*) self=$target ;;
	*) self=$(dirname "$self")/$target ;;
	esac
done
resources=$(cd "$(dirname "$self")" && pwd)

for app in "$resources/../cairn" "$resources/../MacOS/Cairn"; do
	if [ -x "$app" ]; then
		exec "$app" --cli "$@"
	fi
done
echo "cairn: the Cairn app is not beside $resources (looked for ../cairn and ../MacOS/Cairn)." >&2
exit 1
