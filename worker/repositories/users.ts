import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { User } from "../../shared/api/identity.ts";

export interface UserDoc {
  _id: string;
  displayName: string;
  email: string;
  emailNormalized: string;
  externalSubject?: string;
  analyticsAnonymized: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const toUser = (doc: UserDoc): User => ({ id: doc._id, displayName: doc.displayName, email: doc.email });

/** Users are global (not workspace-scoped): identity precedes any workspace. */
export class UsersRepository {
  private readonly users: CollectionClient<UserDoc>;
  constructor(env: Env) {
    this.users = new CollectionClient<UserDoc>(env, "users");
  }

  byId(id: string) {
    return this.users.findOne({ _id: id });
  }

  byEmail(email: string) {
    return this.users.findOne({ emailNormalized: normalizeEmail(email) });
  }

  byIds(ids: string[]) {
    return ids.length ? this.users.find({ _id: { $in: ids } }) : Promise.resolve([]);
  }

  /** Finds or creates the user for an email (the `none` auth mode identity); a new name updates it. */
  async upsertByEmail(email: string, displayName: string): Promise<UserDoc> {
    const now = new Date();
    const doc = await this.users.findOneAndUpdate(
      { emailNormalized: normalizeEmail(email) },
      {
        $set: { displayName, updatedAt: now },
        $setOnInsert: { _id: newId("usr"), email: email.trim(), analyticsAnonymized: true, createdAt: now },
      },
      { upsert: true },
    );
    return doc!;
  }

  /** Finds or creates the user for a stable external subject; email and name follow the token. */
  async upsertByExternalSubject(subject: string, email: string, displayName: string | null): Promise<UserDoc> {
    const now = new Date();
    const existing = await this.users.findOne({ externalSubject: subject });
    if (existing) {
      const set: Record<string, unknown> = { email, emailNormalized: normalizeEmail(email), updatedAt: now };
      if (displayName) set.displayName = displayName;
      return (await this.users.findOneAndUpdate({ _id: existing._id }, { $set: set }))!;
    }
    // Same person signing in through the proxy for the first time after a local identity: link by email.
    const byEmail = await this.byEmail(email);
    if (byEmail) {
      return (await this.users.findOneAndUpdate({ _id: byEmail._id }, { $set: { externalSubject: subject, updatedAt: now } }))!;
    }
    return this.users.insertOne({
      _id: newId("usr"),
      displayName: displayName ?? "",
      email,
      emailNormalized: normalizeEmail(email),
      externalSubject: subject,
      analyticsAnonymized: true,
      createdAt: now,
      updatedAt: now,
    });
  }

  setAnalyticsAnonymized(id: string, anonymized: boolean) {
    return this.users.findOneAndUpdate({ _id: id }, { $set: { analyticsAnonymized: anonymized, updatedAt: new Date() } });
  }

  async setDisplayName(id: string, displayName: string) {
    return this.users.findOneAndUpdate({ _id: id }, { $set: { displayName, updatedAt: new Date() } });
  }
}
