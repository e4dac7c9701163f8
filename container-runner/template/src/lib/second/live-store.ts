/** Ids the writer puts on its own writes, to recognise their echo on the live feed. */
export const newMutationId = () => (crypto.randomUUID ? crypto.randomUUID() : `m${Date.now()}${Math.random().toString(36).slice(2)}`);

/**
 * What every SDK store shares with React's useSyncExternalStore: listeners, an immutable
 * snapshot, and a first load started by the first subscriber.
 */
export abstract class LiveStore<S> {
  private readonly listeners = new Set<() => void>();
  private loadStarted = false;

  constructor(protected snapshot: S) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    if (!this.loadStarted) void this.load();
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** (Re)reads the server's state; also called when the live feed lost its place. */
  async load(): Promise<void> {
    this.loadStarted = true;
    await this.read();
  }

  protected abstract read(): Promise<void>;

  protected emit(snapshot: S): void {
    this.snapshot = snapshot;
    for (const listener of this.listeners) listener();
  }
}
