import { REVOCATION_CORPUS } from './testing/revocation-corpus';
import { formatGoals, measureGoals } from './testing/revocation-goals';
import { REVOCATION_BLIND_TABLES } from './testing/revocation-blind';
import { REVOCATION_HOLDOUT } from './testing/revocation-holdout';

/** Issue 15's goals, computed on the project's own tables and printed for the docs. */
describe('examineRevocation: the goals of issue 15', () => {
  it.each([
    ['the table', REVOCATION_CORPUS],
    ['the held-out table', REVOCATION_HOLDOUT],
    ...Object.entries(REVOCATION_BLIND_TABLES).map(([name, cases]) => [`blind table ${name}`, cases] as const),
  ] as const)('are met on %s', (name, cases) => {
    const goals = measureGoals(cases);
    console.log(formatGoals(name, goals));
    expect(goals.ordinaryOptedOut).toBeLessThanOrEqual(0.02);
    expect(goals.clearMissed).toBeLessThanOrEqual(0.02);
    expect(goals.clearApplied).toBeGreaterThanOrEqual(0.85);
    expect(goals.ambiguousCaught).toBeGreaterThanOrEqual(0.9);
    expect(goals.ordinaryReviewed).toBeLessThanOrEqual(0.15);
  });
});
