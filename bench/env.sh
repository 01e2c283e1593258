# shellcheck shell=bash
# The bench's own lab instance (beside the default lab, never instead of it). Sourced by bench/run.
# Each setting may be preset (e.g. to run a second bench beside another one).
export CONVERGE_LAB_DIR=${CONVERGE_LAB_DIR:-/var/lib/converge-bench}
export CONVERGE_LAB_NET=${CONVERGE_LAB_NET:-10.78.0}
export CONVERGE_LAB_NAME=${CONVERGE_LAB_NAME:-bench}
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CONVERGE_LAB_INVENTORY=${CONVERGE_LAB_INVENTORY:-$BENCH_DIR/inventory.yml}
