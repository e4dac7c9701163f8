import type { Env } from "../env.ts";
import { CollectionClient, DuplicateKeyError } from "../store/store-client.ts";

/** One remembered POST: the caller's key, what was asked, and (once done) the answer to replay. */
export interface IdempotencyDoc {
  /** `${userId} ${method} ${path} ${key}`: one key per person and route. */
  _id: string;
  userId: string;
  requestHash: string;
  state: "pending" | "done";
  status?: number;
  body?: string;
  createdAt: Date;
}

/** Keys live for a day; after that the same key starts a new request. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export class IdempotencyKeysRepository {
  private readonly keys: CollectionClient<IdempotencyDoc>;
  constructor(env: Env) {
    this.keys = new CollectionClient<IdempotencyDoc>(env, "idempotency_keys");
  }

  find(id: string) {
    return this.keys.findOne({ _id: id, createdAt: { $gt: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } });
  }

  /** Claims the key for this request; false when another request holds it (pending or done). */
  async claim(id: string, userId: string, requestHash: string): Promise<boolean> {
    if (await this.tryInsert(id, userId, requestHash)) return true;
    // Taken: an expired record with the same id is dropped so the key can be used again.
    const { deletedCount } = await this.keys.deleteMany({ _id: id, createdAt: { $lte: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } });
    return deletedCount > 0 && (await this.tryInsert(id, userId, requestHash));
  }

  private async tryInsert(id: string, userId: string, requestHash: string): Promise<boolean> {
    try {
      await this.keys.insertOne({ _id: id, userId, requestHash, state: "pending", createdAt: new Date() });
      return true;
    } catch (error) {
      if (error instanceof DuplicateKeyError) return false;
      throw error;
    }
  }

  complete(id: string, status: number, body: string) {
    return this.keys.updateOne({ _id: id }, { $set: { state: "done", status, body } });
  }

  release(id: string) {
    return this.keys.deleteOne({ _id: id, state: "pending" });
  }

  /** Drops this person's expired keys, so the table stays small. */
  purgeExpired(userId: string) {
    return this.keys.deleteMany({ userId, createdAt: { $lte: new Date(Date.now() - IDEMPOTENCY_TTL_MS) } });
  }
}
