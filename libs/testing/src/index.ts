export * from './kpi-reference';
