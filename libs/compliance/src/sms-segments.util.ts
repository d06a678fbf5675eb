/**
 * How many SMS a text costs. Carriers bill per segment, so admins see this next to every
 * confirmation message they write.
 *
 * - GSM-7 when every character is in the GSM 03.38 default alphabet or its extension table
 *   (an extension character is sent as ESC + char, so it costs 2 septets);
 *   160 septets fit in one SMS, 153 per segment once concatenated (the rest is the UDH).
 * - Otherwise UCS-2: 70 UTF-16 code units in one SMS, 67 per segment once concatenated.
 *
 * National language shift tables (Turkish, Spanish, Portuguese...) are not assumed: most
 * carriers and handsets do not negotiate them, so a text is priced as it would really go out.
 */
export interface SmsSegments {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

export function smsSegments(text: string): SmsSegments {
  const gsmCosts = gsm7Costs(text);
  if (gsmCosts) {
    return { encoding: 'GSM-7', ...pack(gsmCosts, GSM7_SINGLE, GSM7_MULTI) };
  }
  return { encoding: 'UCS-2', ...pack(ucs2Costs(text), UCS2_SINGLE, UCS2_MULTI) };
}

/** Characters of `text` that force UCS-2, in order of first appearance (for warnings). */
export function nonGsm7Characters(text: string): string[] {
  const found = new Set<string>();
  for (const char of text) {
    if (!GSM7_BASIC.has(char) && !GSM7_EXTENSION.has(char)) found.add(char);
  }
  return [...found];
}

const GSM7_SINGLE = 160;
const GSM7_MULTI = 153;
const UCS2_SINGLE = 70;
const UCS2_MULTI = 67;

// GSM 03.38 default alphabet, in table order (0x00-0x7F; 0x1B is the escape, not a character).
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
// Extension table, reached through ESC: form feed, ^ { } \ [ ~ ] | €.
const GSM7_EXTENSION = new Set('\f^{}\\[~]|€');

/** Septet cost of each character, or null when one of them is outside GSM-7. */
function gsm7Costs(text: string): number[] | null {
  const costs: number[] = [];
  for (const char of text) {
    if (GSM7_BASIC.has(char)) costs.push(1);
    else if (GSM7_EXTENSION.has(char)) costs.push(2);
    else return null;
  }
  return costs;
}

/** UTF-16 cost of each code point: astral characters (most emoji) take a surrogate pair. */
function ucs2Costs(text: string): number[] {
  const costs: number[] = [];
  for (const char of text) costs.push(char.length);
  return costs;
}

/**
 * Fill segments in order. Handsets never split an escape sequence or a surrogate pair
 * across two segments, so a character that does not fit whole starts the next one; that is
 * why a long text can take one more segment than units / 153 suggests.
 */
function pack(costs: number[], single: number, multi: number): { segments: number; units: number } {
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  if (units === 0) return { segments: 0, units };
  if (units <= single) return { segments: 1, units };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > multi) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { segments, units };
}
