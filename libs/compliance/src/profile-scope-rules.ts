import { DEFAULT_PROFILE } from './default-profile';
import type { KeywordKind } from './keyword-kind';
import { KEYWORD_KINDS } from './keyword-kind';
import { matchKey } from './match-key.util';
import { scopeSpecificity } from './override-resolver';
import type { ProfileIssues } from './profile-issues';
import { fieldPath, indexPath } from './profile-issues';
import { MANDATORY_OPT_OUT_KEYWORD } from './profile-limits';
import type { ReadProfile, ReadScope } from './profile-reader';
import { scopeLabel } from './scope-label.util';

/**
 * Rules that look across scopes, run on the valid parts of a read profile:
 * - a keyword may belong to one kind only, anywhere in the profile (defaults included);
 * - two overrides may not share a selector;
 * - two overrides of the same specificity that can both apply to one message may not list
 *   the same keyword (which one's language would the reply use?).
 */
export function checkScopeRules(read: ReadProfile, issues: ProfileIssues): void {
  const occurrences = keywordOccurrences(read);
  checkOneKindPerKeyword(occurrences, issues);
  const distinct = checkDistinctSelectors(read.overrides, issues);
  // Only distinct, valid override selectors: a repeated selector is already an error.
  checkSameSpecificityOverlap(
    occurrences.filter((occurrence) => distinct.has(occurrence.scope)),
    issues,
  );
}

/** Where a keyword sits; `origin` says whether the admin wrote it or we supplied it. */
interface KeywordOccurrence {
  key: string;
  raw: string;
  kind: KeywordKind;
  scope: ReadScope;
  path: string;
  origin: 'input' | 'default' | 'mandatory';
}

const STOP_KEY = matchKey(MANDATORY_OPT_OUT_KEYWORD);

function keywordOccurrences(read: ReadProfile): KeywordOccurrence[] {
  const occurrences: KeywordOccurrence[] = [];
  const { global } = read;
  for (const kind of KEYWORD_KINDS) {
    const settings = global.kinds[kind];
    if (settings?.keywordsGiven) {
      for (const keyword of settings.keywords ?? []) {
        occurrences.push({ ...keyword, kind, scope: global, origin: 'input' });
      }
    } else {
      // A kind left out keeps its defaults, and those defaults take part in every rule.
      DEFAULT_PROFILE[kind].keywords.forEach((raw, index) => {
        const path = indexPath(fieldPath(fieldPath('', kind), 'keywords'), index);
        occurrences.push({ key: matchKey(raw), raw, kind, scope: global, path, origin: 'default' });
      });
    }
  }
  if (!occurrences.some((occurrence) => occurrence.kind === 'optOut' && occurrence.key === STOP_KEY)) {
    occurrences.push({
      key: STOP_KEY,
      raw: MANDATORY_OPT_OUT_KEYWORD,
      kind: 'optOut',
      scope: global,
      path: 'optOut.keywords',
      origin: 'mandatory',
    });
  }
  for (const scope of read.overrides) {
    for (const kind of KEYWORD_KINDS) {
      for (const keyword of scope.kinds[kind]?.keywords ?? []) {
        occurrences.push({ ...keyword, kind, scope, origin: 'input' });
      }
    }
  }
  return occurrences;
}

function checkOneKindPerKeyword(occurrences: KeywordOccurrence[], issues: ProfileIssues): void {
  for (const group of groupByKey(occurrences).values()) {
    if (new Set(group.map((occurrence) => occurrence.kind)).size < 2) continue;
    // Anchor on what the admin cannot move without editing another list (a default, STOP),
    // so that the error lands on a keyword they actually wrote.
    const anchor = group.find((occurrence) => occurrence.origin !== 'input') ?? group[0];
    for (const occurrence of group) {
      if (occurrence.kind === anchor.kind || occurrence.origin !== 'input') continue;
      issues.error(
        occurrence.path,
        'duplicate_keyword_across_kinds',
        `Keyword "${occurrence.raw}" is listed as ${occurrence.kind} in ${scopeLabel(occurrence.scope.selector)}, ` +
          `but ${describeAnchor(anchor)}. A keyword may belong to only one kind in the whole profile, ` +
          'otherwise one text could both opt a subscriber out and in; remove it from one of the two lists.',
      );
    }
  }
}

function describeAnchor(anchor: KeywordOccurrence): string {
  if (anchor.origin === 'mandatory') return 'STOP is always an optOut keyword and cannot be removed';
  if (anchor.origin === 'default') {
    return (
      `"${anchor.raw}" is one of the default ${anchor.kind} keywords, which apply because the profile ` +
      `does not list ${anchor.kind} keywords (list them to change the defaults)`
    );
  }
  return `it is already ${anchor.kind === 'help' ? 'a' : 'an'} ${anchor.kind} keyword ("${anchor.raw}" at ${anchor.path}, ${scopeLabel(anchor.scope.selector)})`;
}

/** Reports repeated selectors and returns the overrides that take part in selector rules. */
function checkDistinctSelectors(overrides: ReadScope[], issues: ProfileIssues): Set<ReadScope> {
  const bySelector = new Map<string, ReadScope>();
  const distinct = new Set<ReadScope>();
  for (const scope of overrides) {
    if (!scope.selectorValid) continue;
    const selectorKey = `${scope.selector.country ?? ''}|${scope.selector.language ?? ''}`;
    const first = bySelector.get(selectorKey);
    if (first) {
      issues.error(
        scope.path,
        'duplicate_override_selector',
        `${scope.path} is another override for ${describeSelector(scope)}, already used by ${first.path}; ` +
          'merge the two into one override.',
      );
      continue;
    }
    bySelector.set(selectorKey, scope);
    distinct.add(scope);
  }
  return distinct;
}

function checkSameSpecificityOverlap(occurrences: KeywordOccurrence[], issues: ProfileIssues): void {
  for (const group of groupByKey(occurrences).values()) {
    group.forEach((later, index) => {
      const earlier = group
        .slice(0, index)
        .find((candidate) => candidate.kind === later.kind && canBothApply(candidate.scope, later.scope));
      if (!earlier) return;
      issues.error(
        later.path,
        'duplicate_keyword_same_specificity',
        `Keyword "${later.raw}" is listed by ${scopeLabel(later.scope.selector)} (${later.scope.path}) and by ` +
          `${scopeLabel(earlier.scope.selector)} (${earlier.scope.path}). Both can apply to the same message and ` +
          'neither is more specific, so the reply language would be ambiguous; keep it in one of them, ' +
          'or move it to the global list.',
      );
    });
  }
}

/**
 * Two distinct overrides of one specificity can both apply to a message when neither is
 * tied to a country ({language} vs {language}), or both are tied to the same one
 * ({CA, fr} vs {CA, en}). Two {country} overrides are different countries by then.
 */
function canBothApply(a: ReadScope, b: ReadScope): boolean {
  if (a === b) return false;
  const specificity = scopeSpecificity(a.selector);
  if (specificity !== scopeSpecificity(b.selector)) return false;
  return a.selector.country === b.selector.country;
}

function describeSelector(scope: ReadScope): string {
  return scopeLabel(scope.selector).replace(/^the override for /, '');
}

function groupByKey(occurrences: KeywordOccurrence[]): Map<string, KeywordOccurrence[]> {
  const groups = new Map<string, KeywordOccurrence[]>();
  for (const occurrence of occurrences) {
    const group = groups.get(occurrence.key);
    if (group) group.push(occurrence);
    else groups.set(occurrence.key, [occurrence]);
  }
  return groups;
}
