#!/usr/bin/env python3
"""Cairn vs restic on the same data, in one run: first backup, unchanged re-backup, full restore.

Generates a mixed dataset once (database-like pages, logs, random binary, many small files,
duplicates) under bench/work/data, then runs each tool against its own fresh repository and prints
wall time, throughput, peak RSS and the Cairn/restic ratios.

  python3 bench/run.py               # ~2 GiB dataset
  python3 bench/run.py --size-mib 256  # quicker
  python3 bench/run.py --s3            # also both tools against one local S3 server (S3Proxy)
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PASSWORD = "bench-password-not-secret"


def generate(data, size_mib, seed=42):
    marker = os.path.join(data, ".complete-%d" % size_mib)
    if os.path.exists(marker):
        return
    shutil.rmtree(data, ignore_errors=True)
    rnd = random.Random(seed)
    budget = size_mib * 1024 * 1024
    shares = {"db": 0.35, "logs": 0.20, "random": 0.30, "small": 0.07, "dups": 0.08}

    os.makedirs(os.path.join(data, "db"))
    written = 0
    page_template = bytes(rnd.getrandbits(8) for _ in range(2048))
    i = 0
    while written < budget * shares["db"]:
        path = os.path.join(data, "db", "table%03d.ibd" % i)
        with open(path, "wb") as f:
            for p in range(8192):  # 8 KiB pages, 64 MiB per table
                header = p.to_bytes(4, "little") + rnd.getrandbits(32).to_bytes(4, "little")
                rows = os.urandom(1024) + page_template[: 2048] + bytes(8192 - 8 - 1024 - 2048)
                f.write(header + rows)
        written += 8192 * 8192
        i += 1

    os.makedirs(os.path.join(data, "logs"))
    words = ["GET", "POST", "/api/v1/orders", "/healthz", "200", "404", "500", "user=", "latency_ms=",
             "INFO", "WARN", "ERROR", "request", "completed", "session", "token", "cache", "miss", "hit"]
    logs = 0
    i = 0
    while logs < budget * shares["logs"]:
        lines = []
        for n in range(200000):
            lines.append("2026-11-26T10:%02d:%02d.%03dZ %s %s %s%d %s%d\n" % (
                n // 3600 % 60, n // 60 % 60, n % 1000, rnd.choice(words[9:12]), rnd.choice(words[:4]),
                words[7], rnd.randint(1, 5000), words[8], rnd.randint(1, 900)))
        blob = "".join(lines).encode()
        with open(os.path.join(data, "logs", "app-%03d.log" % i), "wb") as f:
            f.write(blob)
        logs += len(blob)
        i += 1

    os.makedirs(os.path.join(data, "random"))
    rnd_bytes = 0
    i = 0
    while rnd_bytes < budget * shares["random"]:
        size = min(rnd.choice([3, 17, 48, 130]) * 1024 * 1024, int(budget * shares["random"] - rnd_bytes) + 1)
        with open(os.path.join(data, "random", "blob-%03d.bin" % i), "wb") as f:
            left = size
            while left > 0:
                n = min(left, 4 << 20)
                f.write(os.urandom(n))
                left -= n
        rnd_bytes += size
        i += 1

    small_total = int(budget * shares["small"])
    count = max(200, min(20000, small_total // 4096))
    for i in range(count):
        d = os.path.join(data, "small", "d%03d" % (i % 200))
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%05d.json" % i), "wb") as f:
            n = rnd.randint(100, max(101, 2 * small_total // count))
            f.write(json.dumps({"id": i, "payload": os.urandom(n // 2).hex()[:n]}).encode())

    os.makedirs(os.path.join(data, "dups"))
    sources = sorted(os.listdir(os.path.join(data, "random")))
    dup_bytes = 0
    for i, name in enumerate(sources):
        if dup_bytes >= budget * shares["dups"]:
            break
        src = os.path.join(data, "random", name)
        shutil.copyfile(src, os.path.join(data, "dups", "copy-of-" + name))
        dup_bytes += os.path.getsize(src)
    open(marker, "w").close()


def dataset_bytes(path):
    total = files = 0
    for dirpath, _, names in os.walk(path):
        for n in names:
            total += os.path.getsize(os.path.join(dirpath, n))
            files += 1
    return total, files


def run(cmd, env):
    start = time.monotonic()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (proc.returncode, " ".join(cmd), proc.stderr.decode()[-2000:]))
    return elapsed, proc.stdout


def timed(cmd, env):
    """Wall time, peak RSS (MiB) and CPU time (user + system, s) of one command, measured with GNU time."""
    tfile = os.path.join(HERE, "work", ".time")
    elapsed, out = run(["/usr/bin/time", "-f", "%M %U %S", "-o", tfile] + cmd, env)
    with open(tfile) as f:
        rss_kib, user, system = f.read().strip().splitlines()[-1].split()
    return elapsed, int(rss_kib) / 1024.0, float(user) + float(system)


def start_s3(work):
    """Starts LocalS3Server (S3Proxy over a directory) from cairn-repository's test classpath; returns (proc, port)."""
    module = os.path.join(ROOT, "cairn-repository")
    cp_file = os.path.join(work, ".s3-classpath")
    subprocess.run(["mvn", "-q", "-B", "-o", "-f", os.path.join(module, "pom.xml"), "test-compile",
                    "dependency:build-classpath", "-Dmdep.includeScope=test", "-Dmdep.outputFile=" + cp_file],
                   check=True, stdout=subprocess.DEVNULL)
    with open(cp_file) as f:
        cp = os.pathsep.join([os.path.join(module, "target", "test-classes"), os.path.join(module, "target", "classes"),
                              f.read().strip()])
    store = os.path.join(work, "s3-store")
    shutil.rmtree(store, ignore_errors=True)
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
    proc = subprocess.Popen([java, "-cp", cp, "io.cairn.repository.backend.s3.LocalS3Server", store],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    if not line.startswith("PORT "):
        proc.kill()
        sys.exit("LocalS3Server did not start")
    return proc, int(line.split()[1])


def s3_run(work, data, size, restore_dir=None):
    """Both tools against the same local S3 server: first backup, re-backup, restore; prints the ratios."""
    proc, port = start_s3(work)
    results = {}
    try:
        for tool in ("restic", "cairn"):
            location = "s3:http://127.0.0.1:%d/bench-%s" % (port, tool)
            target = os.path.join(restore_dir or work, "restore-s3-" + tool)
            shutil.rmtree(target, ignore_errors=True)
            env = dict(os.environ, AWS_ACCESS_KEY_ID="cairn-access", AWS_SECRET_ACCESS_KEY="cairn-secret")
            if tool == "restic":
                env.update(RESTIC_PASSWORD=PASSWORD, RESTIC_REPOSITORY=location,
                           RESTIC_CACHE_DIR=os.path.join(work, "restic-cache-s3"))
                shutil.rmtree(env["RESTIC_CACHE_DIR"], ignore_errors=True)
                base, sub = ["restic"], []
            else:
                env.update(CAIRN_PASSWORD=PASSWORD, CAIRN_REPOSITORY=location,
                           CAIRN_CACHE_DIR=os.path.join(work, "cairn-cache-s3"))
                shutil.rmtree(env["CAIRN_CACHE_DIR"], ignore_errors=True)
                base, sub = [os.path.join(ROOT, "cairn")], ["repo"]
            run(base + sub + ["init"], env)
            steps = {
                "first backup": base + sub + ["backup", "--host", "bench", data],
                "unchanged re-backup": base + sub + ["backup", "--host", "bench", data],
                "full restore": base + sub + ["restore", "latest", "--target", target],
            }
            for step, cmd in steps.items():
                print("s3 %-7s %-20s" % (tool, step), end="", flush=True)
                elapsed, rss, cpu = timed(cmd, env)
                results[(tool, step)] = (elapsed, rss, cpu)
                print("%7.1f s  %7.1f MB/s  peak RSS %6.0f MiB  CPU %6.1f s" % (elapsed, size / 1e6 / elapsed, rss, cpu),
                      flush=True)
            shutil.rmtree(target, ignore_errors=True)
    finally:
        proc.kill()
    print()
    print("%-22s %10s %10s %14s %14s %12s %12s" % ("S3 step", "restic s", "cairn s", "speed ratio", "RSS cairn/restic",
                                                 "CPU restic", "CPU cairn"))
    for step in ("first backup", "unchanged re-backup", "full restore"):
        r, c = results[("restic", step)], results[("cairn", step)]
        print("%-22s %10.1f %10.1f %13.2fx %13.2fx %11.1fs %11.1fs" % (step, r[0], c[0], r[0] / c[0], c[1] / r[1],
                                                                       r[2], c[2]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size-mib", type=int, default=2048, help="dataset size (default 2048)")
    ap.add_argument("--work", default=os.path.join(HERE, "work"), help="scratch directory")
    ap.add_argument("--s3", action="store_true", help="also run both tools against a local S3 server (S3Proxy)")
    ap.add_argument("--s3-only", action="store_true", help="only the S3 run")
    ap.add_argument("--restore-dir", default=None,
                    help="where full restores go (default: the scratch directory); e.g. /dev/shm/cairn-bench to "
                         "take the file system's inode allocation out of the comparison")
    args = ap.parse_args()

    os.makedirs(args.work, exist_ok=True)
    if args.restore_dir:
        os.makedirs(args.restore_dir, exist_ok=True)
    data = os.path.join(args.work, "data")
    print("generating dataset (%d MiB, cached between runs)…" % args.size_mib, flush=True)
    generate(data, args.size_mib)
    size, files = dataset_bytes(data)
    print("dataset: %.0f MiB in %d files" % (size / 2**20, files), flush=True)

    subprocess.run([os.path.join(ROOT, "cairn"), "--version"], check=True, stdout=subprocess.DEVNULL)
    cairn_jar_cmd = [os.path.join(ROOT, "cairn")]

    if args.s3_only:
        s3_run(args.work, data, size, args.restore_dir)
        return

    # The tools take turns step by step, so each step of both runs on a machine in the same state (a restore
    # right after another tool's backups, or after a large tree was deleted, pays differently in the kernel).
    tools = {}
    for tool in ("restic", "cairn"):
        repo = os.path.join(args.work, "repo-" + tool)
        target = os.path.join(args.restore_dir or args.work, "restore-" + tool)
        shutil.rmtree(repo, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)
        env = dict(os.environ)
        if tool == "restic":
            env.update(RESTIC_PASSWORD=PASSWORD, RESTIC_REPOSITORY=repo, RESTIC_CACHE_DIR=os.path.join(args.work, "restic-cache"))
            shutil.rmtree(env["RESTIC_CACHE_DIR"], ignore_errors=True)
            base = ["restic"]
        else:
            env.update(CAIRN_PASSWORD=PASSWORD, CAIRN_REPOSITORY=repo)
            base = cairn_jar_cmd + ["repo"]
        run(base + ["init"], env)
        tools[tool] = (env, repo, target, {
            "first backup": base + ["backup", "--host", "bench", data],
            "unchanged re-backup": base + ["backup", "--host", "bench", data],
            "full restore": base + ["restore", "latest", "--target", target],
        })

    results = {}
    for step in ("first backup", "unchanged re-backup", "full restore"):
        for tool, (env, repo, target, steps) in tools.items():
            print("%-7s %-20s" % (tool, step), end="", flush=True)
            elapsed, rss, cpu = timed(steps[step], env)
            results[(tool, step)] = (elapsed, rss, cpu)
            print("%7.1f s  %7.1f MB/s  peak RSS %6.0f MiB  CPU %6.1f s" % (elapsed, size / 1e6 / elapsed, rss, cpu),
                  flush=True)
            shutil.rmtree(target, ignore_errors=True)
    for tool, (env, repo, target, steps) in tools.items():
        repo_size, _ = dataset_bytes(repo)
        print("%-7s repository size      %7.0f MiB" % (tool, repo_size / 2**20), flush=True)

    print()
    print("%-22s %10s %10s %14s %14s %12s %12s" % ("step", "restic s", "cairn s", "speed ratio", "RSS cairn/restic",
                                                 "CPU restic", "CPU cairn"))
    for step in ("first backup", "unchanged re-backup", "full restore"):
        r, c = results[("restic", step)], results[("cairn", step)]
        print("%-22s %10.1f %10.1f %13.2fx %13.2fx %11.1fs %11.1fs" % (step, r[0], c[0], r[0] / c[0], c[1] / r[1],
                                                                       r[2], c[2]))
    print("speed ratio = restic time / cairn time (higher is better for cairn)")
    if args.s3:
        print()
        s3_run(args.work, data, size, args.restore_dir)


if __name__ == "__main__":
    main()
