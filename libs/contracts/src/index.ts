export * from './subjects';
export * from './kpis';
export * from './plans';
export * from './metric-names';
export * from './tthc-events';
export * from './service-index';
