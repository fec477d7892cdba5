import { describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { defaultCalendar } from '@cchc/calendar';
import { validateTthcEvent, type TthcEvent } from '@cchc/contracts';
import { ev } from '@cchc/testing';
import { projectDossier } from '../dossiers/dossier-projection';
import type { StoredDossierEvent } from '../dossiers/stored-events';
import { writeProjections } from './projection-writes';

/** An EntityManager that records the statements sent to it. */
function recorder(): { em: EntityManager; sent: Array<{ sql: string; params: unknown[] }> } {
  const sent: Array<{ sql: string; params: unknown[] }> = [];
  const em = {
    query: (sql: string, params: unknown[] = []) => {
      sent.push({ sql, params });
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { em, sent };
}

function received(code: string, level?: number): TthcEvent {
  const built = ev.received(code, { at: '2021-03-01T09:00:00+07:00', due: '2021-03-10', unit: 'u1' });
  const checked = validateTthcEvent(
    level === undefined ? built : { ...built, data: { ...built.data, procedureLevel: level } },
  );
  if (!checked.ok) throw new Error(checked.errors.join('; '));
  return checked.event;
}

describe('writeProjections', () => {
  const event = received('D-1', 3);
  const dossier = projectDossier([event as StoredDossierEvent], defaultCalendar())!;

  it('writes dossiers and announcements in one statement, the shared announcement rows after the dossier rows', async () => {
    const { em, sent } = recorder();
    await writeProjections(em, [dossier], [], [event], 2);
    expect(sent).toHaveLength(1);
    const { sql, params } = sent[0];
    // The dossier upsert is a CTE returning its rows; the announcements are the main query and
    // wait for a count of them (see writeProjections: their row locks are taken last).
    expect(sql).toMatch(/^WITH w0 AS \(INSERT INTO tthc\.dossier /);
    expect(sql).toMatch(/updated_at = now\(\)\s+RETURNING 1\)\s+INSERT INTO tthc\.procedure_announcement/);
    expect(sql).toContain('WHERE (SELECT count(*) FROM w0) >= 0');
    // Every placeholder has its parameter.
    const used = Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
    expect(used).toBe(params.length);
  });

  it('without dossiers, the announcements wait for nothing; without anything, no statement', async () => {
    const { em, sent } = recorder();
    await writeProjections(em, [], [], [event], 2);
    expect(sent).toHaveLength(1);
    expect(sent[0].sql).toMatch(/^INSERT INTO tthc\.procedure_announcement/);
    expect(sent[0].sql).toContain('WHERE true');
    await writeProjections(em, [], [], [received('D-2')], 2);
    expect(sent).toHaveLength(1);
  });

  it('without announcements, the projections end with SELECT 1', async () => {
    const { em, sent } = recorder();
    await writeProjections(em, [dossier], [], [received('D-2')], 2);
    expect(sent).toHaveLength(1);
    expect(sent[0].sql).toMatch(/RETURNING 1\)\nSELECT 1$/);
  });
});
