/** The three things an inbound text can ask for. */
export type KeywordKind = 'optOut' | 'optIn' | 'help';

/**
 * Every kind, in precedence order: when a corrupt stored profile somehow lists one keyword
 * under two kinds, the earlier kind wins, so an opt-out is never lost to an opt-in.
 */
export const KEYWORD_KINDS: readonly KeywordKind[] = Object.freeze(['optOut', 'optIn', 'help'] as const);
