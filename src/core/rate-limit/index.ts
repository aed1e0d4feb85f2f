/**
 * Rate-limit gauge logic: header parsing, the per server + route + method window model,
 * 429 parsing, countdowns and fetch-all pacing. Pure TypeScript; time is always an argument.
 */
export * from './headers';
export * from './too-many-requests';
export * from './model';
export * from './pacing';
