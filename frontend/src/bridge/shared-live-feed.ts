import { dataChangeEventSchema, type DataChangeEvent } from "../../../shared/api/app-data.ts";

export type FeedListener = (event: DataChangeEvent, seq: number) => void;

type Relayed = { seq: number; event: DataChangeEvent };

/**
 * One live connection per app/version, shared by every tab of this browser (docs/wire-protocols.md#postmessage-bridge): tabs elect a
 * leader with a Web Lock; the leader holds the EventSource and relays each event over a
 * BroadcastChannel. When the leader's tab closes its lock is released, another tab takes over and
 * resumes from the last seq it saw, so nothing is lost; seq numbers drop duplicates.
 */
export class SharedLiveFeed {
  private readonly channel: BroadcastChannel;
  private readonly listeners = new Set<FeedListener>();
  private lastSeq: number | null = null;
  private source: EventSource | null = null;
  private stopLeading: (() => void) | null = null;
  private closed = false;
  private readonly leadershipListeners = new Set<(leader: boolean) => void>();
  /** Whether this tab holds the connection (shown in the preview's live badge). */
  isLeader = false;

  constructor(
    readonly key: string,
    private readonly streamUrl: string,
  ) {
    this.channel = new BroadcastChannel(`second-feed:${key}`);
    this.channel.onmessage = (message: MessageEvent<Relayed>) => this.receive(message.data.event, message.data.seq);
    void this.campaign();
  }

  onEvent(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onLeadership(listener: (leader: boolean) => void): () => void {
    this.leadershipListeners.add(listener);
    listener(this.isLeader);
    return () => this.leadershipListeners.delete(listener);
  }

  private setLeader(leader: boolean): void {
    this.isLeader = leader;
    for (const listener of this.leadershipListeners) listener(leader);
  }

  close(): void {
    this.closed = true;
    this.stopLeading?.();
    this.channel.close();
    this.listeners.clear();
  }

  private async campaign(): Promise<void> {
    await navigator.locks.request(`second-feed-leader:${this.key}`, () => {
      if (this.closed) return;
      this.setLeader(true);
      return new Promise<void>((release) => {
        this.stopLeading = () => {
          this.source?.close();
          this.source = null;
          this.setLeader(false);
          release();
        };
        this.connect();
      });
    });
  }

  private connect(): void {
    // EventSource reconnects by itself and sends Last-Event-ID; `since` covers a new leader.
    const url = new URL(this.streamUrl, location.href);
    if (this.lastSeq !== null) url.searchParams.set("since", String(this.lastSeq));
    const source = new EventSource(url);
    source.onmessage = (message) => {
      const seq = Number(message.lastEventId);
      const parsed = dataChangeEventSchema.safeParse(JSON.parse(message.data));
      if (!parsed.success || !Number.isInteger(seq)) return;
      this.channel.postMessage({ seq, event: parsed.data } satisfies Relayed);
      this.receive(parsed.data, seq);
    };
    this.source = source;
  }

  private receive(event: DataChangeEvent, seq: number): void {
    if (event.type === "reset") this.lastSeq = seq;
    else if (this.lastSeq !== null && seq <= this.lastSeq) return;
    else this.lastSeq = seq;
    for (const listener of this.listeners) listener(event, seq);
  }
}

/** Tabs of one page share feeds too: one SharedLiveFeed per key, reference-counted. */
const feeds = new Map<string, { feed: SharedLiveFeed; users: number }>();

export function acquireFeed(key: string, streamUrl: string): { feed: SharedLiveFeed; release: () => void } {
  const entry = feeds.get(key) ?? { feed: new SharedLiveFeed(key, streamUrl), users: 0 };
  entry.users++;
  feeds.set(key, entry);
  return {
    feed: entry.feed,
    release: () => {
      entry.users--;
      if (entry.users === 0) {
        entry.feed.close();
        feeds.delete(key);
      }
    },
  };
}
