import { IS_NEWER } from './is-newer.include';
import { WRITE_ENTRY } from './write-entry.include';

/**
 * KEYS[1] the entry; ARGV: status, since, keyword, versionMs, versionId, ttlMs.
 * The write after a decision's commit: applied only when newer than what is cached (IS_NEWER,
 * the Postgres order), so two workers finishing out of order leave the newer state, and a
 * replay changes nothing. Returns 1 when written.
 */
export const WRITE_IF_NEWER = `${IS_NEWER}${WRITE_ENTRY}
if not isNewer(KEYS[1], ARGV[4], ARGV[5]) then return 0 end
writeEntry(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
return 1`;
