/**
 * A JSON request to a gateway with a bearer token (an API key or the admin token), as the
 * process-level suites make them; `body` is null when the answer is not JSON.
 */
export async function gatewayRequest(baseUrl: string, method: string, path: string, token: string, json?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
    body: json === undefined ? undefined : JSON.stringify(json),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}
