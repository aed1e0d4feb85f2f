// Behaviour Rocket.Chat's own REST end-to-end tests (RocketChat/Rocket.Chat,
// apps/meteor/tests/end-to-end/api/) showed the sandbox answering differently; each `it` names the
// upstream file and test title whose assertions it ports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from './server';
import { call, startLikeRocketChatCi } from './test-helpers';

let sb: SandboxHandle;
let admin: Record<string, string>;
let demo: Record<string, string>;

const post = (path: string, headers: Record<string, string> | undefined, body: unknown) =>
  call(sb.url, 'POST', path, { ...(headers && { headers }), body });

beforeAll(async () => {
  ({ sb, admin, demo } = await startLikeRocketChatCi());
});
afterAll(async () => {
  await sb.close();
});

describe('users (users.ts)', () => {
  for (const name of ['admin', 'administrator', 'system', 'user']) {
    it(`users.ts "should not update an user's basic info if the new username is the reserved word ${name}"`, async () => {
      const r = await post('/api/v1/users.updateOwnBasicInfo', demo, { data: { username: name } });
      expect(r.status).toBe(400);
      expect(r.json.success).toBe(false);
      expect(r.json.error).toBe('Could not save user identity [error-could-not-save-identity]');
    });
  }

  it('users.ts "should throw an error when the name is only whitespaces"', async () => {
    const r = await post('/api/v1/users.updateOwnBasicInfo', demo, { data: { name: '  ' } });
    expect(r.status).toBe(400);
    expect(r.json.success).toBe(false);
  });

  it('users.ts "should throw an error if not allowed to change real name"', async () => {
    await post('/api/v1/settings/Accounts_AllowRealNameChange', admin, { value: false });
    try {
      const r = await post('/api/v1/users.updateOwnBasicInfo', demo, { data: { name: 'edited name' } });
      expect(r.status).toBe(400);
      expect(r.json.success).toBe(false);
    } finally {
      await post('/api/v1/settings/Accounts_AllowRealNameChange', admin, { value: true });
    }
  });

  it('users.ts "[/users.register]": name checked before the username, with the real messages', async () => {
    const bad = await post('/api/v1/users.register', undefined, {
      username: 'taken-or-not',
      email: 'reg1@example.com',
      pass: 'x',
      name: '<script>',
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('Name contains invalid characters');
    const taken = await post('/api/v1/users.register', undefined, {
      username: 'demo',
      email: 'reg2@example.com',
      pass: 'x',
      name: 'Someone',
    });
    expect(taken.json.error).toBe('Username is already in use');
    const invalid = await post('/api/v1/users.register', undefined, {
      username: 'no spaces allowed',
      email: 'reg3@example.com',
      pass: 'x',
      name: 'Someone',
    });
    expect(invalid.json.error).toBe('The username provided is not valid');
    const signedIn = await post('/api/v1/users.register', demo, {
      username: 'fresh-name',
      email: 'reg4@example.com',
      pass: 'x',
      name: 'Someone',
    });
    // users.register is a public route: Rocket.Chat does not read the caller's token there, and its
    // tests' registerUser() helper sends the admin's headers and expects the new user back.
    expect(signedIn.status).toBe(200);
    expect(signedIn.json.user).toMatchObject({ username: 'fresh-name' });
  });

  it('users.ts "should return an error when the user try to update user status with an invalid status"', async () => {
    const r = await post('/api/v1/users.setStatus', demo, { status: 'invalid' });
    expect(r.status).toBe(400);
    expect(r.json.success).toBe(false);
    expect(r.json.errorType).toBe('error-invalid-status');
    expect(r.json.error).toBe(
      'Valid status types include online, away, offline, and busy. [error-invalid-status]',
    );
  });

  it('users.ts "should return an error when user changes status to offline and Accounts_AllowInvisibleStatusOption is disabled"', async () => {
    await post('/api/v1/settings/Accounts_AllowInvisibleStatusOption', admin, { value: false });
    try {
      const r = await post('/api/v1/users.setStatus', demo, { status: 'offline' });
      expect(r.status).toBe(400);
      expect(r.json.errorType).toBe('error-status-not-allowed');
    } finally {
      await post('/api/v1/settings/Accounts_AllowInvisibleStatusOption', admin, { value: true });
    }
  });
});

describe('miscellaneous (miscellaneous.ts)', () => {
  it('miscellaneous.ts "/me": settings.preferences has exactly the 8.x keys, isOAuthUser, services.password.exists', async () => {
    const r = await call(sb.url, 'GET', '/api/v1/me', { headers: demo });
    expect(r.status).toBe(200);
    const prefs = (r.json.settings as { preferences: Record<string, unknown> }).preferences;
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'alsoSendThreadToChannel',
        'newRoomNotification',
        'newMessageNotification',
        'showThreadsInMainChannel',
        'useEmojis',
        'convertAsciiEmoji',
        'saveMobileBandwidth',
        'collapseMediaByDefault',
        'autoImageLoad',
        'emailNotificationMode',
        'unreadAlert',
        'masterVolume',
        'notificationsSoundVolume',
        'voipRingerVolume',
        'omnichannelTranscriptEmail',
        'desktopNotifications',
        'pushNotifications',
        'enableAutoAway',
        'desktopNotificationRequireInteraction',
        'hideUsernames',
        'hideRoles',
        'displayAvatars',
        'hideFlexTab',
        'sendOnEnter',
        'idleTimeLimit',
        'sidebarShowFavorites',
        'sidebarShowUnread',
        'themeAppearence',
        'sidebarSortby',
        'sidebarViewMode',
        'sidebarDisplayAvatar',
        'sidebarGroupByType',
        'sidebarSectionsOrder',
        'muteFocusedConversations',
        'notifyCalendarEvents',
        'enableMobileRinging',
        'featuresPreview',
      ].sort(),
    );
    expect(r.json.isOAuthUser).toBe(false);
    expect((r.json.services as { password: { exists: boolean } }).password.exists).toBe(true);
  });

  it('miscellaneous.ts "/info": major.minor signed out, full version for an admin', async () => {
    const anon = await call(sb.url, 'GET', '/api/info');
    expect(anon.json).toEqual({ version: '8.1', success: true });
    const asAdmin = await call(sb.url, 'GET', '/api/info', { headers: admin });
    expect(asAdmin.json.version).toBe('8.1.0');
    expect(asAdmin.json).toHaveProperty('info');
  });
});

describe('chat (chat.ts)', () => {
  const generalId = async (): Promise<string> => {
    const r = await call(sb.url, 'GET', '/api/v1/channels.info?roomName=general', { headers: admin });
    return (r.json.channel as { _id: string })._id;
  };

  it('chat.ts "[/chat.sendMessage]": extra keys inside message are accepted (only the top level is closed)', async () => {
    const rid = await generalId();
    const ok = await post('/api/v1/chat.sendMessage', admin, {
      message: { rid, msg: 'hello', t: 'x-extra', foo: 1 },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.success).toBe(true);
    const top = await post('/api/v1/chat.sendMessage', admin, { message: { rid, msg: 'hello' }, foo: 1 });
    expect(top.status).toBe(400);
    expect(top.json.error).toBe('must NOT have additional properties [invalid-params]');
  });

  it('chat.ts "should throw an error when the user does not have the message-impersonate permission" (alias/avatar)', async () => {
    const rid = await generalId();
    const alias = await post('/api/v1/chat.sendMessage', admin, {
      message: { rid, msg: 'x', alias: 'Someone' },
    });
    expect(alias.status).toBe(400);
    expect(alias.json).toEqual({ success: false, error: 'Not enough permission' });
    const avatar = await post('/api/v1/chat.postMessage', admin, {
      channel: '#general',
      text: 'x',
      avatar: 'http://res.guggy.com/logo_128.png',
    });
    expect(avatar.status).toBe(400);
    await post('/api/v1/permissions.update', admin, {
      permissions: [{ _id: 'message-impersonate', roles: ['bot', 'app', 'admin'] }],
    });
    try {
      const allowed = await post('/api/v1/chat.sendMessage', admin, {
        message: { rid, msg: 'x', alias: 'Someone' },
      });
      expect(allowed.status).toBe(200);
      expect((allowed.json.message as { alias: string }).alias).toBe('Someone');
    } finally {
      await post('/api/v1/permissions.update', admin, {
        permissions: [{ _id: 'message-impersonate', roles: ['bot', 'app'] }],
      });
    }
  });

  it('chat.ts "should not allow sending custom fields when Message_CustomFields_Enabled is disabled"', async () => {
    const rid = await generalId();
    const r = await post('/api/v1/chat.sendMessage', admin, {
      message: { rid, msg: 'x', customFields: { field1: 'v' } },
    });
    expect(r.status).toBe(400);
    expect(r.json.success).toBe(false);
  });

  it('chat.ts "[/chat.postMessage] attachments": wrongly typed title_link_download, fields, message_link are refused', async () => {
    for (const attachment of [
      { title: 'T', title_link: 'https://youtube.com', title_link_download: 'not a boolean' },
      { title: 'T', fields: 'not an array' },
      { title: 'T', message_link: 12 },
      { title: 'T', fields: [{ short: 'yes', title: 'x', value: 'y' }] },
      { title: 'T', title_link: 'javascript:alert(1)' },
    ]) {
      const r = await post('/api/v1/chat.postMessage', admin, {
        channel: '#general',
        text: 'x',
        attachments: [attachment],
      });
      expect(r.status, JSON.stringify(attachment)).toBe(400);
      expect(r.json.success).toBe(false);
    }
    const fine = await post('/api/v1/chat.postMessage', admin, {
      channel: '#general',
      text: 'x',
      attachments: [
        { title: 'T', title_link: 'https://youtube.com', fields: [{ short: true, title: 'a', value: 1 }] },
      ],
    });
    expect(fine.status).toBe(200);
  });
});

describe('channels (channels.ts)', () => {
  it('channels.ts "[/channels.setTopic]": topic "" clears the topic; a missing key is refused', async () => {
    const created = await post('/api/v1/channels.create', admin, { name: 'topic-clear-check' });
    const roomId = (created.json.channel as { _id: string })._id;
    expect((await post('/api/v1/channels.setTopic', admin, { roomId, topic: 'first' })).status).toBe(200);
    const cleared = await post('/api/v1/channels.setTopic', admin, { roomId, topic: '' });
    expect(cleared.status).toBe(200);
    expect(cleared.json).toEqual({ topic: '', success: true });
    const info = await call(sb.url, 'GET', `/api/v1/channels.info?roomId=${roomId}`, { headers: admin });
    expect((info.json.channel as { topic?: string }).topic).toBe('');
    const missing = await post('/api/v1/channels.setTopic', admin, { roomId });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toBe('The bodyParam "topic" is required');
  });
});
