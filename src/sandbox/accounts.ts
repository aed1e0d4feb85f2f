// The documented fixed accounts. Their ids are stable so saved explorer requests keep working.
import { storePassword } from './auth';
import type { UserDoc } from './types';

export const TOTP_SECRET = 'JBSWY3DPEHPK3PXP';

const CREATED = new Date('2024-01-15T09:00:00.000Z');

function account(
  id: string,
  username: string,
  name: string,
  roles: string[],
  type: 'user' | 'bot' = 'user',
): UserDoc {
  return {
    _id: id,
    createdAt: CREATED,
    _updatedAt: CREATED,
    username,
    name,
    type,
    emails: [{ address: `${username}@sandbox.rocket.chat`, verified: true }],
    status: 'online',
    statusConnection: 'online',
    active: true,
    roles,
    utcOffset: 0,
    settings: { preferences: {} },
    services: { password: storePassword(username), resume: { loginTokens: [] } },
  };
}

export function fixedAccounts(): UserDoc[] {
  const totp = account('sandboxTotpUser01', 'totp', 'TOTP Tester', ['user']);
  totp.services.totp = { enabled: true, secret: TOTP_SECRET };
  return [
    account('sandboxAdminUser1', 'admin', 'Sandbox Admin', ['admin']),
    account('sandboxDemoUser01', 'demo', 'Demo User', ['user']),
    account('sandboxBotUser001', 'bot', 'Sandbox Bot', ['bot'], 'bot'),
    totp,
  ];
}

/**
 * Rocket.Cat, the bot every Rocket.Chat server creates at first start (server/startup/initialData.ts):
 * id and username `rocket.cat`, role bot, no password, so nobody signs in as it. Integrations and
 * Rocket.Chat's own tests address it by that id (invite it, make it a moderator, post as it).
 */
export function rocketCat(): UserDoc {
  const cat = account('rocket.cat', 'rocket.cat', 'Rocket.Cat', ['bot'], 'bot');
  delete cat.emails;
  cat.services = { resume: { loginTokens: [] } };
  cat.statusDefault = 'online';
  return cat;
}
