#!/usr/bin/env python3
"""Prints the RELIABILITY.md result tables from test/reliability/results/*.json."""
import json, os
here = os.path.join(os.path.dirname(__file__), "results")
load = lambda n: json.load(open(os.path.join(here, n + ".json")))
s = lambda ms: f"{ms/1000:.1f} s"

def faults(rows):
    print("| operation (call faulted) | fault | vendor | outcome | attempts seen (statuses) | backups at vendor after rerun | faulted run |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        out = "success after retry" if r["outcome"] == "success" and r["attempts"] > 1 else r["outcome"]
        if r["outcome"] == "error":
            out = "clear error: `" + (r.get("error") or "").replace("|", "\\|") + "`"
            if r.get("rerun"): out += f"; rerun: {json.dumps(r['rerun'])}"
            else: out += "; rerun converges"
        att = f"{r['attempts']} ({', '.join(str(x) for x in r['statuses']) or 'not logged: client gave up during the delay'})"
        extra = r.get("backupsAtVendor", "")
        if "restoresStarted" in r: extra = f"{extra} (restores started: {r['restoresStarted']})"
        print(f"| {r['operation']} ({r['on']}) | {r['fault']} | {r['vendor']} | {out} | {att} | {extra} | {s(r['faultedRunMs'])} |")

for n in ["faults-backup-create", "faults-backup-read", "faults-backup-delete", "faults-restore"]:
    print(f"\n#### {n}\n"); faults(load(n))

print("\n#### ambiguous\n")
print("| vendor | backup takes | outcome | backups at vendor | looked for the marker first | run |")
print("|---|---|---|---|---|---|")
for r in load("ambiguous"):
    print(f"| {r['vendor']} | {r['backupMs']/1000:.0f} s | {r['outcome']} | {r['backupsAtVendor']} | {'yes' if r['adoptedMessage'] else 'no'} | {s(r['ms'])} |")

print("\n#### interrupted\n")
print("| vendor | backup takes | rerun | what the engine required, step by step | backups at vendor |")
print("|---|---|---|---|---|")
for r in load("interrupted"):
    print(f"| {r['vendor']} | {r['backupMs']/1000:.0f} s | {'after the backup completed' if r['waitBeforeRerun'] else 'at once'} | {'; '.join(x.replace('|','/') for x in r['steps'])} | {r['backupsAtVendor']} |")

print("\n#### bad input\n")
print("| resource | invalid input | message at preview | API calls |")
print("|---|---|---|---|")
for r in load("bad-input"):
    msg = (r.get("message") or "").replace("resource 'bad': ", "").replace("|", "\\|").replace("\n", "⏎")
    print(f"| {r['kind']} | {r['what']} | `{msg}` | {r['apiCalls']} |")

print("\n#### secrets\n")
print("| case | result |")
print("|---|---|")
for r in load("secrets"):
    bits = []
    for k in ["leaksInLogs", "leaksInExport", "leaks", "vendorRequests", "logBytes"]:
        if k in r: bits.append(f"{k}: {r[k]}")
    if r.get("error"): bits.append("`" + r["error"].split("error: ", 1)[-1] + "`")
    print(f"| {r['case']} | {'; '.join(bits)} |")
