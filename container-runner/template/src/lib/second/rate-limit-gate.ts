/** A failure the gate understands: the platform's error code and, for `rate_limited`, the wait it asked for. */
export interface GateFailure {
  code: string;
  retryAfterMs?: number;
}

export const MAX_RATE_LIMIT_RETRIES = 8;
/** A longer wait than this is reported to the app instead of being waited out silently. */
export const MAX_RATE_LIMIT_WAIT_MS = 60_000;
const DEFAULT_WAIT_MS = 1000;

const isRateLimited = (error: unknown): error is GateFailure => typeof error === "object" && error !== null && "code" in error && (error as GateFailure).code === "rate_limited";

/**
 * Backs off when the platform answers `rate_limited`: the write is sent again once its Retry-After
 * has passed, and until the platform accepts writes again they go single file, so a burst (an
 * import, an app that loops) drains at the rate the platform allows instead of failing in a herd.
 */
export class RateLimitGate {
  private pausedUntil = 0;
  private line: Promise<void> = Promise.resolve();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async run<T>(send: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const release = this.pausedUntil > this.now() ? await this.takeTurn() : null;
      try {
        return await send();
      } catch (error) {
        const wait = isRateLimited(error) ? (error.retryAfterMs ?? DEFAULT_WAIT_MS) : null;
        if (wait === null || wait > MAX_RATE_LIMIT_WAIT_MS || attempt >= MAX_RATE_LIMIT_RETRIES) throw error;
        this.pausedUntil = Math.max(this.pausedUntil, this.now() + wait);
      } finally {
        release?.();
      }
    }
  }

  /** Waits for the writes ahead in line, then for the pause to end; returns the release for the next one. */
  private async takeTurn(): Promise<() => void> {
    const ahead = this.line;
    let release!: () => void;
    this.line = new Promise<void>((resolve) => {
      release = resolve;
    });
    await ahead;
    const left = this.pausedUntil - this.now();
    if (left > 0) await this.sleep(left);
    return release;
  }
}
