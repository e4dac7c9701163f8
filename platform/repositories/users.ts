import type { Env } from "../env.ts";
import { CollectionClient } from "../store/store-client.ts";
import { newId } from "../../shared/ids.ts";
import type { User } from "../../shared/api/identity.ts";

export interface UserDoc {
  _id: string;
  displayName: string;
  email: string;
  emailNormalized: string;
  /** external mode: the identity provider's issuer and subject, together the person's identity. */
  externalIssuer?: string;
  externalSubject?: string;
  /** external mode: whether the provider vouches for `email` (invitations need it). */
  emailVerified?: boolean;
  analyticsAnonymized: boolean;
  /** Session cookies carry this; bumping it (logout, removal from the last workspace) ends them all. */
  sessionVersion?: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExternalIdentityFields {
  issuer: string;
  subject: string;
  email: string;
  emailVerified: boolean;
}

export const sessionVersionOf = (doc: UserDoc) => doc.sessionVersion ?? 0;
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

  /** Name and email only (the settings read model): no session or identity-provider fields. */
  profilesOf(ids: string[]): Promise<Pick<UserDoc, "_id" | "displayName" | "email">[]> {
    return ids.length ? this.users.find({ _id: { $in: ids } }, { projection: { _id: 1, displayName: 1, email: 1 } }) : Promise.resolve([]);
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

  /**
   * The user an identity provider's issuer + subject belongs to. Accounts linked before the issuer
   * was stored hold only the subject; they came from the one configured issuer and are adopted.
   */
  async byExternalIdentity(issuer: string, subject: string): Promise<UserDoc | null> {
    const linked = await this.users.findOne({ externalIssuer: issuer, externalSubject: subject });
    if (linked) return linked;
    return this.users.findOneAndUpdate({ externalSubject: subject, externalIssuer: { $exists: false } }, { $set: { externalIssuer: issuer } });
  }

  /** A new user for an identity; DuplicateKeyError when its email or identity is already taken. */
  insertExternal(identity: ExternalIdentityFields, displayName: string | null) {
    const now = new Date();
    return this.users.insertOne({
      _id: newId("usr"),
      displayName: displayName ?? "",
      email: identity.email,
      emailNormalized: normalizeEmail(identity.email),
      externalIssuer: identity.issuer,
      externalSubject: identity.subject,
      emailVerified: identity.emailVerified,
      analyticsAnonymized: true,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Links an account that has no external identity yet; null when another link won the race. */
  linkExternal(id: string, identity: ExternalIdentityFields) {
    return this.users.findOneAndUpdate(
      { _id: id, externalSubject: { $exists: false } },
      { $set: { externalIssuer: identity.issuer, externalSubject: identity.subject, emailVerified: identity.emailVerified, updatedAt: new Date() } },
    );
  }

  /** Email, verification and (when the token names one) display name follow the identity provider. */
  syncExternal(id: string, identity: ExternalIdentityFields, displayName: string | null) {
    const set: Partial<UserDoc> = { email: identity.email, emailNormalized: normalizeEmail(identity.email), emailVerified: identity.emailVerified, updatedAt: new Date() };
    if (displayName) set.displayName = displayName;
    return this.users.findOneAndUpdate({ _id: id }, { $set: set });
  }

  /** Ends every session cookie issued to this user so far. */
  endSessions(id: string) {
    return this.users.findOneAndUpdate({ _id: id }, { $inc: { sessionVersion: 1 }, $set: { updatedAt: new Date() } });
  }

  setAnalyticsAnonymized(id: string, anonymized: boolean) {
    return this.users.findOneAndUpdate({ _id: id }, { $set: { analyticsAnonymized: anonymized, updatedAt: new Date() } });
  }

  async setDisplayName(id: string, displayName: string) {
    return this.users.findOneAndUpdate({ _id: id }, { $set: { displayName, updatedAt: new Date() } });
  }
}
