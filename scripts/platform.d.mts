export interface PlatformOptions {
  port?: number;
  runnerPort?: number;
  persistTo?: string;
  env?: Record<string, string>;
  output?: (name: string, line: string) => void;
  timeoutMs?: number;
  /** Open a DevTools inspector on the Worker's workerd (profiling; it slows the Worker down). */
  inspect?: boolean;
}
export interface RunningPlatform {
  url: string;
  runnerUrl: string;
  /** The private JWK that signs capabilities: tests mint call-backs with it (shared/capability/tokens.ts). */
  capabilityKey: string;
  /** The launched processes (runner, local runtime, relay); their descendants include workerd. */
  pids: number[];
  /** The DevTools inspector of the Worker and its Durable Objects, when started with `inspect`. */
  inspectorPort: number | null;
  stop(): Promise<void>;
}
export function startPlatform(options?: PlatformOptions): Promise<RunningPlatform>;
export function freePort(): Promise<number>;
export function nodeBinary(): string;
export function runnerEnv(options: { port: number; publicKey: string; platformUrl: string }): Record<string, string>;
