/**
 * Command-line options of `npm run bench -- [--quick] [--only=live,chat,builder] [--save]
 * [--subscribers=1,100] [--rates=20,100] [--transports=sse,ws]`.
 */
export interface BenchOptions {
  quick: boolean;
  only: Set<string>;
  /** Also refresh the committed results (bench/results/*.json and charts); otherwise they go to bench/results/last/. */
  save: boolean;
  subscribers: number[];
  rates: number[];
  transports: ("sse" | "ws")[];
  seconds: number;
  drainTimeoutMs: number;
  /** The sustained row: subscribers x writes/s for seconds. */
  sustained: { subscribers: number; rate: number; seconds: number } | null;
  chatChunks: number;
}

export function parseOptions(argv: string[]): BenchOptions {
  const quick = argv.includes("--quick");
  const onlyArg = argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  const transportsArg = argv
    .find((a) => a.startsWith("--transports="))
    ?.slice("--transports=".length)
    .split(",")
    .filter((t): t is "sse" | "ws" => t === "sse" || t === "ws");
  const list = (name: string) =>
    argv
      .find((a) => a.startsWith(`--${name}=`))
      ?.slice(name.length + 3)
      .split(",")
      .map(Number);
  return {
    quick,
    only: new Set(onlyArg ? onlyArg.split(",") : ["live", "chat", "builder"]),
    save: argv.includes("--save"),
    subscribers: list("subscribers") ?? (quick ? [1, 100] : [1, 100, 500]),
    rates: list("rates") ?? (quick ? [20, 100] : [20, 100, 1000]),
    transports: transportsArg ?? (quick ? ["sse"] : ["sse", "ws"]),
    seconds: quick ? 2 : 5,
    drainTimeoutMs: quick ? 5_000 : 20_000,
    sustained: quick ? null : { subscribers: 100, rate: 1000, seconds: 30 },
    chatChunks: 10_000,
  };
}
