import { Module } from '@nestjs/common';
import { DatabaseModule } from '@cchc/database';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { CreateTthcSchema1764130200000 } from './database/migrations/1764130200000-CreateTthcSchema';
import { AddDeadLetterRedrive1795667000000 } from './database/migrations/1795667000000-AddDeadLetterRedrive';
import { AddHeldEventsAndDeadLetterKeys1796000000000 } from './database/migrations/1796000000000-AddHeldEventsAndDeadLetterKeys';
import { AddRevision2Projection1796100000000 } from './database/migrations/1796100000000-AddRevision2Projection';
import { AddKpiRollups1796200000000 } from './database/migrations/1796200000000-AddKpiRollups';
import { AddDossierFoldState1796250000000 } from './database/migrations/1796250000000-AddDossierFoldState';
import { AddFeedbackDossierIndex1796300000000 } from './database/migrations/1796300000000-AddFeedbackDossierIndex';
import { AddServiceIndexRollups1796400000000 } from './database/migrations/1796400000000-AddServiceIndexRollups';
import { KpiRollupSkipUnchanged1796450000000 } from './database/migrations/1796450000000-KpiRollupSkipUnchanged';
import { KpiRollupOnePass1796500000000 } from './database/migrations/1796500000000-KpiRollupOnePass';
import { AddFeedbackAndSpanRollups1796550000000 } from './database/migrations/1796550000000-AddFeedbackAndSpanRollups';
import { RollupTriggerPlans1796600000000 } from './database/migrations/1796600000000-RollupTriggerPlans';
import { KpiRollupLockAfterSums1796650000000 } from './database/migrations/1796650000000-KpiRollupLockAfterSums';
import { OpenSpanIndexPerFamily1796700000000 } from './database/migrations/1796700000000-OpenSpanIndexPerFamily';
import { DossiersController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { DeadLettersService } from './ingestion/dead-letters.service';
import { EventSink } from './ingestion/event-sink.service';
import { EventsController } from './ingestion/events.controller';
import { IngestionHealth } from './ingestion/ingestion-health';
import { IngestionService } from './ingestion/ingestion.service';
import { JetStreamPublisher } from './ingestion/jetstream-publisher';
import { TthcConsumer } from './ingestion/tthc-consumer';
import { KpisController } from './kpis/kpis.controller';
import { KpisHandler } from './kpis/kpis.handler';
import { KpisService } from './kpis/kpis.service';
import { LedgerService } from './ledger/ledger.service';
import { TTHC_CONNECTION } from './tthc.constants';
import { GaugeRefresh } from './metrics/gauge-refresh';
import { KpiGauges } from './metrics/kpi-gauges';
import { TthcMetrics } from './metrics/tthc.metrics';
import { ProceduresController, ProceduresHandler } from './procedures/procedures.controller';
import { ProceduresService } from './procedures/procedures.service';
import { ProjectionUpgradeService } from './dossiers/projection-upgrade.service';
import { ServiceIndexGauges } from './metrics/service-index-gauges';
import { ServiceIndexController } from './service-index/service-index.controller';
import { ServiceIndexHandler } from './service-index/service-index.handler';
import { ServiceIndexService } from './service-index/service-index.service';

/** tthc-metrics' schema: the event ledger, projections, dead letters, catalog and calendar. */
export const TTHC_SCHEMA = {
  name: TTHC_CONNECTION,
  schema: 'tthc',
  // Raw SQL over the tables (batched multi-row statements); no entity maps them.
  entities: [],
  migrations: [
    CreateTthcSchema1764130200000,
    AddDeadLetterRedrive1795667000000,
    AddHeldEventsAndDeadLetterKeys1796000000000,
    AddRevision2Projection1796100000000,
    AddKpiRollups1796200000000,
    AddDossierFoldState1796250000000,
    AddFeedbackDossierIndex1796300000000,
    AddServiceIndexRollups1796400000000,
    KpiRollupSkipUnchanged1796450000000,
    KpiRollupOnePass1796500000000,
    AddFeedbackAndSpanRollups1796550000000,
    RollupTriggerPlans1796600000000,
    KpiRollupLockAfterSums1796650000000,
    OpenSpanIndexPerFamily1796700000000,
  ],
};

/** The tthc-metrics service: ingestion (HTTP, JetStream), ledger, KPIs, catalog, calendar, metrics. */
@Module({
  imports: [DatabaseModule.forSchema(TTHC_SCHEMA)],
  controllers: [
    EventsController,
    DossiersController,
    KpisController,
    KpisHandler,
    ProceduresController,
    ProceduresHandler,
    CalendarController,
    ServiceIndexController,
    ServiceIndexHandler,
  ],
  providers: [
    LedgerService,
    IngestionService,
    EventSink,
    IngestionHealth,
    DeadLettersService,
    DossiersService,
    JetStreamPublisher,
    TthcConsumer,
    KpisService,
    ProceduresService,
    CalendarService,
    TthcMetrics,
    KpiGauges,
    ProjectionUpgradeService,
    ServiceIndexService,
    ServiceIndexGauges,
    GaugeRefresh,
  ],
})
export class TthcMetricsModule {}
