#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The Crossdock developers
# SPDX-License-Identifier: Apache-2.0
"""Builds a clean root holding only what a Debian package needs.

Usage: dependency_root.py ROOT PACKAGE.deb...

The packages' Depends and Pre-Depends are followed through this machine's
installed packages (alternatives: the first one installed; virtual packages:
whoever provides them), and the files of every package in that closure are
copied into ROOT, then the .deb files themselves are unpacked there. A
binary that runs in ROOT therefore needs nothing its package does not
declare: a missing dependency shows up as a library the loader cannot find.
This stands in for a container or debootstrap root, which this machine
cannot run; it is offline and takes seconds.
"""
import os
import re
import subprocess
import sys


def installed_packages():
    fields = "${Package}\t${db:Status-Abbrev}\t${Provides}\t${Depends}\t${Pre-Depends}\n"
    out = subprocess.run(["dpkg-query", "-W", "-f", fields], check=True, capture_output=True, text=True).stdout
    packages, provides = {}, {}
    for line in out.splitlines():
        name, status, provided, depends, predepends = (line.split("\t") + [""] * 5)[:5]
        if not status.startswith("ii"):
            continue
        packages[name] = ", ".join(x for x in (depends, predepends) if x)
        for virtual in provided.split(","):
            virtual = re.sub(r"\(.*\)", "", virtual).strip()
            if virtual:
                provides.setdefault(virtual, name)
    return packages, provides


def clauses(depends):
    for clause in depends.split(","):
        alternatives = [re.sub(r"\(.*?\)|\[.*?\]|:any|:native", "", a).strip() for a in clause.split("|")]
        alternatives = [a for a in alternatives if a]
        if alternatives:
            yield alternatives


def closure(debs, packages, provides):
    wanted, missing = set(), []
    todo = []
    for deb in debs:
        control = subprocess.run(["dpkg-deb", "-f", deb, "Depends", "Pre-Depends"], check=True,
                                 capture_output=True, text=True).stdout
        todo.extend(clauses(", ".join(l.split(":", 1)[1] for l in control.splitlines() if ":" in l)))
    own = {subprocess.run(["dpkg-deb", "-f", d, "Package"], check=True, capture_output=True,
                          text=True).stdout.strip() for d in debs}
    while todo:
        alternatives = todo.pop()
        chosen = None
        for name in alternatives:
            if name in own:
                chosen = name
                break
            if name in packages:
                chosen = name
                break
            if name in provides:
                chosen = provides[name]
                break
        if chosen is None:
            missing.append(" | ".join(alternatives))
            continue
        if chosen in own or chosen in wanted:
            continue
        wanted.add(chosen)
        todo.extend(clauses(packages[chosen]))
    return sorted(wanted), missing


def main():
    root, debs = sys.argv[1], sys.argv[2:]
    packages, provides = installed_packages()
    wanted, missing = closure(debs, packages, provides)
    if missing:
        sys.exit("dependencies not installed on this machine: " + ", ".join(missing))
    files = []
    for name in wanted:
        listing = subprocess.run(["dpkg", "-L", name], check=True, capture_output=True, text=True).stdout
        files.extend(p for p in listing.splitlines() if p.startswith("/") and os.path.lexists(p))
    os.makedirs(root, exist_ok=True)
    # Debian 12 is merged-/usr: /lib, /bin... are links into /usr, and
    # packages list files under either name.
    for link in ("bin", "sbin", "lib", "lib64"):
        os.makedirs(os.path.join(root, "usr", link), exist_ok=True)
        if not os.path.lexists(os.path.join(root, link)):
            os.symlink("usr/" + link, os.path.join(root, link))
    tar = subprocess.Popen(["tar", "-C", "/", "--no-recursion", "-cf", "-", "-T", "-"], stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE)
    unpack = subprocess.Popen(["tar", "-C", root, "--keep-directory-symlink", "-xf", "-"], stdin=tar.stdout)
    tar.stdin.write("\n".join(p.lstrip("/") for p in sorted(set(files))).encode() + b"\n")
    tar.stdin.close()
    if tar.wait() != 0 or unpack.wait() != 0:
        sys.exit("copying the dependencies failed")
    for deb in debs:
        subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    print(f"{len(wanted)} packages: {' '.join(wanted)}")


if __name__ == "__main__":
    main()
