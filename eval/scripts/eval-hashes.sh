#!/usr/bin/env bash
# Behaviour fingerprint: `notecoder eval --json` on the dev sets, with and without the tagger, each output
# minus its timing field (`seconds`) hashed with sha256. Two builds whose tables are identical score every
# note the same way; a refactor that should not change behaviour must leave this table unchanged.
#
# usage: eval/scripts/eval-hashes.sh [ROOT] [OUTDIR]
#   ROOT    a notecoder checkout with a built dist/ (default: this checkout)
#   OUTDIR  where the stripped JSON outputs are kept (default: a new temp folder), to diff two builds
# env: NOTECODER_TEST_DATA (default ../shared/data seen from this checkout)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
root="$(cd "${1:-$here}" && pwd)"
out="${2:-$(mktemp -d -t notecoder-eval-hashes-XXXXXX)}"
data="${NOTECODER_TEST_DATA:-$here/../shared/data}"
mkdir -p "$out"
cli="$root/dist/src/cli/main.js"
[[ -f "$cli" ]] || { echo "eval-hashes: $cli is missing; run npm run build in $root" >&2; exit 1; }

runs=(
  "codiesp-billing|$data/codiesp/dev --setting inpatient"
  "codiesp-mentions|$data/codiesp/dev --setting inpatient --rules mentions"
  "cpt-notes|$data/cpt-notes/dev.jsonl"
  "iu-xray|$data/notes/iu_xray/labeled-dev.jsonl --score-only $data/notes/iu_xray/scored-codes.txt"
  "mtsamples|$data/notes/mtsamples/labeled-dev.jsonl"
)

printf '%-26s %s\n' run sha256
for entry in "${runs[@]}"; do
  name="${entry%%|*}"
  # shellcheck disable=SC2206 # the arguments are split on spaces on purpose
  args=(${entry#*|})
  for tagger in tagger no-tagger; do
    flag=()
    [[ "$tagger" == no-tagger ]] && flag=(--no-tagger)
    file="$out/$name.$tagger.json"
    # NOTECODER_CODESET etc. are left to the caller; the build under ROOT finds its own lexicon and model.
    node "$cli" eval "${args[@]}" "${flag[@]}" --json 2>/dev/null |
      node -e 'let s="";process.stdin.on("data",(c)=>(s+=c)).on("end",()=>{const o=JSON.parse(s);delete o.seconds;process.stdout.write(JSON.stringify(o,null,2)+"\n");});' \
        >"$file"
    printf '%-26s %s\n' "$name.$tagger" "$(sha256sum "$file" | cut -d' ' -f1)"
  done
done
echo "outputs: $out" >&2
