import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { LedgerService } from '../ledger/ledger.service';

/**
 * Brings projections written by older code up to the current projection version at start-up, from
 * the stored events (the revision-2 migration adds columns that only the projection can fill).
 * Idempotent; replicas starting together recompute the same rows to the same values.
 */
@Injectable()
export class ProjectionUpgradeService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ProjectionUpgradeService.name);

  constructor(private readonly ledger: LedgerService) {}

  async onApplicationBootstrap(): Promise<void> {
    const n = await this.ledger.reprojectStale();
    if (n > 0) this.logger.log(`Recomputed ${n} dossier and feedback projections for contract revision 2`);
  }
}
