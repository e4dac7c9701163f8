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
  stop(): Promise<void>;
}
export function startPlatform(options?: PlatformOptions): Promise<RunningPlatform>;
export function freePort(): Promise<number>;
export function nodeBinary(): string;
