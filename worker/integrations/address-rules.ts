import { formatIPv4, parseAddress, type ParsedAddress } from "./ip-address.ts";

/**
 * Which addresses a tool call may never reach: everything that is not ordinary public unicast.
 * IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that
 * IPv4 address; Teredo and site-scoped forms are refused outright.
 */

type Range4 = [number, number, number, number, number, string];
const V4_BLOCKED: Range4[] = [
  [0, 0, 0, 0, 8, "unspecified / this network"],
  [10, 0, 0, 0, 8, "private (RFC 1918)"],
  [100, 64, 0, 0, 10, "carrier-grade NAT"],
  [127, 0, 0, 0, 8, "loopback"],
  [169, 254, 0, 0, 16, "link-local / cloud metadata"],
  [172, 16, 0, 0, 12, "private (RFC 1918)"],
  [192, 0, 0, 0, 24, "IETF protocol assignments"],
  [192, 0, 2, 0, 24, "documentation"],
  [192, 88, 99, 0, 24, "6to4 relay"],
  [192, 168, 0, 0, 16, "private (RFC 1918)"],
  [198, 18, 0, 0, 15, "benchmarking"],
  [198, 51, 100, 0, 24, "documentation"],
  [203, 0, 113, 0, 24, "documentation"],
  [224, 0, 0, 0, 4, "multicast"],
  [240, 0, 0, 0, 4, "reserved / broadcast"],
];

const toNumber = (b: Uint8Array, at = 0) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

function classifyV4(bytes: Uint8Array, at = 0): string | null {
  const value = toNumber(bytes, at);
  for (const [a, b, c, d, bits, name] of V4_BLOCKED) {
    const base = toNumber(new Uint8Array([a, b, c, d]));
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((value & mask) >>> 0 === base) return name;
  }
  return null;
}

const startsWith = (bytes: Uint8Array, prefix: number[]) => prefix.every((p, i) => bytes[i] === p);
const zeroUntil = (bytes: Uint8Array, end: number) => bytes.slice(0, end).every((b) => b === 0);

function classifyV6(bytes: Uint8Array, zone: string | null): string | null {
  if (zone) return "scoped address (zone id)";
  if (zeroUntil(bytes, 16)) return "unspecified";
  if (zeroUntil(bytes, 15) && bytes[15] === 1) return "loopback";
  const embedded = (at: number, form: string) => {
    const inner = classifyV4(bytes, at);
    return inner ? `${inner} (${form} ${formatIPv4(bytes.slice(at, at + 4))})` : null;
  };
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible, deprecated): the IPv4 address is what is reached.
  if (zeroUntil(bytes, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return embedded(12, "IPv4-mapped");
  if (zeroUntil(bytes, 12)) return embedded(12, "IPv4-compatible") ?? "IPv4-compatible (deprecated)";
  // ::ffff:0:a.b.c.d (SIIT translated)
  if (zeroUntil(bytes, 8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) return embedded(12, "IPv4-translated");
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b]) && zeroUntil(bytes.slice(4), 8)) return embedded(12, "NAT64");
  if (startsWith(bytes, [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01])) return "local-use NAT64";
  if (startsWith(bytes, [0x20, 0x02])) return embedded(2, "6to4");
  if (startsWith(bytes, [0x20, 0x01, 0x00, 0x00])) return "Teredo";
  if (startsWith(bytes, [0x20, 0x01, 0x0d, 0xb8])) return "documentation";
  if (startsWith(bytes, [0x01, 0x00]) && zeroUntil(bytes.slice(2), 6)) return "discard-only";
  if ((bytes[0]! & 0xfe) === 0xfc) return "unique-local";
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0x80) return "link-local";
  if (bytes[0] === 0xfe && (bytes[1]! & 0xc0) === 0xc0) return "site-local (deprecated)";
  if (bytes[0] === 0xff) return "multicast";
  // Only global unicast (2000::/3) is routable on the internet.
  if ((bytes[0]! & 0xe0) !== 0x20) return "not global unicast";
  return null;
}

/** Why an address may not be called (a short description), or null for a public unicast address. */
export function blockedAddressReason(address: ParsedAddress): string | null {
  return address.family === 4 ? classifyV4(address.bytes) : classifyV6(address.bytes, address.zone);
}

/** The same for an address as text (a DNS answer); text that is not an address is refused too. */
export function blockedAddressText(text: string): string | null {
  const parsed = parseAddress(text);
  if (!parsed) return "not an IP address";
  return blockedAddressReason(parsed);
}
