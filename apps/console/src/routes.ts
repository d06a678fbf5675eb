/** The console's pages, by path under /console. */
export const ACCOUNT_PAGES = [
  { path: 'dry-run', label: 'Dry run' },
  { path: 'block-list', label: 'Block list' },
  { path: 'profile', label: 'Profile' },
  { path: 'reviews', label: 'Reviews' },
  { path: 'webhooks', label: 'Webhooks' },
] as const;

export type AccountPage = (typeof ACCOUNT_PAGES)[number]['path'];

export const BASE = '/console';

/** The page a location names; the first one for /console itself or an unknown path. */
export function pageOfPath(pathname: string): AccountPage {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length).replace(/^\/+|\/+$/g, '') : '';
  return ACCOUNT_PAGES.find((page) => page.path === rest)?.path ?? 'dry-run';
}
