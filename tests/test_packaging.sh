#!/usr/bin/env bash
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian packages with CPack and checks them the way a user and a
# CI runner meet them:
#  - the file names, and the Depends/Recommends dpkg-deb shows;
#  - the files each package holds (binaries, man pages, desktop entry,
#    AppStream metainfo, scalable and PNG icons), desktop-file-validate and
#    appstreamcli validate, the man pages free of groff warnings and the CLI's
#    man page naming every flag --help lists;
#  - the CLI binary links no Qt Widgets or Gui (readelf, ldd);
#  - installed into a clean root that holds only their declared dependency
#    closure (tests/support/dependency_root.py), crossdock-cli --version,
#    --help and manifest-digest run there, and crossdock --version and the
#    GUI itself (offscreen) start there.
# Usage: test_packaging.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
here=$(cd "$(dirname "$0")" && pwd)
arch=$(dpkg --print-architecture)
work=$(mktemp -d /tmp/crossdock-packaging.XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# Output is captured before grepping: with pipefail, `producer | grep -q`
# fails whenever grep stops reading early and the producer gets SIGPIPE.
pass() { echo "ok: $*"; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/packages" >"$work/cpack.log" 2>&1 \
  || { cat "$work/cpack.log" >&2; fail "cpack"; }
cli=$work/packages/crossdock-cli_${version}_${arch}.deb
gui=$work/packages/crossdock_${version}_${arch}.deb
[ -f "$cli" ] && [ -f "$gui" ] || fail "expected $(basename "$cli") and $(basename "$gui"); got: $(ls "$work/packages")"
pass "packages $(basename "$cli") $(basename "$gui")"

# --- control fields --------------------------------------------------------
field() { dpkg-deb -f "$1" "$2"; }
has() { grep -qE "(^|, )$2( |,|$)" <<<"$1" || fail "$3: '$2' not in: $1"; }
hasnt() { ! grep -qE "$2" <<<"$1" || fail "$3: '$2' must not be in: $1"; }
dpkg-deb -I "$cli" >/dev/null
depends=$(field "$cli" Depends)
for lib in libqt6core6 libqt6network6 libqt6keychain1 libssl3 libyaml-cpp0.7 libgpgme11 gpg gpg-agent; do has "$depends" "$lib" "crossdock-cli Depends"; done
hasnt "$depends" "libqt6widgets|libqt6gui" "crossdock-cli Depends"
has "$(field "$cli" Recommends)" ca-certificates "crossdock-cli Recommends"
depends=$(field "$gui" Depends)
for lib in libqt6widgets6 libqt6gui6 libqt6svg6 "crossdock-cli \\(= $version\\)"; do has "$depends" "$lib" "crossdock Depends"; done
has "$(field "$gui" Recommends)" gnome-keyring "crossdock Recommends"
[ "$(field "$cli" Version)" = "$version" ] && [ "$(field "$gui" Version)" = "$version" ] || fail "package versions"
pass "Depends: $(field "$cli" Depends)"

# --- contents ----------------------------------------------------------------
contents() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's|^\./|/|'; }
expect_files() { # DEB FILE...
  local deb=$1 listing; shift; listing=$(contents "$deb")
  for f in "$@"; do grep -qxF "$f" <<<"$listing" || fail "$(basename "$deb") lacks $f"; done
}
expect_files "$cli" /usr/bin/crossdock-cli /usr/share/man/man1/crossdock-cli.1.gz /usr/share/doc/crossdock-cli/copyright
id=io.crossdock.Crossdock
icons=(/usr/share/icons/hicolor/scalable/apps/$id.svg)
for size in 16 24 32 48 64 128 256; do icons+=("/usr/share/icons/hicolor/${size}x${size}/apps/$id.png"); done
expect_files "$gui" /usr/bin/crossdock /usr/share/man/man1/crossdock.1.gz /usr/share/applications/$id.desktop \
  /usr/share/metainfo/$id.metainfo.xml /usr/share/doc/crossdock/copyright "${icons[@]}"
! grep -q /usr/bin/crossdock-cli <<<"$(contents "$gui")" || fail "crossdock must not ship crossdock-cli (it depends on it)"
pass "contents"

root=$work/root
mkdir -p "$root"
python3 "$here/support/dependency_root.py" "$root" "$cli" "$gui" >"$work/closure.txt" || fail "dependency closure"
pass "clean root: $(cut -c1-60 "$work/closure.txt")..."

desktop-file-validate "$root/usr/share/applications/$id.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" || fail "appstreamcli validate"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$id.metainfo.xml" || fail "metainfo release version"
grep -q "<project_license>Apache-2.0</project_license>" "$root/usr/share/metainfo/$id.metainfo.xml" || fail "metainfo license"
for size in 16 256; do
  grep -q "$size x $size" <<<"$(file "$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png")" || fail "icon ${size}px"
done
pass "desktop entry, metainfo, icons"

# With the project's address (-DCROSSDOCK_PROJECT_URL), the metainfo names the
# homepage and the README's screenshots; each it names is in the tree. Without
# it (the packages above), neither. A non-https address is refused.
! grep -q "<url\|<screenshot" "$root/usr/share/metainfo/$id.metainfo.xml" || fail "metainfo links without a project URL"
source_dir=$(cd "$here/.." && pwd)
configure() { cmake -S "$source_dir" -B "$work/url" -G Ninja -DCROSSDOCK_BUILD_TESTS=OFF -DCROSSDOCK_BUILD_BENCH=OFF "$@"; }
configure -DCROSSDOCK_PROJECT_URL=https://example.org/crossdock >"$work/url.log" 2>&1 || { cat "$work/url.log" >&2; fail "configure with a project URL"; }
linked=$work/url/packaging/$id.metainfo.xml
appstreamcli validate --no-net "$linked" || fail "appstreamcli validate (with a project URL)"
grep -q '<url type="homepage">https://example.org/crossdock</url>' "$linked" || fail "metainfo homepage"
shots=$(grep -o "<image>[^<]*</image>" "$linked" | sed 's|<image>https://example.org/crossdock/raw/v'"$version"'/||; s|</image>||')
[ "$(wc -l <<<"$shots")" -ge 3 ] || fail "metainfo screenshots: $shots"
for shot in $shots; do [ -f "$source_dir/$shot" ] || fail "metainfo names $shot, which the tree does not hold"; done
rm -rf "$work/url"
! configure -DCROSSDOCK_PROJECT_URL=http://example.org >"$work/url.log" 2>&1 || fail "an http:// project URL was accepted"
grep -q "must be an https:// address" "$work/url.log" || fail "the refused project URL is not explained: $(tail -3 "$work/url.log")"
pass "metainfo homepage and screenshots with a project URL"

for page in crossdock-cli crossdock; do
  warnings=$(zcat "$root/usr/share/man/man1/$page.1.gz" | groff -man -ww -z -Tutf8 2>&1 || true)
  [ -z "$warnings" ] || fail "$page.1: groff warnings: $warnings"
  grep -q "Crossdock $version" <<<"$(zcat "$root/usr/share/man/man1/$page.1.gz")" || fail "$page.1 names version $version"
done
# Every command --help lists has its entry in crossdock-cli.1 and a page of
# its own that describes every flag its --help lists, free of groff warnings.
man=$(zcat "$root/usr/share/man/man1/crossdock-cli.1.gz" | sed 's/\\-/-/g')
for command in $("$build/app/crossdock-cli" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR>1 && NF {print $1}'); do
  grep -qE "^\.(B|BR|BI) \"?$command" <<<"$man" || fail "crossdock-cli.1 has no entry for $command"
  grep -qF "crossdock-cli-$command (1)" <<<"$man" || fail "crossdock-cli.1 does not point to crossdock-cli-$command(1)"
  page=$root/usr/share/man/man1/crossdock-cli-$command.1.gz
  [ -f "$page" ] || fail "no man page for crossdock-cli $command"
  warnings=$(zcat "$page" | groff -man -ww -z -Tutf8 2>&1 || true)
  [ -z "$warnings" ] || fail "crossdock-cli-$command.1: groff warnings: $warnings"
  text=$(zcat "$page" | sed 's/\\-/-/g')
  for flag in $("$build/app/crossdock-cli" "$command" --help | grep -oE -- '--[a-z][a-z.-]+' | sort -u); do
    grep -qF -- "$flag" <<<"$text" || fail "crossdock-cli-$command.1 does not describe $flag"
  done
done
expect_files "$cli" /usr/share/bash-completion/completions/crossdock-cli \
  /usr/share/zsh/vendor-completions/_crossdock-cli /usr/share/fish/vendor_completions.d/crossdock-cli.fish
pass "man pages, one per command, and shell completions"

# --- no GUI libraries in the CLI ---------------------------------------------
needed=$(readelf -d "$root/usr/bin/crossdock-cli" | grep NEEDED)
! grep -qiE "widgets|Qt6Gui" <<<"$needed" || fail "crossdock-cli links: $needed"
! grep -qi widgets <<<"$(ldd "$root/usr/bin/crossdock-cli")" || fail "ldd crossdock-cli shows Widgets"
grep -qi widgets <<<"$(readelf -d "$root/usr/bin/crossdock" | grep NEEDED)" || fail "the GUI should link Widgets (test sanity)"
pass "crossdock-cli: no Widgets (NEEDED: $(grep -o '\[.*\]' <<<"$needed" | tr -d '[]' | tr '\n' ' '))"

# --- run them in the clean root ------------------------------------------------
in_root() { # CMD... inside the root: chroot as root, else a user namespace
  if [ "$(id -u)" -eq 0 ]; then chroot "$root" "$@"; else unshare -r -R "$root" "$@"; fi
}
mkdir -p "$root/tmp" && chmod 1777 "$root/tmp"
[ "$(in_root /usr/bin/crossdock-cli --version)" = "crossdock-cli $version" ] || fail "crossdock-cli --version in the clean root"
grep -q "^Commands:" <<<"$(in_root /usr/bin/crossdock-cli --help)" || fail "crossdock-cli --help in the clean root"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{},"layers":[]}' \
  > "$root/tmp/manifest.json"
[ "$(in_root /usr/bin/crossdock-cli manifest-digest /tmp/manifest.json)" = "sha256:$(sha256sum < "$root/tmp/manifest.json" | cut -d' ' -f1)" ] \
  || fail "crossdock-cli manifest-digest in the clean root"
[ "$(QT_QPA_PLATFORM=offscreen in_root /usr/bin/crossdock --version)" = "crossdock $version" ] || fail "crossdock --version in the clean root"
# The GUI starts (Qt, its plugins, the window) and is still running 3 s later.
set +e
HOME=/tmp XDG_RUNTIME_DIR=/tmp QT_QPA_PLATFORM=offscreen timeout 3 \
  bash -c "$(declare -f in_root); root='$root'; in_root /usr/bin/crossdock" >"$work/gui.log" 2>&1
status=$?
set -e
[ $status -eq 124 ] || { cat "$work/gui.log" >&2; fail "crossdock exited with $status in the clean root"; }
pass "crossdock-cli and crossdock run in the clean root"
echo "PASS"
