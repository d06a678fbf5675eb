import { KEYWORD_KINDS } from './keyword-kind';
import type { ProfileIssues } from './profile-issues';
import { fieldPath } from './profile-issues';
import type { ReadProfile, ReadScope } from './profile-reader';
import { nonGsm7Characters, smsSegments } from './sms-segments.util';

/**
 * Things that are allowed but cost money or surprise: a confirmation that needs more than
 * one SMS, STOP put back into the list, an override that changes nothing, a kind subscribers
 * can no longer reach by text.
 */
export function collectWarnings(read: ReadProfile, stopAdded: boolean, issues: ProfileIssues): void {
  if (stopAdded) {
    issues.warn(
      'optOut.keywords',
      'stop_keyword_added',
      'STOP was added to optOut.keywords: it is always an optOut keyword and cannot be removed.',
    );
  }
  for (const kind of ['optIn', 'help'] as const) {
    const keywords = read.global.kinds[kind]?.keywords;
    if (keywords && keywords.length === 0) {
      issues.warn(
        fieldPath(kind, 'keywords'),
        'no_keywords',
        `${kind}.keywords is empty: subscribers will have no keyword for ${kind === 'optIn' ? 'opting back in' : 'help'} ` +
          'outside the overrides.',
      );
    }
  }
  for (const scope of [read.global, ...read.overrides]) {
    if (scope !== read.global && Object.keys(scope.kinds).length === 0) {
      issues.warn(scope.path, 'override_without_settings', `${scope.path} sets no optOut, optIn or help: it changes nothing.`);
    }
    warnAboutMessageCost(scope, issues);
  }
}

function warnAboutMessageCost(scope: ReadScope, issues: ProfileIssues): void {
  for (const kind of KEYWORD_KINDS) {
    const message = scope.kinds[kind]?.message;
    if (message === undefined) continue;
    const cost = smsSegments(message);
    if (cost.segments <= 1) continue;
    const forcing = nonGsm7Characters(message);
    const why =
      cost.encoding === 'UCS-2'
        ? ` It is sent as UCS-2 (70 characters per SMS) because of ${forcing.slice(0, 5).map((c) => `"${c}"`).join(', ')}` +
          (forcing.length > 5 ? ` and ${forcing.length - 5} more` : '') +
          '.'
        : '';
    issues.warn(
      fieldPath(scope.kinds[kind]!.path, 'message'),
      'message_multi_segment',
      `This ${kind} message takes ${cost.segments} SMS segments (${cost.units} ${cost.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units'}), ` +
        `so every confirmation costs ${cost.segments} messages.${why}`,
    );
  }
}
