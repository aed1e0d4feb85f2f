// Contract tests ported from Rocket.Chat's own REST end-to-end tests (RocketChat/Rocket.Chat,
// apps/meteor/tests/end-to-end/api/): each `it` names its source file and test title. These cover the
// users.* routes and the settings those suites toggle in their setup hooks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, login, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;

beforeAll(async () => {
  ({ sb, admin } = await startLikeRocketChatCi());
});
afterAll(async () => {
  await sb.close();
});

describe('settings the suites toggle (permissions.helper.ts updateSetting)', () => {
  // Each id is one a setup hook sets with updateSetting(), which expects 200; with the sandbox not
  // knowing the id, the hook failed and every test behind it never ran.
  const toggles: [string, unknown, string][] = [
    [
      'Accounts_CustomFields',
      '{"customFieldText":{"type":"text","required":false}}',
      'users.ts [/users.create]',
    ],
    ['Accounts_AllowUserAvatarChange', false, 'users.ts Avatars'],
    ['Message_ShowDeletedStatus', true, 'chat.ts [/chat.delete]'],
    ['Message_AllowBadWordsFilter', true, 'chat.ts bad words filter'],
    ['Message_BadWordsFilterList', 'badword', 'chat.ts bad words filter'],
    ['API_Enable_Shields', false, 'miscellaneous.ts [/shield.svg]'],
    ['Log_Trace_Methods', true, 'miscellaneous.ts [/stdout.queue]'],
    ['Log_Level', '2', 'miscellaneous.ts [/stdout.queue]'],
    ['Accounts_PasswordReset', false, 'users.ts [/users.forgotPassword]'],
    ['SMTP_Host', '', 'users.ts [/users.sendWelcomeEmail]'],
    ['API_Apply_permission_view-outside-room_on_users-list', true, 'users.ts [/users.list]'],
    ['FileUpload_Restrict_to_room_members', false, 'rooms.ts file access'],
  ];
  for (const [id, value, where] of toggles) {
    it(`${where}: POST settings/${id} answers 200 and GET reads the value back`, async () => {
      const r = await call(sb.url, 'POST', `/api/v1/settings/${id}`, { headers: admin, body: { value } });
      expect(r.status).toBe(200);
      expect(r.json).toEqual({ success: true });
      const back = await call(sb.url, 'GET', `/api/v1/settings/${id}`, { headers: admin });
      expect(back.json).toMatchObject({ _id: id, value });
    });
  }
});

describe('users.update (users.ts)', () => {
  let targetId: string;
  beforeAll(async () => {
    const r = await call(sb.url, 'POST', '/api/v1/users.create', {
      headers: admin,
      body: {
        email: 'update.target@example.com',
        name: 'Target',
        username: 'update.target',
        password: 'pass1234',
      },
    });
    targetId = (r.json.user as { _id: string })._id;
  });
  const update = (data: Record<string, unknown>, userId = targetId) =>
    call(sb.url, 'POST', '/api/v1/users.update', { headers: admin, body: { userId, data } });

  it('users.ts "should return an error when trying to set a nickname longer than 120 characters"', async () => {
    const r = await update({ nickname: 'n'.repeat(121) });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('Nickname size exceeds 120 characters [error-nickname-size-exceeded]');
  });

  it('users.ts "should return an error when trying to set a bio longer than 260 characters"', async () => {
    const r = await update({ bio: 'b'.repeat(261) });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('Bio size exceeds 260 characters [error-bio-size-exceeded]');
  });

  it('users.ts "should return an error when trying to upsert a user by sending an empty userId"', async () => {
    const r = await update({}, '');
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      errorType: 'invalid-params',
      error: 'must NOT have fewer than 1 characters [invalid-params]',
    });
  });

  it('users.ts "should return an error when trying to use the joinDefaultChannels param, which is not intended for updates"', async () => {
    const r = await update({ joinDefaultChannels: true });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({
      errorType: 'invalid-params',
      error: 'must NOT have additional properties [invalid-params]',
    });
  });

  it('users.ts "should verify user\'s email by userId"', async () => {
    const r = await update({ verified: true });
    expect(r.status).toBe(200);
    expect((r.json.user as { emails: { verified: boolean }[] }).emails[0]?.verified).toBe(true);
  });
});

describe('users.checkUsernameAvailability and users.setStatus (users.ts)', () => {
  it('users.ts [/users.checkUsernameAvailability] 401 logged out; true for your own or a free name; 400 without username', async () => {
    expect((await call(sb.url, 'GET', '/api/v1/users.checkUsernameAvailability')).status).toBe(401);
    const own = await call(sb.url, 'GET', '/api/v1/users.checkUsernameAvailability?username=admin', {
      headers: admin,
    });
    expect(own.json).toEqual({ result: true, success: true });
    const free = await call(sb.url, 'GET', '/api/v1/users.checkUsernameAvailability?username=nobody.yet', {
      headers: admin,
    });
    expect(free.json).toEqual({ result: true, success: true });
    const taken = await call(sb.url, 'GET', '/api/v1/users.checkUsernameAvailability?username=demo', {
      headers: admin,
    });
    expect(taken.json).toEqual({ result: false, success: true });
    const missing = await call(sb.url, 'GET', '/api/v1/users.checkUsernameAvailability', { headers: admin });
    expect(missing.status).toBe(400);
    expect(missing.json.success).toBe(false);
  });

  it('users.ts [/users.setStatus] "should return an error when the payload is missing all supported fields"', async () => {
    const r = await call(sb.url, 'POST', '/api/v1/users.setStatus', { headers: admin, body: {} });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('Match error: Failed Match.OneOf, Match.Maybe or Match.Optional validation');
  });
});

describe('users.updateOwnBasicInfo [Password Policy] (users.ts)', () => {
  let creds: Record<string, string>;
  const setting = (id: string, value: unknown) =>
    call(sb.url, 'POST', `/api/v1/settings/${id}`, { headers: admin, body: { value } });
  beforeAll(async () => {
    await call(sb.url, 'POST', '/api/v1/users.create', {
      headers: admin,
      body: {
        email: 'policy.user@example.com',
        name: 'Policy',
        username: 'policy.user',
        password: 'pass1234',
      },
    });
    creds = await login(sb.url, 'policy.user', 'pass1234');
    await setting('Accounts_Password_Policy_Enabled', true);
    await setting('Accounts_TwoFactorAuthentication_Enabled', false);
  });
  afterAll(async () => {
    await setting('Accounts_Password_Policy_Enabled', false);
    await setting('Accounts_TwoFactorAuthentication_Enabled', true);
  });
  const change = (newPassword: string) =>
    call(sb.url, 'POST', '/api/v1/users.updateOwnBasicInfo', {
      headers: creds,
      body: { data: { currentPassword: 'not-checked-with-2fa-off', newPassword } },
    });
  const cases: [string, string][] = [
    ['2', 'minLength'],
    ['A@123aaaa', 'repeatingCharacters'],
    ['PASSWORD@123', 'oneLowercase'],
    ['password@123', 'oneUppercase'],
    ['Password@', 'oneNumber'],
    ['Password123', 'oneSpecial'],
  ];
  for (const [pw, rule] of cases) {
    it(`users.ts "[Password Policy] should throw an error ..." (${rule})`, async () => {
      const r = await change(pw);
      expect(r.status).toBe(400);
      expect(r.json.errorType).toBe('error-password-policy-not-met');
      expect((r.json.details as { error: string }[]).map((d) => d.error)).toContain(
        `error-password-policy-not-met-${rule}`,
      );
    });
  }
  it('users.ts "[Password Policy] should be able to update if the password meets all the validation rules"', async () => {
    const r = await change('123Abc@!');
    expect(r.status).toBe(200);
    expect(r.json.success).toBe(true);
  });
});

describe('reserved usernames (users.ts)', () => {
  for (const name of ['admin', 'administrator', 'system', 'user']) {
    it(`users.ts "[/users.create] should not create a new user if username is the reserved word ${name}"`, async () => {
      const r = await call(sb.url, 'POST', '/api/v1/users.create', {
        headers: admin,
        body: {
          email: `reserved.${name}@example.com`,
          name: 'Reserved',
          username: name,
          password: 'pass1234',
        },
      });
      expect(r.status).toBe(400);
      expect(r.json.error).toBe(`${name} is blocked and can't be used! [error-blocked-username]`);
    });
  }
  it('users.ts "[/users.update] should not update an user if the new username is the reserved word system"', async () => {
    const created = await call(sb.url, 'POST', '/api/v1/users.create', {
      headers: admin,
      body: { email: 'renamed@example.com', name: 'Renamed', username: 'renamed', password: 'pass1234' },
    });
    const r = await call(sb.url, 'POST', '/api/v1/users.update', {
      headers: admin,
      body: { userId: (created.json.user as { _id: string })._id, data: { username: 'system' } },
    });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('Could not save user identity [error-could-not-save-identity]');
  });
});
