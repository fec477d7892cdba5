// The hand-computed service-index example (architecture.md §5b), shared by the reference's unit
// test and the service's end-to-end test: the same events and catalog must give, in both, the
// numbers written out by hand in those tests. Quarter 2021-Q1, unit `vp`.
import type { ReferenceCatalogEntry } from './reference-dossiers';
import { ev, type BuiltEvent } from './event-builders';

export const SERVICE_INDEX_EXAMPLE_CATALOG: ReferenceCatalogEntry[] = [
  // Online services: PA (level 4 → toàn trình), PB (level 3 → một phần), PD (declared một phần).
  { code: 'PA', unitCode: 'vp', level: 4, paperResultRequired: true, feeBearing: true },
  { code: 'PB', unitCode: 'vp', level: 3 },
  { code: 'PC', unitCode: 'vp', level: 2, onlineService: 'none' },
  { code: 'PD', unitCode: 'vp', level: 2, onlineService: 'partial' },
  { code: 'PE', unitCode: 'vp', level: 2 },
];

const at = (date: string, time = '09:00') => `${date}T${time}:00+07:00`;

export function serviceIndexExampleEvents(): BuiltEvent[] {
  return [
    // D0: carried over from December, resolved early in January.
    ev.received('D0', { at: at('2020-12-20'), due: '2021-01-08', procedure: 'PB' }),
    ev.resolved('D0', at('2021-01-07')),
    // D1: online, digitised, reused data, paid online, early with an e-result, rated satisfied.
    ev.received('D1', {
      at: at('2021-01-05'),
      due: '2021-01-15',
      procedure: 'PA',
      channel: 'online',
      digitized: true,
      reusedData: true,
    }),
    ev.paid('D1', at('2021-01-05', '10:00'), 'online'),
    ev.resolved('D1', at('2021-01-12'), true),
    ev.rated('D1', at('2021-01-13'), 'satisfied'),
    // D2: direct, digitised, paid at the counter, late without e-result, rated dissatisfied.
    ev.received('D2', { at: at('2021-01-06'), due: '2021-01-18', procedure: 'PA', digitized: true }),
    ev.paid('D2', at('2021-01-06', '10:00'), 'direct'),
    ev.resolved('D2', at('2021-01-20'), false),
    ev.rated('D2', at('2021-01-25'), 'dissatisfied'),
    // D3: online, reused data, resolved on its due date.
    ev.received('D3', {
      at: at('2021-02-01'),
      due: '2021-02-10',
      procedure: 'PB',
      channel: 'online',
      digitized: false,
      reusedData: true,
    }),
    ev.resolved('D3', at('2021-02-10')),
    // D4: online, digitised, still open on 31/3 past its due date: overdue.
    ev.received('D4', {
      at: at('2021-02-02'),
      due: '2021-02-11',
      procedure: 'PB',
      channel: 'online',
      digitized: true,
    }),
    // D5: online, digitised, waiting for a supplement on 31/3; paid online only in April.
    ev.received('D5', {
      at: at('2021-03-01'),
      due: '2021-03-15',
      procedure: 'PA',
      channel: 'online',
      digitized: true,
    }),
    ev.supplementRequested('D5', at('2021-03-10')),
    ev.paid('D5', at('2021-04-02'), 'online'),
    // D6: direct, open within its time on 31/3.
    ev.received('D6', { at: at('2021-03-02'), due: '2021-04-09', procedure: 'PC' }),
    // D7: online, digitised, paid online, early with an e-result; a PAKN about it.
    ev.received('D7', {
      at: at('2021-03-03'),
      due: '2021-03-17',
      procedure: 'PA',
      channel: 'online',
      digitized: true,
      reusedData: false,
    }),
    ev.paid('D7', at('2021-03-03', '10:00'), 'online'),
    ev.resolved('D7', at('2021-03-16'), true),
    // PAKN: F1 on time and satisfied, F2 late, F3 on time but dissatisfied (linked to D7), F4 open.
    ev.feedbackReceived('F1', { at: at('2021-01-10'), due: '2021-01-29' }),
    ev.feedbackResolved('F1', at('2021-01-20'), 'satisfied'),
    ev.feedbackReceived('F2', { at: at('2021-02-01'), due: '2021-02-19' }),
    ev.feedbackResolved('F2', at('2021-02-25')),
    ev.feedbackReceived('F3', { at: at('2021-03-05'), due: '2021-03-25', dossier: 'D7' }),
    ev.feedbackResolved('F3', at('2021-03-10'), 'dissatisfied'),
    ev.feedbackReceived('F4', { at: at('2021-03-20'), due: '2021-04-09' }),
  ];
}
