import { DynamicModule, Module, Type } from '@nestjs/common';
import type { GatewayRole } from '@optout/config';
import { GatewayCoreModule } from './gateway-core.module';
import { AdminModule } from './roles/admin.module';
import { EdgeModule } from './roles/edge.module';
import { OpsModule } from './roles/ops.module';

const ROLE_MODULES: Record<GatewayRole, Type> = { edge: EdgeModule, admin: AdminModule, ops: OpsModule };

/**
 * The HTTP gateway: the core every process needs, plus one module per role it runs
 * (GATEWAY_ROLES). A route of a role this process does not run is not registered at all, so
 * it answers 404 like any unknown path. No queue or SQL code of its own.
 */
@Module({})
export class GatewayModule {
  static forRoles(roles: readonly GatewayRole[]): DynamicModule {
    return { module: GatewayModule, imports: [GatewayCoreModule, ...roles.map((role) => ROLE_MODULES[role])] };
  }
}
