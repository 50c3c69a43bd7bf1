#!/usr/bin/env bash
# Trains the ONNX tagger and refits the tagger's scorer, from a clean checkout, in one command:
#   models/train/train-all.sh <shared data folder>     (e.g. ../shared/data)
# Needs Debian's python3-torch and python3-onnx (installed here when missing) and the official
# ICD-10-CM release and CodiEsp train split + background texts under the data folder.
set -euo pipefail
data="$(cd "${1:?usage: models/train/train-all.sh <data folder with codiesp/ and icd10cm/>}" && pwd)"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if ! /usr/bin/python3 -c 'import torch, onnx' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-torch python3-onnx >/dev/null
fi
npm run build --silent
cli="node dist/src/cli/main.js"
export NOTECODER_ICD10CM_SOURCE="$data/icd10cm" NOTECODER_HCPCS_SOURCE="$data/hcpcs"
$cli dict build --icd10cm "$data/icd10cm" --hcpcs "$data/hcpcs"
# 1. Silver labels: the pipeline's mentions on CodiEsp train, aligned to the gold codes (train only).
$cli tagger-data --codiesp "$data/codiesp/train" --out models/train/work/silver.jsonl
# 2. Vocabulary, masked-LM pre-training, fine-tuning (two out-of-fold models and the shipped one), ONNX.
#    The MTSamples unlabeled US notes join the vocabulary and the pre-training, the dev notes left out.
extra=()
if [ -f "$data/notes/mtsamples/unlabeled.jsonl.gz" ]; then
  extra=(--extra-texts "$data/notes/mtsamples/unlabeled.jsonl.gz" --leave-out "$data/notes/mtsamples/labeled-dev.jsonl")
fi
/usr/bin/python3 models/train/train_tagger.py --codiesp "$data/codiesp" --icd10cm "$data/icd10cm" \
  --silver models/train/work/silver.jsonl "${extra[@]}"
# 3. The tagger's stacked scorer refitted on out-of-fold tagger output; the dictionary-only scorer and
#    the associations in dictionaries/learned/model.json are kept (drop --tagger-only to refit all).
$cli train --codiesp "$data/codiesp/train" --tagger-folds models/train/work --tagger-only
