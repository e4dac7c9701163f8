/** The Worker's bindings and variables, declared in worker/cloudflare-env.d.ts. */
export type Env = Cloudflare.Env;
