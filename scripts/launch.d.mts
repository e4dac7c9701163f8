import type { RunningPlatform } from "./platform.mjs";

export interface LaunchOptions {
  port: number;
  dataDir: string;
  telemetry: boolean;
  open: boolean;
  help: boolean;
}
export const USAGE: string;
export function parseArgs(argv: string[], defaults: { port: number; dataDir: string; open: boolean }): LaunchOptions;
export function optionsOrExit(defaults: { port: number; dataDir: string; open: boolean }): LaunchOptions;
export function launch(options: LaunchOptions, context?: { launcher?: { name: string; version: string } }): Promise<RunningPlatform>;
