#!/usr/bin/env bash
# Rebuilds demo/ (the corpus imported on first start) from the shared data folder; see demo/README.md.
# Usage: scripts/build-demo.sh [DATA_DIR]   (default: ../shared/data next to the repository)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$(cd "${1:-$root/../shared/data}" && pwd)"
out="$root/demo"
week="$data/arxiv-corpus/seed-week-2025-09-26.jsonl"
seed="$data/seed-page/papers.jsonl"
hf="$data/hf-daily-papers/papers.jsonl"

for f in "$week" "$seed" "$hf"; do
  [[ -f "$f" ]] || { echo "build-demo: missing $f" >&2; exit 1; }
done
mkdir -p "$out"

# -n drops the file name and mtime from the gzip header so rebuilding gives identical bytes.
gzip -9 -n -c "$week" > "$out/arxiv-week-2025-09-26.jsonl.gz"

# Lines are copied byte for byte (never re-serialised), so the demo rows are exactly the source rows.
python3 - "$week" "$seed" "$hf" "$out" <<'PY'
import json, sys

week_path, seed_path, hf_path, out = sys.argv[1:]

def lines(path):
    with open(path, encoding='utf-8') as f:
        return [line for line in f if line.strip()]

week_ids = {json.loads(line)['id'] for line in lines(week_path)}

seed_rows = [line for line in lines(seed_path) if json.loads(line).get('arxiv_id')]
seed_ids = {json.loads(line)['arxiv_id'] for line in seed_rows}
with open(f'{out}/seed-page.jsonl', 'w', encoding='utf-8') as f:
    f.writelines(seed_rows)

# Later re-features (2026) would make the demo's newest activity months after everything else, so they are dropped.
hf_rows = []
for line in lines(hf_path):
    row = json.loads(line)
    if (row['arxiv_id'] in week_ids or row['arxiv_id'] in seed_ids) and row['daily_date'] <= '2025-12-31':
        hf_rows.append(line)
with open(f'{out}/hf-daily.jsonl', 'w', encoding='utf-8') as f:
    f.writelines(hf_rows)

hf_ids = {json.loads(line)['arxiv_id'] for line in hf_rows}
print(f'arxiv week papers: {len(week_ids)}')
print(f'seed-page rows with arxiv_id: {len(seed_rows)} ({len(seed_ids & week_ids)} also in the week)')
print(f'hf-daily rows: {len(hf_rows)} ({len(hf_ids & week_ids)} week papers, {len(hf_ids & seed_ids)} seed-page papers)')
PY

ls -l "$out"
