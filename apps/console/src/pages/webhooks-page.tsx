import { FormEvent, useState } from 'react';
import { accountPath, ApiClient } from '../api/client';
import type { Page, WebhookDelivery, WebhookEndpoint } from '../api/types';
import { ConfirmButton } from '../components/confirm-button';
import { PageButtons, useCursorPages } from '../components/cursor-pages';
import { ErrorNote, Loading, useAction, useLoad } from '../components/request-state';
import { dateTime } from '../format';

export function WebhooksPage({ client, accountId }: { client: ApiClient; accountId: string }) {
  const [round, setRound] = useState(0);
  const endpoints = useLoad((signal) => client.get<{ items: WebhookEndpoint[] }>(accountPath(accountId, 'webhooks'), undefined, signal), String(round));
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const reload = () => setRound((value) => value + 1);

  const act = async (run: () => Promise<void>) => {
    setActionError(null);
    try {
      await run();
      reload();
    } catch (caught) {
      setActionError(caught);
    }
  };

  const items = endpoints.data?.items ?? [];
  const current = items.find((endpoint) => endpoint.id === selected) ?? items[0];

  return (
    <>
      <AddEndpoint
        client={client}
        accountId={accountId}
        onAdded={(endpoint) => {
          setSecret({ url: endpoint.url, secret: endpoint.secret ?? '' });
          setSelected(endpoint.id);
          reload();
        }}
      />
      {secret && (
        <section className="card stack secret" aria-labelledby="secret-title" role="status">
          <h2 id="secret-title">Signing secret for {secret.url}</h2>
          <p>Copy it now: it is shown this once and never again.</p>
          <input aria-label="Signing secret" className="mono" readOnly value={secret.secret} onFocus={(event) => event.target.select()} />
          <div>
            <button type="button" onClick={() => setSecret(null)}>
              I have copied it
            </button>
          </div>
        </section>
      )}
      <section className="card stack" aria-labelledby="endpoints-title">
        <h2 id="endpoints-title">Endpoints</h2>
        {endpoints.loading && <Loading what="endpoints" />}
        <ErrorNote error={endpoints.error} />
        <ErrorNote error={actionError} />
        {endpoints.data && items.length === 0 && <p>No endpoint yet: add one above to have opt-outs posted to your CRM.</p>}
        <ul className="endpoints">
          {items.map((endpoint) => (
            <li key={endpoint.id} className={`endpoint${current?.id === endpoint.id ? ' endpoint-current' : ''}`}>
              <p className="mono wrap">{endpoint.url}</p>
              <p>
                <span className={`badge ${endpoint.enabled ? 'badge-ok' : 'badge-off'}`}>{endpoint.enabled ? 'Enabled' : 'Disabled'}</span> {endpoint.events.join(', ')}
                {endpoint.disabledReason && <span> · {endpoint.disabledReason}</span>}
                {endpoint.previousSecretExpiresAt && <span> · old secret still signs until {dateTime(endpoint.previousSecretExpiresAt)}</span>}
              </p>
              <div className="row">
                <button type="button" aria-pressed={current?.id === endpoint.id} onClick={() => setSelected(endpoint.id)}>
                  Show deliveries
                </button>
                {endpoint.enabled ? (
                  <ConfirmButton label="Disable" question="Stop sending to this endpoint?" onConfirm={() => void act(async () => void (await client.request('PATCH', accountPath(accountId, 'webhooks', endpoint.id), { json: { enabled: false } })))} />
                ) : (
                  <button type="button" onClick={() => void act(async () => void (await client.request('PATCH', accountPath(accountId, 'webhooks', endpoint.id), { json: { enabled: true } })))}>
                    Enable
                  </button>
                )}
                <ConfirmButton
                  label="Rotate secret"
                  question="Make a new secret? The old one keeps signing for 24 hours."
                  onConfirm={() =>
                    void act(async () => {
                      const rotated = await client.request<WebhookEndpoint>('POST', accountPath(accountId, 'webhooks', endpoint.id, 'rotate-secret'), { json: {} });
                      setSecret({ url: rotated.url, secret: rotated.secret ?? '' });
                    })
                  }
                />
              </div>
            </li>
          ))}
        </ul>
      </section>
      {current && <Deliveries key={current.id} client={client} accountId={accountId} endpoint={current} />}
    </>
  );
}

function AddEndpoint({ client, accountId, onAdded }: { client: ApiClient; accountId: string; onAdded: (endpoint: WebhookEndpoint) => void }) {
  const [url, setUrl] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      onAdded(await client.request<WebhookEndpoint>('POST', accountPath(accountId, 'webhooks'), { json: { url } }));
      setUrl('');
    });
  };
  return (
    <section className="card stack" aria-labelledby="add-endpoint-title">
      <h2 id="add-endpoint-title">Add an endpoint</h2>
      <form onSubmit={submit} className="row">
        <label htmlFor="endpoint-url">Endpoint URL</label>
        <input id="endpoint-url" type="url" placeholder="https://crm.example.com/hooks/optout" value={url} onChange={(event) => setUrl(event.target.value)} required />
        <button type="submit" className="button-primary" disabled={busy}>
          Add endpoint
        </button>
      </form>
      <ErrorNote error={error} />
    </section>
  );
}

const STATUSES = ['', 'dead', 'failed', 'pending', 'succeeded'] as const;

function Deliveries({ client, accountId, endpoint }: { client: ApiClient; accountId: string; endpoint: WebhookEndpoint }) {
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('');
  const pages = useCursorPages();
  const [round, setRound] = useState(0);
  const { cursor } = pages;
  const page = useLoad(
    (signal) => client.get<Page<WebhookDelivery>>(accountPath(accountId, 'webhooks', endpoint.id, 'deliveries'), { limit: 20, cursor, status: status || undefined }, signal),
    `${status}#${cursor ?? ''}#${round}`,
  );
  const [replayed, setReplayed] = useState<string | null>(null);
  const [replayError, setReplayError] = useState<unknown>(null);

  const replay = async (delivery: WebhookDelivery) => {
    setReplayError(null);
    setReplayed(null);
    try {
      await client.request('POST', accountPath(accountId, 'webhooks', 'deliveries', delivery.id, 'replay'));
      setReplayed(`Delivery of ${delivery.eventType} is being sent again (same webhook-id).`);
      setRound((value) => value + 1);
    } catch (caught) {
      setReplayError(caught);
    }
  };

  return (
    <section className="card stack" aria-labelledby="deliveries-title">
      <h2 id="deliveries-title">Deliveries to {endpoint.url}</h2>
      <div className="row">
        <label htmlFor="delivery-status">Status</label>
        <select
          id="delivery-status"
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as (typeof STATUSES)[number]);
            pages.first();
          }}
        >
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value || 'any'}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => setRound((value) => value + 1)}>
          Refresh
        </button>
      </div>
      {page.loading && <Loading what="deliveries" />}
      <ErrorNote error={page.error} />
      <ErrorNote error={replayError} />
      {replayed && (
        <p className="note note-ok" role="status">
          {replayed}
        </p>
      )}
      {page.data && page.data.items.length === 0 && <p>No delivery{status ? ` with status ${status}` : ''}.</p>}
      <ul className="deliveries">
        {page.data?.items.map((delivery) => (
          <li key={delivery.id} className="delivery" data-testid="delivery">
            <p>
              <strong>{delivery.eventType}</strong> <span className={`badge badge-${delivery.status}`}>{delivery.status}</span> · {delivery.attemptCount} attempt(s)
              {delivery.replays ? ` · replayed ${delivery.replays}×` : ''} · {dateTime(delivery.createdAt)}
            </p>
            {delivery.lastError && <p className="hint">Last error: {delivery.lastError}</p>}
            <details>
              <summary>Attempts</summary>
              <ol>
                {delivery.attempts.map((attempt) => (
                  <li key={attempt.attempt}>
                    #{attempt.attempt} (round {attempt.round}) {dateTime(attempt.attemptedAt)}: {attempt.status}
                    {attempt.responseCode ? `, HTTP ${attempt.responseCode}` : ''}
                    {attempt.latencyMs !== null ? `, ${attempt.latencyMs} ms` : ''}
                    {attempt.error ? ` — ${attempt.error}` : ''}
                  </li>
                ))}
              </ol>
            </details>
            {(delivery.status === 'dead' || delivery.status === 'succeeded') && (
              <ConfirmButton label="Replay" question="Send this delivery again?" disabled={!endpoint.enabled} onConfirm={() => void replay(delivery)} />
            )}
          </li>
        ))}
      </ul>
      <PageButtons pages={pages} nextCursor={page.data?.nextCursor} />
    </section>
  );
}
