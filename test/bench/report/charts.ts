import { writeFileSync } from "node:fs";
import { parse, View } from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ChatRow } from "../workloads/chat-resume.ts";
import type { LiveRow } from "../workloads/live-data.ts";

/** Renders a Vega-Lite spec to SVG text (headless: no DOM, no canvas). */
async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const rowName = (r: LiveRow) => `${r.subscribers} x ${r.rate}/s${r.seconds >= 30 ? ` ${r.seconds}s` : ""}`;

function latencySpec(rows: LiveRow[]): TopLevelSpec {
  const values = rows.flatMap((r) =>
    (["p50", "p99", "max"] as const)
      .filter((p) => Number.isFinite(r.delivery[p]))
      .map((p) => ({ row: rowName(r), transport: r.transport, target: r.target, percentile: p, ms: Math.max(0.1, r.delivery[p]) })),
  );
  return {
    title: "Live data: delivery latency per subscribers x writes/s (insert sent -> event received)",
    data: { values },
    facet: { column: { field: "transport", title: null } },
    spec: {
      width: 360,
      height: 260,
      mark: { type: "point", filled: true, size: 70 },
      encoding: {
        x: { field: "row", type: "nominal", sort: null, title: "subscribers x writes/s", axis: { labelAngle: -40 } },
        y: { field: "ms", type: "quantitative", scale: { type: "log" }, title: "latency (ms, log)" },
        color: { field: "target", type: "nominal" },
        shape: { field: "percentile", type: "nominal" },
        xOffset: { field: "target" },
      },
    },
  };
}

function throughputSpec(rows: LiveRow[]): TopLevelSpec {
  const values = rows
    .filter((r) => r.seconds < 30)
    .map((r) => ({
      subscribers: `${r.subscribers} subscribers`,
      transport: r.transport,
      target: r.target,
      offered: r.rate * r.subscribers,
      // deliveries per second over the writing time plus the time the feed needed to drain
      delivered: Math.round(r.delivered / (r.writes / Math.max(1, r.achievedRate) + r.drainMs / 1000)),
    }));
  return {
    title: "Live data: deliveries per second vs offered (writes/s x subscribers)",
    data: { values },
    facet: { column: { field: "transport", title: null } },
    spec: {
      width: 320,
      height: 260,
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "offered", type: "quantitative", scale: { type: "log" }, title: "offered deliveries/s (log)" },
        y: { field: "delivered", type: "quantitative", scale: { type: "log" }, title: "delivered/s (log)" },
        color: { field: "target", type: "nominal" },
        strokeDash: { field: "subscribers", type: "nominal" },
      },
    },
  };
}

function chatSpec(rows: ChatRow[]): TopLevelSpec {
  return {
    title: "Chat resume: time for a reader attaching mid-way / at the end to catch up",
    data: { values: rows.map((r) => ({ reader: r.reader, target: r.target, ms: r.catchUpMs })) },
    width: 300,
    height: 220,
    mark: "bar",
    encoding: {
      x: { field: "reader", type: "nominal", title: null },
      xOffset: { field: "target" },
      y: { field: "ms", type: "quantitative", title: "catch-up (ms)" },
      color: { field: "target", type: "nominal" },
    },
  };
}

/** Writes the charts of whatever the run measured; returns their file names. */
export async function writeCharts(results: { live: LiveRow[]; chat: ChatRow[] }, dir: string): Promise<string[]> {
  const charts: [string, TopLevelSpec][] = [];
  if (results.live.length) charts.push(["live-latency.svg", latencySpec(results.live)], ["live-throughput.svg", throughputSpec(results.live)]);
  if (results.chat.length) charts.push(["chat-resume.svg", chatSpec(results.chat)]);
  for (const [name, spec] of charts) writeFileSync(`${dir}/${name}`, await svgOf(spec));
  return charts.map(([name]) => name);
}
