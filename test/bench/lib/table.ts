/** Prints rows as an aligned text table (console.table quotes strings and adds an index column). */
export function printTable(title: string, rows: Record<string, string | number>[]): void {
  console.log(`\n${title}`);
  if (!rows.length) {
    console.log("  (no rows)");
    return;
  }
  const columns = Object.keys(rows[0]!);
  const width = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (cells: string[]) => `  ${cells.map((cell, i) => cell.padStart(width[i]!)).join("  ")}`;
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => String(row[c] ?? ""))));
}

/** ours / baseline, or "-" when either is missing; "inf" when the baseline is zero. */
export function ratio(ours: number | undefined, baseline: number | undefined): string {
  if (ours === undefined || baseline === undefined || !Number.isFinite(ours) || !Number.isFinite(baseline)) return "-";
  if (baseline === 0) return ours === 0 ? "1.00" : "inf";
  return (ours / baseline).toFixed(2);
}
