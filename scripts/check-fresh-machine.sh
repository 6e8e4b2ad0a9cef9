#!/usr/bin/env bash
# Runs `npm ci && npm test` on a fresh clone of HEAD as on a machine with only Node.js and npm: in a
# private mount namespace (needs root and util-linux `unshare`) where Debian's xmllint, chromium and
# jupyter and the Debian Python packages (jupyter_client, nbconvert, ...) are hidden, /tmp is a new empty tmpfs, HOME is new
# (no Jupyter kernel, no npm or Deno cache) and ../shared is the project's shared folder, read-only.
# At the end it lists what the run left in /tmp besides the clone and HOME (nothing, if all is well).
#
# usage: sudo scripts/check-fresh-machine.sh [shared-folder]   (default: the shared/ beside the clone's parents)
set -euo pipefail
repo=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
shared=${1:-}
if [ -z "$shared" ]; then
  for candidate in "$repo/../shared" "$repo/../../shared"; do
    if [ -d "$candidate/refi-qda" ]; then shared=$(cd "$candidate" && pwd); break; fi
  done
fi
[ -d "$shared/refi-qda" ] || { echo "check-fresh-machine: no shared folder found; give its path" >&2; exit 2; }

exec unshare --mount --propagation private bash -s "$repo" "$shared" <<'SCRIPT'
set -euo pipefail
repo=$1 shared=$2
mount -t tmpfs -o size=8g tmpfs /tmp
empty=$(mktemp -d /tmp/empty.XXXXXX)
hidden=()
# A file bind-mounted over with /dev/null cannot run, but `command -v` still names it: the PATH of the
# run gets a bin folder with every program of /usr/bin but the hidden ones instead of /usr/bin and /bin.
for path in /usr/bin/xmllint /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/jupyter /usr/bin/jupyter-* \
  /usr/lib/python3/dist-packages; do
  if [ -d "$path" ]; then mount --bind "$empty" "$path"; hidden+=("$path")
  elif [ -e "$path" ]; then mount --bind /dev/null "$path"; hidden+=("$path"); fi
done
echo "hidden: ${hidden[*]:-(none were installed)}"
mkdir -p /tmp/fresh/bin
for program in /usr/bin/*; do
  case " ${hidden[*]:-} " in *" $program "*) continue ;; esac
  ln -s "$program" "/tmp/fresh/bin/${program##*/}"
done
PATH=$(echo "$PATH" | tr ':' '\n' | sed -e 's|^/usr/bin$|/tmp/fresh/bin|' -e '/^\/bin$/d' | paste -sd: -)
export PATH
for tool in xmllint chromium jupyter; do
  if command -v "$tool" >/dev/null; then echo "still on PATH: $(command -v "$tool")" >&2; exit 2; fi
done
for python in python3 /usr/bin/python3; do
  if "$python" -c "import jupyter_client" 2>/dev/null; then echo "jupyter_client still importable by $python" >&2; exit 2; fi
done

mkdir -p /tmp/fresh/home /tmp/fresh/shared
mount --bind -o ro "$shared" /tmp/fresh/shared
git clone -q "$repo" /tmp/fresh/kodebok
cd /tmp/fresh/kodebok
echo "fresh clone at $(git log --oneline -1)"
before=$(ls -A /tmp | sort)
if env -u KODEBOK_SHARED -u CHROMIUM_PATH -u KODEBOK_REQUIRE_ALL_CHECKS HOME=/tmp/fresh/home NO_COLOR=1 \
  bash -c 'npm ci --no-audit --no-fund >/dev/null && npm test'; then status=0; else status=$?; fi
after=$(ls -A /tmp | sort)
left=$(comm -13 <(echo "$before") <(echo "$after"))
echo "left in /tmp by the run: ${left:-nothing}"
exit $status
SCRIPT
