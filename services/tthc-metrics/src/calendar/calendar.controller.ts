import { Body, Controller, Get, Param, ParseIntPipe, Put, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CALENDAR_ENTRY_KINDS, type CalendarEntry } from '@cchc/calendar';
import { AuditService } from '@cchc/audit';
import { AllowRoles, CurrentPrincipal, READ_ROLES, type Principal } from '@cchc/auth';
import { apiSchema, ZodValidationPipe } from '@cchc/validation';
import { DomainErrorFilter } from '@cchc/platform';
import { CalendarService } from './calendar.service';

const entriesSchema = z.array(
  z.strictObject({
    date: z.iso.date('must be a YYYY-MM-DD date'),
    kind: z.enum(CALENDAR_ENTRY_KINDS as [CalendarEntry['kind'], ...CalendarEntry['kind'][]]),
    name: z.string().trim().min(1).max(200),
    note: z.string().trim().max(1000).optional(),
  }),
);

/** The working-day calendar (holidays, swaps, make-up Saturdays), editable per year by an admin. */
@ApiTags('tthc')
@ApiBearerAuth()
@UseFilters(DomainErrorFilter)
@Controller('api/v1/tthc/calendar')
export class CalendarController {
  constructor(
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
  ) {}

  @Get(':year')
  @AllowRoles(...READ_ROLES)
  get(@Param('year', ParseIntPipe) year: number) {
    return this.calendar.entries(year);
  }

  @Put(':year')
  @ApiBody({ schema: apiSchema(entriesSchema) })
  async replace(
    @Param('year', ParseIntPipe) year: number,
    @Body(new ZodValidationPipe(entriesSchema, 'calendar entries')) entries: CalendarEntry[],
    @CurrentPrincipal() principal: Principal,
  ) {
    const before = this.calendar.entries(year);
    const result = await this.calendar.replaceYear(year, entries);
    // Audit trail (architecture.md §6, revision 2).
    await this.audit.record({
      actor: principal,
      action: 'tthc.calendar.replaced',
      entity: 'tthc.calendar',
      entityId: String(year),
      before,
      after: result,
    });
    return result;
  }
}
