#!/usr/bin/env bash
# Pipeline speed of two built checkouts, measured alternately on the same machine (A, B, A, B, ...), by
# wall time, by CPU time and by the main thread's CPU time (eval/scripts/pipeline-speed.ts, built by npm run build), then the medians side by side.
# usage: eval/scripts/compare-speed.sh ROOT_A ROOT_B [pairs] [passes]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
a="$(cd "$1" && pwd)"
b="$(cd "$2" && pwd)"
pairs="${3:-6}"
passes="${4:-6}"
out="$(mktemp -t notecoder-speed-XXXXXX)"
for ((i = 1; i <= pairs; i++)); do
  node "$here/../../dist/eval/scripts/pipeline-speed.js" "$a" "$passes" | tee -a "$out"
  node "$here/../../dist/eval/scripts/pipeline-speed.js" "$b" "$passes" | tee -a "$out"
done
node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const by = (root, key) => median(rows.filter((r) => r.root === root).map((r) => r[key]));
const [a, b] = [process.argv[2], process.argv[3]];
for (const key of ["notesPerSecond", "notesPerCpuSecond", "notesPerMainThreadSecond"]) {
  if (rows.some((r) => r[key] === undefined)) continue;
  const x = by(a, key), y = by(b, key);
  console.log(`${key}: A ${x}  B ${y}  B/A ${(y / x).toFixed(3)}`);
}' "$out" "$a" "$b"
