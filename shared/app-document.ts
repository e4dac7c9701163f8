/**
 * The Content-Security-Policy of every app document (the draft preview and the published app).
 * App code runs inline only and has no network of its own: data flows through the parent's bridge
 * (postMessage). Images, fonts and media come from data: and blob: URLs. The `sandbox` directive
 * keeps the document in an opaque origin even when it is opened outside its frame.
 */
export const APP_DOCUMENT_CSP = [
  "default-src 'none'",
  "script-src 'unsafe-inline'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
  "font-src data: blob:",
  "media-src data: blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  "sandbox allow-scripts allow-forms allow-modals allow-popups",
].join("; ");

/** The iframe sandbox of app documents: scripts, forms, dialogs and popups; never allow-same-origin. */
export const APP_FRAME_SANDBOX = "allow-scripts allow-forms allow-modals allow-popups";

/** Where an app document is served: the published bundle, or a builder's draft. Both content-addressed. */
export const appDocumentPath = (appId: string, version: "draft" | "published", hash: string) =>
  version === "published" ? `/a/${encodeURIComponent(appId)}/${hash}/` : `/a/${encodeURIComponent(appId)}/draft/${hash}/`;
