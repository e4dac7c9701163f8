/**
 * The environment of a typecheck or build child process: what a compiler needs to run, nothing the
 * runner was given. App source must never be able to read a secret, even one that got in by mistake.
 */
export function scrubbedEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: home,
    TMPDIR: process.env.TMPDIR ?? "/tmp",
    LANG: "C.UTF-8",
    NODE_ENV: "production",
  };
}
