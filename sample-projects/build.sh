#!/usr/bin/env bash
# Rebuilds the sample projects from the public datasets in ../shared/datasets (or $DATASETS).
#   sample-projects/build.sh
# Needs the built jar (./mvnw -q -B package -DskipTests) and a JDK 21+ as java or JAVA_HOME.
# Seeds are fixed so a rebuild gives the same pairs in the same positions.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
datasets=${DATASETS:-$root/../shared/datasets}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar="$root/target/rlaif-workbench.jar"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -q -B package -DskipTests" >&2; exit 1; }
wb() { "$java" --enable-native-access=ALL-UNNAMED -jar "$jar" "$@"; }

fresh() { rm -f "$here/$1" "$here/$1-wal" "$here/$1-shm"; echo "== $1"; }

# PandaLM: 999 pairs, three human annotators, GPT-3.5-turbo and PandaLM-7B as judges.
fresh pandalm.rlaif
wb import --project "$here/pandalm.rlaif" --format pandalm --seed 20230425 "$datasets/pandalm"

# AlpacaEval / AlpacaFarm: the GPT-4 judge in two prompt configurations (one pair per call, five per call),
# four seeds each = four samples per pair; 100 of the pairs with a real human label (and a degenerate judge).
fresh alpacaeval-gpt4.rlaif
wb import --project "$here/alpacaeval-gpt4.rlaif" --format alpaca-eval --seed 20230522 "$datasets/alpaca-eval/gpt4_b1"
wb import --project "$here/alpacaeval-gpt4.rlaif" --format alpaca-eval "$datasets/alpaca-eval/gpt4_b5"
wb import --project "$here/alpacaeval-gpt4.rlaif" --format alpaca-eval "$datasets/alpaca-eval/human-labeled-100.json"

# HH-RLHF harmless-base test split: 2,312 red-team dialogues with one human choice each; chosen/rejected shuffled
# into A/B with a fixed seed so position does not leak the label.
fresh hh-rlhf-harmless.rlaif
wb import --project "$here/hh-rlhf-harmless.rlaif" --format hh-rlhf --task harmlessness --seed 20220412 \
  "$datasets/hh-rlhf/harmless-base-test.jsonl.gz"

# Auto-J pairwise test set, its 24 post_summarization pairs (Reddit posts with two TL;DR-style summaries).
fresh autoj-summarization.rlaif
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
grep -F '"scenario": "post_summarization"' "$datasets/auto-j/autoj_pairwise.jsonl" > "$tmp/autoj_post_summarization.jsonl"
wb import --project "$here/autoj-summarization.rlaif" --format auto-j --seed 20231005 "$tmp/autoj_post_summarization.jsonl"

for p in "$here"/*.rlaif; do
  # The full-text index is built by the first search (imports stay plain inserts); build it now, so the window's
  # first search on a sample is instant.
  wb search --project "$p" --limit 1 the > /dev/null
  echo "--- $(basename "$p")"
  wb info --project "$p"
done
