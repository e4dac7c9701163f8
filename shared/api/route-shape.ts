/**
 * `/w/ws_01.../apps/app_01...` -> `/w/:workspace/apps/:objectId`: no ids survive in a route shape.
 * The browser sends the shape (frontend/src/analytics/analytics.ts); the server reduces it again.
 */
export function routeShape(path: string): string {
  return path
    .split("/")
    .map((segment, i, all) => {
      if (!segment) return segment;
      if (all[i - 1] === "w") return ":workspace";
      if (/^(usr|ws|app|run|team|inv|mem|snap)_[0-9a-z]+$/.test(segment) || /^[0-9a-f-]{36}$/.test(segment) || /\d{3,}/.test(segment)) return ":objectId";
      return segment;
    })
    .join("/");
}
