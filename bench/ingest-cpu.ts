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
