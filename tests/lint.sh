#!/bin/sh
# SPDX-License-Identifier: MIT
# Source rules that no compiler checks (CONTRIBUTING.md, spec/conventions.md design rules):
# an SPDX line in every source file; public headers free of libc includes beyond the
# freestanding ones, of bit-fields, and of the vmbus_/hv_ names that clash with Linux/EDK2.
set -eu
cd "$1"
bad=0
files=$(git ls-files 2>/dev/null || find . -type f -not -path './build*' | sed 's|^\./||')
for f in $files; do
  case $f in
    *.c|*.h|*.sh|*.cmake|*.cmake.in|*.pc.in|CMakeLists.txt|*/CMakeLists.txt|*.py|.ci/run|Doxyfile|*.dict|*.options|*.gp|*.toml)
      [ -f "$f" ] || continue
      if ! head -n 5 "$f" | grep -q "SPDX-License-Identifier: MIT"; then
        echo "$f: no SPDX-License-Identifier: MIT in its first lines"; bad=$((bad + 1))
      fi ;;
  esac
done
hdrs=include/vmbus_proto/*.h
if grep -nE '#include[[:space:]]*<(string|stdio|stdlib|assert|stdatomic|limits)\.h>' $hdrs; then
  echo "public headers include libc headers"; bad=$((bad + 1))
fi
if grep -nE '^[[:space:]]*(unsigned|int|uint(8|16|32|64)_t)[^;(]*:[[:space:]]*[0-9]+[[:space:]]*;' $hdrs; then
  echo "bit-fields in public headers"; bad=$((bad + 1))
fi
if grep -nE '\b(struct|enum|union)[[:space:]]+(vmbus|hv)_[a-z_]+' $hdrs; then
  echo "vmbus_/hv_ type names in public headers"; bad=$((bad + 1))
fi
if grep -nE '#[[:space:]]*pragma[[:space:]]+pack' $hdrs; then
  echo "#pragma pack in public headers"; bad=$((bad + 1))
fi
echo "lint: $bad problem(s)"
[ "$bad" -eq 0 ]
