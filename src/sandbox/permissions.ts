// Default role -> permission grants of a fresh Rocket.Chat (subset the sandbox's routes check), and
// the per-sandbox table `permissions.update` changes.
import type { UserDoc } from './types';

const GRANTS: Record<string, string[]> = {
  'access-permissions': ['admin'],
  'access-setting-permissions': ['admin'],
  'add-oauth-service': ['admin'],
  'add-user-to-any-c-room': ['admin'],
  'add-user-to-any-p-room': [],
  'add-user-to-joined-room': ['admin', 'owner', 'moderator'],
  'archive-room': ['admin', 'owner'],
  'unarchive-room': ['admin'],
  'ban-user': ['admin', 'owner', 'moderator'],
  'remove-user': ['admin', 'owner', 'moderator'],
  'set-moderator': ['admin', 'owner'],
  'set-owner': ['admin', 'owner'],
  'set-leader': ['admin', 'owner'],
  'pin-message': ['owner', 'moderator', 'admin'],
  'clean-channel-history': ['admin'],
  'create-team': ['admin', 'user'],
  'delete-team': ['admin', 'owner'],
  'edit-team': ['admin', 'owner'],
  'add-team-member': ['admin', 'owner', 'moderator'],
  'edit-team-member': ['admin', 'owner', 'moderator'],
  'add-team-channel': ['admin', 'owner', 'moderator'],
  'remove-team-channel': ['admin', 'owner', 'moderator'],
  'view-all-teams': ['admin'],
  'view-all-team-channels': ['admin', 'owner'],
  'move-room-to-team': ['admin', 'owner', 'moderator'],
  'create-team-channel': ['admin', 'owner', 'moderator'],
  'create-team-group': ['admin', 'owner', 'moderator'],
  'delete-team-channel': ['admin', 'owner', 'moderator'],
  'delete-team-group': ['admin', 'owner', 'moderator'],
  'convert-team': ['admin', 'owner'],
  'add-all-to-room': ['admin'],
  'kick-user-from-any-c-room': ['admin'],
  'kick-user-from-any-p-room': [],
  'leave-c': ['admin', 'user', 'bot', 'anonymous', 'app'],
  'leave-p': ['admin', 'user', 'bot', 'anonymous', 'app'],
  'manage-moderation-actions': ['admin'],
  'start-discussion': ['admin', 'user', 'guest', 'app'],
  'start-discussion-other-user': ['admin', 'user', 'owner', 'app'],
  'message-impersonate': ['bot', 'app'],
  'manage-integrations': ['admin'],
  'manage-incoming-integrations': ['admin'],
  'manage-own-incoming-integrations': ['admin'],
  'manage-outgoing-integrations': ['admin'],
  'manage-own-outgoing-integrations': ['admin'],
  'manage-emoji': ['admin'],
  'manage-user-status': ['admin'],
  'access-mailer': ['admin'],
  'view-statistics': ['admin'],
  'view-logs': ['admin'],
  'manage-assets': ['admin'],
  'manage-oauth-apps': ['admin'],
  'edit-other-user-avatar': ['admin'],
  'edit-other-user-e2ee': ['admin'],
  'edit-other-user-totp': ['admin'],
  'access-marketplace': ['admin', 'user'],
  'manage-apps': ['admin'],
  'preview-c-room': ['admin', 'user', 'anonymous'],
  'join-without-join-code': ['admin', 'bot', 'app'],
  'toggle-room-e2e-encryption': ['owner', 'admin'],
  'api-bypass-rate-limit': ['admin', 'bot', 'app'],
  'view-d-room': ['admin', 'user', 'bot', 'app', 'guest'],
  'view-c-room': ['admin', 'user', 'bot', 'app', 'guest', 'anonymous'],
  'view-p-room': ['admin', 'user', 'bot', 'app', 'guest', 'anonymous'],
  'view-joined-room': ['guest', 'bot', 'app', 'anonymous'],
  'view-outside-room': ['admin', 'owner', 'moderator', 'user'],
  'view-room-administration': ['admin'],
  'view-user-administration': ['admin'],
  'view-full-other-user-info': ['admin'],
  'view-other-user-channels': ['admin'],
  'create-c': ['admin', 'user', 'bot', 'app'],
  'create-p': ['admin', 'user', 'bot', 'app'],
  'create-d': ['admin', 'user', 'bot', 'app'],
  'create-user': ['admin'],
  'edit-other-user-info': ['admin'],
  'edit-other-user-password': ['admin'],
  'edit-other-user-active-status': ['admin'],
  'assign-roles': ['admin'],
  'delete-user': ['admin'],
  'edit-room': ['admin', 'owner', 'moderator'],
  'delete-c': ['admin', 'owner'],
  'delete-p': ['admin', 'owner'],
  'delete-d': ['admin'],
  'edit-message': ['admin', 'owner', 'moderator'],
  'delete-message': ['admin', 'owner', 'moderator'],
  'force-delete-message': ['admin', 'owner'],
  'delete-own-message': ['admin', 'user'],
  'create-personal-access-tokens': ['admin', 'user'],
  'view-privileged-setting': ['admin'],
  'edit-privileged-setting': ['admin'],
  'post-readonly': ['admin', 'owner', 'moderator'],
  'set-readonly': ['admin', 'owner'],
  'set-react-when-readonly': ['admin', 'owner'],
  'mute-user': ['admin', 'owner', 'moderator'],
  'mention-all': ['admin', 'owner', 'moderator', 'user'],
  'mail-messages': ['admin'],
  'logout-other-user': ['admin'],
  'view-broadcast-member-list': ['admin', 'owner', 'moderator'],
};

/** The roles of a fresh server (`roles.list`); `protected` ones cannot be deleted. */
export const DEFAULT_ROLES: ReadonlyArray<{
  _id: string;
  scope: 'Users' | 'Subscriptions';
  description: string;
}> = [
  { _id: 'admin', scope: 'Users', description: 'Admin' },
  { _id: 'moderator', scope: 'Subscriptions', description: 'Moderator' },
  { _id: 'leader', scope: 'Subscriptions', description: 'Leader' },
  { _id: 'owner', scope: 'Subscriptions', description: 'Owner' },
  { _id: 'user', scope: 'Users', description: '' },
  { _id: 'bot', scope: 'Users', description: '' },
  { _id: 'app', scope: 'Users', description: '' },
  { _id: 'guest', scope: 'Users', description: '' },
  { _id: 'anonymous', scope: 'Users', description: '' },
  { _id: 'livechat-agent', scope: 'Users', description: 'Livechat Agent' },
  { _id: 'livechat-manager', scope: 'Users', description: 'Livechat Manager' },
  { _id: 'livechat-monitor', scope: 'Users', description: 'Livechat Monitor' },
];

/** One sandbox's permission -> roles table, starting from the defaults; permissions.update edits it. */
export class Grants {
  private readonly table = new Map<string, { roles: string[]; updatedAt: Date }>();
  readonly roles = new Set(DEFAULT_ROLES.map((r) => r._id));

  constructor(readonly createdAt: Date = new Date(0)) {
    for (const [id, roles] of Object.entries(GRANTS))
      this.table.set(id, { roles: [...roles], updatedAt: createdAt });
  }

  has(permission: string): boolean {
    return this.table.has(permission);
  }

  rolesOf(permission: string): readonly string[] | undefined {
    return this.table.get(permission)?.roles;
  }

  setRoles(permission: string, roles: string[]): void {
    this.table.set(permission, { roles: [...new Set(roles)], updatedAt: new Date() });
  }

  docs(): Array<{ _id: string; roles: string[]; _updatedAt: Date }> {
    return [...this.table.keys()].sort().map((_id) => {
      const e = this.table.get(_id) as { roles: string[]; updatedAt: Date };
      return { _id, roles: [...e.roles], _updatedAt: e.updatedAt };
    });
  }
}

const DEFAULT_GRANTS = new Grants();
/**
 * Which sandbox's table a user document answers to: the Store binds each user it holds, so the many
 * existing `hasPermission(user, ...)` call sites need no sandbox handle and two sandboxes in one
 * process (the tests) never share a permissions.update.
 */
const userGrants = new WeakMap<UserDoc, Grants>();

export function bindGrants(user: UserDoc, grants: Grants): void {
  userGrants.set(user, grants);
}

export function rolesHavePermission(
  roles: readonly string[],
  permission: string,
  grants: Grants = DEFAULT_GRANTS,
): boolean {
  const allowed = grants.rolesOf(permission);
  return !!allowed && roles.some((r) => allowed.includes(r));
}

export function hasPermission(
  user: UserDoc | undefined,
  permission: string,
  roomRoles: readonly string[] = [],
): boolean {
  if (!user) return false;
  return rolesHavePermission(
    roomRoles.length ? [...user.roles, ...roomRoles] : user.roles,
    permission,
    userGrants.get(user),
  );
}

export function hasAllPermissions(user: UserDoc | undefined, permissions: readonly string[]): boolean {
  return permissions.every((p) => hasPermission(user, p));
}

export function hasAnyPermission(user: UserDoc | undefined, permissions: readonly string[]): boolean {
  return permissions.some((p) => hasPermission(user, p));
}

/** Permission documents of the defaults (`permissions.listAll` reads the sandbox's Grants). */
export function permissionDocs(updatedAt: Date): Array<{ _id: string; roles: string[]; _updatedAt: Date }> {
  return new Grants(updatedAt).docs();
}
