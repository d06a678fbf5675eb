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
 */
export const WRITE_IF_NEWER = `
local current = redis.call('HMGET', KEYS[1], 'vts', 'vid')
if current[1] then
  local vts = tonumber(current[1])
  local incoming = tonumber(ARGV[4])
  if vts > incoming or (vts == incoming and current[2] >= ARGV[5]) then return 0 end
end
redis.call('HSET', KEYS[1], 's', ARGV[1], 'since', ARGV[2], 'kw', ARGV[3], 'vts', ARGV[4], 'vid', ARGV[5])
redis.call('PEXPIRE', KEYS[1], ARGV[6])
return 1`;
