// Builders of contract-shaped TTHC CloudEvents (architecture.md §4) for hand-written tests. Each
// call gets a fresh id unless one is given; `time` defaults to the data timestamp.

let seq = 0;

export interface BuiltEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
}

export function tthcEvent(
  type: string,
  subject: string,
  time: string,
  data: Record<string, unknown>,
  id?: string,
): BuiltEvent {
  seq++;
  return {
    specversion: '1.0',
    id: id ?? `evt-${String(seq).padStart(6, '0')}`,
    source: 'mot-cua/test',
    type: `vn.cchc.tthc.${type}.v1`,
    time,
    subject,
    datacontenttype: 'application/json',
    data,
  };
}

export interface ReceivedOptions {
  at: string;
  due: string;
  channel?: 'online' | 'direct' | 'postal';
  unit?: string;
  procedure?: string;
  time?: string;
  id?: string;
  level?: number;
  digitized?: boolean;
  reusedData?: boolean;
}

export const ev = {
  received: (code: string, o: ReceivedOptions) =>
    tthcEvent(
      'dossier.received',
      code,
      o.time ?? o.at,
      {
        dossierCode: code,
        procedureCode: o.procedure ?? 'P1',
        unitCode: o.unit ?? 'vp',
        channel: o.channel ?? 'direct',
        receivedAt: o.at,
        dueDate: o.due,
        ...(o.level === undefined ? {} : { procedureLevel: o.level }),
        ...(o.digitized === undefined ? {} : { digitized: o.digitized }),
        ...(o.reusedData === undefined ? {} : { reusedData: o.reusedData }),
      },
      o.id,
    ),
  resolved: (code: string, at: string, eResult?: boolean) =>
    tthcEvent('dossier.resolved', code, at, {
      dossierCode: code,
      resolvedAt: at,
      outcome: 'approved',
      ...(eResult === undefined ? {} : { eResult }),
    }),
  withdrawn: (code: string, at: string) =>
    tthcEvent('dossier.withdrawn', code, at, { dossierCode: code, withdrawnAt: at }),
  supplementRequested: (code: string, at: string) =>
    tthcEvent('dossier.supplement_requested', code, at, {
      dossierCode: code,
      requestedAt: at,
      reason: 'Thiếu bản sao văn bằng',
    }),
  supplementReceived: (code: string, at: string, due: string) =>
    tthcEvent('dossier.supplement_received', code, at, { dossierCode: code, receivedAt: at, dueDate: due }),
  apology: (code: string, at: string, newDue: string) =>
    tthcEvent('dossier.apology_issued', code, at, {
      dossierCode: code,
      issuedAt: at,
      letterNo: '12/PXL-SGDĐT',
      reason: 'Cần xác minh thêm',
      newDueDate: newDue,
    }),
  returned: (code: string, at: string, channel: 'direct' | 'online' | 'postal') =>
    tthcEvent('dossier.returned', code, at, { dossierCode: code, returnedAt: at, returnChannel: channel }),
  paid: (code: string, at: string, channel: 'online' | 'direct', amountVnd = 50_000) =>
    tthcEvent('dossier.paid', code, at, { dossierCode: code, paidAt: at, channel, amountVnd }),
  rated: (code: string, at: string, rating: 'satisfied' | 'neutral' | 'dissatisfied') =>
    tthcEvent('dossier.rated', code, at, { dossierCode: code, ratedAt: at, rating }),
  feedbackReceived: (id: string, o: { at: string; due: string; unit?: string; dossier?: string }) =>
    tthcEvent('feedback.received', id, o.at, {
      feedbackId: id,
      unitCode: o.unit ?? 'vp',
      receivedAt: o.at,
      dueDate: o.due,
      channel: 'online',
      ...(o.dossier === undefined ? {} : { dossierCode: o.dossier }),
    }),
  feedbackResolved: (id: string, at: string, satisfaction?: 'satisfied' | 'dissatisfied') =>
    tthcEvent('feedback.resolved', id, at, {
      feedbackId: id,
      resolvedAt: at,
      ...(satisfaction === undefined ? {} : { satisfaction }),
    }),
};
