/**
 * Shared by every script that writes a gate entry only when it is newer: the one place the
 * gate orders two decisions. The order is Postgres's for last-writer-wins — `(versionMs,
 * versionId)`, ids compared byte by byte as the `COLLATE "C"` message-id columns are. Not
 * Lua's `<`/`>=` on strings: that is `strcoll` under the Redis server's locale, which need not
 * be byte order (under en_US, "t1-b" < "t1-C"; in bytes, "C" < "b").
 */
export const IS_NEWER = `
local function bytesBefore(a, b)
  for i = 1, math.min(#a, #b) do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return #a < #b
end

-- True when (versionMs, versionId) is newer than what the entry at key holds (or it holds nothing).
local function isNewer(key, versionMs, versionId)
  local current = redis.call('HMGET', key, 'vts', 'vid')
  if not current[1] then return true end
  local vts = tonumber(current[1])
  local incoming = tonumber(versionMs)
  if vts ~= incoming then return vts < incoming end
  return bytesBefore(current[2] or '', versionId)
end
`;
