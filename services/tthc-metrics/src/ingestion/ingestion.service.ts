import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@cchc/auth';
import { validateTthcEvent } from '@cchc/contracts';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import { DeadLettersService } from './dead-letters.service';
import { EventSink } from './event-sink.service';

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; id: string | null; errors: string[] }>;
}

/**
 * HTTP ingestion (architecture.md §4): the HTTP adapter of the one ingestion path. The token's
 * units are the sender's units; events are durable in the ledger (in every mode) before the answer.
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);

  constructor(
    private readonly sink: EventSink,
    private readonly deadLetters: DeadLettersService,
  ) {}

  async ingestHttp(inputs: unknown[], sender: Principal): Promise<IngestResponse> {
    const senderUnits = sender.role === 'admin' ? null : sender.units;
    const results = await this.sink.accept(
      inputs.map((value) => ({ raw: { value }, transport: 'http' as const, senderUnits, subject: null })),
    );
    const response: IngestResponse = { accepted: 0, duplicates: 0, rejected: [] };
    results.forEach((r, index) => {
      // A held follow-up is durable: accepted, applied once its dossier.received arrives.
      if (r.status === 'accepted' || r.status === 'held') response.accepted += 1;
      else if (r.status === 'duplicate') response.duplicates += 1;
      else response.rejected.push({ index, id: r.id, errors: r.errors });
    });
    return response;
  }

  /**
   * Re-sends a dead letter once its cause is fixed (a sender's bug, a catalog entry, a database
   * problem): validated again from the stored payload and ingested like any event, its id still
   * the deduplication key. The dead-letter record is kept and marked. An admin acts for any unit.
   */
  async redrive(id: number): Promise<RedriveResult> {
    const letter = await this.deadLetters.get(id);
    if (!letter) throw new TthcError(TthcErrorCode.NotFound, `No dead letter ${id}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(letter.payload);
    } catch {
      throw new TthcError(
        TthcErrorCode.InvalidEvent,
        `Dead letter ${id}: the stored payload is not JSON; it cannot be re-sent`,
      );
    }
    const result = validateTthcEvent(parsed);
    if (!result.ok)
      throw new TthcError(
        TthcErrorCode.InvalidEvent,
        `Dead letter ${id} is still invalid: ${result.errors.join('; ')}`,
      );
    const [r] = await this.sink.accept([
      { raw: { value: parsed }, transport: 'http', senderUnits: null, subject: null },
    ]);
    if (r.status === 'rejected')
      throw new TthcError(
        TthcErrorCode.InvalidEvent,
        `Dead letter ${id} is still refused: ${r.errors.join('; ')}`,
      );
    const outcome = r.status === 'duplicate' ? 'duplicate' : 'accepted';
    await this.deadLetters.markRedriven(id, outcome);
    this.logger.log(`Dead letter ${id} (event ${result.event.id}) re-sent: ${outcome}`);
    return { id, eventId: result.event.id, outcome };
  }
}

/** Outcome of re-sending one dead letter. */
export interface RedriveResult {
  id: number;
  eventId: string;
  outcome: 'accepted' | 'duplicate';
}
