/**
 * The credential lives in sessionStorage only: it ends with the tab, is never written to
 * localStorage or a cookie, and is sent only as the Authorization header of API calls.
 */
const KEY = 'optout.console.credential';

export function storedCredential(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeCredential(value: string): void {
  sessionStorage.setItem(KEY, value);
}

export function forgetCredential(): void {
  sessionStorage.removeItem(KEY);
}
