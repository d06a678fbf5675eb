import { MouseEvent, useCallback, useEffect, useState } from 'react';
import { forgetCredential, storeCredential, storedCredential } from './api/session';
import { Loading } from './components/request-state';
import { AccountsPage } from './pages/accounts-page';
import { BlockListPage } from './pages/block-list-page';
import { DryRunPage } from './pages/dry-run-page';
import { ProfilePage } from './pages/profile-page';
import { ReviewsPage } from './pages/reviews-page';
import { SignInPage } from './pages/sign-in-page';
import { WebhooksPage } from './pages/webhooks-page';
import { ACCOUNT_PAGES, AccountPage, BASE, pageOfPath } from './routes';
import { probeCredential, Session } from './session-probe';

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [checking, setChecking] = useState(() => storedCredential() !== null);
  const [signInError, setSignInError] = useState<unknown>(null);
  const [page, setPage] = useState<AccountPage>(() => pageOfPath(location.pathname));

  const signIn = useCallback(async (credential: string) => {
    setChecking(true);
    setSignInError(null);
    try {
      const found = await probeCredential(credential);
      storeCredential(credential);
      setSession(found);
    } catch (error) {
      forgetCredential();
      setSignInError(error);
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    const stored = storedCredential();
    if (stored) void signIn(stored);
    const onPop = () => setPage(pageOfPath(location.pathname));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, [signIn]);

  useEffect(() => {
    const label = ACCOUNT_PAGES.find((entry) => entry.path === page)?.label;
    document.title = session?.role === 'account' && label ? `${label} · optout console` : 'optout console';
  }, [page, session]);

  const go = (event: MouseEvent<HTMLAnchorElement>, next: AccountPage) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    history.pushState(null, '', `${BASE}/${next}`);
    setPage(next);
    document.getElementById('main')?.focus();
  };

  const signOut = () => {
    forgetCredential();
    setSession(null);
  };

  if (!session) {
    if (checking && storedCredential()) return <Loading what="your account" />;
    return <SignInPage onSignIn={(credential) => void signIn(credential)} busy={checking} error={signInError} />;
  }

  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">optout console</span>
        <span className="who" data-testid="signed-in-as">
          {session.role === 'account' ? session.account.name : 'Operator (admin token)'}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      {session.role === 'account' && (
        <nav aria-label="Console" className="nav">
          <ul>
            {ACCOUNT_PAGES.map((entry) => (
              <li key={entry.path}>
                <a href={`${BASE}/${entry.path}`} aria-current={entry.path === page ? 'page' : undefined} onClick={(event) => go(event, entry.path)}>
                  {entry.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {session.role === 'admin' ? (
          <AccountsPage client={session.client} />
        ) : (
          <>
            <h1 className="visually-hidden">{ACCOUNT_PAGES.find((entry) => entry.path === page)?.label}</h1>
            {page === 'dry-run' && <DryRunPage client={session.client} accountId={session.account.id} />}
            {page === 'block-list' && <BlockListPage client={session.client} accountId={session.account.id} />}
            {page === 'profile' && <ProfilePage client={session.client} accountId={session.account.id} />}
            {page === 'reviews' && <ReviewsPage client={session.client} accountId={session.account.id} />}
            {page === 'webhooks' && <WebhooksPage client={session.client} accountId={session.account.id} />}
          </>
        )}
      </main>
    </>
  );
}
