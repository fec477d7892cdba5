import { Injectable } from '@nestjs/common';
import { Metrics } from '@cchc/contracts';
import { counter, histogram } from '@cchc/observability';

export type ReportFormat = 'json' | 'xlsx' | 'docx';

/** Report generation count and duration by format (the metric catalog's reporting entries). */
@Injectable()
export class ReportsMetrics {
  private readonly generated = counter(Metrics.reportsGenerated);
  private readonly duration = histogram(Metrics.reportGenerationDuration);

  /** Runs one generation, counting its outcome and timing it whether it succeeds or not. */
  async measure<T>(format: ReportFormat, generate: () => Promise<T>): Promise<T> {
    const end = this.duration.startTimer({ format });
    try {
      const result = await generate();
      this.generated.inc({ format, outcome: 'success' });
      return result;
    } catch (e) {
      this.generated.inc({ format, outcome: 'error' });
      throw e;
    } finally {
      end();
    }
  }
}
