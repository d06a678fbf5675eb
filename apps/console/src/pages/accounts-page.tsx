import type { ApiClient } from '../api/client';
import type { Account, Page } from '../api/types';
import { PageButtons, useCursorPages } from '../components/cursor-pages';
import { ErrorNote, Loading, useLoad } from '../components/request-state';
import { dateTime } from '../format';

/** The operator's view (admin token): every account, page by page, and the way to the queues. */
export function AccountsPage({ client }: { client: ApiClient }) {
  const pages = useCursorPages();
  const { cursor } = pages;
  const page = useLoad((signal) => client.get<Page<Account>>('/v1/accounts', { limit: 50, cursor }, signal), cursor ?? '');
  return (
    <section className="card stack" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      <p>
        Queues, jobs and dead letters: <a href="/ops/queues">queue dashboard</a> (your browser asks for the admin token as the password).
      </p>
      {page.loading && <Loading what="accounts" />}
      <ErrorNote error={page.error} />
      {page.data && (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Accounts</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">Default country</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((account) => (
                <tr key={account.id}>
                  <td>{account.name}</td>
                  <td className="mono">{account.id}</td>
                  <td>{account.defaultCountry ?? '—'}</td>
                  <td>{dateTime(account.createdAt)}</td>
                </tr>
              ))}
              {page.data.items.length === 0 && (
                <tr>
                  <td colSpan={4}>No accounts yet.</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <PageButtons pages={pages} nextCursor={page.data?.nextCursor} />
    </section>
  );
}
