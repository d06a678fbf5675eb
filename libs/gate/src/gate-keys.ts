/**
 * Gate cache keys. The account id is a Redis Cluster hash tag so a batch check of one
 * account's numbers is one slot, one round trip; accounts still spread across the cluster.
 */
export function gateKey(keyPrefix: string, accountId: string, phone: string): string {
  return `${keyPrefix}:gate:{${accountId}}:${phone}`;
}
