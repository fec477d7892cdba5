export { PlatformModule } from './platform.module';
export { startServiceHost, runServiceProcess } from './service-host';
export type { ServiceHost } from './service-host';
export { consoleDir, mountConsole } from './console-static';
export { DomainErrorFilter } from './domain-error.filter';
