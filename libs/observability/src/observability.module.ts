import { Global, Module } from '@nestjs/common';
import { HealthRegistry } from './health.registry';
import { ObservabilityController } from './observability.controller';

@Global()
@Module({
  controllers: [ObservabilityController],
  providers: [HealthRegistry],
  exports: [HealthRegistry],
})
export class ObservabilityModule {}
