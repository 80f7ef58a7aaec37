#!/bin/sh
# Install Debian's Chromium for the browser tests when it is missing. Playwright's own browser download
# cannot work on machines that reach only package registries, so we drive the distribution's build.
set -e
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "Chromium absent et installation impossible (ni root, ni apt-get) : les tests navigateur seront ignorés." >&2
  exit 0
fi
echo "Installation de Chromium (paquets Debian chromium, chromium-driver, fonts-dejavu-core)…" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
