/**
 * The fixture's subscribers are North American (+1) and British (+44) numbers. The engine
 * takes the country as input; deriving it is the phone lib's job, so tests use this stub.
 */
export function countryOfTestNumber(e164: string): string | null {
  if (e164.startsWith('+1')) return 'US';
  if (e164.startsWith('+44')) return 'GB';
  return null;
}
