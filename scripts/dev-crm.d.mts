export interface DevCrm {
  url: string;
  apiKey: string;
  /** Every request it received, headers and body included (tests scan them). */
  requests: { method: string; path: string; headers: Record<string, string>; body: string }[];
  close(): Promise<void>;
}
export function startDevCrm(options?: { port?: number; apiKey?: string; inspect?: boolean }): Promise<DevCrm>;
