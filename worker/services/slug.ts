/** A URL-safe slug from a display name: lowercase ASCII letters and digits joined by single dashes. */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
  return slug.length >= 2 ? slug : fallback;
}

export const randomSuffix = () => Math.random().toString(36).slice(2, 6);
