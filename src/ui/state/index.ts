// The explorer's shared state (the draft, the connection, the signed-in user): every feature reads it.
export * from './store';
