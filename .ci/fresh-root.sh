#!/usr/bin/env bash
# fresh-root.sh - runs commands in a fresh minimal Debian 12 root, as a new
# user's machine (or a container image) would be: no compiler, no cmake, no
# git.  CI uses it to prove the README's quick start works from nothing.
#
#   sudo .ci/fresh-root.sh './quickstart.sh run' './quickstart.sh test'
#
# Steps: debootstrap --variant=minbase bookworm into a temporary folder (the
# mirror taken from this machine's apt sources), the project's HEAD copied in
# with `git archive`, /proc, /dev and /sys mounted, then each command run in
# order, as root, in the copy's folder, through chroot with a bare
# environment.  Prints how long each step took and, when a command fails, the
# end of its output.  Exits 1 when any command failed, 2 when the root could
# not be made.  The mounts and the folder are removed on exit.
#
# CAP_FRESH_CACHE=1 keeps the debootstrapped root as a tarball in
# ${TMPDIR:-/tmp} and reuses it next time (for trying things by hand; CI
# never sets it, so every CI run starts from debootstrap).
set -uo pipefail

cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
    echo "fresh-root.sh: must run as root (debootstrap, mount, chroot)" >&2
    exit 2
fi
if [ $# -eq 0 ]; then
    echo "usage: fresh-root.sh COMMAND..." >&2
    exit 2
fi

tmp=${TMPDIR:-/tmp}
work=$(mktemp -d "$tmp/capplan-fresh.XXXXXX") || exit 2
root=$work/root
cache=$tmp/capplan-minbase-bookworm.tar
tail_lines=60 ok_lines=0

# Everything mounted below $root, deepest first.
mounts_below_root() {
    awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/mounts | sort -r
}

cleanup() {
    local m t0=$SECONDS
    for m in $(mounts_below_root); do
        umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
    done
    # Never rm -rf through a mount: that would empty the host's /dev.
    if [ -n "$(mounts_below_root)" ]; then
        echo "fresh-root.sh: mounts left below $root; not removing it" >&2
    else
        rm -rf "$work"
    fi
    printf '== clean-up: %d s; fresh root total: %d s\n' $((SECONDS - t0)) "$SECONDS"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The first Debian mirror of this machine's apt sources (deb822 or one-line
# format), so the root is built from the same mirror (or proxy) apt uses.
apt_mirror() {
    local f uri=""
    for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        uri=$(awk '$1 == "URIs:" && $2 !~ /security/ { print $2; exit }' "$f")
        [ -n "$uri" ] && break
    done
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(sed -n 's/^deb[ \t]\+\(\[[^]]*\][ \t]\+\)\?\([^ \t]\+\).*/\2/p' \
              /etc/apt/sources.list | grep -v security | head -n 1)
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

# step NAME COMMAND...: runs COMMAND with its output in a log, prints
# "== NAME: ok|FAILED (exit N), S s" and on failure the log's last lines.
step() {
    local name=$1 log t0 rc
    shift
    log=$work/step$((++nstep)).log
    t0=$(date +%s)
    "$@" >"$log" 2>&1
    rc=$?
    if [ $rc -eq 0 ]; then
        printf '== %s: ok, %d s\n' "$name" $(( $(date +%s) - t0 ))
        { grep -m 1 'tests passed' "$log"; tail -n "$ok_lines" "$log"; } | sed 's/^/   | /'
    else
        printf '== %s: FAILED (exit %d), %d s; last %d lines of its output:\n' \
            "$name" $rc $(( $(date +%s) - t0 )) $tail_lines
        # A test suite names its first failure long before its last lines.
        first=$(grep -n -m 1 -E '\*\*\*Failed|FAIL|[Ee]rror' "$log" | cut -d: -f1)
        if [ -n "$first" ] && [ "$first" -lt $(( $(wc -l <"$log") - tail_lines )) ]; then
            echo "   (its first failure, from line $first:)"
            sed -n "${first},$((first + 30))p" "$log" | sed 's/^/   | /'
            echo "   (its last $tail_lines lines:)"
        fi
        tail -n $tail_lines "$log" | sed 's/^/   | /'
    fi
    return $rc
}
nstep=0

if ! command -v debootstrap >/dev/null; then
    step "install debootstrap" sh -c 'apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends debootstrap' || exit 2
fi

mirror=$(apt_mirror)
if [ "${CAP_FRESH_CACHE:-}" = 1 ] && [ -f "$cache" ]; then
    mkdir "$root" && step "unpack cached minbase root ($cache)" \
        tar -C "$root" -xf "$cache" || exit 2
else
    step "debootstrap --variant=minbase bookworm ($mirror)" \
        debootstrap --variant=minbase bookworm "$root" "$mirror" || exit 2
    if [ "${CAP_FRESH_CACHE:-}" = 1 ]; then
        tar -C "$root" -cf "$cache.part" . && mv "$cache.part" "$cache"
    fi
fi

cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
mkdir -p "$root/root/project"
step "git archive HEAD ($(git -c safe.directory="$PWD" rev-parse --short HEAD))" \
    sh -c 'git -c safe.directory="$1" archive HEAD | tar -x -C "$2"' \
    sh "$PWD" "$root/root/project" || exit 2
mount -t proc proc "$root/proc" &&
    mount --rbind /dev "$root/dev" && mount --make-rslave "$root/dev" &&
    mount -t sysfs sysfs "$root/sys" || { echo "fresh-root.sh: mount failed" >&2; exit 2; }

failed=0 ok_lines=3
for cmd in "$@"; do
    step "$cmd" chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb \
        PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        /bin/bash -c "cd /root/project && $cmd" || failed=1
done
exit $failed
