import type { ApiClient } from '../api/client';
import { DryRunPanel } from './dry-run-panel';

export function DryRunPage({ client, accountId }: { client: ApiClient; accountId: string }) {
  return <DryRunPanel client={client} accountId={accountId} />;
}
