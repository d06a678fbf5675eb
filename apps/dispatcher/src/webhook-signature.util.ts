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

export interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * The secrets that sign a delivery now: the current one, and during a rotation's grace
 * period the one it replaced, so a receiver still configured with the old secret verifies
 * while the business rolls the new one out. The current secret comes first.
 */
export function signingSecretsOf(endpoint: EndpointSecrets, now: Date): string[] {
  const previousActive = endpoint.previousSecret !== null && endpoint.previousSecretExpiresAt !== null && endpoint.previousSecretExpiresAt > now;
  return previousActive ? [endpoint.secret, endpoint.previousSecret as string] : [endpoint.secret];
}
