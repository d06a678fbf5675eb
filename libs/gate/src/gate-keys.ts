/**
 * Gate cache keys. The account id is a Redis Cluster hash tag so a batch check of one
 * account's numbers is one slot, one round trip; accounts still spread across the cluster.
 * Account ids are UUIDs, compared case-insensitively everywhere: lower-cased here too, so that
 * no caller can put one account's entries under two keys (one a STOP never updates).
 */
export function gateKey(keyPrefix: string, accountId: string, phone: string): string {
  return `${keyPrefix}:gate:{${accountId.toLowerCase()}}:${phone}`;
}
