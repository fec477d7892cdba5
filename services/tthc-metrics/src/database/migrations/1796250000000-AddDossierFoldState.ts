import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 item 2: the dossier row keeps its projection's fold state (the compacted events of
 * dossiers/dossier-fold-state.ts), so a new event of a dossier with history is projected from it
 * and the new event, without reading the dossier's stored envelopes. NULL (rows projected before
 * this migration): the ledger re-folds that dossier from its stored events once, then keeps it.
 */
export class AddDossierFoldState1796250000000 implements MigrationInterface {
  name = 'AddDossierFoldState1796250000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tthc"."dossier" ADD COLUMN "fold_state" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tthc"."dossier" DROP COLUMN "fold_state"`);
  }
}
