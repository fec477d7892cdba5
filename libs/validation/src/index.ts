export { ZodValidationPipe } from './zod-validation.pipe';
export { formatIssues, formatPath } from './format-issues';
export { apiSchema } from './api-schema';
