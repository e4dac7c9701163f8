import { z } from "zod";
import { roleSchema } from "./roles.ts";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }))
  .pipe(z.string().max(254));
export const displayNameSchema = z.string().trim().min(1, "Enter your name.").max(80);

export const identityBodySchema = z.object({ displayName: displayNameSchema, email: emailSchema }).strict();
export type IdentityBody = z.infer<typeof identityBodySchema>;

export const profileBodySchema = z.object({ displayName: displayNameSchema }).strict();

export const userSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const meSchema = z.object({
  user: userSchema,
  authMode: z.enum(["none", "external"]),
  workspaces: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), role: roleSchema })),
});
export type Me = z.infer<typeof meSchema>;
