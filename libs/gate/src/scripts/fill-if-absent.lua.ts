import { WRITE_ENTRY } from './write-entry.include';

/**
 * KEYS[1] the entry; ARGV: status, since, keyword, versionMs, versionId, ttlMs.
 * Read-through fill: only where nothing is cached. A reader that read Postgres before an
 * opt-out committed can therefore never overwrite the opt-out's own (later) write.
 */
export const FILL_IF_ABSENT = `${WRITE_ENTRY}
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
writeEntry(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
return 1`;
