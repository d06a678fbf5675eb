import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 over `id.timestamp.body`, keyed with
 * the secret's bytes (the base64 after `whsec_`). Several secrets (during a rotation) give
 * several signatures, space-separated.
 */
export function signWebhook(secrets: string[], webhookId: string, timestampSeconds: number, body: string): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
      const digest = createHmac('sha256', key).update(`${webhookId}.${timestampSeconds}.${body}`).digest('base64');
      return `v1,${digest}`;
    })
    .join(' ');
}
