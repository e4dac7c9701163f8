import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareWorkspace } from "../../../container-runner/src/build/app-workspace.ts";
import { buildApp } from "../../../container-runner/src/build/build-app.ts";
import { typecheck } from "../../../container-runner/src/builder/typecheck.ts";
import { round, sleep } from "../lib/stats.ts";
import { printTable } from "../lib/table.ts";
import type { LiveTarget } from "../targets/live-target.ts";

export interface HeldSubscribers {
  target: string;
  subscribers: number;
  openMs: number;
  rssIdleMiB: number;
  rssMiB: number;
}

export interface BuilderFigures {
  typecheckMs: number;
  buildMs: number;
  /** Both at once, as the builder's done_building tool runs them. */
  typecheckAndBuildMs: number;
  startToHealthyMs: number;
  held: HeldSubscribers[];
}

const HELD = 500;

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await fn();
  return [value, round(performance.now() - t0)];
}

/** Opens 500 SSE subscribers of one feed at once: how long until all are open, and the target's RSS. */
async function holdSubscribers(target: LiveTarget): Promise<HeldSubscribers> {
  const feed = await target.feed(`held-${Date.now()}`);
  const rssIdleMiB = target.rssMiB();
  const [closers, openMs] = await timed(() => Promise.all(Array.from({ length: HELD }, () => feed.open("sse", () => undefined))));
  await sleep(500);
  const rssMiB = target.rssMiB();
  for (const close of closers) close();
  return { target: target.label, subscribers: HELD, openMs, rssIdleMiB, rssMiB };
}

/** The template app's typecheck and build (what every builder turn ends with), start-up, and memory under 500 subscribers. */
export async function builderSection(startToHealthyMs: number, targets: LiveTarget[]): Promise<BuilderFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), "bench-app-"));
  try {
    await prepareWorkspace(dir);
    const [types, typecheckMs] = await timed(() => typecheck(dir));
    const [built, buildMs] = await timed(() => buildApp(dir));
    if (!types.ok || !built.ok) throw new Error("the template app does not typecheck or build");
    const [, typecheckAndBuildMs] = await timed(() => Promise.all([typecheck(dir), buildApp(dir)]));
    const held: HeldSubscribers[] = [];
    for (const target of targets) held.push(await holdSubscribers(target));
    return { typecheckMs, buildMs, typecheckAndBuildMs, startToHealthyMs: round(startToHealthyMs), held };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function printBuilder(figures: BuilderFigures): void {
  printTable("Builder: the template app (ms), and `npm start` (Worker build + local workerd + runner) to healthy", [
    { typecheck: figures.typecheckMs, build: figures.buildMs, "typecheck+build (parallel)": figures.typecheckAndBuildMs, "start to healthy": figures.startToHealthyMs },
  ]);
  printTable(
    `${HELD} SSE subscribers of one feed, opened at once: time until all are open, and resident memory of the target's processes (MiB)`,
    figures.held.map((h) => ({ target: h.target, "open ms": h.openMs, "RSS idle": h.rssIdleMiB, [`RSS at ${HELD}`]: h.rssMiB })),
  );
}
