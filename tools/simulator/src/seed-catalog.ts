// The procedure and unit catalog the simulator draws from: the seed files of
// services/tthc-metrics/seed, or a small built-in list when they are not there.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ProcedureSeed {
  code: string;
  name: string;
  unitCode: string;
  level: number;
  /** Absent or null where the time limit is not counted in working days (exam calendars...). */
  durationWorkingDays?: number | null;
  postalAllowed?: boolean;
  /** Catalog revision 2 (architecture.md §5b). */
  feeBearing?: boolean;
  paperResultRequired?: boolean;
}

export interface UnitSeed {
  code: string;
  name: string;
}
/** Small built-in catalog, used only when the seed files are not there (tests, partial checkouts). */
export const FALLBACK_UNITS: UnitSeed[] = [
  { code: 'vp', name: 'Văn phòng' },
  { code: 'gdtrh', name: 'Phòng Giáo dục Trung học' },
  { code: 'tccb-tc', name: 'Phòng Tổ chức cán bộ - Tài chính' },
];

export const FALLBACK_PROCEDURES: ProcedureSeed[] = [
  {
    code: 'SIM.001',
    name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
    unitCode: 'vp',
    level: 4,
    durationWorkingDays: 1,
    postalAllowed: true,
  },
  {
    code: 'SIM.002',
    name: 'Chỉnh sửa nội dung văn bằng, chứng chỉ',
    unitCode: 'gdtrh',
    level: 3,
    durationWorkingDays: 5,
    postalAllowed: true,
  },
  {
    code: 'SIM.003',
    name: 'Công nhận trường trung học đạt chuẩn quốc gia',
    unitCode: 'gdtrh',
    level: 2,
    durationWorkingDays: 20,
    postalAllowed: false,
  },
  {
    code: 'SIM.004',
    name: 'Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục',
    unitCode: 'vp',
    level: 3,
    durationWorkingDays: 15,
    postalAllowed: true,
  },
  {
    code: 'SIM.005',
    name: 'Thành lập trường trung học phổ thông công lập',
    unitCode: 'tccb-tc',
    level: 2,
    durationWorkingDays: 20,
    postalAllowed: false,
  },
  {
    code: 'SIM.006',
    name: 'Xác nhận hoạt động giáo dục kỹ năng sống',
    unitCode: 'vp',
    level: 3,
    durationWorkingDays: 10,
    postalAllowed: true,
  },
];

const SEED_DIR = join('services', 'tthc-metrics', 'seed');

/**
 * The seed catalog of services/tthc-metrics/seed (procedures.json, units.json), found by walking up
 * from `startDir`; the built-in fallback when the files are not there.
 */
export function loadSeedCatalog(startDir: string = process.cwd()): {
  procedures: ProcedureSeed[];
  units: UnitSeed[];
  fromSeed: boolean;
} {
  let dir = startDir;
  for (;;) {
    const procedures = join(dir, SEED_DIR, 'procedures.json');
    const units = join(dir, SEED_DIR, 'units.json');
    if (existsSync(procedures) && existsSync(units)) {
      return {
        procedures: JSON.parse(readFileSync(procedures, 'utf8')) as ProcedureSeed[],
        units: JSON.parse(readFileSync(units, 'utf8')) as UnitSeed[],
        fromSeed: true,
      };
    }
    const parent = dirname(dir);
    if (parent === dir) return { procedures: FALLBACK_PROCEDURES, units: FALLBACK_UNITS, fromSeed: false };
    dir = parent;
  }
}
