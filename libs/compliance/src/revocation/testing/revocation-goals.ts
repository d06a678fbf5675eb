import { examineRevocation } from '../examine-revocation';
import type { CorpusCase } from './revocation-corpus';

/** The five goals of issue 15, as fractions of each group of a table. */
export interface RevocationGoals {
  readonly counts: { clear: number; ambiguous: number; ordinary: number };
  /** Ordinary messages opted out (goal ≤ 2 %). */
  readonly ordinaryOptedOut: number;
  /** Clear revocations left as nothing (goal ≤ 2 %). */
  readonly clearMissed: number;
  /** Clear revocations applied without review (goal ≥ 85 %). */
  readonly clearApplied: number;
  /** Ambiguous messages sent to review or opted out (goal ≥ 90 %). */
  readonly ambiguousCaught: number;
  /** Ordinary messages sent to review (goal ≤ 15 %). */
  readonly ordinaryReviewed: number;
}

export function measureGoals(cases: readonly CorpusCase[]): RevocationGoals {
  const outcomes = cases.map((entry) => ({ group: entry.group, kind: examineRevocation(entry.body)?.kind ?? null }));
  const share = (group: CorpusCase['group'], test: (kind: string | null) => boolean) => {
    const inGroup = outcomes.filter((outcome) => outcome.group === group);
    return inGroup.length === 0 ? 0 : inGroup.filter((outcome) => test(outcome.kind)).length / inGroup.length;
  };
  const count = (group: CorpusCase['group']) => outcomes.filter((outcome) => outcome.group === group).length;
  return {
    counts: { clear: count('clear'), ambiguous: count('ambiguous'), ordinary: count('ordinary') },
    ordinaryOptedOut: share('ordinary', (kind) => kind === 'optOut'),
    clearMissed: share('clear', (kind) => kind === null),
    clearApplied: share('clear', (kind) => kind === 'optOut'),
    ambiguousCaught: share('ambiguous', (kind) => kind !== null),
    ordinaryReviewed: share('ordinary', (kind) => kind === 'review'),
  };
}

export function formatGoals(name: string, goals: RevocationGoals): string {
  const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
  return [
    `${name}: ${goals.counts.clear} clear, ${goals.counts.ambiguous} ambiguous, ${goals.counts.ordinary} ordinary`,
    `  ordinary opted out         ${pct(goals.ordinaryOptedOut)}  (goal <= 2 %)`,
    `  clear left as nothing      ${pct(goals.clearMissed)}  (goal <= 2 %)`,
    `  clear applied, no review   ${pct(goals.clearApplied)}  (goal >= 85 %)`,
    `  ambiguous to review/optOut ${pct(goals.ambiguousCaught)}  (goal >= 90 %)`,
    `  ordinary sent to review    ${pct(goals.ordinaryReviewed)}  (goal <= 15 %)`,
  ].join('\n');
}
