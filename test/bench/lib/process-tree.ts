import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function read(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null; // the process ended while we walked the table
  }
}

/** The given processes and all their descendants, from /proc (Linux only). */
export function processTree(roots: number[]): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(/PPid:\s+(\d+)/.exec(read(`/proc/${entry}/status`) ?? "")?.[1] ?? 0);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const pids: number[] = [];
  const stack = [...roots];
  while (stack.length) {
    const pid = stack.pop()!;
    if (pids.includes(pid)) continue;
    pids.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return pids;
}

/** Resident memory (MiB) of the processes and their descendants. */
export function treeRssMiB(roots: number[]): number {
  let kib = 0;
  for (const pid of processTree(roots)) kib += Number(/VmRSS:\s+(\d+)/.exec(read(`/proc/${pid}/status`) ?? "")?.[1] ?? 0);
  return Math.round(kib / 1024);
}

/** CPU seconds (user + system) used so far by each process of the tree, with a short name for it. */
export function treeCpuSeconds(roots: number[]): Map<number, { name: string; seconds: number }> {
  const usage = new Map<number, { name: string; seconds: number }>();
  for (const pid of processTree(roots)) {
    const stat = read(`/proc/${pid}/stat`);
    const cmdline = (read(`/proc/${pid}/cmdline`) ?? "").split("\0").filter(Boolean);
    if (!stat) continue;
    // Fields after the parenthesised command: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
    usage.set(pid, { name: describe(cmdline), seconds });
  }
  return usage;
}

function describe(cmdline: string[]): string {
  const joined = cmdline.join(" ");
  if (joined.includes("workerd")) return "workerd: Worker + Durable Objects";
  if (joined.includes("local-runtime")) return "local runtime (node, Miniflare)";
  if (joined.includes("wrangler")) return "wrangler (node)";
  if (joined.includes("container-runner")) return "runner (node)";
  return cmdline.slice(0, 2).join(" ").slice(0, 40);
}

/** CPU seconds used so far by the processes and their descendants, together. */
export function treeCpuTotal(roots: number[]): number {
  let total = 0;
  for (const { seconds } of treeCpuSeconds(roots).values()) total += seconds;
  return total;
}
