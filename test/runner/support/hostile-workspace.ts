import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prepareWorkspace, readWorkspace } from "../../../container-runner/src/build/app-workspace.ts";

/**
 * A secret outside any app workspace, as a runner's own files or environment would be: several
 * forms of it (text, CSS, a .ts file whose type error would quote it), and how to look for it.
 */
export async function plantSecret() {
  const value = `CANARY-${crypto.randomUUID()}`;
  const dir = await mkdtemp(path.join(tmpdir(), "second-secret-"));
  await writeFile(path.join(dir, "secret.txt"), value);
  await writeFile(path.join(dir, "secret.css"), `.leak::after { content: "${value}"; }`);
  await writeFile(path.join(dir, "secret.ts"), `export const leaked: number = "${value}";\n`);
  await writeFile(path.join(dir, "tailwind.config.js"), `export default { theme: { extend: { colors: { leak: "${value}" } } } };\n`);
  const encodings = [value, Buffer.from(value).toString("base64"), Buffer.from(value).toString("base64url"), encodeURIComponent(value)];
  return {
    value,
    dir,
    /** True when any form of the secret appears in `text`. */
    leaksInto: (text: string) => encodings.some((form) => text.includes(form.slice(0, 24))),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A fresh app workspace from the template, under `root`. */
export async function freshWorkspace(root: string, name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(root, { recursive: true });
  await prepareWorkspace(dir);
  return dir;
}

/** Everything the platform would store or show of a workspace: its snapshot files. */
export async function snapshotText(dir: string): Promise<string> {
  const files = await readWorkspace(dir);
  return Object.entries(files)
    .map(([file, text]) => `${file}\n${text}`)
    .join("\n");
}

export async function appendTo(dir: string, file: string, text: string): Promise<void> {
  const full = path.join(dir, file);
  await writeFile(full, `${await readFile(full, "utf8").catch(() => "")}\n${text}\n`);
}
