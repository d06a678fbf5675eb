import type { ConsentStatus } from '@optout/contracts/consent-kind';

/** A classification's kind in words, as a compliance officer says it. */
export function outcomeWords(kind: string | null): string {
  switch (kind) {
    case 'optOut':
      return 'Opt-out';
    case 'optIn':
      return 'Opt-in';
    case 'help':
      return 'Help';
    case 'review':
      return 'Review';
    case null:
      return 'No match';
    default:
      return kind;
  }
}

export function statusWords(status: ConsentStatus): string {
  return status === 'opted_out' ? 'Opted out' : status === 'opted_in' ? 'Opted in' : 'Unknown';
}

/** A ledger row's kind (`opt_out`, `opt_in`, …) in words. */
export function eventKindWords(kind: string): string {
  const words: Record<string, string> = { opt_out: 'Opt-out', opt_in: 'Opt-in', optOut: 'Opt-out', optIn: 'Opt-in', help: 'Help' };
  return words[kind] ?? kind.replace(/_/g, ' ');
}

/** `{}` is the global rule; otherwise the country and/or language it is scoped to. */
export function scopeWords(scope: { country?: string; language?: string } | null): string {
  if (!scope) return '—';
  const parts = [scope.country ? `country ${scope.country}` : null, scope.language ? `language ${scope.language}` : null].filter(Boolean);
  return parts.length ? parts.join(', ') : 'Global';
}

export function sourceWords(source: string | null): string {
  const words: Record<string, string> = { sms: 'Text message', api: 'By hand (API)', import: 'CSV import', review: 'Review queue decision', erasure: 'Erasure suppression' };
  return source ? (words[source] ?? source) : '—';
}

export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What decided a classification or a ledger row: the keyword, else the phrase rule. */
export function keywordOrRule(keyword: string | null, rule: string | null | undefined): string | null {
  if (keyword) return keyword;
  return rule ? `phrase rule ${rule}` : null;
}
