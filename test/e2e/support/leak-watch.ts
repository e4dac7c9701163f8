import type { BrowserContext, Page } from "playwright-core";

export interface Seen {
  channel: "frame message" | "response body" | "websocket frame" | "request body" | "platform log";
  where: string;
  text: string;
}

/**
 * Records what could carry a secret out of the platform: every `message` event any window of the
 * context receives (so both directions between the app frame and the host page), every response
 * body and WebSocket frame the browser receives, and every request body it sends (where the admin's
 * credential form is expected to appear). Platform logs are added with `log`.
 */
export class LeakWatch {
  readonly seen: Seen[] = [];
  private readonly pendingBodies: Promise<void>[] = [];

  async watch(context: BrowserContext): Promise<void> {
    await context.exposeFunction("__secondRecordMessage", (where: string, text: string) => {
      this.seen.push({ channel: "frame message", where, text });
    });
    // Runs in every frame of every page, the sandboxed app frame included, before its own scripts.
    await context.addInitScript(() => {
      const record = (window as unknown as { __secondRecordMessage: (where: string, text: string) => void }).__secondRecordMessage;
      window.addEventListener(
        "message",
        (event) => {
          let text: string;
          try {
            text = JSON.stringify(event.data);
          } catch {
            text = String(event.data);
          }
          void record(`${window === window.top ? "host" : "frame"} ← ${event.origin}`, text);
        },
        true,
      );
    });
    context.on("page", (page) => this.watchPage(page));
    for (const page of context.pages()) this.watchPage(page);
  }

  private watchPage(page: Page): void {
    page.on("request", (request) => {
      const body = request.postData();
      if (body) this.seen.push({ channel: "request body", where: `${request.method()} ${request.url()}`, text: body });
    });
    page.on("response", (response) => {
      this.pendingBodies.push(
        response.body().then(
          (body) => void this.seen.push({ channel: "response body", where: `${response.status()} ${response.url()}`, text: body.toString("utf8") }),
          // Redirects and aborted loads have no body to read.
          () => undefined,
        ),
      );
    });
    page.on("websocket", (socket) => {
      socket.on("framereceived", ({ payload }) => this.seen.push({ channel: "websocket frame", where: socket.url(), text: String(payload) }));
    });
  }

  log(process: string, line: string): void {
    this.seen.push({ channel: "platform log", where: process, text: line });
  }

  /** Waits for the response bodies still being read (streams that end when their page closes). */
  async settle(): Promise<void> {
    await Promise.all(this.pendingBodies);
  }

  /** Where `value` was seen, one line per place. */
  find(value: string): string[] {
    return this.seen.filter((s) => s.text.includes(value)).map((s) => `${s.channel} (${s.where})`);
  }

  count(channel: Seen["channel"]): number {
    return this.seen.filter((s) => s.channel === channel).length;
  }
}
