#!/usr/bin/env bash
# Writes crates/marsad-eval/data/speakers-blind.tsv: the body quotes Marsad found in each
# quotes set's documents, with their speakers, as the extractor stood at that set's blind
# run (the commit on which the set was scored before anyone read its errors; see
# crates/marsad-eval/data/README.md). `marsad train speakers` learns from these rule
# outputs, whose accuracy is what the rules reach on text they were not tuned on.
#
# Usage (from the repository root, with ../shared beside it; needs git, cargo, jq):
#   scripts/blind-speakers.sh
# Builds each commit in a temporary worktree (one shared build directory, so only the
# workspace crates rebuild between commits).
set -euo pipefail
root=$(git rev-parse --show-toplevel)
cd "$root"
ant=${ANT:-../shared/data/ant-multisource-2018-04}
work=$(mktemp -d)
target=${BLIND_TARGET_DIR:-$work/target}
out=crates/marsad-eval/data/speakers-blind.tsv
# A `:rules` suffix runs `analyze --rules-only` (commits from b11c019 on ship the speaker
# ranker and have the switch; the rules' own output is what the ranker learns from).
pairs="dev3:ccf143f dev4:71c11b4 dev5:e02ffe2 dev6:8cedfbe dev7:f2d6e21 dev8:0e88ba3 dev9:9e4f9f2 dev12:b11c019:rules dev14:46a4686:rules dev15:46a4686:rules dev16:036baab:rules dev17:036baab:rules"
{
  echo "# Body quotes and their speakers as the extractor found them at each quotes set's blind run,"
  echo "# written by scripts/blind-speakers.sh (set:commit = $pairs)."
  echo "# set<TAB>doc<TAB>start<TAB>end<TAB>speaker<TAB>speaker_text<TAB>span_start<TAB>span_end; '-' for none."
} > "$work/out.tsv"
for pair in $pairs; do
  set=${pair%%:*}
  rest=${pair#*:}
  commit=${rest%%:*}
  flags=()
  if [ "${rest#"$commit"}" = ":rules" ]; then flags=(--rules-only); fi
  git worktree add -f --detach "$work/wt-$set" "$commit" > /dev/null
  (cd "$work/wt-$set" && CARGO_TARGET_DIR=$target cargo build --release -q -p marsad-cli)
  ids=$(awk -F'\t' '$6 == "scope" { print $2 }' "crates/marsad-eval/data/events-$set.tsv" \
    | jq -R . | jq -sc .)
  "$target/release/marsad" analyze "${flags[@]}" -f jsonl "$ant" 2> /dev/null \
    | jq -r --arg set "$set" --argjson ids "$ids" '
        select(.id as $i | $ids | index($i)) | .id as $doc
        | (.quotes // [])[] | select(.field == "body")
        | [$set, $doc, .start, .end, (.speaker // "-"), (.speaker_text // "-"),
           (.speaker_span.start // "-"), (.speaker_span.end // "-")]
        | map(tostring | gsub("\t"; " ")) | join("\t")' >> "$work/out.tsv"
  git worktree remove --force "$work/wt-$set"
done
mv "$work/out.tsv" "$out"
rm -rf "$work"
echo "wrote $out"
