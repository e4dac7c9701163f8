export interface PlatformOptions {
  port?: number;
  runnerPort?: number;
  persistTo?: string;
  env?: Record<string, string>;
  output?: (name: string, line: string) => void;
  timeoutMs?: number;
}
export interface RunningPlatform {
  url: string;
  runnerUrl: string;
  internalToken: string;
  /** The launched processes (runner, wrangler, relay); their descendants include workerd. */
  pids: number[];
  /** wrangler dev's DevTools inspector (the Worker and its Durable Objects). */
  inspectorPort: number;
  stop(): Promise<void>;
}
export function startPlatform(options?: PlatformOptions): Promise<RunningPlatform>;
export function freePort(): Promise<number>;
export function nodeBinary(): string;
