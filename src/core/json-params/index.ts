/**
 * The `query`, `fields` and `sort` parameters: parsing with positions, Rocket.Chat's rules,
 * JSON Schemas for the editors, encoding for the URL, server-version rules, and checking /
 * applying them against returned items with mingo.
 */
export * from './parse';
export * from './rules';
export * from './check';
export * from './check-query';
export * from './schemas';
export * from './encode';
export * from './version';
export * from './verify';
