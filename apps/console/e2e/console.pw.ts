import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import JSZip from 'jszip';
import {
  api,
  expectNoHorizontalScroll,
  screenshot,
  server,
  signIn,
  vietnameseInteger,
  vietnamesePercent,
  vietnameseScore,
} from './console-session';

interface Kpis {
  onTimeRate: number | null;
  received: { total: number };
  apology: { coverage: number | null; withoutApology: number };
  online: { dossierRate: number | null };
  feedback: { onTimeRate: number | null };
  period: { from: string; to: string };
}

interface Progress {
  id: string;
  period: string;
  status: string;
  percent: number;
  note: string | null;
  evidence: Array<{ docNo: string; date: string; title: string }>;
  review: { state: string; by: string | null; comment: string | null };
}

interface Plan {
  id: string;
  tasks: Array<{
    code: string;
    leadUnitCodes: string[];
    status: string;
    latestProgress: { id: string } | null;
    awaitingReview: { id: string } | null;
  }>;
}

interface Reminders {
  total: number;
  byLeadUnit: Array<{ unit: string; name: string; tasks: Array<{ code: string; status: string }> }>;
}

test('the console is served at / without a token, and the API behind it stays protected', async ({
  request,
}) => {
  const index = await request.get(`${server.url}/`);
  expect(index.status()).toBe(200);
  expect(index.headers()['content-type']).toContain('text/html');
  const deepLink = await request.get(`${server.url}/ke-hoach?nam=2021`, { headers: { Accept: 'text/html' } });
  expect(await deepLink.text()).toContain('<div id="root">');
  const apiCall = await request.get(`${server.url}/api/v1/plans`, { headers: { Accept: 'text/html' } });
  expect(apiCall.status()).toBe(401);
  const health = await request.get(`${server.url}/health/unknown`, { headers: { Accept: 'text/html' } });
  expect(health.status()).toBe(404);
  expect(health.headers()['content-type']).toContain('application/json');
});

test('signing in keeps the token for the tab only; signing out forgets it', async ({ page }) => {
  await page.goto(`${server.url}/`);
  await page.getByLabel('Mã truy cập').fill('cchc_not_a_real_token_0000000000');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('alert')).toContainText('Mã truy cập không hợp lệ');
  await screenshot(page, 'dang-nhap');

  await signIn(page, server.viewer);
  await expect(page.getByTestId('who')).toContainText('Lãnh đạo Sở (e2e)');
  await expect(page.getByRole('navigation', { name: 'Trang' }).getByRole('link')).toHaveText([
    'Tổng quan',
    'Kế hoạch',
    'Báo cáo',
    'Hồ sơ',
  ]);
  expect(await page.evaluate(() => Object.keys(sessionStorage).length)).toBe(1);
  await page.reload();
  await expect(page.getByTestId('who')).toContainText('Lãnh đạo Sở (e2e)');
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByLabel('Mã truy cập')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(sessionStorage).length)).toBe(0);
});

test('a token revoked while the tab is open sends the user back to sign in', async ({ page }) => {
  const { id, token } = await api<{ id: string; token: string }>(server.admin, '/api/v1/auth/tokens', {
    method: 'POST',
    body: JSON.stringify({ name: 'Tạm thời (e2e)', role: 'viewer' }),
  });
  await signIn(page, token, '/ho-so');
  const revoked = await fetch(`${server.url}/api/v1/auth/tokens/${id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${server.admin}` },
  });
  expect(revoked.status).toBe(204);
  await page.getByRole('link', { name: 'Kế hoạch' }).click();
  await expect(page.getByLabel('Mã truy cập')).toBeVisible();
  expect(await page.evaluate(() => Object.keys(sessionStorage).length)).toBe(0);
});

test('Tổng quan shows the figures of the KPI API, in both windows', async ({ page }) => {
  await signIn(page, server.viewer, '/tong-quan?ky=2021-Q1');
  for (const window of ['calendar', 'decree09'] as const) {
    if (window === 'decree09') await page.getByLabel('Theo Nghị định 09 (chốt số liệu)').check();
    const k = await api<Kpis>(server.admin, `/api/v1/tthc/kpis?period=2021-Q1&window=${window}`);
    expect(k.received.total).toBeGreaterThan(0);
    const [y, m, d] = k.period.from.split('-').map(Number);
    await expect(page.getByTestId('period-range')).toContainText(`${d}/${m}/${y}`);
    await expect(page.getByTestId('kpi-on-time-value')).toHaveText(vietnamesePercent(k.onTimeRate));
    await expect(page.getByTestId('kpi-apology-value')).toHaveText(vietnamesePercent(k.apology.coverage));
    await expect(page.getByTestId('kpi-online-value')).toHaveText(vietnamesePercent(k.online.dossierRate));
    await expect(page.getByTestId('kpi-feedback-value')).toHaveText(vietnamesePercent(k.feedback.onTimeRate));
    await expect(page.getByTestId('kpi-received-value')).toHaveText(vietnameseInteger(k.received.total));
    await expect(page.getByTestId('late-without-apology-value')).toContainText(
      vietnameseInteger(k.apology.withoutApology),
    );
    await expect(page.getByTestId('unit-table').getByRole('row').last()).toContainText(
      vietnamesePercent(k.onTimeRate),
    );
  }
  // The QĐ 766 service index of the same period and window (decree09, the last one checked).
  const index = await api<{ total: { score: number; maxMeasured: number } }>(
    server.admin,
    '/api/v1/tthc/service-index?period=2021-Q1&window=decree09',
  );
  await expect(page.getByTestId('service-index-total')).toContainText(
    `${vietnameseScore(index.total.score)} / ${vietnameseScore(index.total.maxMeasured)} điểm đo được`,
  );
  await expect(page.locator('.chart svg')).toBeVisible();
  await page.getByLabel('Theo quý dương lịch').check();
  await screenshot(page, 'tong-quan');
});

test('an editor files progress with evidence through the UI; a reviewer approves it through the UI', async ({
  page,
}) => {
  const [plan] = await api<Plan[]>(server.admin, '/api/v1/plans?year=2021');
  const before = await api<Progress[]>(server.admin, `/api/v1/plans/${plan.id}/tasks/I.1.1/progress`);
  await signIn(page, server.editor, '/ke-hoach');
  const task = page.getByTestId('task-I.1.1');
  await task.getByRole('button').first().click();
  const form = task.getByRole('form', { name: 'Báo cáo tiến độ nhiệm vụ I.1.1' });
  await form.getByLabel('Kỳ báo cáo').selectOption('2021-Q1');
  await form.getByLabel('Tình trạng').selectOption('completed');
  await form.getByLabel('Tỷ lệ hoàn thành (%)').fill('100');
  await form.getByLabel('Nội dung thực hiện').fill('Đã kiện toàn Ban chỉ đạo CCHC (e2e)');
  await form.getByRole('button', { name: 'Thêm minh chứng' }).click();
  await form.getByLabel('Số, ký hiệu').fill('12/QĐ-SGDĐT');
  await form.getByLabel('Ngày ban hành').fill('2021-01-15');
  await form.getByLabel('Trích yếu').fill('Quyết định kiện toàn Ban chỉ đạo CCHC');
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(form.getByRole('status')).toContainText('Đã ghi nhận báo cáo Quý I/2021');
  await expect(task.locator('.progress-entry').first()).toContainText('12/QĐ-SGDĐT ngày 15/1/2021');
  await screenshot(page, 'ke-hoach');

  const after = await api<Progress[]>(server.admin, `/api/v1/plans/${plan.id}/tasks/I.1.1/progress`);
  expect(after).toHaveLength(before.length + 1);
  const filed = after.find((p) => p.note === 'Đã kiện toàn Ban chỉ đạo CCHC (e2e)');
  expect(filed).toMatchObject({
    period: '2021-Q1',
    status: 'completed',
    percent: 100,
    evidence: [{ docNo: '12/QĐ-SGDĐT', date: '2021-01-15', title: 'Quyết định kiện toàn Ban chỉ đạo CCHC' }],
  });

  // An editor may not report on a task another unit leads: the form is not offered.
  await page.getByLabel('Đơn vị chủ trì').selectOption('Tất cả');
  const other = page.getByTestId(`task-${plan.tasks.find((t) => !t.leadUnitCodes.includes('vp'))!.code}`);
  await other.getByRole('button').first().click();
  await expect(other.getByText('Lịch sử báo cáo')).toBeVisible();
  await expect(other.getByRole('form')).toHaveCount(0);

  // The editor's report waits for the Văn phòng: not yet the task's progress, nor its status.
  expect(filed!.review).toMatchObject({ state: 'submitted', by: null });
  const statusAt = async (code: string): Promise<string> =>
    (await api<Plan>(server.admin, `/api/v1/plans/${plan.id}?asOf=2021-03-14`)).tasks.find(
      (t) => t.code === code,
    )!.status;
  expect(await statusAt('I.1.1')).toBe('not_reported');

  // A reviewer token approves it through the UI.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, server.reviewer, '/ke-hoach');
  const queue = page.getByTestId('review-queue');
  const item = queue.getByTestId('review-I.1.1');
  await expect(item).toContainText('Đã kiện toàn Ban chỉ đạo CCHC (e2e)');
  await expect(item).toContainText('12/QĐ-SGDĐT ngày 15/1/2021');
  await screenshot(page, 'ke-hoach-duyet');
  // A reviewer files no progress: the form is not offered.
  const reviewed = page.getByTestId('task-I.1.1');
  await reviewed.getByRole('button').first().click();
  await expect(reviewed.getByRole('form')).toHaveCount(0);
  await item.getByRole('button', { name: 'Duyệt' }).click();
  await expect(item).toHaveCount(0);
  await expect(reviewed.getByRole('button').first()).toContainText('Đã hoàn thành');

  // The API says the same: approved by the reviewer, the task's progress, and its status for Q1.
  const history = await api<Progress[]>(server.admin, `/api/v1/plans/${plan.id}/tasks/I.1.1/progress`);
  expect(history.find((p) => p.id === filed!.id)?.review).toMatchObject({
    state: 'approved',
    by: 'Văn phòng duyệt (e2e)',
  });
  expect(await statusAt('I.1.1')).toBe('completed');
  const [now] = await api<Plan[]>(server.admin, '/api/v1/plans?year=2021');
  expect(now.tasks.find((t) => t.code === 'I.1.1')).toMatchObject({
    status: 'completed',
    latestProgress: { id: filed!.id },
    awaitingReview: null,
  });
});

test('a reviewer returns a report with a comment through the UI; the editor sees why', async ({ page }) => {
  const [plan] = await api<Plan[]>(server.admin, '/api/v1/plans?year=2021');
  // Another task of the editor's unit, filed through the UI.
  const code = plan.tasks.find((t) => t.leadUnitCodes.includes('vp') && t.code !== 'I.1.1')!.code;
  const note = 'Đã xây dựng dự thảo (e2e, sẽ bị trả lại)';
  await signIn(page, server.editor, '/ke-hoach');
  const task = page.getByTestId(`task-${code}`);
  await task.getByRole('button').first().click();
  const form = task.getByRole('form', { name: `Báo cáo tiến độ nhiệm vụ ${code}` });
  await form.getByLabel('Kỳ báo cáo').selectOption('2021-Q1');
  await form.getByLabel('Tình trạng').selectOption('in_progress');
  await form.getByLabel('Tỷ lệ hoàn thành (%)').fill('40');
  await form.getByLabel('Nội dung thực hiện').fill(note);
  await form.getByRole('button', { name: 'Gửi báo cáo' }).click();
  await expect(form.getByRole('status')).toContainText('đang chờ Văn phòng duyệt');
  const filed = (await api<Progress[]>(server.admin, `/api/v1/plans/${plan.id}/tasks/${code}/progress`)).find(
    (p) => p.note === note,
  )!;
  expect(filed.review.state).toBe('submitted');

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, server.reviewer, '/ke-hoach');
  const item = page.getByTestId('review-queue').getByTestId(`review-${code}`);
  const giveBack = item.getByRole('button', { name: 'Trả lại' });
  // A return needs a comment: the button waits for one.
  await expect(giveBack).toBeDisabled();
  const comment = 'Bổ sung số, ngày văn bản minh chứng';
  await item.getByLabel('Ý kiến (bắt buộc khi trả lại)').fill(comment);
  await giveBack.click();
  await expect(item).toHaveCount(0);

  const history = await api<Progress[]>(server.admin, `/api/v1/plans/${plan.id}/tasks/${code}/progress`);
  expect(history.find((p) => p.id === filed.id)?.review).toMatchObject({
    state: 'returned',
    by: 'Văn phòng duyệt (e2e)',
    comment,
  });
  // Returned is not approved: the task still has no approved progress.
  const [after] = await api<Plan[]>(server.admin, '/api/v1/plans?year=2021');
  expect(after.tasks.find((t) => t.code === code)).toMatchObject({
    latestProgress: null,
    awaitingReview: null,
  });

  // The editor sees the report returned, with the Văn phòng's comment.
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await signIn(page, server.editor, '/ke-hoach');
  const mine = page.getByTestId(`task-${code}`);
  await mine.getByRole('button').first().click();
  const entry = mine.locator('.progress-entry').first();
  await expect(entry).toContainText('Trả lại');
  await expect(entry).toContainText(`Ý kiến Văn phòng (Văn phòng duyệt (e2e)): ${comment}`);
});

test('Nhắc việc lists, by lead unit, what the reminders API lists', async ({ page }) => {
  const [plan] = await api<Plan[]>(server.admin, '/api/v1/plans?year=2021');
  const reminders = await api<Reminders>(server.viewer, `/api/v1/plans/${plan.id}/reminders`);
  expect(reminders.total).toBeGreaterThan(0);
  await signIn(page, server.viewer, '/ke-hoach');
  const panel = page.getByTestId('reminders');
  for (const unit of reminders.byLeadUnit) {
    const section = panel.getByTestId(`reminders-${unit.unit}`);
    await expect(section.getByRole('heading')).toContainText(unit.name);
    await expect(section.getByRole('listitem')).toHaveCount(unit.tasks.length);
    for (const t of unit.tasks)
      await expect(section.getByRole('listitem').filter({ hasText: t.code }).first()).toContainText(
        t.status === 'overdue' ? 'Chậm tiến độ' : 'Chưa báo cáo',
      );
  }
  // A viewer sees no review queue.
  await expect(page.getByTestId('review-queue')).toHaveCount(0);
});

test('a report is previewed, downloaded as a Word file that opens with its title, and issued', async ({
  page,
}) => {
  await signIn(page, server.admin, '/bao-cao?ky=2021-Q1');
  await page.getByRole('button', { name: 'Xem trước' }).click();
  await expect(page.getByTestId('report-preview')).toContainText(
    'Kết quả thực hiện công tác cải cách hành chính quý I năm 2021',
  );
  // Decree 09 window by default: Q1 2021 is 15/12/2020–14/3/2021.
  await expect(page.getByTestId('report-preview')).toContainText(
    'Số liệu từ ngày 15/12/2020 đến ngày 14/3/2021',
  );
  for (const part of ['I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH', 'III. ĐÁNH GIÁ CHUNG', 'V. KIẾN NGHỊ, ĐỀ XUẤT'])
    await expect(page.getByTestId('report-preview').getByRole('heading', { name: part })).toBeVisible();
  // The report carries the progress the reviewer approved in the UI (I.1.1), and only approved
  // progress: the report returned to its unit is not in it.
  const model = await api<{
    sections: Array<{ tasks: Array<{ code: string; status: string; progress: unknown }> }>;
  }>(server.admin, '/api/v1/reports/2021-Q1?format=json&draft=true');
  const reported = model.sections.flatMap((s) => s.tasks);
  expect(reported.find((t) => t.code === 'I.1.1')).toMatchObject({
    status: 'completed',
    progress: { percent: 100 },
  });
  expect(reported.filter((t) => t.progress !== null).map((t) => t.code)).toEqual(['I.1.1']);
  await screenshot(page, 'bao-cao');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải Word (DOCX)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.docx$/);
  const file = await download.path();
  const zip = await JSZip.loadAsync(readFileSync(file));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml.replace(/<[^>]+>/g, '');
  expect(text).toContain('Kết quả thực hiện công tác cải cách hành chính quý I năm 2021');

  const [sheet] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click(),
  ]);
  expect(sheet.suggestedFilename()).toMatch(/\.xlsx$/);
  const workbook = await JSZip.loadAsync(readFileSync(await sheet.path()));
  expect(workbook.file('xl/workbook.xml')).not.toBeNull();

  page.once('dialog', (d) => void d.accept());
  await page.getByLabel('Số văn bản (không bắt buộc)').fill('15/BC-SGDĐT');
  await page.getByRole('button', { name: 'Ban hành báo cáo' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã ban hành' })).toContainText('phiên bản 1');
  await expect(page.getByTestId('report-versions').getByRole('row')).toHaveCount(2);
});

test('Hồ sơ shows a dossier’s timeline from events posted through the API', async ({ page }) => {
  const code = '000.00.36.H17-210302-9901';
  const event = (id: string, type: string, time: string, data: object) => ({
    specversion: '1.0',
    id,
    source: 'mot-cua/e2e',
    type: `vn.cchc.tthc.${type}`,
    time,
    subject: code,
    datacontenttype: 'application/json',
    data: { dossierCode: code, ...data },
  });
  const posted = await api<{ accepted: number }>(server.admin, '/api/v1/tthc/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    body: JSON.stringify([
      event('e2e-9901-1', 'dossier.received.v1', '2021-03-02T08:00:00+07:00', {
        procedureCode: '1.005090',
        unitCode: 'ktkd',
        channel: 'postal',
        receivedAt: '2021-03-02T08:00:00+07:00',
        dueDate: '2021-03-09',
      }),
      event('e2e-9901-2', 'dossier.resolved.v1', '2021-03-08T15:00:00+07:00', {
        resolvedAt: '2021-03-08T15:00:00+07:00',
        outcome: 'approved',
      }),
    ]),
  });
  expect(posted.accepted).toBe(2);
  await signIn(page, server.viewer, '/ho-so');
  await page.getByLabel('Mã hồ sơ').fill(code);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByTestId('dossier-facts')).toContainText('Đã giải quyết ngày 8/3/2021');
  const steps = page.getByTestId('timeline').getByRole('listitem');
  await expect(steps).toHaveCount(2);
  await expect(steps.first()).toContainText('Tiếp nhận hồ sơ');
  await expect(steps.first()).toContainText('Kênh: bưu chính · Hẹn trả: 9/3/2021');
  await expect(steps.last()).toContainText('Giải quyết xong');
  await screenshot(page, 'ho-so');

  await page.getByLabel('Mã hồ sơ').fill('khong-co-ho-so-nay');
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByTestId('no-data')).toContainText('Không tìm thấy hồ sơ khong-co-ho-so-nay');
});

test('every page fits a 390 px phone without sideways scrolling, and works from the keyboard', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.admin, '/tong-quan?ky=2021-Q1');
  for (const [path, heading] of [
    ['/tong-quan?ky=2021-Q1', 'Tổng quan Quý I/2021'],
    ['/ke-hoach', 'Kế hoạch'],
    ['/bao-cao?ky=2021-Q1', 'Báo cáo cải cách hành chính'],
    ['/ho-so?ma=000.00.36.H17-210302-9901', 'Tra cứu hồ sơ'],
  ] as const) {
    await page.goto(`${server.url}${path}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(heading);
    if (path === '/ke-hoach') {
      // With a task open: its details, history and the progress form with a row of evidence.
      const task = page.getByTestId('task-I.1.1');
      await task.getByRole('button').first().click();
      await task.getByRole('button', { name: 'Thêm minh chứng' }).click();
    }
    await page.waitForLoadState('networkidle');
    await expectNoHorizontalScroll(page);
    if (path.startsWith('/tong-quan')) await screenshot(page, 'dien-thoai-tong-quan', false);
  }
  // Keyboard: the skip link comes first and moves to the content; the navigation is reachable by Tab.
  await page.goto(`${server.url}/tong-quan`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Kế hoạch' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/ke-hoach$/);
});
