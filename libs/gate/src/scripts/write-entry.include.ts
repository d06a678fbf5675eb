/** Shared by every script that writes a gate entry: the hash's field names and its expiry. */
export const WRITE_ENTRY = `
local function writeEntry(key, status, since, keyword, versionMs, versionId, ttlMs)
  redis.call('HSET', key, 's', status, 'since', since, 'kw', keyword, 'vts', versionMs, 'vid', versionId)
  redis.call('PEXPIRE', key, ttlMs)
end
`;
