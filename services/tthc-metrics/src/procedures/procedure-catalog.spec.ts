// Checks the seed catalog the all-in-one start loads (architecture.md §5, "Procedure catalog"):
// real procedures under a provincial Department of Education and Training's competence, each in
// the shape `PUT /api/v1/tthc/procedures` accepts, owned by one of the Department's units.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROCEDURE_LEVELS, UNIT_CODE_PATTERN } from '@cchc/contracts';

// Jest runs from the repository root (npm scripts), and this CommonJS-typed file has neither
// import.meta nor import attributes for JSON.
const SEED_DIR = join(process.cwd(), 'services/tthc-metrics/seed');

function readSeed(file: string): unknown {
  return JSON.parse(readFileSync(join(SEED_DIR, file), 'utf8'));
}

interface Unit {
  code: string;
  name: string;
}

interface Procedure {
  code: string;
  name: string;
  unitCode: string;
  level: number;
  durationWorkingDays?: number;
  postalAllowed: boolean;
  field: string;
  source: string;
  paperResultRequired?: boolean;
  feeBearing?: boolean;
}

const procedures = readSeed('procedures.json') as Procedure[];
const units = readSeed('units.json') as Unit[];

// A code from the national TTHC database ("1.004889"), or a clearly local one ("sgddt-001") where
// the national code could not be confirmed: never an invented code that looks national.
const NATIONAL_CODE = /^[123]\.\d{6}$/;
const LOCAL_CODE = /^sgddt-\d{3}$/;
const PROCEDURE_KEYS = [
  'code',
  'name',
  'unitCode',
  'level',
  'durationWorkingDays',
  'postalAllowed',
  // Catalog revision 2 (architecture.md §5b).
  'onlineService',
  'paperResultRequired',
  'feeBearing',
  'field',
  'validFrom',
  'source',
];

function isCleanVietnamese(text: string): boolean {
  return (
    text === text.normalize('NFC') && text === text.trim() && !/\s{2}/.test(text) && /^\p{Lu}/u.test(text)
  );
}

describe('procedure catalog seed', () => {
  it('lists the Department units with distinct codes and Vietnamese names', () => {
    expect(units.map((u) => u.code)).toEqual(['vp', 'gdtrh', 'gdmn-th', 'gdtx-cn', 'ktkd', 'tccb-tc', 'tt']);
    for (const unit of units) {
      expect(Object.keys(unit).sort()).toEqual(['code', 'name']);
      expect(unit.code).toMatch(UNIT_CODE_PATTERN);
      expect(isCleanVietnamese(unit.name)).toBe(true);
    }
  });

  it('holds at least 30 procedures', () => {
    expect(procedures.length).toBeGreaterThanOrEqual(30);
  });

  it('gives every procedure only the fields of the catalog contract', () => {
    for (const p of procedures) {
      expect(Object.keys(p).filter((key) => !PROCEDURE_KEYS.includes(key))).toEqual([]);
      expect(typeof p.postalAllowed).toBe('boolean');
      expect(PROCEDURE_LEVELS).toContain(p.level);
      if (p.durationWorkingDays !== undefined) {
        expect(Number.isInteger(p.durationWorkingDays) && p.durationWorkingDays > 0).toBe(true);
      }
    }
  });

  it('uses national or clearly local procedure codes, each once', () => {
    const codes = procedures.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.filter((code) => !NATIONAL_CODE.test(code) && !LOCAL_CODE.test(code))).toEqual([]);
  });

  it('says where each national code was confirmed, and marks local codes as unconfirmed', () => {
    for (const p of procedures) {
      if (NATIONAL_CODE.test(p.code)) {
        // A provincial decision announcing the procedures, or the national portal's page of the code.
        expect(p.source).toMatch(/Quyết định \d+\/QĐ-|dichvucong\.gov\.vn.*ma_thu_tuc=/);
        if (p.source.includes('ma_thu_tuc=')) expect(p.source).toContain(`ma_thu_tuc=${p.code}`);
      } else {
        expect(p.source).toMatch(/^Mã nội bộ: chưa xác nhận/);
      }
    }
  });

  it('files every procedure under a lĩnh vực (rows of Biểu II.06a)', () => {
    expect(procedures.filter((p) => !isCleanVietnamese(p.field ?? '')).map((p) => p.code)).toEqual([]);
  });

  it('names every procedure once, in clean Vietnamese', () => {
    const names = procedures.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((name) => !isCleanVietnamese(name))).toEqual([]);
  });

  it('assigns every procedure to a known unit', () => {
    const known = new Set(units.map((u) => u.code));
    expect(procedures.filter((p) => !known.has(p.unitCode)).map((p) => p.code)).toEqual([]);
  });

  it('offers some procedures online at level 3 or 4 and keeps some at level 2', () => {
    // Both sides are needed for online.procedureRate (architecture.md §5) to mean anything.
    expect(procedures.some((p) => p.level >= 3)).toBe(true);
    expect(procedures.some((p) => p.level === 2)).toBe(true);
  });
});
