import { Agent, buildConnector } from 'undici';
import { AddressCheck, guardedLookup, publicAddressesOnly, refusalOf, Resolver, systemResolver } from './guarded-lookup.util';

export interface EgressAgentOptions {
  /** ALLOW_PRIVATE_WEBHOOK_TARGETS: no address is refused (tests, a laptop). */
  allowPrivate: boolean;
  /** Longest a TCP (and TLS) connect may take, in ms. */
  connectTimeoutMs: number;
  /** Injected in tests. */
  resolve?: Resolver;
  check?: AddressCheck;
}

/**
 * The undici dispatcher for every request to a customer's URL (webhooks, reply transports).
 * The address policy is applied at connect time, on the very addresses the socket then uses
 * (see guarded-lookup.util.ts); a literal IP, which a socket does not look up, is checked
 * before connecting. Connections are pooled per origin with no cap, so that one slow origin
 * never queues requests to another, nor those of two accounts that share an origin.
 */
export function createEgressAgent(options: EgressAgentOptions): Agent {
  if (options.allowPrivate) return new Agent({ connect: { timeout: options.connectTimeoutMs } });
  const check = options.check ?? publicAddressesOnly;
  const connect = buildConnector({ timeout: options.connectTimeoutMs, lookup: guardedLookup(check, options.resolve ?? systemResolver) });
  return new Agent({
    connect: (connectOptions, callback) => {
      const refused = refusalOf(connectOptions.hostname, check);
      if (refused) {
        callback(refused, null);
        return;
      }
      return connect(connectOptions, callback);
    },
  });
}
