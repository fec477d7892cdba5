/** Name of tthc-metrics' DataSource (its `tthc` schema): `@InjectDataSource(TTHC_CONNECTION)`. */
export const TTHC_CONNECTION = 'tthc';
