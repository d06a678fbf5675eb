import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { nonPublicReason } from './address-policy.util';

export interface TargetPolicy {
  allowPrivate: boolean;
  /** Injected in tests; the system resolver otherwise. */
  resolve?: (host: string) => Promise<string[]>;
}

const systemResolve = async (host: string): Promise<string[]> =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * Why a webhook or reply URL may not be used, or null when it may: checked at registration,
 * to tell the business at once. DNS may answer differently later (rebinding), so the
 * dispatcher does not rely on it: its egress agent checks the addresses it connects to.
 */
export async function targetUrlProblem(raw: string, policy: TargetPolicy): Promise<string | null> {
  const shape = urlShapeProblem(raw);
  if (shape) return shape;
  if (policy.allowPrivate) return null;
  const url = new URL(raw);

  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (policy.resolve ?? systemResolve)(host);
    } catch {
      return `host ${host} does not resolve`;
    }
  }
  for (const address of addresses) {
    const reason = nonPublicReason(address);
    if (reason) {
      return `points at ${address} (${reason}); only public addresses are allowed unless ALLOW_PRIVATE_WEBHOOK_TARGETS=true`;
    }
  }
  return null;
}

/**
 * What is wrong with the URL itself, whatever it resolves to: not absolute, a scheme other
 * than http(s), credentials in it. Checked before every request; the addresses are checked
 * by the egress agent when it connects.
 */
export function urlShapeProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `uses ${url.protocol.replace(':', '')}; only http and https are allowed`;
  if (url.username || url.password) return 'must not carry credentials in the URL';
  return null;
}
