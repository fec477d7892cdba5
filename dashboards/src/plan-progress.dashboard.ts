// "Tiến độ kế hoạch CCHC": the year's plan (sections I–VII) by task status, lead unit, overdue
// tasks and budget, from the gauges plan-management computes from its database.
import { Metrics, PLAN_TASK_STATUSES } from '@cchc/contracts';
import { RowBuilder, type DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import {
  ORANGE,
  SECTION,
  ZERO_IS_GOOD,
  barPanel,
  baseDashboard,
  db,
  labelVariable,
  statPanel,
  steps,
  tablePanel,
  timeseriesPanel,
  GREEN,
  BLUE,
  RED,
} from './presets';

export const PLAN_PROGRESS_UID = 'cchc-tien-do-ke-hoach';

type Status = (typeof PLAN_TASK_STATUSES)[number];

const STATUS_TEXT: Record<Status, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  completed: 'Hoàn thành',
  overdue: 'Quá hạn',
  not_reported: 'Chưa báo cáo',
  not_applicable: 'Không phát sinh',
};
const STATUS_ORDER = Object.fromEntries(PLAN_TASK_STATUSES.map((s, i) => [s, i + 1]));

const tasks = Metrics.planTasks;

function statusCount(status: Status) {
  const colour: Record<Status, string> = {
    not_started: BLUE,
    in_progress: ORANGE,
    completed: GREEN,
    overdue: RED,
    not_reported: ORANGE,
    not_applicable: BLUE,
  };
  return statPanel({
    title: `Nhiệm vụ ${STATUS_TEXT[status].toLowerCase()}`,
    description: `Số nhiệm vụ của kế hoạch có trạng thái cập nhật gần nhất là "${STATUS_TEXT[status]}" (các phần đã chọn).`,
    queries: [{ expr: `sum(${db(tasks, SECTION, `status="${status}"`)})`, legend: STATUS_TEXT[status] }],
    thresholds: steps({ value: null, color: colour[status] }),
    decimals: 0,
    w: 4,
  });
}

function totalTasks() {
  return statPanel({
    title: 'Tổng số nhiệm vụ',
    description: 'Tổng số nhiệm vụ của kế hoạch năm trong các phần đã chọn.',
    queries: [{ expr: `sum(${db(tasks, SECTION)})`, legend: 'Tổng số' }],
    decimals: 0,
    w: 4,
  });
}

function overdueTotal() {
  return statPanel({
    title: 'Nhiệm vụ quá thời hạn chưa hoàn thành',
    description: 'Nhiệm vụ đã hết thời gian thực hiện theo kế hoạch mà chưa hoàn thành. Khác 0 là đỏ.',
    queries: [{ expr: `sum(${db(Metrics.planTasksOverdue, SECTION)})`, legend: 'Quá hạn' }],
    thresholds: ZERO_IS_GOOD(),
    background: true,
    decimals: 0,
    w: 4,
  });
}

function statusBySection() {
  return tablePanel({
    title: 'Nhiệm vụ theo phần và trạng thái',
    description:
      'Số nhiệm vụ của từng phần kế hoạch (I–VII) theo trạng thái cập nhật gần nhất. Dòng cuối là tổng.',
    queries: [{ expr: `sum by (section, status) (${db(tasks, SECTION)})`, legend: '{{section}} {{status}}' }],
    transformations: [
      {
        id: 'groupingToMatrix',
        options: { columnField: 'status', rowField: 'section', valueField: 'Value' },
      },
      {
        id: 'organize',
        options: {
          renameByName: { 'section\\status': 'Phần', ...STATUS_TEXT },
          indexByName: { 'section\\status': 0, ...STATUS_ORDER },
        },
      },
    ],
    w: 12,
  });
}

function statusOverTime() {
  return timeseriesPanel({
    title: 'Diễn biến trạng thái nhiệm vụ',
    description: 'Số nhiệm vụ theo trạng thái theo thời gian (các phần đã chọn).',
    queries: PLAN_TASK_STATUSES.map((s) => ({
      expr: `sum(${db(tasks, SECTION, `status="${s}"`)})`,
      legend: STATUS_TEXT[s],
    })),
    stacked: true,
    w: 12,
  });
}

function byLeadUnit() {
  const m = Metrics.planLeadUnitTasks;
  return barPanel({
    title: 'Nhiệm vụ hoàn thành theo đơn vị chủ trì',
    description:
      'Số nhiệm vụ đã hoàn thành trên tổng số nhiệm vụ do từng đơn vị chủ trì (một nhiệm vụ có nhiều đơn vị chủ trì được tính cho mỗi đơn vị).',
    queries: [
      {
        expr: `sort_desc(sum by (unit) (${db(m, 'status="completed"')}) / (sum by (unit) (${db(m)}) > 0))`,
        legend: '{{unit}}',
      },
    ],
    unit: 'percentunit',
    min: 0,
    max: 1,
    thresholds: steps({ value: null, color: RED }, { value: 0.5, color: ORANGE }, { value: 1, color: GREEN }),
  });
}

function leadUnitTable() {
  const m = Metrics.planLeadUnitTasks;
  return tablePanel({
    title: 'Nhiệm vụ theo đơn vị chủ trì và trạng thái',
    description: 'Số nhiệm vụ do từng đơn vị chủ trì theo trạng thái cập nhật gần nhất.',
    queries: [{ expr: `sum by (unit, status) (${db(m)})`, legend: '{{unit}} {{status}}' }],
    transformations: [
      { id: 'groupingToMatrix', options: { columnField: 'status', rowField: 'unit', valueField: 'Value' } },
      {
        id: 'organize',
        options: {
          renameByName: { 'unit\\status': 'Đơn vị chủ trì', ...STATUS_TEXT },
          indexByName: { 'unit\\status': 0, ...STATUS_ORDER },
        },
      },
    ],
    w: 12,
  });
}

function pendingReviewTotal() {
  return statPanel({
    title: 'Báo cáo chờ Văn phòng duyệt',
    description: 'Số nhiệm vụ có báo cáo tiến độ đơn vị đã gửi, đang chờ Văn phòng Sở duyệt.',
    queries: [{ expr: `sum(${db(Metrics.planPendingReview)})`, legend: 'Chờ duyệt' }],
    thresholds: steps({ value: null, color: GREEN }, { value: 1, color: ORANGE }),
    decimals: 0,
    w: 4,
  });
}

function pendingReviewByUnit() {
  return barPanel({
    title: 'Báo cáo chờ duyệt theo đơn vị chủ trì',
    description: 'Số nhiệm vụ có báo cáo tiến độ đang chờ Văn phòng Sở duyệt, theo đơn vị chủ trì.',
    queries: [
      {
        expr: `sort_desc(sum by (unit) (${db(Metrics.planPendingReview)}))`,
        legend: '{{unit}}',
      },
    ],
    thresholds: ZERO_IS_GOOD(),
  });
}

function missingReportsByUnit() {
  return barPanel({
    title: 'Nhiệm vụ chưa báo cáo theo đơn vị chủ trì',
    description:
      'Số nhiệm vụ chưa có báo cáo tiến độ được duyệt cho kỳ báo cáo hiện tại ("Chưa báo cáo"), theo đơn vị chủ trì.',
    queries: [
      {
        expr: `sort_desc(sum by (unit) (${db(Metrics.planLeadUnitTasks, 'status="not_reported"')}))`,
        legend: '{{unit}}',
      },
    ],
    thresholds: ZERO_IS_GOOD(),
  });
}

function overdueBySection() {
  return barPanel({
    title: 'Nhiệm vụ quá hạn theo phần',
    description: 'Nhiệm vụ đã hết thời gian thực hiện mà chưa hoàn thành, theo phần kế hoạch.',
    queries: [
      { expr: `sum by (section) (${db(Metrics.planTasksOverdue, SECTION)})`, legend: 'Phần {{section}}' },
    ],
    thresholds: ZERO_IS_GOOD(),
  });
}

function dueVsCompleted() {
  return barPanel({
    title: 'Nhiệm vụ đến hạn theo phần',
    description: 'Nhiệm vụ có thời gian thực hiện kết thúc trước hoặc vào hôm nay, theo phần kế hoạch.',
    queries: [
      { expr: `sum by (section) (${db(Metrics.planTasksDue, SECTION)})`, legend: 'Phần {{section}}' },
    ],
  });
}

function budgetTotal() {
  return statPanel({
    title: 'Kinh phí kế hoạch',
    description: 'Tổng kinh phí dự kiến của kế hoạch năm (các phần đã chọn).',
    queries: [{ expr: `sum(${db(Metrics.planBudgetPlanned, SECTION)})`, legend: 'Kinh phí' }],
    unit: 'currencyVND',
    w: 4,
  });
}

function budgetBySection() {
  return barPanel({
    title: 'Kinh phí kế hoạch theo phần',
    description: 'Kinh phí dự kiến của từng phần kế hoạch (đồng).',
    queries: [
      { expr: `sum by (section) (${db(Metrics.planBudgetPlanned, SECTION)})`, legend: 'Phần {{section}}' },
    ],
    unit: 'currencyVND',
    w: 24,
    h: 7,
  });
}

export function planProgressDashboard(): DashboardBuilder {
  return baseDashboard(
    PLAN_PROGRESS_UID,
    'Tiến độ kế hoạch CCHC',
    'Tiến độ thực hiện Kế hoạch cải cách hành chính năm của Sở: nhiệm vụ theo trạng thái, phần, đơn vị chủ trì, báo cáo chờ duyệt và chưa báo cáo, nhiệm vụ quá hạn và kinh phí.',
  )
    .withVariable(labelVariable('section', 'Phần kế hoạch', tasks.name, 'section'))
    .withRow(new RowBuilder('Tổng hợp'))
    .withPanel(totalTasks())
    .withPanel(statusCount('completed'))
    .withPanel(statusCount('in_progress'))
    .withPanel(statusCount('not_started'))
    .withPanel(overdueTotal())
    .withPanel(budgetTotal())
    .withPanel(statusBySection())
    .withPanel(statusOverTime())
    .withRow(new RowBuilder('Đơn vị chủ trì'))
    .withPanel(byLeadUnit())
    .withPanel(leadUnitTable())
    .withRow(new RowBuilder('Báo cáo tiến độ'))
    .withPanel(pendingReviewTotal())
    .withPanel(pendingReviewByUnit())
    .withPanel(missingReportsByUnit())
    .withRow(new RowBuilder('Thời hạn và kinh phí'))
    .withPanel(overdueBySection())
    .withPanel(dueVsCompleted())
    .withPanel(budgetBySection());
}
