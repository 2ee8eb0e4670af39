// CPU time spent per delivery, for `npm run bench:ingest` on a shared machine:
// wall-clock rates depend on what else runs, CPU time per delivery much less.
// This process (server, analyzer threads and the load generator thread) from
// process.cpuUsage(); the embedded PostgreSQL cluster (postmaster, its
// backends, and backends that have exited) from /proc (Linux; 0 elsewhere).
import fs from "node:fs";
import path from "node:path";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function statFields(pid: number): string[] | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which may contain spaces: index 0 is field 3 (state).
    return s.slice(s.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by the cluster whose data directory is `pgData`. */
export function postgresCpuMs(pgData: string): number {
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(pgData, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return 0;
  }
  const own = statFields(postmaster);
  if (!own) return 0;
  // utime, stime, cutime, cstime are fields 14–17.
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
  }
  return ticks * TICK_MS;
}

/** CPU milliseconds used so far by this process (every thread). */
export function processCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * CPU milliseconds of the cluster's processes by kind ("backend",
 * "autovacuum worker", "walwriter", …) from now until stop(): sampled, so a
 * process that starts and exits between two samples is missed, and one that
 * exits counts up to its last sample (autovacuum workers come and go).
 */
export function samplePostgresCpuByKind(pgData: string, everyMs = 100): { stop(): Map<string, number> } {
  let postmaster = 0;
  try {
    postmaster = Number(fs.readFileSync(path.join(pgData, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    // not running: nothing to sample
  }
  const seen = new Map<number, number>();
  const byKind = new Map<string, number>();
  let first = true;
  const sample = () => {
    for (const entry of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      const f = statFields(Number(entry));
      if (!f || Number(f[1]) !== postmaster) continue;
      let cmd: string;
      try {
        cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replaceAll("\0", " ").trim();
      } catch {
        continue; // exited meanwhile
      }
      if (!cmd) continue; // exiting: its CPU counted up to the last sample
      // "postgres: user db 127.0.0.1(port) state" is a client backend; the others name themselves.
      const kind = /^postgres: \S+ \S+ [\d.]+\(\d+\)/.test(cmd) ? "backend" : cmd.replace(/^postgres: /, "").replace(/ vaxel$/, "");
      const ms = (Number(f[11]) + Number(f[12])) * TICK_MS;
      // Processes already running at the start count from there; later ones from their start.
      const before = seen.get(Number(entry)) ?? (first ? ms : 0);
      seen.set(Number(entry), ms);
      byKind.set(kind, (byKind.get(kind) ?? 0) + ms - before);
    }
    first = false;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return byKind;
    },
  };
}
