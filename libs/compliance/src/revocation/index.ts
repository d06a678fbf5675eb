export type { RevocationKind, RevocationLanguage, RevocationVerdict } from './revocation.types';
export { REVOCATION_LANGUAGES } from './revocation.types';
export { examineRevocation } from './examine-revocation';
export { REVIEW_BUSINESS_DAYS, reviewDeadline } from './review-deadline';
