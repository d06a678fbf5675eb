import { keyPrefixOf } from '@optout/config';
import type { AppConfig } from '@optout/config';

/** "Account X now has profile version N": what the gateway announces after each save. */
export interface ProfileChange {
  accountId: string;
  version: number;
}

/**
 * The Redis pub/sub channel of profile changes. Under the key prefix, so that two systems
 * sharing a Redis (tests, staging beside production) never invalidate each other's caches.
 */
export function profileChangeChannel(config: Pick<AppConfig, 'queuePrefix'>): string {
  return `${keyPrefixOf(config)}:compliance-profile-changes`;
}

export function encodeProfileChange(change: ProfileChange): string {
  return JSON.stringify({ accountId: change.accountId, version: change.version });
}

/** Null for anything that is not a change we announced: the subscriber then drops every entry. */
export function decodeProfileChange(raw: string): ProfileChange | null {
  try {
    const value = JSON.parse(raw) as Partial<ProfileChange> | null;
    if (!value || typeof value.accountId !== 'string' || value.accountId === '') return null;
    if (typeof value.version !== 'number' || !Number.isInteger(value.version) || value.version < 0) return null;
    return { accountId: value.accountId, version: value.version };
  } catch {
    return null;
  }
}
