import 'reflect-metadata';
import { loadConfig } from '@optout/config';
import { closeOnSignals, exitWithStartupError } from '@optout/runtime';
import { createGatewayApp } from './create-gateway-app';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { required: ['ADMIN_TOKEN', 'DATABASE_URL'] });
  const app = await createGatewayApp(config);
  closeOnSignals('gateway', app);
  await app.listen(config.port, '0.0.0.0');
  console.log(`gateway listening on http://0.0.0.0:${config.port}`);
}

main().catch((error: unknown) => exitWithStartupError('gateway', error));
