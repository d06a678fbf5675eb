import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { createDataSource } from './data-source.factory';
import { DATA_SOURCE } from './database.tokens';
import { runMigrations } from './migrate';
import {
  AccountRepository,
  ApiKeyRepository,
  ComplianceProfileRepository,
  ConsentLedgerRepository,
  ConsentStateRepository,
  ReplyTransportRepository,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  DeliveryAttemptRepository,
  ReplyDeliveryRepository,
  TwilioCredentialRepository,
  TelnyxCredentialRepository,
  BlocklistRepository,
  ConsentErasureRepository,
} from './repositories';

const REPOSITORIES = [
  AccountRepository,
  ApiKeyRepository,
  ComplianceProfileRepository,
  ConsentLedgerRepository,
  ConsentStateRepository,
  ReplyTransportRepository,
  WebhookDeliveryRepository,
  WebhookEndpointRepository,
  DeliveryAttemptRepository,
  ReplyDeliveryRepository,
  TwilioCredentialRepository,
  TelnyxCredentialRepository,
  BlocklistRepository,
  ConsentErasureRepository,
];

/**
 * One DataSource per process, shared by every app module in it. Migrations run at start-up
 * under an advisory lock, so any replica of any app may be the first to start.
 */
@Global()
@Module({})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DATA_SOURCE,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig) => {
            const dataSource = createDataSource({ url: config.databaseUrl, poolSize: config.databasePoolSize });
            await dataSource.initialize();
            await runMigrations(dataSource);
            return dataSource;
          },
        },
        ...REPOSITORIES,
      ],
      exports: [DATA_SOURCE, ...REPOSITORIES],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
