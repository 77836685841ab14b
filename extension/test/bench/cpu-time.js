// CPU time spent by the browser and by the host during one question, read from /proc (Linux only; elsewhere the
// figures are null). On a 2-core machine the browser's work on a partial answer runs beside the host's inference of
// the remaining windows; these figures show how much of it there is, with partial replies on and off.

import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc's utime and stime count in these ticks. */
const TICK_MS = 10;

/** {pid → {ppid, cpuMs}} of every process now (user + system time of all its threads, exited ones included). */
function processTable() {
  const table = new Map();
  let entries;
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // The command name is in parentheses and may hold spaces: the fields that count come after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    table.set(Number(entry), { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
  }
  return table;
}

/** The pids of `root` and all its descendants in `table`. */
function subtree(table, root) {
  const children = new Map();
  for (const [pid, { ppid }] of table) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const pids = new Set();
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    if (pids.has(pid) || !table.has(pid)) continue;
    pids.add(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/**
 * The CPU milliseconds so far of this process's descendants (the browser the driver started, whose tree holds the
 * host) split into the host's subtree (`hostPid`) and the rest: {browserMs, hostMs}, or null off Linux.
 */
export function cpuSnapshot(hostPid) {
  const table = processTable();
  if (!table) return null;
  const hostPids = hostPid ? subtree(table, hostPid) : new Set();
  let browserMs = 0;
  let hostMs = 0;
  for (const pid of subtree(table, process.pid)) {
    if (pid === process.pid) continue;
    if (hostPids.has(pid)) hostMs += table.get(pid).cpuMs;
    else browserMs += table.get(pid).cpuMs;
  }
  return { browserMs, hostMs };
}

/**
 * CPU spent between two snapshots, {browserMs, hostMs}; null when either is missing or the host changed between
 * them (a host started during the question has no "before").
 */
export function cpuSpent(before, after, sameHost) {
  if (!before || !after || !sameHost) return null;
  return { browserMs: after.browserMs - before.browserMs, hostMs: after.hostMs - before.hostMs };
}
