#!/usr/bin/env bash
# Developer entry point: installs what is missing, builds, runs the workstation or the test suite.
#   packaging/dev.sh run [ARGS...]   install, build (release) and start the workstation
#   packaging/dev.sh test            install, build and run every test (release, then ASan+UBSan)
#   packaging/dev.sh deps            only install missing Debian packages
#   packaging/dev.sh build [PRESET]  only build (release or asan)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root"

# Everything the build, the tests and the tools need, from Debian 12's archive.
packages=(
  build-essential cmake ninja-build pkg-config dpkg-dev file git
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools
  qt6-l10n-tools qt6-qpa-plugins libxkbcommon-dev fonts-dejavu-core
  libdcmtk-dev dcmtk libopenjp2-7-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libpng-dev libtiff-dev
  libsqlite3-dev sqlite3 libboost-dev libssl-dev openssl nlohmann-json3-dev libsodium-dev catch2
  python3-jsonschema dicom3tools
  xvfb xauth clang-format ccache
)

deps() {
  local missing=()
  local pkg status
  for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [ "$status" = installed ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "dev.sh: installing ${#missing[@]} missing package(s): ${missing[*]}"
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# ccache keeps compiled objects between builds and between clones: CI runs on the developer's
# machine in a fresh clone, so a warm cache saves most of a clean build. base_dir makes the
# cache key use paths relative to the clone, so any clone location hits the same entries.
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1 CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-20G}

build() {
  local preset=${1:-release}
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  cmake --preset "$preset" "${launcher[@]}" >/dev/null
  cmake --build --preset "$preset"
  command -v ccache >/dev/null && ccache --show-stats 2>/dev/null | grep -iE 'hits|misses' | head -3 | tr -s ' ' || true
}

run_tests() {
  local preset=$1
  echo "== tests ($preset) =="
  # Screenshot tests need an X server; xvfb-run gives each run its own.
  xvfb-run -a -s "-screen 0 1920x1080x24" ctest --preset "$preset"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  deps) deps ;;
  build) deps; build "${1:-release}" ;;
  run)
    deps
    build release
    exe="$root/build/release/bin/prescreen"
    # The embedded default: the workstation's own data folder, a demo site on first start.
    data="${PRESCREEN_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/prescreen}"
    if [ ! -e "$data/prescreen.sqlite3" ]; then
      echo "dev.sh: first start: building the demo site in $data"
      "$root/build/release/bin/prescreen-cli" demo-site "$data"
    fi
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      shot="$root/build/prescreen-first-start.png"
      echo "dev.sh: no display found; starting the workstation under Xvfb and saving what it shows to $shot"
      exec xvfb-run -a -s "-screen 0 1920x1080x24" "$exe" --screenshot "$shot" "$@"
    fi
    exec "$exe" "$@"
    ;;
  test)
    deps
    build release
    run_tests release
    build asan
    run_tests asan
    ;;
  *)
    sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
