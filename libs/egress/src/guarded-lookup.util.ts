import { lookup as dnsLookup } from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { nonPublicReason } from './address-policy.util';
import { EgressRefusedError } from './egress-refused.error';

/** Resolves a host name to every address it has (injected in tests; the system resolver otherwise). */
export type Resolver = (host: string) => Promise<LookupAddress[]>;

/** Why an address may not be connected to, or null when it may. */
export type AddressCheck = (address: string) => string | null;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The `lookup` option of `net.connect`/`tls.connect`. */
export type SocketLookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) => dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** The SSRF policy as an address check: every non-public address refused. */
export const publicAddressesOnly: AddressCheck = (address) => {
  const reason = nonPublicReason(address);
  return reason ? `${address} is ${reason}; only public addresses are allowed unless ALLOW_PRIVATE_WEBHOOK_TARGETS=true` : null;
};

/** The refusal for an IP address, or null: used for literal IPs, which sockets do not look up. */
export function refusalOf(hostname: string, check: AddressCheck): EgressRefusedError | null {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (!isIP(host)) return null;
  const problem = check(host);
  return problem ? new EgressRefusedError(`refused to connect to ${host}: ${problem}`) : null;
}

/**
 * A socket `lookup` that defeats DNS rebinding: the name is resolved once, here, every
 * address is checked, and the socket connects to the addresses that were checked — never
 * to a second answer that the resolver might give a moment later. One non-public address
 * refuses the whole name (the same rule as at registration), so a name that mixes public
 * and private answers cannot be used to reach the private one.
 */
export function guardedLookup(check: AddressCheck, resolve: Resolver = systemResolver): SocketLookup {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        const wanted = options.family === 4 || options.family === 6 ? resolved.filter((entry) => entry.family === options.family) : resolved;
        for (const entry of wanted) {
          const problem = check(entry.address);
          if (problem) return callback(new EgressRefusedError(`refused to connect to ${hostname}: ${problem}`), '');
        }
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`${hostname} has no address${options.family ? ` of family IPv${options.family}` : ''}`);
          error.code = 'ENOTFOUND';
          return callback(error, '');
        }
        if (options.all) return callback(null, wanted);
        return callback(null, wanted[0].address, wanted[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ''),
    );
  };
}
