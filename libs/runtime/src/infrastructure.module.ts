import { DynamicModule, Module, Type } from '@nestjs/common';
import { AppConfig, ConfigModule } from '@optout/config';
import { DatabaseModule } from '@optout/database';
import { GateModule } from '@optout/gate';
import { QueueModule } from '@optout/queue';
import { OperationsModule } from './operations.module';

/**
 * What every process stands on: the validated config, Postgres (migrated), the queues, the
 * gate cache, and the operations surface (health checks, queue statistics). Each process's root module is this plus the app modules it runs, so the
 * all-in-one process and the separate ones are wired identically.
 */
@Module({})
export class InfrastructureModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InfrastructureModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(), QueueModule, GateModule, OperationsModule],
    };
  }
}

/** The root module of a process that runs `apps`. */
export function rootModuleFor(config: AppConfig, apps: Array<Type | DynamicModule>): DynamicModule {
  @Module({})
  class RootModule {}
  return { module: RootModule, imports: [InfrastructureModule.forRoot(config), ...apps] };
}
