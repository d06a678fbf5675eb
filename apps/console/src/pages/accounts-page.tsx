import type { ApiClient } from '../api/client';
import type { Account, Page } from '../api/types';
import { PageButtons, useCursorPages } from '../components/cursor-pages';
import { PageTable } from '../components/page-table';
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
        <PageTable
          caption="Accounts"
          columns={['Name', 'Id', 'Default country', 'Created']}
          items={page.data.items}
          keyOf={(account) => account.id}
          cells={(account) => (
            <>
              <td>{account.name}</td>
              <td className="mono">{account.id}</td>
              <td>{account.defaultCountry ?? '—'}</td>
              <td>{dateTime(account.createdAt)}</td>
            </>
          )}
          empty="No accounts yet."
        />
      )}
      <PageButtons pages={pages} nextCursor={page.data?.nextCursor} />
    </section>
  );
}
