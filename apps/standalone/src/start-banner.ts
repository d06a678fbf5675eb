export interface StartBannerFacts {
  base: string;
  adminToken: string;
  /** True when `npm start` made the token (kept in `tokenFile`); false when it came from the environment. */
  generatedToken: boolean;
  tokenFile: string;
}

/**
 * What `npm start` prints once it is up. The admin token is printed only when this process
 * generated it: a token that came from the environment belongs to whoever set it, and a
 * terminal, a CI log or a screen share is no place to repeat it (the examples then read it
 * from `$ADMIN_TOKEN`).
 */
export function startBanner({ base, adminToken, generatedToken, tokenFile }: StartBannerFacts): string {
  const token = generatedToken ? adminToken : '$ADMIN_TOKEN';
  const tokenLine = generatedToken ? `${adminToken}   (generated; kept in ${tokenFile})` : 'from the environment (ADMIN_TOKEN; not shown)';
  return `
Opt-out platform running (gateway, classifier, blocklist, dispatcher in one process)
  API:          ${base}/v1
  Admin token:  ${tokenLine}
  Queues:       ${base}/ops/queues   (any user name, the admin token as password)
  Metrics:      ${base}/metrics      health: ${base}/health/ready

Try it:
  KEY=$(curl -s -X POST ${base}/v1/accounts -H "authorization: Bearer ${token}" -H 'content-type: application/json' -d '{"name":"Demo"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).apiKey')
  ACCOUNT=$(curl -s ${base}/v1/accounts -H "authorization: Bearer ${token}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).items.at(-1).id')
  curl -s -X POST ${base}/v1/inbound -H "authorization: Bearer $KEY" -H 'content-type: application/json' \\
       -d '{"accountId":"'$ACCOUNT'","messageId":"demo-1","from":"+12025550199","to":"+12025550100","body":"STOP"}'
  curl -s ${base}/v1/gate/$ACCOUNT/+12025550199 -H "authorization: Bearer $KEY"
`;
}
