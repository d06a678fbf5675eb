import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig } from '@optout/config';
import { assertRedisSettings, closeOnSignals, exitWithStartupError, processLogger } from '@optout/runtime';
import { createGatewayApp } from './create-gateway-app';

async function main(): Promise<void> {
  const config = loadConfig(process.env, { required: ['ADMIN_TOKEN', 'DATABASE_URL', 'SECRETS_KEY'] });
  processLogger('gateway', config);
  await assertRedisSettings(config);
  const app = await createGatewayApp(config);
  closeOnSignals('gateway', app);
  await app.listen(config.port, '0.0.0.0');
  new Logger('Bootstrap').log({ msg: `gateway listening on http://0.0.0.0:${config.port}`, port: config.port });
}

main().catch((error: unknown) => exitWithStartupError('gateway', error));
