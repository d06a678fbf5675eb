import type { EffectiveProfile } from './compliance-profile.types';

/**
 * What an account that never customised anything uses. Keywords are the spec's table: the
 * US carriers' opt-out list plus REVOKE and OPTOUT from the 2024 FCC order ("STOP ALL" and
 * "OPT OUT" reach STOPALL and OPTOUT through normalisation). The messages are brand-less,
 * carrier-style and fit one GSM-7 segment each; accounts are expected to name their brand.
 *
 * Deeply frozen: it is shared by every profile that relies on it, so nobody may edit it.
 */
export const DEFAULT_PROFILE: EffectiveProfile = deepFreeze({
  optOut: {
    keywords: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'],
    message: 'You are unsubscribed and will receive no more messages. Reply START to resubscribe.',
  },
  optIn: {
    keywords: ['START', 'UNSTOP', 'YES'],
    message: 'You are subscribed again. Msg&data rates may apply. Reply HELP for help, STOP to unsubscribe.',
  },
  help: {
    keywords: ['HELP', 'INFO'],
    message: 'Reply STOP to unsubscribe or START to resubscribe. Msg&data rates may apply.',
  },
  overrides: [],
  revocation: { mode: 'keywords' },
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
