import { ApiErrorDetail, ApiException } from '../http/api.exception';

/**
 * Runs an ingestion through `InboundService.accept`, naming any field it refuses as the
 * carrier named it (`From` for Twilio, `data.payload.from.phone_number` for Telnyx) rather
 * than as `/v1/inbound` does, so the carrier's logs point at their own field.
 */
export async function withCarrierFieldNames<T>(names: Record<string, string>, ingest: () => Promise<T>): Promise<T> {
  try {
    return await ingest();
  } catch (error) {
    if (!(error instanceof ApiException) || error.code !== 'validation_failed') throw error;
    const details: ApiErrorDetail[] = error.details.map((detail) => (detail.field && names[detail.field] ? { ...detail, field: names[detail.field] } : detail));
    throw ApiException.validation(details);
  }
}

/** A field a carrier must send: present, text, at most `max` characters. */
export function requiredText(field: string, value: unknown, max: number): ApiErrorDetail | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) return { field, rule: 'required', message: `${field} is required (text, at most ${max} characters)` };
  return null;
}
