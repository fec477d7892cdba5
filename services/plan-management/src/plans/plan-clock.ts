import { Injectable } from '@nestjs/common';
import { localDate } from '@cchc/calendar';

/**
 * Today's date in Asia/Ho_Chi_Minh, behind an injectable so that statuses, reminders and gauges can
 * be shown to age past a due date under a fixed clock in tests.
 */
@Injectable()
export class PlanClock {
  today(): string {
    return localDate(new Date().toISOString());
  }
}
