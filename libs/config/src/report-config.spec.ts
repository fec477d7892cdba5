import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config';

describe('report configuration (architecture.md §7)', () => {
  it('defaults to the Decree 09 window, a 2-working-day deadline and a deputy signing for the director', () => {
    expect(loadConfig('reporting', {}).report).toEqual({
      window: 'decree09',
      deadlineWorkingDays: 2,
      signerTitle: ['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC'],
      signerName: undefined,
    });
  });

  it('reads the window, the deadline and the signature from the environment', () => {
    const report = loadConfig('reporting', {
      REPORT_WINDOW: 'calendar',
      REPORT_DEADLINE_DAYS: '5',
      REPORT_SIGNER_TITLE: 'GIÁM ĐỐC',
      REPORT_SIGNER_NAME: 'Nguyễn Văn A',
    }).report;
    expect(report).toEqual({
      window: 'calendar',
      deadlineWorkingDays: 5,
      signerTitle: ['GIÁM ĐỐC'],
      signerName: 'Nguyễn Văn A',
    });
    expect(
      loadConfig('reporting', { REPORT_SIGNER_TITLE: 'KT. GIÁM ĐỐC | PHÓ GIÁM ĐỐC' }).report.signerTitle,
    ).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
  });

  it('names a bad report variable', () => {
    const bad = () => loadConfig('reporting', { REPORT_WINDOW: 'fiscal', REPORT_DEADLINE_DAYS: '-1' });
    expect(bad).toThrow(ConfigError);
    expect(bad).toThrow(/REPORT_WINDOW: must be calendar or decree09/);
    expect(bad).toThrow(/REPORT_DEADLINE_DAYS/);
  });
});
