#!/bin/sh
# SPDX-License-Identifier: MIT
# vmbus_proto.h must include every other public header.
set -eu
dir=$1/include/vmbus_proto
missing=0
for h in "$dir"/*.h; do
  name=$(basename "$h")
  [ "$name" = vmbus_proto.h ] && continue
  if ! grep -q "^#include \"$name\"" "$dir/vmbus_proto.h"; then
    echo "vmbus_proto.h does not include $name"; missing=$((missing + 1))
  fi
done
[ "$missing" -eq 0 ]
