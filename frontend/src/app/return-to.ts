/** Where to go after signing in: the page a signed-out person opened, if it is one of ours. */
export function returnPath(search: string): string {
  const next = new URLSearchParams(search).get("next");
  return next?.startsWith("/") && !next.startsWith("//") && !next.startsWith("/onboarding") ? next : "/";
}

export const signInPath = (from: { pathname: string; search: string }) => `/onboarding/identity?${new URLSearchParams({ next: from.pathname + from.search })}`;
