#!/bin/sh
# What the tests need from the machine, besides Node packages: Chromium (browser tests), the `age` CLI
# (sealed files must open with the standard tool), poppler-utils (PDFs the apps write must read back) and
# the DejaVu fonts (readable screenshots). Both
# `npm test` (scripts/test.mjs) and CI (.ci/run) call this one script.
#
# As root on Debian it installs whatever is missing with apt-get. Otherwise (not root, not Debian, or
# VANGNET_SYSTEM_DEPS=check, which forbids installing) it stops at once with one line naming what is
# missing and the command that installs it, and exits 1.
#
# Chromium is found as $CHROMIUM_PATH (the browser tests use it too) or as `chromium` on PATH.
set -u

fonts_dir="${VANGNET_FONTS_DIR:-/usr/share/fonts/truetype/dejavu}"
missing=""
if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || missing="$missing chromium"
else
  command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
fi
command -v age >/dev/null 2>&1 || missing="$missing age"
# pdftotext and pdfinfo read back the home-agreements PDF the reporter app writes.
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -e "$fonts_dir/DejaVuSans.ttf" ] || missing="$missing fonts-dejavu-core"
missing="${missing# }"
[ -z "$missing" ] && exit 0

can_install=no
if [ "${VANGNET_SYSTEM_DEPS:-install}" != check ] && [ -r /etc/debian_version ] &&
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u 2>/dev/null)" = 0 ]; then
  can_install=yes
fi

if [ "$can_install" = yes ]; then
  echo "installing: $missing"
  # shellcheck disable=SC2086 # one word per package on purpose
  if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null; then
    exit 0
  fi
  echo "could not install $missing; run: apt-get install -y $missing" >&2
  exit 1
fi

echo "missing system package(s) for the tests: $missing; install with: sudo apt-get install -y $missing" >&2
exit 1
