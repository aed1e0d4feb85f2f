// Deterministic seed data.
import { fixedAccounts } from './accounts';
import type { Store } from './store';

export interface SeedOptions {
  users: number;
}

export function seed(store: Store, _options: SeedOptions): void {
  for (const u of fixedAccounts()) store.addUser(u);
}
