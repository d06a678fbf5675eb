import { IS_NEWER } from './is-newer.include';
import { WRITE_ENTRY } from './write-entry.include';

/**
 * WRITE_IF_NEWER for many keys of one account at once (an import batch): KEYS are the entries,
 * ARGV five values per key in the same order (status, since, keyword, versionMs, versionId),
 * then ttlMs. One script call per few hundred keys instead of one per key; the keys share the
 * account's hash tag, so this is one Redis Cluster slot. Returns how many keys were written.
 */
export const WRITE_MANY_IF_NEWER = `${IS_NEWER}${WRITE_ENTRY}
local ttl = ARGV[#ARGV]
local written = 0
for i = 1, #KEYS do
  local a = (i - 1) * 5
  if isNewer(KEYS[i], ARGV[a + 4], ARGV[a + 5]) then
    writeEntry(KEYS[i], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ttl)
    written = written + 1
  end
end
return written`;
