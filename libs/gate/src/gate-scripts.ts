/**
 * KEYS[1] the entry; ARGV: status, since, keyword, versionMs, versionId, ttlMs.
 * Read-through fill: only where nothing is cached. A reader that read Postgres before an
 * opt-out committed can therefore never overwrite the opt-out's own (later) write.
 */
export const FILL_IF_ABSENT = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 's', ARGV[1], 'since', ARGV[2], 'kw', ARGV[3], 'vts', ARGV[4], 'vid', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`;

/**
 * The blocklist worker's write after its commit: applied only when newer than what is
 * cached, by (versionMs, versionId) — the same order as the Postgres upsert — so two
 * workers finishing out of order leave the newer state, and a replay changes nothing.
 * Ids compare byte by byte, as the message-id columns do (COLLATE "C"): Lua's own string
 * comparison follows the Redis server's locale (strcoll), which need not be byte order.
 */
export const WRITE_IF_NEWER = `
local function bytesBefore(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end
local current = redis.call('HMGET', KEYS[1], 'vts', 'vid')
if current[1] then
  local vts = tonumber(current[1])
  local incoming = tonumber(ARGV[4])
  if vts > incoming or (vts == incoming and not bytesBefore(current[2] or '', ARGV[5])) then return 0 end
end
redis.call('HSET', KEYS[1], 's', ARGV[1], 'since', ARGV[2], 'kw', ARGV[3], 'vts', ARGV[4], 'vid', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`;

/**
 * WRITE_IF_NEWER for many keys of one account at once (an import batch): KEYS are the entries,
 * ARGV five values per key in the same order (status, since, keyword, versionMs, versionId),
 * then ttlMs. One script call per few hundred keys instead of one per key; the keys share the
 * account's hash tag, so this is one Redis Cluster slot. Returns how many keys were written.
 */
export const WRITE_MANY_IF_NEWER = `
local ttl = ARGV[#ARGV]
local written = 0
for i = 1, #KEYS do
  local a = (i - 1) * 5
  local current = redis.call('HMGET', KEYS[i], 'vts', 'vid')
  local newer = true
  if current[1] then
    local vts = tonumber(current[1])
    local incoming = tonumber(ARGV[a + 4])
    if vts > incoming or (vts == incoming and current[2] >= ARGV[a + 5]) then newer = false end
  end
  if newer then
    redis.call('HSET', KEYS[i], 's', ARGV[a + 1], 'since', ARGV[a + 2], 'kw', ARGV[a + 3], 'vts', ARGV[a + 4], 'vid', ARGV[a + 5])
    redis.call('PEXPIRE', KEYS[i], ttl)
    written = written + 1
  end
end
return written`;

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
