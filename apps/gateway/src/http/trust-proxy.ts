import type { AppConfig } from '@optout/config';

/** TRUST_PROXY as Fastify takes it; a hop count as a function, which Nest's adapter type accepts. */
export function trustProxyOf(config: Pick<AppConfig, 'trustProxy'>): boolean | string[] | ((address: string, hop: number) => boolean) {
  const { trustProxy } = config;
  return typeof trustProxy === 'number' ? (_address, hop) => hop < trustProxy : trustProxy;
}
