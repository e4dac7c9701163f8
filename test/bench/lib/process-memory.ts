import { readdirSync, readFileSync } from "node:fs";

/** Resident memory (MiB) of the given processes and all their descendants, from /proc (Linux only). */
export function treeRssMiB(roots: number[]): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const status = readStatus(Number(entry));
    if (!status) continue;
    const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  let kib = 0;
  const stack = [...roots];
  const seen = new Set<number>();
  while (stack.length) {
    const pid = stack.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    kib += Number(/VmRSS:\s+(\d+)/.exec(readStatus(pid) ?? "")?.[1] ?? 0);
    stack.push(...(children.get(pid) ?? []));
  }
  return Math.round(kib / 1024);
}

function readStatus(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null; // the process ended while we walked the table
  }
}
