import type { KindSettings, ProfileOverride } from '@optout/compliance/compliance-profile.types';
import type { ProfileDocument, ProfileView } from './api/types';

export const KINDS = [
  { key: 'optOut', label: 'Opt-out' },
  { key: 'optIn', label: 'Opt-in' },
  { key: 'help', label: 'Help' },
] as const;

export type KindKey = (typeof KINDS)[number]['key'];

/** The editable document of a profile answer: the answer-only fields (version, savedAt, warnings) dropped. */
export function draftOf(view: ProfileView): ProfileDocument {
  return structuredClone({ optOut: view.optOut, optIn: view.optIn, help: view.help, overrides: view.overrides ?? [] });
}

/**
 * What is sent: an override's kind with neither keywords nor message is left out rather than
 * sent empty, and so is an empty override message (it would be refused as blank; left out, the
 * global message applies, which is what an empty box means). Global fields are sent as edited.
 */
export function documentToSend(draft: ProfileDocument): ProfileDocument {
  const overrides = draft.overrides.map((override) => {
    const out: ProfileOverride = {};
    if (override.country) out.country = override.country;
    if (override.language) out.language = override.language;
    for (const { key } of KINDS) {
      const settings = override[key];
      if (!settings) continue;
      const kept: KindSettings = {};
      if (settings.keywords && settings.keywords.length > 0) kept.keywords = settings.keywords;
      if (settings.message) kept.message = settings.message;
      if (kept.keywords || kept.message !== undefined) out[key] = kept;
    }
    return out;
  });
  return { optOut: draft.optOut, optIn: draft.optIn, help: draft.help, overrides };
}

/** Error messages by path (`optOut.keywords[2]`), as the API names them in a refused profile's details. */
export type FieldErrors = ReadonlyMap<string, string[]>;

export function fieldErrorsOf(details: Array<{ path?: string; field?: string; message: string }>): FieldErrors {
  const errors = new Map<string, string[]>();
  for (const detail of details) {
    const path = detail.path ?? detail.field ?? '';
    errors.set(path, [...(errors.get(path) ?? []), detail.message]);
  }
  return errors;
}
