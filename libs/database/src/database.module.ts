import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown, Type } from '@nestjs/common';
import { SecretBox } from '@optout/secrets';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@optout/config';
import { createDataSource } from './data-source.factory';
import { DATA_SOURCE } from './database.tokens';
import { runMigrations } from './migrate';
import { resealSecrets } from './secrets/reseal-secrets';
import { installSecretBox } from './secrets/sealed-column';
import * as repositories from './repositories';

/**
 * Every repository class that ./repositories exports, provided and exported once: a new
 * repository is available to every app without a second list to keep in step here.
 */
const REPOSITORIES = Object.values(repositories).filter((value): value is Type => typeof value === 'function' && value.name.endsWith('Repository'));

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
            if (config.secretsKey) {
              const box = new SecretBox(config.secretsKey, config.secretsKeysPrevious);
              // Every row under the current key before anything reads one: a row no configured
              // key opens stops the start, rather than the first delivery that needs it.
              const resealed = await resealSecrets(dataSource, box).catch(async (error: unknown) => {
                await dataSource.destroy();
                throw error;
              });
              installSecretBox(box);
              if (resealed > 0) new Logger('SecretsAtRest').log({ msg: `sealed ${resealed} secret(s) at rest with key ${box.currentKeyId}`, resealed, keyId: box.currentKeyId });
            }
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
