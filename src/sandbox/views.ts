// Projections of stored documents into API responses (getUserInfo, default user fields, the
// limited fields other users may see).
import type { Settings } from './settings';
import type { UserDoc } from './types';
import { hasPermission } from './permissions';

// Exactly the keys Rocket.Chat 8.x returns (its miscellaneous.ts "/me" test asserts all.keys).
export const DEFAULT_PREFERENCES = {
  alsoSendThreadToChannel: 'default',
  newRoomNotification: 'door',
  newMessageNotification: 'chime',
  showThreadsInMainChannel: false,
  useEmojis: true,
  convertAsciiEmoji: true,
  saveMobileBandwidth: true,
  collapseMediaByDefault: false,
  autoImageLoad: true,
  emailNotificationMode: 'mentions',
  unreadAlert: true,
  masterVolume: 100,
  notificationsSoundVolume: 100,
  voipRingerVolume: 100,
  omnichannelTranscriptEmail: false,
  desktopNotifications: 'all',
  pushNotifications: 'all',
  enableAutoAway: true,
  desktopNotificationRequireInteraction: false,
  hideUsernames: false,
  hideRoles: false,
  displayAvatars: true,
  hideFlexTab: false,
  sendOnEnter: 'normal',
  idleTimeLimit: 300,
  sidebarShowFavorites: true,
  sidebarShowUnread: false,
  themeAppearence: 'auto',
  sidebarSortby: 'activity',
  sidebarViewMode: 'medium',
  sidebarDisplayAvatar: true,
  sidebarGroupByType: true,
  sidebarSectionsOrder: [
    'Incoming_Calls',
    'Incoming_Livechats',
    'Open_Livechats',
    'On_Hold_Chats',
    'Unread',
    'Favorites',
    'Teams',
    'Discussions',
    'Channels',
    'Direct_Messages',
    'Conversations',
  ],
  muteFocusedConversations: true,
  notifyCalendarEvents: true,
  enableMobileRinging: false,
  featuresPreview: [],
};

/** Fields of getDefaultUserFields() (the logged-in user's own view). */
const OWN_FIELDS = [
  '_id',
  'name',
  'username',
  'nickname',
  'emails',
  'status',
  'statusDefault',
  'statusText',
  'statusConnection',
  'bio',
  'avatarOrigin',
  'utcOffset',
  'language',
  'settings',
  'enableAutoAway',
  'idleTimeLimit',
  'roles',
  'active',
  'defaultRoom',
  'customFields',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  '_updatedAt',
  'avatarETag',
  'type',
  'createdAt',
  'lastLogin',
];

export const avatarUrl = (settings: Settings, username: string): string =>
  `${settings.string('Site_Url').replace(/\/$/, '')}/avatar/${encodeURIComponent(username)}`;

function pickFields(user: UserDoc, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (user[f] !== undefined) out[f] = user[f];
  return out;
}

/** getUserInfo(): the body of /me and login's data.me. */
export function userInfo(settings: Settings, user: UserDoc): Record<string, unknown> {
  const base = pickFields(user, OWN_FIELDS);
  const verified = user.emails?.find((e) => e.verified) ?? user.emails?.[0];
  return {
    ...base,
    services: {
      password: { exists: !!user.services.password },
      ...(user.services.totp && { totp: { enabled: user.services.totp.enabled } }),
      ...(user.services.email2fa && { email2fa: { enabled: user.services.email2fa.enabled } }),
    },
    email: verified?.address,
    settings: { profile: {}, preferences: { ...DEFAULT_PREFERENCES, ...(user.settings?.preferences ?? {}) } },
    avatarUrl: avatarUrl(settings, user.username),
    isOAuthUser: false,
  };
}

/** Fields hidden from callers without view-full-other-user-info (API.v1.limitedUserFieldsToExclude). */
export const LIMITED_USER_FIELDS = [
  'avatarOrigin',
  'emails',
  'phone',
  'statusConnection',
  'createdAt',
  'lastLogin',
  'services',
  'requirePasswordChange',
  'requirePasswordChangeReason',
  'roles',
  'statusDefault',
  '_updatedAt',
  'settings',
  'inviteToken',
];
/** Hidden even from privileged callers. */
export const PRIVILEGED_USER_FIELDS = ['services', 'inviteToken'];

export function userFieldsToExclude(viewer: UserDoc | undefined): string[] {
  return hasPermission(viewer, 'view-full-other-user-info') ? PRIVILEGED_USER_FIELDS : LIMITED_USER_FIELDS;
}

/** A user document as users.list / users.info show it to the viewer. */
export function publicUser(user: UserDoc, exclude: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(user)) if (!exclude.includes(k) && v !== undefined) out[k] = v;
  return out;
}

/** users.list's default projection (matches what the real endpoint returns for each user). */
export const USERS_LIST_FIELDS = [
  '_id',
  'username',
  'name',
  'type',
  'status',
  'statusText',
  'active',
  'roles',
  'emails',
  'createdAt',
  'lastLogin',
  'nickname',
  'avatarETag',
  'utcOffset',
  '_updatedAt',
  'federated',
];
