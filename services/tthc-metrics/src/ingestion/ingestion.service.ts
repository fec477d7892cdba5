import { Inject, Injectable, Logger } from '@nestjs/common';
import { canActForUnit, type Principal } from '@cchc/auth';
import { APP_CONFIG, type AppConfig } from '@cchc/config';
import { eventUnitCode, validateTthcEvent, type TthcEvent } from '@cchc/contracts';
import {
  LedgerService,
  ledgerSubjectKey,
  type DeadLetterInput,
  type IngestTransport,
} from '../ledger/ledger.service';
import { TthcMetrics } from '../metrics/tthc.metrics';
import { TthcError, TthcErrorCode } from '../kpis/kpis.errors';
import { DeadLettersService } from './dead-letters.service';
import { JetStreamPublisher } from './jetstream-publisher';

export interface IngestResponse {
  accepted: number;
  duplicates: number;
  rejected: Array<{ index: number; id: string | null; errors: string[] }>;
}

/**
 * HTTP ingestion (architecture.md §4): validates each event on its own, so one bad event never
 * sinks the batch; enforces the token's unit scope per event; makes the accepted ones durable
 * before answering: in the ledger (all-in-one) or in JetStream, acknowledged (distributed).
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);

  constructor(
    private readonly ledger: LedgerService,
    private readonly metrics: TthcMetrics,
    private readonly publisher: JetStreamPublisher,
    private readonly deadLetters: DeadLettersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async ingestHttp(inputs: unknown[], sender: Principal): Promise<IngestResponse> {
    const allUnits = sender.role === 'admin';
    const rejected: IngestResponse['rejected'] = [];
    const deadLetters: DeadLetterInput[] = [];
    const valid: Array<{ index: number; event: TthcEvent }> = [];
    inputs.forEach((input, index) => {
      const result = validateTthcEvent(input);
      if (result.ok) valid.push({ index, event: result.event });
      else {
        rejected.push({ index, id: result.id, errors: result.errors });
        deadLetters.push(
          deadLetter(
            result.id,
            input,
            result.errors,
            result.errors.some((e) => e.startsWith('type:')) ? 'unknown_type' : 'invalid',
          ),
        );
      }
    });

    // Unit scope: an event carrying a unitCode must be within the token's units; a follow-up event
    // is checked against the unit of its dossier (or feedback) when that is already known.
    const known = allUnits
      ? new Map<string, string>()
      : await this.ledger.knownUnits(valid.map((v) => ledgerSubjectKey(v.event)));
    const allowed: Array<{ index: number; event: TthcEvent; unit: string | null }> = [];
    for (const v of valid) {
      const unit = eventUnitCode(v.event) ?? known.get(ledgerSubjectKey(v.event)) ?? null;
      if (unit !== null && !canActForUnit(sender, unit)) {
        const errors = [`unitCode: "${unit}" is outside this token's units (${sender.units.join(', ')})`];
        rejected.push({ index: v.index, id: v.event.id, errors });
        deadLetters.push(deadLetter(v.event.id, v.event, errors, 'unit_forbidden'));
      } else allowed.push({ ...v, unit });
    }
    rejected.sort((a, b) => a.index - b.index);
    for (const d of deadLetters) {
      this.metrics.rejected('http', d.reason);
      this.metrics.deadLettered('http', d.reason);
    }

    if (this.config.natsUrl) {
      // Distributed: the stream is the durable record; the consumer writes the ledger.
      await this.ledger.recordDeadLetters(deadLetters);
      const fallbackUnit = allUnits || sender.units.length !== 1 ? 'unassigned' : sender.units[0];
      const acks = await this.publisher.publish(
        allowed.map((a) => ({ event: a.event, unit: a.unit ?? fallbackUnit })),
      );
      // JetStream's duplicate window caught these before the ledger could; the consumer counts the rest.
      const duplicateIds = new Set(acks.filter((a) => a.duplicate).map((a) => a.id));
      for (const a of allowed)
        if (duplicateIds.has(a.event.id)) this.metrics.duplicate(a.unit ?? 'unknown', 'http');
      return {
        accepted: acks.filter((a) => !a.duplicate).length,
        duplicates: acks.filter((a) => a.duplicate).length,
        rejected,
      };
    }
    const outcome = await this.ledger.ingest(
      allowed.map((a) => a.event),
      'http',
      deadLetters,
    );
    this.metrics.recordOutcome(outcome, 'http');
    return { accepted: outcome.accepted.length, duplicates: outcome.duplicates.length, rejected };
  }

  /**
   * Re-sends a dead letter once its cause is fixed (a sender's bug, a catalog entry, a database
   * problem): validated again from the stored payload and ingested like any event, its id still
   * the deduplication key. The dead-letter record is kept and marked.
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
    const event = result.event;
    let duplicate: boolean;
    if (this.config.natsUrl) {
      const subjectUnit = letter.subject?.split('.')[2];
      const unit =
        eventUnitCode(event) ??
        subjectUnit ??
        (await this.ledger.knownUnits([ledgerSubjectKey(event)])).get(ledgerSubjectKey(event)) ??
        'unassigned';
      // Its own Nats-Msg-Id: JetStream's duplicate window still remembers the original message's id;
      // the ledger deduplicates by the event id as always.
      const [ack] = await this.publisher.publish([{ event, unit, msgId: `redrive-${id}` }]);
      duplicate = ack?.duplicate ?? false;
    } else {
      const outcome = await this.ledger.ingest([event], 'http');
      this.metrics.recordOutcome(outcome, 'http');
      duplicate = outcome.accepted.length === 0;
    }
    const outcome = duplicate ? 'duplicate' : 'accepted';
    await this.deadLetters.markRedriven(id, outcome);
    this.logger.log(`Dead letter ${id} (event ${event.id}) re-sent: ${outcome}`);
    return { id, eventId: event.id, outcome };
  }
}

/** Outcome of re-sending one dead letter. */
export interface RedriveResult {
  id: number;
  eventId: string;
  outcome: 'accepted' | 'duplicate';
}

export function deadLetter(
  id: string | null,
  input: unknown,
  errors: string[],
  reason: string,
  transport: IngestTransport = 'http',
  subject: string | null = null,
): DeadLetterInput {
  let payload: string;
  try {
    payload = typeof input === 'string' ? input : (JSON.stringify(input) ?? String(input));
  } catch {
    payload = String(input);
  }
  return { eventId: id, transport, subject, reason, errors, payload };
}
