/**
 * The compliance engine: pure functions that decide what an inbound text means for an
 * account (opt out, opt in, help or nothing) and which reply it gets. No Nest, no I/O.
 */
export type { KeywordKind } from './keyword-kind';
export { KEYWORD_KINDS } from './keyword-kind';
export type {
  ComplianceProfileInput,
  EffectiveProfile,
  KindSettings,
  MatchScope,
  ProfileOverride,
  RevocationMode,
  RevocationSettings,
} from './compliance-profile.types';
export type { ProfileValidation, ProfileViolation, ProfileWarning } from './profile-validation.types';
export type { Classification } from './classification.types';
export type { CompiledCandidate, CompiledProfile, CompiledReply } from './compiled-profile';
export type { InboundText } from './classify-message';
export type { SmsSegments } from './sms-segments.util';
export type { RevocationKind, RevocationLanguage, RevocationVerdict } from './revocation';

export { DEFAULT_PROFILE } from './default-profile';
export { MANDATORY_OPT_OUT_KEYWORD, PROFILE_LIMITS } from './profile-limits';
export { ISO_3166_1_ALPHA2, ISO_639_1, PHONE_REGION_EXTRA_CODES, isCountryCode, isLanguageCode } from './iso-codes';
export { matchKey } from './match-key.util';
export { validateProfile } from './profile-validator';
export { compileProfile } from './compiled-profile';
export { classifyMessage } from './classify-message';
export { smsSegments } from './sms-segments.util';
export { REVIEW_BUSINESS_DAYS, REVOCATION_LANGUAGES, examineRevocation, reviewDeadline } from './revocation';
export { REVOCATION_MODES } from './compliance-profile.types';
