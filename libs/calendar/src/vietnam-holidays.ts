// Public holidays of Vietnamese state agencies (cơ quan hành chính, sự nghiệp; Monday–Friday week),
// 2019–2030. 2020–2027 are transcribed from the yearly notices (their lunar dates are checked by
// computation in lunar-calendar.spec.ts); 2019 and 2028–2030 are derived from the Labour Code with
// Tết and Giỗ Tổ computed from the lunar calendar (statutory-holidays.ts), 2028–2030 provisional.
// Admins can replace any year through WorkingCalendar.fromEntries / PUT /api/v1/tthc/calendar.
//
// How each year was built:
// - The holidays themselves come from the Labour Code: 10/2012/QH13 Art. 115 for 2020 (2/9 is one
//   day), 45/2019/QH14 Art. 112 from 2021 (2/9 plus one adjacent day set yearly). Tết is 5 days
//   placed by the Prime Minister's yearly decision, published by Bộ LĐTBXH (Bộ Nội vụ from 03/2025).
// - A holiday on a Saturday or Sunday is compensated on the next working day (45/2019 Art. 111.3;
//   10/2012 Art. 115). Within Tết, the 5 `holiday` entries are the statutory days and the
//   `compensatory` ones make up for those that fell on a weekend, as the yearly notices put it.
// - Swaps ("hoán đổi ngày làm việc") are `swap_off` + `makeup_workday` pairs, only where one was
//   actually approved. 2024, 2025 and 2026 have them; 2020–2023 have none (2023's long 29/4–3/5
//   break came from compensatory days alone, no swap was needed).
// - Lunar dates were checked against the Vietnamese lunar calendar (UTC+7 astronomical new moons).
// - Sources are the notices as reported by the national press; a notice number is given only where
//   it could be confirmed.
//
// Provisional (`provisional: true`): the 2027 Tết days and the 2027 National Day adjacent day are
// not announced yet; they follow the pattern of years with the same weekdays (2024 Tết, 2021 2/9).
// The rest of 2027 and the parts of 2026 not covered by a notice (Giỗ Tổ, 30/4–1/5) follow the
// Labour Code alone and may still gain a swap. Not included: 24/11 "Ngày Văn hóa Việt Nam", which
// Politburo Resolution 80-NQ/TW (01/2026) wants as a paid holiday but which needs a Labour Code
// amendment that had not passed at the time of writing; add it here once it does.
import { statutoryYear } from './statutory-holidays';
import type { CalendarEntry } from './calendar-entries';

const LC_2012 = 'Bộ luật Lao động 10/2012/QH13, Điều 115';
const LC_2019 = 'Bộ luật Lao động 45/2019/QH14, Điều 112';
const LC_2019_COMP = 'Bộ luật Lao động 45/2019/QH14, Điều 111.3 (nghỉ bù)';

const NEW_YEAR = 'Tết Dương lịch';
const TET = 'Tết Nguyên đán';
const HUNG_KINGS = 'Giỗ Tổ Hùng Vương';
const VICTORY = 'Ngày Chiến thắng';
const LABOUR = 'Ngày Quốc tế lao động';
const NATIONAL = 'Quốc khánh';

const TET_2020 = 'Bộ LĐTBXH: Tết Âm lịch 2020 nghỉ 23/01–29/01/2020 (Thủ tướng đồng ý, 12/2019)';
const NOTICE_2021 = 'Thông báo 4875/TB-LĐTBXH ngày 10/12/2020 (Tết Âm lịch và Quốc khánh 2021)';
const NOTICE_2022 = 'Bộ LĐTBXH: Tết Âm lịch và Quốc khánh 2022 (Phó Thủ tướng đồng ý, 12/2021)';
const TET_2023 = 'Bộ LĐTBXH: Tết Âm lịch 2023 nghỉ 20/01–26/01/2023 (Chính phủ đồng ý, 2022)';
const NATIONAL_2023 = 'Bộ LĐTBXH: Quốc khánh 2023 nghỉ 01/09–04/09/2023';
const NOTICE_2024 = 'Bộ LĐTBXH: Tết Âm lịch và Quốc khánh 2024 (Thủ tướng đồng ý, 11/2023)';
const SWAP_2024 = 'Công văn 2450/VPCP-KGVX ngày 12/4/2024 (hoán đổi ngày làm việc dịp 30/4–1/5/2024)';
const TET_2025 = 'Bộ LĐTBXH: Tết Âm lịch 2025 nghỉ 25/01–02/02/2025 (Thủ tướng đồng ý, 26/11/2024)';
const SWAP_2025 = 'Thủ tướng đồng ý hoán đổi ngày làm việc dịp 30/4–1/5/2025 (Bộ LĐTBXH đề xuất, 11/2024)';
const NATIONAL_2025 = 'Quốc khánh 2025: nghỉ 30/08–02/09/2025, ngày liền kề 01/09 (thông báo của Bộ Nội vụ)';
const NOTICE_2026 = 'Bộ Nội vụ: Tết Âm lịch và Quốc khánh 2026 (Thủ tướng đồng ý, 10/2025)';
const SWAP_2026_NEW_YEAR =
  'Bộ Nội vụ: hoán đổi ngày làm việc dịp Tết Dương lịch 2026 (Chính phủ đồng ý, 25/12/2025)';
const PROVISIONAL_2027 = 'Provisional: not yet announced; pattern of 2024 (Tết) and 2021 (2/9)';

// One entry per line: the data reads as a table and an admin's edit is a one-line diff.
// prettier-ignore
const ENTRIES: CalendarEntry[] = [
  // 2020 (Labour Code 2012: 2/9 is a single day)
  { date: '2020-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2012 },
  { date: '2020-01-23', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: TET_2020 },
  { date: '2020-01-24', kind: 'holiday', name: TET, lunar: '30/12 âm lịch', source: TET_2020 },
  { date: '2020-01-25', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: TET_2020 },
  { date: '2020-01-26', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: TET_2020 },
  { date: '2020-01-27', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: TET_2020 },
  { date: '2020-01-28', kind: 'compensatory', name: TET, lunar: '04/01 âm lịch', source: TET_2020 },
  { date: '2020-01-29', kind: 'compensatory', name: TET, lunar: '05/01 âm lịch', source: TET_2020 },
  { date: '2020-04-02', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2012 },
  { date: '2020-04-30', kind: 'holiday', name: VICTORY, source: LC_2012 },
  { date: '2020-05-01', kind: 'holiday', name: LABOUR, source: LC_2012 },
  { date: '2020-09-02', kind: 'holiday', name: NATIONAL, source: LC_2012 },

  // 2021
  { date: '2021-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2019 },
  { date: '2021-02-10', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: NOTICE_2021 },
  { date: '2021-02-11', kind: 'holiday', name: TET, lunar: '30/12 âm lịch', source: NOTICE_2021 },
  { date: '2021-02-12', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: NOTICE_2021 },
  { date: '2021-02-13', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: NOTICE_2021 },
  { date: '2021-02-14', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: NOTICE_2021 },
  { date: '2021-02-15', kind: 'compensatory', name: TET, lunar: '04/01 âm lịch', source: NOTICE_2021 },
  { date: '2021-02-16', kind: 'compensatory', name: TET, lunar: '05/01 âm lịch', source: NOTICE_2021 },
  { date: '2021-04-21', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2019 },
  { date: '2021-04-30', kind: 'holiday', name: VICTORY, source: LC_2019 },
  { date: '2021-05-01', kind: 'holiday', name: LABOUR, source: LC_2019 },
  { date: '2021-05-03', kind: 'compensatory', name: LABOUR, source: LC_2019_COMP, note: 'nghỉ bù thứ Bảy 01/05/2021' },
  { date: '2021-09-02', kind: 'holiday', name: NATIONAL, source: NOTICE_2021 },
  { date: '2021-09-03', kind: 'holiday', name: NATIONAL, source: NOTICE_2021, note: 'ngày liền kề' },

  // 2022
  { date: '2022-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2019 },
  { date: '2022-01-03', kind: 'compensatory', name: NEW_YEAR, source: LC_2019_COMP, note: 'nghỉ bù thứ Bảy 01/01/2022' },
  { date: '2022-01-31', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: NOTICE_2022 },
  { date: '2022-02-01', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: NOTICE_2022 },
  { date: '2022-02-02', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: NOTICE_2022 },
  { date: '2022-02-03', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: NOTICE_2022 },
  { date: '2022-02-04', kind: 'holiday', name: TET, lunar: '04/01 âm lịch', source: NOTICE_2022 },
  { date: '2022-04-10', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2019 },
  { date: '2022-04-11', kind: 'compensatory', name: HUNG_KINGS, source: LC_2019_COMP, note: 'nghỉ bù Chủ nhật 10/04/2022' },
  { date: '2022-04-30', kind: 'holiday', name: VICTORY, source: LC_2019 },
  { date: '2022-05-01', kind: 'holiday', name: LABOUR, source: LC_2019 },
  { date: '2022-05-02', kind: 'compensatory', name: VICTORY, source: LC_2019_COMP, note: 'nghỉ bù thứ Bảy 30/04/2022' },
  { date: '2022-05-03', kind: 'compensatory', name: LABOUR, source: LC_2019_COMP, note: 'nghỉ bù Chủ nhật 01/05/2022' },
  { date: '2022-09-01', kind: 'holiday', name: NATIONAL, source: NOTICE_2022, note: 'ngày liền kề' },
  { date: '2022-09-02', kind: 'holiday', name: NATIONAL, source: NOTICE_2022 },

  // 2023
  { date: '2023-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2019 },
  { date: '2023-01-02', kind: 'compensatory', name: NEW_YEAR, source: LC_2019_COMP, note: 'nghỉ bù Chủ nhật 01/01/2023' },
  { date: '2023-01-20', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: TET_2023 },
  { date: '2023-01-21', kind: 'holiday', name: TET, lunar: '30/12 âm lịch', source: TET_2023 },
  { date: '2023-01-22', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: TET_2023 },
  { date: '2023-01-23', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: TET_2023 },
  { date: '2023-01-24', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: TET_2023 },
  { date: '2023-01-25', kind: 'compensatory', name: TET, lunar: '04/01 âm lịch', source: TET_2023 },
  { date: '2023-01-26', kind: 'compensatory', name: TET, lunar: '05/01 âm lịch', source: TET_2023 },
  { date: '2023-04-29', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2019 },
  { date: '2023-04-30', kind: 'holiday', name: VICTORY, source: LC_2019 },
  { date: '2023-05-01', kind: 'holiday', name: LABOUR, source: LC_2019 },
  { date: '2023-05-02', kind: 'compensatory', name: HUNG_KINGS, source: LC_2019_COMP, note: 'nghỉ bù thứ Bảy 29/04/2023' },
  { date: '2023-05-03', kind: 'compensatory', name: VICTORY, source: LC_2019_COMP, note: 'nghỉ bù Chủ nhật 30/04/2023' },
  { date: '2023-09-01', kind: 'holiday', name: NATIONAL, source: NATIONAL_2023, note: 'ngày liền kề' },
  { date: '2023-09-02', kind: 'holiday', name: NATIONAL, source: NATIONAL_2023 },
  { date: '2023-09-04', kind: 'compensatory', name: NATIONAL, source: LC_2019_COMP, note: 'nghỉ bù thứ Bảy 02/09/2023' },

  // 2024
  { date: '2024-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2019 },
  { date: '2024-02-08', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: NOTICE_2024 },
  { date: '2024-02-09', kind: 'holiday', name: TET, lunar: '30/12 âm lịch', source: NOTICE_2024 },
  { date: '2024-02-10', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: NOTICE_2024 },
  { date: '2024-02-11', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: NOTICE_2024 },
  { date: '2024-02-12', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: NOTICE_2024 },
  { date: '2024-02-13', kind: 'compensatory', name: TET, lunar: '04/01 âm lịch', source: NOTICE_2024 },
  { date: '2024-02-14', kind: 'compensatory', name: TET, lunar: '05/01 âm lịch', source: NOTICE_2024 },
  { date: '2024-04-18', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2019 },
  { date: '2024-04-29', kind: 'swap_off', name: VICTORY, source: SWAP_2024, note: 'làm bù thứ Bảy 04/05/2024' },
  { date: '2024-04-30', kind: 'holiday', name: VICTORY, source: LC_2019 },
  { date: '2024-05-01', kind: 'holiday', name: LABOUR, source: LC_2019 },
  { date: '2024-05-04', kind: 'makeup_workday', name: VICTORY, source: SWAP_2024, note: 'làm bù thứ Hai 29/04/2024' },
  { date: '2024-09-02', kind: 'holiday', name: NATIONAL, source: NOTICE_2024 },
  { date: '2024-09-03', kind: 'holiday', name: NATIONAL, source: NOTICE_2024, note: 'ngày liền kề' },

  // 2025
  { date: '2025-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2019 },
  { date: '2025-01-27', kind: 'holiday', name: TET, lunar: '28/12 âm lịch', source: TET_2025 },
  { date: '2025-01-28', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: TET_2025 },
  { date: '2025-01-29', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: TET_2025 },
  { date: '2025-01-30', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: TET_2025 },
  { date: '2025-01-31', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: TET_2025 },
  { date: '2025-04-07', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2019 },
  { date: '2025-04-26', kind: 'makeup_workday', name: LABOUR, source: SWAP_2025, note: 'làm bù thứ Sáu 02/05/2025' },
  { date: '2025-04-30', kind: 'holiday', name: VICTORY, source: LC_2019 },
  { date: '2025-05-01', kind: 'holiday', name: LABOUR, source: LC_2019 },
  { date: '2025-05-02', kind: 'swap_off', name: LABOUR, source: SWAP_2025, note: 'làm bù thứ Bảy 26/04/2025' },
  { date: '2025-09-01', kind: 'holiday', name: NATIONAL, source: NATIONAL_2025, note: 'ngày liền kề' },
  { date: '2025-09-02', kind: 'holiday', name: NATIONAL, source: NATIONAL_2025 },

  // 2026
  { date: '2026-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2019 },
  { date: '2026-01-02', kind: 'swap_off', name: NEW_YEAR, source: SWAP_2026_NEW_YEAR, note: 'làm bù thứ Bảy 10/01/2026' },
  { date: '2026-01-10', kind: 'makeup_workday', name: NEW_YEAR, source: SWAP_2026_NEW_YEAR, note: 'làm bù thứ Sáu 02/01/2026' },
  { date: '2026-02-16', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: NOTICE_2026 },
  { date: '2026-02-17', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: NOTICE_2026 },
  { date: '2026-02-18', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: NOTICE_2026 },
  { date: '2026-02-19', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: NOTICE_2026 },
  { date: '2026-02-20', kind: 'holiday', name: TET, lunar: '04/01 âm lịch', source: NOTICE_2026 },
  { date: '2026-04-26', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2019 },
  { date: '2026-04-27', kind: 'compensatory', name: HUNG_KINGS, source: LC_2019_COMP, note: 'nghỉ bù Chủ nhật 26/04/2026' },
  { date: '2026-04-30', kind: 'holiday', name: VICTORY, source: LC_2019 },
  { date: '2026-05-01', kind: 'holiday', name: LABOUR, source: LC_2019 },
  { date: '2026-08-22', kind: 'makeup_workday', name: NATIONAL, source: NOTICE_2026, note: 'làm bù thứ Hai 31/08/2026' },
  { date: '2026-08-31', kind: 'swap_off', name: NATIONAL, source: NOTICE_2026, note: 'làm bù thứ Bảy 22/08/2026' },
  { date: '2026-09-01', kind: 'holiday', name: NATIONAL, source: NOTICE_2026, note: 'ngày liền kề' },
  { date: '2026-09-02', kind: 'holiday', name: NATIONAL, source: NOTICE_2026 },

  // 2027: Tết and the 2/9 adjacent day not announced yet (provisional)
  { date: '2027-01-01', kind: 'holiday', name: NEW_YEAR, source: LC_2019 },
  { date: '2027-02-04', kind: 'holiday', name: TET, lunar: '28/12 âm lịch', source: PROVISIONAL_2027, provisional: true },
  { date: '2027-02-05', kind: 'holiday', name: TET, lunar: '29/12 âm lịch', source: PROVISIONAL_2027, provisional: true },
  { date: '2027-02-06', kind: 'holiday', name: TET, lunar: '01/01 âm lịch', source: PROVISIONAL_2027, provisional: true },
  { date: '2027-02-07', kind: 'holiday', name: TET, lunar: '02/01 âm lịch', source: PROVISIONAL_2027, provisional: true },
  { date: '2027-02-08', kind: 'holiday', name: TET, lunar: '03/01 âm lịch', source: PROVISIONAL_2027, provisional: true },
  { date: '2027-02-09', kind: 'compensatory', name: TET, lunar: '04/01 âm lịch', source: PROVISIONAL_2027, provisional: true },
  { date: '2027-02-10', kind: 'compensatory', name: TET, lunar: '05/01 âm lịch', source: PROVISIONAL_2027, provisional: true },
  { date: '2027-04-16', kind: 'holiday', name: HUNG_KINGS, lunar: '10/03 âm lịch', source: LC_2019 },
  { date: '2027-04-30', kind: 'holiday', name: VICTORY, source: LC_2019 },
  { date: '2027-05-01', kind: 'holiday', name: LABOUR, source: LC_2019 },
  { date: '2027-05-03', kind: 'compensatory', name: LABOUR, source: LC_2019_COMP, note: 'nghỉ bù thứ Bảy 01/05/2027' },
  { date: '2027-09-02', kind: 'holiday', name: NATIONAL, source: LC_2019 },
  { date: '2027-09-03', kind: 'holiday', name: NATIONAL, source: PROVISIONAL_2027, provisional: true, note: 'ngày liền kề' },
];

const TET_2019 = 'Bộ LĐTBXH: Tết Âm lịch 2019 nghỉ 02/02–10/02/2019 (30 Tết và mùng 1–4 là ngày nghỉ lễ)';
const SWAP_2019 =
  'Thủ tướng đồng ý hoán đổi ngày làm việc dịp 30/4–1/5/2019: nghỉ thứ Hai 29/04, làm bù thứ Bảy 04/05 (Bộ LĐTBXH, 2019)';
const PROVISIONAL_LATER =
  'Provisional: Labour Code 45/2019 Art. 112 with Tết and Giỗ Tổ computed; the yearly notice is not out yet';

const GENERATED: CalendarEntry[] = [
  ...statutoryYear(2019, { labourCode: '2012', tetSource: TET_2019, provisional: false }),
  {
    date: '2019-04-29',
    kind: 'swap_off',
    name: 'Ngày Chiến thắng',
    source: SWAP_2019,
    note: 'làm bù thứ Bảy 04/05/2019',
  },
  {
    date: '2019-05-04',
    kind: 'makeup_workday',
    name: 'Ngày Chiến thắng',
    source: SWAP_2019,
    note: 'làm bù thứ Hai 29/04/2019',
  },
  ...[2028, 2029, 2030].flatMap((year) =>
    statutoryYear(year, { labourCode: '2019', tetSource: PROVISIONAL_LATER, provisional: true }),
  ),
];

/** The shipped holiday data for 2019–2030, sorted by date. */
export const VIETNAM_HOLIDAYS: readonly Readonly<CalendarEntry>[] = Object.freeze(
  [...ENTRIES, ...GENERATED]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((entry) => Object.freeze(entry)),
);
