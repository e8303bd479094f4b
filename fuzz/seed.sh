#!/usr/bin/env bash
# Seeds each fuzz target's corpus from the repository's test corpus (tests/corpus, the copy of
# ../shared/corpus) and the sample site, so the fuzzers start from real localized docs.
set -euo pipefail
cd "$(dirname "$0")"
root=..
seed() { mkdir -p "corpus/$1"; cp -n "${@:2}" "corpus/$1/" 2>/dev/null || true; }
mapfile -t md < <(find "$root/tests/corpus" "$root/content" -name '*.md' ! -iname 'toc.md' | sort)
# Whole articles for the parsers of whole files; headings only for the slugger.
i=0
for f in "${md[@]}"; do
  i=$((i + 1))
  for t in front_matter markdown sxs; do
    mkdir -p "corpus/$t"; cp "$f" "corpus/$t/$i.md"
  done
  mkdir -p corpus/slug
  grep -E '^#{1,6} ' "$f" | head -40 > "corpus/slug/$i.txt" || true
done
mkdir -p corpus/toc corpus/model
j=0
while IFS= read -r f; do j=$((j + 1)); cp "$f" "corpus/toc/$j-$(basename "$f")"; done \
  < <(find "$root/tests/corpus" "$root/tests/fixtures" -iname 'toc.*')
cp "$root"/content/_model/*.yaml corpus/model/
echo "seeded: $(ls corpus/markdown | wc -l) articles, $(ls corpus/toc | wc -l) TOCs, $(ls corpus/model | wc -l) model files"
