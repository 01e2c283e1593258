#!/usr/bin/env python3
"""Regenerates the blockinfile goldens with real Ansible (run once by hand; no Ansible at test time).

Oracle: ansible-core 2.14.18 (Debian bookworm package `ansible-core`), module ansible.builtin.blockinfile,
run as `ansible localhost -c local -o -m blockinfile -a JSON` on a copy of each input.

  python3 generate.py --inputs   # (re)collect inputs/ from this Debian machine, then derive the synthetic ones
  python3 generate.py            # run every case of cases.tsv, write expected/NAME and results.tsv

Inputs (inputs/):
  sshd_config        /usr/share/openssh/sshd_config of openssh-server 1:9.2p1-2+deb12u10 (Debian 12), the file
                     the package installs as /etc/ssh/sshd_config
  ssh_config         /etc/ssh/ssh_config of openssh-client 1:9.2p1-2+deb12u10 (Debian 12)
  hosts              /etc/hosts of the build machine (three lines)
  sshd_config-nonl   sshd_config without its final newline
  sshd_config-twice  sshd_config with two managed blocks (the default markers), one after "#PermitRootLogin"
                     and one at the end
  sshd_config-reversed  sshd_config with an END marker line before a BEGIN marker line
  sshd_config-begin-only  sshd_config with a BEGIN marker line and no END
  sshd_config-crlf-block  sshd_config with a managed block whose marker lines end in CRLF
  empty              an empty file

cases.tsv: NAME <TAB> INPUT <TAB> PARAMS (JSON, Ansible's spelling, without path). INPUT is a file of inputs/,
@CASE for the expected result of an earlier case, or - for a missing file (path: DIR/missing/file).
results.tsv: NAME <TAB> changed|ok|failed <TAB> message (failure messages with the temp path as PATH).
expected/NAME: the file after the run (absent when Ansible left no file).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "inputs")
EXPECTED = os.path.join(HERE, "expected")
BEGIN = "# BEGIN ANSIBLE MANAGED BLOCK\n"
END = "# END ANSIBLE MANAGED BLOCK\n"


def collect_inputs():
    shutil.copyfile("/usr/share/openssh/sshd_config", os.path.join(INPUTS, "sshd_config"))
    shutil.copyfile("/etc/ssh/ssh_config", os.path.join(INPUTS, "ssh_config"))
    shutil.copyfile("/etc/hosts", os.path.join(INPUTS, "hosts"))
    with open(os.path.join(INPUTS, "sshd_config"), encoding="utf-8") as f:
        sshd = f.read()
    lines = sshd.splitlines(True)
    at = max(i for i, l in enumerate(lines) if l.startswith("#PermitRootLogin")) + 1
    derived = {
        "sshd_config-nonl": sshd.rstrip("\n"),
        "sshd_config-twice": "".join(lines[:at] + [BEGIN, "PermitRootLogin no\n", END] + lines[at:])
        + BEGIN + "Match User backup\n    X11Forwarding no\n" + END,
        "sshd_config-reversed": "".join(lines[:at] + [END, "PermitRootLogin no\n", BEGIN] + lines[at:]),
        "sshd_config-begin-only": "".join(lines[:at] + [BEGIN, "PermitRootLogin no\n"] + lines[at:]),
        "sshd_config-crlf-block": sshd + BEGIN.replace("\n", "\r\n") + "PermitRootLogin no\r\n"
        + END.replace("\n", "\r\n"),
        "empty": "",
    }
    for name, text in derived.items():
        with open(os.path.join(INPUTS, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)


def run_cases():
    env = dict(os.environ, ANSIBLE_CONFIG="/nonexistent/ansible.cfg", ANSIBLE_LOCALHOST_WARNING="false",
               ANSIBLE_INVENTORY_UNPARSED_WARNING="false", ANSIBLE_NOCOLOR="1")
    results = []
    with open(os.path.join(HERE, "cases.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
    for name, source, params in rows:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "missing", "file") if source == "-" else os.path.join(tmp, "file")
            if source.startswith("@"):
                shutil.copyfile(os.path.join(EXPECTED, source[1:]), path)
            elif source != "-":
                shutil.copyfile(os.path.join(INPUTS, source), path)
            args = dict(json.loads(params))
            args = {k: (path if v == "PATH" else v) for k, v in args.items()}
            if "dest" not in args:
                args["path"] = path
            out = subprocess.run(["ansible", "localhost", "-c", "local", "-o", "-m", "blockinfile",
                                  "-a", json.dumps(args)], env=env, capture_output=True, text=True, cwd=tmp)
            line = out.stdout.strip().splitlines()[-1]
            status, _, payload = line.partition(" => ")
            reply = json.loads(payload)
            outcome = "failed" if "FAILED" in status else ("changed" if reply.get("changed") else "ok")
            message = reply.get("msg", "").replace(path, "PATH") if outcome == "failed" else ""
            results.append("%s\t%s\t%s\n" % (name, outcome, message))
            target = os.path.join(EXPECTED, name)
            if os.path.exists(path):
                shutil.copyfile(path, target)
            elif os.path.exists(target):
                os.remove(target)
            print(name, outcome, message)
    with open(os.path.join(HERE, "results.tsv"), "w", encoding="utf-8") as f:
        f.write("# written by generate.py with ansible-core 2.14.18: NAME, outcome, failure message\n")
        f.writelines(results)


if __name__ == "__main__":
    if "--inputs" in sys.argv:
        collect_inputs()
    run_cases()
