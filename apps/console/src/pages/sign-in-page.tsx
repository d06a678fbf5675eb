import { FormEvent, useState } from 'react';
import { ErrorNote } from '../components/request-state';

export function SignInPage({ onSignIn, busy, error }: { onSignIn: (credential: string) => void; busy: boolean; error: unknown }) {
  const [credential, setCredential] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (credential.trim()) onSignIn(credential.trim());
  };
  return (
    <main className="sign-in" id="main">
      <h1>optout console</h1>
      <p>Sign in with your account's API key (or, for operators, the admin token). It is kept in this tab only and forgotten when the tab closes.</p>
      <form onSubmit={submit} className="card stack">
        <label htmlFor="credential">API key</label>
        <input id="credential" name="credential" type="password" autoComplete="off" spellCheck={false} value={credential} onChange={(event) => setCredential(event.target.value)} required />
        <button type="submit" className="button-primary" disabled={busy || !credential.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <ErrorNote error={error} />
      </form>
    </main>
  );
}
