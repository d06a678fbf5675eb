export type { RevocationKind, RevocationLanguage, RevocationVerdict } from './revocation.types';
export { REVOCATION_LANGUAGES } from './revocation.types';
export { examineRevocation } from './examine-revocation';
