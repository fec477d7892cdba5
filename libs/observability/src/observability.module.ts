import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health.registry';
import { ObservabilityController } from './observability.controller';

@Global()
@Module({
  // A failed readiness probe is already one request log line (503) and each cause logs on its
  // own: terminus's extra error log on every failed probe is left out.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [ObservabilityController, HealthController],
  providers: [HealthRegistry],
  exports: [HealthRegistry],
})
export class ObservabilityModule {}
