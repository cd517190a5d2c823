#!/usr/bin/env bash
# Install the Debian packages the tests need, only when they are missing.
# chromium + a Chinese font for the real-browser tests (Playwright drives Debian chromium);
# espeak-ng for the customer's offline voice.
set -euo pipefail
NEEDED=(${COACH_SYSTEM_PACKAGES:-chromium fonts-wqy-microhei fonts-noto-color-emoji espeak-ng})
missing=()
for pkg in "${NEEDED[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "缺少系统软件包：${missing[*]}；请用 root 运行：apt-get install -y ${missing[*]}" >&2
  exit 1
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
