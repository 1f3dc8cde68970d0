#!/usr/bin/python3
"""Safety audit of `basic` schedules (kept outside CI; see README "Safety audit").

Starts a built server (ROOT/dist/server/main.js) or uses a running one, asks it for the default
`basic` config over the first day of each month of 2027 and over March 2027 as one 31-day window,
reads each script with Python's own parser, and checks every scan with an independent reference,
PyEphem (Debian package python3-ephem, hence /usr/bin/python3):

  - sun<10      scans whose swept arc [az, az + width] comes closer than 10 deg to the Sun
  - box 6/6     scans with the Sun inside the 6 deg / 6 deg sun-avoidance box of the arc
  - move<20     acu.move_to below 20 deg of elevation
  - no-cross    calibration scans (saturn, uranus) whose planet does not cross the scan elevation in [t0, t1]
  - <60s, <100s scans shorter than 60 s and than the default min-duration (100 s)
  - duty        scanned fraction of the window
  - held<10     pointings held while not scanning (the wait at a scan's start pointing after its
                acu.move_to until wait_until, and each park: acu.move_to + wait_until without a
                scan) that come closer than 10 deg to the Sun
  - parks       park groups in the script (acu.move_to + wait_until not followed by seq.scan)

The Sun is sampled every 5 s over each scan (and every 30 s over each held pointing); the distance to the
arc is exact in azimuth (nearest point of the arc). Usage:

  /usr/bin/python3 scripts/safety-audit.py --root /path/to/built/checkout --label AFTER
  /usr/bin/python3 scripts/safety-audit.py --url http://127.0.0.1:8010 --label AFTER
"""
import argparse
import ast
import calendar
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import ephem

LAT, LON, ELEVATION = "-22.958", "-67.786", 5200
PLANETS = {"saturn": ephem.Saturn, "uranus": ephem.Uranus}
UNIX_EPOCH_DJD = 25567.5  # ephem.Date of 1970-01-01T00:00Z (Dublin Julian days)
SUN_STEP_S = 5
PARK_STEP_S = 30
CROSS_STEP_S = 10


def observer():
    o = ephem.Observer()
    o.lat, o.lon, o.elevation = LAT, LON, ELEVATION
    o.pressure, o.temp = 1010, 15  # PyEphem's defaults, as the original's observer
    return o


OBS = observer()
SUN = ephem.Sun()


def body_at(body, ts):
    OBS.date = ephem.Date(ts / 86400.0 + UNIX_EPOCH_DJD)
    body.compute(OBS)
    return math.degrees(body.az), math.degrees(body.alt)


def az_gap(a, az, width):
    """Circular azimuth gap (deg) from `a` to the arc [az, az + width]."""
    if width >= 360:
        return 0.0
    rel = (a - az) % 360.0
    if rel <= width:
        return 0.0
    return min(rel - width, 360.0 - rel)


def arc_distance(sun_az, sun_alt, az, width, alt):
    d_az = math.radians(az_gap(sun_az, az, width))
    e1, e2 = math.radians(sun_alt), math.radians(alt)
    c = math.sin(e1) * math.sin(e2) + math.cos(e1) * math.cos(e2) * math.cos(d_az)
    return math.degrees(math.acos(max(-1.0, min(1.0, c))))


def iso_to_unix(text):
    # 'YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00'
    base, _, rest = text.partition("+")
    if rest not in ("00:00", ""):
        raise ValueError("not UTC: " + text)
    date, _, clock = base.partition("T")
    hms, _, frac = clock.partition(".")
    y, mo, d = (int(x) for x in date.split("-"))
    h, mi, s = (int(x) for x in hms.split(":"))
    return calendar.timegm((y, mo, d, h, mi, s)) + (int(frac.ljust(6, "0")) / 1e6 if frac else 0.0)


def literal(node):
    return ast.literal_eval(node)


def scans_of(script, w0):
    """(moves, scans, holds) of a script: every acu.move_to; each scan with its pointing and times;
    each pointing held while not scanning, from the end of what came before (the window's start for
    the first) to its wait_until, marked as a park when no scan follows it."""
    tree = ast.parse(script)
    moves, scans, holds, pointing, start = [], [], [], None, None
    now = w0
    for stmt in tree.body:
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)):
            continue
        call = stmt.value
        name = ast.unparse(call.func)
        if name == "acu.move_to":
            pointing = tuple(literal(a) for a in call.args)
            moves.append(pointing)
        elif name == "wait_until":
            start = iso_to_unix(literal(call.args[0]))
            holds.append({"az": pointing[0], "alt": pointing[1], "t0": now, "t1": max(now, start), "park": True})
            now = max(now, start)
        elif name == "seq.scan":
            kw = {k.arg: literal(k.value) for k in call.keywords}
            holds[-1]["park"] = False
            scans.append({
                "name": kw["description"], "az": pointing[0], "alt": pointing[1], "width": kw["width"],
                "t0": start, "t1": iso_to_unix(kw["stop_time"]),
            })
            now = max(now, scans[-1]["t1"])
    return moves, scans, holds


def min_sun(az, width, alt, t0, t1, step):
    """Least Sun distance to the arc and whether the Sun enters the 6/6 box, sampled over [t0, t1]."""
    best, in_box = 180.0, False
    n = max(1, int(math.ceil((t1 - t0) / step)))
    for i in range(n + 1):
        ts = min(t1, t0 + i * step)
        s_az, s_alt = body_at(SUN, ts)
        best = min(best, arc_distance(s_az, s_alt, az, width, alt))
        if abs(s_alt - alt) <= 6 and az_gap(s_az, az, width) <= 6:
            in_box = True
    return best, in_box


def holds_crossing(scan):
    body = PLANETS[scan["name"]]()
    t0, t1 = scan["t0"], scan["t1"]
    n = max(1, int(math.ceil((t1 - t0) / CROSS_STEP_S)))
    prev = None
    for i in range(n + 1):
        f = body_at(body, min(t1, t0 + i * CROSS_STEP_S))[1] - scan["alt"]
        if f == 0 or (prev is not None and (f < 0) != (prev < 0)):
            return True
        prev = f
    return False


def audit(commands, w0, w1):
    moves, scans, holds = scans_of(commands, w0)
    row = {"scans": len(scans), "sun<10": 0, "box 6/6": 0, "move<20": 0, "no-cross": 0, "<60s": 0,
           "<100s": 0, "held<10": 0, "parks": sum(1 for h in holds if h["park"]), "scanned_s": 0.0,
           "window_s": w1 - w0, "min_sun": None, "min_held": None, "worst": []}
    row["move<20"] = sum(1 for (_, alt) in moves if alt < 20)
    for h in holds:
        if h["t1"] <= h["t0"]:
            continue
        d, _ = min_sun(h["az"], 0.0, h["alt"], h["t0"], h["t1"], PARK_STEP_S)
        row["min_held"] = d if row["min_held"] is None else min(row["min_held"], d)
        if d < 10:
            row["held<10"] += 1
            row["worst"].append("%s at az %.2f alt %.2f %s -> %s: %.2f deg" % (
                "park" if h["park"] else "wait", h["az"], h["alt"], time.strftime("%Y-%m-%dT%H:%M", time.gmtime(h["t0"])),
                time.strftime("%H:%M", time.gmtime(h["t1"])), d))
    for s in scans:
        d, boxed = min_sun(s["az"], s["width"], s["alt"], s["t0"], s["t1"], SUN_STEP_S)
        row["min_sun"] = d if row["min_sun"] is None else min(row["min_sun"], d)
        if d < 10:
            row["sun<10"] += 1
            row["worst"].append("%s %s az %.2f alt %.2f: %.2f deg" % (
                s["name"], time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(s["t0"])), s["az"], s["alt"], d))
        row["box 6/6"] += boxed
        if s["name"] in PLANETS and not holds_crossing(s):
            row["no-cross"] += 1
        dur = s["t1"] - s["t0"]
        row["<60s"] += dur < 60
        row["<100s"] += dur < 100
        row["scanned_s"] += max(0.0, dur)
    return row


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(root):
    port = free_port()
    data = tempfile.mkdtemp(prefix="audit-data-")
    env = dict(os.environ, PORT=str(port), SCHEDULER_DATA_DIR=data, SCHEDULER_WORKER_THREADS="1",
               SCHEDULER_TIME_LIMIT_MS="1800000", LOG_LEVEL="warn")
    proc = subprocess.Popen(["node", os.path.join(root, "dist", "server", "main.js")], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = "http://127.0.0.1:%d" % port
    for _ in range(600):
        try:
            with urllib.request.urlopen(url + "/health/ready", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except (urllib.error.URLError, ConnectionError):
            pass
        if proc.poll() is not None:
            raise SystemExit("the server exited: " + proc.stderr.read().decode())
        time.sleep(0.5)
    proc.terminate()
    raise SystemExit("the server did not become ready")


def schedule(url, t0, t1):
    body = json.dumps({"t0": t0, "t1": t1, "policy": json.dumps({"policy": "basic", "config": {}})}).encode()
    req = urllib.request.Request(url + "/api/v1/schedule/", data=body, headers={"Content-Type": "application/json"})
    started = time.time()
    try:
        with urllib.request.urlopen(req, timeout=3600) as r:
            out = json.load(r)
    except urllib.error.HTTPError as e:
        out = json.load(e)
    out["seconds"] = time.time() - started
    return out


WINDOWS = [("2027-%02d-01 00:00" % m, "2027-%02d-02 00:00" % m) for m in range(1, 13)] + [("2027-03-01 00:00", "2027-04-01 00:00")]
COLUMNS = ["scans", "sun<10", "box 6/6", "move<20", "no-cross", "<60s", "<100s", "held<10", "parks"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", help="checkout with a build (dist/) to start the server from")
    ap.add_argument("--url", help="base URL of a running server instead")
    ap.add_argument("--label", default="", help="name of this run in the output")
    ap.add_argument("--json", help="write the rows to this JSON file")
    args = ap.parse_args()
    if not args.root and not args.url:
        ap.error("give --root or --url")
    proc = None
    url = args.url
    if args.root:
        proc, url = start_server(os.path.abspath(args.root))
    rows = []
    try:
        for t0, t1 in WINDOWS:
            res = schedule(url, t0, t1)
            w0, w1 = iso_to_unix(t0.replace(" ", "T") + ":00+00:00"), iso_to_unix(t1.replace(" ", "T") + ":00+00:00")
            if res.get("status") != "ok":
                rows.append({"window": "%s -> %s" % (t0, t1), "error": res.get("message"), "seconds": res["seconds"]})
                continue
            row = audit(res["commands"], w0, w1)
            row.update({"window": "%s -> %s" % (t0, t1), "message": res.get("message"), "seconds": res["seconds"]})
            rows.append(row)
            print(json.dumps({k: row[k] for k in ["window"] + COLUMNS + ["seconds"]}), file=sys.stderr)
    finally:
        if proc:
            proc.terminate()
            proc.wait(timeout=30)
    print("%s  (PyEphem %s, Sun every %d s)" % (args.label, ephem.__version__, SUN_STEP_S))
    print("%-34s" % "window" + "".join("%10s" % c for c in COLUMNS) + "%8s%9s%9s%8s" % ("duty", "minSun", "minHeld", "secs"))
    days = [r for r in rows[:-1] if "error" not in r]
    for r in rows:
        if "error" in r:
            print("%-34s ERROR %s" % (r["window"], r["error"]))
            continue
        duty = r["scanned_s"] / r["window_s"]
        nan = float("nan")
        print("%-34s" % r["window"] + "".join("%10d" % r[c] for c in COLUMNS) +
              "%8.3f%9.2f%9.2f%8.1f" % (duty, nan if r["min_sun"] is None else r["min_sun"],
                                        nan if r["min_held"] is None else r["min_held"], r["seconds"]))
    if days:
        tot = {c: sum(r[c] for r in days) for c in COLUMNS}
        duty = sum(r["scanned_s"] for r in days) / sum(r["window_s"] for r in days)
        print("%-34s" % "12 first days, total" + "".join("%10d" % tot[c] for c in COLUMNS) + "%8.3f" % duty)
    for r in rows:
        for w in r.get("worst", [])[:5]:
            print("  %s: %s" % (r["window"], w))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"label": args.label, "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
