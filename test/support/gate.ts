import type { ApiResponse, RunningSystem } from './running-system';

/** Whoever the gate is asked through: the all-in-one system, or anything with its `request`. */
type Requester = Pick<RunningSystem, 'request'>;

/** The send gate's path for one subscriber of an account (the phone is URL-encoded: `+` matters). */
export function gatePath(accountId: string, phone: string): string {
  return `/v1/gate/${accountId}/${encodeURIComponent(phone)}`;
}

/** Asks the send gate about one subscriber with the account's own key: the whole answer, status included. */
export function askGate(system: Requester, account: { id: string; apiKey: string }, phone: string): Promise<ApiResponse> {
  return system.request('GET', gatePath(account.id, phone), { token: account.apiKey });
}

/** The gate's answer body (`{ allowed, status, … }`) about one subscriber. */
export async function gateAnswer(system: Requester, account: { id: string; apiKey: string }, phone: string): Promise<any> {
  return (await askGate(system, account, phone)).body;
}
