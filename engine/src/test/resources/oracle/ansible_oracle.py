#!/usr/bin/python3
"""Asks ansible-core, in one process, what it makes of inventories: for each job read from stdin
({"sources": [...], "list": true, "patterns": [...]}, one JSON list), what `ansible-inventory -i SOURCES --list`
prints (run in-process through ansible's own InventoryCLI), whether a source failed to parse, and
the hosts each pattern selects (InventoryManager.get_hosts, which `ansible-playbook --list-hosts`
uses). Prints one JSON list of {"list" | "failure", "patterns": {pattern: sorted hosts or
["error: ..."]}}. Used by InventoryOracleTest; one process instead of two per inventory keeps the
test fast."""
import contextlib
import io
import json
import sys

from ansible.cli.inventory import InventoryCLI
from ansible.errors import AnsibleError
from ansible.inventory.manager import InventoryManager
from ansible.parsing.dataloader import DataLoader
from ansible.utils.context_objects import GlobalCLIArgs
from ansible.utils.display import Display


def run_list(sources):
    args = ["ansible-inventory"]
    for s in sources:
        args += ["-i", s]
    args.append("--list")
    out, err = io.StringIO(), io.StringIO()
    code = 0
    GlobalCLIArgs._Singleton__instance = None  # each run parses its own command line, as a new process would
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli = InventoryCLI(args)
            cli.run()
        except SystemExit as e:
            code = e.code or 0
        except Exception as e:  # what ansible-inventory reports as "Unexpected Exception"
            return None, "exception: %s" % e
    text = err.getvalue()
    for marker in ("Unable to parse", "Failed to parse"):
        if marker in text:
            return None, "Ansible could not parse every source (warnings: 'Unable to parse', 'Failed to parse')"
    if code != 0:
        return None, "exit %s" % code
    return json.loads(out.getvalue()), None


def run_patterns(sources, patterns):
    out = {}
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        inventory = InventoryManager(loader=DataLoader(), sources=sources)
        for p in patterns:
            inventory.clear_pattern_cache()
            try:
                out[p] = sorted(h.name for h in inventory.get_hosts(p))
            except AnsibleError as e:
                out[p] = ["error: %s" % e]
    return out


def main():
    Display().verbosity = 0
    results = []
    for job in json.load(sys.stdin):
        result = {}
        if job.get("list", True):
            listing, failure = run_list(job["sources"])
            result = {"failure": failure} if failure else {"list": listing}
        if job.get("patterns"):
            result["patterns"] = run_patterns(job["sources"], job["patterns"])
        results.append(result)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
