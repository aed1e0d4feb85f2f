/** Export of merged items as JSON, NDJSON and CSV (RFC 4180, formula-injection safe). */
export * from './export';
