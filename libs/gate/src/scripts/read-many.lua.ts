/**
 * KEYS: the entries of one account's numbers (one Redis Cluster slot, by the account's hash
 * tag). Returns five values per key, flat, in KEYS order: status, since, keyword, versionMs,
 * versionId — nil where the key or field is absent. A batch check is then one command and one
 * reply instead of a pipeline of one HGETALL per number: the gateway's CPU for a 100-number
 * check went mostly to building, parsing and collecting those 100 commands (docs/performance.md).
 */
export const READ_MANY = `
local out = {}
for i = 1, #KEYS do
  local v = redis.call('HMGET', KEYS[i], 's', 'since', 'kw', 'vts', 'vid')
  local base = (i - 1) * 5
  for j = 1, 5 do out[base + j] = v[j] end
end
return out`;
