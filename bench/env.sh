# shellcheck shell=bash
# The bench's own lab instance (beside the default lab, never instead of it). Sourced by bench/run.
export CONVERGE_LAB_DIR=/var/lib/converge-bench
export CONVERGE_LAB_NET=10.78.0
export CONVERGE_LAB_NAME=bench
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CONVERGE_LAB_INVENTORY=$BENCH_DIR/inventory.yml
