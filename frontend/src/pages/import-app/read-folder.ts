import { IMPORT_LIMITS, importContentProblem, importPathProblem, utf8Bytes } from "../../../../shared/api/app-import.ts";

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface FolderImport {
  /** The picked folder's name, a starting point for the app's name. */
  folderName: string;
  files: Record<string, string>;
  totalBytes: number;
  skipped: SkippedFile[];
  /** Why the import as a whole cannot be sent (too many files or bytes, no sources), or null. */
  problem: string | null;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The file's text, or why it cannot be imported (binary or not UTF-8). */
async function readText(file: File): Promise<{ text: string } | { reason: string }> {
  if (file.size > IMPORT_LIMITS.fileBytes) return { reason: `larger than ${IMPORT_LIMITS.fileBytes / 1024} KB` };
  try {
    return { text: decoder.decode(await file.arrayBuffer()) };
  } catch {
    return { reason: "not UTF-8 text (binary?)" };
  }
}

/**
 * Reads a folder picked with `<input webkitdirectory>`: paths relative to the folder, sorted out by
 * the same rules the server applies, so the person sees what is skipped and why before sending.
 * Files the rules refuse by path are never read (a node_modules folder can hold thousands).
 */
export async function readFolder(list: FileList | File[]): Promise<FolderImport> {
  const picked = [...list];
  const folderName = picked[0]?.webkitRelativePath.split("/")[0] ?? "";
  const files: Record<string, string> = {};
  const skipped: SkippedFile[] = [];
  let totalBytes = 0;
  for (const file of picked.sort((a, b) => a.webkitRelativePath.localeCompare(b.webkitRelativePath))) {
    const path = file.webkitRelativePath.split("/").slice(1).join("/") || file.name;
    const pathProblem = importPathProblem(path);
    if (pathProblem) {
      skipped.push({ path, reason: pathProblem });
      continue;
    }
    const read = await readText(file);
    const reason = "reason" in read ? read.reason : importContentProblem(read.text);
    if (reason || !("text" in read)) {
      skipped.push({ path, reason: reason ?? "unreadable" });
      continue;
    }
    files[path] = read.text;
    totalBytes += utf8Bytes(read.text);
  }
  const count = Object.keys(files).length;
  const problem = !Object.keys(files).some((p) => p.startsWith("src/"))
    ? "The folder has no importable files under src/. Pick the app's root folder (the one holding src/)."
    : count > IMPORT_LIMITS.files
      ? `The folder has ${count} importable files; an import holds at most ${IMPORT_LIMITS.files}.`
      : totalBytes > IMPORT_LIMITS.totalBytes
        ? `The files total ${formatBytes(totalBytes)}; an import holds at most ${formatBytes(IMPORT_LIMITS.totalBytes)}.`
        : null;
  return { folderName, files, totalBytes, skipped, problem };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(2)} MB`;
}
