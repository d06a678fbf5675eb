import ipaddr from 'ipaddr.js';

/**
 * Which IP addresses a customer-supplied URL (webhook, reply transport, Twilio base URL) may
 * reach unless private targets are allowed: a customer URL must not become a way into our own
 * network (SSRF). The rule is an allow-list — only global unicast, in both families — because a
 * deny-list of "bad" ranges always misses a spelling. IPv6 forms that carry an IPv4 address
 * (mapped, IPv4-compatible, NAT64, 6to4, Teredo) are decoded first and the IPv4 address inside
 * is judged: `[::ffff:7f00:1]` reaches 127.0.0.1 as surely as `127.0.0.1` does.
 *
 * Parsing and range tables come from ipaddr.js (see docs/security.md for the choice).
 */

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

/** Why each non-unicast IPv4 range of ipaddr.js is refused, in words an operator reads in a 400. */
const IPV4_REASONS: Record<string, string> = {
  unspecified: 'this-network (0.0.0.0/8)',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local (cloud metadata)',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  private: 'private',
  reserved: 'reserved (IETF, documentation, benchmarking or future use)',
  as112: 'AS112 (reserved)',
  amt: 'AMT relay anycast (reserved)',
};

/** Why each non-global IPv6 range of ipaddr.js is refused. Embedded-IPv4 ranges are decoded before this is consulted. */
const IPV6_REASONS: Record<string, string> = {
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  multicast: 'multicast',
  loopback: 'loopback',
  uniqueLocal: 'unique local (private)',
  deprecatedSiteLocal: 'site-local (private)',
  discard: 'discard-only',
  benchmarking: 'benchmarking',
  amt: 'AMT (reserved)',
  as112v6: 'AS112 (reserved)',
  deprecatedOrchid: 'ORCHID (not routable)',
  orchid2: 'ORCHID (not routable)',
  droneRemoteIdProtocolEntityTags: 'drone remote ID tags (not routable)',
  segmentRouting: 'segment routing (not routable)',
  reserved: 'reserved (IETF or documentation)',
};

/** IANA's global unicast block for IPv6: nothing outside it is a public host address. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3') as [IPv6, number];
/** RFC 8215: a NAT64 prefix for one operator's own network, never global. */
const LOCAL_USE_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48') as [IPv6, number];
/** The deprecated IPv4-compatible form `::a.b.c.d` (RFC 4291 §2.5.5.1). */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96') as [IPv6, number];

/** Why an IP address is not public, or null when it is. Anything that is not an IP literal is refused. */
export function nonPublicReason(address: string): string | null {
  const parsed = parseAddress(address);
  if (!parsed) return 'not an IP address';
  return parsed.kind() === 'ipv4' ? ipv4Reason(parsed as IPv4) : ipv6Reason(parsed as IPv6);
}

function parseAddress(address: string): IPv4 | IPv6 | null {
  // Only the canonical dotted quad for IPv4: sockets and URL parsers hand us nothing else, and
  // a looser form ("127.1", "0x7f.1") refused as "not an IP address" fails closed.
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return ipaddr.IPv4.parse(address);
  if (ipaddr.IPv6.isValid(address)) return ipaddr.IPv6.parse(dottedTailAsHex(address));
  return null;
}

/**
 * `::127.0.0.1` is the IPv4-compatible address ::7f00:1 (RFC 4291), but ipaddr.js 2.5 reads any
 * dotted tail as IPv4-mapped (::ffff:7f00:1). Rewriting the dotted tail as two hex groups first
 * gives the address that URL parsers and sockets use.
 */
function dottedTailAsHex(address: string): string {
  const dotted = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(%.*)?$/.exec(address);
  if (!dotted) return address;
  const [, head, a, b, c, d, zone = ''] = dotted;
  const group = (high: string, low: string) => ((Number(high) << 8) | Number(low)).toString(16);
  return `${head}${group(a, b)}:${group(c, d)}${zone}`;
}

function ipv4Reason(address: IPv4): string | null {
  const range = address.range();
  return range === 'unicast' ? null : (IPV4_REASONS[range] ?? `not global unicast (${range})`);
}

function ipv6Reason(address: IPv6): string | null {
  const embedded = embeddedIPv4(address);
  if (embedded) {
    for (const inner of embedded.addresses) {
      const reason = ipv4Reason(inner);
      if (reason) return `${embedded.form} of ${inner.toString()}, which is ${reason}`;
    }
    return embedded.refusedAnyway ?? null;
  }
  const range = address.range();
  if (range !== 'unicast') return IPV6_REASONS[range] ?? `not global unicast (${range})`;
  if (!address.match(GLOBAL_UNICAST_V6)) return 'not global unicast (outside 2000::/3)';
  return null;
}

interface EmbeddedIPv4 {
  form: string;
  addresses: IPv4[];
  /** Refused even when the IPv4 inside is public: a form that is never a global destination. */
  refusedAnyway?: string;
}

/** The IPv4 address(es) an IPv6 address stands for, for every form that a host or router translates. */
function embeddedIPv4(address: IPv6): EmbeddedIPv4 | null {
  const parts = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  const last32 = () => v4(parts[6], parts[7]);
  const range = address.range();

  if (range === 'ipv4Mapped') return { form: 'IPv4-mapped form', addresses: [last32()] };
  // RFC 6145 / SIIT: ::ffff:0:a.b.c.d.
  if (range === 'rfc6145') return { form: 'IPv4-translated form', addresses: [last32()] };
  if (address.match(LOCAL_USE_NAT64)) {
    return { form: 'local-use NAT64 form', addresses: [last32()], refusedAnyway: 'local-use NAT64 (64:ff9b:1::/48, not global)' };
  }
  if (range === 'rfc6052') return { form: 'NAT64 form', addresses: [last32()] };
  if (range === '6to4') return { form: '6to4 form', addresses: [v4(parts[1], parts[2])] };
  if (range === 'teredo') {
    // Teredo (RFC 4380): the server's IPv4 in bits 32-63, the client's in bits 96-127, inverted.
    return { form: 'Teredo form', addresses: [v4(parts[2], parts[3]), v4(parts[6] ^ 0xffff, parts[7] ^ 0xffff)] };
  }
  // `::` and `::1` are themselves (unspecified, loopback), not IPv4-compatible addresses.
  if (address.match(IPV4_COMPATIBLE) && range !== 'unspecified' && range !== 'loopback') {
    return { form: 'IPv4-compatible form', addresses: [last32()], refusedAnyway: 'IPv4-compatible (deprecated, not global)' };
  }
  return null;
}
