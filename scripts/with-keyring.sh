#!/usr/bin/env bash
# Run a command inside a throwaway D-Bus session with an unlocked gnome-keyring, so keytar
# talks to a real Secret Service (the Linux OS keychain) without touching the user's own.
# Usage: scripts/with-keyring.sh npm test
set -euo pipefail
if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
  echo "with-keyring: needs gnome-keyring and dbus (apt-get install gnome-keyring dbus dbus-x11 libsecret-tools)" >&2
  exit 2
fi
export XDG_RUNTIME_DIR=$(mktemp -d); chmod 700 "$XDG_RUNTIME_DIR"
export KEYRING_HOME=$(mktemp -d)
exec dbus-run-session -- bash -c '
  export HOME="$KEYRING_HOME"
  eval "$(printf "patchbay-test" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  "$@"; rc=$?; kill "$GNOME_KEYRING_PID" 2>/dev/null; exit $rc' _ "$@"
