/**
 * IP address parsing in every spelling a resolver, a URL parser or an attacker might use. IPv4:
 * dotted, short (`127.1`), whole-number (`2130706433`), octal (`0177.0.0.1`) and hex (`0x7f.1`),
 * as inet_aton and the URL standard read them. IPv6: compressed, with an embedded IPv4 tail,
 * bracketed, with a zone id (`fe80::1%eth0`).
 */

function ipv4Part(text: string): number | null {
  if (text === "") return null;
  let value: number;
  if (/^0[xX][0-9a-fA-F]*$/.test(text)) value = text.length === 2 ? 0 : Number.parseInt(text.slice(2), 16);
  else if (/^0[0-7]+$/.test(text)) value = Number.parseInt(text.slice(1), 8);
  else if (/^(?:0|[1-9][0-9]*)$/.test(text)) value = Number(text);
  else return null;
  return Number.isSafeInteger(value) ? value : null;
}

/** The four bytes of an IPv4 address in any inet_aton spelling, or null when it is not one. */
export function parseIPv4(host: string): Uint8Array | null {
  const text = host.endsWith(".") ? host.slice(0, -1) : host;
  const parts = text.split(".");
  if (parts.length < 1 || parts.length > 4) return null;
  const numbers = parts.map(ipv4Part);
  if (numbers.some((n) => n === null)) return null;
  const values = numbers as number[];
  const last = values[values.length - 1]!;
  const leading = values.slice(0, -1);
  if (leading.some((n) => n > 255) || last >= 256 ** (5 - values.length)) return null;
  let whole = last;
  leading.forEach((n, i) => {
    whole += n * 256 ** (3 - i);
  });
  return new Uint8Array([(whole >>> 24) & 255, (whole >>> 16) & 255, (whole >>> 8) & 255, whole & 255]);
}

/** Strict dotted-quad (what an IPv6 address may end with). */
function dottedQuad(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(?:0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

export interface ParsedIPv6 {
  bytes: Uint8Array;
  /** `%zone` after the address: a scoped (link-local) address. */
  zone: string | null;
}

/** An IPv6 address (brackets and zone id allowed), or null when it is not one. */
export function parseIPv6(host: string): ParsedIPv6 | null {
  let text = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  let zone: string | null = null;
  const percent = text.indexOf("%");
  if (percent >= 0) {
    // Any zone makes the address scoped; its spelling (eth0, %25eth0, empty) does not matter.
    zone = text.slice(percent + 1) || "(empty)";
    text = text.slice(0, percent);
  }
  if (!text.includes(":")) return null;
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string): number[] | null => {
    if (part === "") return [];
    const out: number[] = [];
    const pieces = part.split(":");
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (i === pieces.length - 1 && piece.includes(".")) {
        const quad = dottedQuad(piece);
        if (!quad) return null;
        out.push((quad[0]! << 8) | quad[1]!, (quad[2]! << 8) | quad[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) out.push(Number.parseInt(piece, 16));
      else return null;
    }
    return out;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 2 && missing < 1) || (halves.length === 1 && missing !== 0)) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  const bytes = new Uint8Array(16);
  groups.forEach((g, i) => {
    bytes[i * 2] = g >> 8;
    bytes[i * 2 + 1] = g & 255;
  });
  return { bytes, zone };
}

export type ParsedAddress = { family: 4; bytes: Uint8Array } | { family: 6; bytes: Uint8Array; zone: string | null };

/** Any IP spelling, or null for a name. */
export function parseAddress(host: string): ParsedAddress | null {
  const v6 = parseIPv6(host);
  if (v6) return { family: 6, ...v6 };
  const v4 = parseIPv4(host);
  return v4 ? { family: 4, bytes: v4 } : null;
}

export const formatIPv4 = (bytes: Uint8Array) => Array.from(bytes.slice(0, 4)).join(".");
