#!/usr/bin/env bash
# The release build: one statically linked executable at .build-static/release/baton, the build the
# benchmarks measure and CI smoke-tests. Extra arguments are passed on to `swift build`.
#
# -static-executable: no shared Swift runtime, libstdc++ or libsqlite3 to install, and no loader work at
#   each start (a dynamically linked baton spent about 2 ms per start relocating them).
# -disable-concrete-type-metadata-mangled-name-accessors: the compiler otherwise finds the metadata of a
#   generic type such as [String: Int] by demangling its name at run time, and each first use of one checks
#   its conformances by scanning all 7,400 conformance records of the static binary. Direct accessors cost
#   250 KB of code and saved 0.8 ms of every start (4.9 -> 4.1 ms on a small plan, BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v swift >/dev/null 2>&1 || export PATH="/opt/swift/usr/bin:$PATH"
exec swift build -c release --scratch-path .build-static \
  -Xswiftc -static-executable \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors \
  "$@"
